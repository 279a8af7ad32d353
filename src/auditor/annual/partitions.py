"""共N条，其中a条、b条…: parts that do not add up to their total.

Only where the parts are categories of the total (after 其中, 包括, 分别为): a list of publication
channels (网站 146 条，微信 115 条) counts the same items twice and is skipped, as are shares (%) and
breakdowns in brackets (含招标公告6条: a part of a part)."""
from __future__ import annotations

import re

from ..document import Text
from .issue import Issue
from .recognise import Profile

_TRIGGER = re.compile(r"(?:其中|包括|分别为|分别是)[:：，,]?")
_TOTAL = re.compile(r"(?:共|累计|合计|总计|总数|总量|全年|本年度?)[^。；，,\d]{0,14}?(\d+)\s*(条|件|项|个|篇)")
_PART = re.compile(r"(?<![\d.])(\d+)\s*(条|件|项|个|篇|次)(?![\d%])")
_BRACKETS = re.compile(r"（[^（）]*）|\([^()]*\)")
_CHANNELS = re.compile(r"网站|网络|微信|微博|公众号|平台|新媒体|客户端|公开栏|公告栏|政务服务|APP|报刊|广播|电视|%|占")


def check(profile: Profile, lines: list[str]) -> list:
    issues, checked = [], False
    for i, line in enumerate(lines):
        for trigger in _TRIGGER.finditer(line):
            found = _partition(line, trigger)
            if found is None:
                continue
            checked = True
            total, parts, end = found
            if parts == total:
                continue
            verdict = "partition-exceeds-total" if parts > total else "partition-short-of-total"
            issues.append(Issue(verdict, i, trigger.start(), end, Text(
                f"分项之和 {parts} 与总数 {total} 不符", f"the parts add up to {parts}, the total is {total}"),
                str(total)))
    profile.check("partitions", "failed" if issues else "passed" if checked else "not assessable")
    return issues


def _partition(line: str, trigger: re.Match) -> tuple[int, int, int] | None:
    """(total, sum of the parts, end of the parts) for the 其中 at `trigger`, if it is a partition."""
    before = line[max(0, trigger.start() - 120):trigger.start()]
    sentence_start = max(before.rfind("。", 0, len(before) - 1), before.rfind("；"))
    clause = before[sentence_start + 1:]
    if clause.strip("，,。 ") == "":  # 其中 opens a sentence: the total is in the one before
        clause = before[:sentence_start + 1]
    totals = list(_TOTAL.finditer(clause))
    if not totals:
        return None
    total, unit = int(totals[-1].group(1)), totals[-1].group(2)
    end = line.find("。", trigger.end())
    end = len(line) if end == -1 else end
    parts_text = _BRACKETS.sub("", line[trigger.end():end])
    if _CHANNELS.search(parts_text) or _TRIGGER.search(parts_text):
        return None
    parts = [(int(n), u) for n, u in _PART.findall(parts_text)]
    if len(parts) < 2 or not any(u == unit for _, u in parts):
        return None
    return total, sum(n for n, _ in parts), end

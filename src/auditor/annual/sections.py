"""The required sections of a report, by era (rules/report-format.yaml `sections`): present, missing
or empty, and where each one is.

A section is present when a heading at one of the era's outline levels has one of its words in its
title, or (for items reported without a heading of their own) when a sentence states it. Its body
runs from the end of its heading to the next heading of a section; it is empty when that body has no
Chinese character or digit at all (`无。` and `本年度未发生…` are statements: present). A table
section whose body has none of its table's words has no table.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .outline import Heading
from .recognise import spec
from .text import compact

_CONTENT = re.compile(r"[\u4e00-\u9fff0-9]")
# Where a heading's own words end when its body runs on without a break (三、依申请公开工作情况2018年未
# 收到申请。): the first of these words in the title. The first, not the last: a body that looks empty
# when it is not would be a false alarm.
_HEADING_END = re.compile("情况|事项|措施|概述|概况|安排|计划|打算")


@dataclass
class Section:
    key: str
    item: dict  # the YAML entry: article, headings, statement, required, table
    status: str  # present | missing | empty
    heading: Heading | None = None
    body: str = ""  # compact text from the heading to the next section
    last_line: int | None = None  # the body's last line (the next section's heading line, or the end)
    has_table: bool = False
    statement_line: int | None = None  # a stating sentence's line when there is no heading


def items(era: str) -> list[dict]:
    return spec()["sections"][era]["items"]


@lru_cache(maxsize=None)
def _heading_patterns(era: str) -> tuple[re.Pattern, list[tuple[str, re.Pattern]]]:
    """One pattern for any section word of `era` (most headings have none), then one per section."""
    per_key = [(item["key"], re.compile("|".join(item["headings"]))) for item in items(era)]
    return re.compile("|".join(p.pattern for _, p in per_key)), per_key


def section_headings(heads: list[Heading], era: str) -> list[tuple[Heading, list[str]]]:
    """The headings that open a section of `era`, each with the keys it opens."""
    s = spec()
    levels = s["sections"][era]["levels"]
    any_key, per_key = _heading_patterns(era)
    not_headings = re.compile(s["not_headings"])
    out = []
    for h in heads:
        if h.level not in levels or not any_key.search(h.title) or (h.level == 1 and not_headings.search(h.title)):
            continue
        out.append((h, [key for key, pattern in per_key if pattern.search(h.title)]))
    return out


def looks_like_report(lines: list[str], heads: list[Heading]) -> bool:
    """An annual report even without its title line: headings of at least three sections of one
    era's format, or a text that opens with 一、概述/总体情况 and speaks of 政府信息公开."""
    if any(len({k for _, keys in section_headings(heads, era) for k in keys}) >= 3 for era in spec()["sections"]):
        return True
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    return (bool(heads) and heads[0].line == first and heads[0].level == 1
            and bool(re.search(spec()["opening"], heads[0].title))
            and "政府信息公开" in compact("".join(lines[first:first + 5]))[:800])


def section_map(lines: list[str], heads: list[Heading], era: str, table_lines: set[int]) -> dict[str, Section]:
    """Each required section of `era` with its status. `table_lines`: lines that are table rows."""
    opened = section_headings(heads, era)
    out = {}
    for item in items(era):
        key = item["key"]
        candidates = [(h.level, i) for i, (h, keys) in enumerate(opened) if key in keys]
        if not candidates:
            out[key] = _by_statement(lines, item)
            continue
        # the outermost heading wins: 五、…行政复议… over （二）与行政复议有关的费用 under 收费
        index = min(candidates)[1]
        heading = opened[index][0]
        following = next((h for h, keys in opened[index + 1:] if key not in keys), None)
        body, rows = _body(lines, heading, following, table_lines)
        has_table = bool(rows) or bool(re.search(spec()["table_words"].get(key, "(?!)"), body))
        status = "present" if _CONTENT.search(body) or rows else "empty"
        out[key] = Section(key, item, status, heading, body, has_table=has_table,
                           last_line=following.line if following else len(lines) - 1)
    return out


def _by_statement(lines: list[str], item: dict) -> Section:
    pattern = item.get("statement")
    if pattern:
        for i, line in enumerate(lines):
            if re.search(pattern, compact(line)):
                return Section(item["key"], item, "present", statement_line=i)
    return Section(item["key"], item, "missing")


def _body(lines, heading: Heading, following: Heading | None, table_lines: set[int]) -> tuple[str, bool]:
    end_line = following.line if following else len(lines) - 1
    own_words = _HEADING_END.search(lines[heading.line], heading.start, heading.end)
    parts = []
    for i in range(heading.line, end_line + 1):
        a = (own_words.end() if own_words else heading.end) if i == heading.line else 0
        b = following.start if following and i == following.line else len(lines[i])
        parts.append(lines[i][a:b])
    rows = any(i in table_lines for i in range(heading.line + 1, end_line + (0 if following else 1)))
    return compact("\n".join(parts)), rows

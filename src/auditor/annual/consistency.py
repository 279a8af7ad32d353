"""Numbers in the text that restate a table cell must agree with it (regulations.md §3.6 A7).

Compared only where the meaning is clear (rules/report-format.yaml `restated`): 收到/受理 N 件 may
count the carried-over requests too, so N agrees with 一 or with 一 + 二; a number right after 其中
is a part, not the whole, and is skipped. The text is read with its lines joined (a PDF breaks
sentences anywhere), table rows left out.
"""
from __future__ import annotations

import re
from bisect import bisect_right

from ..document import Text
from .issue import Issue
from .recognise import Profile, spec


def check(profile: Profile, lines: list[str], tables, cells_of) -> list[Issue]:
    text, where = _prose(lines, cells_of)
    expected = _table_values(tables)
    issues, compared = [], False
    for item in spec()["restated"]:
        allowed = [expected.get(k) for k in item["table"]]
        if any(v is None for v in allowed):
            continue
        for m in re.finditer(item["text"], text):
            if re.search(r"其中[^。；]{0,6}$", text[max(0, m.start() - 8):m.start()]):
                continue
            compared = True
            said = int(m.group("n"))
            if said in allowed:
                continue
            line, start = where(m.start())
            _, end = where(m.end() - 1)
            shown = re.sub(r"\s+", "", m.group())
            table = "或".join(str(int(v)) for v in allowed)
            issues.append(Issue("text-table-mismatch", line, start, end + 1 if end >= start else start + 1, Text(
                f"正文“{shown}”与统计表不一致（{item['zh']}：{table}）",
                f"the text says “{shown}” but the table gives {table} ({item['en']})"), shown))
    profile.check("consistency:text-table", "failed" if issues else "passed" if compared else "not assessable")
    return issues


def _prose(lines: list[str], cells_of):
    """The lines that are not table rows, joined, and where(offset) -> (line, column)."""
    parts, starts, pos = [], [], 0
    for i, line in enumerate(lines):
        text = "\n" if cells_of(i) or line.count("|") >= 2 else line
        parts.append(text)
        starts.append(pos)
        pos += len(text)

    def where(offset: int) -> tuple[int, int]:
        i = bisect_right(starts, offset) - 1
        return i, offset - starts[i]
    return "".join(parts), where


def _table_values(tables) -> dict[str, float]:
    """The 总计 values the text may restate, by name (absent when the cell is not a number)."""
    out = {}
    requests = tables.requests
    if requests is not None:
        for key in ("new", "carried", "total", "forward"):
            row = requests.rows.get(key)
            if row is not None and len(row.values) == len(requests.columns) and row.values[-1].number is not None:
                out[key] = row.values[-1].number
        if "new" in out and "carried" in out:
            out["new+carried"] = out["new"] + out["carried"]
    appeals = tables.appeals
    if appeals is not None:
        totals = [appeals.values[k].number for k in (4, 9, 14)]
        if totals[0] is not None:
            out["review"] = totals[0]
        if totals[1] is not None and totals[2] is not None:
            out["litigation"] = totals[1] + totals[2]
    return out

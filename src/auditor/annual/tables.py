"""The statistics tables of a report, read from whatever form they arrived in.

A Word or HTML table gives rows with cells; a flattened text gives `a | b | c` rows, one cell per
line (with `|` lines between), or a PDF line with its numbers separated by spaces. Every form
becomes rows of (label, values): the values are the row's last cells that hold a number, a blank,
`/` or an unreadable token; the cells before them are the label. A row is known by its label
(rules/report-format.yaml `tables`), never by its position; columns follow the format's order, which
every real table keeps (the column labels of table 四 repeat, so position is all there is).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .recognise import spec
from .text import compact

_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
_VALUE = re.compile(r"-?\d+(?:\.\d+)?|/|／|-|—|－|\[unsegmented[:：][^\]]*\]")
_TRAILING = re.compile(r"(?:\s+(?:-?\d+(?:\.\d+)?|/|／))+\s*$")  # a PDF line: label, then its numbers


@dataclass
class Value:
    text: str  # as written ("" for a blank cell)
    line: int  # block index
    start: int
    end: int

    @property
    def number(self) -> float | None:
        return float(self.text) if _NUMBER.fullmatch(self.text) else None

    @property
    def kind(self) -> str:
        """number | blank (empty, / or -) | unreadable (a cell that ran together with its neighbour)"""
        if self.number is not None:
            return "number"
        return "unreadable" if self.text.startswith("[") else "blank"


@dataclass
class Row:
    line: int
    label: str  # compact
    values: list[Value] = field(default_factory=list)


def rows(lines: list[str], cells_of, first: int, last: int) -> list[Row]:
    """The table rows of lines first..last. `cells_of(i)` gives a block's cells as (start, end) spans,
    or None when it has none."""
    out: list[Row] = []
    for i in range(first, last + 1):
        line = lines[i]
        if not line.strip() or not line.strip(" |"):  # blank, or a `|` spacer of a flattened table
            continue
        cells = _cells(line, cells_of(i))
        if len(cells) == 1 and _VALUE.fullmatch(line[cells[0][0]:cells[0][1]].strip()) and out:
            a, b = cells[0]  # one cell per line: a value of the row above
            out[-1].values.append(Value(line[a:b].strip(), i, a, b))
            continue
        out.append(_row(i, line, cells))
    return out


def _cells(line: str, spans) -> list[tuple[int, int]]:
    if spans is None and "|" in line:
        spans, pos = [], 0
        for part in line.split("|"):
            spans.append((pos, pos + len(part)))
            pos += len(part) + 1
    if spans is not None and "|" in line:
        spans = list(spans)
        if len(spans) > 1 and line.rstrip().endswith("|") and not line[spans[-1][0]:spans[-1][1]].strip():
            spans.pop()  # `a | b |`: a terminator, not an empty cell
        if len(spans) > 1 and line.lstrip().startswith("|") and not line[spans[0][0]:spans[0][1]].strip():
            spans.pop(0)
    if spans is None:
        trailing = _TRAILING.search(line)
        if trailing is None:
            return [(0, len(line))]
        spans = [(0, trailing.start())] + [(m.start() + trailing.start(), m.end() + trailing.start())
                                          for m in re.finditer(r"\S+", trailing.group())]
    return [_trim(line, a, b) for a, b in spans]


def _trim(line: str, a: int, b: int) -> tuple[int, int]:
    text = line[a:b]
    stripped = text.strip()
    if not stripped:
        return a, a
    a += text.find(stripped)
    return a, a + len(stripped)


def _row(i: int, line: str, cells: list[tuple[int, int]]) -> Row:
    k = len(cells)
    while k > 0 and _is_value(line[cells[k - 1][0]:cells[k - 1][1]]):
        k -= 1
    label = compact("".join(line[a:b] for a, b in cells[:k]))
    return Row(i, label, [Value(line[a:b], i, a, b) for a, b in cells[k:]])


def _is_value(text: str) -> bool:
    return text == "" or bool(_VALUE.fullmatch(text))


@dataclass
class RequestsTable:
    """Table 三: rows by key (rules/report-format.yaml tables.requests.rows), 7 values each."""

    rows: dict[str, Row]
    columns: list[str]


def requests_table(table_rows: list[Row]) -> RequestsTable | None:
    s = spec()["tables"]["requests"]
    width = len(s["columns"])
    found: dict[str, Row] = {}
    for row in table_rows:
        key = next((k for k, pattern in s["rows"].items() if re.search(pattern, row.label)), None)
        if key is None or (key in found and found[key].values):
            continue  # a column header such as 总计 is a row without values: a later row may be the one
        if len(row.values) > width:  # blank label cells (merged-cell placeholders) read as values
            row.values = row.values[-width:]
        found[key] = row
    return RequestsTable(found, s["columns"]) if found else None


def appeals_row(table_rows: list[Row]) -> Row | None:
    """Table 四's one data row: the row with (at least) 15 values."""
    s = spec()["tables"]["appeals"]
    width = len(s["groups"]) * len(s["columns"])
    for row in table_rows:
        numbers = [v for v in row.values if v.kind != "blank" or v.text]
        if len(row.values) >= width and len(numbers) >= width // 2:
            row.values = row.values[-width:]
            return row
    return None

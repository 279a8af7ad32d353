"""Checks on the statistics tables of the 2019 and 2021 formats (regulations.md §3.6):

    A1  per column of table 三: 一 + 二 = 三（七）总计 + 四 (printed in the table)
    A2  per row of table 三: 总计 = the six applicant columns
    A3  per column: （七）总计 = the leaf rows of 三、本年度办理结果
    A4  table 四: 总计 = 维持 + 纠正 + 其他 + 尚未审结, for 复议, 直接起诉 and 复议后起诉
    A6  cells are non-negative integers (money may be decimal; 2019's 本年增/减 may be negative)
    D4  a report for 2021 or later in the 2019 layout
        （六）其他处理 2 (fee notices not paid) > 0 with no word on fees in section 六

A blank, `/` or unreadable cell makes the checks that need it "not assessable" and is reported on its
own (a note), never read as zero.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..document import Text
from .issue import Issue
from .recognise import Profile, spec
from .sections import Section
from .tables import RequestsTable, Row, Value, appeals_row, requests_table, rows


class Checks:
    """Collects issues and each check's outcome (a check fails once any of its cells fails)."""

    def __init__(self, profile: Profile):
        self.profile, self.issues, self.outcomes = profile, [], {}

    def outcome(self, name: str, outcome: str) -> None:
        order = ("passed", "not assessable", "failed")
        old = self.outcomes.get(name, "passed")
        self.outcomes[name] = max(old, outcome, key=order.index)

    def fail(self, name: str, verdict: str, value: Value, zh: str, en: str, anchor: str) -> None:
        self.outcome(name, "failed")
        self.issues.append(Issue(verdict, value.line, value.start, max(value.end, value.start + 1), Text(zh, en),
                                 anchor))

    def close(self) -> list[Issue]:
        for name, outcome in self.outcomes.items():
            self.profile.check(name, outcome)
        return self.issues


@dataclass
class Tables:
    """The three tables of a report as read: table 二's rows, table 三 by row key, table 四's data row."""

    proactive: list[Row]
    requests: RequestsTable | None
    appeals: Row | None


def read_tables(lines: list[str], cells_of, found: dict[str, Section]) -> Tables:
    proactive, requests, appeals = (_rows(lines, cells_of, found.get(key)) for key in ("主动公开", "申请处理", "复议诉讼"))
    return Tables(proactive, requests_table(requests), appeals_row(appeals))


def check(profile: Profile, lines: list[str], tables: Tables, found: dict[str, Section]) -> list[Issue]:
    checks = Checks(profile)
    _layout(checks, lines, found.get("主动公开"))
    if tables.requests is None:
        checks.outcome("table:requests", "not assessable")
    else:
        _requests(checks, tables.requests)
        _fee_notices(checks, tables.requests, found.get("其他事项"))
    if tables.appeals is None:
        checks.outcome("table:appeals", "not assessable")
    else:
        _appeals(checks, tables.appeals)
    _proactive_types(checks, tables.proactive)
    return checks.close()


def _rows(lines, cells_of, section: Section | None) -> list[Row]:
    if section is None or section.heading is None:
        return []
    return rows(lines, cells_of, section.heading.line + 1, section.last_line)


def _layout(checks: Checks, lines, section: Section | None) -> None:
    """D4: the 2019 trial layout in a report for 2021 or later."""
    if checks.profile.era != "2021" or section is None or section.heading is None:
        return
    pattern = re.compile(spec()["old_layout"])
    for i in range(section.heading.line, section.last_line + 1):
        m = pattern.search(lines[i].replace(" ", ""))
        if m:
            at = Value(m.group(), i, 0, len(lines[i].rstrip()))
            checks.fail("table:layout", "old-layout", at,
                        f"报告年度为 {checks.profile.year} 年，却使用了2019年试行格式的表格（“{m.group()}”）；应使用国办公开办函〔2021〕30号的格式",
                        f"a report for {checks.profile.year} uses the 2019 trial layout (“{m.group()}”); use the 2021 format",
                        m.group())
            return
    checks.outcome("table:layout", "passed")


def _numbers(checks: Checks, name: str, values: list[Value]) -> list[float] | None:
    """The values as numbers, or None (the check is not assessable) if one is blank or unreadable."""
    if any(v.number is None for v in values):
        checks.outcome(name, "not assessable")
        return None
    return [v.number for v in values]


def _requests(checks: Checks, table) -> None:
    width = len(table.columns)
    complete = {k: r for k, r in table.rows.items() if len(r.values) == width}
    _types_and_blanks(checks, "表三", [v for r in complete.values() for v in r.values])
    for row in complete.values():  # A2
        values = _numbers(checks, "table:row-totals", row.values)
        if values is not None and abs(sum(values[:-1]) - values[-1]) > 1e-9:
            checks.fail("table:row-totals", "row-total", row.values[-1],
                        f"表三“{_short(row.label)}”行：各类申请人之和 {_n(sum(values[:-1]))} ≠ 总计 {_n(values[-1])}",
                        f"table 三, row “{_short(row.label)}”: the applicant columns add up to {_n(sum(values[:-1]))}, "
                        f"总计 says {_n(values[-1])}", f"表三/{row.label}")
        elif values is not None:
            checks.outcome("table:row-totals", "passed")
    for c, column in enumerate(table.columns):
        _column_balance(checks, complete, c, column)
        _results_total(checks, complete, c, column)


def _column_balance(checks: Checks, complete: dict[str, Row], c: int, column: str) -> None:
    """A1: 一 + 二 = 三（七）总计 + 四."""
    if not all(k in complete for k in ("new", "carried", "total", "forward")):
        checks.outcome("table:column-balance", "not assessable")
        return
    cells = [complete[k].values[c] for k in ("new", "carried", "total", "forward")]
    values = _numbers(checks, "table:column-balance", cells)
    if values is None:
        return
    new, carried, total, forward = values
    if abs(new + carried - total - forward) > 1e-9:
        checks.fail("table:column-balance", "column-balance", cells[2],
                    f"表三“{column}”列：一（{_n(new)}）+ 二（{_n(carried)}）= {_n(new + carried)}，"
                    f"三（七）总计（{_n(total)}）+ 四（{_n(forward)}）= {_n(total + forward)}，两者应相等",
                    f"table 三, column “{column}”: 一 + 二 = {_n(new + carried)} but 三（七）总计 + 四 = "
                    f"{_n(total + forward)}", f"表三/{column}")
    else:
        checks.outcome("table:column-balance", "passed")


def _results_total(checks: Checks, complete: dict[str, Row], c: int, column: str) -> None:
    """A3: （七）总计 = the leaf rows (2019: one （六）其他处理 row; 2021: its three sub-rows)."""
    s = spec()["tables"]["requests"]
    late = [k for k in s["leaves_2021"] if k in complete]
    leaves = s["leaves"] + (s["leaves_2021"] if late else s["leaves_2019"])
    if "total" not in complete or any(k not in complete for k in leaves):
        checks.outcome("table:results-total", "not assessable")
        return
    values = _numbers(checks, "table:results-total", [complete[k].values[c] for k in leaves])
    total = complete["total"].values[c]
    if values is None or total.number is None:
        checks.outcome("table:results-total", "not assessable")
        return
    if abs(sum(values) - total.number) > 1e-9:
        checks.fail("table:results-total", "results-total", total,
                    f"表三“{column}”列：各项办理结果之和 {_n(sum(values))} ≠（七）总计 {_n(total.number)}",
                    f"table 三, column “{column}”: the results add up to {_n(sum(values))}, （七）总计 says "
                    f"{_n(total.number)}", f"表三/（七）总计/{column}")
    else:
        checks.outcome("table:results-total", "passed")


def _appeals(checks: Checks, row: Row) -> None:
    """A4, for each of 行政复议, 未经复议直接起诉, 复议后起诉."""
    s = spec()["tables"]["appeals"]
    width = len(s["columns"])
    _types_and_blanks(checks, "表四", row.values)
    for g, group in enumerate(s["groups"]):
        cells = row.values[g * width:(g + 1) * width]
        values = _numbers(checks, "table:appeals-totals", cells)
        if values is None:
            continue
        if abs(sum(values[:-1]) - values[-1]) > 1e-9:
            checks.fail("table:appeals-totals", "appeals-total", cells[-1],
                        f"表四“{group}”：维持、纠正、其他结果、尚未审结之和 {_n(sum(values[:-1]))} ≠ 总计 {_n(values[-1])}",
                        f"table 四, {group}: the results add up to {_n(sum(values[:-1]))}, 总计 says {_n(values[-1])}",
                        f"表四/{group}")
        else:
            checks.outcome("table:appeals-totals", "passed")


def _fee_notices(checks: Checks, table, other: Section | None) -> None:
    """2021: fee notices went unpaid (（六）2 > 0), so section 六 must say something about fees."""
    row = table.rows.get("fee_unpaid")
    if checks.profile.era != "2021" or row is None or not row.values or row.values[-1].number is None:
        return
    if row.values[-1].number == 0:
        checks.outcome("table:fee-notices", "passed")
        return
    if other is None or other.heading is None:
        checks.outcome("table:fee-notices", "not assessable")
        return
    if re.search(spec()["fee_statement"], other.body):
        checks.outcome("table:fee-notices", "passed")
        return
    checks.fail("table:fee-notices", "fee-notices-unreported", row.values[-1],
                f"表三显示 {_n(row.values[-1].number)} 件申请因逾期未缴纳信息处理费而不再处理，"
                f"但“其他需要报告的事项”未说明信息处理费情况",
                f"table 三 shows {_n(row.values[-1].number)} request(s) dropped for unpaid fees, but section 六 "
                f"says nothing about fees", "表三/fee_unpaid")


def _proactive_types(checks: Checks, table_rows: list[Row]) -> None:
    s = spec()["tables"]["proactive"]
    values, width = [], None
    for row in table_rows:
        if "信息内容" in row.label:  # a sub-block's header: its column labels say how many values follow
            width = len(re.findall(s["columns"], row.label)) or None
        elif re.search(s["rows"], row.label):
            money = bool(re.search(s["decimal_rows"], row.label))
            values += [(v, money) for v in row.values[:width]]
    _types_and_blanks(checks, "表二", [v for v, _ in values], money={id(v) for v, m in values if m},
                      negatives=checks.profile.era == "2019")


def _types_and_blanks(checks: Checks, table: str, values: list[Value], money=frozenset(), negatives=False) -> None:
    """A6, and one note per table for its blank and unreadable cells."""
    for v in values:
        n = v.number
        if n is None:
            continue
        if (n < 0 and not negatives) or (n != int(n) and id(v) not in money):
            checks.fail("table:value-types", "value-type", v,
                        f"{table}单元格“{v.text}”不是非负整数（件数应为非负整数）",
                        f"{table}: the cell “{v.text}” is not a non-negative whole number", f"{table}/{v.text}")
        else:
            checks.outcome("table:value-types", "passed")
    blanks = [v for v in values if v.number is None]
    if blanks:
        checks.outcome("table:blank-cells", "failed")
        shown = "空白" if not blanks[0].text else f"“{blanks[0].text[:20]}”"
        checks.issues.append(Issue("blank-cells", blanks[0].line, blanks[0].start, blanks[0].start + max(1, len(blanks[0].text)),
                                   Text(f"{table}有 {len(blanks)} 个单元格为空白、“/”或无法读取（第一个：{shown}），"
                                        f"涉及这些单元格的核对未进行",
                                        f"{table} has {len(blanks)} blank, “/” or unreadable cell(s): the checks "
                                        f"that need them were not run"), table))
    elif values:
        checks.outcome("table:blank-cells", "passed")


def _short(label: str) -> str:
    return label if len(label) <= 18 else label[:17] + "…"


def _n(x: float) -> str:
    return str(int(x)) if x == int(x) else f"{x:g}"

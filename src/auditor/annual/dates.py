"""Dates: the statistics period is the report year, the report is published by its deadline, and no
date lies in the future."""
from __future__ import annotations

import re
from datetime import date

from ..document import Text
from .issue import Issue, about_report
from .recognise import DATE, Profile, date_of, spec
from .text import compact


def check(profile: Profile, lines: list[str], today: date, township: tuple[int, int] | None = None):
    issues = []
    issues += _period(profile, lines)
    deadline = _deadline(profile, township)
    if profile.published is None or deadline is None:
        profile.check("deadline", "not assessable")
    elif profile.published > deadline[0]:
        profile.check("deadline", "failed")
        issues.append(about_report(profile, lines, "published-late", Text(
            f"发布日期 {profile.published.isoformat()} 晚于法定期限 {deadline[0].isoformat()}（{deadline[1]}）",
            f"published {profile.published.isoformat()}, after the deadline {deadline[0].isoformat()} ({deadline[1]})")))
    else:
        profile.check("deadline", "passed")
    if profile.published is not None and profile.published > today:
        profile.check("future-date", "failed")
        issues.append(about_report(profile, lines, "date-in-future", Text(
            f"落款日期 {profile.published.isoformat()} 晚于今天", f"the date {profile.published.isoformat()} is in the future")))
    elif profile.published is not None:
        profile.check("future-date", "passed")
    return issues


def deadline_of(era: str, kind: str | None, township: bool, year: int,
                township_deadline: tuple[int, int] | None = None) -> tuple[date, str] | None:
    """The last day to publish, and its basis. 第四十九条 names 县级以上 bodies only: a 乡镇/街道 is held
    to the government's date (derived), or to `township_deadline` (config `township-deadline`)."""
    rules = spec()["deadlines"][era]
    if kind is None:
        kinds = {tuple(rules["government"]), tuple(rules["department"])}
        if len(kinds) > 1:
            return None  # the kind decides, and it is not known
        kind = "government"
    month, day = rules[kind]
    basis = rules["basis"]
    if township and era != "2007":
        if township_deadline:
            (month, day), basis = township_deadline, basis + "（乡镇、街道的期限按配置 township-deadline）"
        else:
            basis += "（乡镇、街道按政府的期限，系推定）"
    return date(year + 1, month, day), basis


def _deadline(profile: Profile, township: tuple[int, int] | None) -> tuple[date, str] | None:
    if profile.year is None or profile.era is None:
        return None
    return deadline_of(profile.era, profile.issuer_kind, profile.township, profile.year, township)


def _period(profile: Profile, lines: list[str]) -> list:
    """统计期限自 Y年1月1日 至 Y年12月31日: both years must be the report year."""
    for i, line in enumerate(lines):
        m = re.search(spec()["period"], line)
        if not m:
            continue
        years = [_year_of(m.group("from")), _year_of(m.group("to"))]
        if None in years or profile.year is None:
            profile.check("statistics-period", "not assessable")
            return []
        if all(y == profile.year for y in years):
            profile.check("statistics-period", "passed")
            return []
        profile.check("statistics-period", "failed")
        shown = compact(m.group())[:40]
        return [Issue("period-wrong-year", i, m.start(), m.end(), Text(
            f"统计期限“{shown}”与报告年度 {profile.year} 年不一致",
            f"the statistics period “{shown}” is not the report year {profile.year}"))]
    profile.check("statistics-period", "not assessable")
    return []


def _year_of(text: str) -> int | None:
    """The year of a period end (2018年1月1日, 2018.1.1; a typo such as 202020年 is a year too)."""
    m = DATE.search(compact(text))
    if m:
        found = date_of(m)
        if found:
            return found.year
    m = re.search(r"(\d{4,6})\s*年", text)
    return int(m.group(1)) if m else None

"""Is the document an annual report, and whose, for which year, in which era, published when."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from ..rulepacks import load_data
from .text import CHINESE_NUMERALS, chinese_number, compact

_TITLE_LINES = 3
_SIGNATURE_LINES = 8
_INTRO_CHARS = 800
_INTRO_LINES = 40  # lines joined to find the opening _INTRO_CHARS characters
DATE = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d|[一二〇○零][〇○零一二三四五六七八九]{3})\s*(?:年|[-./])\s*"
                  r"(?P<m>\d{1,2}|[一二三四五六七八九十]{1,2})\s*(?:月|[-./])\s*"
                  r"(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})\s*日?")


@lru_cache(maxsize=1)
def spec() -> dict:
    return load_data("report-format.yaml")


@dataclass
class Profile:
    """What was recognised: part of every output (text summary, JSON, SARIF artifacts)."""

    annual_report: bool = False
    year: int | None = None
    era: str | None = None
    issuer: str | None = None
    issuer_kind: str | None = None  # government | department
    township: bool = False  # a 乡镇 or 街道: its deadline is derived (see report-format.yaml)
    published: date | None = None
    title_line: int = 0  # where findings about the whole report point
    sections: dict[str, str] = field(default_factory=dict)
    checks: list[dict] = field(default_factory=list)
    facts: object = None  # cross_year.YearFacts: for the batch's cross-year checks, not an output

    def check(self, name: str, outcome: str) -> None:
        self.checks.append({"check": name, "outcome": outcome})

    def as_dict(self) -> dict:
        return {"annual_report": self.annual_report, "era": self.era, "year": self.year, "issuer": self.issuer,
                "issuer_kind": self.issuer_kind,
                "published": self.published.isoformat() if self.published else None,
                "sections": dict(self.sections), "checks": list(self.checks)}

    def summary(self) -> str:
        """era=2007 year=2018 issuer=双华镇人民政府 (government) published=2019-03-06"""
        kind = f" ({self.issuer_kind})" if self.issuer_kind else ""
        return (f"era={self.era or '-'} year={self.year or '-'} issuer={self.issuer or '-'}{kind} "
                f"published={self.published.isoformat() if self.published else '-'}")


def parse_date(text: str) -> date | None:
    m = DATE.search(text)
    return date_of(m) if m else None


def date_of(m: re.Match) -> date | None:
    year = _year_number(m.group("y"))
    month, day = chinese_number(m.group("m")), chinese_number(m.group("d"))
    try:
        return date(year, month, day) if year and month and day else None
    except ValueError:
        return None


def _year_number(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    digits = [CHINESE_NUMERALS.get(c) for c in text]
    return None if None in digits else int("".join(map(str, digits)))


def may_be_report(lines: list[str]) -> bool:
    """A cheap look at the opening lines: a title or intro that names a report, or a first line that
    is a numbered heading (a report whose title was lost). Anything else is not checked further."""
    numbered = [(i, line.strip()) for i, line in enumerate(lines) if line.strip()]
    if not numbered:
        return False
    intro = compact("".join(line for _, line in numbered[:_INTRO_LINES]))[:_INTRO_CHARS]
    return bool(re.search(spec()["title"], _title(numbered)) or re.search(spec()["title"], intro)
                or re.match(r"[一1]\s*[、.]|第一部分", numbered[0][1]))


def recognise(lines: list[str], has_report_outline: bool, era_override: str | None = None) -> Profile:
    """The profile of a document from its folded lines. `has_report_outline`: its headings are the
    format's (a report whose title line was lost, see sections.looks_like_report)."""
    profile = Profile()
    numbered = [(i, line.strip()) for i, line in enumerate(lines) if line.strip()]
    if not numbered:
        return profile
    profile.title_line = numbered[0][0]
    title = _title(numbered)
    s = spec()
    intro = compact("".join(line for _, line in numbered[:_INTRO_LINES]))[:_INTRO_CHARS]
    if re.search(s["not_titles"], compact(numbered[0][1])[:30]):
        return profile  # a 答复书 that mentions a report is still a 答复书
    if re.search(s["title"], title):
        profile.annual_report = True
        profile.year = _year_in(title)
    elif (m := re.search(s["title"], intro)) and re.search(s["intro"], intro):
        profile.annual_report = True
        profile.year = _year_in(intro[max(0, m.start() - 30):m.end()])
    elif has_report_outline:  # the title line was lost: the format's headings say what it is
        profile.annual_report = True
    if not profile.annual_report:
        return profile
    profile.year = profile.year or _period_year(intro) or _year_in(intro)
    signature, signed = _signature(numbered)
    profile.issuer = signature or _name(_title_issuer(title)) or _name(_compiled_by(intro))
    profile.issuer_kind, profile.township = _kind(profile.issuer, title)
    profile.published = signed or _labelled_date(numbered)
    profile.era = era_override or (_era_of(profile.year) if profile.year else None)
    return profile


def _title(numbered) -> str:
    """The first non-empty lines up to the one that says 报告 (a title split over lines); a line
    with sentence punctuation is body text, not more title. A long first line (title and body run
    together) gives its first space-separated chunk."""
    parts = []
    for k, (_, line) in enumerate(numbered[:_TITLE_LINES]):
        if len(line) > 60:
            if k == 0:
                parts.append(compact(line.split()[0])[:60])
            break
        if k and re.search("[，。；：,;]", line):
            break
        parts.append(compact(line))
        if "报告" in line or "年报" in line:
            break
    return "".join(parts)


def _year_in(text: str) -> int | None:
    for m in re.finditer(spec()["year"], text):
        year = _year_number(m.group(1))
        if year and 2000 <= year <= 2100:
            return year
    return None


def _era_of(year: int) -> str | None:
    for era, span in spec()["eras"].items():
        if span["first_year"] <= year <= span["last_year"]:
            return era
    return None


def _signature(numbered) -> tuple[str | None, date | None]:
    """The issuer and date signed at the end: an organisation's name on a short line, the date on
    its own line beside it (or on the same line)."""
    issuer, signed = None, None
    s = spec()["issuer"]
    for _, line in reversed(numbered[-_SIGNATURE_LINES:]):
        text = compact(line)
        m = DATE.fullmatch(text) or DATE.fullmatch(text.rstrip("。"))
        if m and signed is None:
            signed = date_of(m)
            continue
        name = DATE.sub("", text)
        if issuer is None and re.fullmatch(s["name"], name) and not any(w in name for w in s["not_names"]):
            issuer = name
            m = DATE.search(text)
            signed = signed or (date_of(m) if m else None)
            break
    return issuer, signed


def _title_issuer(title: str) -> str | None:
    m = re.search(spec()["year"], title)
    return title[:m.start()] if m else None


def _compiled_by(intro: str) -> str | None:
    """由北京市信访办编制的… or 现公布昭通市人民政府2023年… in the opening sentence."""
    m = (re.search(r"由([^，。,（《]{2,30}?)(?:负责)?(?:编制|编写|制作)", intro)
         or re.search(r"现(?:公布|发布)([^，。,（《]{2,30}?)(?:\d{4}|[一二〇○零]{4})年", intro))
    return m.group(1) if m else None


def _name(text: str | None) -> str | None:
    """`text` if it is shaped like an organisation's or a place's name."""
    if text and re.fullmatch(r"[\u4e00-\u9fff（）·]{2,30}", text) and not text.startswith(("我", "本")):
        return text
    return None


def _period_year(intro: str) -> int | None:
    m = re.search(spec()["period"], intro)
    return _year_in(m.group("from")) if m else None


def _kind(issuer: str | None, title: str) -> tuple[str | None, bool]:
    if not issuer:
        return None, False
    s = spec()["issuer"]
    township = bool(re.search(r"[镇乡](?:人民政府)?$|街道(?:办事处)?$", issuer))
    if re.search(s["government"], issuer):
        return "government", township
    # a government's report compiled by its office: the title names the government
    if re.search(r"(?:办公室|办公厅)$", issuer) and re.search(r"人民政府\d{4}|人民政府(?:政府)?信息公开", title):
        return "government", False
    if re.search(s["department"], issuer):
        return "department", False
    return None, False


def _labelled_date(numbered) -> date | None:
    labels = "|".join(spec()["published_labels"])
    for _, line in numbered[:10] + numbered[-10:]:
        m = re.search(f"(?:{labels})[：:]?\\s*", line)
        if m:
            found = parse_date(line[m.end():m.end() + 20])
            if found:
                return found
    return None

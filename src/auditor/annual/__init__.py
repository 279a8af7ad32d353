"""Annual-report checks: does a 政府信息公开工作年度报告 hold what the 条例 and the State Council format
require, and do its numbers and dates hold together.

    text.py        the folded copy of the lines the checks read (offsets kept)
    outline.py     numbered headings
    recognise.py   annual report? year, era, issuer, kind, publication date (the Profile)
    sections.py    required sections per era: present, missing, empty
    dates.py       statistics period, publication deadline, dates in the future
    partitions.py  共N条，其中a条、b条… that do not add up
    tables.py      the statistics tables, from Word/HTML tables, pipe rows, one cell per line, PDF lines
    table_checks.py  their arithmetic (A1-A4), cell types, blank cells, the old layout, fee notices
    consistency.py numbers in the text that restate a table cell
    cross_year.py  a batch's reports of one issuer for consecutive years: carry-over, copied text
    issue.py       what a check reports (a verdict at a place)

`check_report` returns the Profile (part of the outputs) and the Issues found; the engine turns each
Issue into a finding of the rule for (`annual_report`, verdict) in rules/annual-report.yaml.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..document import Document, LineBlocks, Text
from . import consistency, cross_year, dates, partitions, table_checks
from .issue import Issue, about_report
from .outline import headings
from .recognise import Profile, may_be_report, recognise, spec
from .sections import Section, looks_like_report, section_map
from .text import fold_lines

DETECTOR = "annual_report"
OPENING_LINES = 30


@dataclass(frozen=True)
class ReportSettings:
    """How annual reports are checked (config file and command line)."""

    era: str | None = None  # check against this format instead of the one the year implies
    today: date | None = None  # what "in the future" means (None: the real today)
    township_deadline: tuple[int, int] | None = None  # (month, day) for 乡镇/街道 (default: governments')


def check_report(doc: Document, settings: ReportSettings = ReportSettings()) -> tuple[Profile, list[Issue]]:
    texts = doc.texts()
    if not may_be_report(fold_lines(texts[:OPENING_LINES])):
        return Profile(), []  # most documents: a look at the first lines, no more
    lines = fold_lines(texts)
    heads = headings(lines)
    profile = recognise(lines, looks_like_report(lines, heads), settings.era)
    if not profile.annual_report:
        return profile, []
    issues: list[Issue] = []
    if profile.issuer is None:
        issues.append(about_report(profile, lines, "issuer-unknown", Text(
            "未能从落款或标题识别发布机关", "the issuer was found neither in the signature nor in the title")))
    if profile.era is None:
        issues.append(about_report(profile, lines, "year-unknown", Text(
            "未能识别报告年度，按年度和格式进行的检查未执行",
            "the report year was not found: the checks that depend on the year and format were not run")))
        return profile, issues
    cells_of = _cells_of(doc)
    found = section_map(lines, heads, profile.era, {i for i in range(len(lines)) if cells_of(i)})
    profile.sections = {key: s.status for key, s in found.items()}
    issues += _section_issues(profile, lines, found)
    tables = None
    if profile.era != "2007":  # the 2007 条例 had no unified tables
        tables = table_checks.read_tables(lines, cells_of, found)
        issues += table_checks.check(profile, lines, tables, found)
        issues += consistency.check(profile, lines, tables, cells_of)
    profile.facts = cross_year.facts(profile, lines, tables, lambda i, c: doc.blocks[i].place_at(c))
    issues += dates.check(profile, lines, settings.today or date.today(), settings.township_deadline)
    issues += partitions.check(profile, lines)
    return profile, issues


def across_years(batch):
    """Cross-year checks over a batch: (facts, key) pairs -> (key, [(Issue, Place)], outcomes)."""
    return cross_year.across(batch, spec()["tables"]["requests"]["columns"])


def _cells_of(doc: Document):
    """cells_of(i): the (start, end) spans of block i's cells, or None: a Word/HTML table row, or a
    plain-text one the layout found."""
    blocks = doc.blocks
    rows = {i: [(c.start, c.end) for c in block.cells]
            for i, block in (blocks.made() if isinstance(blocks, LineBlocks) else enumerate(blocks)) if block.cells}
    return rows.get


def _at_heading(section: Section, verdict: str, detail: Text) -> Issue:
    h = section.heading
    return Issue(verdict, h.line, h.start, h.end, detail)


def _section_issues(profile: Profile, lines: list[str], found: dict[str, Section]) -> list[Issue]:
    issues = []
    for key, s in found.items():
        article = s.item["article"]
        if s.status == "missing":
            profile.check(f"section:{key}", "failed")
            issues.append(_missing(profile, lines, s, article))
        elif s.status == "empty":
            profile.check(f"section:{key}", "failed")
            issues.append(_at_heading(s, "section-empty", Text(
                f"“{key}”部分只有标题、没有内容（{article}）", f"the {key} section has a heading but no content ({article})")))
        elif s.item.get("table") and s.heading is not None and not s.has_table:
            profile.check(f"section:{key}", "failed")
            issues.append(_at_heading(s, "table-missing", Text(
                f"“{key}”部分缺少年度报告格式要求的统计表", f"the {key} section lacks the statistics table of the format")))
        else:
            profile.check(f"section:{key}", "passed")
    issues += _accountability(profile, lines, found)
    issues += _fee_statement(profile, found)
    return issues


def _missing(profile: Profile, lines, s: Section, article: str) -> Issue:
    key = s.item["key"]
    if s.item.get("optional_when_no_requests"):
        none = any(re.search(spec()["no_requests"], line) for line in lines)
        verdict = "refusals-not-stated-no-requests" if none else "refusals-not-stated"
        return about_report(profile, lines, verdict, Text(
            f"未说明不予公开政府信息的情况（{article}）", f"nothing is said about refused requests ({article})"))
    if s.item.get("required", True) is False:
        return about_report(profile, lines, "optional-section-absent", Text(
            f"没有“{key}”部分（{article}；无其他事项时可写明“无”）", f"there is no {key} section ({article})"))
    return about_report(profile, lines, "section-missing", Text(
        f"缺少“{key}”部分（{article}）", f"the {key} section is missing ({article})"))


def _accountability(profile: Profile, lines, found: dict[str, Section]) -> list[Issue]:
    """Governments under the revised 条例 state the results of 考核、评议 and 责任追究."""
    spec_ = spec()["accountability"]
    if profile.era == "2007" or profile.issuer_kind == "department":
        return []  # not asked of them
    bodies = [found[k].body for k in spec_["in_sections"] if k in found and found[k].heading is not None]
    # both places must be there to say the statement is absent (a truncated copy may have it later)
    if len(bodies) < len(spec_["in_sections"]) or profile.issuer_kind is None:
        profile.check("accountability", "not assessable")
        return []
    if any(re.search(spec_["words"], body) for body in bodies):
        profile.check("accountability", "passed")
        return []
    profile.check("accountability", "failed")
    return [about_report(profile, lines, "accountability-missing", Text(
        f"未报告工作考核、社会评议和责任追究结果情况（{spec_['article']}）",
        f"the results of assessment, public evaluation and accountability are not reported ({spec_['article']})"))]


def _fee_statement(profile: Profile, found: dict[str, Section]) -> list[Issue]:
    """Under the 2021 format section 六 says whether 信息处理费 was charged."""
    other = found.get("其他事项")
    if profile.era != "2021" or other is None or other.heading is None:
        if profile.era == "2021":
            profile.check("fee-statement", "not assessable")
        return []
    if re.search(spec()["fee_statement"], other.body):
        profile.check("fee-statement", "passed")
        return []
    profile.check("fee-statement", "failed")
    return [_at_heading(other, "fee-not-stated", Text(
        "“其他需要报告的事项”未说明信息处理费收取情况（国办公开办函〔2021〕30号；国办函〔2020〕109号）",
        "section 六 does not say whether information-processing fees were charged"))]

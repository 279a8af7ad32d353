"""Annual-report checks: does a 政府信息公开工作年度报告 hold what the 条例 and the State Council format
require, and do its numbers and dates hold together.

    text.py        the folded copy of the lines the checks read (offsets kept)
    outline.py     numbered headings
    recognise.py   annual report? year, era, issuer, kind, publication date (the Profile)
    sections.py    required sections per era: present, missing, empty
    section_checks.py  what is missing or empty, 考核/评议/追究 statements, the 信息处理费 statement
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

from dataclasses import dataclass
from datetime import date

from ..document import Document, Text
from . import consistency, cross_year, dates, partitions, section_checks, table_checks
from .issue import Issue, about_report
from .outline import headings
from .recognise import Profile, may_be_report, recognise, spec
from .sections import looks_like_report, section_map
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
    issues += section_checks.check(profile, lines, found)
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
    return {i: [(c.start, c.end) for c in block.cells] for i, block in doc.table_rows()}.get

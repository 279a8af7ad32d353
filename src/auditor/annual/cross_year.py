"""Across years, in a batch: reports of one issuer for consecutive years.

- 上年结转 this year = 结转下年度 last year, per column of table 三 (regulations.md §3.6 A5).
- 内容雷同 (D7): this year's report repeats last year's. The measure: of this year's sentences with
  at least MIN_SENTENCE Chinese characters, the share found word for word (spaces and punctuation
  aside) in last year's report; at SIMILAR_SHARE or more it is a copy. Numbers count as written, so a
  report that only updated its figures is still flagged when most sentences carry no figure.

Each report keeps `YearFacts` (digests of its sentences, not its text) so a batch of hundreds of
reports compares without holding them in memory.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from ..document import Text
from .issue import Issue
from .recognise import Profile

MIN_SENTENCE = 10  # Chinese characters
SIMILAR_SHARE = 0.7
_SENTENCE = re.compile(r"[。！？；]+")
_NOT_WORDS = re.compile(r"[^\w。！？；]+|_+")  # everything but letters, digits and sentence ends


@dataclass
class YearFacts:
    issuer: str
    year: int
    title: tuple[int, int, object]  # line, end column and Place of the title line (findings about the report)
    carried: list | None = None  # table 三 row 二: (Value, Place) per column (this year's 上年结转)
    forward: list | None = None  # table 三 row 四's numbers (结转下年度), None where not a number
    sentences: frozenset = field(default_factory=frozenset)  # digests


def facts(profile: Profile, lines: list[str], tables, place_at) -> YearFacts | None:
    """What the next year's report will be compared with. `place_at(line, column)` gives a Place
    (kept here: a worker process returns results without the document's blocks)."""
    if not (profile.annual_report and profile.issuer and profile.year):
        return None
    title = profile.title_line
    out = YearFacts(_key(profile.issuer), profile.year, (title, len(lines[title].rstrip()), place_at(title, 0)),
                    sentences=_digests(lines))
    requests = tables.requests if tables is not None else None
    if requests is not None:
        width = len(requests.columns)
        carried, forward = requests.rows.get("carried"), requests.rows.get("forward")
        if carried is not None and len(carried.values) == width:
            out.carried = [(v, place_at(v.line, v.start)) for v in carried.values]
        if forward is not None and len(forward.values) == width:
            out.forward = [v.number for v in forward.values]
    return out


def _key(issuer: str) -> str:
    return issuer.replace("人民政府办公室", "人民政府").replace("人民政府办公厅", "人民政府")


def _digests(lines: list[str]) -> frozenset:
    prose = "。".join(line for line in lines if line.count("|") < 2)  # table rows: the same labels every year
    words = _NOT_WORDS.sub("", prose)
    out = set()
    for sentence in _SENTENCE.split(words):
        encoded = sentence.encode()
        # a Chinese character is 3 bytes in UTF-8, a digit or letter 1: this counts the Chinese ones
        if (len(encoded) - len(sentence)) // 2 >= MIN_SENTENCE:
            out.add(hashlib.blake2b(encoded, digest_size=8).digest())
    return frozenset(out)


def compare(this: YearFacts, last: YearFacts, columns: list[str]) -> tuple[list[tuple[Issue, object]], dict[str, str]]:
    """(Issue, Place) on this year's report, and the outcome of each check."""
    issues, outcomes = [], {}
    if this.carried is None or last.forward is None:
        outcomes["cross-year:carry-over"] = "not assessable"
    else:
        outcomes["cross-year:carry-over"] = "passed"
        for column, (now, place), before in zip(columns, this.carried, last.forward):
            if now.number is None or before is None:
                continue
            if now.number != before:
                outcomes["cross-year:carry-over"] = "failed"
                issues.append((Issue("carry-over-mismatch", now.line, now.start, now.end, Text(
                    f"表三“{column}”列：本年上年结转 {int(now.number)} 件，与 {last.year} 年报告的结转下年度 {int(before)} 件不一致",
                    f"table 三, column “{column}”: carried over {int(now.number)}, but the {last.year} report "
                    f"carried {int(before)} forward"), column), place))
    if this.sentences:
        share = len(this.sentences & last.sentences) / len(this.sentences)
        outcomes["cross-year:similarity"] = "failed" if share >= SIMILAR_SHARE else "passed"
        if share >= SIMILAR_SHARE:
            line, end, place = this.title
            issues.append((Issue("copied-report", line, 0, max(1, end), Text(
                f"本报告 {share:.0%} 的句子与 {last.year} 年报告逐字相同（内容雷同）",
                f"{share:.0%} of this report's sentences are word for word in the {last.year} report")), place))
    return issues, outcomes


def across(batch: list[tuple[YearFacts, object]], columns: list[str]):
    """(key, Issue, Place, outcomes) for each report in `batch` ((facts, key) pairs) whose issuer's
    report for the year before is in the batch too."""
    by_issuer_year = {(f.issuer, f.year): f for f, _ in batch}
    for this, key in batch:
        last = by_issuer_year.get((this.issuer, this.year - 1))
        if last is None:
            continue
        found, outcomes = compare(this, last, columns)
        yield key, found, outcomes

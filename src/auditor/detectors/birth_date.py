"""Birth dates (出生日期): 1990年3月7日出生, 出生日期：1965-10-26, a date in an 出生年月 column.

A date is a birth date only when the text says so: a label before it (出生日期, 出生年月, 生日), 出生
or 生 right after it, or a column header with 出生. Dates of 入伍, 受理 or 办结 are not. An office-
holder's 任前公示 (拟任, 现任…: rules/names.yaml `birth_date.official_words`) publishes the birth month
by rule, so a birth date in such a sentence is not reported.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from ..rulepacks import load_data
from .base import Hit

NAME = "birth_date"
ENTITY = "BIRTH_DATE"
DATE = r"(?:19|20)\d{2}(?:年\d{1,2}月(?:\d{1,2}日)?|[.\-/]\d{1,2}(?:[.\-/]\d{1,2})?)"
_DATE = re.compile(DATE + r"(?!\d)")
_WINDOW = 8  # characters between a label and its date (出生日期：, 出生年月为)


@lru_cache(maxsize=1)
def _patterns():
    data = load_data("names.yaml")["birth_date"]
    labels = "|".join(re.escape(w) for w in sorted(data["labels"], key=len, reverse=True))
    after = "|".join(re.escape(w) for w in data["after"])
    # a date then 出生/生 (not 生产, 生效, 生活...), or a label then the date within a few characters
    before_word = re.compile(f"(?<!\\d)({DATE})(?:{after})(?![产效活态成])")
    after_label = re.compile(f"(?:{labels})[^\\d。；]{{0,{_WINDOW}}}?({DATE})(?!\\d)")
    return before_word, after_label, data["headers_contain"], tuple(data["official_words"])


def find(doc_scope):
    before_word, after_label, header_word, official = _patterns()
    found = {}
    starts = doc_scope.starts
    for pattern, why in ((before_word, "followed by 出生"), (after_label, "after a birth-date label")):
        for m in pattern.finditer(doc_scope.text):
            i = bisect_right(starts, m.start(1)) - 1
            scope = doc_scope.scope(i)
            start, end = m.start(1) - starts[i], m.end(1) - starts[i]
            if not _official(scope, start, official):
                found.setdefault((i, start), Hit(NAME, "leak", start, end, ENTITY, 0.85, (why,), block=i))
    for i in doc_scope.table_rows():
        scope = doc_scope.scope(i)
        for a, b, header in scope.cell_spans():
            if header_word in header:
                m = _DATE.search(scope.text, a, b)
                if m:
                    found.setdefault((i, m.start()), Hit(NAME, "leak", m.start(), m.end(), ENTITY, 0.9,
                                                         (f"in column {header}",), block=i))
    return list(found.values())


def _official(scope, start: int, words) -> bool:
    """Is the date in a sentence about an office-holder's appointment?"""
    a, b = scope.sentence_bounds(start, start)
    return any(w in scope.text[a:b] for w in words)

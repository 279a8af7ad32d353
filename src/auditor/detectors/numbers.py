"""One pass over a document for every digit-run identifier: resident IDs, phones, bank cards.

The run pattern finds maximal digit runs, allowing one space or hyphen between digit groups
(1101 0119 9001 0112 37, 138-1234-5678) and a bracketed area code in front. A run that touches a
letter, a digit or a mask character (*, ×, ●) belongs to something else (a code, a decimal, a
masked value) and is not a candidate. Each run is read by the entity modules in order of
specificity; when the whole run is not an identifier, its groups are tried on their own, since a
single space also separates table cells.
"""
from __future__ import annotations

import re

from . import bank_card, landline, mobile, resident_id, uscc
from .base import Hit
from .context import prefilter

RUN = re.compile(
    r"(?=[\d(+])(?<![0-9A-Za-z_*×●.@\-])"  # the lookahead first lets the engine skip non-digits fast
    r"(?:\( ?(0\d{2,3}) ?\) ?|\+(?=86))?"  # (021) or (0755); +86
    r"(\d(?:[ \-]?\d){6,}(?:[Xx](?![0-9A-Za-z]))?)"  # at least 7 digits
    r"(?![0-9A-Za-z_*×●@])(?!\.\d)")
_GROUP = re.compile(r"[0-9Xx]+")
# The shortest identifier read here without a bracketed area code: a landline, 3 + 7 digits; the
# longest: a 19-digit card (a landline with an extension has at most 4 + 8 + 6).
MIN_LENGTH, MAX_LENGTH = 10, 19
# Where a run can be: 7+ characters of digits, brackets, spaces and dashes. A charset-led pattern
# without look-arounds is scanned several times faster than RUN; RUN then runs only in these areas.
AREAS = prefilter("0-9(+", r"[0-9 ()\-]{6,}")


def number_hits(doc_scope) -> list[Hit]:
    """All digit-run hits of a document, computed once and shared by the entity modules."""
    if "numbers" not in doc_scope.cache:
        doc_scope.cache["numbers"] = [hit for i, scope, m in doc_scope.matches(RUN, AREAS, 2, _long_enough)
                                      for hit in _read_run(i, scope, m)]
    return doc_scope.cache["numbers"]


def _long_enough(m) -> bool:
    """Runs too short for any identifier (dates, amounts, years) are dropped before any context work."""
    return m.group(1) is not None or m.end(2) - m.start(2) >= MIN_LENGTH


def _read_run(block, scope, m):
    run = m.group(2)
    if m.group(1) is None and run.isdigit():  # the common case: one group of digits, read once
        hit = _read(scope, [(m.start(2), m.end(2))], None, m.start(), [run])
        hits = [hit] if hit is not None else []
    else:
        offset = m.start(2)
        groups = [(g.start() + offset, g.end() + offset) for g in _GROUP.finditer(run)]
        hits = _read_groups(scope, groups, m.group(1), m.start())
    for hit in hits:
        hit.block = block
        yield hit


def _read_groups(scope, groups, bracketed_area, run_start):
    """Read the longest span of groups that is an identifier, then go on after it."""
    i = 0
    while i < len(groups):
        hit = None
        for j in range(len(groups), i, -1):
            area = bracketed_area if i == 0 else None
            if area is None and groups[j - 1][1] - groups[i][0] < MIN_LENGTH:
                break  # too short for any identifier, and shorter spans will be too
            start = run_start if i == 0 else groups[i][0]  # from the bracket or + if there is one
            hit = _read(scope, groups[i:j], area, start)
            if hit is not None:
                yield hit
                i = j
                break
        if hit is None:
            i += 1


def _read(scope, groups, bracketed_area, start, parts=None) -> Hit | None:
    text = scope.text
    if parts is None:
        parts = [text[a:b] for a, b in groups]
    digits = "".join(parts).upper() if len(parts) > 1 else parts[0].upper()
    end = groups[-1][1]
    if "X" in digits[:-1] or len(digits) > MAX_LENGTH:
        return None
    labels = scope.labels(start)
    if labels and labels[-1] == "not_personal":
        return None
    if bracketed_area is None:
        found = resident_id.classify(digits, labels)
        if found and not (len(digits) == 18 and labels and labels[-1] == "bank_card"
                          and bank_card.is_valid(digits)):
            return Hit(resident_id.NAME, "leak", start, end, resident_id.ENTITY, *found)
    if "X" in digits:
        return None
    labelled_phone = bool(labels) and labels[-1] in ("phone", "office_contact")
    split = landline.split(parts, bracketed_area, labelled_phone)
    if split is not None:
        ext = landline.EXTENSION.match(text, end)
        end = ext.end() if ext else end
        verdict, confidence, reasons = landline.classify(scope.owner(start))
        return Hit(landline.NAME, verdict, start, end, landline.ENTITY, confidence, reasons)
    if bracketed_area is not None:
        return None
    found = mobile.classify(digits, labels[-1] if labels else None)
    if found:
        verdict, confidence, reasons = found
        label = _label_word(scope, start) if verdict == "office" else ""  # PII004 names the line
        return Hit(mobile.NAME, verdict, start, end, mobile.ENTITY, confidence, reasons, label=label)
    if len(digits) == 18 and uscc.is_valid(digits) and "bank_card" not in labels:
        return None  # an all-digit 统一社会信用代码 can pass Luhn too: it is an organisation's
    found = bank_card.classify(digits, labels)
    if found and "org_account" in scope.sentence_labels(start):
        return None  # an office's account for fees, not a person's card
    if found:
        return Hit(bank_card.NAME, "leak", start, end, bank_card.ENTITY, *found)
    return None


def _label_word(scope, start) -> str:
    """The label word itself (监督电话), for messages."""
    words = scope.vocab.labels.findall(scope.label_text(start))
    return words[-1] if words else ""

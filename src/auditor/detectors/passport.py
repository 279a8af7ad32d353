"""Passport numbers (护照号码).

Ordinary passports: G + 8 digits (before 2012), E + 8 digits, then E + a letter other than I/O + 7
digits (since 2017). These forms are distinctive enough to report without a label. Diplomatic,
service and official passports (DE/SE/PE + 7 digits), HKSAR (K + 8) and MSAR (MA + 7) passports, and
any other letter-digit value, are reported only when labelled 护照.
"""
from __future__ import annotations

import re

from .base import LETTER_DIGITS, Hit

NAME = "passport"
ENTITY = "PASSPORT"
CANDIDATE = re.compile(r"(?=[A-Z])(?<![0-9A-Za-z_*×●@.\-])[A-Z]{1,2}\d{7,9}(?![0-9A-Za-z_*×●@])")
ORDINARY = re.compile(r"[EG]\d{8}|E[A-HJ-NP-Z]\d{7}")
ANY_LABELLED = re.compile(r"(?:[DSP]E\d{7}|[DSP]\d{7,8}|K\d{8}|MA\d{7}|[A-Z]{1,2}\d{7,8})")


def classify(value: str, labels: list[str]) -> tuple[float, tuple[str, ...]] | None:
    labelled = "passport" in labels
    if labels and labels[-1] in ("not_personal", "permit"):
        return None
    if ORDINARY.fullmatch(value):
        return (0.95 if labelled else 0.8), ("ordinary passport format",) + (
            ("labelled 护照",) if labelled else ())
    if labelled and ANY_LABELLED.fullmatch(value):
        return 0.8, ("passport format", "labelled 护照")
    return None


def find(doc_scope):
    for block, scope, m in doc_scope.matches(CANDIDATE, LETTER_DIGITS, 2):
        found = classify(m.group(), scope.labels(m.start()))
        if found:
            yield Hit(NAME, "leak", m.start(), m.end(), ENTITY, *found, block=block)

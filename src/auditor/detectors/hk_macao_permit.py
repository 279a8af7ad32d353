"""往来港澳通行证 (Exit-entry Permit for Travelling to and from Hong Kong and Macao) numbers.

Card permits since 2014: C + 8 digits, then C + a letter other than I/O + 7 digits (from CA0000001);
the old booklet: W + 8 digits. 港澳居民来往内地通行证 (回乡证): H or M + 8 or 10 digits. A bare C + 8
digits is too much like a product or model code, so every form needs a label: 通行证 / 回乡证 / 港澳
before it, or a generic 证件号码 label, or 通行证 elsewhere in its table row (a 证件类型 cell).
"""
from __future__ import annotations

import re

from .base import LETTER_DIGITS, Hit

NAME = "hk_macao_permit"
ENTITY = "HK_MACAO_PERMIT"
CANDIDATE = re.compile(r"(?=[A-Z])(?<![0-9A-Za-z_*×●@.\-])[CWHM][A-Z]?\d{7,10}(?![0-9A-Za-z_*×●@])")
FORMS = re.compile(r"C\d{8}|C[A-HJ-NP-Z]\d{7}|W\d{8}|[HM]\d{8}|[HM]\d{10}")


def classify(value: str, labels: list[str], row_labels: list[str]) -> tuple[float, tuple[str, ...]] | None:
    if not FORMS.fullmatch(value) or (labels and labels[-1] == "not_personal"):
        return None
    if "permit" in labels:
        return 0.9, ("permit number format", "labelled 通行证")
    if labels and labels[-1] == "id_document" and "permit" in row_labels:
        return 0.85, ("permit number format", "labelled 证件号码 in a row about 通行证")
    if labels and labels[-1] == "id_document" and value.startswith("C"):
        return 0.75, ("permit number format", "labelled 证件号码")
    return None


def find(doc_scope):
    for block, scope, m in doc_scope.matches(CANDIDATE, LETTER_DIGITS, 2):
        found = classify(m.group(), scope.labels(m.start()), scope.row_labels())
        if found:
            yield Hit(NAME, "leak", m.start(), m.end(), ENTITY, *found, block=block)

"""Already-masked values (138****5678, 440102********1234, 6222 **** **** 5702, E*****115).

A properly masked value is not a leak and gets no finding. A value whose mask leaves too much is
verdict "under-masked" (a warning): an 18-character ID with its whole birth date (YYYYMMDD, characters
7-14) visible or fewer than 4 characters hidden; a mobile or card number with fewer than 4 hidden.
Mask characters are *, ×, ● (full-width ＊ is normalised to *) or x; at least 2 in a row, so a real
check digit X is never a mask.
"""
from __future__ import annotations

import re

from . import uscc
from ..document import Text
from .base import Hit
from .context import prefilter

NAME = "masked"
_MASK = "*×●xX"
CANDIDATE = re.compile(
    r"(?=[0-9A-Z*×●xX])(?<![0-9A-Za-z_*×●@.\-])"
    r"(?=[0-9A-Za-z*×● \-]{0,24}?(?:[*×●]{2}|[xX]{2}|[*×●][xX]|[xX][*×●]))"
    r"[0-9A-Z*×●xX](?:[ \-]?[0-9A-Z*×●xX])*"
    r"(?![0-9A-Za-z_*×●@])")


def _hidden_only(hidden: int) -> Text:
    return Text(f"仅遮盖{hidden}位", f"only {hidden} characters are hidden")


def assess(value: str, labels: list[str]) -> tuple[str, str, str] | None:
    """(entity, verdict, detail) for a masked value; verdict 'ok' or 'under-masked'."""
    chars = value.replace(" ", "").replace("-", "")
    if (labels and labels[-1] == "not_personal") or uscc.is_valid(chars):
        return None  # e.g. a 统一社会信用代码 ending in XX
    hidden = sum(c in _MASK for c in chars)
    if hidden < 2 or sum(c.isdigit() for c in chars) < 2:
        return None
    n = len(chars)
    if n == 18 and chars[:6].isdigit() and (labels[-1:] != ["bank_card"]):
        if chars[6:14].isdigit():
            return "CN_RESIDENT_ID", "under-masked", Text("出生日期仍可见", "the birth date is still visible")
        if hidden < 4:
            return "CN_RESIDENT_ID", "under-masked", _hidden_only(hidden)
        return "CN_RESIDENT_ID", "ok", ""
    if n == 11 and chars[0] == "1" and chars[1:3].isdigit():
        return ("PHONE_MOBILE", "under-masked", _hidden_only(hidden)) if hidden < 4 else ("PHONE_MOBILE", "ok", "")
    if 16 <= n <= 19 and chars[:1].isdigit():
        return ("BANK_CARD", "under-masked", _hidden_only(hidden)) if hidden < 4 else ("BANK_CARD", "ok", "")
    return None


HINT = prefilter("*×●xX", "[*×●xX]")  # a charset-led pattern: scanned fast


def find(doc_scope):
    for block, scope, m in doc_scope.matches(CANDIDATE, HINT, 30):
        found = assess(m.group(), scope.labels(m.start()))
        if found and found[1] == "under-masked":
            entity, verdict, detail = found
            yield Hit(NAME, verdict, m.start(), m.end(), entity, 0.8, ("partly masked value",),
                      detail=detail, block=block)

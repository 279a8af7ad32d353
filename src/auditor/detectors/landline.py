"""Landline numbers (固定电话) with an area code: 010 / 02X + 8 digits, 0XXX + 7-8 digits.

Written as 0755-26594862, (021)26196878, 0753－55748870 (normalised to '-'), with extensions
(-8001, 转123, 分机123). The local number never starts with 0 or 1. Without a separator or brackets
after the area code the digits are too ambiguous, so a bare 12-digit run needs a phone label.

Offices must publish their phone numbers (条例 第十二条), so the verdict depends on the owner: the
office (note) or a private person (leak). Unattributed landlines are taken as the office's.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..rulepacks import load_data
from .base import is_placeholder

NAME = "landline"
ENTITY = "PHONE_LANDLINE"
EXTENSION = re.compile(r"\s?(?:转|分机|ext\.?|EXT\.?)\s?\d{1,6}")


@lru_cache(maxsize=1)
def area_code() -> re.Pattern:
    return re.compile("(?:%s)" % load_data("phone-numbers.yaml")["area_code_pattern"])


def _local_ok(local: str) -> bool:
    return len(local) in (7, 8) and local[0] not in "01" and not is_placeholder(local)


def split(groups: list[str], bracketed_area: str | None, labelled: bool) -> tuple[str, str] | None:
    """(area code, local number) if the digit groups read as a landline, else None.

    Extra trailing groups of 1-6 digits are an extension."""
    if bracketed_area is not None:
        area, rest = bracketed_area, groups
    elif len(groups) >= 2:
        area, rest = groups[0], groups[1:]
    elif labelled and groups[0].startswith("0"):
        digits = groups[0]
        for n in (3, 4):
            if area_code().fullmatch(digits[:n]) and _local_ok(digits[n:]):
                return digits[:n], digits[n:]
        return None
    else:
        return None
    if not area_code().fullmatch(area):
        return None
    for take in (1, 2):  # the local number may itself be grouped: 0755-8888 8888
        local = "".join(rest[:take])
        if _local_ok(local) and all(1 <= len(g) <= 6 for g in rest[take:]) and len(rest) - take <= 1:
            return area, local
    return None


def classify(owner: str | None) -> tuple[str, float, tuple[str, ...]]:
    if owner == "private":
        return "leak", 0.85, ("area code + local number", "belongs to a private person")
    return "office", 0.6, ("area code + local number", "office contact" if owner else "no private owner")


def find(doc_scope):
    from .numbers import number_hits  # one shared pass reads every digit run (see numbers.py)
    return [h for h in number_hits(doc_scope) if h.detector == NAME]

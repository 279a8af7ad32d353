"""Mobile phone numbers (中国大陆手机号码): 11 digits starting with an allocated prefix.

The allocated prefixes are data (rules/phone-numbers.yaml, from pii.md §5.1), so 140-144, 154 or 194
numbers, which no subscriber can hold, are never reported. Accepts +86 / 0086 / 86 in front and any
grouping (138 1234 5678, 138-1234-5678). Sample values (13800000000, 13812345678) are skipped.
A mobile number labelled as an office's 监督电话/咨询电话 is verdict "office" (a warning: often a
village cadre's own phone); anywhere else it is a leak, whatever the role of the person beside it.
"""
from __future__ import annotations

from functools import lru_cache

from ..rulepacks import load_data
from .base import is_placeholder

NAME = "mobile"
ENTITY = "PHONE_MOBILE"


@lru_cache(maxsize=1)
def prefixes() -> tuple[str, ...]:
    return tuple(load_data("phone-numbers.yaml")["mobile_prefixes"])


def national(digits: str) -> str:
    """Strip a country code: 8613812345678 / 008613812345678 -> 13812345678."""
    for cc in ("0086", "86"):
        if digits.startswith(cc) and len(digits) == len(cc) + 11:
            return digits[len(cc):]
    return digits


def is_mobile(digits: str) -> bool:
    number = national(digits)
    return (len(number) == 11 and number.startswith(prefixes())
            and not is_placeholder(number[3:]))


def classify(digits: str, label: str | None) -> tuple[str, float, tuple[str, ...]] | None:
    if not is_mobile(digits):
        return None
    if label == "office_contact":
        return "office", 0.7, ("allocated mobile prefix", "labelled as an office contact line")
    reasons = ("allocated mobile prefix",) + (("labelled as a phone",) if label == "phone" else ())
    return "leak", 0.95 if label == "phone" else 0.85, reasons


def find(doc_scope):
    from .numbers import number_hits  # one shared pass reads every digit run (see numbers.py)
    return [h for h in number_hits(doc_scope) if h.detector == NAME]

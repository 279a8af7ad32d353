"""居民身份证号码 (resident identity card number), GB 11643-1999.

18 characters: 6-digit region code (GB/T 2260) + birth date YYYYMMDD + 3-digit sequence + a check
character computed with ISO 7064 MOD 11-2 ("10X98765432"[sum(d_i * w_i) mod 11], w_i = 2^(17-i) mod 11).
The first-generation number has 15 digits: region + YYMMDD (19YY) + sequence, no check digit.
港澳台居民居住证 numbers share the format with region 810000/820000/830000.

The region code raises confidence but never vetoes (stdnum's table lacks 830000 and early 81/82
births). A failing check digit is still reported when the value is labelled as an ID: a typo'd real
ID is still a leak. 15-digit numbers are reported only when labelled, since 15 bare digits are common.

>>> calc_check_digit("11010519491231002")
'X'
>>> validate("11010519491231002X") is None
True
>>> validate("110105194912310021")
'check digit fails'
"""
from __future__ import annotations

import datetime as dt
from functools import lru_cache
from operator import mul
from pathlib import Path

import stdnum

NAME = "resident_id"
ENTITY = "CN_RESIDENT_ID"
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
PROVINCES = frozenset(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 "
    "71 81 82 83".split())
ID_LABELS = ("resident_id", "id_document")


def calc_check_digit(first17: str) -> str:
    return "10X98765432"[sum(map(mul, map(int, first17), _WEIGHTS)) % 11]


@lru_cache(maxsize=1)
def known_regions() -> frozenset[str]:
    """County-level codes from python-stdnum's GB/T 2260 table (all years)."""
    path = Path(stdnum.__file__).parent / "cn" / "loc.dat"
    return frozenset(line[:6] for line in path.read_text(encoding="utf-8").splitlines()
                     if line[:6].isdigit())


_EARLIEST = dt.date(1900, 1, 1)
_TODAY = dt.date.today()  # read once: date.today() per candidate showed in profiles


def birth_date(number: str) -> dt.date | None:
    text = "19" + number[6:12] if len(number) == 15 else number[6:14]
    try:
        born = dt.date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        return None
    return born if _EARLIEST <= born <= _TODAY else None


def validate(number: str) -> str | None:
    """None when valid, else the reason (a value, not a boolean: it becomes evidence)."""
    if len(number) not in (15, 18) or not number[:17].isdigit():
        return "wrong length or format"
    if number[:2] not in PROVINCES and len(number) == 15:
        return "unknown province"
    if birth_date(number) is None:
        return "no valid birth date"
    if len(number) == 18 and calc_check_digit(number[:17]) != number[17].upper():
        return "check digit fails"
    return None


def classify(number: str, labels: list[str]) -> tuple[float, tuple[str, ...]] | None:
    """Confidence and reasons if `number` (digits, maybe a final X) is a resident ID here."""
    labelled = any(k in ID_LABELS for k in labels)
    problem = validate(number)
    if len(number) == 15:
        if problem or not labelled:
            return None
        return 0.8, ("15-digit first-generation ID", "valid birth date", "labelled as an ID")
    if problem == "check digit fails" and labelled:
        return 0.6, ("check digit fails", "valid birth date", "labelled as an ID")
    if problem:
        return None
    reasons = ["MOD 11-2 check digit", "valid birth date"]
    confidence = 0.7
    if number[:6] in known_regions():
        confidence, reasons = 0.9, reasons + ["known region code"]
    elif number[:2] in PROVINCES:
        confidence, reasons = 0.8, reasons + ["known province code"]
    if labelled:
        confidence, reasons = min(1.0, confidence + 0.1), reasons + ["labelled as an ID"]
    return confidence, tuple(reasons)


def find(doc_scope):
    from .numbers import number_hits  # one shared pass reads every digit run (see numbers.py)
    return [h for h in number_hits(doc_scope) if h.detector == NAME]

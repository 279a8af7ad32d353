"""Bank card numbers (银行卡号): 16-19 digits with a valid Luhn (mod 10) check digit.

China UnionPay cards start with 62 (Q/CUP 002); Visa (4), Mastercard (5), JCB/AmEx (3) and older
domestic debit cards (9) are accepted too, with lower confidence. Any other leading digit needs a
card label (银行卡号, 账号, 社保卡金融账号...). Written plain or grouped by 4 (6222 0210 0111 6245 702).

>>> is_valid("6228480402564890018")
True
"""
from __future__ import annotations

from .base import is_placeholder

NAME = "bank_card"
ENTITY = "BANK_CARD"


_DOUBLED = (0, 2, 4, 6, 8, 1, 3, 5, 7, 9)  # digit -> digit sum of twice the digit


def luhn_ok(digits: str) -> bool:
    """Luhn mod 10 (ISO/IEC 7812-1); same result as stdnum.luhn.is_valid, several times faster."""
    values = [ord(c) - 48 for c in reversed(digits)]
    return (sum(values[0::2]) + sum(_DOUBLED[v] for v in values[1::2])) % 10 == 0


def is_valid(digits: str) -> bool:
    return 16 <= len(digits) <= 19 and digits.isdigit() and luhn_ok(digits)


def classify(digits: str, labels: list[str]) -> tuple[float, tuple[str, ...]] | None:
    if not is_valid(digits) or is_placeholder(digits):
        return None
    labelled = "bank_card" in labels
    if digits.startswith("62"):
        confidence, reasons = 0.9, ["Luhn check digit", "UnionPay BIN 62"]
    elif digits[0] in "3459":
        confidence, reasons = 0.7, ["Luhn check digit", "card BIN"]
    elif labelled:
        confidence, reasons = 0.6, ["Luhn check digit"]
    else:
        return None
    if labelled:
        confidence, reasons = min(1.0, confidence + 0.1), reasons + ["labelled as a card or account"]
    return confidence, tuple(reasons)


def find(doc_scope):
    from .numbers import number_hits  # one shared pass reads every digit run (see numbers.py)
    return [h for h in number_hits(doc_scope) if h.detector == NAME]

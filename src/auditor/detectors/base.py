"""What a detector returns."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .context import prefilter


@dataclass(slots=True)  # made for every candidate: slots keep it cheap
class Hit:
    """A value a detector found in a Scope's normalised text, and what it concluded about it."""

    detector: str  # module name in auditor.detectors
    verdict: str  # leak | office | under-masked ...: together with `detector`, names the rule
    start: int  # [start, end) in the normalised text of the scope
    end: int
    entity: str  # CN_RESIDENT_ID, PHONE_MOBILE, ...
    confidence: float
    reasons: tuple[str, ...] = ()  # evidence kept for --explain and the JSON output
    label: str = ""  # the context label, for messages ("监督电话")
    detail: str = ""  # extra message text (why a mask is insufficient)
    block: int = 0  # index of the block in the document; start/end are offsets in that block


_SEQUENCE = re.compile("12345678|23456789|01234567|98765432|87654321")


def is_placeholder(digits: str) -> bool:
    """One repeated digit, or a run like 12345678 / 87654321: sample values, not a person's."""
    return digits.count(digits[:1]) == len(digits) or _SEQUENCE.search(digits) is not None


# Letters then 7+ digits: every passport or permit number contains this (shared prefilter).
LETTER_DIGITS = prefilter("A-WYZ", "[A-Z]?[0-9]{7}")  # X leads the mask prefilter

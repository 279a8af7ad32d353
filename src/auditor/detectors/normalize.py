"""Normalise text before matching, keeping a way back to the original offsets.

Full-width digits, letters and the symbols identifiers use (NFKC's width folding), the ideographic
space and the many dash characters become their ASCII forms one character for one character, so
offsets do not move.
Zero-width characters (often pasted in from web pages, and a way to hide a number from a naive
scanner) are removed; only then do offsets move, and `to_original` maps them back.
"""
from __future__ import annotations

import re

# Full-width forms of what identifiers are made of: digits, letters and + - . ( ) * @ _ /. Chinese
# punctuation (，：；) is left alone: no pattern needs it folded, and it is the commonest character.
_WIDTH = {ord(c): ord(c) - 0xFEE0 for c in "０１２３４５６７８９＋－．（）＊＠＿／"}
_WIDTH.update({cp: cp - 0xFEE0 for cp in [*range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B)]})
_WIDTH[0x3000] = ord(" ")  # ideographic space
for _dash in (0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0xFE58, 0xFE63, 0x2E3A):
    _WIDTH[_dash] = ord("-")
_WIDTH[0x00A0] = ord(" ")
_WIDTH[0x2217] = ord("*")  # asterisk operator
TRANSLATION = _WIDTH
_FOLDABLE = re.compile("[%s]" % "".join(re.escape(chr(cp)) for cp in sorted(_WIDTH)))


def _fold(text: str) -> str:
    # str.translate looks up every character in a dict (slow on Chinese text). Instead: find which
    # foldable characters occur (one regex pass in C), then str.replace each (C again). A 1:1
    # replacement keeps every offset.
    for wide in set(_FOLDABLE.findall(text)):
        text = text.replace(wide, chr(_WIDTH[ord(wide)]))
    return text


_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def normalize(text: str) -> tuple[str, list[int] | None]:
    """Return (normalised text, offset map or None when offsets are unchanged).

    The map gives, for each normalised index i (and len), the original index.
    """
    folded = _fold(text)
    if not _ZERO_WIDTH.search(folded):
        return folded, None
    kept = [i for i, ch in enumerate(folded) if not _ZERO_WIDTH.match(ch)]
    kept.append(len(folded))
    return _ZERO_WIDTH.sub("", folded), kept


def to_original(offsets: list[int] | None, start: int, end: int) -> tuple[int, int]:
    """Map a normalised span [start, end) back to the original text."""
    if offsets is None:
        return start, end
    return offsets[start], offsets[end - 1] + 1 if end > start else offsets[start]

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
_ZERO_WIDTH_CHARS = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_ZERO_WIDTH = re.compile(f"[{_ZERO_WIDTH_CHARS}]")
# Characters to fold or remove, found together in one regex pass (in C).
_SPECIAL = re.compile("[%s%s]" % ("".join(re.escape(chr(cp)) for cp in sorted(_WIDTH)), _ZERO_WIDTH_CHARS))


def normalize(text: str) -> tuple[str, list[int] | None]:
    """Return (normalised text, offset map or None when offsets are unchanged).

    The map gives, for each normalised index i (and len), the original index.
    """
    # str.translate looks up every character in a dict (slow on Chinese text). Instead: find which
    # special characters occur, then str.replace each foldable one (a 1:1 replacement keeps every
    # offset); only zero-width characters, which are rare, need an offset map.
    found = set(_SPECIAL.findall(text))
    for wide in found:
        if ord(wide) in _WIDTH:
            text = text.replace(wide, chr(_WIDTH[ord(wide)]))
    if not found & set(_ZERO_WIDTH_CHARS):
        return text, None
    kept = [i for i, ch in enumerate(text) if ch not in _ZERO_WIDTH_CHARS]
    kept.append(len(text))
    return _ZERO_WIDTH.sub("", text), kept


def to_original(offsets: list[int] | None, start: int, end: int) -> tuple[int, int]:
    """Map a normalised span [start, end) back to the original text."""
    if offsets is None:
        return start, end
    return offsets[start], offsets[end - 1] + 1 if end > start else offsets[start]

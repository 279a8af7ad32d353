"""The text the annual-report checks read: each line folded one character for one character, so a
column found in the folded text is a column of the document's extracted text.

Real reports come with full- and half-width punctuation, traditional characters (a big5 gateway even
writes 資訊 for 信息), pinyin glosses after characters (根據(jù)) and ideographic spaces. The fold
makes them one form: Chinese brackets and punctuation, ASCII digits, simplified characters, 信息,
and glosses blanked out with FILLER (not a space: 主動(dòng)公開 must stay one word; `compact`
drops it with the spaces).
"""
from __future__ import annotations

import re
from functools import lru_cache

_FOLD = {ord(a): b for a, b in zip("(),:;．\u3000", "（），：；. ")}
_FOLD.update({cp: cp - 0xFEE0 for cp in range(0xFF10, 0xFF1A)})  # full-width digits
# A few characters common in traditional-script reports and never used in simplified text.
_TRADITIONAL = re.compile("[這們國會開說時過還為與發經於當對實區務機關資訊門報條複議訴訟費減問題進請應從辦]")
_GLOSS = re.compile("（[a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜńňǹ]{1,7}）")


@lru_cache(maxsize=1)
def _t2s():
    from opencc import OpenCC  # opencc-python-reimplemented: OpenCC's tables in pure Python

    return OpenCC("t2s")


def is_traditional(lines: list[str]) -> bool:
    sample = "".join(lines)[:4000]
    return len(_TRADITIONAL.findall(sample)) >= 5


def fold_lines(texts: list[str]) -> list[str]:
    """The folded copy of `texts` (same number of lines, each of the same length)."""
    lines = [t.translate(_FOLD) for t in texts]
    if is_traditional(lines):
        lines = [_simplified(line) for line in lines]
    return [_GLOSS.sub(lambda m: FILLER * len(m.group()), line).replace("资讯", "信息") for line in lines]


FILLER = "\u200b"
_SPACES = re.compile(f"[\\s{FILLER}]+")


def compact(text: str) -> str:
    """Without spaces and fillers: what heading titles and statements are matched on."""
    return _SPACES.sub("", text)


def _simplified(line: str) -> str:
    converted = _t2s().convert(line)
    if len(converted) == len(line):
        return converted
    # a phrase conversion changed the length: convert character by character (offsets must hold)
    return "".join(c2 if len(c2 := _t2s().convert(c)) == 1 else c for c in line)


CHINESE_NUMERALS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"○": 0, "零": 0}


def chinese_number(text: str) -> int | None:
    """一 → 1, 十二 → 12, 二十 → 20; digits as they are; None if not a number."""
    if text.isdigit():
        return int(text)
    if not text or any(c not in CHINESE_NUMERALS and c != "十" for c in text):
        return None
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (CHINESE_NUMERALS[tens] if tens else 1) * 10 + (CHINESE_NUMERALS[ones] if ones else 0)
    return int("".join(str(CHINESE_NUMERALS[c]) for c in text))

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
from pathlib import Path

_FOLD = {ord(a): b for a, b in zip("(),:;．\u3000", "（），：；. ")}
_FOLD.update({cp: chr(cp - 0xFEE0) for cp in range(0xFF10, 0xFF1A)})  # full-width digits
_FOLDABLE = re.compile("[%s]" % "".join(re.escape(chr(c)) for c in _FOLD))
# Characters common in traditional-script reports and never used in simplified text: a line with one
# is converted.
_TRADITIONAL = re.compile("[這們國會開說時過還為與發經於當對實區務機關資訊門報條複議訴訟費減問題進請應從辦]")
_GLOSS = re.compile("（[a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜńňǹ]{1,7}）")


@lru_cache(maxsize=1)
def _t2s() -> dict[int, str]:
    """Traditional -> simplified, character for character (so offsets hold), from OpenCC's own table
    (TSCharacters.txt, shipped with opencc-python-reimplemented): its first candidate for each
    character. Phrase conversions are not needed to read headings and table labels, and a
    str.translate table is a hundred times faster than the converter."""
    import opencc

    table = {}
    path = Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"
    for line in path.read_text(encoding="utf-8").splitlines():
        trad, _, simple = line.partition("\t")
        first = simple.split(" ")[0]
        if len(trad) == 1 and len(first) == 1 and first != trad:
            table[ord(trad)] = first
    return table


def fold_lines(texts: list[str]) -> list[str]:
    """The folded copy of `texts` (same number of lines, each of the same length)."""
    # str.translate looks up every character in a dict (slow on Chinese text): replace the few
    # foldable characters that occur, in the whole text at once, one for one
    text = "\n".join(texts)
    for char in set(_FOLDABLE.findall(text)):
        text = text.replace(char, _FOLD[ord(char)])
    lines = text.split("\n")
    if any(_TRADITIONAL.search(line) for line in lines[:200]) or any(map(_TRADITIONAL.search, lines)):
        table = _t2s()  # only lines that show traditional script: translate is slow on Chinese text
        lines = [line.translate(table) if _TRADITIONAL.search(line) else line for line in lines]
    return [_GLOSS.sub(lambda m: FILLER * len(m.group()), line).replace("资讯", "信息") for line in lines]


FILLER = "\u200b"
_SPACES = re.compile(f"[\\s{FILLER}]+")


def compact(text: str) -> str:
    """Without spaces and fillers: what heading titles and statements are matched on."""
    return _SPACES.sub("", text)


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

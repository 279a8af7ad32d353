"""What makes a string a Chinese person's name: surnames, given-name characters, traps, masks.

All words and statistics come from rules/names.yaml. The lexicon proposes name spans at a position
(after a role word, before a greeting) and scores them; evidence is kept as readable reasons so
`--explain` can show why a span was taken for a name.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..rulepacks import load_data
from .normalize import normalize

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
MIDDLE_DOTS = "·•・．.‧∙"  # U+00B7, bullet, katakana middle dot, full-width full stop (normalised to ".")
# A minority or transliterated name written with middle dots: 阿卜杜拉·买买提
DOTTED_NAME = re.compile(r"[\u4e00-\u9fff]{1,7}(?:[%s][\u4e00-\u9fff]{1,8}){1,3}" % MIDDLE_DOTS)
LATIN_NAME = re.compile(r"[A-Za-z][A-Za-z'\-]+(?: [A-Za-z][A-Za-z'\-]+){1,3}")
_ORDINALS = ("甲", "乙", "丙", "丁")
_CLAUSE_MARKS = r"，。；、：,;:()（）\s"


@dataclass(slots=True)
class Candidate:
    """A span [start, end) of a text that may be a person's name, and the evidence for it."""

    start: int
    end: int
    role: str  # private | official | neutral
    confidence: float
    reasons: tuple[str, ...]
    form: str = "name"  # name | masked | under-masked


def _words(items) -> list[str]:
    return [normalize(w)[0] for w in items]


def _han(text: str) -> str:
    return "".join(HAN.findall(text))


class Lexicon:
    def __init__(self, data: dict):
        self.evidence: dict = data["evidence"]  # weights: rules/names.yaml `evidence`
        surnames = data["surnames"]
        self.top = set(_han(surnames["top"]))
        self.surnames = self.top | set(_han(surnames["other"]))
        self.compound = set(surnames["compound"])
        self.given = set(_han(data["given_chars"]))
        context = data["context"]
        # word -> (where the name is: "after" the word or "before" it, whose name: private/official/neutral)
        self.anchors: dict[str, tuple[str, str]] = {}
        self.token_patterns: dict[str, list] = data.get("token_patterns") or {}
        for kind, (side, role) in {"private_before": ("after", "private"),
                                   "official_before": ("after", "official"),
                                   "official_after": ("before", "official"),
                                   "private_after": ("before", "private"),
                                   "neutral_after": ("before", "neutral")}.items():
            for word in _words(context[kind]):
                self.anchors.setdefault(word, (side, role))
        self.weak = set(_words(data["weak_context"]))
        self.gap = re.compile("[:：\\s]*(?:(?:%s)[:：\\s]*)*" % "|".join(
            re.escape(w) for w in sorted(_words(data["gap_words"]), key=len, reverse=True)))
        self.followers = tuple(sorted(_words(data["followers"]), key=len, reverse=True))
        self.leaders = tuple(sorted(_words(data["leaders"]), key=len, reverse=True))
        self.name_headers = set(_words(data["name_headers"]))
        self.official_headers = set(_words(data["official_headers"]))
        self.official_cell_words = set(_words(data["official_cell_words"]))
        self.not_names = set(_words(data["not_names"]))
        self.not_first_chars = set(_han(data["not_first_chars"]))
        self.place_suffixes = set(_han(data["place_suffixes"]))
        self.place_next = self.place_suffixes | set(_han(data["place_next"]))
        # an organisation word within the rest of the clause (up to 8 characters on)
        self.organisation_after = re.compile("[^%s]{0,7}?(?:%s)" % (
            _CLAUSE_MARKS, "|".join(re.escape(w) for w in data["organisation_words"])))
        self.mask_chars = set(data["mask_chars"])
        self.masked_words = tuple(data["masked_words"])

    # --- what a name looks like -------------------------------------------------------------
    def surname_at(self, text: str, i: int) -> tuple[int, str]:
        """(length of the surname at i, evidence): 2 for 欧阳, 1 for 王, 0 when none."""
        if text[i:i + 2] in self.compound:
            return 2, f"compound surname {text[i:i + 2]}"
        ch = text[i:i + 1]
        if ch in self.top:
            return 1, f"common surname {ch}"
        if ch in self.surnames:
            return 1, f"surname {ch}"
        return 0, ""

    def is_trap(self, name: str, following: str) -> bool:
        """A word or a place/organisation that merely begins with a surname character; `following`
        is the text after it (石门农资 before 经营部 is a shop)."""
        if name in self.not_names or name[-1] in self.place_suffixes or following[:1] in self.place_next:
            return True
        return self.organisation_after.match(following) is not None

    def has_word_inside(self, name: str) -> bool:
        """Does the name begin or end with a trap word (孟子琪, 臧福建)? Evidence against, not a veto."""
        return any(name[:n] in self.not_names or name[-n:] in self.not_names for n in (2, 3) if n < len(name))

    def masked_form(self, text: str, start: int) -> tuple[int, str] | None:
        """(end, 'masked' | 'under-masked') if a masked name starts at `start`: 张*, 张某某, 刘x甲 are
        masked; 张*明, with a given-name character left visible, is under-masked."""
        sl, _ = self.surname_at(text, start)
        if not sl:
            return None
        i = j = start + sl
        while j < len(text) and text[j] in self.mask_chars:
            j += 1
        if j == i:
            word = next((w for w in self.masked_words if text.startswith(w, i)), None)
            if word is None:
                return None
            j = i + len(word)
        elif text[j:j + 1].isascii() and text[j:j + 1].isalnum():
            return None  # letters and digits go on: a code, not a masked name
        if text[j:j + 1] in _ORDINALS:
            return j + 1, "masked"  # 李某甲, 刘x乙
        if text[i] not in "某" and HAN.match(text[j:j + 1] or " ") and not self._ends_here(text, j) \
                and (text[j] in self.given or self._ends_here(text, j + 1)):
            return j + 1, "under-masked"
        return j, "masked"

    def _role_words(self, name: str) -> list[str]:
        """Context words of two or more characters inside `name` (a name never contains one)."""
        return [name[i:j] for i in range(len(name)) for j in range(i + 2, len(name) + 1)
                if name[i:j] in self.anchors]

    def _ends_here(self, text: str, i: int) -> bool:
        """Does a name end at i (punctuation, a non-Han character, a follower word, the end)?"""
        return i >= len(text) or not HAN.match(text[i]) or text.startswith(self.followers, i)

    def starts_here(self, text: str, i: int) -> bool:
        """Can a name start at i (the start, a non-Han character, or after a leader: 关于, 对…)?"""
        return i <= 0 or not HAN.match(text[i - 1]) or text.endswith(self.leaders, 0, i)

    def after(self, text: str, pos: int, unknown: bool = True) -> tuple[int, int, list[str]] | None:
        """The name starting at `pos` (after a role word): (start, end, evidence). With `unknown`, a
        delimited name without a known surname is proposed too."""
        if pos >= len(text):
            return None
        dotted = DOTTED_NAME.match(text, pos)
        if dotted:
            return pos, dotted.end(), ["name with a middle dot"]
        sl, why = self.surname_at(text, pos)
        if not sl:
            return self._unknown_surname(text, pos) if unknown else None
        options = []
        for given in (2, 1):
            end = pos + sl + given
            if end > len(text) or not all(HAN.match(c) for c in text[pos + sl:end]):
                continue
            if self._ends_here(text, end):
                options.append(end)
        if not options and sl == 1 and text[pos + 1:pos + 2] in self.surnames \
                and all(HAN.match(c) for c in text[pos + 2:pos + 4]) and not HAN.match(text[pos + 4:pos + 5] or " "):
            return pos, pos + 4, [why, "two surnames"]  # 刘王晨曦
        if not options:
            return None
        # 虞平的手机: both 虞平 (before 的) and nothing longer; prefer the longer unless its last
        # character starts a follower word (张三和李四 -> 张三)
        end = options[0]
        if len(options) > 1 and text.startswith(self.followers, end - 1):
            end = options[1]
        return pos, end, [why]

    def before(self, text: str, end: int) -> tuple[int, int, list[str]] | None:
        """The name ending at `end` (before a greeting or an ID in brackets): (start, end, evidence)."""
        dotted = None
        for m in DOTTED_NAME.finditer(text, max(0, end - 30), end):
            if m.end() == end:
                dotted = m
        if dotted:
            return dotted.start(), end, ["name with a middle dot"]
        best = None
        for length in (3, 2, 4):
            start = end - length
            if start < 0 or not all(HAN.match(c) for c in text[start:end]):
                continue
            sl, why = self.surname_at(text, start)
            if not sl or not 1 <= length - sl <= 2 or not self.starts_here(text, start):
                continue
            if length == 4 and sl == 1 and text[start + 1] not in self.surnames:
                continue  # four characters: a compound surname or two surnames (刘王晨曦)
            strong = start == 0 or not HAN.match(text[start - 1])
            if best is None or (strong and not best[3]):
                best = (start, end, [why], strong)
        if best is None:
            start = end - 1
            while start > 0 and end - start < 3 and HAN.match(text[start - 1]):
                start -= 1
            if (start == 0 or not HAN.match(text[start - 1])) and end - start >= 2:
                return self._unknown_surname(text, start, end)
        return best[:3] if best else None

    def _unknown_surname(self, text: str, start: int, end: int | None = None):
        """A 2-3 character given name without a known surname (晓东), only where the text delimits
        it on both sides (申请人晓东，… / ：晓东您好)."""
        if end is None:
            end = start
            while end < len(text) and end - start < 3 and HAN.match(text[end]):
                end += 1
            if end < len(text) and HAN.match(text[end]):
                return None  # after a role word, only a name the punctuation delimits (晓东，)
        if end - start < 2 or not all(HAN.match(c) for c in text[start:end]) or \
                text.startswith(self.followers, start) or text[start] in self.not_first_chars:
            return None  # 居民身份证: a word that ends names does not start one
        return start, end, ["no known surname"]

    def score(self, text: str, start: int, end: int, evidence: list[str], context: float,
              word_frequency=None) -> tuple[float, tuple[str, ...]] | None:
        """Combine the evidence for text[start:end] into a confidence; None for a trap."""
        name, w = text[start:end], self.evidence
        if self.masked_form(text, start):
            return None  # 张某某, 王*: already masked, not a leak
        if any(c in MIDDLE_DOTS for c in name):
            return min(0.99, w["middle_dot"] + context), tuple(evidence)
        if self.is_trap(name, text[end:end + 8]) or self._role_words(name):
            return None  # 居民身份证 after 居民, 任组长: a context word is not (in) a name
        sl, _ = self.surname_at(name, 0)
        if "no known surname" in evidence:
            confidence = context + w["no_known_surname"]
        else:
            confidence = context + w["common_surname" if name[:sl] in self.top or sl == 2 else "surname"]
        given = [c for c in name[sl:] if c in self.given]
        reasons = list(evidence)
        if given:
            confidence += w["given_char"] * len(given)
            reasons.append("given-name chars " + "".join(given))
        if self.has_word_inside(name):
            confidence += w["trap_word_inside"]
            reasons.append("begins or ends with a common word")
        frequency = word_frequency(name) if word_frequency else 0
        if "no known surname" in evidence and max(frequency, word_frequency(name[:2]) if word_frequency else 0) >= 500:
            return None  # 群众来信, 性别, 本机关: a common word with no surname is never a name
        if frequency >= 1000:
            confidence += w["common_word"]
            reasons.append(f"also a common word ({frequency})")
        elif frequency >= 100:
            confidence += w["word"]
            reasons.append(f"also a word ({frequency})")
        if 0 < start and text[start - 1] in ":：" and self._ends_here(text, end) and \
                (end == len(text) or not HAN.match(text[end])):
            confidence += w["field_value"]
            reasons.append("a field value on its own")
        return min(confidence, 0.99), tuple(reasons)

    def plausible_cell(self, cell: str) -> list[str] | None:
        """Evidence that a whole table cell is a name (2-4 Han characters with a surname, or a dotted
        name); None when it is not one. Names beyond these (latin letters, no known surname) count only
        in a name column: see person_name._score_cell."""
        if DOTTED_NAME.fullmatch(cell):
            return ["name with a middle dot"]
        if 2 <= len(cell) <= 4 and all(HAN.match(c) for c in cell):
            sl, why = self.surname_at(cell, 0)
            if sl and len(cell) - sl >= 1 and not self.is_trap(cell, ""):
                return [why]
        return None


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    return Lexicon(load_data("names.yaml"))

"""Many literal values looked for in a text in one pass (the values `redact` masks and then searches
its copy for). A 公示 list of 20,000 people is 80,000 values: looking for each in each cell is
quadratic, and Python's `re` has no multi-string search, so the values become one regular expression
shaped as a trie (one branch per next character), which `re` walks in a single pass."""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache


class ValueSet:
    def __init__(self, values: Iterable[str]):
        self.values = frozenset(v for v in values if v)
        self._pattern = _compiled(self.values) if self.values else None

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, value) of each occurrence, leftmost first and, at one place, the longest
        value (张三丰 before 张三); occurrences do not overlap."""
        if self._pattern is None:
            return []
        return [(m.start(), m.end(), m.group()) for m in self._pattern.finditer(text)]

    def found_in(self, text: str) -> set[str]:
        return {value for _, _, value in self.spans(text)}

    def replace(self, text: str, masks: dict[str, str]) -> str:
        return self._pattern.sub(lambda m: masks[m.group()], text) if self._pattern else text


@lru_cache(maxsize=8)  # the values masked are the values searched for: compiled once (5 s for 80,000)
def _compiled(values: frozenset[str]) -> re.Pattern:
    return re.compile(_trie_pattern(values))


def _trie_pattern(values) -> str:
    root: dict = {}
    for value in values:
        node = root
        for ch in value:
            node = node.setdefault(ch, {})
        node[""] = {}  # a value ends here
    return _branch(root)


def _branch(node: dict) -> str:
    alternatives = [re.escape(ch) + _branch(child) for ch, child in sorted(node.items()) if ch]
    if not alternatives:
        return ""
    body = alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"
    return f"(?:{body})?" if "" in node else body  # greedy: a longer value first, then this one


class Survivors:
    """Which of `values` a written copy still holds: a value as it is or XML-escaped, or its bare
    digits (7 or more) inside one unit of text, whatever separators the copy puts between them."""

    def __init__(self, values: Iterable[str]):
        values = {v for v in values if v}
        self._plain = ValueSet(values)
        self._escaped = {_xml_escape(v): v for v in values if _xml_escape(v) != v}
        self._escaped_set = ValueSet(self._escaped)
        self._bare: dict[str, set[str]] = {}
        for value in values:
            digits = _NOT_DIGIT.sub("", value)
            if len(digits) >= 7:
                self._bare.setdefault(digits, set()).add(value)
        self._bare_set = ValueSet(self._bare)

    def in_text(self, text: str) -> set[str]:
        return self._plain.found_in(text) | {self._escaped[e] for e in self._escaped_set.found_in(text)}

    def in_units(self, texts: Iterable[str]) -> set[str]:
        """Values whose bare digits are in one of `texts` (a paragraph, a cell, a line)."""
        digits = "\n".join(_NOT_DIGIT.sub("", t) for t in texts)
        return {value for bare in self._bare_set.found_in(digits) for value in self._bare[bare]}


_NOT_DIGIT = re.compile(r"\D")


def _xml_escape(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")

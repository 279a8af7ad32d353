"""What a detector knows about the text around a value: its label and its owner.

The words come from rules/context.yaml. A value's *label* is the closest label word before it in the
same sentence (or, in a table, its column header and the text before it in its cell); its *owner* is
the closest owner word ("本机关", "办公室" vs "申请人", "住址", "你") before it in the sentence or row.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import cached_property, lru_cache

from ..document import Block
from ..rulepacks import load_data
from .normalize import normalize, to_original

_SENTENCE_END = re.compile(r"[。；;！？!?]")
LABEL_WINDOW = 24  # characters before a value in which its label is looked for


def _alternation(words_by_kind: dict[str, list[str]]) -> tuple[re.Pattern, dict[str, str]]:
    kind_of = {}
    for kind, words in words_by_kind.items():
        for word in words:
            kind_of.setdefault(normalize(word)[0], kind)
    # longest first, so 身份证号码 wins over 号码 and 执法证号 over 证号 at the same position
    pattern = "|".join(re.escape(w) for w in sorted(kind_of, key=len, reverse=True))
    return re.compile(pattern), kind_of


@lru_cache(maxsize=1)
def vocabulary() -> "Vocabulary":
    return Vocabulary(load_data("context.yaml"))


class Vocabulary:
    def __init__(self, data: dict):
        self.labels, self.label_kind = _alternation(data["labels"])
        self.owners, self.owner_kind = _alternation(data["owners"])
        self.office_email_domains = tuple(data.get("office_email_domains", ()))

    def kinds(self, pattern: re.Pattern, kind_of: dict, text: str) -> list[str]:
        """Kinds of the words found in `text`, in order of appearance."""
        return [kind_of[m.group()] for m in pattern.finditer(text)]


class Scope:
    """One block as the detectors see it: normalised text plus context look-ups."""

    def __init__(self, block: Block, vocab: Vocabulary | None = None, previous: Block | None = None):
        self.block = block
        self.vocab = vocab or vocabulary()
        self.text, self.offsets = normalize(block.text)
        # A PDF line is often the middle of a sentence: its start may be on the line before.
        self.carry = ""
        if previous is not None and block.place.part == "page" and not block.cells and not previous.cells:
            before = normalize(previous.text)[0]
            self.carry = _SENTENCE_END.split(before)[-1][-LABEL_WINDOW * 2:]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        return to_original(self.offsets, start, end)

    def _cell_bounds(self, start: int):
        """(cell start in normalised text, header) if the offset is in a table cell."""
        cell = self.block.cell_at(self.original_span(start, start + 1)[0])
        if cell is None:
            return None
        cell_start = cell.start if self.offsets is None else bisect_left(self.offsets, cell.start)
        return cell_start, cell.header or ""

    def _sentence_before(self, start: int) -> str:
        """The text of the value's sentence before it (reaching into a PDF's previous line)."""
        cut = None
        for m in _SENTENCE_END.finditer(self.text, 0, start):
            cut = m.end()
        return self.text[cut:start] if cut is not None else self.carry + self.text[:start]

    def label_text(self, start: int) -> str:
        """Header plus the text before the value that may label it."""
        cell = self._cell_bounds(start)
        if cell is not None:
            cell_start, header = cell
            return header + " " + self.text[max(cell_start, start - LABEL_WINDOW):start]
        return self._sentence_before(start)[-LABEL_WINDOW:]

    def labels(self, start: int) -> list[str]:
        """Label kinds before the value, closest last."""
        return self.vocab.kinds(self.vocab.labels, self.vocab.label_kind, self.label_text(start))

    def label(self, start: int) -> str | None:
        kinds = self.labels(start)
        return kinds[-1] if kinds else None

    @cached_property
    def is_data_row(self) -> bool:
        """A table row under a header row: its values describe the row's subject."""
        return any(c.header for c in self.block.cells)

    def row_labels(self) -> list[str]:
        """Label kinds anywhere in the row and its headers (e.g. a 证件类型 cell saying 护照)."""
        headers = " ".join(c.header or "" for c in self.block.cells)
        return self.vocab.kinds(self.vocab.labels, self.vocab.label_kind, headers + " " + self.text)

    def owner(self, start: int) -> str | None:
        """'office', 'private' or None: who the contact value at `start` belongs to."""
        if self.label(start) == "office_contact":
            return "office"
        cell = self._cell_bounds(start)
        if cell is not None:
            before = cell[1] + " " + self.text[:start]
        else:
            before = self._sentence_before(start)
        kinds = self.vocab.kinds(self.vocab.owners, self.vocab.owner_kind, before)
        if kinds:
            return kinds[-1]
        return "private" if self.is_data_row else None

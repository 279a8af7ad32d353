"""What a detector knows about the text around a value: its label and its owner.

The words come from rules/context.yaml. A value's *label* is the closest label word before it in the
same sentence (or, in a table, its column header and the text before it in its cell); its *owner* is
the closest owner word ("本机关", "办公室" vs "申请人", "住址", "你") before it in the sentence or row.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import accumulate

from ..document import Block, Document
from ..rulepacks import load_data
from .normalize import normalize, to_original

SENTENCE_MARKS = "。；;！？!?"
_SENTENCE_END = re.compile(f"[{SENTENCE_MARKS}]")


LABEL_WINDOW = 24  # characters before a value in which its label is looked for
LEAD_LINES = 4  # field lines above a value in which its owner is looked for


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
        return [kind_of[w] for w in pattern.findall(text)]

    def label_kinds(self, text: str) -> list[str]:
        if len(text) > 16:
            return self.kinds(self.labels, self.label_kind, text)
        return list(self._short_label_kinds(text))

    @lru_cache(maxsize=4096)
    def _short_label_kinds(self, text: str) -> tuple[str, ...]:
        """Headers and short windows repeat across rows: cache their kinds."""
        return tuple(self.kinds(self.labels, self.label_kind, text))


@dataclass(frozen=True)
class Prefilter:
    """A cheap pattern that every match of a detector contains: `lead` is the body of the character
    class it starts with ("0-9(+"), `rest` the pattern after that first character."""

    lead: str
    rest: str

    @cached_property
    def pattern(self) -> re.Pattern:
        return re.compile(f"[{self.lead}]{self.rest}")


PREFILTERS: list[Prefilter] = []


def prefilter(lead: str, rest: str) -> Prefilter:
    """Declare a detector's prefilter. All declared prefilters are searched in one pass over a
    document (see DocumentScope.matches), so their `lead` classes must not share a character."""
    declared = Prefilter(lead, rest)
    PREFILTERS.append(declared)
    return declared


@lru_cache(maxsize=4)
def _combined(declared: tuple[Prefilter, ...]) -> tuple[re.Pattern, list[re.Pattern]]:
    """One pattern for all prefilters: it starts with the union of their lead classes, so the regex
    engine skips other characters at C speed (an alternation of whole patterns is several times
    slower), and each branch checks its own lead with a look-behind."""
    union = "".join(p.lead for p in declared)
    branches = "|".join(f"(?<=[{p.lead}]){p.rest}" for p in declared)
    return re.compile(f"[{union}](?:{branches})"), [re.compile(f"[{p.lead}]") for p in declared]


class DocumentScope:
    """A whole document as the detectors see it: one normalised text, so each pattern runs once over
    the document (fast, in C), and a `Scope` per block, made only for blocks where something matched.

    Detectors iterate `matches(pattern)`, which yields (block index, scope, match) with the match's
    offsets local to the block's normalised text.
    """

    def __init__(self, doc: Document, vocab: Vocabulary | None = None):
        self.doc = doc
        self.vocab = vocab or vocabulary()
        self.cache: dict = {}  # per-document results shared by detectors (the digit-run pass)
        texts = doc.texts()
        self.text, offsets = normalize("\n".join(texts))
        if offsets is not None:  # zero-width characters: normalise block by block instead
            pairs = [normalize(t) for t in texts]
            self.text = "\n".join(p[0] for p in pairs)
            self.block_offsets = [p[1] for p in pairs]
            texts = [p[0] for p in pairs]
        else:
            self.block_offsets = [None] * len(texts)
        # where each block starts in self.text: after the previous ones and their "\n"
        self.starts = list(accumulate(map((1).__add__, map(len, texts[:-1])), initial=0)) if texts else []
        self._scopes: dict[int, Scope] = {}
        self.person_model: str | None = None  # a user's spaCy pipeline for names (config `person-model`)

    def hits(self, name: str) -> list:
        """The hits of detector `name` on this document, found once (a detector may read another's)."""
        key = ("hits", name)
        if key not in self.cache:
            from . import detector

            self.cache[key] = list(detector(name).find(self))
        return self.cache[key]

    def table_rows(self) -> list[int]:
        """Indexes of the blocks that are table rows (have cells), without making the other blocks."""
        return [i for i, _ in self.doc.table_rows()]

    def scope(self, i: int) -> "Scope":
        scope = self._scopes.get(i)
        if scope is None:
            block = self.doc.blocks[i]
            scope = self._scopes[i] = Scope(block, self.vocab, self._text_of(i), self.block_offsets[i])
            if not block.cells and i:
                # A PDF line is often the middle of a sentence: its start may be on the line before.
                if block.place.part == "page" and not self.doc.blocks[i - 1].cells:
                    scope.carry = _SENTENCE_END.split(self._text_of(i - 1))[-1][-LABEL_WINDOW * 2:]
                scope.lead_of = lambda: self._lead(i)  # computed only if an owner is not found nearer
        return scope

    def _text_of(self, i: int) -> str:
        end = self.starts[i + 1] - 1 if i + 1 < len(self.starts) else len(self.text)
        return self.text[self.starts[i]:end]

    def _lead(self, i: int) -> str:
        """The field lines just above block i, for owners: in 申请人：某某 / 身份证号码：… / 联系电话：…
        the phone belongs to the 申请人 two lines up. Stops at a blank line, a table row or a line
        that ends a sentence."""
        lines = []
        for j in range(i - 1, max(-1, i - 1 - LEAD_LINES), -1):
            text = self._text_of(j).strip()
            if not text or self.doc.blocks[j].cells or text[-1] in SENTENCE_MARKS:
                break
            lines.append(text)
        return "\n".join(reversed(lines))

    def matches(self, pattern: re.Pattern, prefilter: Prefilter | None = None, margin: int = 0,
                keep=None):
        """(block index, scope, match-in-block) for each match of `pattern`.

        With a `prefilter` (a cheap pattern every match must contain, found at C speed), `pattern`
        only runs in the areas around the prefilter's matches, `margin` characters either side.
        `keep(match)`, if given, drops matches before their block's scope is made."""
        if prefilter is None:
            found = pattern.finditer(self.text)
        else:
            found = (m for a, b in self._areas(prefilter, margin) for m in pattern.finditer(self.text, a, b))
        for m in found:
            if keep is not None and not keep(m):
                continue
            i = bisect_right(self.starts, m.start()) - 1
            yield i, self.scope(i), LocalMatch(m, self.starts[i])

    def _prefilter_hits(self) -> dict[Prefilter, list[tuple[int, int]]]:
        """Every declared prefilter's matches, found in one pass over the text."""
        if "prefilter hits" not in self.cache:
            declared = tuple(PREFILTERS)
            combined, leads = _combined(declared)
            spans: list[list[tuple[int, int]]] = [[] for _ in declared]
            list_of: dict[str, list] = {}  # first character -> the span list of the prefilter it leads
            text = self.text
            for m in combined.finditer(text):
                first = text[m.start()]
                found = list_of.get(first)
                if found is None:
                    found = list_of[first] = next(spans[k] for k, lead in enumerate(leads) if lead.match(first))
                found.append(m.span())
            self.cache["prefilter hits"] = dict(zip(declared, spans))
        return self.cache["prefilter hits"]

    def _areas(self, prefilter: Prefilter, margin: int) -> list[tuple[int, int]]:
        key = ("areas", prefilter, margin)
        if key not in self.cache:
            hits = self._prefilter_hits().get(prefilter)
            if hits is None:  # declared after this document's pass began: a pass of its own
                hits = [m.span() for m in prefilter.pattern.finditer(self.text)]
            areas: list[list[int]] = []
            for start, end in hits:
                a, b = max(0, start - margin), min(len(self.text), end + margin)
                if areas and a <= areas[-1][1]:
                    areas[-1][1] = max(areas[-1][1], b)
                else:
                    areas.append([a, b])
            self.cache[key] = [(a, b) for a, b in areas]
        return self.cache[key]


class LocalMatch:
    """A document-level match seen with offsets local to its block."""

    __slots__ = ("m", "shift")

    def __init__(self, m: re.Match, shift: int):
        self.m, self.shift = m, shift

    def start(self, group: int = 0) -> int:
        return self.m.start(group) - self.shift

    def end(self, group: int = 0) -> int:
        return self.m.end(group) - self.shift

    def group(self, *groups):
        return self.m.group(*groups)


class Scope:
    """One block as the detectors see it: normalised text plus context look-ups."""

    def __init__(self, block: Block, vocab: Vocabulary | None = None, text: str | None = None,
                 offsets: list[int] | None = None):
        self.block = block
        self.vocab = vocab or vocabulary()
        if text is None:
            text, offsets = normalize(block.text)
        self.text, self.offsets = text, offsets
        self.carry = ""  # the end of the previous line's sentence, for PDF lines (see DocumentScope)
        self.lead_of = lambda: ""  # the field lines above this one, for owners (see DocumentScope._lead)
        # plain attributes, not cached_property (which takes a lock per access on Python 3.11)
        self._cells = self._cell_spans() if block.cells else None
        self.is_data_row = any(c.header for c in block.cells)  # a table row under a header row
        self._labels_at: dict[int, list[str]] = {}
        self._marks: list[int] | None = None  # sentence-end positions, found on first use

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        return to_original(self.offsets, start, end)

    def _cell_spans(self) -> tuple[list[int], list[tuple[int, int, str]]]:
        """The block's cells in normalised offsets: (starts, [(start, end, header)])."""
        spans = []
        for cell in self.block.cells:
            a, b = cell.start, cell.end
            if self.offsets is not None:
                a, b = bisect_left(self.offsets, a), bisect_left(self.offsets, b)
            spans.append((a, b, cell.header or ""))
        return [a for a, _, _ in spans], spans

    def cell_spans(self) -> list[tuple[int, int, str]]:
        """(start, end, header) of each cell, in normalised offsets; [] outside tables."""
        return self._cells[1] if self._cells else []

    def cell_at(self, offset: int) -> tuple[int, int, str] | None:
        """(start, end, header) of the table cell containing `offset` (normalised), if any."""
        if not self._cells:
            return None
        starts, spans = self._cells
        i = bisect_right(starts, offset) - 1
        return spans[i] if i >= 0 and offset < spans[i][1] else None

    def sentence_bounds(self, start: int, end: int) -> tuple[int, int]:
        """[start, end) of the sentence containing text[start:end], its end mark included. The
        marks are found once per block: a list flattened into one line of thousands of rows would
        otherwise cost a scan of the line per value."""
        if self._marks is None:
            self._marks = [m.start() for m in _SENTENCE_END.finditer(self.text)]
        marks = self._marks
        k = bisect_left(marks, start)
        a = marks[k - 1] + 1 if k else 0
        k = bisect_left(marks, end, k)
        return a, (marks[k] + 1 if k < len(marks) else len(self.text))

    def _sentence_before(self, start: int) -> str:
        """The text of the value's sentence before it (reaching into a PDF's previous line)."""
        a, _ = self.sentence_bounds(start, start)
        return self.text[a:start] if a else self.carry + self.text[:start]

    def _label_window(self, start: int) -> tuple[str, str]:
        """(column header, text just before the value in its cell or sentence): where a label is."""
        cell = self.cell_at(start)
        if cell is None:
            return "", self._sentence_before(start)[-LABEL_WINDOW:]
        cell_start, _, header = cell
        return header, self.text[max(cell_start, start - LABEL_WINDOW):start]

    def _row_or_sentence_before(self, start: int) -> str:
        """Everything before the value that can say whose it is: its row (and header) or sentence."""
        cell = self.cell_at(start)
        return cell[2] + " " + self.text[:start] if cell is not None else self._sentence_before(start)

    def label_text(self, start: int) -> str:
        """Header plus the text before the value that may label it."""
        return " ".join(self._label_window(start))

    def labels(self, start: int) -> list[str]:
        """Label kinds before the value, closest last (a detector and `owner` both ask: memoised)."""
        kinds = self._labels_at.get(start)
        if kinds is None:
            header, before = self._label_window(start)
            # a table has many rows under one header: its label kinds are looked up once (cached)
            kinds = self._labels_at[start] = ((self.vocab.label_kinds(header) if header else [])
                                              + (self.vocab.label_kinds(before) if before else []))
        return kinds

    def sentence_labels(self, start: int) -> list[str]:
        """Label kinds anywhere in the value's sentence (or table row) before it."""
        return self.vocab.label_kinds(self._row_or_sentence_before(start))

    def label(self, start: int) -> str | None:
        kinds = self.labels(start)
        return kinds[-1] if kinds else None

    def row_labels(self) -> list[str]:
        """Label kinds anywhere in the row and its headers (e.g. a 证件类型 cell saying 护照)."""
        headers = " ".join(c.header or "" for c in self.block.cells)
        return self.vocab.kinds(self.vocab.labels, self.vocab.label_kind, headers + " " + self.text)

    def owner(self, start: int) -> str | None:
        """'office', 'private' or None: who the contact value at `start` belongs to."""
        if self.label(start) == "office_contact":
            return "office"
        before = self._row_or_sentence_before(start)
        kinds = self.vocab.kinds(self.vocab.owners, self.vocab.owner_kind, before)
        if not kinds and not _SENTENCE_END.search(self.text, 0, start):
            # nothing in its own sentence, which began at the start of the line: the lines above
            kinds = self.vocab.kinds(self.vocab.owners, self.vocab.owner_kind, self.lead_of())
        if kinds:
            return kinds[-1]
        return "private" if self.is_data_row else None

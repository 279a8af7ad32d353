"""The document model every reader produces and every detector reads.

A document is a list of blocks; a block is one line of extracted text (never containing a newline)
with the place it came from in the source (a paragraph, a table row, a PDF line, a sheet row...).
A table row is one block whose cells are spans of its text, each with its own place and its column
header, so a detector sees the whole row as context and a finding still names the exact cell.

The extracted text of a document is its blocks joined by newlines: block *i* is line *i + 1*, and a
character at offset *k* of a block is column *k + 1* (Unicode code points), which is what SARIF
regions point at. For .txt/.md files the blocks are the file's own lines, so the two coincide.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path


@dataclass(slots=True)  # not frozen: a frozen dataclass costs ~5 µs per line of a large text file
class Place:
    """Where a piece of text sits in its source document, in the source's own terms."""

    part: str = "body"  # body, header, footer, footnote, endnote, comment, textbox, insertion,
    #                     deletion, property, sheet, page, html
    page: int | None = None
    paragraph: int | None = None
    table: int | None = None
    row: int | None = None
    column: int | None = None  # table column (1-based) or text column for line-based formats
    line: int | None = None
    sheet: str | None = None
    cell: str | None = None  # spreadsheet reference such as "B3"
    detail: str | None = None  # comment author, property name, tracked-change author...

    def with_(self, **changes) -> "Place":
        return replace(self, **changes)

    def at_column(self, column: int) -> "Place":
        """This place narrowed to a text column (called per finding: cheaper than `replace`)."""
        return Place(self.part, self.page, self.paragraph, self.table, self.row, column, self.line,
                     self.sheet, self.cell, self.detail)

    def as_dict(self) -> dict:
        return {k: getattr(self, k) for k in self.__slots__ if getattr(self, k) is not None}

    def describe(self, lang: str = "zh") -> str:
        """A place a person can open: '第3页第5行', '表1第2行第3列', 'Sheet1!B3'..."""
        return _describe(self, lang if lang in _WORDS else "zh")


_WORDS = {
    "zh": {"sheet": "工作表“{}”", "cell": "单元格{}", "detail": "（{}）", "page": "第{}页", "table": "表{}",
           "row": "第{}行", "column": "第{}列", "paragraph": "第{}段", "line": "第{}行", "join": "",
           "none": "正文"},
    "en": {"sheet": "sheet '{}'", "cell": " cell {}", "detail": " ({})", "page": "page {}", "table": "table {}",
           "row": "row {}", "column": "column {}", "paragraph": "paragraph {}", "line": "line {}", "join": ", ",
           "none": "body"},
}
_PARTS = {  # parts worth naming; body text, pages, sheets and web pages go without saying
    "zh": {"header": "页眉", "footer": "页脚", "footnote": "脚注", "endnote": "尾注", "comment": "批注",
           "textbox": "文本框", "insertion": "修订（插入）", "deletion": "修订（删除）", "property": "文档属性",
           "file": "整个文件"},
    "en": {"header": "header", "footer": "footer", "footnote": "footnote", "endnote": "endnote",
           "comment": "comment", "textbox": "text box", "insertion": "tracked insertion",
           "deletion": "tracked deletion", "property": "document property", "file": "whole file"},
}


def _describe(p: Place, lang: str) -> str:
    words, parts = _WORDS[lang], _PARTS[lang]
    out = []
    if p.sheet is not None:
        out.append(words["sheet"].format(p.sheet) + (words["cell"].format(p.cell) if p.cell else ""))
    if p.part in parts:
        out.append(parts[p.part] + (words["detail"].format(p.detail) if p.detail else ""))
    for name in ("page", "table"):
        if getattr(p, name) is not None:
            out.append(words[name].format(getattr(p, name)))
    if p.row is not None and p.sheet is None:
        out.append(words["row"].format(p.row))
    if p.column is not None and p.table is not None:
        out.append(words["column"].format(p.column))
    for name in ("paragraph", "line"):
        if getattr(p, name) is not None:
            out.append(words[name].format(getattr(p, name)))
    if p.column is not None and p.table is None and p.sheet is None:
        out.append(words["column"].format(p.column))
    return words["join"].join(out) or words["none"]


@dataclass(slots=True)  # one per table cell: slots, not frozen, keep it cheap
class Cell:
    """A span [start, end) of a block's text that is one table cell."""

    start: int
    end: int
    place: Place
    header: str | None = None  # the column header that labels this cell, if known


@dataclass(slots=True)
class Block:
    """One line of extracted text and where it came from."""

    text: str
    place: Place
    cells: list[Cell] | tuple = ()  # a table row's cells; () for other blocks (no list per line)

    def __post_init__(self) -> None:
        if "\n" in self.text or "\r" in self.text:
            raise ValueError("a block is one line: split the text before making blocks")

    def cell_at(self, offset: int) -> Cell | None:
        for cell in self.cells:
            if cell.start <= offset < cell.end:
                return cell
        return None

    def place_at(self, offset: int) -> Place:
        """The most exact place of the character at `offset`."""
        cell = self.cell_at(offset)
        place = cell.place if cell is not None else self.place
        if place.line is not None and place.part in ("body", "html") and place.page is None \
                and place.table is None:
            return place.at_column(offset + 1)  # a line of a text file: line and column
        return place


def table_row(cells: list[str], row_place: Place, cell_place, headers: list[str] | None = None,
              sep: str = " | ") -> Block:
    """Build a block for one table row: cells joined by `sep`, each a Cell with its own place.

    `cell_place(i)` gives the place of the i-th cell (0-based); newlines inside a cell become spaces.
    """
    parts, spans, pos = [], [], 0
    for i, raw in enumerate(cells):
        text = " ".join(str(raw).split("\n")).replace("\r", " ")
        if i:
            parts.append(sep)
            pos += len(sep)
        header = headers[i] if headers and i < len(headers) else None
        spans.append(Cell(pos, pos + len(text), cell_place(i), header))
        parts.append(text)
        pos += len(text)
    return Block("".join(parts), row_place, spans)


class LineBlocks(Sequence):
    """The blocks of a line-based text, each made when first asked for: a 20 MB file has 300,000
    lines, and the detectors look at the few where something matched (they read `texts`)."""

    def __init__(self, texts: list[str], place_for_line):
        self.texts = texts
        self._place_for_line = place_for_line
        self._made: dict[int, Block] = {}

    def __len__(self) -> int:
        return len(self.texts)

    def made(self):
        """(index, block) of the blocks made so far (e.g. the table rows layout gave cells)."""
        return self._made.items()

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self.texts)))]
        if i < 0:
            i += len(self.texts)
        block = self._made.get(i)
        if block is None:
            if not 0 <= i < len(self.texts):
                raise IndexError(i)
            block = self._made[i] = Block(self.texts[i], self._place_for_line(i + 1))
        return block


def lines_to_blocks(text: str, place_for_line) -> LineBlocks:
    """Split text on \\n, \\r\\n or \\r only (as editors and SARIF viewers count lines);
    `place_for_line(n)` gives the place of 1-based line n."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return LineBlocks(text.split("\n"), place_for_line)  # str.split: far faster than a regex split


class Text(str):
    """A Chinese string that also knows its English: str(t) is the Chinese, t.en the English.

    Readers build notes and problem details as Text so the outputs can show either language; being a
    str, a Text compares, hashes, joins and serialises as its Chinese."""

    en: str

    def __new__(cls, zh: str, en: str | None = None):
        self = super().__new__(cls, zh)
        self.en = str(zh) if en is None else str(en)
        return self

    def __getnewargs__(self):
        return str(self), self.en


def in_language(text: str, lang: str) -> str:
    """The English of a Text for lang == "en", else the text itself (plain strings are returned as is)."""
    if lang == "en":
        en = getattr(text, "en", None)
        if isinstance(en, str):
            return en
    return text


@dataclass
class Problem:
    """Something that stopped the document (or part of it) from being read: becomes a finding."""

    kind: str  # a key of rules/document.yaml: unreadable, empty, binary, bomb, no-text-layer, ...
    detail: str = ""
    place: Place | None = None


@dataclass
class Document:
    path: Path  # the file on disk
    uri: str  # as shown in outputs: relative to the working directory, '/'-separated
    format: str  # txt, md, csv, docx, xlsx, pdf, html, doc, wps, xls, ofd
    blocks: list[Block] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what a reviewer should know: encoding, skipped images
    problems: list[Problem] = field(default_factory=list)
    encoding: str | None = None
    properties: dict[str, str] = field(default_factory=dict)  # author, title... (also blocks)

    def table_rows(self) -> list[tuple[int, Block]]:
        """(index, block) of the blocks that are table rows (have cells), in order, without making
        the other blocks (a LineBlocks line is a table row only if the layout made its block)."""
        blocks = self.blocks
        items = blocks.made() if isinstance(blocks, LineBlocks) else enumerate(blocks)
        return sorted(((i, block) for i, block in items if block.cells), key=lambda item: item[0])

    def texts(self) -> list[str]:
        """The text of every block, without making blocks that were not made yet."""
        texts = getattr(self.blocks, "texts", None)
        return texts if texts is not None else [b.text for b in self.blocks]

    @property
    def text(self) -> str:
        return "\n".join(self.texts())

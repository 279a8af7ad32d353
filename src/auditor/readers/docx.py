"""Word .docx, read at the OOXML level: body paragraphs and tables in order, headers, footers,
footnotes, endnotes, comments, tracked changes, text boxes and document properties."""
from __future__ import annotations

import posixpath
from pathlib import Path

from ..document import Block, Document, Place, Problem, Text, table_row
from .ooxml import count_media, local, natural, read_properties, rels, shown_author, text_blocks
from .safety import check_xml_parts, open_zip, parse_member

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_WA = f"{{{W}}}"


def _author(el) -> str | None:
    return el.get(_WA + "author") or None


class _Text:
    """The text of one paragraph or cell: body text, tracked-change segments and text boxes."""

    def __init__(self) -> None:
        self.body: list[str] = []
        self.revs: list[list] = []  # [kind, author, [texts], body length when it ended]
        self.boxes: list = []

    def add(self, text: str, rev) -> None:
        (rev[2] if rev is not None else self.body).append(text)

    def start_rev(self, kind: str, author: str | None):
        body_len = sum(map(len, self.body))
        if self.revs and self.revs[-1][0] == kind and self.revs[-1][1] == author and self.revs[-1][3] == body_len:
            return self.revs[-1]  # Word splits one change into a change per run: merge them back
        self.revs.append([kind, author, [], body_len])
        return self.revs[-1]

    def collect(self, el, rev=None) -> "_Text":
        for child in el:
            tag = child.tag
            if not isinstance(tag, str):
                continue
            ns, _, name = tag[1:].partition("}")
            if ns == MC and name == "Fallback":
                continue  # a legacy copy of the mc:Choice content: would duplicate text boxes
            if ns != W:
                self.collect(child, rev)
                continue
            if name in ("t", "delText"):
                self.add(child.text or "", rev)
            elif name == "tab":
                self.add("\t", rev)
            elif name in ("br", "cr"):
                self.add(" ", rev)
            elif name == "noBreakHyphen":
                self.add("-", rev)
            elif name in ("ins", "moveTo"):
                if rev is None:
                    self.collect(child, self.start_rev("insertion", _author(child)))
                else:
                    self.collect(child, rev)
            elif name in ("del", "moveFrom"):
                self.collect(child, self.start_rev("deletion", _author(child)))
            elif name == "txbxContent":
                self.boxes.append(child)
            elif name in ("instrText", "delInstrText", "rPr", "pPr", "sectPr", "tblPr", "trPr", "tcPr"):
                continue
            else:
                self.collect(child, rev)
        return self

    @property
    def text(self) -> str:
        return "".join(self.body)

    def revisions(self):
        for kind, author, texts, _ in self.revs:
            text = "".join(texts)
            if text.strip():
                yield kind, author, text


def _paragraphs(el):
    """w:p elements under `el` (through nested tables, content controls...), not text boxes."""
    for child in el:
        name = local(child.tag)
        if name == "p":
            yield child
        elif name in ("txbxContent", "Fallback"):
            continue
        else:
            yield from _paragraphs(child)


def _flat(s: str) -> str:
    return " ".join(s.replace("\t", " ").split()) if s.strip() else ""


class _Reader:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.people: dict[str, str] = {}  # name -> role, for property-like blocks
        self.boxes = 0  # text box paragraphs, numbered across the document

    # -- containers ---------------------------------------------------------------------------
    def container(self, el, part: str, detail: str | None = None, counters=None) -> None:
        counters = counters if counters is not None else {"p": 0, "t": 0}
        for child in el:
            name = local(child.tag)
            if name == "p":
                counters["p"] += 1
                self.paragraph(child, Place(part=part, paragraph=counters["p"], detail=detail))
            elif name == "tbl":
                counters["t"] += 1
                self.table(child, part, counters["t"], detail)
            elif name in ("sdt", "sdtContent", "customXml", "smartTag", "ins", "moveTo"):
                self.container(child, part, detail, counters)
            elif name in ("del", "moveFrom"):  # deleted whole paragraphs/tables
                for p in _paragraphs(child):
                    t = _Text().collect(p, ["deletion", _author(child), [], 0])
                    self.emit_revisions(t, Place(part=part, detail=detail))

    def paragraph(self, p, place: Place) -> None:
        t = _Text().collect(p)
        text = t.text
        if text.strip():
            self.doc.blocks.append(Block(text.replace("\n", " "), place))
        self.emit_revisions(t, place)
        self.textboxes(t)

    def emit_revisions(self, t: _Text, place: Place) -> None:
        if place.part in ("insertion", "deletion"):
            place = place.with_(part="body")
        for kind, author, text in t.revisions():
            self.doc.blocks.append(Block(text.replace("\n", " "), place.with_(part=kind, detail=shown_author(author))))
            if author:
                self.people.setdefault(author, "修订作者")

    def textboxes(self, t: _Text) -> None:
        for box in t.boxes:
            for p in _paragraphs(box):
                self.boxes += 1
                self.paragraph(p, Place(part="textbox", paragraph=self.boxes))

    def table(self, tbl, part: str, number: int, detail: str | None) -> None:
        headers: dict[int, str] = {}
        r = 0
        for tr in self._rows(tbl):
            r += 1
            texts, cols, col, pending = [], [], 1, []
            row_place = Place(part=part, table=number, row=r, detail=detail)
            for tc in self._cells(tr):
                span = 1
                merged = False
                tcpr = tc.find(_WA + "tcPr")
                if tcpr is not None:
                    gs = tcpr.find(_WA + "gridSpan")
                    if gs is not None and (gs.get(_WA + "val") or "").isdigit():
                        span = max(1, int(gs.get(_WA + "val")))
                    vm = tcpr.find(_WA + "vMerge")
                    merged = vm is not None and vm.get(_WA + "val") != "restart"
                parts = []
                for p in _paragraphs(tc):
                    t = _Text().collect(p)
                    if t.text.strip():
                        parts.append(_flat(t.text))
                    pending.append((t, row_place.with_(column=col)))
                # a vertically merged continuation cell repeats nothing
                texts.append("" if merged else " ".join(parts))
                cols.append(col)
                col += span
            if any(x.strip() for x in texts):
                self.row(texts, cols, row_place, headers)
                if not headers:
                    headers.update(zip(cols, texts))
            for t, place in pending:
                self.emit_revisions(t, place)
                self.textboxes(t)

    def row(self, texts, cols, row_place, headers) -> None:
        row_headers = [headers.get(c) or None for c in cols] if headers else None
        self.doc.blocks.append(table_row(
            texts, row_place, lambda i: row_place.with_(column=cols[i]), row_headers))

    @staticmethod
    def _children(parent, tag: str, wrappers: tuple[str, ...]):
        """The `tag` children of a table or row, also inside content controls and similar wrappers."""
        for child in parent:
            name = local(child.tag)
            if name == tag:
                yield child
            elif name in wrappers:
                yield from _Reader._children(child, tag, wrappers)

    @staticmethod
    def _rows(tbl):
        return _Reader._children(tbl, "tr", ("sdt", "sdtContent", "customXml", "ins", "moveTo"))

    @staticmethod
    def _cells(tr):
        return _Reader._children(tr, "tc", ("sdt", "sdtContent", "customXml"))

    # -- parts --------------------------------------------------------------------------------
    def notes(self, zf, name: str, part: str) -> None:
        root = parse_member(zf, name)
        counters = {"p": 0, "t": 0}
        for note in root:
            if local(note.tag) not in ("footnote", "endnote"):
                continue
            if note.get(_WA + "type") in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            self.container(note, part, None, counters)

    def comments(self, zf, name: str) -> None:
        root = parse_member(zf, name)
        for c in root:
            if local(c.tag) != "comment":
                continue
            author = _author(c)
            if author:
                self.people.setdefault(author, "批注作者")
            self.container(c, "comment", shown_author(author))


def read(path: Path, doc: Document) -> None:
    with open_zip(path) as zf:
        check_xml_parts(zf)
        main = next((t for kind, t in rels(zf, "") if kind == "officeDocument"), "word/document.xml")
        if main not in zf.NameToInfo:
            raise KeyError(main)
        reader = _Reader(doc)
        root = parse_member(zf, main)
        body = root.find(_WA + "body")
        if body is not None:
            reader.container(body, "body")
        targets = rels(zf, main)
        by_kind: dict[str, list[str]] = {}
        for kind, target in targets:
            if target in zf.NameToInfo:
                by_kind.setdefault(kind, []).append(target)
        folder = posixpath.dirname(main)
        for kind in ("header", "footer"):
            names = by_kind.get(kind) or [n for n in zf.namelist()
                                          if n.startswith(f"{folder}/{kind}") and n.endswith(".xml")]
            for name in sorted(set(names), key=natural):
                reader.container(parse_member(zf, name), kind)
        for kind, part, default in (("footnotes", "footnote", "footnotes.xml"),
                                    ("endnotes", "endnote", "endnotes.xml")):
            for name in by_kind.get(kind) or [f"{folder}/{default}"]:
                if name in zf.NameToInfo:
                    reader.notes(zf, name, part)
        for name in by_kind.get("comments") or [f"{folder}/comments.xml"]:
            if name in zf.NameToInfo:
                reader.comments(zf, name)
        read_properties(zf, doc)
        for person, role in reader.people.items():
            doc.blocks.extend(text_blocks(person, Place(part="property", detail=role)))
        images = count_media(zf, f"{folder}/media/")
        if images:
            doc.notes.append(Text(f"跳过{images}张图片（无法检查图片中的文字）",
                                  f"Skipped {images} image(s) (the text in images cannot be checked)"))
            doc.problems.append(Problem("images-skipped", Text(f"文档含 {images} 张图片，图片中的文字未检查",
                                                               f"The document has {images} image(s); the text in them was not checked")))
        embedded = count_media(zf, f"{folder}/embeddings/")
        if embedded:
            doc.notes.append(Text(f"包含{embedded}个嵌入对象（如嵌入的表格），其内容未检查",
                                  f"Contains {embedded} embedded object(s) (such as embedded spreadsheets); "
                                  f"their content was not checked"))

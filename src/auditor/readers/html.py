"""HTML via BeautifulSoup + lxml: visible text as lines, each table row one block."""
from __future__ import annotations

import re
from pathlib import Path

from ..document import Block, Document, Place, Text, table_row
from .text import decode_into

_DROP = ("script", "style", "noscript", "template", "head", "svg", "object", "iframe")
_BLOCK = {
    "address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "dialog", "div",
    "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
    "h6", "header", "hgroup", "hr", "html", "legend", "li", "main", "nav", "ol", "p", "pre",
    "section", "summary", "title", "ul", "option", "tr", "td", "th", "table", "tbody", "thead", "tfoot",
}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_WS = re.compile(r"\s+")


def _decode(path: Path, doc: Document) -> str | None:
    data = path.read_bytes()
    m = _META_CHARSET.search(data[:4096])
    if m and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        declared = m.group(1).decode("ascii").lower()
        if declared in ("gb2312", "gbk", "x-gbk", "gb_2312-80"):
            declared = "gb18030"  # a superset: real pages labelled GB2312 often contain GBK characters
        try:
            text = data.decode(declared)
            doc.encoding = declared
            doc.notes.append(Text(f"编码：{declared.upper()}（页面声明）", f"Encoding: {declared.upper()} (declared by the page)"))
            return text
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_into(doc, data)


class _Lines:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.buf: list[str] = []
        self.tables = 0

    def flush(self) -> None:
        text = _WS.sub(" ", "".join(self.buf)).strip()
        self.buf = []
        if text:
            self.doc.blocks.append(Block(text, Place(part="html", line=len(self.doc.blocks) + 1)))

    def walk(self, el, pre: bool = False) -> None:
        from bs4 import NavigableString, Tag
        from bs4.element import Comment, Declaration, Doctype, ProcessingInstruction

        for child in el.children:
            if isinstance(child, Tag):
                name = child.name.lower() if child.name else ""
                if name == "table":
                    self.flush()
                    self.table(child)
                elif name == "br":
                    self.flush()
                elif name == "pre":
                    self.flush()
                    for line in re.split(r"\r\n|\r|\n", child.get_text()):
                        self.buf.append(line)
                        self.flush()
                elif name in _BLOCK:
                    self.flush()
                    self.walk(child)
                    self.flush()
                else:
                    self.walk(child)
            elif isinstance(child, Comment) and "auditor:" in child:
                # a suppression directive (auditor.suppressions): a line of its own, so that "the next
                # line" and a start/end block mean the blocks around it
                self.flush()
                self.buf.append(f"<!--{child}-->")
                self.flush()
            elif isinstance(child, (Comment, Declaration, Doctype, ProcessingInstruction)):
                continue
            elif isinstance(child, NavigableString):
                self.buf.append(str(child))

    def table(self, table) -> None:
        self.tables += 1
        t = self.tables
        rows = [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]
        headers: list[str] | None = None
        r = 0
        for tr in rows:
            cells = [c for c in tr.find_all(["td", "th"]) if c.find_parent("tr") is tr]
            texts = [_WS.sub(" ", c.get_text(" ")).strip() for c in cells]
            if not any(texts):
                continue
            r += 1
            place = Place(part="html", table=t, row=r)
            self.doc.blocks.append(table_row(texts, place, lambda i, place=place: place.with_(column=i + 1),
                                             headers))
            if headers is None:
                headers = [x or None for x in texts]
        caption = table.find("caption")
        if caption is not None and caption.find_parent("table") is table:
            self.buf.append(caption.get_text(" "))
            self.flush()


def read(path: Path, doc: Document) -> None:
    from bs4 import BeautifulSoup

    text = _decode(path, doc)
    if text is None:
        return
    soup = BeautifulSoup(text, "lxml")
    title = soup.title.get_text(" ") if soup.title else ""
    for tag in soup.find_all(list(_DROP)):
        tag.decompose()
    lines = _Lines(doc)
    if title.strip():
        lines.buf.append(title)
        lines.flush()
    lines.walk(soup)
    lines.flush()

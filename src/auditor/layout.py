"""Tables laid out in plain text: a header line and rows whose cells are separated by tabs, '|' or
two or more spaces. Each row under a header gets cells whose `header` is its column's header, so
a number in a 身份证号码 or 合同编号 column is read with that label, as in a Word table."""
from __future__ import annotations

import re

from .document import Cell, Document, LineBlocks

_CELL_SEPARATOR = re.compile(r"\t+| {2,}|\u3000+")
_HEADER_HINT = re.compile(r"姓名|名称|序号|号码|编号|证号|账号|卡号|电话|方式|地址|日期|时间|金额|类别|类型|户主|性别|"
                          r"出生|村|单位|备注|内容|结果|面积|标准|职务|人口")
_HEADER_CELL_MAX = 14  # header cells are short labels


def _split(text: str) -> list[tuple[int, int]]:
    """Cell spans; with '|' separators empty cells count (a|b||d has 4 cells)."""
    if text.count("|") >= 2:
        spans, pos = [], 0
        for part in text.split("|"):  # str.split, then trim each cell: cheaper than a regex
            stripped = part.strip()
            start = pos + (part.find(stripped) if stripped else 0)
            spans.append((start, start + len(stripped)))
            pos += len(part) + 1
        return spans
    spans, pos = [], 0
    for m in _CELL_SEPARATOR.finditer(text):
        if m.start() > pos:
            spans.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        spans.append((pos, len(text)))
    return spans


_DIGITS = re.compile(r"\d{3}")


_HEADER_MAX = 200  # a header is a row of short labels; a longer line is prose with wide spaces


def _may_be_header(text: str) -> bool:
    """Cheap test on the whole line before splitting it."""
    return (len(text) <= _HEADER_MAX and _DIGITS.search(text) is None
            and len(_HEADER_HINT.findall(text)) >= 2)


def _is_header(text: str, spans) -> bool:
    cells = [text[a:b] for a, b in spans]
    return (len(cells) >= 3 and all(len(c) <= _HEADER_CELL_MAX and not re.search(r"\d{3}", c) for c in cells)
            and sum(bool(_HEADER_HINT.search(c)) for c in cells) >= 2)


def infer_text_tables(doc: Document) -> None:
    """Give cells to plain-text table rows in place (blocks that already have cells are left alone)."""
    texts = doc.texts()
    # Most lines of prose have no cell separator at all: pick the others in one comprehension.
    candidates = [i for i, t in enumerate(texts) if "  " in t or "\t" in t or "|" in t or "\u3000" in t]
    structured = not isinstance(doc.blocks, LineBlocks)  # may have real table rows already
    headers: list[str] | None = None
    previous = -2
    for i in candidates:
        if i != previous + 1:
            headers = None  # a line without separators ended the table
        previous = i
        text = texts[i]
        if structured and doc.blocks[i].cells:
            headers = None
            continue
        may_be_header = _may_be_header(text)
        if headers is None and not may_be_header:
            continue
        spans = _split(text)
        if may_be_header and _is_header(text, spans):
            headers = [text[a:b] for a, b in spans]
            continue
        if headers is not None and len(spans) == len(headers):
            block = doc.blocks[i]
            block.cells = [Cell(a, b, block.place, h) for (a, b), h in zip(spans, headers)]
        else:
            headers = None

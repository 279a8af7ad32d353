"""Spreadsheets: .xlsx (openpyxl) and .csv. Each non-empty row is one block (a table row)."""
from __future__ import annotations

import csv
import datetime as _dt
import decimal
import io
import re
import warnings
from pathlib import Path

from ..document import Document, Place, Problem, Text, table_row
from .ooxml import count_media, shown_author, text_blocks
from .safety import check_xml_parts, open_zip
from .text import decode_into


_HAN = re.compile(r"[\u4e00-\u9fff]")


def render(value) -> str:
    """A cell value as a person would read it. Numbers never get '.0' or scientific notation:
    an ID or bank-card number stored as a number must still look like one."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return str(value)
        if value.is_integer():
            return str(int(value))
        text = repr(value)
        if "e" in text or "E" in text:
            text = format(decimal.Decimal(text), "f")
        return text
    if isinstance(value, decimal.Decimal):
        return format(value, "f")
    if isinstance(value, _dt.datetime):
        return value.date().isoformat() if value.time() == _dt.time(0) else value.isoformat(sep=" ")
    if isinstance(value, (_dt.date, _dt.time)):
        return value.isoformat()
    return str(value)


def read_xlsx(path: Path, doc: Document, overrides: dict | None = None) -> None:
    """`overrides` maps (sheet, row, column) to a cell text that replaces the rendered value."""
    import openpyxl

    with open_zip(path) as zf:
        check_xml_parts(zf)
        images = count_media(zf, "xl/media/")
        embedded = count_media(zf, "xl/embeddings/")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = openpyxl.load_workbook(path, read_only=False, data_only=True)
    try:
        hidden, hidden_en = [], []
        authors: dict[str, None] = {}
        for ws in wb.worksheets:
            name = ws.title
            if ws.sheet_state in ("hidden", "veryHidden"):
                hidden.append(name + ("（深度隐藏）" if ws.sheet_state == "veryHidden" else ""))
                hidden_en.append(name + (" (very hidden)" if ws.sheet_state == "veryHidden" else ""))
            headers: dict[int, str] = {}
            for row in ws.iter_rows():
                texts = [render(c.value) for c in row]
                if overrides:
                    texts = [overrides.get((name, c.row, c.column), t) if isinstance(c.value, (int, float)) else t
                             for c, t in zip(row, texts)]
                last = max((i for i, t in enumerate(texts) if t.strip()), default=-1)
                if last < 0:
                    continue
                cells = row[: last + 1]
                texts = texts[: last + 1]
                r = cells[0].row
                coords = [f"{c.column_letter}{r}" if hasattr(c, "column_letter") else c.coordinate for c in cells]
                cols = [c.column for c in cells]
                filled = [i for i, t in enumerate(texts) if t.strip()]
                if len(filled) == 1 and len(_HAN.findall(texts[filled[0]])) >= 4:
                    # a title or a sentence written across the sheet: prose, not a table row, and the
                    # table's header row comes after it
                    i = filled[0]
                    doc.blocks.extend(text_blocks(texts[i], Place(part="sheet", sheet=name, row=r, cell=coords[i])))
                    headers = {}
                    continue
                row_headers = [headers.get(col) or None for col in cols] if headers else None
                doc.blocks.append(table_row(
                    texts, Place(part="sheet", sheet=name, row=r),
                    lambda i, coords=coords, r=r: Place(part="sheet", sheet=name, row=r, cell=coords[i]),
                    row_headers))
                if not headers:
                    headers = {col: t for col, t in zip(cols, texts) if t.strip()}
            commented = sorted((c for c in ws._cells.values() if getattr(c, "comment", None)),
                               key=lambda c: (c.row, c.column))
            for c in commented:
                author = (c.comment.author or "").strip() or None
                doc.blocks.extend(text_blocks(
                    c.comment.text or "", Place(part="comment", sheet=name, cell=c.coordinate, detail=shown_author(author))))
                if author:
                    authors.setdefault(author)
        if hidden:
            doc.notes.append(Text("包含隐藏工作表：" + "、".join(hidden), "Hidden sheets: " + ", ".join(hidden_en)))
        props = wb.properties
        for key, value in (("creator", props.creator), ("lastModifiedBy", props.lastModifiedBy),
                           ("title", props.title), ("subject", props.subject),
                           ("keywords", props.keywords), ("description", props.description)):
            if value and str(value).strip():
                doc.properties[key] = str(value).strip()
                doc.blocks.extend(text_blocks(str(value), Place(part="property", detail=key)))
        for author in authors:
            doc.blocks.extend(text_blocks(author, Place(part="property", detail="批注作者")))
    finally:
        wb.close()
    if images:
        doc.notes.append(Text(f"跳过{images}张图片（无法检查图片中的文字）",
                              f"Skipped {images} image(s) (the text in images cannot be checked)"))
        doc.problems.append(Problem("images-skipped", Text(f"工作簿含 {images} 张图片，图片中的文字未检查",
                                                           f"The workbook has {images} image(s); the text in them was not checked")))
    if embedded:
        doc.notes.append(Text(f"包含{embedded}个嵌入对象，其内容未检查",
                              f"Contains {embedded} embedded object(s); their content was not checked"))


def _read_csv(path: Path, doc: Document) -> None:
    # the csv module rather than pandas: it keeps ragged rows (a row with an extra field is
    # exactly where a stray ID number hides) and every value stays a string
    text = decode_into(doc, path.read_bytes())
    if text is None:
        return
    sample = text[:65536]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",\t;|")
    except csv.Error:
        dialect = csv.excel
    headers: list[str] = []
    for r, record in enumerate(csv.reader(io.StringIO(text, newline=""), dialect), 1):
        if not any(v.strip() for v in record):
            continue
        row_place = Place(part="body", table=1, row=r)
        doc.blocks.append(table_row(record, row_place, lambda i, rp=row_place: rp.with_(column=i + 1),
                                    [h or None for h in headers] or None))
        if not headers:
            headers = [v.strip() for v in record]


def read(path: Path, doc: Document) -> None:
    if path.suffix.lower() == ".csv":
        _read_csv(path, doc)
    else:
        read_xlsx(path, doc)

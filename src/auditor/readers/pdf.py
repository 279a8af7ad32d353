"""PDF via pdfplumber: one block per text line per page; a ruled table (pdfplumber's table finder)
gives one block per row with its cells, in reading order among the lines."""
from __future__ import annotations

from pathlib import Path

from ..document import Block, Document, Place, Problem, Text, table_row
from .ooxml import text_blocks

_META = (("Author", "author"), ("Title", "title"), ("Subject", "subject"), ("Keywords", "keywords"))


def _pages_zh(pages: list[int]) -> str:
    shown = "、".join(str(p) for p in pages[:20])
    return f"第{shown}{'等' if len(pages) > 20 else ''}页"


def _pages_en(pages: list[int]) -> str:
    shown = ", ".join(str(p) for p in pages[:20])
    return f"{'Page' if len(pages) == 1 else 'Pages'} {shown}{' and others' if len(pages) > 20 else ''}"


_PDFIUM: dict = {}


def _pdfium_text(path: Path, index: int) -> str:
    try:
        import pypdfium2 as pdfium
    except ImportError:  # pragma: no cover - a pdfplumber dependency
        return ""
    try:
        pdf = _PDFIUM.get(str(path))
        if pdf is None:
            pdf = _PDFIUM[str(path)] = pdfium.PdfDocument(str(path))
        page = pdf[index]
        textpage = page.get_textpage()
        try:
            return textpage.get_text_range() or ""
        finally:
            textpage.close()
            page.close()
    except Exception:
        return ""


def _blocks_with_tables(page, number: int, tables: list[int]) -> list[Block] | None:
    """The blocks of a page that has ruled tables: the text lines outside them, and each table row as
    a block with its cells (a merged cell's continuation is empty), in order from the top. None for a
    page without tables: its text is read line by line as before."""
    found = page.find_tables()
    if not found or not page.chars:  # no table, or no characters pdfminer can map (PDFium reads it)
        return None
    boxes = [t.bbox for t in found]
    rest = page.filter(lambda obj: not any(_inside(obj, box) for box in boxes))
    items = [(line["top"], 0, line["text"]) for line in rest.extract_text_lines() if line["text"].strip()]
    for table in found:
        tables[0] += 1
        for r, (row, cells) in enumerate(zip(table.rows, table.extract()), 1):
            items.append((row.bbox[1], 1, (tables[0], r, ["" if c is None else c for c in cells])))
    blocks = []
    for line, (_, kind, item) in enumerate(sorted(items, key=lambda x: (x[0], x[1])), 1):
        if kind == 0:
            blocks.append(Block(item.replace("\r", " "), Place(part="page", page=number, line=line)))
            continue
        t, r, cells = item
        place = Place(part="page", page=number, table=t, row=r)
        blocks.append(table_row(cells, place, lambda i, place=place: place.with_(column=i + 1)))
    return blocks


def _inside(obj, box) -> bool:
    x = (obj["x0"] + obj["x1"]) / 2
    y = (obj["top"] + obj["bottom"]) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def read(path: Path, doc: Document) -> None:
    try:
        _read(path, doc)
    finally:
        pdf = _PDFIUM.pop(str(path), None)
        if pdf is not None:
            pdf.close()


def _read(path: Path, doc: Document) -> None:
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    try:
        pdf = pdfplumber.open(path)
        pdf.pages  # noqa: B018 - parses the page tree now, inside this try
    except Exception as exc:
        inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else exc
        names = f"{type(exc).__name__} {type(inner).__name__}"
        if isinstance(inner, PDFPasswordIncorrect) or "Password" in names or "Encrypt" in names:
            doc.problems.append(Problem("unreadable", Text("PDF 已加密（需要密码），无法读取",
                                                           "the PDF is encrypted (a password is required)")))
        else:
            why = str(inner).strip().splitlines()[0][:200] if str(inner).strip() else type(inner).__name__
            doc.problems.append(Problem("unreadable", Text(f"PDF 文件已损坏或格式无法解析（{why}）",
                                                           f"the PDF is damaged or cannot be parsed ({why})")))
        return
    with pdf:
        textless: list[int] = []  # pages with images but no text: scanned pages
        any_text = False
        fallback: list[int] = []
        total = len(pdf.pages)
        tables = [0]  # tables numbered through the document, as in Word
        for number, page in enumerate(pdf.pages, 1):
            try:
                with_tables = _blocks_with_tables(page, number, tables)
                text = "" if with_tables else page.extract_text() or ""
                has_images = bool(page.images)
            finally:
                page.close()
            if with_tables:
                doc.blocks.extend(with_tables)
                any_text = True
                continue
            lines = [ln for ln in text.splitlines() if ln.strip()]
            if not lines:
                # pdfminer misses text in some generators' output (e.g. a font set outside BT/ET):
                # ask PDFium before deciding the page has no text layer
                lines = [ln for ln in _pdfium_text(path, number - 1).splitlines() if ln.strip()]
                if lines:
                    fallback.append(number)
            any_text = any_text or bool(lines)
            if not lines and has_images:
                textless.append(number)
            for l, line in enumerate(lines, 1):
                doc.blocks.append(Block(line.replace("\r", " "), Place(part="page", page=number, line=l)))
        meta = pdf.metadata or {}
        for key, prop in _META:
            value = meta.get(key)
            if isinstance(value, bytes):
                value = value.decode("utf-8", "replace")
            if isinstance(value, str) and value.strip():
                doc.properties[prop] = value.strip()
                doc.blocks.extend(text_blocks(value, Place(part="property", detail=prop)))
    if total == 0:
        doc.problems.append(Problem("unreadable", Text("PDF 没有任何页面", "the PDF has no pages")))
    elif not any_text:
        doc.problems.append(Problem("no-text-layer", Text("无可提取文字，可能为扫描件（需 OCR 后再检查）",
                                                          "No extractable text; probably a scan (run OCR, then check again)")))
    elif textless:
        doc.problems.append(Problem("images-skipped", Text(
            f"{_pages_zh(textless)}无文字层（可能为扫描页），未检查",
            f"{_pages_en(textless)}: no text layer (probably scanned pages); not checked")))
        doc.notes.append(Text(f"{_pages_zh(textless)}无文字层，可能为扫描页",
                              f"{_pages_en(textless)}: no text layer; probably scanned pages"))
    if fallback:
        doc.notes.append(Text(f"{_pages_zh(fallback)}的文字由 PDFium 提取", f"{_pages_en(fallback)}: text extracted by PDFium"))
    if any("(cid:" in b.text for b in doc.blocks):
        doc.notes.append(Text("部分文字的字体缺少编码映射，提取结果可能不完整（显示为 (cid:N)）",
                              "Some fonts lack a character mapping; the extracted text may be incomplete "
                              "(shown as (cid:N))"))

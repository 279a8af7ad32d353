"""PDF back end of `auditor redact`: a copy of a PDF with each found value removed and its mask written.

Why PyMuPDF: a PDF cannot be redacted by drawing over it: the text stays in the file and is copied out
of it. MuPDF's redaction removes the glyphs under each redaction annotation from the page's content
streams (form XObjects included); pdfplumber and PDFium, which auditor reads PDFs with, cannot rewrite
a page. Licence: PyMuPDF is AGPL-3.0 (or Artifex's commercial licence), so it is an optional extra
(auditor[pdf]) and is imported only inside the functions below, never when this module is imported.

What is done: every occurrence the page text search finds is removed (text only: images and vector
graphics are left alone) and its mask written at the same baseline and size; the document's author,
its non-standard properties, the XMP metadata, embedded files, file attachments and annotation
authors are removed; values in the other properties, annotation texts, form fields, link targets and
bookmarks are masked. The copy is written whole (never an incremental update). A value broken across
two lines is not found by the search: the caller's verification of the copy catches it.
"""
from __future__ import annotations

from pathlib import Path

_STANDARD_INFO = {"Title", "Author", "Subject", "Keywords", "Creator", "Producer", "CreationDate",
                  "ModDate", "Trapped"}
_UNENCRYPTED = "原文件的加密和权限设置未保留 (the source's encryption and permissions are not kept)"


class RedactionError(Exception):
    """The PDF could not be redacted; the message says why (Chinese, English in parentheses)."""


def _module():
    """PyMuPDF (`pymupdf`, or `fitz` in releases before the new name), or None when not installed."""
    try:
        import pymupdf

        return pymupdf
    except ImportError:
        pass
    try:
        import fitz  # an unrelated PyPI package has this name too: check it is PyMuPDF
    except ImportError:
        return None
    return fitz if hasattr(fitz, "Document") else None


def available() -> bool:
    return _module() is not None


def redact_pdf(source: Path, target: Path, replacements: dict[str, str]) -> list[str]:
    """Write a copy of `source` at `target` where every occurrence of each key of `replacements`
    (original personal value -> its mask, e.g. '11010119900307451X' -> '110101********451X') is truly
    removed from the page content (text under it deleted with redaction annotations + apply_redactions),
    and the mask written in its place. Returns notes (plain strings, Chinese with English in parentheses)
    about what could not be kept or checked. Raises RedactionError(message) when it cannot do it."""
    pymupdf = _module()
    if pymupdf is None:
        raise RedactionError("未安装 PyMuPDF，无法处理 PDF (PyMuPDF is not installed: install auditor[pdf])")
    source, target = Path(source), Path(target)
    if source.resolve() == target.resolve():
        raise RedactionError("副本不能覆盖原文件 (the copy cannot replace the source)")
    try:
        doc = pymupdf.open(source)
    except Exception as e:  # any parser error: reported, never a traceback
        raise RedactionError(f"无法打开 PDF：{e} (cannot open the PDF)") from e
    try:
        if not doc.is_pdf or doc.needs_pass:
            raise RedactionError("不是 PDF 或已加密 (not a PDF, or encrypted)")
        notes = _redact(pymupdf, doc, _pairs(replacements))
        _save(doc, target)
    except RedactionError:
        raise
    except Exception as e:
        raise RedactionError(f"PDF 脱敏失败：{type(e).__name__} {e} (redaction failed)") from e
    finally:
        doc.close()
    return notes


def _pairs(replacements: dict[str, str]) -> list[tuple[str, str]]:
    """(value, mask), longest value first (so 张三丰 is masked before 张三); each value with white
    space also without it, as the page text may have none where the reader saw a gap."""
    pairs = {}
    for value, mask in replacements.items():
        if value.strip():
            pairs[value] = mask
            bare, bare_mask = "".join(value.split()), "".join(mask.split())
            if bare != value and len(bare) == len(bare_mask):
                pairs.setdefault(bare, bare_mask)
    return sorted(pairs.items(), key=lambda vm: -len(vm[0]))


def _mask_text(text: str, pairs) -> str:
    for value, mask in pairs:
        text = text.replace(value, mask)
    return text


def _redact(pymupdf, doc, pairs) -> list[str]:
    notes = [_UNENCRYPTED] if doc.metadata.get("encryption") else []
    _indirect_annotations(pymupdf, doc)
    for page in doc:
        notes += _redact_page(pymupdf, page, pairs)
        notes += _clean_annotations(pymupdf, page, pairs)
        _clean_fields_and_links(page, pairs)
    _clean_bookmarks(doc, pairs)
    return notes + _clean_metadata(doc, pairs) + _remove_embedded_files(doc, pairs)


def _redact_page(pymupdf, page, pairs) -> list[str]:
    """Remove every hit's text, then write its mask where it was. Notes hits lying over an image."""
    hits = _find_hits(pymupdf, page, pairs)
    if not hits:
        return []
    for rect, mask, span in hits:  # a non-horizontal hit: MuPDF writes the mask into the box itself
        page.add_redact_annot(rect, text=None if span else mask, fontname=_font(mask), fill=(1, 1, 1))
    images = [pymupdf.Rect(i["bbox"]) for i in page.get_image_info()]
    page.apply_redactions(images=pymupdf.PDF_REDACT_IMAGE_NONE, graphics=pymupdf.PDF_REDACT_LINE_ART_NONE,
                          text=pymupdf.PDF_REDACT_TEXT_REMOVE)
    _write_masks(pymupdf, page, [(r, m, s) for r, m, s in hits if s])
    over = sum(1 for r, _, _ in hits if any(r.intersects(i) for i in images))
    if over:
        return [(f"第{page.number + 1}页有 {over} 处位于图像上，图像未处理，请人工核对 "
                 f"(page {page.number + 1}: {over} value(s) over an image, the image was not changed: check it)")]
    return []


def _find_hits(pymupdf, page, pairs) -> list:
    """(rect, mask, span or None) of each occurrence in the page's text, off the page included. Not
    a shorter value inside a longer one's (张三 in 张三丰), nor the text a form field or text box shows,
    which the search sees too: those are cleaned on their own."""
    flags = pymupdf.TEXTFLAGS_SEARCH & ~pymupdf.TEXT_MEDIABOX_CLIP
    textpage = page.get_textpage(clip=pymupdf.INFINITE_RECT(), flags=flags)
    taken, hits, spans = _text_annotation_rects(pymupdf, page), [], None
    for value, mask in pairs:
        for rect in page.search_for(value, textpage=textpage):
            if not any(_mostly_inside(rect, r) for r in taken):
                spans = spans if spans is not None else _spans(pymupdf, textpage)
                taken.append(rect)
                hits.append((rect, mask, _horizontal_span(spans, rect)))
    return hits


def _text_annotation_rects(pymupdf, page) -> list:
    boxes = [a.rect for a in page.annots(types=(pymupdf.PDF_ANNOT_FREE_TEXT,))]
    return boxes + [w.rect for w in page.widgets()]


def _mostly_inside(rect, other) -> bool:
    inter = rect & other
    return not inter.is_empty and inter.get_area() >= 0.5 * rect.get_area()


def _spans(pymupdf, textpage) -> list:
    """(bbox, span, runs left to right) of every text span of the page."""
    return [(pymupdf.Rect(span["bbox"]), span, tuple(line["dir"]) == (1.0, 0.0))
            for block in textpage.extractDICT()["blocks"] for line in block.get("lines", ())
            for span in line["spans"] if span["text"].strip()]


def _horizontal_span(spans, rect):
    """The text span the hit starts in (for its size and baseline), when it runs left to right."""
    for bbox, span, horizontal in spans:
        if bbox.intersects(rect) and bbox.x0 <= rect.x0 + 1 and rect.y0 <= span["origin"][1] <= rect.y1:
            return span if horizontal else None
    return None


def _font(mask: str) -> str:
    """Helvetica for ASCII masks (every reader extracts it exactly), else MuPDF's built-in Simplified
    Chinese font (not embedded: a CID font with a Unicode encoding, which pdfminer decodes)."""
    return "helv" if mask.isascii() else "china-s"


def _write_masks(pymupdf, page, hits) -> None:
    """Each mask at the value's baseline and size, stretched or squeezed to the value's width (so a
    reader sees no gap after it, and it never runs into the next character)."""
    shape = page.new_shape()
    for rect, mask, span in hits:
        font, size, origin = _font(mask), span["size"], pymupdf.Point(rect.x0, span["origin"][1])
        # MuPDF writes its built-in CJK font with no widths: each character is then 1 em wide
        width = pymupdf.Font(font).text_length(mask, size) if font == "helv" else len(mask) * size
        shape.insert_text(origin, mask, fontname=font, fontsize=size,
                          morph=(origin, pymupdf.Matrix(rect.width / width, 1)))
    shape.commit()


def _indirect_annotations(pymupdf, doc) -> None:
    """Make each annotation written inline in its page's /Annots (fpdf2 does) an object of its own:
    PyMuPDF's annotation calls reach only those (its low-level MuPDF binding, no public call does it)."""
    mupdf = pymupdf.mupdf
    pdf = mupdf.pdf_document_from_fz_document(doc.this)
    for number in range(doc.page_count):
        annots = mupdf.pdf_dict_get(mupdf.pdf_load_object(pdf, doc.page_xref(number)), mupdf.pdf_new_name("Annots"))
        for i in range(mupdf.pdf_array_len(annots)):
            annot = mupdf.pdf_array_get(annots, i)
            if mupdf.pdf_is_dict(annot) and not mupdf.pdf_is_indirect(annot):
                mupdf.pdf_array_put(annots, i, mupdf.pdf_add_object(pdf, annot))


def _clean_annotations(pymupdf, page, pairs) -> list[str]:
    """Authors and rich text removed, texts masked, file attachments deleted."""
    notes, xref = [], page.parent.xref_set_key
    for number in [a.xref for a in page.annots()]:
        annot = page.load_annot(number)
        if annot.type[0] == pymupdf.PDF_ANNOT_FILE_ATTACHMENT:
            page.delete_annot(annot)
            notes.append(f"第{page.number + 1}页的附件注释已删除，未检查 "
                         f"(page {page.number + 1}: file attachment annotation removed, not checked)")
            continue
        info = annot.info
        content, subject = _mask_text(info["content"], pairs), _mask_text(info["subject"], pairs)
        for key in ("T", "RC"):  # author; rich-text copy of the content
            xref(number, key, "null")
        if (content, subject) != (info["content"], info["subject"]):
            annot.set_info(content=content, subject=subject)
            annot.update()  # its appearance shows the content (a text box)
    return notes


def _clean_fields_and_links(page, pairs) -> None:
    for widget in page.widgets():
        value = widget.field_value
        if isinstance(value, str) and _mask_text(value, pairs) != value:
            widget.field_value = _mask_text(value, pairs)
            widget.update()
    for link in page.get_links():
        uri = link.get("uri")
        if uri and _mask_text(uri, pairs) != uri:  # mailto: of a personal address
            link["uri"] = _mask_text(uri, pairs)
            page.update_link(link)


def _clean_bookmarks(doc, pairs) -> None:
    for index, (_, title, *_) in enumerate(doc.get_toc(simple=False)):
        if _mask_text(title, pairs) != title:
            doc.set_toc_item(index, title=_mask_text(title, pairs))


def _clean_metadata(doc, pairs) -> list[str]:
    """A new document information dictionary: no author, no custom keys, values masked; no XMP."""
    notes, old = [], doc.metadata or {}
    kind, ref = doc.xref_get_key(-1, "Info")
    custom = set(doc.xref_get_keys(int(ref.split()[0]))) - _STANDARD_INFO if kind == "xref" else set()
    if old.get("author"):
        notes.append("已删除文档作者 (document author removed)")
    if custom:
        notes.append(f"已删除自定义文档属性 {len(custom)} 项 ({len(custom)} custom properties removed)")
    if doc.get_xml_metadata():
        notes.append("已删除 XMP 元数据 (XMP metadata removed)")
        doc.del_xml_metadata()
    doc.xref_set_key(-1, "Info", "null")
    keep = {k: _mask_text(v, pairs) for k, v in old.items() if k not in ("format", "encryption", "author") and v}
    doc.set_metadata(keep)
    return notes


def _remove_embedded_files(doc, pairs) -> list[str]:
    """Out of the names tree and the catalog's associated files (/AF), and every embedded file stream
    emptied, wherever else it is still referred to from."""
    names = doc.embfile_names()
    for name in names:
        doc.embfile_del(name)
    doc.xref_set_key(doc.pdf_catalog(), "AF", "null")
    if doc.xref_get_key(doc.pdf_catalog(), "PageMode")[1] == "/UseAttachments":
        doc.xref_set_key(doc.pdf_catalog(), "PageMode", "/UseNone")
    streams = [x for x in range(1, doc.xref_length()) if doc.xref_get_key(x, "Type") == ("name", "/EmbeddedFile")]
    for xref in streams:
        doc.update_stream(xref, b"")
    count = max(len(names), len(streams))
    if not count:
        return []
    listed = "：" + "、".join(_mask_text(_utf8(n), pairs) for n in names) if names else ""
    return [f"已删除嵌入文件 {count} 个，未检查{listed} ({count} embedded file(s) removed, not checked)"]


def _utf8(name: str) -> str:
    """A file name written as UTF-8 bytes that PyMuPDF read as Latin-1 (fpdf2 writes them so)."""
    try:
        return name.encode("latin-1").decode("utf-8")
    except UnicodeError:
        return name


def _save(doc, target: Path) -> None:
    """The whole file rewritten (unused objects, the old text among them, dropped); never incremental."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        doc.save(target, garbage=4, deflate=True, clean=True)
    except Exception:
        target.unlink(missing_ok=True)
        raise

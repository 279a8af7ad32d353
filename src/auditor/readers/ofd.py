"""OFD (GB/T 33190): a zip of XML. OFD.xml → DocBody/DocRoot → Document.xml → Pages → each page's
Content.xml, whose ofd:TextCode texts are grouped into lines by their Y coordinate."""
from __future__ import annotations

import posixpath
from pathlib import Path

from ..document import Block, Document, Place, Problem, Text
from .ooxml import local, text_blocks
from .safety import open_zip, parse_member


def _child(el, name):
    for c in el:
        if local(c.tag) == name:
            return c
    return None


def _children(el, name):
    return [c for c in el if local(c.tag) == name]


def _resolve(base_file: str, loc: str) -> str:
    loc = loc.strip().replace("\\", "/")
    if loc.startswith("/"):
        return posixpath.normpath(loc.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(base_file), loc))


def _floats(s: str | None) -> list[float]:
    out = []
    for t in (s or "").replace(",", " ").split():
        try:
            out.append(float(t))
        except ValueError:
            pass
    return out


def _page_items(root):
    """(y, x, size, text) for every TextCode of a page, and the number of images."""
    items, images = [], 0
    stack = [root]
    while stack:
        el = stack.pop()
        for c in el:
            name = local(c.tag)
            if name == "TextObject":
                box = _floats(c.get("Boundary")) + [0, 0]
                size = (_floats(c.get("Size")) or [3.5])[0]
                x = y = 0.0
                for code in _children(c, "TextCode"):
                    xs, ys = _floats(code.get("X")), _floats(code.get("Y"))
                    x = xs[0] if xs else x
                    y = ys[0] if ys else y
                    text = "".join(code.itertext())
                    if text.strip():
                        items.append((box[1] + y, box[0] + x, size, text))
            elif name == "ImageObject":
                images += 1
            elif isinstance(c.tag, str):
                stack.append(c)
    return items, images


def _lines(items) -> list[str]:
    items.sort(key=lambda it: (it[0], it[1]))
    lines: list[list] = []
    for it in items:
        if lines and abs(it[0] - lines[-1][0][0]) <= max(1.0, it[2] * 0.5):
            lines[-1].append(it)
        else:
            lines.append([it])
    out = []
    for line in lines:
        line.sort(key=lambda it: it[1])
        text, end = "", None
        for y, x, size, t in line:
            if end is not None and x - end > size * 1.5:
                text += " "
            text += t
            end = x + len(t) * size
        out.append(text.replace("\n", " ").replace("\r", " "))
    return out


def read(path: Path, doc: Document) -> None:
    with open_zip(path) as zf:
        names = {n.lstrip("/"): n for n in zf.namelist()}

        def parse(name):
            if name not in names:
                raise KeyError(name)
            return parse_member(zf, names[name])

        ofd = parse("OFD.xml")
        bodies = _children(ofd, "DocBody")
        if not bodies:
            raise KeyError("DocBody")
        page_no, textless, any_text = 0, [], False
        for body in bodies:
            info = _child(body, "DocInfo")
            if info is not None:
                for tag, key in (("Author", "author"), ("Title", "title"), ("Subject", "subject"),
                                 ("Keywords", "keywords"), ("Creator", "creator")):
                    el = _child(info, tag)
                    value = " ".join(el.itertext()).strip() if el is not None else ""
                    if value:
                        doc.properties[key] = value
                        doc.blocks.extend(text_blocks(value, Place(part="property", detail=key)))
            root_el = _child(body, "DocRoot")
            if root_el is None or not (root_el.text or "").strip():
                continue
            doc_file = _resolve("OFD.xml", root_el.text)
            document = parse(doc_file)
            pages = _child(document, "Pages")
            for page in _children(pages, "Page") if pages is not None else []:
                page_no += 1
                loc = page.get("BaseLoc")
                if not loc:
                    continue
                items, images = _page_items(parse(_resolve(doc_file, loc)))
                lines = _lines(items)
                any_text = any_text or bool(lines)
                if not lines and images:
                    textless.append(page_no)
                for l, line in enumerate(lines, 1):
                    doc.blocks.append(Block(line, Place(part="page", page=page_no, line=l)))
    if page_no and not any_text:
        doc.problems.append(Problem("no-text-layer", Text("无可提取文字，可能为扫描件（需 OCR 后再检查）",
                                                          "No extractable text; probably a scan (run OCR, then check again)")))
    elif textless:
        pages_zh = "、".join(map(str, textless[:20]))
        pages_en = ", ".join(map(str, textless[:20]))
        doc.problems.append(Problem("images-skipped", Text(
            f"第{pages_zh}页无文字层（可能为扫描页），未检查",
            f"{'Page' if len(textless) == 1 else 'Pages'} {pages_en}: no text layer (probably scanned pages); not checked")))
    doc.notes.append(Text("OFD 按文字对象坐标还原行，模板页、注释与附件未检查",
                          "OFD lines are rebuilt from text object positions; template pages, annotations and "
                          "attachments were not checked"))

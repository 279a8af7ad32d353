"""Helpers shared by the OOXML readers (docx, xlsx): relationships and document properties."""
from __future__ import annotations

import posixpath
import re
import zipfile

from ..document import Block, Document, Place
from ..masking import mask
from .safety import parse_member

REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CORE_PROPS = (  # (namespace, local name, property name)
    ("http://purl.org/dc/elements/1.1/", "creator", "creator"),
    ("http://schemas.openxmlformats.org/package/2006/metadata/core-properties", "lastModifiedBy", "lastModifiedBy"),
    ("http://purl.org/dc/elements/1.1/", "title", "title"),
    ("http://purl.org/dc/elements/1.1/", "subject", "subject"),
    ("http://schemas.openxmlformats.org/package/2006/metadata/core-properties", "keywords", "keywords"),
    ("http://purl.org/dc/elements/1.1/", "description", "description"),
)
APP_NS = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
APP_PROPS = (("Manager", "manager"), ("Company", "company"))


def local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def rels(zf: zipfile.ZipFile, part: str) -> list[tuple[str, str]]:
    """(type suffix, target part name) for the relationships of `part` ('' for the package)."""
    folder, name = posixpath.split(part)
    rels_name = posixpath.join(folder, "_rels", name + ".rels")
    if rels_name not in zf.NameToInfo:
        return []
    out = []
    for rel in parse_member(zf, rels_name):
        if rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target") or ""
        target = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        out.append(((rel.get("Type") or "").rsplit("/", 1)[-1], target))
    return out


def shown_author(author: str | None) -> str | None:
    """An author as a place names it (批注（赵**）): masked like a name, so no report re-leaks it."""
    return mask(author, "PERSON_NAME") if author else author


def natural(name: str):
    return [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", name)]


def text_blocks(text: str, place: Place) -> list[Block]:
    """Blocks for a free text (property, comment...): one per non-blank line, same place."""
    return [Block(line, place) for line in re.split(r"\r\n|\r|\n", text) if line.strip()]


def read_properties(zf: zipfile.ZipFile, doc: Document) -> None:
    """Core (and a few extended) document properties → doc.properties and property blocks."""
    targets = dict(rels(zf, ""))
    core = targets.get("core-properties", "docProps/core.xml")
    if core in zf.NameToInfo:
        root = parse_member(zf, core)
        for ns, name, key in CORE_PROPS:
            el = root.find(f"{{{ns}}}{name}")
            if el is not None and (el.text or "").strip():
                doc.properties[key] = el.text.strip()
    app = targets.get("extended-properties", "docProps/app.xml")
    if app in zf.NameToInfo:
        root = parse_member(zf, app)
        for name, key in APP_PROPS:
            el = root.find(f"{{{APP_NS}}}{name}")
            if el is not None and (el.text or "").strip():
                doc.properties[key] = el.text.strip()
    for key, value in doc.properties.items():
        doc.blocks.extend(text_blocks(value, Place(part="property", detail=key)))


def count_media(zf: zipfile.ZipFile, folder: str) -> int:
    return sum(1 for n in zf.namelist() if n.startswith(folder) and not n.endswith("/"))

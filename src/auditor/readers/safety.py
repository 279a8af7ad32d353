"""Bounds every zip/XML-based reader checks BEFORE extracting anything.

A zip is judged from its central directory alone (declared sizes; nothing is decompressed), and
the declared sizes are also what `zipfile` will stop at when a member is read, so a member cannot
expand beyond what was checked. XML is parsed without DTDs, entities or network access.
"""
from __future__ import annotations

import zipfile

from lxml import etree

from ..document import Text

MAX_TOTAL_UNCOMPRESSED = 200 * 1024 * 1024  # bytes, all entries together
MAX_RATIO = 200  # uncompressed / compressed, for an entry ...
MAX_RATIO_MIN_SIZE = 10 * 1024 * 1024  # ... at least this large once expanded
MAX_ENTRIES = 10_000
XML_SNIFF = 4096  # a DOCTYPE must precede the root element: this much of a part is enough to see it


class Bomb(Exception):
    """An archive or XML document that would expand without bound: refused, never extracted."""


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.0f} MB"


def check_zip(zf: zipfile.ZipFile) -> None:
    """Raise Bomb if the archive's directory declares too much data, too many entries or a
    suspicious compression ratio."""
    infos = zf.infolist()
    if len(infos) > MAX_ENTRIES:
        raise Bomb(Text(f"压缩包内有 {len(infos)} 个条目，超过上限 {MAX_ENTRIES}，已拒绝解压",
                        f"the archive has {len(infos)} entries, more than the limit of {MAX_ENTRIES}; "
                        f"extraction refused"))
    total = 0
    for info in infos:
        size = info.file_size
        total += size
        if total > MAX_TOTAL_UNCOMPRESSED:
            raise Bomb(Text(f"压缩包解压后超过 {_mb(MAX_TOTAL_UNCOMPRESSED)}，已拒绝解压（疑似压缩炸弹）",
                            f"the archive expands to more than {_mb(MAX_TOTAL_UNCOMPRESSED)}; extraction refused "
                            f"(suspected zip bomb)"))
        if size > MAX_RATIO_MIN_SIZE:
            ratio = size / max(info.compress_size, 1)
            if ratio > MAX_RATIO:
                raise Bomb(Text(f"压缩包条目 {info.filename} 压缩比 {ratio:.0f}:1、解压后 {_mb(size)}，"
                                f"已拒绝解压（疑似压缩炸弹）",
                                f"archive entry {info.filename} has a compression ratio of {ratio:.0f}:1 and "
                                f"expands to {_mb(size)}; extraction refused (suspected zip bomb)"))


def open_zip(path) -> zipfile.ZipFile:
    """Open a zip and check its bounds (raises zipfile.BadZipFile or Bomb)."""
    zf = zipfile.ZipFile(path)
    try:
        check_zip(zf)
    except Exception:
        zf.close()
        raise
    return zf


def _has_dtd(head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            head = head.decode("utf-16", "ignore").encode("utf-8", "ignore")
        except Exception:  # pragma: no cover - decode with "ignore" does not fail
            pass
    up = head.upper()
    return b"<!DOCTYPE" in up or b"<!ENTITY" in up


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False,
                           dtd_validation=False, remove_comments=False)


def parse_xml(data: bytes, name: str = "XML"):
    """Parse XML bytes safely: refuse any DOCTYPE/entity declaration (billion laughs, XXE)."""
    if _has_dtd(data[:XML_SNIFF]) or _has_dtd(data[:64 * 1024]):
        raise Bomb(Text(f"{name} 含有 DOCTYPE/实体声明，可能无限展开（“十亿笑”攻击），已拒绝解析",
                        f"{name} contains a DOCTYPE/entity declaration that could expand without bound "
                        f"(“billion laughs” attack); parsing refused"))
    root = etree.fromstring(data, _parser())
    if root.getroottree().docinfo.doctype:
        raise Bomb(Text(f"{name} 含有 DOCTYPE 声明，已拒绝解析", f"{name} contains a DOCTYPE declaration; parsing refused"))
    return root


def read_member(zf: zipfile.ZipFile, name: str) -> bytes:
    """Read one member (its size was bounded by check_zip; zipfile stops at the declared size)."""
    return zf.read(name)


def parse_member(zf: zipfile.ZipFile, name: str):
    return parse_xml(read_member(zf, name), name)


def check_xml_parts(zf: zipfile.ZipFile) -> None:
    """Refuse a package any of whose XML parts declares a DTD, before a library parses them."""
    for info in zf.infolist():
        low = info.filename.lower()
        if low.endswith((".xml", ".rels", ".vml")):
            with zf.open(info) as fh:
                head = fh.read(XML_SNIFF)
            if _has_dtd(head):
                raise Bomb(Text(f"{info.filename} 含有 DOCTYPE/实体声明，可能无限展开，已拒绝解析",
                                f"{info.filename} contains a DOCTYPE/entity declaration that could expand "
                                f"without bound; parsing refused"))

"""Masking inside an OOXML package (.docx, .xlsx): every XML part, not only what a reader shows.

A value hides anywhere in the zip: headers, notes, comments, tracked deletions, text boxes, shared
strings, numeric cells, alt text, a `mailto:` hyperlink target, a content control's cached data, a
pivot cache. So every XML part is walked, and its text is cut into *units*:

- the text nodes of one paragraph (w:p, a:p), shared string (si), inline string (is) or comment text,
  joined in order, so a value split across runs of different formatting is one string; it is masked
  character by character, each character staying in its own run (its formatting kept). Field codes
  (w:instrText) are a unit of their own (a HYPERLINK field holds its target there);
- other text nodes (a property, a numeric cell, a defined name), one unit each;
- the attributes people write: alt text and titles, tooltips, external relationship targets, simple
  field instructions, content control aliases, tags and list items, document variables, pivot-cache
  items;
- personal metadata (creator, last modified by, comment and revision authors and their initials,
  people.xml) is masked unless it names an office or a generic account: nobody needs it to publish.

The thumbnail (a picture of the first page as it was saved) is dropped. Images cannot be masked: they
are listed as not checked. Office packages embedded in the file (an Excel table in a Word file) are
masked the same way; other embedded objects are searched for the values and listed as not masked.
"""
from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from .readers.ooxml import local
from .readers.safety import open_zip, parse_xml, read_member
from .valueset import Survivors, ValueSet

XML_SUFFIXES = (".xml", ".rels", ".vml")
EMBEDDED_PACKAGES = (".docx", ".docm", ".xlsx", ".xlsm", ".pptx")
CONTAINERS = {"p", "si", "is", "text"}  # a paragraph's (or string's) runs are joined into one unit
FIELD_LEAVES = {"instrText", "delInstrText"}
# alt text, titles, tooltips, a simple field's instruction (HYPERLINK "mailto:…"), list items, link text
WRITTEN_ATTRS = {"descr", "title", "alt", "tooltip", "caption", "instr", "displayText", "display"}
VAL_ELEMENTS = {"alias", "tag", "helpText", "statusText", "default", "listEntry", "docVar"}  # w:val people write
PERSONAL_ATTRS = {"author", "initials", "displayName", "userId"}
PERSONAL_ELEMENTS = {"creator", "lastModifiedBy", "Manager", "author"}  # core/app properties, xlsx comments
_ORGANISATION = re.compile(r"(局|办|办公室|政府|委员会|委|厅|院|中心|公司|部|处|科|所|站|队|会|室|组|馆|署|街道|镇|乡|村)$")
_GENERIC = {"", "administrator", "admin", "user", "author", "unknown", "microsoft office user",
            "python-docx", "openpyxl", "微软用户", "windows 用户", "windows user", "wps", "作者"}
_THUMBNAIL = re.compile(r"^docProps/thumbnail\.[a-z]+$", re.IGNORECASE)
_HAN_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}")  # a Chinese name, for 王某
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


@dataclass
class Piece:
    """A piece of text in a part: an element's text, or one of its attributes."""

    el: object
    attr: str | None = None

    def get(self) -> str:
        return (self.el.text if self.attr is None else self.el.get(self.attr)) or ""

    def set(self, value: str) -> None:
        if self.attr is not None:
            self.el.set(self.attr, value)
            return
        self.el.text = value
        if value != value.strip() and local(self.el.tag) == "t":
            self.el.set(_XML_SPACE, "preserve")


@dataclass
class Unit:
    pieces: list[Piece]
    personal: bool = False  # an author-like field: masked as a whole unless it names an office

    @property
    def text(self) -> str:
        return "".join(p.get() for p in self.pieces)


@dataclass
class Part:
    name: str
    root: object
    units: list[Unit]
    data: bytes  # as read (for the raw search)
    changed: bool = False


def is_zip_format(fmt: str) -> bool:
    return fmt in ("docx", "xlsx")


def read_parts(source, prefix: str = "", depth: int = 0) -> list[Part]:
    """Every XML part of the package (a path or a file object) with its units, and those of the Office
    packages embedded in it (an Excel table in a Word file), named `embedded!part`."""
    parts = []
    with open_zip(source) as zf:
        for name in zf.namelist():
            if name.lower().endswith(XML_SUFFIXES):
                data = read_member(zf, name)
                root = parse_xml(data, name)
                parts.append(Part(prefix + name, root, units(root, _has_attribute_hint(data)), data))
            elif _is_embedded_package(name) and depth < 2:
                parts += read_parts(io.BytesIO(read_member(zf, name)), f"{prefix}{name}!", depth + 1)
    return parts


def _is_embedded_package(name: str) -> bool:
    return "/embeddings/" in name and name.lower().endswith(EMBEDDED_PACKAGES)


_TEXT_LEAVES = etree.XPath("//*[not(*)][text()]")  # XPath: C speed on a styles part of 20,000 elements

# the names of those attributes and elements in a part's bytes: a part without any (styles, theme,
# fonts: most of a package's bytes) skips the attribute search, which is the slow part
_ATTRIBUTE_HINTS = tuple(f"{a}=".encode() for a in sorted(WRITTEN_ATTRS | PERSONAL_ATTRS | {"TargetMode"})) + tuple(
    f"{e}{end}".encode() for e in sorted(VAL_ELEMENTS | {"<s", "docPr", "cNvPr", "listItem"}) for end in " />")


def _has_attribute_hint(data: bytes) -> bool:
    return data[:2] in (b"\xff\xfe", b"\xfe\xff") or any(hint in data for hint in _ATTRIBUTE_HINTS)


def _named(names) -> str:
    return " or ".join(f"local-name()='{n}'" for n in sorted(names))


# only the attributes that can hold what people write, picked in C (a styles part has 14,000 w:val)
_ATTRIBUTES = etree.XPath(
    f"//@*[{_named(WRITTEN_ATTRS | PERSONAL_ATTRS)}]"
    f" | //*[{_named(VAL_ELEMENTS)}]/@*[local-name()='val']"
    f" | //*[local-name()='s']/@*[local-name()='v'] | //*[local-name()='listItem']/@*[local-name()='value']"
    f" | //*[{_named({'docPr', 'cNvPr'})}]/@*[local-name()='name']"
    f" | //*[@TargetMode='External']/@Target")


def units(root, attributes: bool = True) -> list[Unit]:
    """The units of one XML part: attributes people write (unless `attributes` is false: the part's
    bytes hold none of their names), then text in document order."""
    out = list(_attribute_units(root)) if attributes else []
    grouped: dict[tuple, Unit] = {}
    for el in _TEXT_LEAVES(root):
        name = local(el.tag)
        if name in PERSONAL_ELEMENTS and local(el.getparent().tag) in ("coreProperties", "Properties", "authors"):
            out.append(Unit([Piece(el)], personal=True))
            continue
        container = next((a for a in el.iterancestors() if local(a.tag) in CONTAINERS), None)
        if container is None:
            if el.text.strip():
                out.append(Unit([Piece(el)]))
            continue
        key = (container, name in FIELD_LEAVES)  # the element itself as key: its proxy stays alive
        if key not in grouped:
            grouped[key] = Unit([])
            out.append(grouped[key])  # placed at its first run: document order kept
        grouped[key].pieces.append(Piece(el))
    return out


def _attribute_units(root):
    for value in _ATTRIBUTES(root):
        if value.strip():
            el, attr = value.getparent(), value.attrname
            yield Unit([Piece(el, attr)], personal=local(attr) in PERSONAL_ATTRS)


_PART_LABELS = (  # (piece of a part name, what a clerk calls it), first match wins
    ("/embeddings/", "嵌入文件"), ("_rels/", "链接"), ("docProps/", "文档属性"), ("customXml/", "内容控件数据"),
    ("header", "页眉"), ("footer", "页脚"), ("footnotes", "脚注"), ("endnotes", "尾注"), ("people", "批注作者"),
    ("comments", "批注"), ("charts/", "图表"), ("word/document", "正文"), ("worksheets/", "工作表"),
    ("sharedStrings", "单元格文字"), ("workbook", "工作簿（名称）"), ("pivot", "数据透视表缓存"))


def part_label(name: str) -> str:
    """A part as the summary names it: 页眉（word/header1.xml）."""
    label = next((label for piece, label in _PART_LABELS if piece in name), "文件部件")
    return f"{label}（{name}）"


def unit_lines(parts: list[Part]) -> list[tuple[str, str]]:
    """(where, line) for scanning: every unit's text, one line each."""
    return [(part_label(part.name), line) for part in parts for unit in part.units if not unit.personal
            for line in re.split(r"[\r\n]+", unit.text) if line.strip()]


# ------------------------------------------------------------------------------------- masking

@dataclass
class Outcome:
    masked: list[tuple[str, str]] = field(default_factory=list)  # (part name, mask) of each change
    notes: list[str] = field(default_factory=list)  # what could not be kept


def mask_parts(parts: list[Part], masks: dict[str, str], personal_mask) -> Outcome:
    """Mask every occurrence of each value in every unit, and every personal field."""
    outcome = Outcome()
    finder = ValueSet(masks)
    numbers = 0
    for part in parts:
        for unit in part.units:
            text = unit.text
            if unit.personal:
                new = personal_mask(text)
                if new != text:
                    unit.pieces[0].set(new)
                    outcome.masked.append((part.name, new))
                    part.changed = True
                continue
            spans = [(start, end, masks[value]) for start, end, value in finder.spans(text)]
            if spans:
                numbers += _apply(unit, spans)
                outcome.masked += [(part.name, m) for _, _, m in spans]
                part.changed = True
    if numbers:
        outcome.notes.append(f"{numbers} 个数字单元格改为文本单元格（掩码不是数字，引用它的公式不再能计算它）"
                             f"({numbers} numeric cell(s) now hold text: a mask is not a number, formulas "
                             f"using them no longer compute with it)")
    return outcome


def _apply(unit: Unit, spans) -> int:
    """Replace spans of the joined text, character by character: each run keeps the characters (and so
    the formatting) it had; a mask shorter or longer than its value ends in the value's last run.
    Returns how many numeric cells became text."""
    texts = [p.get() for p in unit.pieces]
    where = [(i, k) for i, t in enumerate(texts) for k in range(len(t))]  # (run, offset) of each character
    new = [list(t) for t in texts]
    for start, end, masked in spans:
        for k, pos in enumerate(range(start, end)):
            run, offset = where[pos]
            new[run][offset] = masked[k:] if pos == end - 1 else masked[k] if k < len(masked) else ""
    numbers = 0
    for piece, old, chars in zip(unit.pieces, texts, new):
        value = "".join(chars)
        if value != old:
            piece.set(value)
            numbers += _numeric_cell_to_text(piece.el)
    return numbers


def _numeric_cell_to_text(el) -> bool:
    """A spreadsheet number that now holds a mask must become a string cell (the mask is not a number)."""
    cell = el.getparent()
    if local(el.tag) != "v" or cell is None or local(cell.tag) != "c" or cell.get("t") not in (None, "n"):
        return False
    ns = cell.tag[:cell.tag.index("}") + 1]  # "{namespace}"
    if cell.find(ns + "f") is not None:
        cell.set("t", "str")  # a formula's cached string result
        return True
    cell.set("t", "inlineStr")
    text = el.text
    cell.remove(el)
    inline = etree.SubElement(cell, ns + "is")
    etree.SubElement(inline, ns + "t").text = text
    return True


def personal_field_mask(name_style: str):
    """The mask of an author-like field: 王** (or 王某), zhangsan -> z*******; an office, a generic
    account or a value already masked stays as it is."""
    def masked(value: str) -> str:
        v = value.strip()
        if v.lower() in _GENERIC or _ORGANISATION.search(v) or set(v[1:]) <= {"*", "某"}:
            return value
        if name_style == "mou" and _HAN_NAME.fullmatch(v):
            return v[0] + "某"
        return v[0] + "*" * (len(v) - 1)
    return masked


def unmasked_personal_fields(parts: list[Part], personal_mask) -> int:
    """How many author-like fields of a written copy are still not masked (for the verification)."""
    return sum(1 for part in parts for unit in part.units if unit.personal and personal_mask(unit.text) != unit.text)


# ------------------------------------------------------------------------------------- writing

def write_package(source: Path, target: Path, parts: list[Part]) -> list[str]:
    """The package with the changed parts re-serialised (embedded packages rebuilt the same way), every
    other entry copied byte for byte and the thumbnail dropped; returns notes for the summary."""
    notes: list[str] = []
    target.parent.mkdir(parents=True, exist_ok=True)
    with open_zip(source) as zf:
        target.write_bytes(_package_bytes(zf, parts, "", notes))
        notes += _unchecked(zf)
    return notes


def _package_bytes(zf: zipfile.ZipFile, parts: list[Part], prefix: str, notes: list[str]) -> bytes:
    dropped = [n for n in zf.namelist() if _THUMBNAIL.match(n)]
    for name in dropped:
        notes.append(f"已删除缩略图 {prefix}{name} (thumbnail removed: it shows the page as saved)")
        _drop_references(parts, prefix, name)
    changed = {p.name: p for p in parts if p.changed}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as out:
        for info in zf.infolist():
            name = prefix + info.filename
            if info.filename in dropped:
                continue
            if name in changed:
                data = _serialise(changed[name].root)
            elif any(n.startswith(name + "!") for n in changed):
                with zipfile.ZipFile(io.BytesIO(read_member(zf, info.filename))) as inner:
                    data = _package_bytes(inner, parts, name + "!", notes)
            else:
                data = zf.read(info)
            out.writestr(info, data, compress_type=info.compress_type)
    return buffer.getvalue()


def _drop_references(parts: list[Part], prefix: str, name: str) -> None:
    for part in parts:
        if part.name not in (prefix + "_rels/.rels", prefix + "[Content_Types].xml"):
            continue
        for el in list(part.root):
            if (el.get("Target") or "").lstrip("/") == name or (el.get("PartName") or "").lstrip("/") == name:
                part.root.remove(el)
                part.changed = True


def _serialise(root) -> bytes:
    tree = root.getroottree()
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8", standalone=tree.docinfo.standalone)


def _unchecked(zf: zipfile.ZipFile) -> list[str]:
    names = [n for n in zf.namelist() if not n.endswith("/")]
    images = sum(1 for n in names if "/media/" in n)
    other = sum(1 for n in names if "/embeddings/" in n and not _is_embedded_package(n))
    notes = []
    if images:
        notes.append(f"{images} 张图片未检查，请人工核对 ({images} image(s) not checked: check them by hand)")
    if other:
        notes.append(f"{other} 个嵌入对象无法脱敏，已确认其中不含已发现的原值，请人工核对 ({other} embedded "
                     f"object(s) cannot be masked; searched for the values found; check them by hand)")
    return notes


# ------------------------------------------------------------------------------------- verifying

def raw_survivors(path, values: list[str], parts: list[Part]) -> int:
    """How many of `values` (or their bare digits) the package (read into `parts`) still holds
    anywhere: every XML part with tags stripped and runs joined, and raw (attributes, anything),
    embedded packages, and the bytes of other embedded objects."""
    survivors, found = Survivors(values), set()
    for part in parts:
        texts = [u.text for u in part.units if u.pieces and u.pieces[0].attr is None]
        data = part.data
        raw = data.decode("utf-16" if data[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-8", "replace")
        found |= survivors.in_text("\n".join(texts)) | survivors.in_text(raw) | survivors.in_units(texts)
    with open_zip(path) as zf:
        for name in zf.namelist():
            low = name.lower()
            if ("/embeddings/" in low and not _is_embedded_package(name)) or low.endswith(
                    (".txt", ".htm", ".html", ".mht", ".csv")):
                data = read_member(zf, name)
                found |= {v for v in values if any(v.encode(c) in data for c in ("utf-8", "utf-16-le", "gb18030"))}
    return len(found)

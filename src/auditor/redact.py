"""`auditor redact`: a publishable masked copy of each document, verified before it is kept.

Which values: what `scan` reports at `min_level` or above among the personal-data rules, after the
configuration, allowlists and inline suppressions — an office's published contacts and officials named
in their role are notes, so they stay. How: 公示 practice (`publication_mask`): 张**, 138****5678, an ID
keeping its first 6 and last 4, a card its last 4, an e-mail its first character and domain, an address
cut after its village or street; separators kept, so the length stays where the convention keeps it.

Formats: .txt and .md (each value masked at its place; in Markdown each `*` of a mask is escaped so it
cannot become emphasis), .html and .csv (every occurrence of each found value in the file's text, so an
HTML attribute or comment repeating it goes too; HTML attributes and comments are scanned as well),
encoding, byte-order mark and line endings kept; .docx and .xlsx in every XML part (redact_ooxml);
.pdf with the optional PyMuPDF extra (redact_pdf). Other formats are reported as not redacted, with the
reason: redact the source document.

Verify, never trust: the copy is read back with auditor's own reader and scanned again (its hidden
places too), and its raw text (every part of a zip) is searched for every original value and its bare
digits. Any survivor fails the document and its copy is deleted.
"""
from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from . import redact_ooxml
from .document import Block, Document, Place
from .masking import mask
from .readers import load
from .readers.text import decode_bytes
from .valueset import Survivors, ValueSet

TEXT_FORMATS = ("txt", "md", "html", "csv")
FORMATS = TEXT_FORMATS + ("docx", "xlsx")  # and .pdf with the optional extra (see redact_pdf)
# where each found value is masked at its place (line and column of the extracted text = the file's);
# in the others every occurrence of each found value in the file's text is masked (an HTML attribute or
# comment holding the same value included)
IN_PLACE = ("txt", "md")
_LINE_ENDINGS = re.compile(r"(\r\n|\r|\n)")
_LEVELS = {"note": 1, "warning": 2, "error": 3}
_BOMS = {"utf-8": b"\xef\xbb\xbf", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}
_NOT_READ = ("unreadable", "bomb", "binary", "empty", "conversion-failed", "needs-conversion")
# HTML attributes people write text into (a value can sit there and nowhere visible)
_HTML_ATTRS = ("title", "alt", "value", "placeholder", "content", "aria-label", "href", "label", "summary")


@dataclass
class Masked:
    """One masked value: where (line:column, or a place in the document), which rule, the mask."""

    where: str
    rule: str
    mask: str


@dataclass
class Redaction:
    """One document's outcome: what was masked (masked forms only), or why it could not be."""

    uri: str
    target: Path | None
    masked: list[Masked] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what could not be kept or checked
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.error


def publication_mask(value: str, entity: str | None, name_style: str = "stars") -> str:
    """The mask a 公示 uses, keeping separators (so 138-1234-5678 stays 138-****-5678)."""
    digits = [i for i, c in enumerate(value) if c.isalnum()]
    if entity == "CN_RESIDENT_ID":
        return _stars(value, digits, 6, 4)
    if entity == "PHONE_MOBILE":
        return _stars(value, digits, len(digits) - 8, 4)  # +86 and 138 shown, 4 hidden, last 4 shown
    if entity == "BANK_CARD":
        return _stars(value, digits, 0, 4)
    if entity in ("PERSON_NAME", "PERSON_NAME_OFFICIAL"):
        return value[:1] + ("某" if name_style == "mou" else "*" * (len(value) - 1))
    return mask(value, entity)  # landline, passport, permit, e-mail, address, birth date: as the outputs do


def _stars(value: str, positions: list[int], head: int, tail: int) -> str:
    hidden = set(positions[head:len(positions) - tail])
    return "".join("*" if i in hidden else c for i, c in enumerate(value))


def redact(result, out_dir: Path, min_level: str = "warning", name_style: str = "stars",
           dry_run: bool = False, scan=None) -> list[Redaction]:
    """Write a masked copy of every document of `result` under out_dir. `scan(document)` scans with the
    same settings as `result` (for values hidden where the reader does not look, and to verify)."""
    job = _Job(min_level, name_style, dry_run, scan)
    return [job.one(d, out_dir) for d in result.documents]


@dataclass
class _Job:
    min_level: str
    name_style: str
    dry_run: bool
    scan: object

    def chosen(self, findings) -> list:
        return [f for f in findings if f.entity and f.value and _LEVELS[f.severity] >= _LEVELS[self.min_level]]

    def one(self, d, out_dir: Path) -> Redaction:
        outcome = self.attempt(d, out_dir / d.document.uri.lstrip("/"))
        if outcome.error and not self.dry_run:  # no copy, not even one left from an earlier run
            outcome.target.unlink(missing_ok=True)
        return outcome

    def attempt(self, d, target: Path) -> Redaction:
        doc = d.document
        chosen = self.chosen(d.findings)
        outcome = Redaction(doc.uri, target, [_masked(f, doc.format, self.name_style) for f in chosen])
        masks = {f.value: publication_mask(f.value, f.entity, self.name_style) for f in chosen}
        if any(p.kind in _NOT_READ for p in doc.problems) and not doc.blocks:
            outcome.error = "文件无法读取，未生成副本 (the document cannot be read: no copy written)"
            return outcome
        if doc.format not in FORMATS and not (doc.format == "pdf" and _pdf().available()):
            return self.unsupported(doc, target, outcome, chosen)
        try:
            self.write(doc, target, chosen, masks, outcome)
            if not self.dry_run:
                self.verify(doc, target, list(masks), outcome)
        except Exception as e:  # noqa: BLE001 - a file that changed, cannot be decoded or parsed: reported, never a traceback
            outcome.error = f"无法生成副本 {target}：{e} ({type(e).__name__}: cannot write the copy)"
        return outcome

    def unsupported(self, doc, target: Path, outcome: Redaction, chosen) -> Redaction:
        if chosen or doc.problems:
            outcome.error = (f"暂不能自动处理 .{doc.format} 文件，请在原文件中脱敏后重新检查 "
                             f"(.{doc.format} is not redacted: mask the source document)")
            if doc.format == "pdf":
                outcome.error += "；安装 auditor[pdf] 可处理 PDF (install auditor[pdf] to redact PDFs)"
        elif not self.dry_run:  # nothing to mask anywhere auditor reads: the document as it is
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(doc.path, target)
        return outcome

    def write(self, doc, target: Path, chosen, masks: dict, outcome: Redaction) -> None:
        """Write the masked copy (unless a dry run); `masks` gains the values found in hidden places."""
        if redact_ooxml.is_zip_format(doc.format):
            parts = redact_ooxml.read_parts(Path(doc.path))
            self.add_hidden(doc.uri, redact_ooxml.unit_lines(parts), masks, outcome)
            changes = redact_ooxml.mask_parts(parts, masks, redact_ooxml.personal_field_mask(self.name_style))
            found = set(masks.values())
            outcome.masked += [Masked(redact_ooxml.part_label(part), "META", m) for part, m in changes.masked
                               if m not in found]  # personal metadata: not a scan finding
            outcome.notes += changes.notes
            if not self.dry_run:
                outcome.notes += redact_ooxml.write_package(Path(doc.path), target, parts)
            return

        if doc.format == "html":
            self.add_hidden(doc.uri, html_hidden_lines(Path(doc.path)), masks, outcome)
        if self.dry_run:
            return
        if doc.format == "pdf":
            outcome.notes += _pdf().redact_pdf(Path(doc.path), target, masks)
        else:
            _write_text(doc, target, [(f.line, f.column, f.end_column, f.value, masks[f.value]) for f in chosen], masks)

    def add_hidden(self, uri: str, lines, masks: dict, outcome: Redaction) -> None:
        """Values where the reader does not look (attributes, comments, field codes, metadata parts):
        the same detectors on those texts, each hit masked everywhere like the others."""
        for f in self.chosen(self.scan(lines_document(uri, lines)).findings if self.scan and lines else []):
            if f.value not in masks:
                masks[f.value] = publication_mask(f.value, f.entity, self.name_style)
                outcome.masked.append(Masked(f.place.detail or "", f.rule.code, masks[f.value]))

    def verify(self, doc, target: Path, values: list[str], outcome: Redaction) -> None:
        """Read the copy back and scan it, also where the reader does not look; search its raw text for
        every value and its bare digits. A survivor deletes the copy."""
        survivors = 0
        parts = redact_ooxml.read_parts(target) if redact_ooxml.is_zip_format(doc.format) else None
        if self.scan is not None:
            survivors += len(self.chosen(self.scan(load(target, doc.uri)).findings))
            hidden = redact_ooxml.unit_lines(parts) if parts is not None else (
                html_hidden_lines(target) if doc.format == "html" else [])
            if hidden:
                survivors += len(self.chosen(self.scan(lines_document(doc.uri, hidden)).findings))
        if parts is not None:
            survivors += redact_ooxml.raw_survivors(target, values, parts)
            survivors += redact_ooxml.unmasked_personal_fields(parts, redact_ooxml.personal_field_mask(self.name_style))
        else:
            survivors += _raw_survivors(target, doc.format, values)
        if survivors:  # the copy is deleted: never a half-masked copy left behind
            outcome.error = f"脱敏后复查仍发现 {survivors} 处个人信息，副本已删除 ({survivors} value(s) survived: copy deleted)"


def _pdf():
    from . import redact_pdf  # PyMuPDF, the optional extra, is imported by it only when there

    return redact_pdf


def _masked(f, fmt: str, name_style: str) -> Masked:
    where = f"{f.line}:{f.column}" if fmt in TEXT_FORMATS else f.place.describe()
    return Masked(where, f.rule.code, publication_mask(f.value, f.entity, name_style))


def lines_document(uri: str, lines) -> Document:
    """A document of (where, text) lines, to scan texts no reader shows."""
    return Document(path=Path(uri), uri=uri, format="txt",
                    blocks=[Block(text, Place(part="file", detail=where)) for where, text in lines])


def html_hidden_lines(path: Path) -> list[tuple[str, str]]:
    """The attribute values and comments of an HTML page (its reader reads only the visible text)."""
    from bs4 import BeautifulSoup, Comment

    soup = BeautifulSoup(decode_bytes(path.read_bytes()).text, "lxml")
    out = [("comment", str(c)) for c in soup.find_all(string=lambda s: isinstance(s, Comment))]
    for tag in soup.find_all(True):
        for attr, value in tag.attrs.items():
            if attr in _HTML_ATTRS or attr.startswith("data-"):
                out.append((f"{tag.name} {attr}", " ".join(value) if isinstance(value, list) else str(value)))
    return [(where, line) for where, text in out for line in re.split(r"[\r\n]+", text) if line.strip()]


def _raw_survivors(target: Path, fmt: str, values: list[str]) -> int:
    if fmt == "pdf":
        raw = "\n".join(b.text for b in load(target, target.name).blocks)
    else:
        raw = decode_bytes(target.read_bytes()).text
    survivors = Survivors(values)
    return len(survivors.in_text(raw) | survivors.in_units(raw.splitlines()))


def _write_text(doc, target: Path, spans, masks: dict) -> None:
    data = Path(doc.path).read_bytes()
    decoded = decode_bytes(data)
    bom = next((b for codec, b in _BOMS.items() if decoded.encoding.replace("_", "-").startswith(codec)
                and data.startswith(b)), b"")
    if doc.format in IN_PLACE:
        text = _masked_in_place(decoded.text, spans, doc.format == "md")
    else:
        text = ValueSet(masks).replace(decoded.text, masks)
    target.parent.mkdir(parents=True, exist_ok=True)
    codec = decoded.encoding
    if bom and codec.replace("_", "-").lower() in ("utf-8-sig",):
        bom = b""  # the codec writes it
    target.write_bytes(bom + text.encode(codec))


def _masked_in_place(text: str, spans, markdown: bool) -> str:
    parts = _LINE_ENDINGS.split(text)  # line, ending, line, ending, ...: endings kept as found
    by_line: dict[int, list] = {}
    for line, start, end, _, masked in spans:
        by_line.setdefault(line, []).append((start - 1, end - 1, masked))
    for line, line_spans in by_line.items():
        line_text = parts[2 * (line - 1)]
        for start, end, masked in sorted(line_spans, reverse=True):
            if markdown:
                masked = masked.replace("*", "\\*")  # a mask must not become emphasis
            line_text = line_text[:start] + masked + line_text[end:]
        parts[2 * (line - 1)] = line_text
    return "".join(parts)


def refused_output(out_dir: Path, paths) -> str | None:
    """Why out_dir cannot be used (it would overwrite or sit among the inputs), or None."""
    out = Path(os.path.realpath(out_dir))
    for p in paths:
        src = Path(os.path.realpath(p))
        if out == src or (src.is_dir() and src in out.parents) or (src.is_file() and out == src.parent):
            return f"输出目录 {out_dir} 会覆盖或混入输入 {p} (the output folder would overwrite or mix with the input)"
    return None


def reread(path: Path, uri: str):
    """A written copy as auditor's reader sees it (for tests and the summary)."""
    return load(path, uri)

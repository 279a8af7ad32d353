"""`auditor redact`: a publishable masked copy of each document, verified before it is kept.

Which values: what `scan` reports at `min_level` or above among the personal-data rules, after the
configuration, allowlists and inline suppressions — an office's published contacts and officials named
in their role are notes, so they stay. How: 公示 practice (`publication_mask`): 张**, 138****5678, an ID
keeping its first 6 and last 4, a card its last 4, an e-mail its first character and domain, an address
cut after its village or street; separators kept, so the length stays where the convention keeps it.

This version writes .txt and .md (each value masked at its place; in Markdown each `*` of a mask is
escaped so it cannot become emphasis), and .html and .csv (every occurrence of each found value in the
file's text masked, so an HTML attribute or comment repeating it goes too); encoding, byte-order mark
and line endings kept. Other formats are reported as not redacted, with the reason: redact the source
document.

Verify, never trust: the copy is read back with auditor's own reader and scanned again, and its raw
text is searched for every original value and its bare digits. Any survivor fails the document and
its copy is deleted.
"""
from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from .masking import mask
from .readers import load
from .readers.text import decode_bytes

FORMATS = ("txt", "md", "html", "csv")
# where each found value is masked at its place (line and column of the extracted text = the file's);
# in the others every occurrence of each found value in the file's text is masked (an HTML attribute or
# comment holding the same value included)
IN_PLACE = ("txt", "md")
_LINE_ENDINGS = re.compile(r"(\r\n|\r|\n)")
_LEVELS = {"note": 1, "warning": 2, "error": 3}
_BOMS = {"utf-8": b"\xef\xbb\xbf", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}


@dataclass
class Redaction:
    """One document's outcome: what was masked (masked forms only), or why it could not be."""

    uri: str
    target: Path | None
    masked: list[tuple[int, int, str, str]] = field(default_factory=list)  # (line, column, rule, mask)
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
           dry_run: bool = False, rescan=None) -> list[Redaction]:
    """Write a masked copy of every document of `result` under out_dir. `rescan(path, uri)` scans a
    written copy (the same settings) for the verification."""
    return [_one(d, out_dir, min_level, name_style, dry_run, rescan) for d in result.documents]


def _one(d, out_dir: Path, min_level: str, name_style: str, dry_run: bool, rescan) -> Redaction:
    doc = d.document
    target = out_dir / doc.uri.lstrip("/")
    chosen = [f for f in d.findings if f.entity and f.value and _LEVELS[f.severity] >= _LEVELS[min_level]]
    masks = [(f.line, f.column, f.end_column, f.value, publication_mask(f.value, f.entity, name_style), f.rule.code)
             for f in chosen]
    outcome = Redaction(doc.uri, target, [(line, col, rule, m) for line, col, _, _, m, rule in masks])
    if doc.problems and doc.format in FORMATS and not doc.blocks:
        outcome.error = "文件无法读取，未生成副本 (the document cannot be read: no copy written)"
        return outcome
    if doc.format not in FORMATS:
        if chosen or doc.problems:
            outcome.error = (f"暂不能自动处理 .{doc.format} 文件，请在原文件中脱敏后重新检查 "
                             f"(.{doc.format} is not redacted by this version: mask the source document)")
        elif not dry_run:  # nothing to mask anywhere auditor reads: the document as it is
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(doc.path, target)
        return outcome
    if dry_run:
        return outcome
    try:
        _write_text(doc, target, masks)
    except Exception as e:  # noqa: BLE001 - a file that changed or cannot be decoded again: reported, never a traceback
        outcome.error = f"无法写入 {target}：{type(e).__name__} (cannot write the copy)"
        return outcome
    survivors = _survivors(target, doc.uri, [m[3] for m in masks], min_level, rescan)
    if survivors:
        target.unlink(missing_ok=True)  # never leave a half-masked copy behind
        outcome.error = f"脱敏后复查仍发现 {survivors} 处个人信息，副本已删除 ({survivors} value(s) survived: copy deleted)"
    return outcome


def _write_text(doc, target: Path, masks) -> None:
    data = Path(doc.path).read_bytes()
    decoded = decode_bytes(data)
    bom = next((b for codec, b in _BOMS.items() if decoded.encoding.replace("_", "-").startswith(codec)
                and data.startswith(b)), b"")
    if doc.format in IN_PLACE:
        text = _masked_in_place(decoded.text, masks, doc.format == "md")
    else:
        text = decoded.text
        for value, masked in sorted({(m[3], m[4]) for m in masks}, key=lambda vm: -len(vm[0])):
            text = text.replace(value, masked)
    target.parent.mkdir(parents=True, exist_ok=True)
    codec = decoded.encoding
    if bom and codec.replace("_", "-").lower() in ("utf-8-sig",):
        bom = b""  # the codec writes it
    target.write_bytes(bom + text.encode(codec))


def _masked_in_place(text: str, masks, markdown: bool) -> str:
    parts = _LINE_ENDINGS.split(text)  # line, ending, line, ending, ...: endings kept as found
    by_line: dict[int, list] = {}
    for line, start, end, _, masked, _ in masks:
        by_line.setdefault(line, []).append((start - 1, end - 1, masked))
    for line, spans in by_line.items():
        line_text = parts[2 * (line - 1)]
        for start, end, masked in sorted(spans, reverse=True):
            if markdown:
                masked = masked.replace("*", "\\*")  # a mask must not become emphasis
            line_text = line_text[:start] + masked + line_text[end:]
        parts[2 * (line - 1)] = line_text
    return "".join(parts)


def _survivors(target: Path, uri: str, values: list[str], min_level: str, rescan) -> int:
    """How many personal values the written copy still holds: a scan of it, and a raw search."""
    count = 0
    if rescan is not None:
        result = rescan(target, uri)
        count += sum(1 for f in result.findings if f.entity and _LEVELS[f.severity] >= _LEVELS[min_level])
    raw = decode_bytes(target.read_bytes()).text
    bare = re.sub(r"\D", "", raw)
    for value in values:
        digits = re.sub(r"\D", "", value)
        if value in raw or (len(digits) >= 7 and digits in bare):
            count += 1
    return count


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

"""Plain text (.txt, .md): encoding detection shared with the CSV reader."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..document import Document, Place, Problem, Text, in_language, lines_to_blocks

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig", Text("UTF-8（带BOM）", "UTF-8 (with BOM)")),
    (b"\xff\xfe\x00\x00", "utf-32-le", "UTF-32LE"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "UTF-32BE"),
    (b"\xff\xfe", "utf-16-le", "UTF-16LE"),
    (b"\xfe\xff", "utf-16-be", "UTF-16BE"),
)
_ESCAPED = re.compile("[\udc80-\udcff]")
_NAMES = {"utf-8": "UTF-8", "gb18030": "GB18030", "big5": "Big5", "utf-16-le": "UTF-16LE",
          "utf-16-be": "UTF-16BE"}


class BinaryContent(Exception):
    """The bytes are not text (NUL bytes outside UTF-16/32)."""


@dataclass
class Decoded:
    text: str
    encoding: str  # Python codec name
    label: str  # shown to people: "GB18030", "UTF-16LE"...
    bad_bytes: int = 0  # bytes that could not be decoded (replaced with U+FFFD)


def _decode(data: bytes, codec: str) -> tuple[str, int]:
    try:
        return data.decode(codec), 0  # the common case, at C speed
    except UnicodeDecodeError:
        pass
    text = data.decode(codec, errors="surrogateescape")
    bad = len(_ESCAPED.findall(text))
    if bad:
        text = _ESCAPED.sub("\ufffd", text)
    return text, bad


def _utf16_without_bom(data: bytes) -> str | None:
    head = data[:4096]
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def decode_bytes(data: bytes) -> Decoded:
    """Decode text bytes: BOM, then strict UTF-8, then GB18030, else charset-normalizer's best guess.
    A few bad bytes never make the whole text unreadable: they are replaced and counted.
    Raises BinaryContent for bytes that are not text."""
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            text, bad = _decode(data[len(bom):], codec.replace("-sig", ""))
            return Decoded(text, codec, label, bad)
    if b"\x00" in data:
        codec = _utf16_without_bom(data)
        if codec is None:
            raise BinaryContent(Text("文件含有 NUL 字节，不是文本文件", "the file contains NUL bytes and is not a text file"))
        text, bad = _decode(data, codec)
        return Decoded(text, codec, Text(_NAMES[codec] + "（无BOM）", _NAMES[codec] + " (without BOM)"), bad)
    text, bad = _decode(data, "utf-8")
    if not bad:
        return Decoded(text, "utf-8", "UTF-8")
    non_ascii = len(data) - len(data.translate(None, bytes(range(128))))
    # a mostly-valid UTF-8 file with a few damaged bytes stays UTF-8 (GB18030 would turn every
    # Chinese character into mojibake and hide the names around a leak)
    if bad <= max(8, non_ascii // 50):
        return Decoded(text, "utf-8", "UTF-8", bad)
    candidates = [Decoded(text, "utf-8", "UTF-8", bad)]
    gb_text, gb_bad = _decode(data, "gb18030")
    if not gb_bad:
        return Decoded(gb_text, "gb18030", "GB18030")
    candidates.append(Decoded(gb_text, "gb18030", "GB18030", gb_bad))
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:1_000_000]).best()
        if best is not None and best.encoding:
            t, b = _decode(data, best.encoding)
            candidates.append(Decoded(t, best.encoding, _NAMES.get(best.encoding, best.encoding.upper()), b))
    except Exception:  # charset-normalizer is only a last resort
        pass
    return min(candidates, key=lambda d: d.bad_bytes)


def decode_into(doc: Document, data: bytes) -> str | None:
    """Decode for a reader: records encoding, note and problems on `doc`; None if binary."""
    try:
        dec = decode_bytes(data)
    except BinaryContent as exc:
        why = exc.args[0] if exc.args and isinstance(exc.args[0], str) else str(exc)
        doc.problems.append(Problem("binary", Text(f"{why}（后缀为 .{doc.format}）",
                                                   f"{in_language(why, 'en')} (suffix .{doc.format})")))
        return None
    doc.encoding = dec.encoding
    label_en = in_language(dec.label, "en")
    doc.notes.append(Text(f"编码：{dec.label}", f"Encoding: {label_en}"))
    if dec.bad_bytes:
        doc.problems.append(Problem("decode-errors", Text(
            f"{dec.bad_bytes} 个字节无法按 {dec.label} 解码，已跳过（以“\ufffd”代替）",
            f"{dec.bad_bytes} byte(s) could not be decoded as {label_en} and were skipped (replaced with “\ufffd”)")))
    return dec.text


def read(path: Path, doc: Document) -> None:
    text = decode_into(doc, path.read_bytes())
    if text is None:
        return
    doc.blocks = lines_to_blocks(text, lambda n: Place(part="body", line=n))

"""Legacy binary formats (.doc, .wps, .xls, .et): converted with LibreOffice when it is installed,
then read by the .docx/.xlsx readers (keeping the original path, uri and format)."""
from __future__ import annotations

import csv
import os
import re
import shutil
import signal
import subprocess
import tempfile
import zipfile
from pathlib import Path

from ..document import Document, Problem, Text, in_language

TIMEOUT = 120  # seconds per conversion
_TARGET = {".doc": ("docx", "MS Word 2007 XML"), ".wps": ("docx", "MS Word 2007 XML"),
           ".xls": ("xlsx", "Calc MS Excel 2007 XML"), ".et": ("xlsx", "Calc MS Excel 2007 XML")}
_HOW = {"docx": Text("请用 WPS/Word 打开后“另存为” .docx 再检查，或安装 LibreOffice（apt install libreoffice-writer）后重新运行",
                     "open it in WPS/Word and “Save As” .docx, then check that, or install LibreOffice "
                     "(apt install libreoffice-writer) and run again"),
        "xlsx": Text("请用 WPS/Excel 打开后“另存为” .xlsx 再检查，或安装 LibreOffice（apt install libreoffice-calc）后重新运行",
                     "open it in WPS/Excel and “Save As” .xlsx, then check that, or install LibreOffice "
                     "(apt install libreoffice-calc) and run again")}


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _sniff(path: Path) -> str | None:
    """Files saved with the wrong suffix: a .doc that is really a .docx, HTML or RTF..."""
    with open(path, "rb") as fh:
        head = fh.read(2048)
    if head.startswith(b"PK") and zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
    low = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if low.startswith((b"<html", b"<!doctype html", b"<?xml")) and b"<html" in head.lower():
        return "html"
    return None


def _kill_group(proc: subprocess.Popen, only_leftovers: bool = False) -> None:
    """Kill the converter's whole process group (soffice forks soffice.bin), then reap it."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    if not only_leftovers:
        try:
            proc.communicate(timeout=10)
        except Exception:
            pass


def read(path: Path, doc: Document) -> None:
    suffix = path.suffix.lower()
    target, filt = _TARGET[suffix]
    real = _sniff(path)
    if real in ("docx", "xlsx"):
        doc.notes.append(Text(f"文件实际为 .{real} 格式（后缀为 {suffix}）", f"The file is really a .{real} file (suffix {suffix})"))
        from . import docx, sheet

        (docx if real == "docx" else sheet).read(path, doc)
        return
    if real == "html":
        doc.notes.append(Text(f"文件实际为 HTML 格式（后缀为 {suffix}）", f"The file is really an HTML file (suffix {suffix})"))
        from . import html

        html.read(path, doc)
        return
    exe = soffice()
    if exe is None:
        doc.problems.append(Problem("needs-conversion", Text(
            f"{suffix} 格式需要转换后才能检查：{_HOW[target]}",
            f"the {suffix} format must be converted before it can be checked: {_HOW[target].en}")))
        return
    with tempfile.TemporaryDirectory(prefix="auditor-convert-") as tmp:
        tmpdir = Path(tmp)
        src = tmpdir / ("input" + suffix)  # a plain name: no surprises from spaces or dashes
        shutil.copyfile(path, src)
        out = tmpdir / "out"
        error = _convert(exe, src, f"{target}:{filt}", out, tmpdir)
        result = out / f"input.{target}"
        if error is None and (not result.exists() or result.stat().st_size == 0):
            error = Text("LibreOffice 无法转换该文件，可能已损坏或加密",
                         "LibreOffice could not convert the file; it may be damaged or encrypted")
        if error is not None:
            doc.problems.append(Problem("conversion-failed", Text(
                f"{error}：{_HOW[target]}", f"{in_language(error, 'en')}: {_HOW[target].en}")))
            return
        from . import docx, sheet

        if target == "docx":
            docx.read(result, doc)
        else:
            sheet.read_xlsx(result, doc, _full_precision_numbers(exe, src, tmpdir))
        doc.notes.append(Text(f"已用 LibreOffice 转换为 .{target} 后检查", f"Converted to .{target} with LibreOffice, then checked"))


def _convert(exe: str, src: Path, spec: str, out: Path, tmpdir: Path) -> str | None:
    """Run one LibreOffice conversion; None on success, else what went wrong."""
    profile = (tmpdir / "profile").as_uri()
    cmd = [exe, f"-env:UserInstallation={profile}", "--headless", "--norestore", "--nolockcheck",
           "--convert-to", spec, "--outdir", str(out), str(src)]
    env = dict(os.environ, HOME=str(tmpdir))
    try:
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, env=env, start_new_session=True)
    except OSError as exc:
        return Text(f"无法运行 LibreOffice（{exc}）", f"cannot run LibreOffice ({exc})")
    try:
        _, stderr = proc.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        _kill_group(proc)
        return Text(f"LibreOffice 转换超时（{TIMEOUT} 秒）", f"LibreOffice conversion timed out ({TIMEOUT} seconds)")
    finally:
        _kill_group(proc, only_leftovers=True)
    if proc.returncode != 0:
        err = (stderr or b"").decode("utf-8", "replace").strip().splitlines()
        why = f"（{err[-1][:200]}）" if err else f"（退出码 {proc.returncode}）"
        why_en = f" ({err[-1][:200]})" if err else f" (exit code {proc.returncode})"
        return Text(f"LibreOffice 无法转换该文件，可能已损坏或加密{why}",
                    f"LibreOffice could not convert the file; it may be damaged or encrypted{why_en}")
    return None


# CSV export with "save cell contents as shown" off and every sheet (-1): unlike its .xlsx export,
# which keeps 15 significant digits, this keeps a 16-19 digit number stored as a number exactly
_CSV_SPEC = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"
_LONG_NUMBER = re.compile(r"-?\d{16,}")


def _full_precision_numbers(exe: str, src: Path, tmpdir: Path) -> dict:
    out = tmpdir / "csv"
    overrides: dict = {}
    try:
        if _convert(exe, src, _CSV_SPEC, out, tmpdir) is not None:
            return overrides
        for file in sorted(out.glob("input-*.csv")):
            sheet_name = file.stem[len("input-"):]
            with open(file, encoding="utf-8", errors="replace", newline="") as fh:
                for r, record in enumerate(csv.reader(fh), 1):
                    for c, value in enumerate(record, 1):
                        if _LONG_NUMBER.fullmatch(value):
                            overrides[(sheet_name, r, c)] = value
    except Exception:  # only a precision refinement: the .xlsx result stands on its own
        return {}
    return overrides

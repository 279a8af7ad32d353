"""Which files to scan (`discover`) and reading one of them into a Document (`load`)."""
from __future__ import annotations

import fnmatch
import os
import stat
import zipfile
from pathlib import Path

from ..document import Document, Problem, Text, in_language
from .gitignore import GitIgnore
from .safety import Bomb

# suffix -> (reader module name, format)
_READERS = {
    ".txt": "text", ".md": "text", ".csv": "sheet", ".xlsx": "sheet", ".docx": "docx",
    ".pdf": "pdf", ".html": "html", ".htm": "html",
    ".doc": "legacy", ".wps": "legacy", ".xls": "legacy", ".et": "legacy", ".ofd": "ofd",
}
SUPPORTED_SUFFIXES = set(_READERS)
# Pictures cannot be read, but a scanned or photographed 公示 list is a classic leak: a folder scan
# lists them as documents (a finding each) instead of passing over them.
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".tif", ".tiff", ".bmp", ".gif", ".webp", ".heic"}


class PathNotFound(Exception):
    def __init__(self, path: str):
        super().__init__(f"路径不存在：{path}")
        self.path = path


# ---------------------------------------------------------------------------------- discover

def _uri(path: Path) -> str:
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return absolute.as_posix()


def _en(text: str) -> str:
    return in_language(text, "en")


def _kind(mode: int) -> str | None:
    """Why a stat mode is not a regular file, or None if it is one."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISFIFO(mode):
        return Text("FIFO", "FIFO")
    if stat.S_ISSOCK(mode):
        return Text("套接字", "socket")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return Text("设备", "device")
    if stat.S_ISDIR(mode):
        return Text("目录", "directory")
    return Text("特殊文件", "special file")


def glob_match(patterns, uri: str, name: str) -> bool:
    """Does a glob match the uri or the file name (`**/` and `/**` also match nothing)?"""
    for pat in patterns:
        variants = {pat, pat.replace("**/", ""), pat.replace("/**", "")}
        for v in variants:
            if v and (fnmatch.fnmatchcase(uri, v) or fnmatch.fnmatchcase(name, v)):
                return True
    return False


def _mode_or_note(stat_fn, uri: str, notes: list) -> int | None:
    """The mode of a directory or regular file; None, with a note, for a dangling symlink, a FIFO,
    a socket or a device (never opened: reading a FIFO would block the scan)."""
    try:
        mode = stat_fn().st_mode
    except OSError:
        notes.append(Text(f"跳过 {uri}：符号链接指向不存在的位置或无法访问",
                          f"Skipped {uri}: symlink target is missing or inaccessible"))
        return None
    kind = None if stat.S_ISDIR(mode) else _kind(mode)
    if kind is not None:
        notes.append(Text(f"跳过 {uri}：不是普通文件（{kind}）", f"Skipped {uri}: not a regular file ({_en(kind)})"))
        return None
    return mode


def discover(paths: list[str], include: list[str] = (), exclude: list[str] = (), respect_gitignore: bool = True
             ) -> tuple[list[tuple[Path, str]], list[str]]:
    """Files to scan from command-line paths: (path, uri) pairs in a deterministic order, and notes
    about what was skipped. A file named explicitly is always returned; a folder is walked
    recursively for supported suffixes, filtered by include/exclude globs (matched against the uri
    and the file name), skipping hidden folders, what .gitignore files ignore (respect_gitignore),
    symlink loops and anything not a regular file.
    Raises PathNotFound for a path that does not exist."""
    files: list[tuple[Path, str]] = []
    notes: list[str] = []
    unsupported: dict[str, int] = {}  # suffix -> files passed over in folders
    seen_files: set[str] = set()
    seen_dirs: set[str] = set()
    ignore = GitIgnore() if respect_gitignore else None

    def add(path: Path) -> None:
        real = os.path.realpath(path)
        if real not in seen_files:
            seen_files.add(real)
            files.append((path, _uri(path)))

    def walk(folder: Path) -> None:
        real = os.path.realpath(folder)
        if real in seen_dirs:
            notes.append(Text(f"跳过 {_uri(folder)}：目录已检查过（符号链接循环或重复）",
                              f"Skipped {_uri(folder)}: folder already scanned (symlink loop or duplicate)"))
            return
        seen_dirs.add(real)
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            notes.append(Text(f"跳过 {_uri(folder)}：无法读取目录（{exc.strerror or exc}）",
                              f"Skipped {_uri(folder)}: cannot read the folder ({exc.strerror or exc})"))
            return
        for entry in entries:
            path = Path(entry.path)
            uri = _uri(path)
            mode = _mode_or_note(entry.stat, uri, notes)  # follows symlinks
            if mode is None:
                continue
            if stat.S_ISDIR(mode):
                if entry.name.startswith(".") or glob_match(exclude, uri, entry.name) \
                        or (ignore and ignore.ignored(path, True)):
                    continue
                walk(path)
                continue
            suffix = Path(entry.name).suffix.lower()
            if suffix not in SUPPORTED_SUFFIXES and suffix not in IMAGE_SUFFIXES:
                if not entry.name.startswith("."):
                    unsupported[suffix] = unsupported.get(suffix, 0) + 1
                continue
            if entry.name.startswith("~$"):
                notes.append(Text(f"跳过 {uri}：Office 临时锁定文件", f"Skipped {uri}: Office temporary lock file"))
                continue
            if include and not glob_match(include, uri, entry.name):
                continue
            if exclude and glob_match(exclude, uri, entry.name):
                continue
            if ignore and ignore.ignored(path, False):
                continue
            add(path)

    for raw in paths:
        path = Path(raw)
        if not os.path.lexists(path):
            raise PathNotFound(str(raw))
        mode = _mode_or_note(lambda: os.stat(path), _uri(path), notes)
        if mode is None:
            continue
        if stat.S_ISDIR(mode):
            walk(path)
            continue
        add(path)
    if unsupported:
        counted = sorted(unsupported.items(), key=lambda kv: (not kv[0], kv[0]))  # no suffix last
        kinds = "，".join(f"{suffix or '无后缀'} {n} 个" for suffix, n in counted)
        kinds_en = ", ".join(f"{suffix or 'no suffix'}: {n}" for suffix, n in counted)
        notes.append(Text(f"跳过 {sum(unsupported.values())} 个不支持的文件（{kinds}）",
                          f"Skipped {sum(unsupported.values())} unsupported file(s) ({kinds_en})"))
    return files, notes


# -------------------------------------------------------------------------------------- load

def _plain(exc: BaseException) -> str:
    """What went wrong, in plain words (never a traceback)."""
    if isinstance(exc, zipfile.BadZipFile):
        return Text("文件已损坏或不是有效的 Office/OFD 文件（ZIP 结构无法解析）",
                    "the file is damaged or not a valid Office/OFD file (its ZIP structure cannot be parsed)")
    if isinstance(exc, PermissionError):
        return Text("没有读取该文件的权限", "no permission to read the file")
    if isinstance(exc, FileNotFoundError):
        return Text("文件在检查过程中被删除或移动", "the file was deleted or moved during the scan")
    if isinstance(exc, IsADirectoryError):
        return Text("这是一个目录，不是文件", "this is a folder, not a file")
    if isinstance(exc, MemoryError):
        return Text("文件过大，内存不足，无法读取", "the file is too large to read (out of memory)")
    if isinstance(exc, RecursionError):
        return Text("文件结构嵌套过深，无法读取", "the file's structure is nested too deeply to read")
    if isinstance(exc, KeyError):
        return Text(f"文件缺少必需的部件 {exc}，可能已损坏", f"the file lacks the required part {exc}; it may be damaged")
    msg = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    if len(msg) > 200:
        msg = msg[:200] + "…"
    return Text(f"无法读取文件：{type(exc).__name__}" + (f"（{msg}）" if msg else ""),
                f"{type(exc).__name__}" + (f" ({msg})" if msg else ""))


def _looks_like_text(path: Path) -> bool:
    with open(path, "rb") as fh:
        head = fh.read(65536)
    if b"\x00" in head:
        return False
    for codec in ("utf-8", "gb18030"):
        try:
            head.decode(codec)
            return True
        except UnicodeDecodeError as exc:
            if exc.start >= len(head) - 4:  # a character cut at the end of the sample
                return True
    return False


def _reader(name: str):
    from importlib import import_module

    return import_module(f"{__package__}.{name}")


def load(path: Path, uri: str) -> Document:
    """Read one file into a Document. Never raises for a bad file: problems go on the document."""
    path = Path(path)
    suffix = path.suffix.lower()
    doc = Document(path=path, uri=uri, format=suffix.lstrip(".") or "unknown")
    try:
        st = os.stat(path)
    except OSError as exc:
        doc.problems.append(Problem("unreadable", _plain(exc)))
        return doc
    kind = _kind(st.st_mode)
    if kind is not None:
        doc.problems.append(Problem("unreadable", Text(f"不是普通文件（{kind}），未读取",
                                                       f"not a regular file ({_en(kind)}); not read")))
        return doc
    if st.st_size == 0:
        doc.problems.append(Problem("empty", Text("文件为空（0 字节）", "the file is empty (0 bytes)")))
        return doc
    if suffix in IMAGE_SUFFIXES:
        doc.problems.append(Problem("image-file", Text(
            "图片（扫描件、照片或截图）中的文字无法自动检查，请人工核对",
            "The text in an image (scan, photo or screenshot) cannot be checked automatically; check it by hand")))
        return doc
    module = _READERS.get(suffix)
    try:
        if module is None:
            if not _looks_like_text(path):
                doc.problems.append(Problem("unsupported", Text(
                    f"不支持的文件类型（{suffix or '无后缀'}），未检查",
                    f"Unsupported file type ({suffix or 'no suffix'}); not checked")))
                return doc
            doc.notes.append(Text(f"未知文件类型（{suffix or '无后缀'}），按纯文本检查",
                                  f"Unknown file type ({suffix or 'no suffix'}); checked as plain text"))
            module = "text"
        _reader(module).read(path, doc)
    except Bomb as exc:
        doc.problems.append(Problem("bomb", exc.args[0] if exc.args and isinstance(exc.args[0], str) else str(exc)))
    except Exception as exc:  # noqa: BLE001 - every reader failure becomes a problem
        doc.problems.append(Problem("unreadable", _plain(exc)))
    if not doc.problems and not any(t.strip() for t in doc.texts()):
        doc.problems.append(Problem("empty", Text("文件中没有可检查的文字内容", "the file has no text to check")))
    return doc

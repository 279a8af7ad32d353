"""Files a repository's .gitignore files ignore are not scanned (config `respect-gitignore`, on by
default): build output, exports and private scratch copies stay out of the gate, as in git itself.

The .gitignore of a folder applies to everything under it, the deeper one winning (pathspec's
GitIgnoreSpec implements git's pattern rules, negation included); folders above the repository root
(the first one holding .git) are not read. A file named on the command line is always scanned.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path


class GitIgnore:
    def __init__(self):
        self._specs: dict[Path, object] = {}

    def ignored(self, path: Path, is_dir: bool) -> bool:
        path = path.resolve()
        verdict = False
        for folder in reversed(_folders(path.parent)):  # outermost first: the deepest file decides
            spec = self._spec(folder)
            if spec is None:
                continue
            relative = path.relative_to(folder).as_posix() + ("/" if is_dir else "")
            result = spec.check_file(relative).include
            if result is not None:
                verdict = result
        return verdict

    def _spec(self, folder: Path):
        if folder not in self._specs:
            self._specs[folder] = _load(folder / ".gitignore")
        return self._specs[folder]


def _load(path: Path):
    import pathspec

    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    return pathspec.GitIgnoreSpec.from_lines(lines)


@lru_cache(maxsize=4096)
def _folders(folder: Path) -> tuple[Path, ...]:
    """`folder` and its parents up to the repository root (none outside a repository)."""
    chain = []
    for candidate in (folder, *folder.parents):
        chain.append(candidate)
        if (candidate / ".git").exists():
            return tuple(chain)
    return ()

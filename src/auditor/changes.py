"""Which documents changed since a git revision (`--changed-since REV`): added, modified or renamed
since REV, committed or not, and new files git does not ignore."""
from __future__ import annotations

import os
import subprocess
from pathlib import Path


class ChangesError(Exception):
    """Not a git repository, git missing, or an unknown revision: exit 2 with the reason."""


def changed_since(revision: str, where: Path) -> set[str]:
    """Real paths of the files changed since `revision` in the repository holding `where`."""
    root = Path(_git(["rev-parse", "--show-toplevel"], where).strip())
    changed = _git(["diff", "--name-only", "-z", "--diff-filter=AMR", revision, "--"], root)
    untracked = _git(["ls-files", "--others", "--exclude-standard", "-z"], root)
    return {os.path.realpath(root / name) for name in (changed + untracked).split("\0") if name}


def _git(args: list[str], cwd: Path) -> str:
    try:
        proc = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8")
    except OSError as e:
        raise ChangesError(f"无法运行 git (cannot run git): {e.strerror or e}") from None
    if proc.returncode != 0:
        why = (proc.stderr.strip().splitlines() or ["git failed"])[-1]
        raise ChangesError(f"git {' '.join(args[:2])}: {why}")
    return proc.stdout

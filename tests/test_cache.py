"""The content cache (auditor/cache.py): a re-scan reuses unchanged documents' results, gives the
same output, notices a changed file, keeps no raw value, and works with a baseline."""
from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import fakedata as fd

EXE = Path(sys.executable).parent / "auditor"
KEY = "cache-test-key-" + "3" * 20


def _scan(folder: Path, cache_home: Path, *args: str, key: str | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "AUDITOR_BASELINE_KEY"}
    env["XDG_CACHE_HOME"] = str(cache_home)
    if key:
        env["AUDITOR_BASELINE_KEY"] = key
    return subprocess.run([str(EXE), *args], cwd=folder, env=env, capture_output=True, text=True, timeout=120)


def _docs(folder: Path) -> dict[str, str]:
    rng = random.Random(11)
    values = {"id": fd.resident_id(rng), "mobile": fd.mobile(rng), "name": fd.name(rng)}
    (folder / "docs").mkdir()
    (folder / "docs" / "a.txt").write_text(f"申请人{values['name']}，身份证号码{values['id']}。\n", encoding="utf-8")
    (folder / "docs" / "b.md").write_text(f"联系电话：{values['mobile']}\n", encoding="utf-8")
    (folder / "docs" / "c.txt").write_text("本机关全年主动公开政府信息120条。\n", encoding="utf-8")
    return values


def _files(cache_home: Path) -> list[Path]:
    return sorted((cache_home / "auditor" / "results").rglob("*.json"))


def test_rescan_reuses_results_and_gives_the_same_output(tmp_path):
    values = _docs(tmp_path)
    home = tmp_path / "cache"
    cold = _scan(tmp_path, home, "scan", "docs", "-f", "json")
    stored = _files(home)
    assert len(stored) == 3
    warm = _scan(tmp_path, home, "scan", "docs", "-f", "json")
    assert warm.returncode == cold.returncode == 1
    assert json.loads(warm.stdout) == json.loads(cold.stdout)
    assert _files(home) == stored  # nothing new was written: all three came from the cache
    text = "".join(p.read_text(encoding="utf-8") for p in stored)
    assert not [v for v in values.values() if v in text]  # masked values only


def test_changed_document_is_scanned_again(tmp_path):
    _docs(tmp_path)
    home = tmp_path / "cache"
    _scan(tmp_path, home, "scan", "docs")
    (tmp_path / "docs" / "c.txt").write_text(f"联系电话：{fd.mobile(random.Random(3))}\n", encoding="utf-8")
    report = json.loads(_scan(tmp_path, home, "scan", "docs", "-f", "json").stdout)
    assert {f["uri"] for f in report["findings"]} >= {"docs/c.txt"}
    assert len(_files(home)) == 4


def test_no_cache_reads_and_writes_nothing(tmp_path):
    _docs(tmp_path)
    home = tmp_path / "cache"
    assert _scan(tmp_path, home, "scan", "docs", "--no-cache").returncode == 1
    assert _files(home) == []


def test_cached_findings_keep_their_baseline_identity(tmp_path):
    _docs(tmp_path)
    home = tmp_path / "cache"
    assert _scan(tmp_path, home, "scan", "docs", key=KEY).returncode == 1  # fills the cache
    assert _scan(tmp_path, home, "baseline", "docs", "-o", "b.json", key=KEY).returncode == 0
    fresh = _scan(tmp_path, home, "scan", "docs", "--baseline", "b.json", "--no-cache", key=KEY)
    cached = _scan(tmp_path, home, "scan", "docs", "--baseline", "b.json", key=KEY)
    assert fresh.returncode == cached.returncode == 0, cached.stdout

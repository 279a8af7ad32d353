"""The CI gate end to end, in a git repository of documents: a leak fails the gate; a baseline
accepts it; a new leak fails again, naming only the new one; an inline suppression with a reason
accepts that; removing the first leak makes its baseline entry stale (SUP002). The baseline holds
no value and no unkeyed hash of one, and needs $AUDITOR_BASELINE_KEY; a plain scan does not."""
from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import fakedata as fd

ROOT = Path(__file__).resolve().parents[1]
EXE = Path(sys.executable).parent / "auditor"
KEY = "test-key-" + "7" * 24  # a test secret; real ones live in the CI's secret store


def _docx(path: Path, rows: list[list[str]]) -> None:
    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.add_paragraph("关于2024年高龄津贴发放名单的公示")
    table = d.add_table(rows=len(rows), cols=len(rows[0]))
    for row, cells in zip(table.rows, rows):
        for cell, text in zip(row.cells, cells):
            cell.text = text
    d.save(path)


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True,
                   env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"})


def _auditor(repo: Path, *args: str, key: str | None = KEY) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "AUDITOR_BASELINE_KEY"}
    if key is not None:
        env["AUDITOR_BASELINE_KEY"] = key
    return subprocess.run([str(EXE), *args], cwd=repo, env=env, capture_output=True, text=True, timeout=120)


@pytest.fixture()
def repo(tmp_path):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    rng = random.Random(5)
    repo = tmp_path / "drafts"
    (repo / "docs").mkdir(parents=True)
    shutil.copy(ROOT / "samples" / "shuanghua-2018-annual-report.txt", repo / "docs" / "report.txt")
    leaked_id = fd.resident_id(rng)
    _docx(repo / "docs" / "公示.docx", [["序号", "姓名", "身份证号码", "金额"], ["1", fd.name(rng), leaked_id, "300"]])
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "drafts")
    return repo, leaked_id, rng


def test_gate_end_to_end(repo):
    repo, leaked_id, rng = repo
    assert _auditor(repo, "scan", "docs").returncode == 1  # the leak fails the gate

    made = _auditor(repo, "baseline", "docs", "-o", "auditor-baseline.json")
    assert made.returncode == 0, made.stderr
    assert _auditor(repo, "scan", "docs", "--baseline", "auditor-baseline.json").returncode == 0

    mobile = fd.mobile(rng)
    (repo / "docs" / "回复.md").write_text(f"# 答复\n\n联系电话：{mobile}\n", encoding="utf-8")
    run = _auditor(repo, "scan", "docs", "--baseline", "auditor-baseline.json", "-f", "json")
    assert run.returncode == 1
    errors = [f for f in json.loads(run.stdout)["findings"] if f["severity"] == "error"]
    assert [(f["uri"], f["rule"]) for f in errors] == [("docs/回复.md", "PII003")]  # only the new one

    (repo / "docs" / "回复.md").write_text(
        f"# 答复\n\n<!-- auditor: ignore PII003 -- 虚构的测试号码 -->\n联系电话：{mobile}\n", encoding="utf-8")
    assert _auditor(repo, "scan", "docs", "--baseline", "auditor-baseline.json").returncode == 0

    _docx(repo / "docs" / "公示.docx", [["序号", "姓名", "身份证号码", "金额"], ["1", "顾*", "", "300"]])
    run = _auditor(repo, "scan", "docs", "--baseline", "auditor-baseline.json", "-f", "json")
    stale = [f for f in json.loads(run.stdout)["findings"] if f["rule"] == "SUP002"]
    assert [f["uri"] for f in stale] == ["docs/公示.docx"] * len(stale) and stale, run.stdout


def test_baseline_leaks_nothing(repo):
    repo, leaked_id, _ = repo
    assert _auditor(repo, "baseline", "docs", "-o", "b.json").returncode == 0
    text = (repo / "b.json").read_text(encoding="utf-8")
    forms = {leaked_id, leaked_id[:6] + "********" + leaked_id[-4:], leaked_id[-4:] + '"'}
    digests = {getattr(hashlib, name)(value.encode()).hexdigest()
               for name in ("md5", "sha1", "sha256", "sha512", "blake2b")
               for value in (leaked_id, leaked_id.upper(), f"PII001\x1fdocs/公示.docx\x1f{leaked_id}")}
    assert not [x for x in forms | digests if x in text]
    entries = json.loads(text)["entries"]
    assert {e["rule"] for e in entries} >= {"PII001"} and all(set(e) == {"rule", "file", "id", "count"} for e in entries)
    # another key gives other ids: the file cannot be checked against guesses without the secret
    assert _auditor(repo, "baseline", "docs", "-o", "c.json", key="another-key-" + "9" * 20).returncode == 0
    assert not {e["id"] for e in entries} & {e["id"] for e in json.loads((repo / "c.json").read_text())["entries"]}


def test_the_key_is_needed_only_for_baselines(repo):
    repo, _, _ = repo
    assert _auditor(repo, "baseline", "docs", "-o", "b.json").returncode == 0
    for args in (("baseline", "docs", "-o", "x.json"), ("scan", "docs", "--baseline", "b.json")):
        run = _auditor(repo, *args, key=None)
        assert run.returncode == 2 and "AUDITOR_BASELINE_KEY" in run.stderr and "Traceback" not in run.stderr
    assert _auditor(repo, "scan", "docs", key=None).returncode == 1  # a fork's pull request still runs
    (repo / "bad.json").write_text("{}", encoding="utf-8")
    run = _auditor(repo, "scan", "docs", "--baseline", "bad.json")
    assert run.returncode == 2 and "bad.json" in run.stderr


def test_baselined_findings_are_suppressed_in_sarif(repo):
    repo, _, _ = repo
    assert _auditor(repo, "baseline", "docs", "-o", "b.json").returncode == 0
    run = _auditor(repo, "scan", "docs", "--baseline", "b.json", "-f", "sarif")
    results = json.loads(run.stdout)["runs"][0]["results"]
    leak = next(r for r in results if r["ruleId"] == "PII001")
    assert leak["suppressions"] == [{"kind": "external"}]
    import importlib.util

    spec = importlib.util.spec_from_file_location("_sarif_validate", ROOT / "tests" / "sarif" / "validate.py")
    validate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(validate)
    validate.validate_sarif(json.loads(run.stdout))  # raises if the log breaks the SARIF 2.1.0 schema


def test_pre_commit_hook(tmp_path):
    """The repository's .pre-commit-hooks.yaml, run by pre-commit itself (try-repo) on a local
    repository: a staged leak stops the commit, a clean document passes."""
    pre_commit = Path(sys.executable).parent / "pre-commit"
    if not pre_commit.exists() or shutil.which("git") is None:
        pytest.skip("pre-commit (test extra) or git is not installed")
    repo = tmp_path / "drafts"
    repo.mkdir()
    _git(repo, "init", "-q")
    rng = random.Random(9)
    (repo / "公示.md").write_text(f"# 公示\n\n身份证号码：{fd.resident_id(rng)}\n", encoding="utf-8")
    (repo / "通知.md").write_text("# 通知\n\n请各单位按时报送材料。\n", encoding="utf-8")
    _git(repo, "add", ".")
    env = {**os.environ, "PATH": f"{EXE.parent}{os.pathsep}{os.environ.get('PATH', '')}",
           "PRE_COMMIT_HOME": str(tmp_path / "cache")}

    def hook(*files: str) -> subprocess.CompletedProcess:
        return subprocess.run([str(pre_commit), "try-repo", str(ROOT), "auditor-system", "--files", *files],
                              cwd=repo, env=env, capture_output=True, text=True, timeout=300)
    leak = hook("公示.md", "通知.md")
    assert leak.returncode == 1 and "PII001" in leak.stdout, leak.stdout + leak.stderr
    clean = hook("通知.md")
    assert clean.returncode == 0, clean.stdout + clean.stderr


def test_ignore_file_with_reasons(repo):
    repo, _, _ = repo
    (repo / "auditor.toml").write_text('ignore-file = ".auditor-ignore.json"\n', encoding="utf-8")
    made = _auditor(repo, "baseline", "docs", "-o", ".auditor-ignore.json", "--reason", "已取得本人书面同意公开")
    assert made.returncode == 0, made.stderr
    run = _auditor(repo, "scan", "docs", "-f", "sarif")
    assert run.returncode == 0, run.stdout[-2000:]
    leak = next(r for r in json.loads(run.stdout)["runs"][0]["results"] if r["ruleId"] == "PII001")
    assert leak["suppressions"] == [{"kind": "external", "justification": "已取得本人书面同意公开"}]
    assert _auditor(repo, "scan", "docs", key=None).returncode == 2  # reading it needs the key
    data = json.loads((repo / ".auditor-ignore.json").read_text(encoding="utf-8"))
    del data["entries"][0]["reason"]
    (repo / ".auditor-ignore.json").write_text(json.dumps(data), encoding="utf-8")
    run = _auditor(repo, "scan", "docs")
    assert run.returncode == 2 and "reason" in run.stderr


def test_allow_takes_public_values_and_officials_names(tmp_path):
    """`allow` is for what is public anyway (an office's line, an official's name): kept in clear."""
    (tmp_path / "a.txt").write_text("申请人顾淑芳，联系电话：0753-4271386。\n", encoding="utf-8")
    found = json.loads(_auditor(tmp_path, "scan", "a.txt", "-f", "json", key=None).stdout)["findings"]
    assert {f["rule"] for f in found} >= {"PII012"}
    (tmp_path / "auditor.toml").write_text('allow = ["顾淑芳", "0753 4271386"]\n', encoding="utf-8")
    found = json.loads(_auditor(tmp_path, "scan", "a.txt", "-f", "json", key=None).stdout)["findings"]
    assert found == []


def test_changed_since_scans_only_changed_documents_with_last_year_as_context(repo):
    import annual_sample as sample

    repo, _, rng = repo
    def year(y: int, carried: int) -> str:
        return (sample.text().replace("2024年", f"{y}年").replace("2025年", f"{y + 1}年")
                .replace("二、上年结转政府信息公开申请数量 |  |  | 1 | 0 | 0 | 0 | 0 | 0 | 1",
                         f"二、上年结转政府信息公开申请数量 |  |  | {carried} | 0 | 0 | 0 | 0 | 0 | {carried}"))
    (repo / "docs" / "2023.txt").write_text(year(2023, 1), encoding="utf-8")
    (repo / "docs" / "2024.txt").write_text(year(2024, 1), encoding="utf-8")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "reports")
    (repo / "docs" / "2024.txt").write_text(year(2024, 1).replace("上年结转政府信息公开申请数量 |  |  | 1 | 0 | 0 | 0 | 0 | 0 | 1",
                                                                 "上年结转政府信息公开申请数量 |  |  | 3 | 0 | 0 | 0 | 0 | 0 | 3"),
                                            encoding="utf-8")
    (repo / "docs" / "new.md").write_text(f"联系电话：{fd.mobile(rng)}\n", encoding="utf-8")
    run = _auditor(repo, "scan", "docs", "--changed-since", "HEAD", "-f", "json")
    report = json.loads(run.stdout)
    assert sorted(d["uri"] for d in report["documents"]) == ["docs/2024.txt", "docs/new.md"]
    rules = {f["rule"] for f in report["findings"] if f["uri"] == "docs/2024.txt"}
    assert "OGI404" in rules  # compared with the unchanged 2023 report, which is not reported on
    bad = _auditor(repo, "scan", "docs", "--changed-since", "no-such-revision")
    assert bad.returncode == 2 and "no-such-revision" in bad.stderr and "Traceback" not in bad.stderr


def test_inline_suppressions_in_html(tmp_path):
    rng = random.Random(21)
    page = (f"<html><body><p>公示</p>\n<!-- auditor: ignore PII001 -- 虚构的测试号码 -->\n"
            f"<p>身份证号码：{fd.resident_id(rng)}</p>\n<!-- auditor: ignore-start PII -- 机关通讯录 -->\n"
            f"<table><tr><td>电话</td><td>{fd.mobile(rng)}</td></tr></table>\n<!-- auditor: ignore-end -->\n"
            f"<p>手机：{fd.mobile(rng)}</p>\n<!-- auditor: ignore PII010 -- 不再需要 -->\n<p>正文。</p></body></html>")
    (tmp_path / "a.html").write_text(page, encoding="utf-8")
    run = _auditor(tmp_path, "scan", "a.html", "-f", "sarif", "--no-cache", key=None)
    results = json.loads(run.stdout)["runs"][0]["results"]
    reported = sorted(r["ruleId"] for r in results if "suppressions" not in r)
    suppressed = sorted(r["ruleId"] for r in results if "suppressions" in r)
    assert reported == ["PII003", "SUP001"] and suppressed == ["PII001", "PII003"]

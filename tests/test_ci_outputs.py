"""CI output formats (auditor/outputs/ci.py): JUnit XML valid against the vendored junit-10.xsd,
GitHub Actions annotations, GitLab Code Quality, JSON Lines and --statistics, all in one run, all
masked, none changing the exit code."""
from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXE = Path(sys.executable).parent / "auditor"
FORMATS = ("junit", "github", "gitlab", "jsonl", "json")


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("ci")
    docs = folder / "docs"
    docs.mkdir()
    (docs / "公示,名单.md").write_text("姓名：顾淑芳\n身份证号码：440106198503174638\n联系电话：13812345678\n",
                                     encoding="utf-8")
    (docs / "clean.txt").write_text("本机关全年主动公开政府信息120条。\n", encoding="utf-8")
    (docs / "office.txt").write_text("监督电话：0753-4271000\n", encoding="utf-8")
    args = [str(EXE), "scan", str(docs), "--statistics"]
    for fmt in FORMATS:
        args += ["--format", fmt, "--output", str(folder / f"out.{fmt}")]
    proc = subprocess.run(args, capture_output=True, text=True, cwd=folder)
    plain = subprocess.run([str(EXE), "scan", str(docs), "-f", "json"], capture_output=True, text=True, cwd=folder)
    outputs = {fmt: (folder / f"out.{fmt}").read_text(encoding="utf-8") for fmt in FORMATS}
    return proc, plain, outputs, json.loads(outputs["json"])


def test_writing_reports_never_changes_the_exit_code(run):
    proc, plain, _, _ = run
    assert proc.returncode == plain.returncode == 1, proc.stderr


def test_nothing_is_revealed(run):
    proc, _, outputs, _ = run
    for text in [proc.stdout, *outputs.values()]:
        assert "440106198503174638" not in text and "13812345678" not in text
        assert "0753-4271000" not in text  # even an office's number is shown masked


def test_junit_is_valid_and_has_a_case_per_document(run):
    from lxml import etree

    _, _, outputs, report = run
    schema = etree.XMLSchema(etree.parse(str(ROOT / "tests" / "junit" / "junit-10.xsd")))
    doc = etree.fromstring(outputs["junit"].encode("utf-8"))
    assert schema.validate(etree.ElementTree(doc)), schema.error_log
    cases = doc.findall(".//testcase")
    assert sorted(c.get("classname") for c in cases) == sorted(d["uri"] for d in report["documents"])
    failing = [f for f in report["findings"] if f["severity"] != "note"]
    assert len(doc.findall(".//failure")) == len(failing) == int(doc.find("testsuite").get("failures"))
    assert {f.get("type") for f in doc.findall(".//failure")} == {f["rule"] for f in failing}
    office = next(c for c in cases if c.get("name").endswith("office.txt"))
    assert office.find("failure") is None and "PII006" in office.find("system-out").text


def test_github_annotations(run):
    _, _, outputs, report = run
    lines = outputs["github"].splitlines()
    assert len(lines) == len(report["findings"])
    levels = Counter(line.split(" ", 1)[0] for line in lines)
    by_severity = Counter(f["severity"] for f in report["findings"])
    names = {"error": "::error", "warning": "::warning", "note": "::notice"}
    assert levels == {names[severity]: n for severity, n in by_severity.items()}
    leak = next(line for line in lines if "PII001" in line)
    assert "file=" in leak and "%2C" in leak  # the comma in 公示,名单.md is escaped in the property
    assert ",line=2,col=7," in leak and leak.split("::", 2)[2].startswith("PII001 ")


def test_gitlab_code_quality(run):
    _, _, outputs, report = run
    issues = json.loads(outputs["gitlab"])
    assert len(issues) == len(report["findings"])
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    assert {i["severity"] for i in issues} <= {"info", "minor", "major", "critical", "blocker"}
    leak = next(i for i in issues if i["check_name"] == "PII001")
    assert leak["location"]["path"].endswith("公示,名单.md") and leak["location"]["lines"]["begin"] == 2


def test_json_lines(run):
    _, _, outputs, report = run
    rows = [json.loads(line) for line in outputs["jsonl"].splitlines()]
    assert rows == report["findings"]


def test_statistics_count_per_rule(run):
    proc, _, _, report = run
    counts = Counter(f["rule"] for f in report["findings"])
    lines = proc.stdout.splitlines()
    for code, n in counts.items():
        assert any(line.split()[:2] == [str(n), code] for line in lines), (code, proc.stdout)
    assert lines[-1].split()[0] == str(len(report["findings"]))

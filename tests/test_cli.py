"""The `auditor` console script, run as a user runs it (subprocess, cwd = a temporary folder).

All personal values come from tests/fakedata.py with fixed seeds.
"""
from __future__ import annotations

import importlib.util
import json
import os
import random
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

import pytest

import fakedata as fd
from support import pick

AUDITOR = Path(sys.executable).parent / "auditor"

_spec = importlib.util.spec_from_file_location("_auditor_sarif_validate_cli",
                                               Path(__file__).parent / "sarif" / "validate.py")
_validate = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_validate)
validate_sarif = _validate.validate_sarif



_rng = random.Random(8675309)


def _gen(fn, pred=lambda v: True, **kw):
    return pick(_rng, fn, pred, **kw)


def _plain(v):
    return not any(s in v for s in ("12345678", "23456789", "01234567", "98765432", "87654321"))


ID = _gen(fd.resident_id, lambda v: v[-1].isdigit() and _plain(v))
MOBILE = _gen(fd.mobile, lambda v: _plain(v[3:]))
LANDLINE = _gen(fd.landline, style="dash")
EMAIL = fd.email(_rng)
NAME = fd.name(_rng)

LEAK_TEXT = f"关于发放补贴的公示\n申请人{NAME}，身份证号码{ID}，联系电话{MOBILE}。\n"
CLEAN_TEXT = "关于印发工作方案的通知\n各单位：现将方案印发给你们，请认真贯彻执行。\n"
WARNING_TEXT = f"如有异议，请在公示期内向村委会反映，监督电话：{MOBILE}。\n"  # PII004 warning only
NOTE_TEXT = f"如有疑问，请致电县民政局办公室{LANDLINE}。\n"  # PII006 note only


def run(args, cwd, ci: str | None = None, check_rc: int | None = None):
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    if ci is not None:
        env["CI"] = ci
    proc = subprocess.run([str(AUDITOR), *map(str, args)], cwd=cwd, env=env, capture_output=True,
                          text=True, encoding="utf-8", timeout=60)
    if check_rc is not None:
        assert proc.returncode == check_rc, (proc.returncode, proc.stdout, proc.stderr)
    return proc


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_console_script_is_installed():
    assert AUDITOR.exists()


# ----------------------------------------------------------------------------------- exit codes

def test_clean_file_exits_0(tmp_path):
    write(tmp_path, "clean.txt", CLEAN_TEXT)
    proc = run(["scan", "clean.txt"], tmp_path, check_rc=0)
    assert "clean.txt" in proc.stdout and "错误 0" in proc.stdout


def test_error_finding_exits_1(tmp_path):
    write(tmp_path, "leak.txt", LEAK_TEXT)
    proc = run(["scan", "leak.txt"], tmp_path, check_rc=1)
    assert "PII001" in proc.stdout and "PII003" in proc.stdout
    assert "2:" in proc.stdout  # line 2


@pytest.mark.parametrize("text,fail_on,rc", [
    (WARNING_TEXT, None, 0),
    (WARNING_TEXT, "warning", 1),
    (WARNING_TEXT, "note", 1),
    (NOTE_TEXT, "warning", 0),
    (NOTE_TEXT, "note", 1),
    (NOTE_TEXT, "error", 0),
    (LEAK_TEXT, "never", 0),
    (LEAK_TEXT, "error", 1),
], ids=["warn-default", "warn-warning", "warn-note", "note-warning", "note-note", "note-error",
        "error-never", "error-error"])
def test_fail_on(tmp_path, text, fail_on, rc):
    write(tmp_path, "doc.txt", text)
    args = ["scan", "doc.txt", "--format", "json"] + (["--fail-on", fail_on] if fail_on else [])
    proc = run(args, tmp_path, check_rc=rc)
    codes = {f["rule"] for f in json.loads(proc.stdout)["findings"]}
    assert codes == {WARNING_TEXT: {"PII004"}, NOTE_TEXT: {"PII006"}, LEAK_TEXT: {"PII001", "PII003", "PII012"}}[text]


def test_missing_path_exits_2(tmp_path):
    proc = run(["scan", "nope.txt"], tmp_path, check_rc=2)
    assert "nope.txt" in proc.stderr and proc.stdout == ""


def test_folder_without_documents_exits_2(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "archive.zip").write_bytes(b"PK\x05\x06" + b"\0" * 18)
    proc = run(["scan", "empty"], tmp_path, check_rc=2)
    assert "no document" in proc.stderr


def test_unknown_select_exits_2(tmp_path):
    write(tmp_path, "leak.txt", LEAK_TEXT)
    proc = run(["scan", "leak.txt", "--select", "XYZ001"], tmp_path, check_rc=2)
    assert "XYZ001" in proc.stderr


def test_select_and_ignore(tmp_path):
    write(tmp_path, "leak.txt", LEAK_TEXT)
    out = json.loads(run(["scan", "leak.txt", "-f", "json", "--select", "PII003"], tmp_path, check_rc=1).stdout)
    assert {f["rule"] for f in out["findings"]} == {"PII003"}
    out = json.loads(run(["scan", "leak.txt", "-f", "json", "--ignore", "PII"], tmp_path, check_rc=0).stdout)
    assert out["findings"] == []


@pytest.mark.parametrize("content,needle", [
    ('foo = 1\n', "foo"),
    ('select = ["PII999"]\n', "PII999"),
    ('fail-on = 3\n', "fail-on"),
    ('select = "PII001"\n', "select"),
    ('severity = {PII001 = "fatal"}\n', "PII001"),
    ('fail-on = "sometimes"\n', "fail-on"),
    ('select = [\n', "TOML"),
    ('extend-select = ["PII999"]\n', "PII999"),
    ('[per-file-ignores]\n"*.txt" = ["XYZ1"]\n', "XYZ1"),
    ('[per-file-ignores]\n"*.txt" = "PII001"\n', "per-file-ignores"),
    ('respect-gitignore = "no"\n', "respect-gitignore"),
], ids=["unknown-key", "unknown-rule", "wrong-type-int", "wrong-type-list", "bad-severity", "bad-value",
        "bad-toml", "extend-select-unknown", "per-file-ignores-unknown", "per-file-ignores-type",
        "respect-gitignore-type"])
def test_bad_config_exits_2(tmp_path, content, needle):
    write(tmp_path, "leak.txt", LEAK_TEXT)
    write(tmp_path, "auditor.toml", content)
    proc = run(["scan", "leak.txt"], tmp_path, check_rc=2)
    assert "auditor.toml" in proc.stderr and needle in proc.stderr
    assert "Traceback" not in proc.stderr


def test_extend_select_adds_to_select(tmp_path):
    write(tmp_path, "leak.txt", LEAK_TEXT)
    write(tmp_path, "auditor.toml", 'select = ["PII003"]\nextend-select = ["PII001"]\n')
    out = json.loads(run(["scan", "leak.txt", "-f", "json"], tmp_path, check_rc=1).stdout)
    assert {f["rule"] for f in out["findings"]} == {"PII001", "PII003"}


def test_per_file_ignores(tmp_path):
    write(tmp_path, "drafts/leak.txt", LEAK_TEXT)
    write(tmp_path, "final/leak.txt", LEAK_TEXT)
    write(tmp_path, "auditor.toml", '[per-file-ignores]\n"drafts/*" = ["PII"]\n')
    out = json.loads(run(["scan", ".", "-f", "json"], tmp_path, check_rc=1).stdout)
    assert {f["uri"] for f in out["findings"]} == {"final/leak.txt"}


def test_gitignore_is_respected_by_default(tmp_path):
    write(tmp_path, "docs/leak.txt", LEAK_TEXT)
    write(tmp_path, "docs/export/leak.txt", LEAK_TEXT)
    write(tmp_path, "docs/scratch.txt", LEAK_TEXT)
    write(tmp_path, ".gitignore", "export/\n")
    write(tmp_path, "docs/.gitignore", "scratch.txt\n")
    (tmp_path / ".git").mkdir()
    out = json.loads(run(["scan", "docs", "-f", "json"], tmp_path, check_rc=1).stdout)
    assert [d["uri"] for d in out["documents"]] == ["docs/leak.txt"]
    write(tmp_path, "auditor.toml", "respect-gitignore = false\n")
    out = json.loads(run(["scan", "docs", "-f", "json"], tmp_path, check_rc=1).stdout)
    assert len(out["documents"]) == 3
    # a file named on the command line is scanned whatever .gitignore says
    out = json.loads(run(["scan", "docs/scratch.txt", "-f", "json", "--config", "/dev/null"], tmp_path).stdout)
    assert [d["uri"] for d in out["documents"]] == ["docs/scratch.txt"]


def test_bad_pyproject_key_is_named_with_table(tmp_path):
    write(tmp_path, "leak.txt", LEAK_TEXT)
    write(tmp_path, "pyproject.toml", '[tool.auditor]\nfailon = "never"\n')
    proc = run(["scan", "leak.txt"], tmp_path, check_rc=2)
    assert "pyproject.toml" in proc.stderr and "tool.auditor.failon" in proc.stderr


def test_explicit_config_file(tmp_path):
    write(tmp_path, "leak.txt", LEAK_TEXT)
    write(tmp_path, "conf/my.toml", 'fail-on = "never"\nlang = "en"\n')
    proc = run(["scan", "leak.txt", "--config", "conf/my.toml"], tmp_path, check_rc=0)
    assert "published unmasked" in proc.stdout
    run(["scan", "leak.txt", "--config", "conf/missing.toml"], tmp_path, check_rc=2)


def test_config_severity_override(tmp_path):
    write(tmp_path, "leak.txt", LEAK_TEXT)
    write(tmp_path, "auditor.toml", 'severity = {PII001 = "note", PII003 = "warning", PII012 = "warning"}\n')
    out = json.loads(run(["scan", "leak.txt", "-f", "json"], tmp_path, check_rc=0).stdout)
    assert {(f["rule"], f["severity"]) for f in out["findings"]} == {
        ("PII001", "note"), ("PII003", "warning"), ("PII012", "warning")}


def test_reveal_refused_in_ci(tmp_path):
    write(tmp_path, "leak.txt", LEAK_TEXT)
    proc = run(["scan", "leak.txt", "--reveal"], tmp_path, ci="true", check_rc=2)
    assert "CI" in proc.stderr
    assert ID not in proc.stdout + proc.stderr and MOBILE not in proc.stdout + proc.stderr


def test_ci_without_reveal_is_fine(tmp_path):
    write(tmp_path, "leak.txt", LEAK_TEXT)
    run(["scan", "leak.txt"], tmp_path, ci="true", check_rc=1)


# ------------------------------------------------------------------------- corrupt / empty files

def test_corrupt_docx_is_a_finding_and_batch_continues(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a_bad.docx").write_bytes(random.Random(3).randbytes(2048))
    write(tmp_path, "docs/b_leak.txt", LEAK_TEXT)
    write(tmp_path, "docs/c_clean.txt", CLEAN_TEXT)
    proc = run(["scan", "docs", "-f", "json"], tmp_path, check_rc=1)
    out = json.loads(proc.stdout)
    assert [d["uri"] for d in out["documents"]] == ["docs/a_bad.docx", "docs/b_leak.txt", "docs/c_clean.txt"]
    by_uri = {}
    for f in out["findings"]:
        by_uri.setdefault(f["uri"], set()).add(f["rule"])
    assert by_uri["docs/a_bad.docx"] == {"DOC001"}
    assert by_uri["docs/b_leak.txt"] == {"PII001", "PII003", "PII012"}
    assert "docs/c_clean.txt" not in by_uri
    assert "Traceback" not in proc.stderr


def test_corrupt_docx_alone_exits_1(tmp_path):
    (tmp_path / "bad.docx").write_bytes(random.Random(4).randbytes(512))
    proc = run(["scan", "bad.docx"], tmp_path, check_rc=1)
    assert "DOC001" in proc.stdout


def test_empty_file_is_doc002(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    proc = run(["scan", "empty.txt"], tmp_path, check_rc=1)
    assert "DOC002" in proc.stdout


def test_empty_file_message_not_duplicated(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    proc = run(["scan", "empty.txt"], tmp_path, check_rc=1)
    assert "文件为空文件为空" not in proc.stdout


# ---------------------------------------------------------------------------------- formats

def test_text_to_stdout_and_sarif_to_file(tmp_path):
    write(tmp_path, "leak.txt", LEAK_TEXT)
    proc = run(["scan", "leak.txt", "--format", "text", "--format", "sarif", "--output", "x.sarif"], tmp_path,
               check_rc=1)
    assert "PII001" in proc.stdout and not proc.stdout.lstrip().startswith("{")
    log = json.loads((tmp_path / "x.sarif").read_text(encoding="utf-8"))
    validate_sarif(log)
    assert {r["ruleId"] for r in log["runs"][0]["results"]} == {"PII001", "PII003", "PII012"}


def test_json_and_sarif_both_to_files(tmp_path):
    write(tmp_path, "leak.txt", LEAK_TEXT)
    proc = run(["scan", "leak.txt", "-f", "json", "-o", "r.json", "--format=sarif", "--output=r.sarif"], tmp_path,
               check_rc=1)
    assert proc.stdout == ""
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["schema_version"]
    validate_sarif(json.loads((tmp_path / "r.sarif").read_text(encoding="utf-8")))


def test_two_formats_to_stdout_exit_2(tmp_path):
    write(tmp_path, "leak.txt", LEAK_TEXT)
    proc = run(["scan", "leak.txt", "--format", "json", "--format", "sarif"], tmp_path, check_rc=2)
    assert "stdout" in proc.stderr


def test_glued_short_format_option(tmp_path):
    write(tmp_path, "leak.txt", LEAK_TEXT)
    proc = run(["scan", "leak.txt", "-fjson"], tmp_path, check_rc=1)
    assert json.loads(proc.stdout)["schema_version"]


def test_glued_short_output_option(tmp_path):
    write(tmp_path, "leak.txt", LEAK_TEXT)
    run(["scan", "leak.txt", "-f", "sarif", "-oout.sarif"], tmp_path, check_rc=1)
    assert (tmp_path / "out.sarif").exists()


def test_lang_en(tmp_path):
    write(tmp_path, "leak.txt", LEAK_TEXT)
    proc = run(["scan", "leak.txt", "--lang", "en"], tmp_path, check_rc=1)
    assert "Resident ID number" in proc.stdout and "Mobile number" in proc.stdout
    assert "document(s) scanned" in proc.stdout
    assert "居民身份证号码" not in proc.stdout and "未去标识化" not in proc.stdout


def test_rules_list():
    proc = run(["rules", "list"], Path.cwd(), check_rc=0)
    codes = [line.split()[0] for line in proc.stdout.splitlines() if line.strip()]
    for n in range(1, 12):
        assert f"PII{n:03d}" in codes
    assert "DOC001" in codes


def test_rules_explain():
    proc = run(["rules", "explain", "PII001"], Path.cwd(), check_rc=0)
    assert "依据" in proc.stdout and "个人信息保护法" in proc.stdout and "如何修改" in proc.stdout
    en = run(["rules", "explain", "pii001", "--lang", "en"], Path.cwd(), check_rc=0)
    assert "Basis:" in en.stdout and "How to fix:" in en.stdout


def test_rules_explain_unknown_code():
    proc = run(["rules", "explain", "PII999"], Path.cwd(), check_rc=2)
    assert "PII999" in proc.stderr


# ----------------------------------------------------------------------------- config discovery

def test_config_discovered_upward_in_pyproject(tmp_path):
    write(tmp_path, "pyproject.toml", '[project]\nname = "x"\n\n[tool.auditor]\nfail-on = "never"\n')
    write(tmp_path, "drafts/leak.txt", LEAK_TEXT)
    run(["scan", "leak.txt"], tmp_path / "drafts", check_rc=0)  # found from the working directory
    run(["scan", "drafts"], tmp_path, check_rc=0)  # found from the scanned path
    run(["scan", "leak.txt", "--fail-on", "error"], tmp_path / "drafts", check_rc=1)  # flag wins


def test_pyproject_without_tool_section_is_ignored(tmp_path):
    write(tmp_path, "pyproject.toml", '[project]\nname = "x"\n')
    write(tmp_path, "drafts/leak.txt", LEAK_TEXT)
    run(["scan", "drafts"], tmp_path, check_rc=1)


# ------------------------------------------------------------------------------ include/exclude

def test_include_exclude_globs(tmp_path):
    write(tmp_path, "d/a.txt", LEAK_TEXT)
    write(tmp_path, "d/b.md", LEAK_TEXT)
    write(tmp_path, "d/old/c.txt", LEAK_TEXT)

    def uris(*extra):
        proc = run(["scan", "d", "-f", "json", "--fail-on", "never", *extra], tmp_path, check_rc=0)
        return [d["uri"] for d in json.loads(proc.stdout)["documents"]]

    assert uris() == ["d/a.txt", "d/b.md", "d/old/c.txt"]
    assert uris("--include", "*.txt") == ["d/a.txt", "d/old/c.txt"]
    assert uris("--exclude", "old") == ["d/a.txt", "d/b.md"]
    assert uris("--exclude", "**/old/**") == ["d/a.txt", "d/b.md"]
    assert uris("--include", "*.txt", "--exclude", "d/old/*") == ["d/a.txt"]
    run(["scan", "d", "--include", "*.docx"], tmp_path, check_rc=2)


# ======================================================================================= SARIF

SARIF_LEAK_LINES = [
    "关于2024年度补贴发放情况的公示",
    f"申请人{NAME}，身份证号码{ID}，联系电话{MOBILE}。",
    f"\u200b本人电子邮箱{EMAIL}。",
    f"如有异议请向本机关反映，监督电话：{LANDLINE}。",
]
NAME2 = fd.name(_rng)
SARIF_VALUES = (NAME, NAME2, ID, MOBILE, EMAIL, LANDLINE)


@pytest.fixture(scope="module")
def sarif_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("sarif")
    write(root, "docs/公示名单.txt", "\n".join(SARIF_LEAK_LINES) + "\n")
    write(root, "docs/clean.txt", CLEAN_TEXT)
    write(root, "docs/sub/more.md", f"# 名单\n\n户主{NAME2}，手机{MOBILE}\n")
    run(["scan", "docs", "-f", "sarif", "-o", "out.sarif"], root, check_rc=1)
    log = json.loads((root / "out.sarif").read_text(encoding="utf-8"))
    return root, log


def test_sarif_is_valid(sarif_run):
    _, log = sarif_run
    validate_sarif(log)


def test_sarif_version(sarif_run):
    assert sarif_run[1]["version"] == "2.1.0"


def test_sarif_column_kind(sarif_run):
    assert sarif_run[1]["runs"][0]["columnKind"] == "unicodeCodePoints"


def test_sarif_artifacts_list_every_document(sarif_run):
    _, log = sarif_run
    run0 = log["runs"][0]
    uris = [a["location"]["uri"] for a in run0["artifacts"]]
    assert sorted(unquote(u) for u in uris) == sorted(["docs/公示名单.txt", "docs/clean.txt", "docs/sub/more.md"])
    for res in run0["results"]:
        loc = res["locations"][0]["physicalLocation"]["artifactLocation"]
        assert uris[loc["index"]] == loc["uri"]
    assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run0["results"]} <= set(uris)


def test_sarif_chinese_file_name_is_percent_encoded(sarif_run):
    root, log = sarif_run
    uris = [a["location"]["uri"] for a in log["runs"][0]["artifacts"]]
    [uri] = [u for u in uris if unquote(u).endswith(".txt") and "clean" not in u]
    assert uri.isascii() and "%E5%85%AC" in uri  # 公
    assert unquote(uri) == "docs/公示名单.txt"
    assert (root / unquote(uri)).is_file()


def test_sarif_regions_match_values_in_file(sarif_run):
    root, log = sarif_run
    seen = set()
    for res in log["runs"][0]["results"]:
        loc = res["locations"][0]["physicalLocation"]
        region = loc["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
        assert region["endLine"] == region["startLine"] and region["endColumn"] > region["startColumn"]
        lines = (root / unquote(loc["artifactLocation"]["uri"])).read_text(encoding="utf-8").split("\n")
        value = lines[region["startLine"] - 1][region["startColumn"] - 1:region["endColumn"] - 1]
        assert value in SARIF_VALUES
        seen.add(value)
    assert seen == set(SARIF_VALUES)


def test_sarif_region_after_zero_width_character(sarif_run):
    _, log = sarif_run
    [res] = [r for r in log["runs"][0]["results"] if r["properties"].get("entity") == "EMAIL"]
    region = res["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] == 3
    assert region["startColumn"] == SARIF_LEAK_LINES[2].index(EMAIL) + 1 == 8


def test_sarif_result_properties(sarif_run):
    _, log = sarif_run
    results = log["runs"][0]["results"]
    assert {r["ruleId"] for r in results} == {"PII001", "PII003", "PII010", "PII006", "PII012"}
    for r in results:
        assert r["properties"]["category"] == "pii"
        assert r["properties"]["entity"] in {"CN_RESIDENT_ID", "PHONE_MOBILE", "EMAIL", "PHONE_LANDLINE", "PERSON_NAME"}
        assert r["level"] in ("error", "warning", "note")
        assert r["partialFingerprints"]
    assert {r["ruleId"]: r["level"] for r in results}["PII006"] == "note"


def test_sarif_rule_descriptors(sarif_run):
    _, log = sarif_run
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["name"] == "auditor"
    ids = [r["id"] for r in driver["rules"]]
    assert "PII001" in ids and "DOC001" in ids
    for rule in driver["rules"]:
        for key in ("id", "name", "shortDescription", "fullDescription", "help"):
            assert rule[key], (rule["id"], key)
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"] and rule["help"]["text"]
    for res in log["runs"][0]["results"]:
        assert driver["rules"][res["ruleIndex"]]["id"] == res["ruleId"]


def test_sarif_fingerprints_stable_when_lines_inserted(tmp_path):
    doc = write(tmp_path, "公示.txt", "\n".join(SARIF_LEAK_LINES) + "\n")

    def prints():
        run(["scan", "公示.txt", "-f", "sarif", "-o", "o.sarif"], tmp_path, check_rc=1)
        log = json.loads((tmp_path / "o.sarif").read_text(encoding="utf-8"))
        return {(r["ruleId"], r["partialFingerprints"]["auditorFinding/v1"]): r["locations"][0]["physicalLocation"]
                ["region"]["startLine"] for r in log["runs"][0]["results"]}

    before = prints()
    doc.write_text("新增的第一行\n新增的第二行，无个人信息。\n\n" + "\n".join(SARIF_LEAK_LINES) + "\n", encoding="utf-8")
    after = prints()
    assert set(before) == set(after)
    assert all(after[k] == before[k] + 3 for k in before)


def test_sarif_corrupt_file_result(tmp_path):
    (tmp_path / "bad.docx").write_bytes(random.Random(5).randbytes(256))
    run(["scan", "bad.docx", "-f", "sarif", "-o", "o.sarif"], tmp_path, check_rc=1)
    log = json.loads((tmp_path / "o.sarif").read_text(encoding="utf-8"))
    validate_sarif(log)
    [res] = log["runs"][0]["results"]
    assert res["ruleId"] == "DOC001" and res["properties"]["category"] == "document"


def test_allowlisted_office_mobile_is_not_reported(tmp_path):
    """`allow` in the config silences a value known to be public, however it is written."""
    mobile = _gen(fd.mobile)
    (tmp_path / "gs.txt").write_text(f"如有异议，请向村委会反映，监督电话：{mobile[:3]}-{mobile[3:7]}-{mobile[7:]}。\n",
                                     encoding="utf-8")
    proc = run(["scan", "gs.txt", "--fail-on", "warning"], tmp_path)
    assert proc.returncode == 1 and "PII004" in proc.stdout
    (tmp_path / "auditor.toml").write_text(f'allow = ["+86 {mobile}"]\n', encoding="utf-8")
    proc = run(["scan", "gs.txt", "--fail-on", "warning"], tmp_path)
    assert proc.returncode == 0, proc.stdout


def test_output_before_its_format_is_a_usage_error(tmp_path):
    write(tmp_path, "a.txt", "无个人信息。\n")
    proc = run(["scan", "a.txt", "-o", "x.json", "-f", "json"], tmp_path)
    assert proc.returncode == 2 and "--format" in proc.stderr
    assert not (tmp_path / "x.json").exists()


def test_single_output_without_format_is_the_text_report(tmp_path):
    write(tmp_path, "a.txt", "无个人信息。\n")
    proc = run(["scan", "a.txt", "-o", "r.txt"], tmp_path)
    assert proc.returncode == 0 and "共检查 1 个文件" in (tmp_path / "r.txt").read_text(encoding="utf-8")


def test_folder_images_are_findings_and_unsupported_files_are_counted(tmp_path):
    write(tmp_path, "a.txt", "无个人信息。\n")
    (tmp_path / "公示扫描件.jpg").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / "notes.xyz").write_text("x", encoding="utf-8")
    proc = run(["scan", ".", "--format", "json"], tmp_path)
    report = json.loads(proc.stdout)
    assert [f["rule"] for f in report["findings"]] == ["DOC011"]
    assert any(".xyz 1 个" in n for n in report["notes"])
    assert proc.returncode == 0  # DOC011 is a warning: the default gate fails on errors


def test_reveal_allowed_when_ci_is_false(tmp_path):
    write(tmp_path, "a.txt", "无个人信息。\n")
    assert run(["scan", "a.txt", "--reveal"], tmp_path, ci="false").returncode == 0


# ------------------------------------------------------------------ names: --no-names, --explain, --jobs

def test_no_names_is_the_numbers_only_path(tmp_path):
    write(tmp_path, "leak.txt", LEAK_TEXT)
    out = json.loads(run(["scan", "leak.txt", "-f", "json", "--no-names"], tmp_path, check_rc=1).stdout)
    assert {f["rule"] for f in out["findings"]} == {"PII001", "PII003"}


def test_explain_shows_evidence(tmp_path):
    write(tmp_path, "leak.txt", LEAK_TEXT)
    plain = run(["scan", "leak.txt"], tmp_path, check_rc=1).stdout
    explained = run(["scan", "leak.txt", "--explain"], tmp_path, check_rc=1).stdout
    assert "after 申请人" not in plain
    assert "after 申请人" in explained and "置信度" in explained
    assert NAME not in explained and ID not in explained  # evidence never repeats the raw value


def test_jobs_gives_the_same_findings(tmp_path):
    for i in range(4):
        write(tmp_path, f"docs/{i}.txt", LEAK_TEXT)
    one = json.loads(run(["scan", "docs", "-f", "json"], tmp_path, check_rc=1).stdout)
    two = json.loads(run(["scan", "docs", "-f", "json", "--jobs", "2"], tmp_path, check_rc=1).stdout)
    assert one["findings"] == two["findings"] and len(one["findings"]) == 12


def test_unloadable_person_model_is_a_usage_error(tmp_path):
    write(tmp_path, "leak.txt", LEAK_TEXT)
    write(tmp_path, "auditor.toml", 'person-model = "no/such/model"\n')
    proc = run(["scan", "leak.txt"], tmp_path, check_rc=2)
    assert "person-model" in proc.stderr and "Traceback" not in proc.stderr

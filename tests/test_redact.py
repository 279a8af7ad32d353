"""`auditor redact` on text formats: masked copies at the same relative paths, the inputs
untouched, encoding and line endings kept, Markdown masks escaped, offices' contacts kept, every copy
verified (a survivor deletes the copy)."""
from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

import fakedata as fd
from auditor import redact

EXE = Path(sys.executable).parent / "auditor"


def _run(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(EXE), *args], cwd=cwd, capture_output=True, text=True, timeout=120)


@pytest.fixture()
def docs(tmp_path):
    rng = random.Random(31)
    v = {"id": fd.resident_id(rng), "mobile": fd.mobile(rng), "card": fd.bank_card(rng), "name": fd.name(rng),
         "office": "0753-4271000"}
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.md").write_bytes(("\ufeff# 公示\r\n\r\n"
                                   f"申请人{v['name']}，身份证号码{v['id']}，联系电话{v['mobile'][:3]}-{v['mobile'][3:7]}-{v['mobile'][7:]}。\r\n"
                                   f"监督电话：{v['office']}\r\n").encode("utf-8"))
    (folder / "sub").mkdir()
    (folder / "sub" / "b.txt").write_bytes(("户主姓名  身份证号码  银行卡号\n"
                                            f"{v['name']}  {v['id']}  {v['card']}\n").encode("gb18030"))
    return tmp_path, v


def test_masked_copies_verified_and_inputs_untouched(docs):
    root, v = docs
    before = {p: p.read_bytes() for p in (root / "docs").rglob("*") if p.is_file()}
    run = _run(root, "redact", "docs", "--output-dir", "out", "-f", "json")
    assert run.returncode == 0, run.stdout + run.stderr
    assert {p: p.read_bytes() for p in before} == before  # nothing in the user's files changed
    md = (root / "out" / "docs" / "a.md").read_bytes()
    assert md.startswith(b"\xef\xbb\xbf") and b"\r\n" in md and b"\n" not in md.replace(b"\r\n", b"")
    text = md.decode("utf-8-sig")
    assert v["id"][:6] + "\\*" * 8 + v["id"][-4:] in text  # 公示 practice, stars escaped in Markdown
    assert f"{v['mobile'][:3]}-\\*\\*\\*\\*-{v['mobile'][7:]}" in text and v["office"] in text
    txt = (root / "out" / "docs" / "sub" / "b.txt").read_bytes().decode("gb18030")  # encoding kept
    assert f"{v['name'][0]}{'*' * (len(v['name']) - 1)}" in txt
    assert "*" * (len(v["card"]) - 4) + v["card"][-4:] in txt  # a card keeps its last 4
    for value in (v["id"], v["mobile"], v["card"], v["name"]):
        assert value not in text and value not in txt
    summary = json.loads(run.stdout)
    assert all(d["ok"] for d in summary["documents"])
    assert not [value for key, value in v.items() if key != "office" and value in run.stdout]  # masks only
    rescan = _run(root, "scan", "out", "--no-cache", "-f", "json")
    assert not [f for f in json.loads(rescan.stdout)["findings"] if f["severity"] != "note"]


def test_output_over_inputs_is_refused(docs):
    root, _ = docs
    assert _run(root, "redact", "docs", "--output-dir", "docs/out").returncode == 2
    assert _run(root / "docs", "redact", "a.md", "--output-dir", ".").returncode == 2
    assert not (root / "docs" / "out").exists()


def test_dry_run_writes_nothing(docs):
    root, _ = docs
    run = _run(root, "redact", "docs", "--output-dir", "out", "--dry-run")
    assert run.returncode == 0 and "PII001" in run.stdout and not (root / "out").exists()


def test_name_style_mou(docs):
    root, v = docs
    assert _run(root, "redact", "docs", "--output-dir", "out", "--name-style", "mou").returncode == 0
    assert f"{v['name'][0]}某" in (root / "out" / "docs" / "a.md").read_text(encoding="utf-8-sig")


def test_a_format_not_redacted_fails_the_document(tmp_path):
    """A legacy .doc (here a .docx under that name, which the reader opens) is not rewritten: mask the source."""
    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.add_paragraph(f"身份证号码{fd.resident_id(random.Random(2))}")
    d.save(tmp_path / "a.doc")
    run = _run(tmp_path, "redact", "a.doc", "--output-dir", "out")
    assert run.returncode == 1 and ".doc" in run.stdout and not (tmp_path / "out").exists()
    clean = docx.Document()
    clean.add_paragraph("本机关全年主动公开政府信息120条。")
    clean.save(tmp_path / "b.doc")
    run = _run(tmp_path, "redact", "b.doc", "--output-dir", "out")  # nothing to mask: copied as it is
    assert run.returncode == 0 and (tmp_path / "out" / "b.doc").read_bytes() == (tmp_path / "b.doc").read_bytes()


def test_a_survivor_deletes_the_copy(docs, monkeypatch):
    """If a mask left the value in place, verification catches it and no copy is kept."""
    from auditor.scan import scan_paths

    root, _ = docs
    monkeypatch.setattr(redact, "publication_mask", lambda value, entity, style="stars": value)
    result = scan_paths([str(root / "docs" / "a.md")])
    outcomes = redact.redact(result, root / "out")
    assert not outcomes[0].ok and "survived" in outcomes[0].error and not outcomes[0].target.exists()


def test_html_and_csv(tmp_path):
    rng = random.Random(37)
    person, mobile, id_number = fd.name(rng), fd.mobile(rng), fd.resident_id(rng)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.html").write_text(
        f'<html><body><p title="联系人手机 {mobile}">申请人{person}，联系电话：{mobile}</p>'
        f"<!-- 原始电话 {mobile} --><p>监督电话：0753-4271000</p></body></html>", encoding="utf-8")
    (tmp_path / "docs" / "b.csv").write_text(f"姓名,身份证号码\r\n{person},{id_number}\r\n", encoding="utf-8-sig")
    run = _run(tmp_path, "redact", "docs", "--output-dir", "out")
    assert run.returncode == 0, run.stdout
    html = (tmp_path / "out" / "docs" / "a.html").read_text(encoding="utf-8")
    assert mobile not in html and html.count(f"{mobile[:3]}****{mobile[-4:]}") == 3  # text, attribute, comment
    assert "0753-4271000" in html
    csv = (tmp_path / "out" / "docs" / "b.csv").read_bytes()
    assert csv.startswith(b"\xef\xbb\xbf") and b"\r\n" in csv
    assert id_number not in csv.decode("utf-8-sig") and person not in csv.decode("utf-8-sig")


def test_unreadable_document_is_reported_not_copied(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "bin.txt").write_bytes(bytes(range(256)) * 8)
    run = _run(tmp_path, "redact", "docs", "--output-dir", "out")
    assert run.returncode == 1 and "bin.txt" in run.stdout and "Traceback" not in run.stderr
    assert not (tmp_path / "out" / "docs" / "bin.txt").exists()


def test_a_failed_document_leaves_no_copy_even_from_an_earlier_run(tmp_path):
    """A copy written by an earlier run of an older version of the document is removed when this run
    cannot redact it: what is in the output folder is always this run's verified copy."""
    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.add_paragraph(f"身份证号码{fd.resident_id(random.Random(5))}")
    d.save(tmp_path / "a.doc")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "a.doc").write_bytes(b"an older copy")
    assert _run(tmp_path, "redact", "a.doc", "--output-dir", "out", "--dry-run").returncode == 1
    assert (tmp_path / "out" / "a.doc").exists()  # a dry run changes nothing
    assert _run(tmp_path, "redact", "a.doc", "--output-dir", "out").returncode == 1
    assert not (tmp_path / "out" / "a.doc").exists()


def test_value_set_finds_every_value_in_one_pass():
    from auditor.valueset import Survivors, ValueSet

    found = ValueSet(["张三", "张三丰", "13812345678", "a.b@x.org"])
    text = "张三丰与张三，电话13812345678，邮箱a.b@x.org，张"
    assert [v for _, _, v in found.spans(text)] == ["张三丰", "张三", "13812345678", "a.b@x.org"]
    assert found.replace("张三丰、张三", {"张三丰": "张**", "张三": "张*"}) == "张**、张*"
    assert ValueSet([]).spans(text) == [] and ValueSet([]).replace(text, {}) == text
    left = Survivors(["138-1234-5678", "A&B张"])
    assert left.in_text("x A&amp;B张 y") == {"A&B张"}  # as XML writes it
    assert left.in_units(["电话 138 1234 5678"]) == {"138-1234-5678"}  # bare digits inside one unit
    assert left.in_units(["138", "12345678"]) == set()  # not across two units (cells)

"""The never-re-leak guarantee: a report about leaked personal data must not leak it again.

A folder of generated documents (fake values from tests/fakedata.py only) is scanned once; every
output format is rendered from that one scan and searched for every raw value and its bare digits.
"""
from __future__ import annotations

import html
import json
import os
import random
import re
import subprocess
import sys
import urllib.parse
from pathlib import Path

import pytest

import fakedata as fd
from auditor.findings import SEVERITY_RANK
from auditor.outputs import FORMATS, Options, render
from auditor.scan import scan_paths

SEED = 5150
N_PEOPLE = 24


def _plain(v: str) -> bool:
    return not any(s in v for s in ("12345678", "23456789", "01234567", "98765432", "87654321"))


def _build_corpus(root: Path) -> dict[str, set[str]]:
    """Write the documents; return {entity: raw values as written} for every value that must be found."""
    rng = random.Random(SEED)
    values: dict[str, set[str]] = {k: set() for k in (
        "CN_RESIDENT_ID", "PHONE_MOBILE", "BANK_CARD", "PASSPORT", "HK_MACAO_PERMIT", "EMAIL", "PHONE_LANDLINE")}

    def gen(fn, pred=_plain, **kw):
        while True:
            v = fn(rng, **kw)
            if pred(v):
                return v

    lines = ["关于2024年度困难群众补贴发放情况的公示", ""]
    table = ["序号  姓名  身份证号码  联系电话  银行卡号"]
    for i in range(N_PEOPLE):
        name = fd.name(rng)
        rid = gen(fd.resident_id)
        mob = gen(fd.mobile, lambda v: _plain(v[3:]))
        card = gen(fd.bank_card, length=rng.choice((16, 19)))
        passport = gen(fd.passport)
        permit = gen(fd.hk_macao_permit)
        email = fd.email(rng)
        land = gen(fd.landline, style="dash")
        form = i % 4
        if form == 0:
            shown_id, shown_mob, shown_card = rid, mob, card
        elif form == 1:
            shown_id, shown_mob, shown_card = fd.group4(rid), f"{mob[:3]} {mob[3:7]} {mob[7:]}", fd.group4(card)
        elif form == 2:
            shown_id = f"{rid[:6]} {rid[6:14]} {rid[14:]}"
            shown_mob = f"+86 {mob[:3]}-{mob[3:7]}-{mob[7:]}"
            shown_card = fd.group4(card, "-")
        else:
            shown_id, shown_mob, shown_card = rid, "0086" + mob, card
        lines.append(f"{i + 1}. 申请人{name}，身份证号码{shown_id}，联系电话{shown_mob}，银行卡号{shown_card}。")
        lines.append(f"   持证人护照号码{passport}，往来港澳通行证号码{permit}。")
        lines.append(f"   本人电子邮箱{email}，家庭电话{land}。")
        table.append(f"{i + 1}  {name}  {rid}  {mob}  {card}")
        values["CN_RESIDENT_ID"].update({shown_id, rid})
        values["PHONE_MOBILE"].update({shown_mob, mob})  # a +86 prefix is part of the value
        values["BANK_CARD"].update({shown_card, card})
        values["PASSPORT"].add(passport)
        values["HK_MACAO_PERMIT"].add(permit)
        values["EMAIL"].add(email)
        values["PHONE_LANDLINE"].add(land)
    x_id = gen(fd.resident_id, lambda v: v.endswith("X"))
    id15 = gen(fd.resident_id_15)
    paren = gen(fd.landline, style="paren")
    lines += [f"另：身份证号码{x_id}，老身份证号码：{id15}。", f"来信人住址电话{paren}。",
              "如有疑问请致电本机关办公室（监督电话见官网）。"]
    values["CN_RESIDENT_ID"].update({x_id, id15})
    values["PHONE_LANDLINE"].add(paren)

    (root / "docs").mkdir()
    (root / "docs" / "公示名单.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (root / "docs" / "table.md").write_text("\n".join(table) + "\n", encoding="utf-8")
    (root / "docs" / "clean.txt").write_text("关于印发工作方案的通知\n请认真贯彻执行。\n", encoding="utf-8")

    # a Word table and a CSV with more people
    import docx

    document = docx.Document()
    document.add_paragraph("附件：名单")
    rows = [["姓名", "身份证号码", "手机", "电子邮箱"]]
    csv_rows = ["姓名,身份证号码,联系电话,银行账号"]
    for _ in range(8):
        name, rid = fd.name(rng), gen(fd.resident_id)
        mob, email = gen(fd.mobile, lambda v: _plain(v[3:])), fd.email(rng)
        card = gen(fd.bank_card)
        rows.append([name, rid, mob, email])
        csv_rows.append(f"{name},{rid},{mob},{card}")
        values["CN_RESIDENT_ID"].add(rid)
        values["PHONE_MOBILE"].add(mob)
        values["EMAIL"].add(email)
        values["BANK_CARD"].add(card)
    t = document.add_table(rows=len(rows), cols=4)
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            t.cell(r, c).text = text
    document.save(root / "docs" / "附件.docx")
    (root / "docs" / "list.csv").write_text("\n".join(csv_rows) + "\n", encoding="utf-8")
    return values


def _needles(values: dict[str, set[str]]) -> set[str]:
    """Every raw value as written, and its bare digits/characters (separators removed)."""
    out = set()
    for entity, vals in values.items():
        for v in vals:
            out.add(v)
            bare = re.sub(r"[\s\-()+]", "", v)
            out.add(bare)
            if entity == "PHONE_MOBILE":
                out.add(bare[-11:])
            if entity == "PHONE_LANDLINE":
                out.add(re.split(r"[-)]", v)[-1])  # the local number
            if entity == "EMAIL":
                out.add(v.split("@")[0] + "@")  # the local part
            if entity in ("PASSPORT", "HK_MACAO_PERMIT"):
                out.add(re.sub(r"^[A-Z]+", "", v))  # its digits
    return out


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("corpus")
    values = _build_corpus(root)
    result = scan_paths([str(root / "docs")])
    outputs = {(fmt, lang): _as_text(render(fmt, result, Options(lang=lang))) for fmt in FORMATS for lang in ("zh", "en")}
    return root, values, result, outputs


def test_corpus_findings_cover_every_value(corpus):
    """The guarantee is only meaningful if the values were found: each inserted value is a finding."""
    _, values, result, _ = corpus
    found = {}
    for f in result.findings:
        found.setdefault(f.entity, set()).add(f.value)
    for entity, vals in values.items():
        bare_found = {re.sub(r"[\s\-()+]", "", v) for v in found.get(entity, ())}
        missing = {v for v in vals if re.sub(r"[\s\-()+]", "", v) not in bare_found}
        assert not missing, (entity, missing)
    assert result.worst() == SEVERITY_RANK["error"]
    assert len(result.documents) == 5


def _as_text(output) -> str:
    """A binary output (xlsx) as the text of its cells."""
    if isinstance(output, bytes):
        import io

        import pandas as pd

        return pd.read_excel(io.BytesIO(output), dtype=str).to_csv(index=False)
    return output


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_outputs_never_contain_raw_values(corpus, fmt, lang):
    _, values, _, outputs = corpus
    text = outputs[(fmt, lang)]
    leaked = sorted(n for n in _needles(values) if n in text)
    assert not leaked, f"{fmt}/{lang} output re-leaks {len(leaked)} value(s)"
    # machine outputs: also after un-escaping (JSON escapes, XML entities, GitHub's %-escapes)
    if fmt in ("json", "sarif", "gitlab"):
        decoded = json.dumps(json.loads(text), ensure_ascii=True)
    elif fmt == "jsonl":
        decoded = "".join(json.dumps(json.loads(line), ensure_ascii=True) for line in text.splitlines())
    else:
        decoded = html.unescape(urllib.parse.unquote(text))
    assert not [n for n in _needles(values) if n in decoded]


def test_digits_only_view_of_masks_holds_no_value(corpus):
    """Even with every non-digit removed from a finding's own fields, no full number is shown."""
    _, values, result, _ = corpus
    digit_values = {re.sub(r"\D", "", v) for ents in ("CN_RESIDENT_ID", "PHONE_MOBILE", "BANK_CARD")
                    for v in values[ents]}
    for f in result.findings:
        if f.masked:
            assert re.sub(r"\D", "", f.masked) not in digit_values


def test_masked_values_show_masks(corpus):
    _, _, result, outputs = corpus
    for f in result.findings:
        if f.entity:
            assert f.masked and f.masked != f.value and "*" in f.masked
            assert f.masked in outputs[("json", "zh")]


def test_json_has_schema_version_and_same_count_as_sarif(corpus):
    _, _, result, outputs = corpus
    report = json.loads(outputs[("json", "zh")])
    log = json.loads(outputs[("sarif", "zh")])
    assert report["schema_version"] == "1"
    assert len(report["findings"]) == len(log["runs"][0]["results"]) == len(result.findings) > 100
    assert report["summary"]["documents"] == len(log["runs"][0]["artifacts"]) == 5
    assert sum(report["summary"][k] for k in ("error", "warning", "note")) == len(report["findings"])
    assert all("value" not in f for f in report["findings"])


def test_reveal_in_process_shows_values(corpus):
    _, values, result, _ = corpus
    text = render("json", result, Options(reveal=True))
    shown = {f["value"] for f in json.loads(text)["findings"] if f.get("value")}
    missing = [v for vals in values.values() for v in vals if v not in shown]
    assert not missing, missing[:3]


def test_reveal_via_cli_shows_values(corpus):
    root, values, _, _ = corpus
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    auditor = Path(sys.executable).parent / "auditor"
    outs = {}
    # counts per rule show no value at all; a binary format cannot go to standard output
    for fmt in (f for f in FORMATS if f not in ("statistics", "xlsx")):
        proc = subprocess.run([str(auditor), "scan", "docs", "--reveal", "-f", fmt], cwd=root, env=env,
                              capture_output=True, text=True, encoding="utf-8", timeout=60)
        assert proc.returncode == 1, proc.stderr
        outs[fmt] = proc.stdout
    for fmt, text in outs.items():
        missing = [v for vals in values.values() for v in vals if v not in text]
        assert not missing, (fmt, missing[:3])


def test_cli_without_reveal_does_not_leak(corpus):
    root, values, _, _ = corpus
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    auditor = Path(sys.executable).parent / "auditor"
    proc = subprocess.run([str(auditor), "scan", "docs", "-f", "text", "-f", "json", "-o", "r.json",
                           "-f", "sarif", "-o", "r.sarif"], cwd=root, env=env, capture_output=True, text=True,
                          encoding="utf-8", timeout=60)
    assert proc.returncode == 1, proc.stderr
    blob = proc.stdout + proc.stderr + (root / "r.json").read_text(encoding="utf-8") + \
        (root / "r.sarif").read_text(encoding="utf-8")
    assert not [n for n in _needles(values) if n in blob]


def test_json_output_matches_its_published_schema(tmp_path):
    """The JSON report validates against auditor/outputs/report.schema.json (schema_version 1)."""
    import jsonschema

    from auditor.outputs import Options, render
    from auditor.scan import scan_paths

    rng = random.Random(99)
    (tmp_path / "a.txt").write_text(f"申请人身份证号码{fd.resident_id(rng)}，手机{fd.mobile(rng)}。\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    result = scan_paths([str(tmp_path)])
    schema_path = Path(__import__("auditor").__file__).parent / "outputs" / "report.schema.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    for reveal in (False, True):
        report = json.loads(render("json", result, Options(reveal=reveal)))
        jsonschema.Draft202012Validator(schema).validate(report)
    assert report["summary"]["documents"] == 2


_CJK = re.compile("[\u4e00-\u9fff]")


def test_reader_notes_and_problem_details_follow_the_output_language(tmp_path):
    """Notes and problem details from the readers (and discover's skip notes) are in English with
    --lang en; the Chinese outputs keep the Chinese."""
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "gbk.txt").write_bytes("关于二〇二四年度工作总结的通知\n请各单位按时报送材料。\n".encode("gbk"))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "broken.docx").write_bytes(random.Random(7).randbytes(2048))
    (folder / "data.xyz").write_bytes(b"whatever")
    result = scan_paths([str(folder)])
    assert {f.rule.code for f in result.findings} >= {"DOC001", "DOC002"}
    assert result.notes and any(d.document.notes for d in result.documents)

    def texts(lang: str) -> list[str]:
        """Every note and DOC-finding message of the three outputs in `lang`."""
        options = Options(lang=lang)
        out: list[str] = []
        text = render("text", result, options)
        out += [ln for ln in text.splitlines()
                if ln.lstrip().startswith(("note: ", "说明：")) or "  DOC0" in ln]
        report = json.loads(render("json", result, options))
        out += [n for d in report["documents"] for n in d["notes"]] + report["notes"]
        out += [f["message"] for f in report["findings"] if f["rule"].startswith("DOC")]
        run = json.loads(render("sarif", result, options))["runs"][0]
        out += [n for a in run["artifacts"] for n in a["properties"]["notes"]]
        out += [n["message"]["text"] for n in run["invocations"][0]["toolExecutionNotifications"]]
        out += [r["message"]["text"] for r in run["results"] if r["ruleId"].startswith("DOC")]
        return out

    en = texts("en")
    assert len(en) >= 12  # notes and findings from all three outputs
    assert [t for t in en if _CJK.search(t)] == []
    joined = "\n".join(en)
    assert "Encoding: GB18030" in joined
    assert "Skipped 1 unsupported file(s) (.xyz: 1)" in joined
    assert "The document cannot be read: the file is damaged" in joined
    zh = "\n".join(texts("zh"))
    assert "编码：GB18030" in zh and "跳过 1 个不支持的文件（.xyz 1 个）" in zh
    assert "文件无法读取：文件已损坏或不是有效的 Office/OFD 文件" in zh


def test_an_internal_error_is_a_finding_and_the_batch_goes_on(tmp_path, monkeypatch):
    """A detector that fails on one document gives that document a DOC001 error; the others are
    still scanned, and nothing raises."""
    from auditor.detectors import email

    (tmp_path / "a.txt").write_text("联系邮箱：someone@example.com\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(f"身份证号码{fd.resident_id(random.Random(3))}\n", encoding="utf-8")

    def broken(doc_scope):
        if "@" in doc_scope.text:
            raise RuntimeError("boom")
        return iter(())

    monkeypatch.setattr(email, "find", broken)
    result = scan_paths([str(tmp_path)])
    by_name = {Path(d.document.uri).name: [f.rule.code for f in d.findings] for d in result.documents}
    assert by_name == {"a.txt": ["DOC001"], "b.txt": ["PII001"]}

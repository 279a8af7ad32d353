"""Annual reports (auditor/annual): outline, recognition, sections, tables in every form, dates,
cross-year checks, and the profile in the outputs. The rules' own fail/pass examples are in
rules/annual-report.yaml (tests/test_rule_examples.py)."""
from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

import annual_sample as sample
from auditor.annual import ReportSettings, check_report
from auditor.annual.outline import headings
from auditor.annual.text import fold_lines
from auditor.document import Document, Place, lines_to_blocks
from auditor.readers import load
from auditor.scan import Selection, scan_document, scan_paths
from auditor.rulepacks import load_rules

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "samples" / "shuanghua-2018-annual-report.txt"
RULES = load_rules()


def text_doc(text: str) -> Document:
    return Document(Path("r.txt"), "r.txt", "txt", lines_to_blocks(text, lambda n: Place(line=n)))


def report(text: str, **kw):
    return check_report(text_doc(text), ReportSettings(today=date(2026, 11, 27), **kw))


def codes(text: str) -> list[str]:
    return sorted(f.rule.code for f in scan_document(text_doc(text)).findings if f.rule.code.startswith("OGI"))


# ------------------------------------------------------------------------------------ outline

@pytest.mark.parametrize("line,level,number,title", [
    ("一、概述", 1, 1, "概述"),
    ("一 、概 述", 1, 1, "概述"),
    ("（二）主动公开政府信息情况", 2, 2, "主动公开政府信息情况"),
    ("(二)主动公开政府信息情况", 2, 2, "主动公开政府信息情况"),
    ("㈢依申请公开情况", 2, 3, "依申请公开情况"),
    ("1、规章", 3, 1, "规章"),
    ("第一部分 总体情况", 0, 1, "总体情况"),
    ("十二、其他事项", 1, 12, "其他事项"),
    ("四、收費及減免情況", 1, 4, "收费及减免情况"),  # traditional (folded when the text is traditional)
])
def test_heading_markers(line, level, number, title):
    lines = fold_lines([line, "這們國會開說時過還為與發經於當對實" if "費" in line else ""])
    h = headings(lines)[0]
    assert (h.level, h.number, h.title) == (level, number, title)


def test_inline_headings_of_a_report_on_one_line():
    line = "一、總體情況 根據(jù)條例特向社會(huì)公布本報告。 二、主動(dòng)公開政府信息情況 三、收到和處理政府信息公開申請(qǐng)情況"
    titles = [h.title for h in headings(fold_lines([line]))]
    assert titles == ["总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况"]


def test_heading_wrapped_by_a_pdf():
    lines = fold_lines(["四、政府信息公开行政复议、行政诉讼情况及其他需要说明的事项和行政复", "议结果。", "五、存在的主要问题及改进情况"])
    assert headings(lines)[0].title.endswith("行政复议结果")
    lines = fold_lines(["一、总体情况", "本年度主动公开信息20条。"])  # complete: the next line is body
    assert headings(lines)[0].title == "总体情况"


def test_numbers_are_not_headings():
    assert headings(fold_lines(["1.5万元", "2018.3.6", "一、2"])) == []


# ---------------------------------------------------------------------------------- recognise

def test_seed_is_recognised_as_the_issue_expects():
    profile, issues = check_report(load(SEED, "seed.txt"), ReportSettings(today=date(2026, 11, 27)))
    assert profile.summary() == "era=2007 year=2018 issuer=双华镇人民政府 (government) published=2019-03-06"
    assert profile.sections == {"主动公开": "present", "依申请公开": "present", "不予公开": "missing",
                                "收费减免": "present", "复议诉讼": "present", "问题改进": "present",
                                "其他事项": "missing"}
    verdicts = {i.verdict for i in issues}
    assert verdicts == {"optional-section-absent", "refusals-not-stated-no-requests"}  # two notes
    assert {"check": "deadline", "outcome": "passed"} in profile.checks


@pytest.mark.parametrize("title,year", [
    ("青禾镇2018年度政府信息公开工作年度报告", 2018),
    ("青禾镇 2018 年政府信息公开工作年度报告", 2018),
    ("青禾镇二〇一八年政府信息公开工作年度报告", 2018),
    ("青禾镇二○二一年政府信息公开工作年度报告", 2021),
    ("青禾镇2020年\n政府信息公开工作年度报告", 2020),
])
def test_report_year(title, year):
    profile, _ = report(title + "\n一、总体情况\n无。")
    assert profile.annual_report and profile.year == year


@pytest.mark.parametrize("year,era", [(2008, "2007"), (2018, "2007"), (2019, "2019"), (2020, "2019"),
                                      (2021, "2021"), (2025, "2021")])
def test_era_follows_the_year(year, era):
    assert report(f"青禾镇{year}年政府信息公开工作年度报告\n一、总体情况\n无。")[0].era == era


def test_era_override():
    assert report("青禾镇2018年政府信息公开工作年度报告\n一、总体情况\n无。", era="2021")[0].era == "2021"


@pytest.mark.parametrize("text,issuer,kind", [
    ("青禾镇2023年政府信息公开工作年度报告\n正文。\n青禾镇人民政府\n2024年3月1日", "青禾镇人民政府", "government"),
    ("青禾县2023年政府信息公开工作年度报告\n正文。\n青禾县人民政府办公室\n2024年3月1日", "青禾县人民政府办公室", "government"),
    ("青禾县人民政府2023年政府信息公开工作年度报告\n正文。\n青禾县人民政府办公室\n2024年3月1日", "青禾县人民政府办公室", "government"),
    ("青禾县民政局2023年政府信息公开工作年度报告\n正文。\n青禾县民政局\n2024年1月20日", "青禾县民政局", "department"),
    ("青禾县2023年政府信息公开工作年度报告\n正文。\n青禾县人民政府地方志办公室\n2024年1月20日", "青禾县人民政府地方志办公室", "department"),
    ("青禾乡2023年政府信息公开工作年度报告\n正文。", "青禾乡", "government"),  # the title, no signature
    ("2023年政府信息公开工作年度报告\n本报告由青禾县审计局编制。", "青禾县审计局", "department"),
    ("2023年政府信息公开工作年度报告\n正文。", None, None),
])
def test_issuer_and_kind(text, issuer, kind):
    profile, issues = report(text)
    assert (profile.issuer, profile.issuer_kind) == (issuer, kind)
    assert ("issuer-unknown" in {i.verdict for i in issues}) == (issuer is None)


@pytest.mark.parametrize("tail,published", [
    ("青禾镇人民政府\n2024年3月1日", date(2024, 3, 1)),
    ("青禾镇人民政府\n二〇二四年三月一日", date(2024, 3, 1)),
    ("青禾镇人民政府 2024年3月1日", date(2024, 3, 1)),
    ("发布时间：2024-03-01", date(2024, 3, 1)),
])
def test_publication_date(tail, published):
    assert report(f"青禾镇2023年政府信息公开工作年度报告\n一、总体情况\n无。\n{tail}")[0].published == published


def test_other_documents_are_not_reports():
    for text in ("关于2023年高龄津贴发放名单的公示\n序号  姓名  金额", "政府信息公开申请答复书\n你申请公开2023年政府信息公开工作年度报告，现答复如下。"):
        profile, issues = report(text)
        assert not profile.annual_report and issues == []
        assert scan_document(text_doc(text)).report is None


def test_report_without_its_title_line_is_recognised_by_its_headings():
    text = "一、总体情况\n2019年，我乡做好政务公开。\n二、主动公开政府信息情况\n无。\n三、收到和处理政府信息公开申请情况\n无。"
    profile, _ = report(text)
    assert profile.annual_report and profile.year == 2019 and profile.era == "2019"


# ----------------------------------------------------------------------------------- sections

def test_sections_2007_with_shared_heading_and_statements():
    text = ("青禾镇2013年政府信息公开工作年度报告\n一、主动公开政府信息情况\n全年主动公开信息20条。\n"
            "二、依申请公开和不予公开政府信息情况\n无。\n三、收费及减免情况\n本年度未发生收费。\n"
            "四、因政府信息公开申请行政复议、提起行政诉讼情况\n无。\n五、存在的主要问题及改进情况\n培训不足。")
    profile, issues = report(text)
    assert set(profile.sections.values()) == {"present"} - set() or profile.sections["其他事项"] == "missing"
    assert [k for k, v in profile.sections.items() if v != "present"] == ["其他事项"]
    assert [i.verdict for i in issues] == ["optional-section-absent"]


def test_table_row_labels_do_not_end_section_three():
    profile, issues = report(sample.text())
    assert profile.sections["申请处理"] == "present" and not [i for i in issues if i.verdict == "table-missing"]


def test_heading_with_body_on_the_same_line_is_not_empty():
    text = "青禾县2018年度政府信息公开工作年度报告\n一、主动公开政府信息情况全年公开20条。\n二、政府信息依申请公开工作情况2018年未收到申请。"
    assert report(text)[0].sections["依申请公开"] == "present"


def test_empty_sections_of_a_one_line_report():
    text = ("青禾局2020年政府信息公开工作年度报告\n一、總體情況 根據條例這們國會開說時過還為與發經於當對實公布。 "
            "二、主動公開政府信息情況 三、收到和處理政府信息公開申請情況 四、政府信息公開行政復議、行政訴訟情況 "
            "五、存在的主要問題及改進情況 宣傳不足。 六、其他需要報告的事項 無。")
    profile, _ = report(text)
    assert [k for k, v in profile.sections.items() if v == "empty"] == ["主动公开", "申请处理", "复议诉讼"]


def test_accountability_only_for_governments_and_only_when_both_places_are_there():
    base = "二、主动公开政府信息情况\n信息内容 | 本年制发件数\n五、存在的主要问题及改进情况\n宣传不足。\n六、其他需要报告的事项\n未收取信息处理费。"
    gov = "青禾镇人民政府2023年政府信息公开工作年度报告\n一、总体情况\n全年公开信息。\n" + base
    dept = gov.replace("青禾镇人民政府", "青禾县民政局")
    assert "OGI107" in codes(gov)
    assert "OGI107" not in codes(gov.replace("全年公开信息。", "全年开展政务公开考核1次。"))
    assert "OGI107" not in codes(dept)
    assert "OGI107" not in codes(gov.split("五、")[0])  # truncated before 五: not assessable


# ------------------------------------------------------------------------------------- tables

def _table_codes(result) -> list[str]:
    return sorted(f.rule.code for f in result.findings if f.rule.category in ("table", "section", "consistency", "date"))


BROKEN = ["OGI101", "OGI201", "OGI201", "OGI302", "OGI403"]


def _assert_sample(path: Path, broken: bool):
    result = scan_paths([str(path)]).documents[0]
    assert result.report["era"] == "2021" and result.report["issuer"] == sample.ISSUER
    assert _table_codes(result) == (BROKEN if broken else []), [f.message() for f in result.findings]
    checks = {c["check"]: c["outcome"] for c in result.report["checks"]}
    for name in ("table:column-balance", "table:row-totals", "table:results-total", "table:appeals-totals"):
        assert checks[name] == ("failed" if broken and name == "table:column-balance" else "passed"), name
    return result


@pytest.mark.parametrize("broken", [False, True])
def test_tables_as_flattened_text(tmp_path, broken):
    path = tmp_path / "r.txt"
    path.write_text(sample.text(broken), encoding="utf-8")
    result = _assert_sample(path, broken)
    if broken:  # the column-balance finding points at the （七）总计 cell of its column
        f = next(f for f in result.findings if f.rule.code == "OGI201")
        line = path.read_text(encoding="utf-8").splitlines()[f.line - 1]
        assert "（七）总计" in line and line[f.column - 1:f.end_column - 1] == "14"


@pytest.mark.parametrize("broken", [False, True])
def test_tables_in_html_with_merged_cells(tmp_path, broken):
    path = tmp_path / "r.html"
    path.write_text(sample.html_text(broken), encoding="utf-8")
    _assert_sample(path, broken)


@pytest.mark.parametrize("broken", [False, True])
def test_tables_in_docx_with_merged_cells(tmp_path, broken):
    pytest.importorskip("docx")
    path = tmp_path / "r.docx"
    sample.write_docx(path, broken)
    result = _assert_sample(path, broken)
    if broken:
        f = next(f for f in result.findings if f.rule.code == "OGI201")
        assert f.place.table == 2 and f.place.column == 4  # table 三, the 自然人 column of the grid


@pytest.mark.parametrize("broken", [False, True])
def test_tables_in_pdf_text_lines(tmp_path, cjk_font, broken):
    path = tmp_path / "r.pdf"
    sample.write_pdf(path, cjk_font, broken)
    _assert_sample(path, broken)


@pytest.mark.parametrize("broken", [False, True])
def test_ruled_tables_in_pdf(tmp_path, cjk_truetype_font, broken):
    """pdfplumber's table finder reads ruled tables cell by cell (table 三 runs over a page break)."""
    path = tmp_path / "r.pdf"
    sample.write_pdf(path, cjk_truetype_font, broken, ruled=True)
    result = _assert_sample(path, broken)
    assert any(b.cells and b.place.table for b in load(path, "r.pdf").blocks)
    if broken:  # the finding names the page, the table and the cell
        f = next(f for f in result.findings if f.rule.code == "OGI201")
        assert f.place.page == 2 and f.place.table is not None and f.place.column == 4


def test_one_cell_per_line_with_spacer_lines():
    grid = sample.requests_rows(sample.REQUESTS)
    lines = ["青禾县民政局2024年政府信息公开工作年度报告", "三、收到和处理政府信息公开申请情况"]
    for row in grid[3:]:
        for cell in row:
            if cell:
                lines += [cell, "|"]
    profile, issues = report("\n".join(lines))
    checks = {c["check"]: c["outcome"] for c in profile.checks}
    assert checks["table:column-balance"] == "passed" and checks["table:results-total"] == "passed"


def test_blank_and_unreadable_cells_are_not_zero():
    text = sample.text().replace("二、上年结转政府信息公开申请数量 |  |  | 1 | 0 |", "二、上年结转政府信息公开申请数量 |  |  | 1 | [unsegmented: 00] |")
    profile, issues = report(text)
    checks = {c["check"]: c["outcome"] for c in profile.checks}
    assert checks["table:column-balance"] == "not assessable"
    assert "column-balance" not in {i.verdict for i in issues} and "blank-cells" in {i.verdict for i in issues}


def test_padding_cells_of_table_two_are_not_blanks():
    text = sample.text().replace("行政许可 | 126", "行政许可 | 126 |  | ")
    assert "blank-cells" not in {i.verdict for i in report(text)[1]}


def test_negative_and_decimal_counts():
    text = sample.text().replace("行政处罚 | 4", "行政处罚 | -4").replace("行政事业性收费 | 0", "行政事业性收费 | 12.5")
    verdicts = [i.verdict for i in report(text)[1]]
    assert verdicts.count("value-type") == 1  # -4 is wrong; 12.5 万元 is money


def test_old_layout_after_2021_but_not_in_2019():
    old = sample.text().replace("本年制发件数 | 本年废止件数 | 现行有效件数", "本年新制作数量 | 本年新公开数量 | 对外公开总数量")
    assert "old-layout" in {i.verdict for i in report(old)[1]}
    assert "old-layout" not in {i.verdict for i in report(old.replace("2024年", "2019年"))[1]}


def test_text_received_may_include_carried_over():
    text = sample.text().replace("全年新收政府信息公开申请17件", "全年收到政府信息公开申请18件")  # 17 new + 1 carried
    assert "text-table-mismatch" not in {i.verdict for i in report(text)[1]}


# -------------------------------------------------------------------------------------- dates

def test_deadline_by_era_and_kind():
    def late(year, signer, signed):
        text = f"{signer}{year}年政府信息公开工作年度报告\n一、总体情况\n无。\n{signer}\n{signed}"
        return "published-late" in {i.verdict for i in report(text)[1]}
    assert late(2023, "青禾县民政局", "2024年2月1日") and not late(2023, "青禾县民政局", "2024年1月31日")
    assert not late(2023, "青禾县人民政府", "2024年3月31日") and late(2023, "青禾县人民政府", "2024年4月1日")
    assert not late(2017, "青禾县民政局", "2018年3月31日")  # 2007 条例: 3月31日 for everyone


def test_township_deadline_is_derived_and_configurable():
    text = "青禾镇2023年政府信息公开工作年度报告\n一、总体情况\n无。\n青禾镇人民政府\n2024年3月20日"
    profile, issues = report(text)
    assert profile.township and "published-late" not in {i.verdict for i in issues}
    issues = report(text, township_deadline=(2, 28))[1]
    late = next(i for i in issues if i.verdict == "published-late")
    assert "2024-02-28" in late.detail and "township-deadline" in late.detail


def test_period_and_future_date():
    text = "青禾镇2023年政府信息公开工作年度报告\n统计期限为2023年1月1日至2023年12月31日。\n青禾镇人民政府\n2099年1月1日"
    verdicts = {i.verdict for i in report(text)[1]}
    assert "date-in-future" in verdicts and "period-wrong-year" not in verdicts


# --------------------------------------------------------------------------------- cross-year

def _year(year: int, carried: int, body: str) -> str:
    return (sample.text().replace("2024年", f"{year}年").replace("2025年", f"{year + 1}年")
            .replace("二、上年结转政府信息公开申请数量 |  |  | 1 | 0 | 0 | 0 | 0 | 0 | 1",
                     f"二、上年结转政府信息公开申请数量 |  |  | {carried} | 0 | 0 | 0 | 0 | 0 | {carried}")
            .replace("四、结转下年度继续办理 |  |  | 1 | 0 | 0 | 0 | 0 | 0 | 1",
                     f"四、结转下年度继续办理 |  |  | {carried} | 0 | 0 | 0 | 0 | 0 | {carried}")
            .replace("政策解读形式较为单一。下一步将增加图解和问答，提高解读的可读性。", body))


@pytest.mark.parametrize("jobs", [1, 2])
def test_cross_year_in_a_batch(tmp_path, jobs):
    (tmp_path / "2023.txt").write_text(_year(2023, 1, "解读形式单一，下一步增加图解。"), encoding="utf-8")
    (tmp_path / "2024.txt").write_text(_year(2024, 2, "网站栏目更新不及时，下一步明确专人维护。"), encoding="utf-8")
    result = scan_paths([str(tmp_path)], jobs=jobs)
    by_uri = {Path(d.document.uri).name: d for d in result.documents}
    later = [f.rule.code for f in by_uri["2024.txt"].findings]
    assert later.count("OGI404") == 2  # 自然人 and 总计: 2 carried over, 1 carried forward in 2023
    assert "OGI405" in later  # the rest of the text is the same
    assert not [f for f in by_uri["2023.txt"].findings if f.rule.code in ("OGI404", "OGI405")]
    assert {"check": "cross-year:carry-over", "outcome": "failed"} in by_uri["2024.txt"].report["checks"]


# ------------------------------------------------------------------------------------ outputs

def test_profile_in_sarif_and_json(tmp_path):
    (tmp_path / "r.txt").write_text(sample.text(True), encoding="utf-8")
    exe = Path(sys.executable).parent / "auditor"
    sarif, js = tmp_path / "o.sarif", tmp_path / "o.json"
    run = subprocess.run([str(exe), "scan", str(tmp_path / "r.txt"), "-f", "sarif", "-o", str(sarif),
                          "-f", "json", "-o", str(js), "-f", "text"], capture_output=True, text=True)
    assert run.returncode == 1, run.stderr
    assert "era=2021 year=2024 issuer=青禾县民政局 (department) published=2025-02-18" in run.stdout
    props = json.loads(sarif.read_text(encoding="utf-8"))["runs"][0]["artifacts"][0]["properties"]
    assert props["annual_report"] is True and props["era"] == "2021" and props["year"] == 2024
    assert props["issuer_kind"] == "department" and props["published"] == "2025-02-18"
    assert props["sections"]["问题改进"] == "missing"
    assert {"check": "table:column-balance", "outcome": "failed"} in props["checks"]
    results = json.loads(sarif.read_text(encoding="utf-8"))["runs"][0]["results"]
    assert {r["properties"]["category"] for r in results} == {"section", "table", "consistency", "date"}
    doc = json.loads(js.read_text(encoding="utf-8"))["documents"][0]
    assert {k: doc[k] for k in props if k in doc} == {k: v for k, v in props.items() if k in doc}


def test_era_flag_and_config(tmp_path):
    (tmp_path / "r.txt").write_text(sample.text().replace("2024年", "2018年").replace("2025年", "2019年"),
                                    encoding="utf-8")
    exe = Path(sys.executable).parent / "auditor"
    def era(*args):
        out = subprocess.run([str(exe), "scan", str(tmp_path / "r.txt"), "-f", "json", *args],
                             capture_output=True, text=True, cwd=tmp_path)
        return json.loads(out.stdout)["documents"][0]["era"]
    assert era() == "2007" and era("--era", "2021") == "2021"
    (tmp_path / "auditor.toml").write_text('era = "2019"\n', encoding="utf-8")
    assert era() == "2019"
    for bad_config in ('era = "2020"\n', 'township-deadline = "13-01"\n'):
        (tmp_path / "auditor.toml").write_text(bad_config, encoding="utf-8")
        bad = subprocess.run([str(exe), "scan", str(tmp_path / "r.txt")], capture_output=True, text=True, cwd=tmp_path)
        assert bad.returncode == 2 and bad_config.split()[0] in bad.stderr and "Traceback" not in bad.stderr


def test_select_pii_only_skips_the_report_checks():
    selection = Selection({r.code for r in RULES if r.code.startswith("PII")})
    result = scan_document(text_doc(sample.text(True)), RULES, selection)
    assert result.report is None and not [f for f in result.findings if f.rule.code.startswith("OGI")]

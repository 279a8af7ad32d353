"""The samples a newcomer scans find exactly what the README says they do."""
from collections import Counter
from pathlib import Path

import pytest

from auditor.scan import scan_paths

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


@pytest.fixture(scope="module")
def results():
    result = scan_paths([str(SAMPLES)])
    return {Path(d.document.uri).name: d for d in result.documents}


def leaks(doc_result):
    return Counter(f.rule.code for f in doc_result.findings if f.severity in ("error", "warning"))


def test_every_sample_is_scanned(results):
    assert set(results) == {p.name for p in SAMPLES.iterdir()}


def test_real_report_has_no_personal_data(results):
    assert not leaks(results["shuanghua-2018-annual-report.txt"])


def test_list_leaks_every_id_mobile_and_card(results):
    assert leaks(results["公示-高龄津贴发放名单.docx"]) == {"PII001": 6, "PII003": 6, "PII007": 6, "PII012": 6}


def test_spreadsheet_leaks_include_the_hidden_sheet(results):
    doc = results["公示-高龄津贴发放名单.xlsx"]
    assert leaks(doc) == {"PII001": 8, "PII003": 8, "PII007": 8, "PII012": 8}
    assert any(f.place.sheet == "原始数据" for f in doc.findings)


def test_reply_letter_leaks_applicant_contacts(results):
    assert leaks(results["答复书-依申请公开.pdf"]) == {"PII001": 1, "PII003": 1, "PII010": 1, "PII012": 1}


def test_masked_list_passes(results):
    assert not leaks(results["公示-高龄津贴发放名单（已脱敏）.docx"])


def test_annual_report_samples(results):
    for name in ("年度报告-2024-青禾县民政局.docx", "年度报告-2024-青禾县民政局.html"):
        doc = results[name]
        assert doc.findings == [] and doc.report["era"] == "2021" and doc.report["issuer"] == "青禾县民政局"
        assert set(doc.report["sections"].values()) == {"present"}
    broken = results["年度报告-2024-青禾县民政局（有误）.docx"]
    assert Counter(f.rule.code for f in broken.findings) == {"OGI101": 1, "OGI201": 2, "OGI302": 1, "OGI403": 1}


def test_seed_report_profile(results):
    report = results["shuanghua-2018-annual-report.txt"].report
    assert (report["era"], report["year"], report["issuer"], report["issuer_kind"], report["published"]) == \
        ("2007", 2018, "双华镇人民政府", "government", "2019-03-06")

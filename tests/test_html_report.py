"""The HTML report (auditor/outputs/html_report.py): self-contained, escaped, masked, and its
summary agrees with the JSON output. (In-browser tests with Chromium: issue 6, next.)"""
from __future__ import annotations

import json
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest

import fakedata as fd

EXE = Path(sys.executable).parent / "auditor"
ROOT = Path(__file__).resolve().parents[1]
PAYLOADS = ["<script>alert(1)</script>", '<img src=x onerror="alert(2)">']


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    docx = pytest.importorskip("docx")
    folder = tmp_path_factory.mktemp("html")
    rng = random.Random(23)
    values = [fd.resident_id(rng), fd.mobile(rng), fd.name(rng)]
    d = docx.Document()
    d.add_paragraph(f"申请人{values[2]}，身份证号码{values[0]}，备注{PAYLOADS[0]}{PAYLOADS[1]}。")
    d.save(folder / "a.docx")
    (folder / "b.html").write_text(
        f"<html><body><p>联系电话：{values[1]}，&lt;script&gt;alert(3)&lt;/script&gt;"
        f"&lt;img src=x onerror=alert(4)&gt;</p></body></html>", encoding="utf-8")
    (folder / "c.txt").write_text("本机关全年主动公开政府信息120条。\n", encoding="utf-8")
    run = subprocess.run([str(EXE), "scan", ".", "--no-cache", "-f", "html", "-o", "../r.html", "-f", "json",
                          "-o", "../r.json"], cwd=folder, capture_output=True, text=True)
    assert run.returncode == 1, run.stderr
    return ((folder.parent / "r.html").read_text(encoding="utf-8"),
            json.loads((folder.parent / "r.json").read_text(encoding="utf-8")), values)


def test_self_contained_and_chinese(report):
    page, _, _ = report
    assert '<html lang="zh-CN">' in page
    assert not re.search(r'(?:src|href)\s*=\s*["\']?(?:https?:)?//', page)  # nothing fetched from elsewhere
    assert "<link" not in page and "@import" not in page


def test_document_text_is_escaped(report):
    page, _, _ = report
    assert page.count("<script") == 1  # the report's own convenience script only
    assert "<img" not in page  # no element from the documents: every "<" of theirs is escaped
    assert "&lt;script&gt;" in page and "&lt;img" in page  # the payloads are shown as text


def test_no_raw_value(report):
    page, _, values = report
    assert not [v for v in values if v in page]


def test_summary_counts_match_json(report):
    page, data, _ = report
    for severity in ("error", "warning", "note"):
        shown = re.search(rf'data-count="{severity}">(\d+)<', page).group(1)
        assert int(shown) == data["summary"][severity]
    assert page.count('class="finding ') == len(data["findings"])
    assert "文件一览" in page  # several documents: the reviewer's table and charts
    assert "<svg" in page

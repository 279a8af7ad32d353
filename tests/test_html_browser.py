"""The HTML report in a real headless Chromium (Debian's chromium, driven by Playwright for Python;
Playwright's own browser download is not used): the samples' report shows the JSON's counts, a filter
leaves what it should, the page is complete with JavaScript off, and a screenshot is kept in
test-artifacts/ for a person to look at."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from support import skip_or_fail

ROOT = Path(__file__).resolve().parents[1]
EXE = Path(sys.executable).parent / "auditor"
ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        skip_or_fail("playwright is not installed (pip install -e '.[test]')")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        skip_or_fail("no system Chromium (apt-get install chromium)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        yield b
        b.close()


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    run = subprocess.run([str(EXE), "scan", "samples", "--no-cache", "-f", "html", "-o", str(out / "r.html"),
                          "-f", "json", "-o", str(out / "r.json")], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 1, run.stderr
    return out / "r.html", json.loads((out / "r.json").read_text(encoding="utf-8"))


def test_summary_filters_and_screenshot(browser, made):
    html, data = made
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    page.goto(html.as_uri())
    for severity in ("error", "warning", "note"):
        assert int(page.inner_text(f"[data-count={severity}]")) == data["summary"][severity]
    assert page.locator(".finding:visible").count() == len(data["findings"])
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report-summary.png"))
    page.select_option("select[name=rule]", "PII001")
    expected = sum(1 for f in data["findings"] if f["rule"] == "PII001")
    assert page.locator(".finding:visible").count() == expected > 0
    page.select_option("select[name=rule]", "")
    page.uncheck("input[name=severity][value=note]")
    assert page.locator(".finding:visible").count() == sum(1 for f in data["findings"] if f["severity"] != "note")
    broken = next(d for d in data["documents"] if d["uri"].endswith("（有误）.docx"))
    page.select_option("select[name=document]", label=broken["uri"])
    page.locator("article.document:visible").first.screenshot(path=str(ARTIFACTS / "report-annual.png"))
    assert page.locator(".finding:visible").count() == broken["counts"]["error"] + broken["counts"]["warning"]
    page.close()


def test_complete_without_javascript(browser, made):
    html, data = made
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(html.as_uri())
    assert page.locator(".finding:visible").count() == len(data["findings"])  # nothing hidden
    assert not page.locator("#filters").is_visible()  # the filters need the script: not shown without it
    context.close()


def test_payloads_in_documents_execute_nothing(browser, tmp_path):
    """A .docx and an .html carrying <script> and <img onerror> in their text: the report shows them as
    text, opens no dialog, and holds no element but its own."""
    import random

    import docx

    import fakedata as fd

    rng = random.Random(29)
    d = docx.Document()
    d.add_paragraph(f"身份证号码{fd.resident_id(rng)}，备注<script>alert(1)</script><img src=x onerror=alert(2)>。")
    d.save(tmp_path / "a.docx")
    (tmp_path / "b.html").write_text(f"<html><body><p>联系电话：{fd.mobile(rng)}，&lt;script&gt;alert(3)&lt;/script&gt;"
                                     f"&lt;img src=x onerror=alert(4)&gt;</p></body></html>", encoding="utf-8")
    subprocess.run([str(EXE), "scan", str(tmp_path), "--no-cache", "-f", "html", "-o", str(tmp_path / "r.html")],
                   capture_output=True)
    page = browser.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto((tmp_path / "r.html").as_uri())
    page.wait_for_timeout(300)
    assert dialogs == []
    assert page.evaluate("document.querySelectorAll('img').length") == 0
    assert page.evaluate("document.scripts.length") == 1
    assert "<script>alert(1)</script>" in page.inner_text("body")  # shown as text
    page.close()


def test_english(browser, made, tmp_path):
    html, _ = made
    out = tmp_path / "en.html"
    subprocess.run([str(EXE), "scan", "samples", "--no-cache", "--lang", "en", "-f", "html", "-o", str(out)],
                   cwd=ROOT, capture_output=True)
    page = browser.new_page()
    page.goto(out.as_uri())
    assert page.evaluate("document.documentElement.lang") == "en"
    assert "Summary" in page.inner_text("body") and "error" in page.inner_text("[data-count=error] >> xpath=..")
    page.close()

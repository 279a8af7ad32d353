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

"""Size and load time of a large HTML report: 50 documents with about 5,000 findings.

usage: python benchmarks/html_report.py [--docs 50] [--rows 50]

Each document is a generated 公示 list of --rows fake people (name, ID, mobile, bank card: about
4 findings a row). The report is written by `auditor scan -f html`; the load time is measured in
Debian's Chromium (Playwright for Python, executable_path): navigation to the `load` event, and the
time to apply a filter, median of 3.
"""
from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
import fakedata as fd  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=50)
    parser.add_argument("--rows", type=int, default=50)
    args = parser.parse_args()
    rng = random.Random(1)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "docs"
        folder.mkdir()
        for n in range(args.docs):
            rows = ["序号  姓名  身份证号码  联系电话  银行卡号"] + [
                f"{i + 1}  {fd.name(rng)}  {fd.resident_id(rng)}  {fd.mobile(rng)}  {fd.bank_card(rng)}"
                for i in range(args.rows)]
            (folder / f"{n:03d}.txt").write_text("高龄津贴发放名单公示\n" + "\n".join(rows) + "\n", encoding="utf-8")
        report = Path(tmp) / "r.html"
        exe = Path(sys.executable).with_name("auditor")
        start = time.perf_counter()
        subprocess.run([str(exe), "scan", str(folder), "--no-cache", "-f", "html", "-o", str(report)], capture_output=True)
        written = time.perf_counter() - start
        from playwright.sync_api import sync_playwright

        loads, filters, findings = [], [], 0
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=["--no-sandbox"])
            for _ in range(3):
                page = browser.new_page()
                start = time.perf_counter()
                page.goto(report.as_uri(), wait_until="load")
                loads.append(time.perf_counter() - start)
                findings = page.locator(".finding").count()
                start = time.perf_counter()
                page.select_option("select[name=rule]", "PII001")
                page.locator(".finding:visible").count()
                filters.append(time.perf_counter() - start)
                page.close()
            browser.close()
        print(f"{args.docs} documents, {findings} findings: {report.stat().st_size / 1e6:.1f} MB of HTML "
              f"(scan and write {written:.1f} s)")
        print(f"Chromium: load {statistics.median(loads):.2f} s, a filter {statistics.median(filters):.2f} s (median of 3)")


if __name__ == "__main__":
    main()

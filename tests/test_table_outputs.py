"""CSV and XLSX for reviewers: one row per finding, masked, Excel-safe."""
from __future__ import annotations

import io
import json
import random
import subprocess
import sys
from pathlib import Path

import pandas as pd

import fakedata as fd

EXE = Path(sys.executable).parent / "auditor"


def test_csv_and_xlsx(tmp_path):
    rng = random.Random(17)
    values = [fd.resident_id(rng), fd.mobile(rng)]
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "=cmd.txt").write_text(f"身份证号码：{values[0]}\n联系电话：{values[1]}\n", encoding="utf-8")
    (docs / "b.txt").write_text("本机关全年主动公开政府信息120条。\n", encoding="utf-8")
    run = subprocess.run([str(EXE), "scan", ".", "--no-cache", "-f", "csv", "-o", "../r.csv", "-f", "xlsx", "-o",
                          "../r.xlsx", "-f", "json", "-o", "../r.json"], cwd=docs, capture_output=True, text=True)
    assert run.returncode == 1, run.stderr
    raw = (tmp_path / "r.csv").read_bytes()
    assert raw.startswith("\ufeff".encode("utf-8"))  # Excel on Chinese Windows reads it as UTF-8
    findings = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["findings"]
    csv = pd.read_csv(io.StringIO(raw.decode("utf-8-sig")))
    xlsx = pd.read_excel(tmp_path / "r.xlsx")
    for frame in (csv, xlsx):
        assert len(frame) == len(findings) and list(frame.columns)[:2] == ["文件", "行"]
        assert set(frame["规则"]) == {f["rule"] for f in findings}
        assert set(frame["文件"]) == {"'=cmd.txt"}  # a cell starting with = is not a formula
        text = frame.to_csv()
        assert not [v for v in values if v in text]
    assert set(csv["级别"]) <= {"错误", "警告", "提示"}


def test_xlsx_needs_an_output_file(tmp_path):
    (tmp_path / "a.txt").write_text("正文。\n", encoding="utf-8")
    run = subprocess.run([str(EXE), "scan", "a.txt", "-f", "xlsx"], cwd=tmp_path, capture_output=True, text=True)
    assert run.returncode == 2 and "xlsx" in run.stderr

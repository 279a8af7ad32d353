"""CSV and XLSX for reviewers (pandas): one row per finding, masked like every output.

CSV is UTF-8 with a BOM, so Excel on Chinese Windows opens it as UTF-8. A cell that begins with =,
+, -, @ (or a tab or carriage return) is prefixed with an apostrophe: text from a document must never
become a spreadsheet formula (CSV injection).
"""
from __future__ import annotations

import io

COLUMNS = [("uri", "文件"), ("line", "行"), ("column", "列"), ("place_text", "位置"), ("severity", "级别"),
           ("rule", "规则"), ("name", "规则名称"), ("category", "类别"), ("entity", "类型"), ("masked", "脱敏值"),
           ("message", "说明"), ("confidence", "置信度"), ("fingerprint", "指纹")]
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_SEVERITY_ZH = {"error": "错误", "warning": "警告", "note": "提示"}


def _frame(result, options):
    import pandas as pd

    from .json_output import finding_dict

    rows = [finding_dict(f, options) for f in result.findings]
    if options.lang == "zh":
        for row in rows:
            row["severity"] = _SEVERITY_ZH[row["severity"]]
    names = [zh if options.lang == "zh" else key for key, zh in COLUMNS]
    frame = pd.DataFrame([[row.get(key) for key, _ in COLUMNS] for row in rows], columns=names)
    return frame.map(_neutralised)


def _neutralised(value):
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def csv(result, options) -> str:
    return "\ufeff" + _frame(result, options).to_csv(index=False, lineterminator="\r\n")


def xlsx(result, options) -> bytes:
    out = io.BytesIO()
    with __import__("pandas").ExcelWriter(out, engine="openpyxl") as writer:
        _frame(result, options).to_excel(writer, index=False, sheet_name="findings")
    return out.getvalue()

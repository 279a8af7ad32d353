"""The HTML report a person opens: one self-contained file (inline CSS and SVG, no external font,
script or image), `lang="zh-CN"`, complete with JavaScript off; the small inline script only adds
live filtering and table sorting. Everything from a document is escaped (Jinja2 autoescape) and
values are masked like every output. Template: templates/report.html.j2.
"""
from __future__ import annotations

from collections import Counter
from datetime import datetime

from .. import __version__
from ..document import in_language

_ICON = {"error": "✖", "warning": "⚠", "note": "ℹ"}
_RANK = {"error": 3, "warning": 2, "note": 1}
_WORD = {"zh": {"error": "错误", "warning": "警告", "note": "提示"},
         "en": {"error": "error", "warning": "warning", "note": "note"}}
_STATUS = {"zh": {"present": "有", "missing": "缺", "empty": "空", "passed": "通过", "failed": "未通过",
                  "not assessable": "无法判断"},
           "en": {"present": "present", "missing": "missing", "empty": "empty", "passed": "passed",
                  "failed": "failed", "not assessable": "not assessable"}}


def render(result, options) -> str:
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(loader=PackageLoader("auditor.outputs", "templates"), autoescape=select_autoescape(["j2"]),
                      trim_blocks=True, lstrip_blocks=True)
    return env.get_template("report.html.j2").render(**_context(result, options))


def _context(result, options) -> dict:
    lang = options.lang if options.lang in _WORD else "zh"
    documents = [_document(i, d, options, lang) for i, d in enumerate(result.documents, 1)]
    findings = [f for d in documents for f in d["findings"]]
    seen = set()
    for f in findings:  # the first finding of each rule is the target of the summary's link
        f["anchor"] = f["rule"] not in seen
        seen.add(f["rule"])
    by_rule = Counter((f["rule"], f["summary"]) for f in findings)
    by_issuer = Counter((d["report"] or {}).get("issuer") or "（未识别）" for d in documents for _ in d["findings"])
    return {
        "lang": lang, "zh": lang == "zh", "version": __version__,
        "generated": datetime.now().strftime("%Y-%m-%d %H:%M"),
        "documents": documents, "findings": findings,
        "counts": result.counts(), "icon": _ICON, "word": _WORD[lang], "status": _STATUS[lang],
        "by_rule": [(code, name, n) for (code, name), n in by_rule.most_common()],
        "rule_chart": _bars([(code, n) for (code, _), n in by_rule.most_common(20)]),
        "issuer_chart": _bars(by_issuer.most_common(20)),
        "notes": [in_language(n, lang) for n in result.notes],
    }


def _document(i: int, d, options, lang) -> dict:
    counts = d.counts()
    return {"uri": d.document.uri, "id": f"doc{i}", "counts": counts,
            "passed": counts["error"] == 0, "report": d.report,
            "notes": [in_language(n, lang) for n in d.document.notes],
            "suppressed": len(d.suppressed),
            # grouped by rule within the document, most severe first, then in document order
            "findings": [_finding(f, options, lang) for f in sorted(
                d.findings, key=lambda f: (-_RANK[f.severity], f.rule.code, f.line, f.column))]}


def _finding(f, options, lang) -> dict:
    text, start, end = f.context if f.context and f.context[0] else ("", 0, 0)
    return {"severity": f.severity, "rule": f.rule.code, "name": f.rule.name, "category": f.rule.category,
            "message": f.message(lang, options.reveal), "place": f.place.describe(lang), "uri": f.uri,
            "line": f.line, "column": f.column, "masked": f.value if options.reveal else f.masked,
            "before": text[:start], "mark": text[start:end], "after": text[end:],
            "fix": f.rule.text("fix", lang), "basis": f.rule.basis, "summary": f.rule.text("summary", lang)}


def _bars(items: list[tuple[str, int]]) -> dict:
    """A horizontal bar chart as data for inline SVG: rows of (label, value, width in px, y)."""
    top = max((n for _, n in items), default=1)
    return {"height": 24 * len(items) + 8,
            "rows": [(label, n, max(2, round(360 * n / top)), 8 + 24 * i) for i, (label, n) in enumerate(items)]}

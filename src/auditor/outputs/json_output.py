"""JSON output, schema version 1 (documented in docs/json-output.md, checked against
auditor/outputs/report.schema.json by the tests). It carries the same facts as SARIF."""
from __future__ import annotations

import json

from .. import __version__
from ..document import in_language
from ..findings import ScanResult

SCHEMA_VERSION = "1"


def finding_dict(f, options) -> dict:
    out = {
        "rule": f.rule.code, "name": f.rule.name, "severity": f.severity, "category": f.rule.category,
        "entity": f.entity, "message": f.message(options.lang, options.reveal), "uri": f.uri,
        "line": f.line, "column": f.column, "end_line": f.end_line, "end_column": f.end_column,
        "place": f.place.as_dict(), "place_text": f.place.describe(options.lang),
        "masked": f.masked, "confidence": round(f.confidence, 2), "reasons": list(f.reasons),
        "fingerprint": f.fingerprint(),
    }
    if options.reveal:
        out["value"] = f.value
    return out


def document_dict(d, options=None) -> dict:
    doc = d.document
    lang = options.lang if options is not None else "zh"
    return {"uri": doc.uri, "format": doc.format, "encoding": doc.encoding,
            "notes": [in_language(n, lang) for n in doc.notes],
            "counts": d.counts(), "suppressed": len(d.suppressed), **report_properties(d)}


def report_properties(d) -> dict:
    """What was recognised about an annual report (the same keys in JSON and in SARIF artifacts):
    annual_report, era, year, issuer, issuer_kind, published, sections, checks."""
    return d.report if d.report else {"annual_report": False}


def render(result: ScanResult, options) -> str:
    report = {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "auditor", "version": __version__},
        "documents": [document_dict(d, options) for d in result.documents],
        "findings": [finding_dict(f, options) for f in result.findings],
        "summary": {"documents": len(result.documents), **result.counts()},
        "notes": [in_language(n, options.lang) for n in result.notes],
    }
    return json.dumps(report, ensure_ascii=False, indent=2) + "\n"

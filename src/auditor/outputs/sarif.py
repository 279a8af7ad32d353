"""SARIF 2.1.0 (OASIS), as GitHub code scanning reads it.

Regions count Unicode code points (`columnKind: unicodeCodePoints`) in the document's extracted
text; for .txt/.md that is the file itself. The place a person can open (page, table cell, sheet
cell) is in the message and in `properties.place`. URIs are relative to the working directory and
percent-encoded. Every scanned document is an artifact, findings or not.
"""
from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

from .. import __version__
from ..document import in_language
from ..findings import ScanResult
from ..rulepacks import load_rules
from .json_output import report_properties

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://example.invalid/auditor"  # no public home yet; SARIF wants a URI here


def artifact_uri(uri: str) -> str:
    if uri.startswith("/"):
        return Path(uri).as_uri()
    return quote(uri, safe="/")


def _rule_descriptor(rule, lang: str) -> dict:
    fix = rule.text("fix", lang)
    summary = rule.text("summary", lang)
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": f"{summary}. {rule.basis}" if lang == "en" else f"{summary}。依据：{rule.basis}"},
        "help": {"text": fix, "markdown": f"**{summary}**\n\n{fix}\n\n依据 (basis): {rule.basis}"},
        "defaultConfiguration": {"level": rule.severity},
        "properties": {"category": rule.category, "entity": rule.entity, "tags": sorted({rule.pack, rule.category})},
    }


def _result(f, index: dict, artifacts: dict, options) -> dict:
    place_text = f.place.describe(options.lang)
    result = {
        "ruleId": f.rule.code,
        "ruleIndex": index[f.rule.code],
        "level": f.severity,
        "message": {"text": f"{f.message(options.lang, options.reveal)}（{place_text}）" if options.lang == "zh"
                    else f"{f.message(options.lang, options.reveal)} ({place_text})"},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": artifact_uri(f.uri), "index": artifacts[f.uri]},
            "region": {"startLine": f.line, "startColumn": f.column,
                       "endLine": f.end_line, "endColumn": f.end_column}}}],
        "partialFingerprints": {"auditorFinding/v1": f.fingerprint()},
        "properties": {"category": f.rule.category, "place": f.place.as_dict(), "placeText": place_text,
                       "confidence": round(f.confidence, 2), "reasons": list(f.reasons)},
    }
    if f.entity:
        result["properties"]["entity"] = f.entity
        result["properties"]["masked"] = f.masked
    return result


def render(result: ScanResult, options) -> str:
    rules = load_rules().rules
    index = {r.code: i for i, r in enumerate(rules)}
    artifacts = {d.document.uri: i for i, d in enumerate(result.documents)}
    run = {
        "tool": {"driver": {
            "name": "auditor", "version": __version__, "semanticVersion": __version__,
            "informationUri": INFORMATION_URI,
            "rules": [_rule_descriptor(r, options.lang) for r in rules]}},
        "columnKind": "unicodeCodePoints",
        "artifacts": [{"location": {"uri": artifact_uri(d.document.uri)},
                       "properties": {"format": d.document.format, "encoding": d.document.encoding,
                                      "notes": [in_language(n, options.lang) for n in d.document.notes],
                                      **report_properties(d)}}
                      for d in result.documents],
        "results": [_result(f, index, artifacts, options) for f in result.findings]
        + [_result(f, index, artifacts, options) | {"suppressions": [how]}
           for d in result.documents for f, how in d.suppressed],  # kept, marked: inline or baseline
        "invocations": [{"executionSuccessful": True, "toolExecutionNotifications": [
            {"level": "note", "message": {"text": in_language(note, options.lang)}} for note in result.notes]}],
    }
    return json.dumps({"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}, ensure_ascii=False, indent=2) + "\n"

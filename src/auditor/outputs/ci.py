"""Outputs for CI systems: JUnit XML, GitHub Actions annotations, GitLab Code Quality, JSON Lines and
per-rule statistics. Like every output they show masked values only: CI logs and reports of public
repositories are public.

- junit: one <testsuite>, one <testcase> per document (classname and name: its path), a <failure>
  per error or warning finding (type: the rule code; body: place, rule, fix); notes go to the
  test case's <system-out>. Valid against the Jenkins xUnit plugin's junit-10.xsd.
- github: `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message` workflow commands
  (note → ::notice). GitHub shows at most 10 of each kind per step: the SARIF upload has them all.
- gitlab: a Code Quality report (CodeClimate subset): description, check_name, fingerprint (unique
  per finding), severity (error → critical, warning → major, note → info), location.path/lines.begin.
- jsonl: one finding per line, the objects of the JSON output.
- statistics: the number of findings per rule, most first (like ruff --statistics).
"""
from __future__ import annotations

import json
from collections import Counter
from xml.sax.saxutils import escape, quoteattr

from .json_output import finding_dict

_GITHUB_LEVEL = {"error": "error", "warning": "warning", "note": "notice"}
_GITLAB_SEVERITY = {"error": "critical", "warning": "major", "note": "info"}


def _message(f, options) -> str:
    return f"{f.rule.code} {f.message(options.lang, options.reveal)}（{f.place.describe(options.lang)}）"


def junit(result, options) -> str:
    cases, failures = [], 0
    for d in result.documents:
        uri = d.document.uri
        body = []
        notes = []
        for f in d.findings:
            if f.severity == "note":
                notes.append(f"{f.line}:{f.column} {_message(f, options)}")
                continue
            failures += 1
            detail = (f"{uri}:{f.line}:{f.column} [{f.severity}] {f.rule.name}\n"
                      f"{f.place.describe(options.lang)}\n{f.rule.text('fix', options.lang)}")
            body.append(f"<failure type={quoteattr(f.rule.code)} message={quoteattr(_message(f, options))}>"
                        f"{escape(detail)}</failure>")
        if notes:
            body.append(f"<system-out>{escape(chr(10).join(notes))}</system-out>")
        cases.append(f'  <testcase classname={quoteattr(uri)} name={quoteattr(uri)} time="0">'
                     + "".join(body) + "</testcase>")
    n = len(result.documents)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<testsuites name="auditor" tests="{n}" failures="{failures}" errors="0">\n'
            f'<testsuite name="auditor" tests="{n}" failures="{failures}" errors="0" skipped="0" time="0">\n'
            + "\n".join(cases) + "\n</testsuite>\n</testsuites>\n")


def _github_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_property(text: str) -> str:
    return _github_data(text).replace(":", "%3A").replace(",", "%2C")


def github(result, options) -> str:
    lines = []
    for f in result.findings:
        props = ",".join(f"{k}={_github_property(str(v))}" for k, v in (
            ("file", f.uri), ("line", f.line), ("col", f.column), ("endLine", f.end_line),
            ("endColumn", f.end_column), ("title", f"auditor {f.rule.code} {f.rule.name}")))
        lines.append(f"::{_GITHUB_LEVEL[f.severity]} {props}::{_github_data(_message(f, options))}")
    return "".join(line + "\n" for line in lines)


def gitlab(result, options) -> str:
    issues = [{"description": _message(f, options), "check_name": f.rule.code,
               "fingerprint": f.fingerprint(), "severity": _GITLAB_SEVERITY[f.severity],
               "location": {"path": f.uri, "lines": {"begin": f.line}}} for f in result.findings]
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"


def jsonl(result, options) -> str:
    return "".join(json.dumps(finding_dict(f, options), ensure_ascii=False) + "\n" for f in result.findings)


def statistics(result, options) -> str:
    counts = Counter(f.rule.code for f in result.findings)
    rules = {f.rule.code: f.rule for f in result.findings}
    zh = options.lang == "zh"
    lines = [f"{n:>6}  {code}  {rules[code].severity:<7}  {rules[code].text('summary', options.lang)}"
             for code, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]
    total = sum(counts.values())
    lines.append(f"{total:>6}  " + ("合计" if zh else "total"))
    return "\n".join(lines) + "\n"

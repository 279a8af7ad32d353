"""Outputs: a ScanResult -> text for people (text) or machines (json, sarif, and for CI systems
junit, github, gitlab, jsonl, statistics: see ci.py).

Every renderer takes the same `Options` and masks values unless `reveal` is set. Outputs never read
files or run detectors: everything they show is in the findings.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..findings import ScanResult


@dataclass(frozen=True)
class Options:
    lang: str = "zh"
    reveal: bool = False
    explain: bool = False  # text output: the evidence and confidence under each finding


def render(fmt: str, result: ScanResult, options: Options) -> str | bytes:
    from . import ci, html_report, json_output, sarif, table, text
    renderers = {"text": text.render, "json": json_output.render, "sarif": sarif.render, "junit": ci.junit,
                 "github": ci.github, "gitlab": ci.gitlab, "jsonl": ci.jsonl, "statistics": ci.statistics,
                 "csv": table.csv, "xlsx": table.xlsx, "html": html_report.render}
    return renderers[fmt](result, options)


FORMATS = ("text", "json", "sarif", "junit", "github", "gitlab", "jsonl", "statistics", "csv", "xlsx", "html")
BINARY = ("xlsx",)  # written to a file only

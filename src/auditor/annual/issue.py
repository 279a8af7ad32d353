"""What an annual-report check reports: a verdict of rules/annual-report.yaml at a place."""
from __future__ import annotations

from dataclasses import dataclass

from ..document import Text
from .recognise import Profile


@dataclass
class Issue:
    verdict: str  # a verdict of rules/annual-report.yaml (detector `annual_report`)
    line: int  # block index
    start: int
    end: int
    detail: Text
    # what the issue is about, stable across edits (a section key, a table cell's labels): with the
    # rule and the file, its identity in a baseline ("" : the rule itself, once per file)
    anchor: str = ""


def about_report(profile: Profile, lines: list[str], verdict: str, detail: Text, anchor: str = "") -> Issue:
    """An issue about the whole report (a missing section has no heading to point at): the title line."""
    line = profile.title_line
    return Issue(verdict, line, 0, max(1, len(lines[line].rstrip())) if lines else 1, detail, anchor)

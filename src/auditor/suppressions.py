"""Inline suppressions in Markdown and HTML, with a reason, and the findings about suppressions themselves.

    <!-- auditor: ignore PII006 -- 已公开的办公电话 -->          the next non-blank line
    <!-- auditor: ignore-start PII006, PII011 -- 机关通讯录 -->  every line up to
    <!-- auditor: ignore-end -->

Codes may be prefixes (PII, OGI1). A directive without a reason is not applied (SUP003); one that
suppressed nothing is reported (SUP001), like ruff's RUF100, so stale ones get cleaned up. Only
Markdown and HTML, whose comments are not published, whereas any comment line in a .txt would be, and
.docx/.pdf/.xlsx have no comments a reviewer would keep: those use the ignore file (baseline.py).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .document import Text

DETECTOR = "suppression"
FORMATS = ("md", "html")  # the HTML reader keeps directive comments as lines of their own
_DIRECTIVE = re.compile(r"<!--\s*auditor:\s*(?P<kind>ignore-start|ignore-end|ignore)\b(?P<codes>[A-Za-z0-9,\s]*?)"
                        r"(?:\s--\s*(?P<reason>.*?))?\s*-->")


@dataclass
class Directive:
    line: int  # block index of the comment
    start: int
    end: int
    codes: tuple[str, ...]
    reason: str
    lines: range = range(0)  # the lines it covers
    used: bool = False
    suppressed: list = field(default_factory=list)


def directives(texts: list[str]) -> list[Directive]:
    out, open_block = [], None
    for i, text in enumerate(texts):
        for m in _DIRECTIVE.finditer(text):
            kind = m.group("kind")
            if kind == "ignore-end":
                if open_block is not None:
                    open_block.lines = range(open_block.line + 1, i)
                    open_block = None
                continue
            d = Directive(i, m.start(), m.end(), tuple(c.upper() for c in re.split(r"[\s,]+", m.group("codes")) if c),
                          (m.group("reason") or "").strip())
            if kind == "ignore-start":
                open_block = d
            else:
                following = next((j for j in range(i + 1, len(texts))
                                  if texts[j].strip() and not _DIRECTIVE.fullmatch(texts[j].strip())), None)
                d.lines = range(following, following + 1) if following is not None else range(0)
            out.append(d)
    if open_block is not None:  # no ignore-end: to the end of the file
        open_block.lines = range(open_block.line + 1, len(texts))
    return out


def apply_inline(doc, findings: list, rules, selection) -> tuple[list, list[tuple]]:
    """(findings kept, [(finding, SARIF suppression)]) with the directive findings added to the kept."""
    if doc.format not in FORMATS:
        return findings, []
    found = directives(doc.texts())
    if not found:
        return findings, []
    kept, suppressed = [], []
    for f in findings:
        d = next((d for d in found if d.reason and f.line - 1 in d.lines
                  and any(f.rule.code.startswith(c) for c in d.codes)), None)
        if d is None:
            kept.append(f)
            continue
        d.used = True
        suppressed.append((f, {"kind": "inSource", "justification": d.reason}))
    for d in found:
        verdict = "no-reason" if not d.reason else None if d.used else "unused"
        if verdict:
            kept += _about(doc, d, verdict, rules, selection)
    return kept, suppressed


def _about(doc, d: Directive, verdict: str, rules, selection) -> list:
    from .findings import Finding

    rule = rules.for_verdict(DETECTOR, verdict)
    if rule is None or rule.code not in selection.codes:
        return []
    codes = ", ".join(d.codes) or "-"
    detail = (Text(f"注释 auditor: ignore {codes} 没有写明理由，未生效（格式：<!-- auditor: ignore 规则 -- 理由 -->）",
                   f"auditor: ignore {codes} has no reason and was not applied (<!-- auditor: ignore CODE -- reason -->)")
              if verdict == "no-reason" else
              Text(f"注释 auditor: ignore {codes} 没有屏蔽任何发现，可以删除",
                   f"auditor: ignore {codes} suppressed nothing: remove it"))
    return [Finding(rule=rule, severity=selection.severity_of(rule), uri=doc.uri, line=d.line + 1, column=d.start + 1,
                    end_line=d.line + 1, end_column=d.end + 1, place=doc.blocks[d.line].place_at(d.start),
                    detail=detail, anchor=f"{verdict}:{codes}")]


def stale_finding(document, entry: dict, rules, selection):
    """A baseline entry that matched nothing in its file (which was scanned)."""
    from .document import Place
    from .findings import Finding

    rule = rules.for_verdict(DETECTOR, "stale")
    if rule is None or rule.code not in selection.codes:
        return None
    return Finding(rule=rule, severity=selection.severity_of(rule), uri=document.uri, line=1, column=1,
                   end_line=1, end_column=1, place=Place(part="file"),
                   detail=Text(f"基线中的一条 {entry['rule']} 记录已不再出现，可从基线中删除（重新运行 auditor baseline）",
                               f"a baseline entry for {entry['rule']} no longer matches: remove it (re-run auditor baseline)"),
                   anchor=f"stale:{entry['id']}")

"""Plain text for a terminal: findings grouped by file, then the totals."""
from __future__ import annotations

from ..document import in_language
from ..findings import ScanResult

_LEVEL = {"zh": {"error": "错误", "warning": "警告", "note": "提示"},
          "en": {"error": "error", "warning": "warning", "note": "note"}}


def _report_lines(report: dict, zh: bool) -> list[str]:
    """What was recognised: era=2007 year=2018 issuer=双华镇人民政府 (government) published=2019-03-06,
    then each section's status and the count of checks by outcome."""
    kind = f" ({report['issuer_kind']})" if report["issuer_kind"] else ""
    out = [("  年度报告：" if zh else "  annual report: ")
           + f"era={report['era'] or '-'} year={report['year'] or '-'} issuer={report['issuer'] or '-'}{kind} "
           f"published={report['published'] or '-'}"]
    if report["sections"]:
        out.append(("  报告部分：" if zh else "  sections: ")
                   + ", ".join(f"{key}={status}" for key, status in report["sections"].items()))
    outcomes = [c["outcome"] for c in report["checks"]]
    if outcomes:
        out.append(("  检查项：" if zh else "  checks: ") + ", ".join(
            f"{outcome} {outcomes.count(outcome)}" for outcome in ("passed", "failed", "not assessable")
            if outcome in outcomes))
    return out


def render(result: ScanResult, options) -> str:
    zh = options.lang == "zh"
    level = _LEVEL[options.lang]
    lines = []
    for doc_result in result.documents:
        doc = doc_result.document
        lines.append(doc.uri)
        if doc_result.report:
            lines += _report_lines(doc_result.report, zh)
        for f in doc_result.findings:
            where = f.place.describe(options.lang)
            lines.append(f"  {f.line}:{f.column}  {level[f.severity]}  {f.rule.code}  "
                         f"{f.message(options.lang, options.reveal)}  [{where}]")
            if options.explain and f.reasons:
                score = f"{f.confidence:.2f}"
                lines.append((f"      依据（置信度 {score}）：" if zh else f"      evidence (confidence {score}): ")
                             + "; ".join(f.reasons))
        if not doc_result.findings:
            lines.append("  " + ("未发现问题" if zh else "no findings"))
        if doc_result.suppressed:
            n = len(doc_result.suppressed)
            lines.append("  " + (f"另有 {n} 个发现已被基线或屏蔽注释接受" if zh else
                                 f"{n} more finding(s) accepted by the baseline or a suppression comment"))
        for note in doc.notes:
            lines.append("  " + ("说明：" if zh else "note: ") + in_language(note, options.lang))
    for note in result.notes:
        lines.append(("说明：" if zh else "note: ") + in_language(note, options.lang))
    counts = result.counts()
    n = len(result.documents)
    if zh:
        lines.append(f"共检查 {n} 个文件：错误 {counts['error']}，警告 {counts['warning']}，提示 {counts['note']}")
    else:
        lines.append(f"{n} document(s) scanned: {counts['error']} error(s), {counts['warning']} warning(s), "
                     f"{counts['note']} note(s)")
    return "\n".join(lines) + "\n"

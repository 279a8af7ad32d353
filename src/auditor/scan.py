"""The engine: documents in, findings out. Readers -> detectors -> findings; outputs come after."""
from __future__ import annotations

import gc
import os
import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from . import annual, cache, suppressions
from .detectors import detector
from .detectors.context import DocumentScope, vocabulary
from .detectors.normalize import normalize
from .document import Document, Place, Problem, Text
from .findings import DocumentResult, Finding, ScanResult
from .layout import infer_text_tables
from .masking import mask
from .readers import discover, glob_match, load
from .rulepacks import Rule, RuleSet, load_rules

# Where two hits overlap, the more specific reading wins (an ID beats the bank-card reading of the
# same digits; a leak beats an office note).
_VERDICT_RANK = {"leak": 3, "under-masked": 2, "office": 1}


@dataclass
class Selection:
    """Which rules run and at what severity (from the config file and the command line)."""

    codes: set[str]
    severity: dict[str, str] = field(default_factory=dict)
    allowed: frozenset[str] = frozenset()  # canonical values (see `canonical`) never reported
    person_model: str | None = None  # a user's own spaCy pipeline whose PERSON entities are used too
    report: annual.ReportSettings = field(default_factory=annual.ReportSettings)  # how annual reports are checked
    per_file_ignores: tuple = ()  # ((glob, (code or prefix, ...)), ...): rules not reported on those files

    def ignored_in(self, uri: str, code: str) -> bool:
        name = uri.rsplit("/", 1)[-1]
        return any(code.startswith(codes) and glob_match([glob], uri, name) for glob, codes in self.per_file_ignores)

    @classmethod
    def everything(cls, rules: RuleSet) -> "Selection":
        return cls({r.code for r in rules})

    def severity_of(self, rule: Rule) -> str:
        return self.severity.get(rule.code, rule.severity)


# Detectors that read names and their company (the NLP pipeline): `--no-names` turns them off and
# leaves the numbers-only fast path.
NAME_DETECTORS = ("person_name", "address", "birth_date")


def scan_paths(paths, include=(), exclude=(), selection: Selection | None = None, jobs: int = 1,
               respect_gitignore: bool = True, only: set[str] | None = None,
               cache_dir: Path | None = None) -> ScanResult:
    """Scan the documents under `paths`. `only` (real paths, e.g. the files changed since a git
    revision) limits the scan to those; the other annual reports are still read, with the annual-report
    rules alone, as context for the cross-year checks, and are not reported. `cache_dir`: reuse the
    results of unchanged documents (auditor.cache)."""
    rules = load_rules()
    selection = selection or Selection.everything(rules)
    files, notes = discover(list(paths), list(include), list(exclude), respect_gitignore)
    context = []
    if only is not None:
        context = [f for f in files if os.path.realpath(f[0]) not in only]
        files = [f for f in files if os.path.realpath(f[0]) in only]
    if jobs > 1 and len(files) > 1:
        results = _scan_in_pool(files, selection, jobs, cache_dir)
    else:
        results = [_scan_one(path, uri, rules, selection, cache_dir) for path, uri in files]
    _across_years(results, rules, selection, _context_facts(context, rules, selection))
    return ScanResult(results, notes)


def _context_facts(files, rules: RuleSet, selection: Selection) -> list:
    """The cross-year facts of unchanged annual reports (read with the annual-report rules only)."""
    cross_year = {r.code for r in rules if r.verdict in ("carry-over-mismatch", "copied-report")}
    if not files or not cross_year & selection.codes:
        return []
    reports_only = Selection({r.code for r in rules if r.detector == annual.DETECTOR}, report=selection.report)
    return [r.year_facts for r in (_scan_one(path, uri, rules, reports_only) for path, uri in files)
            if r.year_facts is not None]


def _across_years(results: list[DocumentResult], rules: RuleSet, selection: Selection, context=()) -> None:
    """Reports of one issuer for consecutive years in the batch: carry-over and copied text.
    `context`: facts of reports that are compared with but not reported on."""
    batch = [(r.year_facts, i) for i, r in enumerate(results) if r.year_facts is not None]
    batch += [(facts, None) for facts in context]
    if len(batch) < 2:
        return
    for i, found, outcomes in annual.across_years(batch):
        if i is None:
            continue  # a context report: not reported on
        result = results[i]
        result.report["checks"] += [{"check": name, "outcome": outcome} for name, outcome in outcomes.items()]
        for issue, place in found:
            rule = rules.for_verdict(annual.DETECTOR, issue.verdict)
            if rule is not None and rule.code in selection.codes:
                result.findings.append(_report_finding(result.document.uri, issue, rule, selection, place))


def _scan_in_pool(files, selection: Selection, jobs: int, cache_dir: Path | None) -> list[DocumentResult]:
    """A batch over `jobs` worker processes; each loads the NLP once and returns results without the
    document's text (the outputs need only its name, notes and properties)."""
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(_scan_for_pool, files, [selection] * len(files), [cache_dir] * len(files),
                             chunksize=4))


def _scan_for_pool(file, selection: Selection, cache_dir: Path | None) -> DocumentResult:
    path, uri = file
    result = _scan_one(path, uri, load_rules(), selection, cache_dir)
    doc = result.document
    result.document = Document(doc.path, doc.uri, doc.format, notes=doc.notes, problems=doc.problems,
                               encoding=doc.encoding, properties=doc.properties)
    return result


@contextmanager
def _cyclic_gc_paused():
    """Reference counting frees nearly all a scan makes; the cyclic collector would only walk the
    document's hundreds of thousands of live objects again and again (a tenth of a large scan's
    time, measured with gc.callbacks). Paused for one document; its cycles are collected later."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _scan_one(path, uri, rules: RuleSet, selection: Selection, cache_dir: Path | None = None) -> DocumentResult:
    """One document; a failure inside auditor itself becomes a finding on that document, so one
    odd file never stops the batch and the gate does not pass what was not checked."""
    key = cache.entry_key(Path(path), uri, selection) if cache_dir is not None else None
    if key is not None:
        cached = cache.load(cache_dir, key, rules)
        if cached is not None:
            return cached
    with _cyclic_gc_paused():
        result = _scan_loaded(load(path, uri), rules, selection)
    if key is not None:
        cache.store(cache_dir, key, result)
    return result


def _scan_loaded(doc: Document, rules: RuleSet, selection: Selection) -> DocumentResult:
    try:
        return scan_document(doc, rules, selection)
    except Exception as exc:  # noqa: BLE001 - reported as a DOC001 finding, never a traceback
        failed = Document(doc.path, doc.uri, doc.format, notes=doc.notes, encoding=doc.encoding)
        failed.problems.append(Problem("unreadable", Text(
            f"检查时出现内部错误（{type(exc).__name__}），该文件未完成检查，请报告此问题",
            f"an internal error occurred while checking ({type(exc).__name__}); the file was not fully "
            f"checked: please report it")))
        return DocumentResult(failed, list(_problem_findings(failed, rules, selection)))


def scan_document(doc: Document, rules: RuleSet | None = None, selection: Selection | None = None) -> DocumentResult:
    """Personal data, then (for an annual report) the report checks, then what the configuration
    and the document's own suppression comments take out."""
    rules = rules or load_rules()
    selection = selection or Selection.everything(rules)
    findings = list(_problem_findings(doc, rules, selection))
    infer_text_tables(doc)
    findings += _personal_data_findings(doc, rules, selection)
    profile = None
    if any(r.detector == annual.DETECTOR and r.code in selection.codes for r in rules):
        profile, issues = annual.check_report(doc, settings=selection.report)
        findings += _report_findings(doc, issues, rules, selection)
    if selection.per_file_ignores:
        findings = [f for f in findings if not selection.ignored_in(doc.uri, f.rule.code)]
    findings, suppressed = suppressions.apply_inline(doc, findings, rules, selection)
    _number_occurrences(findings)
    if profile is None or not profile.annual_report:
        return DocumentResult(doc, findings, suppressed=suppressed)
    return DocumentResult(doc, findings, profile.as_dict(), profile.facts, suppressed)


def _personal_data_findings(doc: Document, rules: RuleSet, selection: Selection) -> list[Finding]:
    active = [name for name in rules.detectors()
              if any(r.code in selection.codes for r in rules if r.detector == name)]
    for name in active:
        detector(name)  # imported before the document's first pass: they declare their prefilters
    doc_scope = DocumentScope(doc, vocabulary())
    doc_scope.person_model = selection.person_model
    hits_by_block = defaultdict(list)
    for name in active:
        for hit in doc_scope.hits(name):
            hits_by_block[hit.block].append(hit)
    findings = []
    for index in sorted(hits_by_block):
        in_block = []
        block, scope = doc.blocks[index], doc_scope.scope(index)
        for hit in _without_overlaps(hits_by_block[index]):
            rule = rules.for_verdict(hit.detector, hit.verdict)
            if rule is None or rule.code not in selection.codes:
                continue
            start, end = scope.original_span(hit.start, hit.end)
            value = block.text[start:end]
            normalised = scope.text[hit.start:hit.end]  # the mask is made from the folded digits
            anchor = canonical(normalised)
            if selection.allowed and anchor in selection.allowed:
                continue
            findings.append(Finding(
                rule=rule, severity=selection.severity_of(rule), uri=doc.uri,
                line=index + 1, column=start + 1, end_line=index + 1, end_column=end + 1,
                place=block.place_at(start), entity=hit.entity, value=value, masked=mask(normalised, hit.entity),
                confidence=hit.confidence, reasons=hit.reasons, label=hit.label, detail=hit.detail, anchor=anchor))
            in_block.append(findings[-1])
        _masked_contexts(block.text, in_block)
    return findings


_SENTENCE_END = re.compile(r"[。！？；!?;]")
CONTEXT_CHARS = 60  # at most this many characters either side of the value


def _masked_contexts(text: str, found: list[Finding]) -> None:
    """Give each finding its sentence with every value of this block in it masked (the HTML report
    shows the mask highlighted in its sentence; outputs never re-read the document)."""
    spans = sorted((f.column - 1, f.end_column - 1, f.masked or "") for f in found)
    starts, ends = [s for s, _, _ in spans], [e for _, e, _ in spans]  # ends ascend too: no overlaps
    for f in found:
        start, end = f.column - 1, f.end_column - 1
        before = [m.end() for m in _SENTENCE_END.finditer(text, max(0, start - CONTEXT_CHARS), start)]
        a = before[-1] if before else max(0, start - CONTEXT_CHARS)
        after = _SENTENCE_END.search(text, end, end + CONTEXT_CHARS)
        b = after.end() if after else min(len(text), end + CONTEXT_CHARS)
        out, pos, mark = [], a, (0, 0)
        # only the spans inside the window: a list flattened into one line has thousands per block
        for s, e, masked in spans[bisect_right(ends, a):bisect_left(starts, b)]:
            out.append(text[pos:max(pos, s)])
            here = sum(map(len, out))
            if (s, e) == (start, end):
                mark = (here, here + len(masked))
            out.append(masked)
            pos = max(pos, e)
        out.append(text[pos:b])
        f.context = ("".join(out), *mark)


def _report_findings(doc: Document, issues, rules: RuleSet, selection: Selection):
    for issue in issues:
        rule = rules.for_verdict(annual.DETECTOR, issue.verdict)
        if rule is None or rule.code not in selection.codes:
            continue
        yield _report_finding(doc.uri, issue, rule, selection, doc.blocks[issue.line].place_at(issue.start))


def _report_finding(uri: str, issue, rule: Rule, selection: Selection, place: Place) -> Finding:
    return Finding(rule=rule, severity=selection.severity_of(rule), uri=uri, line=issue.line + 1,
                   column=issue.start + 1, end_line=issue.line + 1, end_column=issue.end + 1,
                   place=place, detail=issue.detail, anchor=issue.anchor)


def canonical(value: str) -> str:
    """How allowlisted values are compared: an e-mail lower-cased, a number as its bare digits
    without a +86/0086 prefix (so 0753-1234567 and (0753)1234567 are one value)."""
    value = normalize(value)[0].strip()
    if "@" in value:
        return value.lower()
    digits = "".join(c for c in value if c.isalnum()).upper()
    for prefix in ("0086", "86"):
        if digits.startswith(prefix) and len(digits) == len(prefix) + 11 and digits[len(prefix)] == "1":
            return digits[len(prefix):]
    return digits


def _without_overlaps(hits):
    if len(hits) == 1:
        return hits
    by_start = sorted(hits, key=lambda h: h.start)
    if all(a.end <= b.start for a, b in zip(by_start, by_start[1:])):
        return by_start  # the common case: nothing overlaps
    kept = []
    for hit in sorted(hits, key=lambda h: (-_VERDICT_RANK.get(h.verdict, 0), -h.confidence, h.start)):
        if all(hit.end <= k.start or k.end <= hit.start for k in kept):
            kept.append(hit)
    return sorted(kept, key=lambda h: h.start)


def _problem_findings(doc: Document, rules: RuleSet, selection: Selection):
    for problem in doc.problems:
        rule = rules.for_verdict("document", problem.kind) or rules.for_verdict("document", "unreadable")
        if rule.code not in selection.codes:
            continue
        yield Finding(rule=rule, severity=selection.severity_of(rule), uri=doc.uri, line=1, column=1,
                      end_line=1, end_column=1, place=problem.place or Place(part="file"), detail=problem.detail)


def _number_occurrences(findings: list[Finding]) -> None:
    seen = Counter()
    for f in findings:
        key = (f.rule.code, f.masked or f.detail)
        f.occurrence = seen[key]
        seen[key] += 1

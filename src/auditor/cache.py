"""A content cache of per-document results, so a re-scan of an unchanged folder is quick.

Keyed by the document's bytes and path, auditor's own code and rule packs, and the settings that
change results (rules selected, severities, allowlist, report settings, per-file ignores). It holds
what the outputs show and nothing more: masked values, places, messages — never a raw value or the
canonical form behind a finding. A finding's baseline identity (a keyed hash, see baseline.py) is
stored only when $AUDITOR_BASELINE_KEY is set, and the key's own tag is part of the cache key.
Checks across documents (cross-year) are always recomputed from the stored per-report facts.

Files live in $XDG_CACHE_HOME/auditor/results (or ~/.cache/...), one JSON file per entry, written
atomically (parallel workers). `auditor scan --no-cache` neither reads nor writes it.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import os
from datetime import date
from functools import lru_cache
from pathlib import Path

from . import __version__
from .document import Document, Place, Text

SCHEMA = "1"


def default_dir() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "auditor" / "results"


@lru_cache(maxsize=1)
def _code_digest() -> str:
    """auditor's code and rule packs: a change to either invalidates every entry."""
    from .rulepacks import rules_dir

    digest = hashlib.sha256(__version__.encode())
    package = Path(__file__).parent
    for path in sorted(package.rglob("*.py")) + sorted(rules_dir().glob("*.yaml")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _key_tag() -> str:
    from . import baseline

    try:
        return hmac.new(baseline.key(), b"auditor-cache", hashlib.sha256).hexdigest()[:16]
    except baseline.BaselineError:
        return ""


def entry_key(path: Path, uri: str, selection) -> str | None:
    try:
        content = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None  # unreadable: scanned (and reported) without the cache
    allowed = hashlib.sha256("\x1f".join(sorted(selection.allowed)).encode()).hexdigest()
    settings = json.dumps([sorted(selection.codes), sorted(selection.severity.items()), allowed,
                           selection.person_model, repr(selection.report), repr(selection.per_file_ignores)])
    # today's date: an annual report's "date in the future" check depends on it
    parts = [SCHEMA, _code_digest(), content, uri, settings, _key_tag(), date.today().isoformat()]
    return hashlib.sha256("\x1e".join(parts).encode()).hexdigest()


def load(folder: Path, key: str, rules):
    try:
        data = json.loads((folder / key[:2] / f"{key}.json").read_text(encoding="utf-8"))
        return _result(data, rules)
    except (OSError, ValueError, KeyError, TypeError):
        return None  # absent or unreadable: scan again


def store(folder: Path, key: str, result) -> None:
    from . import baseline

    try:
        secret = baseline.key()
    except baseline.BaselineError:
        secret = None
    data = {"document": _document(result.document),
            "findings": [_finding(f, secret) for f in result.findings],
            "suppressed": [[_finding(f, secret), how] for f, how in result.suppressed],
            "report": result.report, "year_facts": _facts(result.year_facts)}
    target = folder / key[:2] / f"{key}.json"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        partial.replace(target)
    except OSError:
        pass  # a read-only or full disk: the scan goes on without caching


# ------------------------------------------------------------------------- to and from JSON

def _text(value) -> list[str]:
    return [str(value), getattr(value, "en", str(value))]


def _document(doc: Document) -> dict:
    return {"path": str(doc.path), "uri": doc.uri, "format": doc.format, "encoding": doc.encoding,
            "notes": [_text(n) for n in doc.notes]}


def _finding(f, secret: bytes | None) -> dict:
    from . import baseline

    return {"rule": f.rule.code, "severity": f.severity, "uri": f.uri, "line": f.line, "column": f.column,
            "end_line": f.end_line, "end_column": f.end_column, "place": f.place.as_dict(), "entity": f.entity,
            "masked": f.masked, "confidence": f.confidence, "reasons": list(f.reasons), "label": f.label,
            "detail": _text(f.detail), "occurrence": f.occurrence, "context": list(f.context),
            "identity": baseline.identity(f, secret) if secret else None}


def _facts(facts) -> dict | None:
    if facts is None:
        return None
    line, end, place = facts.title
    return {"issuer": facts.issuer, "year": facts.year, "title": [line, end, place.as_dict()],
            "carried": None if facts.carried is None else
            [[[v.text, v.line, v.start, v.end], p.as_dict()] for v, p in facts.carried],
            "forward": facts.forward, "sentences": sorted(s.hex() for s in facts.sentences)}


def _result(data: dict, rules):
    from .annual.cross_year import YearFacts
    from .annual.tables import Value
    from .findings import DocumentResult, Finding

    def finding(d: dict) -> Finding:
        f = Finding(rule=rules.by_code[d["rule"]], severity=d["severity"], uri=d["uri"], line=d["line"],
                    column=d["column"], end_line=d["end_line"], end_column=d["end_column"],
                    place=Place(**d["place"]), entity=d["entity"], masked=d["masked"],
                    confidence=d["confidence"], reasons=tuple(d["reasons"]), label=d["label"],
                    detail=Text(*d["detail"]), occurrence=d["occurrence"], context=tuple(d["context"]))
        f.identity = d["identity"]
        return f

    doc = data["document"]
    document = Document(Path(doc["path"]), doc["uri"], doc["format"], encoding=doc["encoding"],
                        notes=[Text(*n) for n in doc["notes"]])
    facts = data["year_facts"]
    if facts is not None:
        line, end, place = facts["title"]
        facts = YearFacts(facts["issuer"], facts["year"], (line, end, Place(**place)),
                          None if facts["carried"] is None else
                          [(Value(*v), Place(**p)) for v, p in facts["carried"]],
                          facts["forward"], frozenset(bytes.fromhex(s) for s in facts["sentences"]))
    return DocumentResult(document, [finding(f) for f in data["findings"]], data["report"], facts,
                          [(finding(f), how) for f, how in data["suppressed"]])

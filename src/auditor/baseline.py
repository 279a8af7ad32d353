"""A baseline of accepted findings that leaks nothing.

A finding's identity is its rule, its file and what it is about (the value in canonical form, or an
annual-report check's anchor such as a section key) — never its line, so it survives edits elsewhere.
A plain hash of an 11-digit mobile or an 18-digit ID can be reversed by trying every number, so the
identity is an HMAC-SHA256 whose key is not in the file: it comes from the environment variable
AUDITOR_BASELINE_KEY (a CI secret). The file holds rule, file, the keyed hash and a count, nothing
else. A plain scan never needs the key.

    auditor baseline docs/ -o auditor-baseline.json     # record today's findings
    auditor scan docs/ --baseline auditor-baseline.json  # report only new ones; stale entries listed

An ignore file (config `ignore-file`) is the same file with a reason on every entry (`auditor
baseline … --reason "…"`): for documents that cannot carry an inline suppression (.txt, .docx, .pdf,
.xlsx), applied on every scan.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import os
from collections import Counter, defaultdict
from pathlib import Path

KEY_ENV = "AUDITOR_BASELINE_KEY"
MIN_KEY_LENGTH = 16
FORMAT = "auditor-baseline/1"


class BaselineError(Exception):
    """A clear reason, for exit 2: no key, a short key, an unreadable or foreign file."""


def key() -> bytes:
    value = os.environ.get(KEY_ENV, "")
    if not value:
        raise BaselineError(f"环境变量 {KEY_ENV} 未设置：基线用它计算带密钥的哈希，不保存号码本身 "
                            f"({KEY_ENV} is not set: the baseline is keyed with it; keep it as a CI secret)")
    if len(value) < MIN_KEY_LENGTH:
        raise BaselineError(f"{KEY_ENV} 太短（至少 {MIN_KEY_LENGTH} 个字符） "
                            f"({KEY_ENV} is too short: use at least {MIN_KEY_LENGTH} random characters)")
    return value.encode("utf-8")


def identity(finding, secret: bytes) -> str:
    if finding.identity:  # from the cache, computed with this key (the key's tag is in the cache key)
        return finding.identity
    message = "\x1f".join((finding.rule.code, finding.uri, finding.anchor or finding.rule.code))
    return hmac.new(secret, message.encode("utf-8"), hashlib.sha256).hexdigest()


def write(result, path: Path, secret: bytes, reason: str = "") -> int:
    """Record every finding of `result` (with `reason` on each entry, for an ignore file); returns
    the number of entries."""
    counts = Counter((f.rule.code, f.uri, identity(f, secret)) for f in result.findings)
    entries = [{"rule": rule, "file": uri, "id": ident, "count": n} | ({"reason": reason} if reason else {})
               for (rule, uri, ident), n in sorted(counts.items())]
    path.write_text(json.dumps({"format": FORMAT, "hash": f"HMAC-SHA256, key from {KEY_ENV}",
                                "entries": entries}, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return len(entries)


def read(path: Path, need_reason: bool = False) -> list[dict]:
    """The entries of a baseline (or, with need_reason, of an ignore file: every entry has a reason)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise BaselineError(f"{path}: 无法读取基线文件 (cannot read the baseline): {e}") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("entries"), list):
        raise BaselineError(f"{path}: 不是 auditor 基线文件 (not an auditor baseline, expected format {FORMAT})")
    for k, entry in enumerate(data["entries"]):
        if not isinstance(entry, dict) or not {"rule", "file", "id"} <= set(entry):
            raise BaselineError(f"{path}: 第 {k + 1} 条记录缺少 rule/file/id (entry {k + 1} lacks rule, file or id)")
        if need_reason and not str(entry.get("reason", "")).strip():
            raise BaselineError(f"{path}: 第 {k + 1} 条记录（{entry['rule']}，{entry['file']}）没有写明理由 "
                                f"(entry {k + 1} has no reason: every entry of an ignore file needs one)")
    return data["entries"]


def apply(result, entries: list[dict], secret: bytes) -> list[dict]:
    """Move the findings the baseline accepts from each document's findings to its `suppressed`, and
    return the entries that matched nothing in the files scanned (stale)."""
    remaining: dict[str, Counter] = defaultdict(Counter)
    reasons = {}
    for entry in entries:
        remaining[entry["file"]][entry["id"]] += int(entry.get("count", 1))
        reasons[entry["id"]] = entry.get("reason", "")
    for d in result.documents:
        left = remaining.get(d.document.uri)
        if not left:
            continue
        kept = []
        for f in d.findings:
            ident = identity(f, secret)
            if left[ident] > 0:
                left[ident] -= 1
                how = {"kind": "external"} | ({"justification": reasons[ident]} if reasons[ident] else {})
                d.suppressed.append((f, how))
            else:
                kept.append(f)
        d.findings = kept
    scanned = {d.document.uri for d in result.documents}
    return [e for e in entries if e["file"] in scanned and remaining[e["file"]][e["id"]] > 0
            or e["file"] not in scanned and not Path(e["file"]).exists()]

"""Findings and scan results: what the detectors concluded, ready for any output."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from .document import Document, Place, in_language
from .rulepacks import Rule

SEVERITY_RANK = {"note": 1, "warning": 2, "error": 3}
ENTITY_NAMES = {
    "CN_RESIDENT_ID": ("居民身份证号码", "Resident ID number"),
    "PHONE_MOBILE": ("手机号码", "Mobile number"),
    "PHONE_LANDLINE": ("固定电话", "Landline number"),
    "BANK_CARD": ("银行卡号", "Bank card number"),
    "PASSPORT": ("护照号码", "Passport number"),
    "HK_MACAO_PERMIT": ("往来港澳通行证号码", "HK/Macao permit number"),
    "EMAIL": ("电子邮箱", "E-mail address"),
    "PERSON_NAME": ("姓名", "Name"),
    "ADDRESS": ("住址", "Address"),
    "BIRTH_DATE": ("出生日期", "Birth date"),
}


@dataclass(slots=True)  # made once per finding: thousands in a large batch
class Finding:
    rule: Rule
    severity: str
    uri: str
    line: int  # 1-based, in the document's extracted text
    column: int  # 1-based, Unicode code points
    end_line: int
    end_column: int  # exclusive
    place: Place
    entity: str | None = None
    value: str | None = None  # the raw value: never printed unless --reveal
    masked: str | None = None
    confidence: float = 1.0
    reasons: tuple[str, ...] = ()
    label: str = ""
    detail: str = ""
    occurrence: int = 0  # index among this document's findings with the same rule and masked value
    # what the finding is about, stable across edits: the value in canonical form (never shown; only
    # its keyed hash leaves the process, in a baseline), or an annual-report check's anchor
    anchor: str = ""
    identity: str | None = None  # its baseline identity, when it comes from the cache (which keeps no anchor)
    # the sentence around a personal-data finding with every personal value in it masked, and where
    # this finding's mask is in it: (text, start, end); "" when there is none
    context: tuple = ("", 0, 0)

    def message(self, lang: str = "zh", reveal: bool = False) -> str:
        zh, en = ENTITY_NAMES.get(self.entity or "", ("", ""))
        shown = self.value if reveal and self.value is not None else self.masked
        label = self.label or ("监督电话" if lang == "zh" else "a contact line")
        return self.rule.text("message", lang).format(
            masked=shown or "", detail=in_language(self.detail, lang), label=label, entity_zh=zh, entity_en=en)

    def fingerprint(self) -> str:
        """Stable across edits elsewhere in the file and reveals nothing beyond the masked value."""
        key = "\x1f".join((self.rule.code, self.uri, self.masked or self.detail, str(self.occurrence)))
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def count_by_severity(findings: list[Finding]) -> dict[str, int]:
    out = {"error": 0, "warning": 0, "note": 0}
    for f in findings:
        out[f.severity] += 1
    return out


@dataclass
class DocumentResult:
    document: Document
    findings: list[Finding] = field(default_factory=list)
    report: dict | None = None  # an annual report's profile (auditor.annual.Profile.as_dict), else None
    year_facts: object = None  # auditor.annual.cross_year.YearFacts, for the batch's cross-year checks
    # findings not reported: (finding, SARIF suppression object), inline ("inSource") or baseline ("external")
    suppressed: list = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return count_by_severity(self.findings)


@dataclass
class ScanResult:
    documents: list[DocumentResult]
    notes: list[str] = field(default_factory=list)  # skipped folder entries and the like

    @property
    def findings(self) -> list[Finding]:
        return [f for d in self.documents for f in d.findings]

    def counts(self) -> dict[str, int]:
        return count_by_severity(self.findings)

    def worst(self) -> int:
        return max((SEVERITY_RANK[f.severity] for f in self.findings), default=0)

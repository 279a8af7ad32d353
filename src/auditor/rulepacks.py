"""Rule packs: the YAML files in rules/ (shipped inside the wheel as auditor/rules).

Each rule has a stable code, a name, one severity, messages in Chinese and English, its basis, a fix
hint, the detector module that implements it and the detector verdict it reports. Data files beside
the packs (context words, phone-number tables) are read with `load_data`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

SEVERITIES = ("error", "warning", "note")
RULE_FILES = ("pii.yaml", "document.yaml", "annual-report.yaml", "suppression.yaml")
CATEGORIES = ("pii", "document", "section", "table", "date", "consistency", "suppression")


def rules_dir() -> Path:
    """The packaged rules (wheel) or the source checkout's top-level rules/."""
    packaged = Path(__file__).parent / "rules"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "rules"


# libyaml's loader when PyYAML has it (its wheels do): the packs load in a tenth of the time, which
# is most of a one-document scan's start-up after spaCy's
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@lru_cache(maxsize=None)
def load_data(name: str) -> dict:
    with open(rules_dir() / name, encoding="utf-8") as f:
        return yaml.load(f, Loader=_LOADER)  # noqa: S506 - a safe loader


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    pack: str
    detector: str
    verdict: str
    severity: str
    summary: dict
    message: dict
    basis: str
    fix: dict
    entity: str | None = None
    category: str = "pii"
    examples: dict = field(default_factory=dict, hash=False, compare=False)
    tested_in: str = ""  # rules that need more than a document (a baseline): the test file that covers them

    def text(self, field_name: str, lang: str) -> str:
        value = getattr(self, field_name)
        return value.get(lang) or value["zh"] if isinstance(value, dict) else value


class RuleSet:
    def __init__(self, rules: list[Rule]):
        self.rules = sorted(rules, key=lambda r: r.code)
        self.by_code = {r.code: r for r in self.rules}
        self.by_verdict = {(r.detector, r.verdict): r for r in self.rules}
        if len(self.by_code) != len(self.rules):
            raise ValueError("duplicate rule code in rules/")

    def __iter__(self):
        return iter(self.rules)

    def for_verdict(self, detector: str, verdict: str) -> Rule | None:
        return self.by_verdict.get((detector, verdict))

    def detectors(self) -> list[str]:
        return sorted({r.detector for r in self.rules if r.category == "pii"})

    def matching(self, selector: str) -> list[Rule]:
        """Rules whose code starts with `selector` (a code or a prefix such as PII)."""
        return [r for r in self.rules if r.code.startswith(selector.upper())]


@lru_cache(maxsize=1)
def load_rules() -> RuleSet:
    rules = []
    for name in RULE_FILES:
        pack = load_data(name)
        default_category = "document" if pack["pack"] == "document" else "pii"
        for item in pack["rules"]:
            if item["severity"] not in SEVERITIES:
                raise ValueError(f"rules/{name}: {item['code']}: bad severity {item['severity']!r}")
            if item.get("category", default_category) not in CATEGORIES:
                raise ValueError(f"rules/{name}: {item['code']}: bad category {item['category']!r}")
            rules.append(Rule(pack=pack["pack"], examples=item.get("examples", {}),
                              **{"category": default_category} | {k: v for k, v in item.items() if k != "examples"}))
    return RuleSet(rules)

"""E-mail addresses. Offices publish theirs (条例 第十二条): an address on a government domain
(gov.cn) or written in an office's contact line is verdict "office" (note); one in a private
person's sentence or table row is a leak; an unattributed one is taken as the office's, like a
landline."""
from __future__ import annotations

import re

from .base import Hit
from .context import prefilter

NAME = "email"
ENTITY = "EMAIL"
PATTERN = re.compile(r"(?=[A-Za-z0-9])(?<![A-Za-z0-9._%+\-])[A-Za-z0-9][A-Za-z0-9._%+\-]*@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*"
                     r"\.[A-Za-z]{2,}(?![A-Za-z0-9])")


AT = prefilter("@", "")  # every address has one; the full pattern runs only around them


def classify(address: str, owner: str | None, office_domains: tuple[str, ...]) -> tuple[str, float, tuple]:
    domain = address.rsplit("@", 1)[1].lower()
    if any(domain == d or domain.endswith("." + d) for d in office_domains):
        return "office", 0.9, ("government domain",)
    if owner == "private":
        return "leak", 0.9, ("e-mail address", "belongs to a private person")
    return "office", 0.6, ("e-mail address", "office contact" if owner else "no private owner")


def find(doc_scope):
    for block, scope, m in doc_scope.matches(PATTERN, AT, 80):
        verdict, confidence, reasons = classify(m.group(), scope.owner(m.start()),
                                                scope.vocab.office_email_domains)
        yield Hit(NAME, verdict, m.start(), m.end(), ENTITY, confidence, reasons, block=block)

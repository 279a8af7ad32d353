"""Masks for values shown in outputs. Every output masks by default; only --reveal shows raw values.

Masks keep what a person needs to find the value in the document and no more: an ID its first and
last 4 characters (4401**********1234), a mobile 138****5678, a card its first and last 4, a
landline its area code and last 4, a passport or permit its first letter and last 3, an e-mail its
first character and domain; a name its surname (张**), an address down to its village or street
(新华村****), a birth date its year (1944年*月**日).
"""
from __future__ import annotations

import re

_SEPARATORS = re.compile(r"[\s\-()（）]")


def _keep(chars: str, head: int, tail: int) -> str:
    if len(chars) <= head + tail:
        return chars[:1] + "*" * (len(chars) - 1)
    return chars[:head] + "*" * (len(chars) - head - tail) + chars[len(chars) - tail:]


def mask(value: str, entity: str | None) -> str:
    compact = value if value.isalnum() else _SEPARATORS.sub("", value)
    if entity == "CN_RESIDENT_ID":
        return _keep(compact, 4, 4)
    if entity == "PHONE_MOBILE":
        national = compact[-11:] if len(compact) > 11 else compact
        return _keep(national, 3, 4)
    if entity == "PHONE_LANDLINE":
        m = re.match(r"(0(?:10|2\d|[3-9]\d\d))(\d+)(.*)$", compact)
        if m:
            return f"{m.group(1)}-" + _keep(m.group(2), 0, 4) + ("-***" if m.group(3) else "")
        return _keep(compact, 2, 2)
    if entity == "BANK_CARD":
        return _keep(compact, 4, 4)
    if entity in ("PASSPORT", "HK_MACAO_PERMIT"):
        return _keep(compact, 1, 3)
    if entity == "EMAIL" and "@" in value:
        local, domain = value.rsplit("@", 1)
        return local[:1] + "***@" + domain
    if entity in ("PERSON_NAME", "PERSON_NAME_OFFICIAL"):
        return value[:1] + "*" * (len(value) - 1)  # 张**; 欧阳娜娜 -> 欧***: only the first character shows
    if entity == "ADDRESS":
        cut = re.search(r"[村路街巷道弄]|小区|社区", value)  # keep the village or street, as 公示 do
        return (value[:cut.end()] if cut else value[:2]) + "****"
    if entity == "BIRTH_DATE":
        return value[:4] + re.sub(r"\d", "*", value[4:])  # the year only
    return _keep(compact, 1, 1)

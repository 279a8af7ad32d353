"""Detectors: one module per identifier, each with `find(scope) -> Iterable[Hit]`.

A rule names its detector module (rules/*.yaml `detector:`), so the code behind a rule is one step
away: rule PII003 -> `detector: mobile` -> auditor/detectors/mobile.py. The registry is built from
the rule packs, not from a list kept here.
"""
from __future__ import annotations

import importlib
from functools import lru_cache


@lru_cache(maxsize=None)
def detector(name: str):
    """The detector module called `name` (auditor.detectors.<name>)."""
    return importlib.import_module(f"{__name__}.{name}")

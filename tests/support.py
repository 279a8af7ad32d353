"""Helpers shared by the tests."""
from __future__ import annotations

import os

import pytest

CI = os.environ.get("CI", "").lower() == "true"


def skip_or_fail(reason: str):
    """Skip a test whose tool is missing here; in CI (CI=true) the tool must be there: fail."""
    if CI:
        pytest.fail(f"CI=true: {reason}")
    pytest.skip(reason)


def pick(rng, make, accept=lambda value: True, **kwargs):
    """The first value `make(rng, **kwargs)` produces that `accept` takes (fake data with a property)."""
    for _ in range(10_000):
        value = make(rng, **kwargs)
        if accept(value):
            return value
    raise AssertionError("fakedata never produced a matching value")

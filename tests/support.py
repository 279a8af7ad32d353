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

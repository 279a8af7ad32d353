"""Helpers shared by the tests."""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

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


def soffice_or_skip() -> str:
    """LibreOffice's soffice, or a skip (a failure in CI)."""
    from auditor.readers import legacy

    if legacy.soffice() is None:
        skip_or_fail("LibreOffice (soffice) is not installed")
    return legacy.soffice()


def convert(exe: str, src: Path, target: str, outdir: Path) -> Path:
    """`src` converted by LibreOffice to `target` (a filter such as "doc" or "txt:Text (encoded):UTF8")."""
    profile = (outdir / "profile").as_uri()
    subprocess.run([exe, f"-env:UserInstallation={profile}", "--headless", "--norestore",
                    "--convert-to", target, "--outdir", str(outdir), str(src)],
                   capture_output=True, timeout=180, check=True)
    out = outdir / (src.stem + "." + target.split(":")[0])
    assert out.exists()
    return out

"""The examples in the detector modules' docstrings (python-stdnum style) are tests too."""
import doctest
import importlib
import pkgutil

import pytest

import auditor.detectors as detectors

MODULES = [name for _, name, _ in pkgutil.iter_modules(detectors.__path__)]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(f"auditor.detectors.{name}")
    result = doctest.testmod(module)
    assert result.failed == 0

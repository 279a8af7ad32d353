"""Offline validation of SARIF 2.1.0 logs against the vendored schema.

See PROVENANCE.md for where ``sarif-schema-2.1.0.json`` comes from.
Needs jsonschema >= 4.18 (the ``referencing`` API); the project pins >= 4.20.

    python tests/sarif/validate.py out.sarif [...]
"""
from __future__ import annotations

import json
import pathlib
from functools import lru_cache

import jsonschema
from jsonschema import validators
from referencing import Registry, Resource
from referencing import jsonschema as rjs

SCHEMA_PATH = pathlib.Path(__file__).with_name("sarif-schema-2.1.0.json")

_SPECS = {
    "Draft4Validator": rjs.DRAFT4,
    "Draft6Validator": rjs.DRAFT6,
    "Draft7Validator": rjs.DRAFT7,
    "Draft201909Validator": rjs.DRAFT201909,
    "Draft202012Validator": rjs.DRAFT202012,
}


@lru_cache(maxsize=1)
def load_schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def _refuse_remote(uri: str):
    raise LookupError(f"remote $ref not allowed in offline SARIF validation: {uri}")


@lru_cache(maxsize=1)
def _validator():
    schema = load_schema()
    # Pick the validator class from the schema's own "$schema"
    # (draft-04 for this file -> Draft4Validator).
    cls = validators.validator_for(schema)
    cls.check_schema(schema)
    resource = Resource.from_contents(schema, default_specification=_SPECS[cls.__name__])
    schema_id = schema.get("$id") or schema.get("id") or "urn:sarif-2.1.0"
    # A registry that holds only this schema and never fetches anything.
    registry = Registry(retrieve=_refuse_remote).with_resource(schema_id, resource)
    return cls(schema, registry=registry)


def iter_sarif_errors(log: dict):
    """Every schema error in ``log`` (for readable failure messages)."""
    return _validator().iter_errors(log)


def validate_sarif(log: dict) -> None:
    """Validate a parsed SARIF log against SARIF 2.1.0.

    Raises ``jsonschema.ValidationError`` (the best-matching error) if invalid.
    """
    error = jsonschema.exceptions.best_match(iter_sarif_errors(log))
    if error is not None:
        raise error


if __name__ == "__main__":
    import sys

    for p in sys.argv[1:]:
        validate_sarif(json.loads(pathlib.Path(p).read_text(encoding="utf-8")))
        print(f"{p}: valid SARIF 2.1.0")

import copy
import importlib.util
import pathlib

import jsonschema
import pytest

# Load tests/sarif/validate.py by path, so that no installed package named
# "sarif" (e.g. sarif-tools) can shadow it.
_spec = importlib.util.spec_from_file_location(
    "_auditor_sarif_validate", pathlib.Path(__file__).parent / "sarif" / "validate.py"
)
_mod = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_mod)
load_schema, validate_sarif = _mod.load_schema, _mod.validate_sarif

MINIMAL = {
    "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
    "version": "2.1.0",
    "runs": [
        {
            "tool": {"driver": {"name": "auditor", "rules": [{"id": "PII001"}]}},
            "results": [
                {
                    "ruleId": "PII001",
                    "level": "error",
                    "message": {"text": "resident ID number disclosed"},
                    "locations": [
                        {
                            "physicalLocation": {
                                "artifactLocation": {"uri": "samples/x.docx"},
                                "region": {"startLine": 3, "startColumn": 5},
                            }
                        }
                    ],
                }
            ],
        }
    ],
}


def test_schema_is_draft4_and_offline():
    schema = load_schema()
    assert schema["$schema"] == "http://json-schema.org/draft-04/schema#"
    assert schema["properties"]["version"]["enum"] == ["2.1.0"]
    # no remote $ref: everything resolves inside the file
    import json
    import re

    refs = set(re.findall(r'"\$ref":\s*"([^"]*)"', json.dumps(schema)))
    assert refs and all(r.startswith("#/") for r in refs)


def test_minimal_valid_log_passes():
    validate_sarif(MINIMAL)
    validate_sarif({"version": "2.1.0", "runs": []})


def test_missing_version_fails():
    log = copy.deepcopy(MINIMAL)
    del log["version"]
    with pytest.raises(jsonschema.ValidationError, match="version"):
        validate_sarif(log)


def test_wrong_version_and_bad_level_fail():
    log = copy.deepcopy(MINIMAL)
    log["version"] = "2.0.0"
    with pytest.raises(jsonschema.ValidationError):
        validate_sarif(log)
    log = copy.deepcopy(MINIMAL)
    log["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        validate_sarif(log)

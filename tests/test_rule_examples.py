"""Every rule's examples (rules/*.yaml `examples: fail/pass`) are tests, sqlfluff-style: each `fail`
text must produce the rule and each `pass` text must not. Adding a case needs no Python. An example
that is a list of texts is a batch (cross-year rules compare the documents of one scan)."""
from pathlib import Path

import pytest

from auditor.document import Document, Place, lines_to_blocks
from auditor.rulepacks import load_rules
from auditor.scan import Selection, _across_years, scan_document

RULES = load_rules()
CASES = [(rule.code, kind, text) for rule in RULES for kind in ("fail", "pass")
         for text in rule.examples.get(kind, [])]


def codes_for(example) -> set[str]:
    """An example: a text (a .txt document), {file, text} (a named document, e.g. .md), or a list
    of either (a batch)."""
    batch = example if isinstance(example, list) else [example]
    docs = [item if isinstance(item, dict) else {"file": f"example{i}.txt", "text": item}
            for i, item in enumerate(batch)]
    results = [scan_document(Document(Path(d["file"]), d["file"], d["file"].rsplit(".", 1)[-1],
                                      lines_to_blocks(d["text"], lambda n: Place(line=n))))
               for d in docs]
    _across_years(results, RULES, Selection.everything(RULES))
    return {f.rule.code for r in results for f in r.findings}


@pytest.mark.parametrize("code,kind,text", CASES, ids=[f"{c}-{k}-{i}" for i, (c, k, _) in enumerate(CASES)])
def test_rule_example(code, kind, text):
    found = codes_for(text)
    if kind == "fail":
        assert code in found, f"{code} not reported for: {text!r} (got {sorted(found)})"
    else:
        assert code not in found, f"{code} wrongly reported for: {text!r}"


@pytest.mark.parametrize("rule", [r for r in RULES if r.pack != "document"], ids=lambda r: r.code)
def test_every_rule_has_both_kinds_of_example(rule):
    if rule.tested_in:  # needs more than documents (a baseline): its test file covers it
        assert rule.code in (Path(__file__).parents[1] / rule.tested_in).read_text(encoding="utf-8")
        return
    assert rule.examples.get("fail") and rule.examples.get("pass")


@pytest.mark.parametrize("rule", list(RULES), ids=lambda r: r.code)
def test_rule_is_complete(rule):
    assert rule.code.startswith(("PII", "DOC", "OGI", "SUP")) and rule.name and rule.basis
    for field in ("summary", "message", "fix"):
        assert getattr(rule, field)["zh"] and getattr(rule, field)["en"], field
    from auditor.detectors import detector
    if rule.category == "pii":
        assert hasattr(detector(rule.detector), "find")

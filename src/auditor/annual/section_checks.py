"""Section checks: a required section missing or empty, a table section without its table, the 2007
不予公开 statement, a government's statement on 考核、评议 and 责任追究 (2019 on), and the 信息处理费
statement in section 六 (2021 format). The section map itself is sections.py."""
from __future__ import annotations

import re

from ..document import Text
from .issue import Issue, about_report
from .recognise import Profile, spec
from .sections import Section


def _at_heading(section: Section, verdict: str, detail: Text) -> Issue:
    h = section.heading
    return Issue(verdict, h.line, h.start, h.end, detail, section.key)


def check(profile: Profile, lines: list[str], found: dict[str, Section]) -> list[Issue]:
    issues = []
    for key, s in found.items():
        article = s.item["article"]
        if s.status == "missing":
            profile.check(f"section:{key}", "failed")
            issues.append(_missing(profile, lines, s, article))
        elif s.status == "empty":
            profile.check(f"section:{key}", "failed")
            issues.append(_at_heading(s, "section-empty", Text(
                f"“{key}”部分只有标题、没有内容（{article}）", f"the {key} section has a heading but no content ({article})")))
        elif s.item.get("table") and s.heading is not None and not s.has_table:
            profile.check(f"section:{key}", "failed")
            issues.append(_at_heading(s, "table-missing", Text(
                f"“{key}”部分缺少年度报告格式要求的统计表", f"the {key} section lacks the statistics table of the format")))
        else:
            profile.check(f"section:{key}", "passed")
    issues += _accountability(profile, lines, found)
    issues += _fee_statement(profile, found)
    return issues


def _missing(profile: Profile, lines, s: Section, article: str) -> Issue:
    key = s.item["key"]
    if s.item.get("optional_when_no_requests"):
        none = any(re.search(spec()["no_requests"], line) for line in lines)
        verdict = "refusals-not-stated-no-requests" if none else "refusals-not-stated"
        return about_report(profile, lines, verdict, Text(
            f"未说明不予公开政府信息的情况（{article}）", f"nothing is said about refused requests ({article})"), key)
    if s.item.get("required", True) is False:
        return about_report(profile, lines, "optional-section-absent", Text(
            f"没有“{key}”部分（{article}；无其他事项时可写明“无”）", f"there is no {key} section ({article})"), key)
    return about_report(profile, lines, "section-missing", Text(
        f"缺少“{key}”部分（{article}）", f"the {key} section is missing ({article})"), key)


def _accountability(profile: Profile, lines, found: dict[str, Section]) -> list[Issue]:
    """Governments under the revised 条例 state the results of 考核、评议 and 责任追究."""
    spec_ = spec()["accountability"]
    if profile.era == "2007" or profile.issuer_kind == "department":
        return []  # not asked of them
    bodies = [found[k].body for k in spec_["in_sections"] if k in found and found[k].heading is not None]
    # both places must be there to say the statement is absent (a truncated copy may have it later)
    if len(bodies) < len(spec_["in_sections"]) or profile.issuer_kind is None:
        profile.check("accountability", "not assessable")
        return []
    if any(re.search(spec_["words"], body) for body in bodies):
        profile.check("accountability", "passed")
        return []
    profile.check("accountability", "failed")
    return [about_report(profile, lines, "accountability-missing", Text(
        f"未报告工作考核、社会评议和责任追究结果情况（{spec_['article']}）",
        f"the results of assessment, public evaluation and accountability are not reported ({spec_['article']})"))]


def _fee_statement(profile: Profile, found: dict[str, Section]) -> list[Issue]:
    """Under the 2021 format section 六 says whether 信息处理费 was charged."""
    other = found.get("其他事项")
    if profile.era != "2021" or other is None or other.heading is None:
        if profile.era == "2021":
            profile.check("fee-statement", "not assessable")
        return []
    if re.search(spec()["fee_statement"], other.body):
        profile.check("fee-statement", "passed")
        return []
    profile.check("fee-statement", "failed")
    return [_at_heading(other, "fee-not-stated", Text(
        "“其他需要报告的事项”未说明信息处理费收取情况（国办公开办函〔2021〕30号；国办函〔2020〕109号）",
        "section 六 does not say whether information-processing fees were charged"))]

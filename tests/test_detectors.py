"""Detector tests through `auditor.scan.scan_document`.

Every personal value below comes from tests/fakedata.py with a fixed seed (or is a well-known
sample/placeholder value): no real person's data. Expected masks are written out independently of
auditor.masking (first/last characters kept as the masking policy documents).
"""
from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest

import fakedata as fd
from support import pick
from auditor.document import Document, Place, lines_to_blocks, table_row
from auditor.rulepacks import load_rules
from auditor.scan import NAME_DETECTORS, Selection, scan_document

# ------------------------------------------------------------------------------------ fake values

_rng = random.Random(20240601)


def _gen(fn, pred=lambda v: True, **kw):
    return pick(_rng, fn, pred, **kw)


def _not_sample(v: str) -> bool:
    # avoid values the detectors deliberately treat as sample numbers (12345678, 1111...)
    return not any(s in v for s in ("12345678", "23456789", "01234567", "98765432", "87654321"))


ID = _gen(fd.resident_id, lambda v: v[-1].isdigit() and _not_sample(v), region="110105")
ID2 = _gen(fd.resident_id, lambda v: v[-1].isdigit() and _not_sample(v) and not v.startswith("62"))
ID_X = _gen(fd.resident_id, lambda v: v.endswith("X"))
ID15 = _gen(fd.resident_id_15, _not_sample)
ID_BAD = _gen(fd.resident_id, _not_sample, region="110105", valid=False)  # failing check character
MOBILE = _gen(fd.mobile, lambda v: _not_sample(v[3:]) and v[:3] not in ("145", "147"))
MOBILE2 = _gen(fd.mobile, lambda v: _not_sample(v[3:]) and v != MOBILE)
CARD19 = _gen(fd.bank_card, _not_sample, length=19)
CARD16 = _gen(fd.bank_card, _not_sample, length=16)
PASS_E8 = _gen(fd.passport, lambda v: v[0] == "E" and v[1].isdigit())
PASS_G8 = _gen(fd.passport, lambda v: v[0] == "G")
PASS_EL7 = _gen(fd.passport, lambda v: v[0] == "E" and v[1].isalpha())
PASS_DE = "DE" + _gen(fd.passport, lambda v: v[0] == "G")[-7:]
PASS_SE = "SE" + _gen(fd.passport, lambda v: v[0] == "G")[-7:]
PERMIT_C8 = _gen(fd.hk_macao_permit, lambda v: v[1].isdigit())
PERMIT_CL7 = _gen(fd.hk_macao_permit, lambda v: v[1].isalpha())
EMAIL = fd.email(_rng)
LAND_PAREN = _gen(fd.landline, area="021", style="paren")  # (021)xxxxxxxx
LAND_0755 = _gen(fd.landline, area="0755", style="dash")
LAND_010 = _gen(fd.landline, area="010", style="dash")
NAME = fd.name(_rng)

FULLWIDTH = str.maketrans("0123456789-", "０１２３４５６７８９－")
ZWSP = "\u200b"


def fw(s: str) -> str:
    return s.translate(FULLWIDTH)


# ---------------------------------------------------------------------- expected masks (independent)

def m_id(v):
    v = v.replace(" ", "").replace("-", "")
    return v[:4] + "*" * (len(v) - 8) + v[-4:]


def m_mobile(v):
    d = "".join(c for c in v if c.isdigit())[-11:]
    return d[:3] + "****" + d[-4:]


def m_card(v):
    d = "".join(c for c in v if c.isdigit())
    return d[:4] + "*" * (len(d) - 8) + d[-4:]


def m_doc(v):  # passport / permit: first letter and last 3
    return v[0] + "*" * (len(v) - 4) + v[-3:]


def m_land(v, ext=False):
    area, local = v.replace("(", "").replace(")", "-").split("-")[:2]
    return f"{area}-" + "*" * (len(local) - 4) + local[-4:] + ("-***" if ext else "")


def m_email(v):
    local, domain = v.rsplit("@", 1)
    return local[0] + "***@" + domain


# ---------------------------------------------------------------------------------- scan helpers

def doc_from_text(text: str) -> Document:
    return Document(Path("t.txt"), "t.txt", "txt", lines_to_blocks(text, lambda n: Place(line=n)))


def _numbers_only() -> Selection:
    """These tests are about numbers: names, addresses and birth dates are tests/test_names.py's."""
    rules = load_rules()
    return Selection({r.code for r in rules if r.detector not in NAME_DETECTORS})


def scan_text(text: str):
    return scan_document(doc_from_text(text), selection=_numbers_only()).findings


def scan_table(headers: list[str], rows: list[list[str]]):
    """A Word-like table: a header row then data rows, each cell with its own place and header."""
    blocks = [table_row(headers, Place(table=1, row=1), lambda i: Place(table=1, row=1, column=i + 1))]
    for r, cells in enumerate(rows, 2):
        blocks.append(table_row(cells, Place(table=1, row=r),
                                lambda i, r=r: Place(table=1, row=r, column=i + 1), headers))
    doc = Document(Path("t.docx"), "t.docx", "docx", blocks)
    return doc, scan_document(doc, selection=_numbers_only()).findings


@dataclass
class Case:
    text: str
    expected: list  # [(rule code, entity, raw span as written in the text, expected mask)]
    id: str


def _check_positions(text: str, findings, expected):
    lines = text.split("\n")
    for f, (_, _, span, _) in zip(findings, expected):
        line = lines[f.line - 1]
        # the value is reported where it sits in the original text (code points, 1-based, end exclusive)
        assert line[f.column - 1:f.end_column - 1] == f.value
        if span.startswith("+") and f.value == span[1:]:
            continue  # "+86 ..." reported from the "86": the digits are all covered
        assert f.value == span, (f.value, span)
        assert f.column == line.index(span) + 1
        assert f.end_column == line.index(span) + len(span) + 1


def _run_case(case: Case):
    findings = scan_text(case.text)
    got = [(f.rule.code, f.entity, f.masked) for f in findings]
    want = [(code, entity, masked) for code, entity, _, masked in case.expected]
    assert got == want, f"{case.text!r}: {got}"
    _check_positions(case.text, findings, case.expected)
    return findings


# ================================================================================ values found

def _id_case(text, span, masked=None, id=None):
    return Case(text, [("PII001", "CN_RESIDENT_ID", span, masked or m_id(span))], id)


g644 = f"{ID[:6]} {ID[6:14]} {ID[14:]}"
g44442 = fd.group4(ID)

RESIDENT_ID_CASES = [
    _id_case(f"申请人{NAME}，身份证号码{ID}，现居住于本镇。", ID, id="sentence"),
    _id_case(f"身份证号码{ID}号", ID, id="glued-han-both-sides"),
    _id_case(f"{NAME}{ID2}，户籍在本村。", ID2, id="unlabelled-glued"),
    _id_case(f"身份证号：{g644}", g644, id="grouped-6-8-4"),
    _id_case(f"公民身份号码：{g44442}", g44442, id="grouped-4-4-4-4-2"),
    _id_case(f"{NAME} {g44442} 户主", g44442, id="grouped-unlabelled"),
    _id_case(f"身份证号码：{ID_X}，", ID_X, id="final-X"),
    _id_case(f"身份证号码：{ID_X[:-1]}x。", ID_X[:-1] + "x", id="final-lowercase-x"),
    _id_case(f"{NAME}，{ID_X}，男。", ID_X, id="final-X-unlabelled"),
    _id_case(f"身份证号码：{ID15}", ID15, id="15-digit-labelled"),
    _id_case(f"身份证：{ID_BAD}（校验位有误）", ID_BAD, id="failing-check-labelled"),
    _id_case(f"身份證號碼{ID}", ID, id="traditional-label"),
    _id_case(f"身份證：{ID_BAD}", ID_BAD, id="traditional-label-failing-check"),
    _id_case(f"{ZWSP}身份证号码{ID}", ID, id="zero-width-before-value"),
]


@pytest.mark.parametrize("case", RESIDENT_ID_CASES, ids=lambda c: c.id)
def test_resident_id_found(case):
    _run_case(case)


def test_resident_id_fullwidth_digits():
    text = f"身份证号码{fw(ID)}号"
    [f] = scan_text(text)
    assert (f.rule.code, f.entity, f.value) == ("PII001", "CN_RESIDENT_ID", fw(ID))
    assert (f.column, f.end_column) == (6, 6 + 18)
    assert unicodedata.normalize("NFKC", f.masked) == m_id(ID)


def test_resident_id_zero_width_inside_number_position():
    value = ID[:10] + ZWSP + ID[10:]
    text = f"身份证号码{value}号"
    [f] = scan_text(text)
    assert (f.rule.code, f.value) == ("PII001", value)
    assert (f.column, f.end_column) == (6, 6 + len(value))


def test_resident_id_zero_width_inside_number_mask():
    [f] = scan_text(f"身份证号码{ID[:14]}{ZWSP}{ID[14:]}号")
    assert f.masked == m_id(ID)


MOBILE_CASES = [
    Case(f"联系电话{MOBILE}", [("PII003", "PHONE_MOBILE", MOBILE, m_mobile(MOBILE))], "labelled"),
    Case(f"申请人{NAME}的手机号{MOBILE}已核实。", [("PII003", "PHONE_MOBILE", MOBILE, m_mobile(MOBILE))],
         "glued-han"),
    Case(f"{NAME}{MOBILE}，", [("PII003", "PHONE_MOBILE", MOBILE, m_mobile(MOBILE))], "unlabelled"),
    Case(f"电话{MOBILE[:3]} {MOBILE[3:7]} {MOBILE[7:]}，",
         [("PII003", "PHONE_MOBILE", f"{MOBILE[:3]} {MOBILE[3:7]} {MOBILE[7:]}", m_mobile(MOBILE))], "3-4-4"),
    Case(f"电话{MOBILE[:3]}-{MOBILE[3:7]}-{MOBILE[7:]}。",
         [("PII003", "PHONE_MOBILE", f"{MOBILE[:3]}-{MOBILE[3:7]}-{MOBILE[7:]}", m_mobile(MOBILE))], "dashes"),
    Case(f"电话+86 {MOBILE[:3]}-{MOBILE[3:7]}-{MOBILE[7:]}",
         [("PII003", "PHONE_MOBILE", f"+86 {MOBILE[:3]}-{MOBILE[3:7]}-{MOBILE[7:]}", m_mobile(MOBILE))], "plus86"),
    Case(f"电话0086{MOBILE}", [("PII003", "PHONE_MOBILE", f"0086{MOBILE}", m_mobile(MOBILE))], "0086"),
    Case(f"电话0086 {MOBILE[:3]} {MOBILE[3:7]} {MOBILE[7:]}",
         [("PII003", "PHONE_MOBILE", f"0086 {MOBILE[:3]} {MOBILE[3:7]} {MOBILE[7:]}", m_mobile(MOBILE))],
         "0086-grouped"),
    Case(f"申请人電話{MOBILE}", [("PII003", "PHONE_MOBILE", MOBILE, m_mobile(MOBILE))], "traditional-label"),
    Case(f"联系电话：{MOBILE}，{MOBILE2}",
         [("PII003", "PHONE_MOBILE", MOBILE, m_mobile(MOBILE)),
          ("PII003", "PHONE_MOBILE", MOBILE2, m_mobile(MOBILE2))], "two-in-a-line"),
    Case(f"经办人{NAME}，手机{MOBILE}。", [("PII003", "PHONE_MOBILE", MOBILE, m_mobile(MOBILE))],
         "handling-officer-mobile-is-error"),
    Case(f"如有异议，请在公示期内向村委会反映，监督电话：{MOBILE}。",
         [("PII004", "PHONE_MOBILE", MOBILE, m_mobile(MOBILE))], "mobile-as-supervision-line-warning"),
]


@pytest.mark.parametrize("case", MOBILE_CASES, ids=lambda c: c.id)
def test_mobile_found(case):
    _run_case(case)


def test_mobile_fullwidth_and_grouped():
    value = fw(f"{MOBILE[:3]} {MOBILE[3:7]} {MOBILE[7:]}")
    text = f"如经办人{NAME}的手机号 {value} 被公开。"
    [f] = scan_text(text)
    assert (f.rule.code, f.severity, f.value) == ("PII003", "error", value)
    assert f.column == text.index(value) + 1 and f.end_column == f.column + len(value)
    assert unicodedata.normalize("NFKC", f.masked) == m_mobile(MOBILE)


def test_mobile_zero_width_inside():
    value = MOBILE[:5] + ZWSP + MOBILE[5:]
    [f] = scan_text(f"手机{value}。")
    assert f.rule.code == "PII003" and f.value == value and (f.column, f.end_column) == (3, 3 + 12)


CARD_CASES = [
    Case(f"银行卡号：{CARD19}", [("PII007", "BANK_CARD", CARD19, m_card(CARD19))], "labelled"),
    Case(f"补贴打入其账户{CARD16}内。", [("PII007", "BANK_CARD", CARD16, m_card(CARD16))], "glued-han"),
    Case(f"开户账号{fd.group4(CARD19)}。",
         [("PII007", "BANK_CARD", fd.group4(CARD19), m_card(CARD19))], "grouped-4-spaces"),
    Case(f"卡号{fd.group4(CARD19, '-')}号",
         [("PII007", "BANK_CARD", fd.group4(CARD19, "-"), m_card(CARD19))], "grouped-4-dashes"),
    Case(f"{NAME} {CARD16}", [("PII007", "BANK_CARD", CARD16, m_card(CARD16))], "unlabelled-unionpay"),
]


@pytest.mark.parametrize("case", CARD_CASES, ids=lambda c: c.id)
def test_bank_card_found(case):
    _run_case(case)


def test_bank_card_fullwidth():
    [f] = scan_text(f"银行卡号{fw(CARD19)}。")
    assert f.rule.code == "PII007" and unicodedata.normalize("NFKC", f.masked) == m_card(CARD19)


DOC_CASES = [
    Case(f"护照号码{PASS_G8}，已注销", [("PII008", "PASSPORT", PASS_G8, m_doc(PASS_G8))], "G8-labelled"),
    Case(f"{NAME}持{PASS_E8}出境", [("PII008", "PASSPORT", PASS_E8, m_doc(PASS_E8))], "E8-unlabelled-glued"),
    Case(f"持证人护照号{PASS_EL7}。", [("PII008", "PASSPORT", PASS_EL7, m_doc(PASS_EL7))], "E-letter-7"),
    Case(f"外交护照号码：{PASS_DE}", [("PII008", "PASSPORT", PASS_DE, m_doc(PASS_DE))], "DE-labelled"),
    Case(f"公务护照号码：{PASS_SE}", [("PII008", "PASSPORT", PASS_SE, m_doc(PASS_SE))], "SE-labelled"),
    Case(f"護照號碼{PASS_G8}", [("PII008", "PASSPORT", PASS_G8, m_doc(PASS_G8))], "traditional-label"),
    Case(f"往来港澳通行证号码{PERMIT_C8}。", [("PII009", "HK_MACAO_PERMIT", PERMIT_C8, m_doc(PERMIT_C8))],
         "permit-C8"),
    Case(f"往来港澳通行证号码{PERMIT_CL7}号", [("PII009", "HK_MACAO_PERMIT", PERMIT_CL7, m_doc(PERMIT_CL7))],
         "permit-C-letter-7"),
    Case(f"通行證：{PERMIT_C8}", [("PII009", "HK_MACAO_PERMIT", PERMIT_C8, m_doc(PERMIT_C8))],
         "permit-traditional-label"),
]


@pytest.mark.parametrize("case", DOC_CASES, ids=lambda c: c.id)
def test_passport_and_permit_found(case):
    _run_case(case)


@pytest.mark.parametrize("text", [PASS_DE, f"编码{PASS_SE}", PERMIT_C8, f"产品型号{PERMIT_C8}", f"型号{PERMIT_CL7}"],
                         ids=["DE-bare", "SE-unlabelled", "C8-bare", "C8-model", "CL7-model"])
def test_passport_and_permit_need_label(text):
    assert scan_text(text) == []


EMAIL_CASES = [
    Case(f"本告知书同时发送至你的邮箱{EMAIL}。", [("PII010", "EMAIL", EMAIL, m_email(EMAIL))], "private"),
    Case(f"我的电话是{LAND_0755}，邮箱{EMAIL}。",
         [("PII005", "PHONE_LANDLINE", LAND_0755, m_land(LAND_0755)), ("PII010", "EMAIL", EMAIL, m_email(EMAIL))],
         "private-landline-and-email"),
    Case(f"申请人{NAME}，電子郵箱{EMAIL}", [("PII010", "EMAIL", EMAIL, m_email(EMAIL))], "traditional-label"),
]


@pytest.mark.parametrize("case", EMAIL_CASES, ids=lambda c: c.id)
def test_email_found(case):
    _run_case(case)


LAND_EXT = LAND_010 + "转123"
LANDLINE_CASES = [
    Case(f"我的电话是{LAND_PAREN}，请回复。",
         [("PII005", "PHONE_LANDLINE", LAND_PAREN, m_land(LAND_PAREN))], "paren-area"),
    Case(f"我的电话是{LAND_PAREN.replace('(', '（').replace(')', '）')}，请回复。",
         [("PII005", "PHONE_LANDLINE", LAND_PAREN.replace('(', '（').replace(')', '）'), m_land(LAND_PAREN))],
         "fullwidth-paren-area"),
    Case(f"来信人住址电话{LAND_0755}号", [("PII005", "PHONE_LANDLINE", LAND_0755, m_land(LAND_0755))], "dash"),
    Case(f"申请人电话{LAND_EXT}，", [("PII005", "PHONE_LANDLINE", LAND_EXT, m_land(LAND_010, ext=True))],
         "extension-in-span"),
    Case(f"申请人{NAME}電話{LAND_0755}", [("PII005", "PHONE_LANDLINE", LAND_0755, m_land(LAND_0755))],
         "traditional-label"),
]


@pytest.mark.parametrize("case", LANDLINE_CASES, ids=lambda c: c.id)
def test_landline_found(case):
    _run_case(case)


def test_landline_fullwidth_dash_mask():
    value = LAND_0755.replace("-", "－")
    [f] = scan_text(f"来信人电话{value}")
    assert f.rule.code == "PII005" and f.masked == m_land(LAND_0755)


# ----------------------------------------------------------------------------------- office lines

OFFICE_CASES = [
    Case(f"如有疑问，请致电县民政局办公室{LAND_0755}。",
         [("PII006", "PHONE_LANDLINE", LAND_0755, m_land(LAND_0755))], "office-landline"),
    Case(f"监督电话：{LAND_PAREN}。", [("PII006", "PHONE_LANDLINE", LAND_PAREN, m_land(LAND_PAREN))],
         "supervision-landline"),
    Case(f"本机关咨询电话：{LAND_0755}，电子邮箱：{EMAIL}。",
         [("PII006", "PHONE_LANDLINE", LAND_0755, m_land(LAND_0755)), ("PII011", "EMAIL", EMAIL, m_email(EMAIL))],
         "office-phone-and-email"),
    Case(f"办公室传真{LAND_010}。", [("PII006", "PHONE_LANDLINE", LAND_010, m_land(LAND_010))], "fax"),
    Case(f"本机关電子郵箱：{EMAIL}", [("PII011", "EMAIL", EMAIL, m_email(EMAIL))], "office-email-traditional"),
    Case("本机关联系人：测庚，电子邮箱：zfbgs@qingxi.gov.cn。",
         [("PII011", "EMAIL", "zfbgs@qingxi.gov.cn", "z***@qingxi.gov.cn")], "gov-domain"),
]


@pytest.mark.parametrize("case", OFFICE_CASES, ids=lambda c: c.id)
def test_office_contacts_are_notes_only(case):
    findings = _run_case(case)
    assert {f.severity for f in findings} == {"note"}


def test_supervision_mobile_is_warning_and_officer_mobile_is_error():
    [w] = scan_text(f"监督电话：{MOBILE}")
    assert (w.rule.code, w.severity, w.label) == ("PII004", "warning", "监督电话")
    [e] = scan_text(f"经办人：{NAME}，联系电话：{MOBILE}")
    assert (e.rule.code, e.severity) == ("PII003", "error")


# ----------------------------------------------------------------------------------- under-masked

UNDER_MASKED = [
    (f"身份证号码：{ID[:14]}****", "CN_RESIDENT_ID", f"{ID[:14]}****"),
    (f"联系电话：{MOBILE[:7]}**{MOBILE[9:]}", "PHONE_MOBILE", f"{MOBILE[:7]}**{MOBILE[9:]}"),
    (f"联系电话：{MOBILE[:9]}**", "PHONE_MOBILE", f"{MOBILE[:9]}**"),
    (f"身份证号码：{ID[:15]}***", "CN_RESIDENT_ID", f"{ID[:15]}***"),
]


@pytest.mark.parametrize("text,entity,span", UNDER_MASKED,
                         ids=["id-birth-date-visible", "mobile-2-hidden", "mobile-2-hidden-end", "id-3-hidden"])
def test_under_masked_is_warning(text, entity, span):
    [f] = scan_text(text)
    assert (f.rule.code, f.severity, f.entity, f.value) == ("PII002", "warning", entity, span)
    assert f.column == text.index(span) + 1 and f.end_column == f.column + len(span)
    # the mask shown hides more than the document did
    assert sum(c.isdigit() for c in f.masked) < sum(c.isdigit() for c in span)


# ================================================================================ tables

def test_word_table_row_with_headers():
    headers = ["姓名", "身份证号码", "联系电话", "银行账号", "护照号码", "家庭电话", "电子邮箱", "合同编号"]
    row = [NAME, ID, MOBILE, CARD19, PASS_G8, LAND_0755, EMAIL, ID2]
    doc, findings = scan_table(headers, [row])
    got = [(f.rule.code, f.masked, f.place.column) for f in findings]
    assert got == [("PII001", m_id(ID), 2), ("PII003", m_mobile(MOBILE), 3), ("PII007", m_card(CARD19), 4),
                   ("PII008", m_doc(PASS_G8), 5), ("PII005", m_land(LAND_0755), 6), ("PII010", m_email(EMAIL), 7)]
    text = doc.blocks[1].text
    for f, value in zip(findings, row[1:7]):
        assert f.line == 2 and f.place.table == 1 and f.place.row == 2
        assert text[f.column - 1:f.end_column - 1] == value


def test_word_table_office_row_is_note():
    _, findings = scan_table(["单位", "监督电话", "电子邮箱"], [["县民政局办公室", LAND_0755, EMAIL]])
    assert [(f.rule.code, f.severity) for f in findings] == [("PII006", "note"), ("PII011", "note")]


@pytest.mark.parametrize("sep", ["  ", "\t", "|", " | ", "\u3000"], ids=["spaces", "tab", "pipe", "pipe-spaced", "ideographic"])
def test_plain_text_table(sep):
    header = sep.join(["序号", "姓名", "身份证号码", "联系电话", "合同编号"])
    row = sep.join(["1", NAME, ID, MOBILE, ID2])
    text = f"{header}\n{row}"
    findings = scan_text(text)
    assert [(f.rule.code, f.masked, f.line) for f in findings] == [("PII001", m_id(ID), 2),
                                                                    ("PII003", m_mobile(MOBILE), 2)]
    for f, value in zip(findings, (ID, MOBILE)):
        assert row[f.column - 1:f.end_column - 1] == value
        assert f.column == row.index(value) + 1


def test_plain_text_table_id_column_with_bad_check_digit():
    text = "姓名  性别  身份证号码\n" + f"{NAME}  男  {ID_BAD}"
    assert [f.rule.code for f in scan_text(text)] == ["PII001"]


def test_plain_text_table_15_digit_id_under_id_header():
    text = "姓名  性别  出生年月  身份证号码\n" + f"{NAME}  男  1957.06  {ID15}"
    assert [(f.rule.code, f.masked) for f in scan_text(text)] == [("PII001", m_id(ID15))]


# ================================================================================ traps

USCC = _gen(fd.uscc, lambda v: not v[-1].isdigit() and "XX" not in v)  # a letter check char
USCC_DIGITS = _gen(fd.uscc, lambda v: v.isdigit())
ORG_CODE = USCC[8:16] + "-" + USCC[16]

TRAPS = {
    "uscc-unlabelled": f"深圳市某某有限公司（{USCC}）",
    "uscc-labelled": f"统一社会信用代码：{USCC}",
    "uscc-digits-labelled": f"统一社会信用代码：{USCC_DIGITS}",
    "uscc-traditional": f"統一社會信用代碼：{USCC}",
    "org-code": f"组织机构代码：{ORG_CODE}",
    "org-code-plain": f"组织机构代码：{ORG_CODE.replace('-', '')}",
    "doc-number": "文号：粤府办〔2019〕60号，项目编号20190306001。",
    "doc-number-brackets": "根据[2018]47号文件精神执行。",
    "dates": "于2019-03-06印发，自20190306起施行，2019.03.06公布。",
    "amounts": "金额13812345.67元，合计1,234,567元，另计18863170669.00元。",
    "postcodes": "邮编518000，邮政编码100101，地址某某路1号。",
    "contract-id-looking": f"合同编号：{ID}",
    "contract-mobile-looking": f"合同号{MOBILE}",
    "project-number": f"项目编号：{CARD19}",
    "exam-number": f"准考证号：{ID}",
    "archive-number": f"档案号：{CARD16}",
    "archive-number-traditional": f"檔案號：{ID}",
    "mobile-in-20-digits": f"交易流水201{MOBILE}123456已入账。",
    "mobile-in-20-digits-unlabelled": f"序列201{MOBILE}654321",
    "service-numbers": "政务服务便民热线12345，消费投诉12315，客服95588，96110，400-800-1234，800-810-8888，报警110。",
    "placeholder-zeros": "联系电话13800000000",
    "placeholder-run": "联系电话13812345678",
    "placeholder-id": "身份证号码：111111111111111111",
    "masked-mobile": f"手机：{fd.mask_mobile(MOBILE)}",
    "masked-id": f"身份证号码：{fd.mask_id(ID)}",
    "masked-card": f"银行卡：{fd.mask_card(CARD19)}",
    "masked-card-one-run": f"卡号{CARD19[0]}{'*' * 17}{CARD19[-1]}",
    "masked-passport": f"护照号码：{m_doc(PASS_E8)}",
    "masked-permit": f"往来港澳通行证号码{m_doc(PERMIT_CL7)}。",
    "masked-name-and-id": f"{fd.mask_name(NAME)}，身份证号码：{fd.mask_id(ID2)}",
    "unallocated-140": f"联系电话140{MOBILE[3:]}",
    "unallocated-194": f"联系电话194{MOBILE[3:]}",
    "unallocated-154": f"联系电话154{MOBILE[3:]}",
    "unallocated-144": f"手机144{MOBILE[3:]}",
    "id-bad-check-unlabelled": f"{NAME}，{ID_BAD}，男。",
    "15-digits-unlabelled": f"共计{ID15}条",
}


@pytest.mark.parametrize("text", list(TRAPS.values()), ids=list(TRAPS))
def test_traps_give_nothing(text):
    assert [(f.rule.code, f.masked) for f in scan_text(text)] == []


def test_unallocated_prefix_is_the_reason():
    """The same 8 digits after an allocated prefix are reported: the prefix is what the trap tests."""
    assert [f.rule.code for f in scan_text(f"联系电话{MOBILE}")] == ["PII003"]


def test_uscc_all_digits_luhn_valid_unlabelled():
    value = fd.uscc(random.Random(45))  # an all-digit USCC that passes Luhn
    assert value.isdigit()
    assert scan_text(f"深圳市某某有限公司（{value}）") == []


def test_uscc_ending_xx_labelled():
    value = fd.uscc(random.Random(153))
    assert value.endswith("XX")
    assert scan_text(f"统一社会信用代码：{value}") == []


# ================================================================================ positions

def test_positions_are_code_points_with_zero_width_before_value():
    text = f"  {ZWSP}申请人{NAME}{ZWSP}，身份证号码{ID}，手机{MOBILE}。"
    findings = scan_text(text)
    assert [f.rule.code for f in findings] == ["PII001", "PII003"]
    for f, value in zip(findings, (ID, MOBILE)):
        assert (f.column, f.end_column) == (text.index(value) + 1, text.index(value) + len(value) + 1)
        assert f.place.column == f.column


def test_positions_with_astral_characters_before_value():
    text = f"𠀀𠀁申请人身份证号码{ID}"  # characters outside the BMP count as one code point each
    [f] = scan_text(text)
    assert f.column == text.index(ID) + 1 == 11


def test_multiline_positions_and_occurrences():
    text = f"第一行。\n\n身份证号码：{ID}\n又：{ID}"
    findings = scan_text(text)
    assert [(f.line, f.column, f.occurrence) for f in findings] == [(3, 7, 0), (4, 3, 1)]
    assert findings[0].fingerprint() != findings[1].fingerprint()


def test_own_luhn_agrees_with_stdnum():
    from stdnum import luhn

    from auditor.detectors.bank_card import luhn_ok
    rng = random.Random(5)
    for _ in range(3000):
        digits = "".join(rng.choice("0123456789") for _ in range(rng.randint(12, 19)))
        assert luhn_ok(digits) == luhn.is_valid(digits), digits


def test_own_uscc_check_agrees_with_stdnum():
    from stdnum.cn import uscc as stdnum_uscc

    from auditor.detectors import uscc
    rng = random.Random(6)
    for _ in range(500):
        code = fd.uscc(rng)
        assert uscc.is_valid(code) and stdnum_uscc.is_valid(code)
        broken = code[:17] + rng.choice([c for c in uscc.ALPHABET if c != code[17]])
        assert uscc.is_valid(broken) == stdnum_uscc.is_valid(broken)

"""Person names, home addresses and birth dates (PII012-PII017): positives, traps, tables, masks,
officials vs private persons, the spaCy pipeline and a user's own model.

Names are made by tests/fakedata.py or are invented combinations; IDs and phones are generated with
valid check digits: no real person's data.
"""
from __future__ import annotations

import random

import pytest

import fakedata as fd
from auditor.document import Document, Place, lines_to_blocks, table_row
from auditor.scan import Selection, scan_document
from auditor.rulepacks import load_rules

_rng = random.Random(20261127)
ID = fd.resident_id(_rng)
MOBILE = "13902156678"


def doc_from_text(text: str) -> Document:
    doc = Document(path=None, uri="t.txt", format="txt")
    doc.blocks = lines_to_blocks(text, lambda n: Place(line=n))
    return doc


def names(text: str, selection: Selection | None = None):
    """(rule code, value) of every name/address/birth-date finding in `text`."""
    result = scan_document(doc_from_text(text), selection=selection)
    return [(f.rule.code, f.value) for f in result.findings if f.rule.code >= "PII012"]


def table_doc(headers, rows) -> Document:
    doc = Document(path=None, uri="t.docx", format="docx")
    doc.blocks = [table_row(headers, Place(table=1, row=1), lambda i: Place(table=1, row=1, column=i + 1))]
    for r, row in enumerate(rows, start=2):
        doc.blocks.append(table_row(row, Place(table=1, row=r), lambda i, r=r: Place(table=1, row=r, column=i + 1),
                                    headers))
    return doc


# --- sentences -----------------------------------------------------------------------------
@pytest.mark.parametrize("text,expected", [
    ("全年收到申请1件，申请人为顾淑芳，已按期答复。", [("PII013", "顾淑芳")]),
    (f"申请人柏晓岚，身份证号码{ID}，现居住于本镇。", [("PII012", "柏晓岚")]),
    ("户主马秀英，家庭成员马建华、马丽。", [("PII013", "马秀英"), ("PII013", "马建华"), ("PII013", "马丽")]),
    ("关于甘怡冬来信反映邻居建房侵占宅基地问题的回复", [("PII013", "甘怡冬")]),
    ("宗波梓您好！您反映的问题已收悉。", [("PII013", "宗波梓")]),
    ("关于滕杰等6人不动产权证书遗失作废的公告", [("PII013", "滕杰")]),
    ("被征收人：欧阳娜娜，房屋坐落：红星村5组1号。", [("PII013", "欧阳娜娜")]),
    ("申请人：阿卜杜拉·买买提，申请公开征收补偿方案。", [("PII013", "阿卜杜拉·买买提")]),
    ("申请人刘王晨曦，已按期答复。", [("PII013", "刘王晨曦")]),
    ("户主：热依拉•买买提，家庭人口3人。", [("PII013", "热依拉•买买提")]),
    ("户主：次仁．多吉，家庭人口2人。", [("PII013", "次仁．多吉")]),
    ("申请人晓东，男，身份证513429490322795。", [("PII012", "晓东")]),
])
def test_private_names_in_sentences(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize("text", [
    "县委高度重视文明城市创建工作，拨付资金50万元。",
    "双华镇人民政府关于高新区建设的公示：今天下午三点召开会议，万元以上项目须审批。",
    "安静、耿直、殷勤、和蔼的干部作风。",
    "学习贯彻习近平新时代中国特色社会主义思想，坚持毛泽东思想、邓小平理论。",
    "参观欧阳修纪念馆，学习孔子的教育思想。",
    "申请人应当提交身份证明，申请人向本机关提出申请，村民代表大会通过。",
    "我局成立了局长任组长，分管副局长任副组长，各相关科室负责人为成员的领导小组。",
    "请申请人本人携带居民身份证和受理回执领取。",
    "经核对，余款已于2024年3月拨付到位，群众反映的问题已解决。",
    "当事人的上述行为违反了有关法律法规的规定。",
    "华为公司与李宁公司在韩国设立办事处。",
])
def test_traps_are_not_names(text):
    assert names(text) == []


def test_masked_names_are_recognised_and_under_masked_is_a_warning():
    assert names("经审核，申请人张某某、李某、王*、刘**、赵××、刘x甲符合条件。") == []
    assert names("经审核，张*明符合条件。") == [("PII015", "张*明")]


def test_officials_are_notes_unless_a_personal_number_is_beside_them():
    text = ("本机关联系人：邓怡长，联系电话：（0431）7130968。\n"
            "市长李强出席会议并讲话，副市长王芳主持。\n"
            f"如经办人虞晓平的手机号{MOBILE}被公开。\n"
            "申请人为顾淑芳，已按期答复。\n")
    assert [(c, v) for c, v in names(text)] == [
        ("PII014", "邓怡长"), ("PII014", "李强"), ("PII014", "王芳"), ("PII012", "虞晓平"), ("PII013", "顾淑芳")]


def test_official_names_switch_off_with_ignore():
    rules = load_rules()
    selection = Selection({r.code for r in rules} - {"PII014"})
    assert names("本机关联系人：邓怡长，联系电话：（0431）7130968。", selection) == []


def test_salutation_line_is_a_name_only_when_it_looks_like_one():
    assert names("冉兰凤：\n你于2024年7月31日提出的信访事项，本机关已依法受理。") == [("PII013", "冉兰凤")]
    assert names("附件：\n1. 补贴标准") == []
    assert names("程序：\n一、受理") == []


# --- tables ----------------------------------------------------------------------------------
def test_name_column_makes_every_cell_a_name():
    people = [fd.name(_rng) for _ in range(3)]
    doc = table_doc(["序号", "户主姓名", "身份证号码", "补贴金额"],
                    [[str(i + 1), p, fd.resident_id(_rng), "1200.00"] for i, p in enumerate(people)])
    found = [(f.rule.code, f.value, f.place.column) for f in scan_document(doc).findings if f.rule.code == "PII012"]
    assert found == [("PII012", p, 2) for p in people]


def test_name_column_takes_names_beyond_the_surname_list():
    doc = table_doc(["序号", "姓名", "护照号码"], [["1", "John Smith", "E12345670"], ["2", "约翰逊", "E23456781"],
                                             ["3", "合计", ""]])
    assert [f.value for f in scan_document(doc).findings if f.entity == "PERSON_NAME"] == ["John Smith", "约翰逊"]


def test_row_with_an_id_and_no_name_column_gives_its_name_like_cell():
    doc = table_doc(["序号", "户主", "类别", "银行卡号"], [])
    doc.blocks = [table_row(["1", "章海涛", "支出型", fd.bank_card(_rng)], Place(table=1, row=2),
                            lambda i: Place(table=1, row=2, column=i + 1))]  # no header row
    assert [(f.rule.code, f.value) for f in scan_document(doc).findings if f.rule.code >= "PII012"] == \
        [("PII012", "章海涛")]


def test_officials_register_rows_are_officials():
    doc = table_doc(["序号", "姓名", "职务", "联系电话"], [["1", "解明强", "局长", "0851-4927960"]])
    assert [f.rule.code for f in scan_document(doc).findings if f.entity == "PERSON_NAME"] == ["PII014"]


def test_names_in_a_real_docx_table(tmp_path):
    docx = pytest.importorskip("docx")
    from auditor.readers import load

    people = [fd.name(_rng) for _ in range(2)]
    d = docx.Document()
    d.add_paragraph("2024年高龄津贴发放名单公示")
    table = d.add_table(rows=1, cols=3)
    for cell, text in zip(table.rows[0].cells, ["姓名", "出生年月", "所在村"]):
        cell.text = text
    for p in people:
        for cell, text in zip(table.add_row().cells, [p, "1938年3月", "和平村"]):
            cell.text = text
    d.save(tmp_path / "list.docx")
    findings = scan_document(load(tmp_path / "list.docx", "list.docx")).findings
    assert [(f.rule.code, f.value) for f in findings] == [
        ("PII012", people[0]), ("PII017", "1938年3月"), ("PII012", people[1]), ("PII017", "1938年3月")]


# --- addresses and birth dates ----------------------------------------------------------------
@pytest.mark.parametrize("text,expected", [
    ("当事人：莫红勇，住址：新华村7组96号，联系电话：0851-4927960。", "新华村7组96号"),
    ("来信内容：我叫秦梓林，家住阳光新城10栋5单元。", "阳光新城10栋5单元"),
    ("来信载明寄件人地址为清溪镇万安村5组119号。", "清溪镇万安村5组119号"),
    ("申请人安俊，通讯地址紫荆名都28幢3单元2301室，邮政编码469416。", "紫荆名都28幢3单元2301室"),
])
def test_home_addresses(text, expected):
    assert ("PII016", expected) in names(text)


@pytest.mark.parametrize("text", [
    "本机关地址：县行政中心8号楼513室，邮政编码：649705。",
    "所在村：新华村。",
    "被征收房屋坐落：红星村5组1号。",
    "通讯地址：平潭综合实验区商务营运中心7号楼14层；邮编：350400。",
    "根据县政府〔2024〕12号文件精神。",
])
def test_not_home_addresses(text):
    assert all(code != "PII016" for code, _ in names(text))


@pytest.mark.parametrize("text,expected", [
    ("来信称你于1949年11月24日出生。", "1949年11月24日"),
    ("申请人屈亮志，出生日期1965-10-26。", "1965-10-26"),
    ("测丙，女，1990年3月7日生。", "1990年3月7日"),
])
def test_birth_dates(text, expected):
    assert ("PII017", expected) in names(text)


@pytest.mark.parametrize("text", [
    "该同志于2006年12月入伍，2010年12月退伍。",
    "本规定自2024年5月1日起施行，2024年5月生效。",
    "测丙，男，1970年5月生，现任县水利局局长，拟任县农业农村局局长。",
])
def test_not_birth_dates(text):
    assert all(code != "PII017" for code, _ in names(text))


# --- evidence, the pipeline, a user's model ---------------------------------------------------
def test_evidence_is_kept():
    result = scan_document(doc_from_text(f"申请人柏晓岚，身份证号码{ID}。"))
    name = next(f for f in result.findings if f.rule.code == "PII012")
    assert "after 申请人" in name.reasons and any("CN_RESIDENT_ID" in r for r in name.reasons)
    assert 0.55 <= name.confidence < 1


def test_pipeline_is_spacy_with_jieba_and_rule_pack_matchers():
    from auditor.nlp import pipeline

    nlp = pipeline()
    assert nlp.pipe_names == ["auditor_context", "auditor_person_names"]
    doc = nlp("被征收人：海燕，房屋坐落：万安村6组16号")
    assert [t.text for t in doc][:3] == ["被征收人", "：", "海燕"]  # the context word is one token
    assert [(s.text, s.label_) for s in doc.spans["auditor_context"]] == [("被征收人", "private:after")]
    assert [(doc.text[c.start:c.end], c.role) for c in doc._.person_names] == [("海燕", "private")]


def test_user_model_persons_are_combined(tmp_path):
    import spacy

    nlp = spacy.blank("zh")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "PERSON", "pattern": "韦小宝"}])
    nlp.to_disk(tmp_path / "model")
    text = "今年5月，韦小宝到镇政府反映房屋漏水问题。"  # no context word: only the model finds him
    assert names(text) == []
    rules = load_rules()
    selection = Selection({r.code for r in rules}, person_model=str(tmp_path / "model"))
    assert names(text, selection) == [("PII013", "韦小宝")]


def test_trimmed_jieba_dictionary_is_cached_and_optional(tmp_path, monkeypatch):
    from auditor import nlp

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    path = nlp._dictionary()
    assert path is not None and path.parent == tmp_path / "auditor"
    lines = path.read_text(encoding="utf-8").splitlines()
    assert 30_000 < len(lines) < 100_000  # words seen at least MIN_WORD_FREQUENCY times
    assert all(int(line.split()[1]) >= nlp.MIN_WORD_FREQUENCY for line in lines[:1000])
    blocked = tmp_path / "file"
    blocked.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))  # not a folder: jieba's own dictionary instead
    assert nlp._dictionary() is None


def test_nlp_loads_without_the_parts_it_never_uses():
    """spaCy without its command line, jieba without pkg_resources (start-up time), and both still
    whole afterwards: `spacy.cli` imports for real, pkg_resources is importable again."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from auditor.nlp import pipeline\n"
        "names = pipeline()('申请人顾淑芳已按期答复。')._.person_names\n"
        "assert [name.start for name in names] == [3], names\n"
        "assert 'typer' not in sys.modules and 'spacy.cli' not in sys.modules, 'spaCy CLI imported'\n"
        "assert 'pkg_resources' not in sys.modules, 'pkg_resources imported'\n"
        "import spacy, spacy.cli\n"
        "from spacy.cli.info import info\n"
        "assert callable(spacy.cli.download) and callable(spacy.info)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""  # jieba's "Building prefix dict" stays off stderr


def test_a_context_word_at_the_start_of_a_line_is_no_crash():
    """A "name before it" context word opening a line (来信, a link's text) once indexed before the line."""
    assert names("本机关公开以下事项。\n来信\n（来信）") == []

"""`auditor redact` on .docx, .xlsx and HTML attributes: a value planted in every place it can hide
is masked, every character keeps its run's formatting, offices' contacts stay, the copy opens in
python-docx/openpyxl and converts with LibreOffice, and nothing of the value is left in any part."""
from __future__ import annotations

import io
import json
import random
import re
import struct
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest

import fakedata as fd
from support import convert, soffice_or_skip

EXE = Path(sys.executable).parent / "auditor"
OFFICE_PHONE, OFFICE_MAIL = "0753-4271000", "xxgk@qinghe.gov.cn"
W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _run(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(EXE), *args], cwd=cwd, capture_output=True, text=True, timeout=300)


def _png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\x00")) + chunk(b"IEND", b""))


def _values(seed: int) -> dict[str, str]:
    rng = random.Random(seed)
    v = {f"id{i}": fd.resident_id(rng) for i in range(1, 8)}
    v.update({f"mobile{i}": fd.mobile(rng) for i in range(1, 5)})
    names = set()
    while len(names) < 5:
        names.add(fd.name(rng, 2))
    v.update({f"name{i}": n for i, n in enumerate(sorted(names), 1)})
    v.update(card=fd.bank_card(rng), email=fd.email(rng))
    return v


# ------------------------------------------------------------------------------------------ .docx

def make_docx(path: Path, v: dict) -> None:
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import parse_xml
    from docx.shared import Pt, RGBColor

    d = docx.Document()
    p = d.add_paragraph("申请人身份证号码")  # the ID split over three runs of different formatting
    for piece, style in zip((v["id1"][:5], v["id1"][5:12], v["id1"][12:]), ("bold", "italic", "color")):
        run = p.add_run(piece)
        if style == "color":
            run.font.color.rgb, run.font.size = RGBColor(0xC0, 0, 0), Pt(14)
        else:
            setattr(run, style, True)
    p.add_run("，请予核实。")
    table = d.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells, ("姓名", "联系电话", "备注")):
        cell.text = text
    for cell, text in zip(table.rows[1].cells, (v["name1"], v["mobile1"], "无")):
        cell.text = text
    section = d.sections[0]
    section.header.paragraphs[0].text = f"申请人：{v['name2']}，身份证号码见附件"
    section.footer.paragraphs[0].text = f"联系人手机：{v['mobile2']}；监督电话：{OFFICE_PHONE}"
    body = d.element.body
    body.insert(len(body) - 1, parse_xml(  # tracked insertion and deletion
        f'<w:p {W_NS}><w:ins w:id="901" w:author="{v["name3"]}" w:date="2024-03-01T00:00:00Z"><w:r>'
        f'<w:t>手机号码{v["mobile3"]}</w:t></w:r></w:ins><w:del w:id="902" w:author="{v["name3"]}" '
        f'w:date="2024-03-01T00:00:00Z"><w:r><w:delText>身份证号码{v["id2"]}</w:delText></w:r></w:del></w:p>'))
    body.insert(len(body) - 1, parse_xml(  # a text box (VML)
        f'<w:p {W_NS} xmlns:v="urn:schemas-microsoft-com:vml"><w:r><w:pict><v:shape style="width:200pt;'
        f'height:40pt"><v:textbox><w:txbxContent><w:p><w:r><w:t>身份证号码{v["id3"]}</w:t></w:r></w:p>'
        f'</w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>'))
    body.insert(len(body) - 1, parse_xml(  # a content control with the value in its tag too
        f'<w:sdt {W_NS}><w:sdtPr><w:alias w:val="身份证号码"/><w:tag w:val="{v["id4"]}"/></w:sdtPr>'
        f'<w:sdtContent><w:p><w:r><w:t>持证人身份证号码{v["id4"]}</w:t></w:r></w:p></w:sdtContent></w:sdt>'))
    rid = d.part.relate_to(f"mailto:{v['email']}", RT.HYPERLINK, is_external=True)
    body.insert(len(body) - 1, parse_xml(
        f'<w:p {W_NS} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f'<w:r><w:t>申请人电子邮箱：</w:t></w:r><w:hyperlink r:id="{rid}"><w:r><w:t>{v["email"]}</w:t></w:r></w:hyperlink>'
        f'<w:r><w:t>（信息公开办邮箱：{OFFICE_MAIL}）</w:t></w:r></w:p>'))
    d.add_picture(io.BytesIO(_png()))
    pic = d.inline_shapes[0]._inline.docPr
    pic.set("descr", f"身份证照片 {v['id5']}")
    pic.set("title", f"持卡人银行卡号{v['card']}")
    comment_run = d.add_paragraph("本机关全年受理申请12件。").runs[0]
    d.add_comment(comment_run, text=f"核对身份证号码{v['id6']}", author=v["name4"], initials="ZS")
    d.core_properties.author = v["name5"]
    d.core_properties.last_modified_by = v["name5"]
    d.save(path)
    _add_notes(path, v)
    _embed_workbook(path, v)


def _embed_workbook(path: Path, v: dict) -> None:
    """An Excel table embedded in the Word file, holding a value found nowhere else."""
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["户主姓名", "身份证号码", "联系电话"])
    wb.active.append([v["name1"], v["id7"], v["mobile1"]])
    data = io.BytesIO()
    wb.save(data)
    with zipfile.ZipFile(path, "a") as zf:
        zf.writestr("word/embeddings/Microsoft_Excel_Worksheet.xlsx", data.getvalue())


def _add_notes(path: Path, v: dict) -> None:
    """python-docx writes no footnotes or endnotes: add both parts, their relationships and references."""
    with zipfile.ZipFile(path) as zf:
        entries = {n: zf.read(n) for n in zf.namelist()}
    for kind, text in (("footnote", f"申请人联系电话{v['mobile4']}"), ("endnote", f"银行卡号：{v['card']}")):
        entries[f"word/{kind}s.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:{kind}s {W_NS}>'
            f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>'
            f'<w:{kind} w:id="1"><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:{kind}></w:{kind}s>').encode()
        entries["word/_rels/document.xml.rels"] = entries["word/_rels/document.xml.rels"].replace(
            b"</Relationships>", f'<Relationship Id="rId{kind}" Type="http://schemas.openxmlformats.org/'
            f'officeDocument/2006/relationships/{kind}s" Target="{kind}s.xml"/></Relationships>'.encode())
        entries["[Content_Types].xml"] = entries["[Content_Types].xml"].replace(
            b"</Types>", f'<Override PartName="/word/{kind}s.xml" ContentType="application/vnd.openxmlformats-'
            f'officedocument.wordprocessingml.{kind}s+xml"/></Types>'.encode())
        entries["word/document.xml"] = entries["word/document.xml"].replace(
            b"<w:sectPr", f'<w:p><w:r><w:t>注</w:t></w:r><w:r><w:{kind}Reference w:id="1"/></w:r></w:p><w:sectPr'
            .encode(), 1)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)


def package_text(path) -> str:
    """Every part of a zip as text, tags stripped (runs joined) plus every attribute value, embedded
    packages included."""
    from lxml import etree

    out = []
    with zipfile.ZipFile(path) as zf:
        for name in zf.namelist():
            if name.endswith((".xml", ".rels")):
                root = etree.fromstring(zf.read(name))
                out.append("".join(root.itertext()))
                out += [value for el in root.iter() for value in el.attrib.values()]
            elif name.endswith(".xlsx"):
                out.append(package_text(io.BytesIO(zf.read(name))))
    return "\n".join(out)


def assert_gone(text: str, values) -> None:
    bare = re.sub(r"\D", "", text)
    for value in values:
        assert value not in text
        digits = re.sub(r"\D", "", value)
        assert len(digits) < 7 or digits not in bare


@pytest.fixture()
def docx_case(tmp_path):
    pytest.importorskip("docx")
    v = _values(71)
    (tmp_path / "docs").mkdir()
    make_docx(tmp_path / "docs" / "公示.docx", v)
    return tmp_path, v


def test_docx_every_part_masked_and_formatting_kept(docx_case):
    import docx

    root, v = docx_case
    source = root / "docs" / "公示.docx"
    before = source.read_bytes()
    assert all(value in package_text(source) for value in v.values())  # every value planted
    run = _run(root, "redact", "docs", "--output-dir", "out", "-f", "json")
    assert run.returncode == 0, run.stdout + run.stderr
    assert source.read_bytes() == before
    copy = root / "out" / "docs" / "公示.docx"
    text = package_text(copy)
    assert_gone(text, v.values())
    assert OFFICE_PHONE in text and OFFICE_MAIL in text  # an office's published contacts stay
    d = docx.Document(str(copy))
    runs = d.paragraphs[0].runs  # the split ID: same runs, same formatting, masked character by character
    assert [r.text for r in runs[1:4]] == [v["id1"][:5], v["id1"][5] + "*" * 6, "**" + v["id1"][-4:]]
    assert runs[1].bold and runs[2].italic and str(runs[3].font.color.rgb) == "C00000"
    assert runs[3].font.size.pt == 14
    assert d.tables[0].rows[1].cells[1].text == v["mobile1"][:3] + "****" + v["mobile1"][-4:]
    assert d.core_properties.author == v["name5"][0] + "**"
    with zipfile.ZipFile(copy) as zf:
        assert not [n for n in zf.namelist() if "thumbnail" in n]
        assert [n for n in zf.namelist() if "/media/" in n]  # the picture stays, listed as not checked
        embedded = zf.read("word/embeddings/Microsoft_Excel_Worksheet.xlsx")
    import openpyxl
    assert openpyxl.load_workbook(io.BytesIO(embedded)).active["B2"].value == v["id7"][:6] + "*" * 8 + v["id7"][-4:]
    summary = json.loads(run.stdout)["documents"][0]
    assert any("图片" in note for note in summary["notes"])
    assert not [value for value in v.values() if value in run.stdout]  # the summary shows masks only


def test_docx_converts_with_libreoffice(docx_case, tmp_path):
    root, v = docx_case
    assert _run(root, "redact", "docs", "--output-dir", "out").returncode == 0
    converted = convert(soffice_or_skip(), root / "out" / "docs" / "公示.docx", "txt:Text (encoded):UTF8",
                        tmp_path / "converted")
    text = converted.read_text(encoding="utf-8-sig")
    assert v["id1"][:6] + "*" * 8 + v["id1"][-4:] in text and OFFICE_PHONE not in v.values()
    assert_gone(text, v.values())


def test_docx_survivor_fails_and_deletes(docx_case, monkeypatch):
    """A value the masking misses (here: masking made a no-op) is caught by the raw search."""
    from auditor import redact, redact_ooxml
    from auditor.scan import scan_paths

    root, _ = docx_case
    nothing = redact_ooxml.ValueSet([])
    monkeypatch.setattr(redact_ooxml, "ValueSet", lambda values: nothing)
    result = scan_paths([str(root / "docs" / "公示.docx")])
    outcome = redact.redact(result, root / "out")[0]
    assert not outcome.ok and "survived" in outcome.error and not outcome.target.exists()


def test_docx_unmasked_author_fails_and_deletes(docx_case, monkeypatch):
    """An author field the masking left alone is caught by the verification too."""
    from auditor import redact, redact_ooxml
    from auditor.scan import scan_paths

    root, _ = docx_case
    original = redact_ooxml.mask_parts
    monkeypatch.setattr(redact_ooxml, "mask_parts", lambda parts, masks, personal: original(parts, masks, str))
    outcome = redact.redact(scan_paths([str(root / "docs" / "公示.docx")]), root / "out")[0]
    assert not outcome.ok and "survived" in outcome.error and not outcome.target.exists()


# ------------------------------------------------------------------------------------------ .xlsx

def make_xlsx(path: Path, v: dict) -> None:
    import openpyxl
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont
    from openpyxl.comments import Comment
    from openpyxl.styles import Font
    from openpyxl.workbook.defined_name import DefinedName

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "公示名单"
    ws.append(["姓名", "身份证号码", "联系电话", "补贴金额"])
    ws.append([v["name1"], v["id1"], int(v["mobile1"]), 600])  # a mobile number stored as a number
    ws["A2"].font = Font(bold=True, color="FF0000")
    ws["B3"] = CellRichText([TextBlock(InlineFont(b=True), v["id2"][:8]), TextBlock(InlineFont(i=True), v["id2"][8:])])
    ws["A3"] = v["name2"]
    ws["D2"].comment = Comment(f"核对银行卡号{v['card']}", v["name3"])
    ws["A5"] = f"监督电话：{OFFICE_PHONE}"
    hidden = wb.create_sheet("原始数据")
    hidden.sheet_state = "hidden"
    hidden.append(["户主姓名", "身份证号码"])
    hidden.append([v["name4"], v["id3"]])
    wb.defined_names["联系人电话"] = DefinedName("联系人电话", attr_text=f'"{v["mobile2"]}"')
    wb.properties.creator = v["name5"]
    wb.save(path)


def to_shared_strings(path: Path) -> None:
    """openpyxl writes inline strings; Excel writes a shared-strings part: move every string there."""
    from lxml import etree

    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    with zipfile.ZipFile(path) as zf:
        entries = {n: zf.read(n) for n in zf.namelist()}
    table = etree.Element(f"{{{main}}}sst", nsmap={None: main})
    for name in [n for n in entries if n.startswith("xl/worksheets/sheet")]:
        root = etree.fromstring(entries[name])
        for cell in root.iter(f"{{{main}}}c"):
            inline = cell.find(f"{{{main}}}is")
            if cell.get("t") == "inlineStr" and inline is not None:
                inline.tag = f"{{{main}}}si"
                table.append(inline)  # moved, its runs (and their formatting) with it
                cell.set("t", "s")
                etree.SubElement(cell, f"{{{main}}}v").text = str(len(table) - 1)
        entries[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    entries["xl/sharedStrings.xml"] = etree.tostring(table, xml_declaration=True, encoding="UTF-8", standalone=True)
    entries["xl/_rels/workbook.xml.rels"] = entries["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>", b'<Relationship Id="rIdSST" Type="http://schemas.openxmlformats.org/officeDocument/'
        b'2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
    entries["[Content_Types].xml"] = entries["[Content_Types].xml"].replace(
        b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
        b'officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)


@pytest.mark.parametrize("strings", ["inline", "shared"])
def test_xlsx_every_sheet_masked_styles_kept(tmp_path, strings):
    openpyxl = pytest.importorskip("openpyxl")
    v = _values(73)
    (tmp_path / "docs").mkdir()
    make_xlsx(tmp_path / "docs" / "名单.xlsx", v)
    if strings == "shared":
        to_shared_strings(tmp_path / "docs" / "名单.xlsx")
        assert v["id2"][:8] in package_text(tmp_path / "docs" / "名单.xlsx")
    run = _run(tmp_path, "redact", "docs", "--output-dir", "out", "-f", "json")
    assert run.returncode == 0, run.stdout + run.stderr
    copy = tmp_path / "out" / "docs" / "名单.xlsx"
    text = package_text(copy)
    planted = [v[k] for k in ("name1", "name2", "name4", "name5", "id1", "id2", "id3", "mobile1", "mobile2", "card")]
    assert_gone(text, planted)
    assert OFFICE_PHONE in text
    wb = openpyxl.load_workbook(copy, rich_text=True)
    ws = wb["公示名单"]
    assert ws["A2"].font.bold and ws["A2"].font.color.rgb == "00FF0000"  # styles kept
    assert ws["C2"].value == v["mobile1"][:3] + "****" + v["mobile1"][-4:]  # a number became text
    assert ws["D2"].value == 600 and wb["原始数据"].sheet_state == "hidden"
    assert any("数字单元格" in note for note in json.loads(run.stdout)["documents"][0]["notes"])
    assert [(bool(b.font.b), bool(b.font.i)) for b in ws["B3"].value] == [(True, False), (False, True)] and str(ws["B3"].value) == (
        v["id2"][:6] + "*" * 8 + v["id2"][-4:])


# ------------------------------------------------------------------------------------------ .html

def test_html_values_only_in_attributes(tmp_path):
    rng = random.Random(79)
    id_number, mobile, email = fd.resident_id(rng), fd.mobile(rng), fd.email(rng)
    (tmp_path / "a.html").write_text(
        f'<html><body><p>本机关公开以下事项。</p><img src="x.png" alt="申请人身份证 {id_number}">'
        f'<input name="tel" value="{mobile}"><a href="mailto:{email}" data-owner="{email}">来信</a>'
        f"<p>监督电话：{OFFICE_PHONE}</p></body></html>", encoding="utf-8")
    run = _run(tmp_path, "redact", "a.html", "--output-dir", "out")
    assert run.returncode == 0, run.stdout + run.stderr
    html = (tmp_path / "out" / "a.html").read_text(encoding="utf-8")
    assert_gone(html, [id_number, mobile, email])
    assert OFFICE_PHONE in html and id_number[:6] + "*" * 8 + id_number[-4:] in html


def test_xlsx_converts_with_libreoffice(tmp_path):
    pytest.importorskip("openpyxl")
    v = _values(83)
    (tmp_path / "docs").mkdir()
    make_xlsx(tmp_path / "docs" / "名单.xlsx", v)
    assert _run(tmp_path, "redact", "docs", "--output-dir", "out").returncode == 0
    converted = convert(soffice_or_skip(), tmp_path / "out" / "docs" / "名单.xlsx",
                        "csv:Text - txt - csv (StarCalc):44,34,76", tmp_path / "converted")
    text = converted.read_text(encoding="utf-8")
    assert v["mobile1"][:3] + "****" + v["mobile1"][-4:] in text and OFFICE_PHONE in text
    assert_gone(text, [v["name1"], v["id1"], v["mobile1"]])


def test_docx_dry_run_lists_hidden_values_and_writes_nothing(docx_case):
    root, v = docx_case
    run = _run(root, "redact", "docs", "--output-dir", "out", "--dry-run", "-f", "json")
    assert run.returncode == 0 and not (root / "out").exists()
    masks = {m["mask"] for m in json.loads(run.stdout)["documents"][0]["masked"]}
    assert v["id5"][:6] + "*" * 8 + v["id5"][-4:] in masks  # only in the image's alt text
    assert v["id7"][:6] + "*" * 8 + v["id7"][-4:] in masks  # only in the embedded workbook


def test_pdf_without_the_extra_is_reported(monkeypatch, tmp_path):
    """Without PyMuPDF a PDF with something to mask is not redacted, and the reason says what to do."""
    from auditor import redact, redact_pdf
    from auditor.scan import scan_paths

    monkeypatch.setattr(redact_pdf, "available", lambda: False)
    sample = Path(__file__).parent.parent / "samples" / "答复书-依申请公开.pdf"
    outcome = redact.redact(scan_paths([str(sample)]), tmp_path / "out")[0]
    assert not outcome.ok and "auditor[pdf]" in outcome.error and not (tmp_path / "out").exists()


def test_attributes_people_write_are_units_and_structure_is_not():
    """A simple field's instruction, drop-down items and document variables are masked; a style's w:val
    or an element's id is never touched; an author is masked unless it names an office."""
    from lxml import etree

    from auditor import redact_ooxml as ox

    mobile = fd.mobile(random.Random(89))
    xml = (f'<w:document {W_NS}><w:body><w:p><w:fldSimple w:instr=\'HYPERLINK "tel:{mobile}"\'><w:r><w:t>电话</w:t>'
           f'</w:r></w:fldSimple><w:pPr><w:pStyle w:val="{mobile}"/></w:pPr></w:p><w:sdt><w:sdtPr><w:dropDownList>'
           f'<w:listItem w:displayText="{mobile}" w:value="{mobile}"/></w:dropDownList></w:sdtPr></w:sdt>'
           f'<w:docVar w:name="phone" w:val="{mobile}"/><w:ins w:author="青禾县民政局"/><w:del w:author="王小明"/>'
           f'</w:body></w:document>')
    data = xml.encode()
    root = etree.fromstring(data)
    part = ox.Part("word/document.xml", root, ox.units(root, ox._has_attribute_hint(data)), data)
    ox.mask_parts([part], {mobile: "138****0000"}, ox.personal_field_mask("stars"))
    out = etree.tostring(root, encoding="unicode")
    assert out.count("138****0000") == 4 and f'w:val="{mobile}"/></w:pPr>' in out  # a style id stays
    assert 'w:author="青禾县民政局"' in out and 'w:author="王**"' in out

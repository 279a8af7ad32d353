"""Tests for auditor.readers: real files built in tmp_path, fake data only."""
from __future__ import annotations

import io
import os
import shutil
import sys
import zipfile
from pathlib import Path

import pytest

try:
    import auditor  # noqa: F401
except ImportError:  # running from a checkout without an installed package
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from auditor.document import Document
from auditor.readers import PathNotFound, SUPPORTED_SUFFIXES, discover, load
from auditor.readers import legacy, safety
from auditor.readers.sheet import render

from support import convert, soffice_or_skip  # noqa: E402
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def read(path: Path) -> Document:
    return load(path, path.name)


def kinds(doc: Document) -> list[str]:
    return [p.kind for p in doc.problems]


def blocks(doc: Document, part: str) -> list:
    return [b for b in doc.blocks if b.place.part == part]


def png_bytes(size=(40, 40)) -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buf, "PNG")
    return buf.getvalue()


def rewrite_zip(path: Path, name: str, transform) -> None:
    with zipfile.ZipFile(path) as zf:
        items = [(i, zf.read(i.filename)) for i in zf.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for info, data in items:
            if info.filename == name:
                data = transform(data)
            zf.writestr(info.filename, data)


# ------------------------------------------------------------------------------------ text

def test_utf8_text_line_numbers(tmp_path):
    p = tmp_path / "a.txt"
    p.write_bytes("第一行\r\n第二行 测试甲\r第三行\n\n第五行 13800000000\n".encode())
    doc = read(p)
    assert doc.encoding == "utf-8" and "编码：UTF-8" in doc.notes
    assert [b.text for b in doc.blocks][:5] == ["第一行", "第二行 测试甲", "第三行", "", "第五行 13800000000"]
    assert [b.place.line for b in doc.blocks[:5]] == [1, 2, 3, 4, 5]
    assert doc.blocks[4].place_at(4).column == 5
    assert doc.problems == []


def test_line_separators_are_only_newlines(tmp_path):
    p = tmp_path / "a.md"
    p.write_text("甲\x0c乙\u2028丙\n丁", encoding="utf-8")
    doc = read(p)
    assert [b.text for b in doc.blocks] == ["甲\x0c乙\u2028丙", "丁"]
    assert doc.format == "md"


def test_gbk_text(tmp_path):
    p = tmp_path / "gbk.txt"
    p.write_bytes("姓名：测试甲\n身份证号：110101199001011234\n住址：某省某市某街道".encode("gbk"))
    doc = read(p)
    assert doc.encoding == "gb18030" and "编码：GB18030" in doc.notes
    assert doc.blocks[0].text == "姓名：测试甲"
    assert doc.blocks[1].place.line == 2
    assert doc.problems == []


@pytest.mark.parametrize("codec,label", [("utf-16-le", "UTF-16LE"), ("utf-16-be", "UTF-16BE")])
def test_utf16_with_bom(tmp_path, codec, label):
    p = tmp_path / "u16.txt"
    bom = b"\xff\xfe" if codec.endswith("le") else b"\xfe\xff"
    p.write_bytes(bom + "联系人 测试乙\r\n电话 13800000000\r\n".encode(codec))
    doc = read(p)
    assert doc.encoding == codec and f"编码：{label}" in doc.notes
    assert [b.text for b in doc.blocks] == ["联系人 测试乙", "电话 13800000000", ""]
    assert doc.problems == []


def test_utf8_bom(tmp_path):
    p = tmp_path / "bom.txt"
    p.write_bytes("\ufeff测试丙".encode("utf-8"))
    doc = read(p)
    assert doc.blocks[0].text == "测试丙" and doc.encoding == "utf-8-sig"


def test_invalid_bytes_do_not_hide_text(tmp_path):
    p = tmp_path / "bad.txt"
    p.write_bytes("前文 测试甲的资料\n".encode() + b"\xff\xfe\xfd" + "后文 身份证 110101199001011234 测试乙\n".encode())
    doc = read(p)
    assert doc.encoding == "utf-8"
    assert "decode-errors" in kinds(doc)
    problem = next(x for x in doc.problems if x.kind == "decode-errors")
    assert problem.detail.startswith("3 个字节")
    assert "后文 身份证 110101199001011234 测试乙" in doc.blocks[1].text
    assert doc.blocks[0].text == "前文 测试甲的资料"


def test_binary_with_text_suffix(tmp_path):
    p = tmp_path / "x.txt"
    p.write_bytes(b"\x00\x01\x02\x03PNG\x00\x00" * 50)
    doc = read(p)
    assert kinds(doc) == ["binary"]


def test_empty_file(tmp_path):
    p = tmp_path / "empty.docx"
    p.write_bytes(b"")
    assert kinds(read(p)) == ["empty"]
    q = tmp_path / "blank.txt"
    q.write_text("  \n\n", encoding="utf-8")
    assert kinds(read(q)) == ["empty"]


def test_unknown_suffix(tmp_path):
    p = tmp_path / "data.bin"
    p.write_bytes(bytes(range(256)) * 4)
    assert kinds(read(p)) == ["unsupported"]
    q = tmp_path / "名单"
    q.write_text("测试甲 13800000000", encoding="utf-8")
    doc = read(q)
    assert doc.problems == [] and doc.blocks[0].text == "测试甲 13800000000"
    assert any("按纯文本" in n for n in doc.notes)


def test_unreadable_never_raises(tmp_path, monkeypatch):
    from auditor.readers import text

    def boom(path, doc):
        raise RuntimeError("内部错误")

    monkeypatch.setattr(text, "read", boom)
    p = tmp_path / "a.txt"
    p.write_text("x", encoding="utf-8")
    doc = read(p)
    assert kinds(doc) == ["unreadable"] and "内部错误" in doc.problems[0].detail


# ------------------------------------------------------------------------------------ docx

def make_docx(path: Path) -> None:
    import docx

    d = docx.Document()
    d.core_properties.author = "测试丁"
    d.core_properties.last_modified_by = "测试戊"
    d.core_properties.title = "某局政府信息公开申请答复"
    d.core_properties.keywords = "公开, 答复"
    d.add_paragraph("关于某事项的答复")
    para = d.add_paragraph("申请人测试甲：")
    d.add_comment(para.runs, text="请核对联系电话 13900000000", author="审核员丙", initials="丙")
    table = d.add_table(rows=3, cols=3)
    for r, row in enumerate([("姓名", "身份证号", "联系电话"),
                             ("测试甲", "110101199001011234", "13800000000"),
                             ("测试乙", "110101199202022345", "13800000001")]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    d.add_paragraph("此复。")
    section = d.sections[0]
    section.header.paragraphs[0].text = "页眉 经办人测试己"
    section.footer.paragraphs[0].text = "页脚 电话 010-12345678"
    img = path.with_suffix(".png")
    img.write_bytes(png_bytes())
    d.add_picture(str(img))
    d.save(path)

    extra = (
        f'<w:p xmlns:w="{W_NS}"><w:r><w:t xml:space="preserve">修订段：</w:t></w:r>'
        '<w:ins w:id="901" w:author="修订人庚" w:date="2024-01-01T00:00:00Z"><w:r><w:t>插入号码13700000000</w:t></w:r></w:ins>'
        '<w:del w:id="902" w:author="修订人庚" w:date="2024-01-01T00:00:00Z"><w:r><w:delText>删除的身份证110101199303033456</w:delText></w:r></w:del>'
        '</w:p>'
        f'<w:p xmlns:w="{W_NS}"><w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml" style="width:100pt;height:40pt">'
        '<v:textbox><w:txbxContent><w:p><w:r><w:t>文本框 联系人测试辛 13600000000</w:t></w:r></w:p></w:txbxContent>'
        '</v:textbox></v:shape></w:pict></w:r></w:p>'
    ).encode()

    def inject(data: bytes) -> bytes:
        i = data.rindex(b"<w:sectPr")
        return data[:i] + extra + data[i:]

    rewrite_zip(path, "word/document.xml", inject)


def test_docx_everything(tmp_path):
    p = tmp_path / "答复.docx"
    make_docx(p)
    doc = read(p)
    assert doc.format == "docx"
    body = blocks(doc, "body")
    assert body[0].text == "关于某事项的答复" and body[0].place.paragraph == 1
    assert body[1].text == "申请人测试甲：" and body[1].place.paragraph == 2

    rows = [b for b in body if b.place.table == 1]
    assert [b.place.row for b in rows] == [1, 2, 3]
    assert rows[0].text == "姓名 | 身份证号 | 联系电话"
    row = rows[1]
    assert row.text == "测试甲 | 110101199001011234 | 13800000000"
    offset = row.text.index("1101")
    cell = row.cell_at(offset)
    assert cell.header == "身份证号"
    assert cell.place == row.place.with_(column=2)
    assert row.place_at(offset).column == 2
    # paragraphs after the table keep counting body paragraphs only
    assert any(b.text == "此复。" and b.place.paragraph == 3 for b in body)

    assert [b.text for b in blocks(doc, "header")] == ["页眉 经办人测试己"]
    assert [b.text for b in blocks(doc, "footer")] == ["页脚 电话 010-12345678"]
    comments = blocks(doc, "comment")
    assert [b.text for b in comments] == ["请核对联系电话 13900000000"]
    assert comments[0].place.detail == "审***"  # an author as a place names it: masked, a report never re-leaks it

    ins = blocks(doc, "insertion")
    assert [b.text for b in ins] == ["插入号码13700000000"] and ins[0].place.detail == "修***"
    dels = blocks(doc, "deletion")
    assert [b.text for b in dels] == ["删除的身份证110101199303033456"] and dels[0].place.detail == "修***"
    assert any(b.text == "修订段：" for b in body)  # the revision text is not repeated in the body

    assert [b.text for b in blocks(doc, "textbox")] == ["文本框 联系人测试辛 13600000000"]
    assert not any("文本框" in b.text for b in body)

    props = {b.place.detail: b.text for b in blocks(doc, "property")}
    assert props["creator"] == "测试丁" and props["lastModifiedBy"] == "测试戊"
    assert props["title"] == "某局政府信息公开申请答复"
    assert doc.properties["creator"] == "测试丁"
    assert props["批注作者"] == "审核员丙" and props["修订作者"] == "修订人庚"

    assert "images-skipped" in kinds(doc)
    assert set(kinds(doc)) == {"images-skipped"}
    assert any("图片" in n for n in doc.notes)


def test_docx_merged_cells_not_repeated(tmp_path):
    import docx

    d = docx.Document()
    t = d.add_table(rows=3, cols=3)
    t.cell(0, 0).text, t.cell(0, 1).text, t.cell(0, 2).text = "姓名", "单位", "电话"
    a = t.cell(1, 1).merge(t.cell(2, 1))
    a.text = "某某局"
    t.cell(1, 0).text, t.cell(2, 0).text = "测试甲", "测试乙"
    wide = t.cell(1, 2)
    wide.text = "13800000000"
    inner = t.cell(2, 2).add_table(rows=1, cols=2)
    inner.cell(0, 0).text, inner.cell(0, 1).text = "内表", "13800000002"
    p = tmp_path / "m.docx"
    d.save(p)
    doc = read(p)
    text = doc.text
    assert text.count("某某局") == 1
    assert "13800000002" in text and "内表" in text
    rows = [b for b in doc.blocks if b.place.table == 1]
    assert len(rows) == 3 and rows[2].cells[2].header == "电话"


def test_corrupt_docx_is_unreadable(tmp_path):
    p = tmp_path / "bad.docx"
    p.write_bytes(os.urandom(4096))
    doc = read(p)
    assert kinds(doc) == ["unreadable"]
    assert "Traceback" not in doc.problems[0].detail


def test_docx_missing_document_part(tmp_path):
    p = tmp_path / "nodoc.docx"
    with zipfile.ZipFile(p, "w") as zf:
        zf.writestr("hello.txt", "x")
    assert kinds(read(p)) == ["unreadable"]


def test_zip_bomb_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(safety, "MAX_RATIO_MIN_SIZE", 1024 * 1024)
    p = tmp_path / "bomb.docx"
    with zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", b"\0" * (20 * 1024 * 1024))
    assert p.stat().st_size < 200_000
    doc = read(p)
    assert kinds(doc) == ["bomb"] and "压缩" in doc.problems[0].detail


def test_zip_total_and_entries_limits(tmp_path, monkeypatch):
    p = tmp_path / "many.xlsx"
    with zipfile.ZipFile(p, "w", zipfile.ZIP_STORED) as zf:
        for i in range(30):
            zf.writestr(f"x/{i}.xml", b"<a/>" * 100)
    monkeypatch.setattr(safety, "MAX_ENTRIES", 20)
    assert kinds(read(p)) == ["bomb"]
    monkeypatch.setattr(safety, "MAX_ENTRIES", 10_000)
    monkeypatch.setattr(safety, "MAX_TOTAL_UNCOMPRESSED", 1000)
    assert kinds(read(p)) == ["bomb"]


def test_xml_entity_bomb_refused(tmp_path):
    p = tmp_path / "laughs.docx"
    make_docx(p)
    lol = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
           b'<w:document xmlns:w="' + W_NS.encode() + b'"><w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>')
    rewrite_zip(p, "word/document.xml", lambda data: lol)
    assert kinds(read(p)) == ["bomb"]
    with pytest.raises(safety.Bomb):
        safety.parse_xml(lol)


# ------------------------------------------------------------------------------------ xlsx / csv

def test_xlsx(tmp_path):
    import openpyxl
    from openpyxl.comments import Comment

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "名单"
    ws.append(["姓名", "银行卡号", "金额"])
    ws.append(["测试甲", 6222020200112233, 12.5])
    ws.append(["测试乙", 6.222020200112234e15, 3.0])
    ws.append([])
    ws.append([None, 110101199001011234, None])
    ws["A2"].comment = Comment("批注 测试甲电话13800000000", "审核员丙")
    hidden = wb.create_sheet("隐藏表")
    hidden.sheet_state = "hidden"
    hidden["B3"] = "隐藏的身份证 110101199303033456"
    wb.properties.creator = "测试丁"
    wb.properties.lastModifiedBy = "测试戊"
    p = tmp_path / "名单.xlsx"
    wb.save(p)

    doc = read(p)
    assert doc.problems == []
    rows = [b for b in doc.blocks if b.place.sheet == "名单" and b.place.part == "sheet"]
    assert rows[0].text == "姓名 | 银行卡号 | 金额"
    assert rows[1].text == "测试甲 | 6222020200112233 | 12.5"
    assert rows[2].text == "测试乙 | 6222020200112234 | 3"
    assert rows[1].place.row == 2 and rows[3].place.row == 5
    cell = rows[1].cell_at(rows[1].text.index("6222"))
    assert cell.place.cell == "B2" and cell.header == "银行卡号" and cell.place.sheet == "名单"
    # an 18-digit number is stored as a double: precision is lost in the file, but never rendered 1.1e+17
    assert rows[3].text == " | 110101199001011200"
    hid = [b for b in doc.blocks if b.place.sheet == "隐藏表"]
    assert hid and hid[0].place.cell == "B3" and "110101199303033456" in hid[0].text  # one sentence: prose
    assert any(n.startswith("包含隐藏工作表") and "隐藏表" in n for n in doc.notes)
    comments = blocks(doc, "comment")
    assert comments and "13800000000" in comments[0].text
    assert comments[0].place.cell == "A2" and comments[0].place.detail == "审***"
    props = {b.place.detail: b.text for b in blocks(doc, "property")}
    assert props["creator"] == "测试丁" and props["lastModifiedBy"] == "测试戊"


@pytest.mark.parametrize("value,expected", [
    (6222020200112233, "6222020200112233"), (6.222020200112234e15, "6222020200112234"),
    (1e20, "100000000000000000000"), (12.5, "12.5"), (1.5e-07, "0.00000015"), (None, ""), (3.0, "3"),
])
def test_render_numbers(value, expected):
    assert render(value) == expected


def test_csv_gbk(tmp_path):
    p = tmp_path / "名单.csv"
    p.write_bytes("姓名,身份证号,备注\r\n测试甲,110101199001011234,\r\n测试乙,110101199202022345,多出,一列\r\n".encode("gbk"))
    doc = read(p)
    assert doc.encoding == "gb18030"
    assert [b.text for b in doc.blocks] == ["姓名 | 身份证号 | 备注", "测试甲 | 110101199001011234 | ",
                                            "测试乙 | 110101199202022345 | 多出 | 一列"]
    cell = doc.blocks[1].cells[1]
    assert cell.header == "身份证号" and cell.place == doc.blocks[1].place.with_(column=2)
    assert doc.blocks[2].place.row == 3 and doc.blocks[2].place.table == 1


def test_corrupt_xlsx(tmp_path):
    p = tmp_path / "bad.xlsx"
    p.write_bytes(b"PK\x03\x04" + os.urandom(2000))
    assert kinds(read(p)) == ["unreadable"]


# ------------------------------------------------------------------------------------ pdf

def make_pdf(path: Path, font: str, pages) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("cjk", fname=font)
    pdf.set_author("测试丁")
    for page in pages:
        pdf.add_page()
        if page == "image":
            img = path.with_suffix(".png")
            img.write_bytes(png_bytes((200, 100)))
            pdf.image(str(img), x=10, y=10, w=100)
        else:
            pdf.set_font("cjk", size=12)
            for line in page:
                pdf.cell(text=line)
                pdf.ln(10)
    pdf.output(str(path))


def test_pdf_lines(tmp_path, cjk_font):
    p = tmp_path / "a.pdf"
    make_pdf(p, cjk_font, [["姓名：测试甲", "身份证号：110101199001011234"], "image", ["电话 13800000000"]])
    doc = read(p)
    page_blocks = blocks(doc, "page")
    assert [(b.place.page, b.place.line, b.text) for b in page_blocks] == [
        (1, 1, "姓名：测试甲"), (1, 2, "身份证号：110101199001011234"), (3, 1, "电话 13800000000")]
    assert kinds(doc) == ["images-skipped"] and "第2页" in doc.problems[0].detail
    assert doc.properties.get("author") == "测试丁"


def test_pdf_image_only(tmp_path, cjk_font):
    p = tmp_path / "scan.pdf"
    make_pdf(p, cjk_font, ["image", "image"])
    doc = read(p)
    assert kinds(doc) == ["no-text-layer"] and "扫描件" in doc.problems[0].detail


def test_corrupt_and_encrypted_pdf(tmp_path, cjk_font):
    p = tmp_path / "bad.pdf"
    p.write_bytes(b"%PDF-1.4\n" + os.urandom(3000))
    assert kinds(read(p)) in (["unreadable"], ["no-text-layer"])
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("cjk", fname=cjk_font)
    pdf.set_encryption(owner_password="owner", user_password="secret")
    pdf.add_page()
    pdf.set_font("cjk", size=12)
    pdf.cell(text="加密 测试甲")
    q = tmp_path / "locked.pdf"
    pdf.output(str(q))
    doc = read(q)
    assert kinds(doc) == ["unreadable"] and "加密" in doc.problems[0].detail


# ------------------------------------------------------------------------------------ html

def test_html(tmp_path):
    p = tmp_path / "page.html"
    p.write_text("""<!DOCTYPE html><html><head><title>公开名单</title>
<meta charset="utf-8"><style>.x{color:red}</style><script>var phone="13999999999";</script></head>
<body><h1>关于测试甲的公示</h1><p>联系电话：<b>13800000000</b><br>地址：某市</p>
<noscript>请启用脚本 13911111111</noscript>
<table><tr><th>姓名</th><th>身份证号</th></tr><tr><td>测试乙</td><td>110101199001011234</td></tr></table>
<div>结尾 <span>文字</span></div><template><p>模板 13922222222</p></template></body></html>""", encoding="utf-8")
    doc = read(p)
    text = doc.text
    assert "13999999999" not in text and "13911111111" not in text and "13922222222" not in text
    assert "color" not in text
    lines = [b.text for b in doc.blocks]
    assert lines[:4] == ["公开名单", "关于测试甲的公示", "联系电话：13800000000", "地址：某市"]
    assert doc.blocks[2].place == doc.blocks[2].place.with_(part="html", line=3)
    rows = [b for b in doc.blocks if b.place.table == 1]
    assert [b.text for b in rows] == ["姓名 | 身份证号", "测试乙 | 110101199001011234"]
    c = rows[1].cells[1]
    assert c.header == "身份证号" and c.place.column == 2 and c.place.row == 2 and c.place.part == "html"
    assert lines[-1] == "结尾 文字"
    assert doc.blocks[-1].place.line == len(doc.blocks)


def test_html_gbk_declared(tmp_path):
    p = tmp_path / "gbk.htm"
    p.write_bytes('<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head>'
                  '<body><p>测试丙 13800000000</p></body></html>'.encode("gbk"))
    doc = read(p)
    assert doc.blocks[0].text == "测试丙 13800000000"


# ------------------------------------------------------------------------------------ ofd

def make_ofd(path: Path, pages) -> None:
    ns = 'xmlns:ofd="http://www.ofdspec.org/2016"'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("OFD.xml", f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD {ns} Version="1.0"><ofd:DocBody>'
                               f'<ofd:DocInfo><ofd:Author>测试丁</ofd:Author></ofd:DocInfo>'
                               f'<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>')
        page_refs = "".join(f'<ofd:Page ID="{i + 10}" BaseLoc="Pages/Page_{i}/Content.xml"/>' for i in range(len(pages)))
        zf.writestr("Doc_0/Document.xml", f'<ofd:Document {ns}><ofd:Pages>{page_refs}</ofd:Pages></ofd:Document>')
        for i, objects in enumerate(pages):
            body = ""
            for n, obj in enumerate(objects):
                if obj == "image":
                    body += f'<ofd:ImageObject ID="{n + 100}" Boundary="0 0 100 100" ResourceID="1"/>'
                else:
                    x, y, text = obj
                    body += (f'<ofd:TextObject ID="{n + 100}" Boundary="{x} {y} 80 6" Font="1" Size="4">'
                             f'<ofd:TextCode X="0" Y="4">{text}</ofd:TextCode></ofd:TextObject>')
            zf.writestr(f"Doc_0/Pages/Page_{i}/Content.xml",
                        f'<ofd:Page {ns}><ofd:Content><ofd:Layer ID="1">{body}</ofd:Layer></ofd:Content></ofd:Page>')


def test_ofd(tmp_path):
    p = tmp_path / "a.ofd"
    make_ofd(p, [[(60, 20.2, "110101199001011234"), (20, 20, "测试甲"), (20, 40, "电话 13800000000")], ["image"]])
    doc = read(p)
    page = blocks(doc, "page")
    assert [(b.place.page, b.place.line, b.text) for b in page] == [
        (1, 1, "测试甲 110101199001011234"), (1, 2, "电话 13800000000")]
    assert kinds(doc) == ["images-skipped"]
    assert doc.properties["author"] == "测试丁"
    q = tmp_path / "scan.ofd"
    make_ofd(q, [["image"]])
    assert kinds(read(q)) == ["no-text-layer"]


# ------------------------------------------------------------------------------------ legacy

def test_legacy_without_libreoffice(tmp_path, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    p = tmp_path / "old.doc"
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + os.urandom(2000))
    doc = read(p)
    assert kinds(doc) == ["needs-conversion"] and "docx" in doc.problems[0].detail
    q = tmp_path / "old.et"
    q.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + os.urandom(2000))
    assert "xlsx" in read(q).problems[0].detail


def test_legacy_renamed_docx(tmp_path, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    p = tmp_path / "really-docx.doc"
    make_docx(p)
    doc = read(p)
    assert doc.format == "doc" and "13700000000" in doc.text and "needs-conversion" not in kinds(doc)


def test_legacy_doc_and_xls_with_libreoffice(tmp_path):
    import openpyxl

    exe = soffice_or_skip()
    src = tmp_path / "src"
    src.mkdir()
    d = src / "答复.docx"
    make_docx(d)
    doc_file = convert(exe, d, "doc", tmp_path)
    doc = read(doc_file)
    assert doc.format == "doc" and doc.path == doc_file
    assert "needs-conversion" not in kinds(doc) and "conversion-failed" not in kinds(doc), doc.problems
    assert "110101199001011234" in doc.text and "测试甲" in doc.text
    assert any("LibreOffice" in n for n in doc.notes)

    wb = openpyxl.Workbook()
    wb.active.append(["姓名", "银行卡号"])
    wb.active.append(["测试甲", 6222020200112233])
    x = src / "卡号.xlsx"
    wb.save(x)
    xls = convert(exe, x, "xls", tmp_path)
    sheet = read(xls)
    assert sheet.format == "xls" and "测试甲 | 6222020200112233" in sheet.text, (sheet.problems, sheet.text)


def test_legacy_conversion_failure(tmp_path, monkeypatch):
    p = tmp_path / "garbage.doc"
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + os.urandom(3000))
    monkeypatch.setattr(legacy, "soffice", lambda: "/bin/false")
    doc = read(p)
    assert kinds(doc) == ["conversion-failed"] and "docx" in doc.problems[0].detail
    sleeper = tmp_path / "slow-soffice"
    sleeper.write_text("#!/bin/sh\nsleep 30\n")
    sleeper.chmod(0o755)
    monkeypatch.setattr(legacy, "soffice", lambda: str(sleeper))
    monkeypatch.setattr(legacy, "TIMEOUT", 0.5)
    doc = read(p)
    assert kinds(doc) == ["conversion-failed"] and "超时" in doc.problems[0].detail


# ------------------------------------------------------------------------------------ discover

def test_discover_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    root = Path("docs")
    (root / "sub").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / ".git" / "x.txt").write_text("hidden")
    (root / "b.TXT").write_text("b")
    (root / "a.docx").write_bytes(b"x")
    (root / "sub" / "c.pdf").write_bytes(b"x")
    (root / "notes.xyz").write_text("x")
    (root / "~$lock.docx").write_bytes(b"x")
    os.mkfifo(root / "pipe.txt")
    os.symlink("..", root / "sub" / "loop")
    os.symlink("missing.txt", root / "dangling.txt")
    files, notes = discover(["docs"])
    assert [u for _, u in files] == ["docs/a.docx", "docs/b.TXT", "docs/sub/c.pdf"]
    assert all(isinstance(p, Path) for p, _ in files)
    assert any("docs/pipe.txt" in n and "FIFO" in n for n in notes)
    assert any("docs/dangling.txt" in n for n in notes)
    assert any("loop" in n for n in notes)
    # repeated runs give the same answer
    assert discover(["docs"])[0] == files


def test_discover_explicit_and_filters(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "d" / "keep").mkdir(parents=True)
    (tmp_path / "d" / "keep" / "x.txt").write_text("x")
    (tmp_path / "d" / "drop.txt").write_text("x")
    (tmp_path / "d" / "draft.md").write_text("x")
    (tmp_path / "odd.xyz").write_text("x")
    files, _ = discover(["odd.xyz"])
    assert [u for _, u in files] == ["odd.xyz"]
    files, _ = discover(["d"], exclude=["drop.txt"])
    assert [u for _, u in files] == ["d/draft.md", "d/keep/x.txt"]
    files, _ = discover(["d"], include=["**/*.txt"])
    assert [u for _, u in files] == ["d/drop.txt", "d/keep/x.txt"]
    files, _ = discover(["d"], exclude=["d/keep/**"])
    assert [u for _, u in files] == ["d/draft.md", "d/drop.txt"]
    files, _ = discover(["d", "d/drop.txt"])  # no duplicates
    assert [u for _, u in files] == ["d/draft.md", "d/drop.txt", "d/keep/x.txt"]
    with pytest.raises(PathNotFound, match="nope"):
        discover(["nope"])
    os.mkfifo("fifo.txt")
    files, notes = discover(["fifo.txt"])
    assert files == [] and "FIFO" in notes[0]


def test_discover_outside_cwd_is_absolute(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text("x")
    elsewhere = tmp_path / "cwd"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    files, _ = discover([str(tmp_path)])
    assert files[0][1] == (tmp_path / "a.txt").as_posix() and files[0][1].startswith("/")


def test_supported_suffixes():
    assert {".txt", ".md", ".csv", ".docx", ".xlsx", ".pdf", ".html", ".htm", ".doc", ".wps", ".xls",
            ".et", ".ofd"} <= SUPPORTED_SUFFIXES
    assert all(s == s.lower() for s in SUPPORTED_SUFFIXES)


def test_load_fifo_never_opened(tmp_path):
    f = tmp_path / "p.txt"
    os.mkfifo(f)
    doc = load(f, "p.txt")  # must return at once, not block on open()
    assert kinds(doc) == ["unreadable"]


def test_docx_alternate_content_textbox_and_footnotes(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("正文")
    p = tmp_path / "alt.docx"
    d.save(p)
    wps = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
    alt = (
        f'<w:p xmlns:w="{W_NS}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
        f'<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:wsp xmlns:wps="{wps}"><wps:txbx>'
        '<w:txbxContent><w:p><w:r><w:t>框内 测试壬 13500000000</w:t></w:r></w:p></w:txbxContent>'
        '</wps:txbx></wps:wsp></w:drawing></mc:Choice><mc:Fallback><w:pict>'
        '<v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox><w:txbxContent><w:p><w:r>'
        '<w:t>框内 测试壬 13500000000</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict>'
        '</mc:Fallback></mc:AlternateContent></w:r></w:p>'
    ).encode()
    rewrite_zip(p, "word/document.xml",
                lambda data: data[:data.rindex(b"<w:sectPr")] + alt + data[data.rindex(b"<w:sectPr"):])
    with zipfile.ZipFile(p, "a") as zf:
        zf.writestr("word/footnotes.xml", (
            f'<w:footnotes xmlns:w="{W_NS}"><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
            '<w:footnote w:id="1"><w:p><w:r><w:t>脚注 来源：测试癸 13400000000</w:t></w:r></w:p></w:footnote></w:footnotes>'))
        zf.writestr("word/endnotes.xml", (
            f'<w:endnotes xmlns:w="{W_NS}"><w:endnote w:id="1"><w:p><w:r><w:t>尾注 13300000000</w:t></w:r></w:p></w:endnote></w:endnotes>'))
    doc = read(p)
    assert [b.text for b in blocks(doc, "textbox")] == ["框内 测试壬 13500000000"]
    assert [b.text for b in blocks(doc, "footnote")] == ["脚注 来源：测试癸 13400000000"]
    assert [b.text for b in blocks(doc, "endnote")] == ["尾注 13300000000"]
    assert doc.text.count("13500000000") == 1

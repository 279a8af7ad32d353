"""The PDF back end of `auditor redact` (PyMuPDF, optional): values truly removed from the pages (not
covered), masks written and readable by pdfplumber, hidden places (metadata, XMP, annotations,
attachments) cleaned, the source untouched, the copy written whole. All values are fake."""
from __future__ import annotations

import random
from pathlib import Path

import pytest

pymupdf = pytest.importorskip("pymupdf")
pdfplumber = pytest.importorskip("pdfplumber")

import fakedata as fd

from auditor.redact_pdf import RedactionError, available, redact_pdf


@pytest.fixture()
def planted(tmp_path, cjk_truetype_font):
    """A two-page PDF with a resident ID (valid check digit), a mobile and a name in its text, the
    mobile again in an annotation by the document's author, the ID in an attachment, the author's name
    in the document information and XMP, and an office number that must stay."""
    from fpdf import FPDF

    rng = random.Random(20240611)
    v = {"id": fd.resident_id(rng), "mobile": fd.mobile(rng), "name": fd.name(rng, given_len=2),
         "author": fd.name(rng, given_len=2), "office": fd.landline(rng, style="dash")}
    pdf = FPDF()
    pdf.add_font("cjk", fname=cjk_truetype_font)
    pdf.set_author(v["author"])
    pdf.set_title(f"关于{v['name']}的公示")
    pdf.set_xmp_metadata('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
                         'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
                         f'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>{v["author"]}</dc:creator>'
                         '</rdf:Description></rdf:RDF></x:xmpmeta>')
    pdf.embed_file(bytes=f"身份证号 {v['id']}".encode(), basename="名单.txt")
    for lines in ([f"姓名：{v['name']}", f"身份证号：{v['id']}（已核验）", f"联系电话：{v['mobile']}",
                   f"办公电话：{v['office']}", "以上信息公示五个工作日。"],
                  [f"复核人联系电话：{v['mobile']}，监督电话：{v['office']}"]):
        pdf.add_page()
        pdf.set_font("cjk", size=11)
        for line in lines:
            pdf.cell(text=line)
            pdf.ln(8)
    pdf.text_annotation(20, 60, f"请回电 {v['mobile']}", title=v["author"])
    source = tmp_path / "公示.pdf"
    pdf.output(str(source))
    assert fd.id_check_digit(v["id"][:17]) == v["id"][17]
    masks = {v["id"]: fd.mask_id(v["id"]), v["mobile"]: fd.mask_mobile(v["mobile"]), v["name"]: fd.mask_name(v["name"])}
    return source, v, masks


def _texts(path: Path) -> tuple[list[str], list[str]]:
    with pdfplumber.open(path) as pdf:
        plumber = [page.extract_text() or "" for page in pdf.pages]
    with pymupdf.open(path) as doc:
        mu = [page.get_text() for page in doc]
    return plumber, mu


def _encodings(value: str) -> list[bytes]:
    """How a string can sit in a PDF's bytes: as itself, UTF-16BE, or UTF-16BE in hex."""
    utf16 = value.encode("utf-16-be")
    return [value.encode(), utf16, utf16.hex().encode(), utf16.hex().upper().encode()]


def _expanded(path: Path) -> bytes:
    """The file with every stream decompressed, so a raw search sees all of it."""
    with pymupdf.open(path) as doc:
        return doc.tobytes(expand=255, garbage=0)


def test_available():
    assert available()


def test_values_removed_and_masks_readable(planted, tmp_path):
    source, v, masks = planted
    target = tmp_path / "out" / "公示.pdf"
    redact_pdf(source, target, masks)
    plumber, mu = _texts(target)
    assert len(plumber) == 2
    for text in plumber + mu:
        for value in masks:
            assert value not in text
        assert v["office"] in text
    first = plumber[0].replace(" ", "")
    assert f"姓名：{masks[v['name']]}" in first  # the CJK mask (MuPDF's built-in font) reads back as text
    assert f"身份证号：{masks[v['id']]}（已核验）" in first  # same line, neighbours kept
    assert f"联系电话：{masks[v['mobile']]}" in first
    assert f"复核人联系电话：{masks[v['mobile']]}，监督电话：{v['office']}" in plumber[1].replace(" ", "")
    assert "以上信息公示五个工作日。" in first  # the line below a redacted one is untouched
    raw = _expanded(target)
    for value in list(masks) + [v["author"]]:
        assert not any(e in raw for e in _encodings(value)), value


def test_hidden_places_cleaned(planted, tmp_path):
    source, v, masks = planted
    before = _expanded(source)
    assert any(e in before for e in _encodings(v["author"]))  # the raw search can see what it looks for
    target = tmp_path / "out.pdf"
    notes = redact_pdf(source, target, masks)
    with pymupdf.open(target) as doc:
        assert v["author"] not in str(doc.metadata) and not doc.metadata["author"]
        assert doc.metadata["title"] == f"关于{masks[v['name']]}的公示"
        assert not doc.get_xml_metadata()
        assert doc.embfile_names() == []
        infos = [a.info for a in doc[1].annots()]
        assert [i["content"] for i in infos] == [f"请回电 {masks[v['mobile']]}"]
        assert [i["title"] for i in infos] == [""]
    joined = "\n".join(notes)
    for said in ("document author removed", "XMP metadata removed", "embedded file(s) removed"):
        assert said in joined
    assert v["id"] not in joined and v["author"] not in joined


def test_source_untouched_and_copy_written_whole(planted, tmp_path):
    source, _, masks = planted
    original = source.read_bytes()
    target = tmp_path / "copy.pdf"
    redact_pdf(source, target, masks)
    assert source.read_bytes() == original
    data = target.read_bytes()
    # one body, one cross-reference section, no /Prev: not an incremental update appended to the source
    assert data.count(b"%%EOF") == 1 and b"/Prev" not in data and not data.startswith(original[:-10])


def test_nothing_found_is_a_clean_copy(planted, tmp_path):
    source, v, _ = planted
    target = tmp_path / "copy.pdf"
    redact_pdf(source, target, {"44010619851231002X": "440106********002X"})
    plumber, _ = _texts(target)
    assert v["id"] in plumber[0] and v["office"] in plumber[1]


def test_errors(tmp_path, planted):
    source, _, masks = planted
    with pytest.raises(RedactionError):
        redact_pdf(source, source, masks)
    garbage = tmp_path / "bad.pdf"
    garbage.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 8)
    with pytest.raises(RedactionError):
        redact_pdf(garbage, tmp_path / "bad-out.pdf", masks)
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_encryption(owner_password="owner", user_password="secret")
    pdf.add_page()
    locked = tmp_path / "locked.pdf"
    pdf.output(str(locked))
    with pytest.raises(RedactionError, match="encrypted"):
        redact_pdf(locked, tmp_path / "locked-out.pdf", masks)
    assert not (tmp_path / "locked-out.pdf").exists()


def test_longer_value_first_and_the_other_places(tmp_path, cjk_truetype_font):
    """张三丰 and 张三 both found, each masked once; text off the page, a form field, a mailto: link
    and a bookmark masked too."""
    from fpdf import FPDF

    rng = random.Random(5)
    longer = fd.name(rng, given_len=2)
    shorter, mobile, mail = longer[:2], fd.mobile(rng), fd.email(rng)
    pdf = FPDF()
    pdf.add_font("cjk", fname=cjk_truetype_font)
    pdf.add_page()
    pdf.set_font("cjk", size=11)
    pdf.start_section(f"{longer}的申请")
    pdf.cell(text=f"申请人{longer}，代理人{shorter}，邮箱 {mail}")
    pdf.ln(10)
    pdf.cell(text="发送邮件", link=f"mailto:{mail}")  # (MuPDF drops a link over a redacted value)
    pdf.text(x=250, y=40, text=f"页面外 {mobile}")  # beyond the A4 page's right edge
    made = tmp_path / "made.pdf"
    pdf.output(str(made))
    with pymupdf.open(made) as doc:
        field = pymupdf.Widget()
        field.field_name, field.field_type = "phone", pymupdf.PDF_WIDGET_TYPE_TEXT
        field.rect, field.field_value = pymupdf.Rect(50, 200, 250, 220), f"电话 {mobile}"
        doc[0].add_widget(field)
        doc.save(tmp_path / "source.pdf")
    masks = {longer: fd.mask_name(longer), shorter: fd.mask_name(shorter), mobile: fd.mask_mobile(mobile),
             mail: "x****@example.com"}
    target = tmp_path / "out.pdf"
    redact_pdf(tmp_path / "source.pdf", target, masks)
    plumber, mu = _texts(target)
    for text in plumber + mu:
        assert shorter not in text and mobile not in text and mail not in text
    assert f"申请人{masks[longer]}，代理人{masks[shorter]}，邮箱" in plumber[0].replace(" ", "")
    with pymupdf.open(target) as doc:
        assert [w.field_value for w in doc[0].widgets()] == [f"电话 {masks[mobile]}"]
        assert [link["uri"] for link in doc[0].get_links()] == [f"mailto:{masks[mail]}"]
        assert [title for _, title, _ in doc.get_toc()] == [f"{masks[longer]}的申请"]

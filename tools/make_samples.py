#!/usr/bin/env python3
"""Regenerate samples/ deterministically from FAKE data (tests/fakedata.py).

    .venv/bin/python tools/make_samples.py [--out samples]

Every person, ID, phone number, card and e-mail address in the generated files
comes from tests/fakedata.py with a fixed seed: none of it is real.  The one
real document, samples/shuanghua-2018-annual-report.txt, is a byte copy of
shared/corpus/seed/shuanghua-2018-annual-report.txt (a published report).

Needs: python-docx, openpyxl, fpdf2, and a CJK font for the PDF (found via
$AUDITOR_CJK_FONT, a few known paths, or `fc-list :lang=zh`; Debian package
fonts-noto-cjk).  Output is byte-identical from run to run.
"""
from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import pathlib
import random
import re
import shutil
import subprocess
import sys
import zipfile

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import annual_sample  # noqa: E402
import fakedata as fd  # noqa: E402

SEED = 20241008
FIXED_TIME = dt.datetime(2024, 10, 8, 9, 0, 0)
SEED_REPORT = ROOT.parent / "shared" / "corpus" / "seed" / "shuanghua-2018-annual-report.txt"

# Fictional office (the town name is made up; area code 0591 is real).
TOWN = "云岭镇"
OFFICE = f"{TOWN}人民政府"
OFFICE_ADDR = f"{TOWN}府前路18号"
OFFICE_POSTCODE = "350100"
REGION = "350121"  # 福建省闽侯县 (real county code; area code 0591)

LIST_BASENAME = "公示-高龄津贴发放名单"
HEADER = ["序号", "姓名", "身份证号码", "联系电话", "银行卡号", "发放金额（元）"]


# --------------------------------------------------------------------------
# Fake data
# --------------------------------------------------------------------------

def make_data(seed: int = SEED) -> dict:
    rng = random.Random(seed)

    def elder(i: int) -> dict:
        birth = fd.birth_date(rng, 1930, 1944)  # aged 80+ in 2024
        age = 2024 - birth.year
        card_len = 16 if i % 2 == 0 else 19
        return {
            "name": fd.name(rng),
            "id": fd.resident_id(rng, region=REGION, birth=birth),
            "mobile": fd.mobile(rng),
            "card": fd.bank_card(rng, card_len),
            "amount": 600 if age >= 90 else 300,
        }

    rows = [elder(i) for i in range(6)]
    hidden = [elder(i) for i in range(2)]
    for h in hidden:
        h["note"] = "待复核"
    applicant = {
        "name": fd.name(rng),
        "id": fd.resident_id(rng),
        "mobile": fd.mobile(rng),
        "email": fd.email(rng),
    }
    office_tel = fd.landline(rng, area="0591", style="dash")
    office_tel2 = fd.landline(rng, area="0591", style="paren")
    # Write some card numbers in groups of four (as clerks often do).
    grouped = {1, 3, 4}
    return {
        "rows": rows,
        "hidden": hidden,
        "grouped": grouped,
        "applicant": applicant,
        "office_tel": office_tel,
        "office_tel2": office_tel2,
    }


def card_text(row: dict, i: int, grouped: set[int]) -> str:
    return fd.group4(row["card"]) if i in grouped else row["card"]


# --------------------------------------------------------------------------
# Deterministic zip (docx/xlsx): fixed timestamps and order
# --------------------------------------------------------------------------

def _normalise_zip(data: bytes) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            blob = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                # openpyxl stamps "modified" with the current time on save
                stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
                blob = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                              rb"\g<1>" + stamp + rb"\g<2>", blob)
            dst.writestr(zi, blob)
    return out.getvalue()


# --------------------------------------------------------------------------
# DOCX
# --------------------------------------------------------------------------

def _set_cjk_font(run, size_pt: float | None = None, bold: bool = False, east_asia: str = "宋体"):
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.name = "Times New Roman"
    rpr = run._element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, rfonts)
    rfonts.set(qn("w:eastAsia"), east_asia)
    if size_pt:
        run.font.size = Pt(size_pt)
    run.bold = bold


def write_docx(path: pathlib.Path, data: dict, masked: bool) -> None:
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    doc = Document()
    cp = doc.core_properties
    cp.author = f"{TOWN}民政办"
    cp.last_modified_by = f"{TOWN}民政办"
    cp.title = "2024年第三季度高龄津贴发放名单公示"
    cp.created = FIXED_TIME
    cp.modified = FIXED_TIME
    cp.revision = 1

    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _set_cjk_font(p.add_run(f"{TOWN}2024年第三季度高龄津贴发放名单公示"), 18, True, "方正小标宋简体")

    intro = (
        "根据《关于建立80周岁以上老年人高龄津贴制度的通知》有关规定，经各村（居）委会初审、"
        "镇民政办复核，现将我镇2024年第三季度高龄津贴发放对象名单予以公示。"
        "公示期为2024年10月8日至2024年10月14日（共7天）。如对公示对象有异议，"
        "请于公示期内以书面或电话形式向镇民政办反映，我们将依法依规调查核实。"
    )
    p = doc.add_paragraph()
    p.paragraph_format.first_line_indent = Pt(32)
    _set_cjk_font(p.add_run(intro), 14, east_asia="仿宋_GB2312")

    table = doc.add_table(rows=1, cols=len(HEADER))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, HEADER):
        cell.text = ""
        _set_cjk_font(cell.paragraphs[0].add_run(text), 11, True, "黑体")
    for i, r in enumerate(data["rows"]):
        if masked:
            vals = [str(i + 1), fd.mask_name(r["name"]), fd.mask_id(r["id"]),
                    fd.mask_mobile(r["mobile"]), fd.mask_card(r["card"]), f"{r['amount']:.2f}"]
        else:
            vals = [str(i + 1), r["name"], r["id"], r["mobile"],
                    card_text(r, i, data["grouped"]), f"{r['amount']:.2f}"]
        cells = table.add_row().cells
        for cell, text in zip(cells, vals):
            cell.text = ""
            _set_cjk_font(cell.paragraphs[0].add_run(text), 11)
    total = sum(r["amount"] for r in data["rows"])
    cells = table.add_row().cells
    merged = cells[0].merge(cells[4])
    merged.text = ""
    _set_cjk_font(merged.paragraphs[0].add_run(f"合计（{len(data['rows'])}人）"), 11, True)
    cells[5].text = ""
    _set_cjk_font(cells[5].paragraphs[0].add_run(f"{total:.2f}"), 11, True)

    closing = (
        f"公示期间，如有异议，请拨打镇民政办监督电话：{data['office_tel']}，"
        f"或来信来访至{OFFICE_ADDR}（邮编：{OFFICE_POSTCODE}）。"
    )
    p = doc.add_paragraph()
    p.paragraph_format.first_line_indent = Pt(32)
    _set_cjk_font(p.add_run(closing), 14, east_asia="仿宋_GB2312")
    for line in (f"{OFFICE}", "2024年10月8日"):
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _set_cjk_font(p.add_run(line), 14, east_asia="仿宋_GB2312")

    buf = io.BytesIO()
    doc.save(buf)
    path.write_bytes(_normalise_zip(buf.getvalue()))


# --------------------------------------------------------------------------
# XLSX
# --------------------------------------------------------------------------

def write_xlsx(path: pathlib.Path, data: dict) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    wb.properties.creator = f"{TOWN}民政办"
    wb.properties.lastModifiedBy = f"{TOWN}民政办"
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME

    ws = wb.active
    ws.title = "公示名单"
    ws.append([f"{TOWN}2024年第三季度高龄津贴发放名单"])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADER))
    ws["A1"].font = Font(bold=True, size=14)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.append(HEADER)
    for c in ws[2]:
        c.font = Font(bold=True)

    numeric_card_row = 2  # this row's card goes in as a NUMBER: the classic leak
    for i, r in enumerate(data["rows"]):
        card = card_text(r, i, data["grouped"])
        if i == numeric_card_row:
            assert len(r["card"]) == 16  # < 2**53: survives Excel's float storage
            card = int(r["card"])
        ws.append([i + 1, r["name"], r["id"], r["mobile"], card, r["amount"]])
        row = ws.max_row
        for col in (3, 4):
            ws.cell(row, col).number_format = "@"  # IDs and phones stored as text
        ws.cell(row, 5).number_format = "0" if isinstance(card, int) else "@"
        ws.cell(row, 6).number_format = "0.00"
    ws.append(["合计", None, None, None, None, sum(r["amount"] for r in data["rows"])])
    ws.append([])
    ws.append([f"监督电话：{data['office_tel']}    {OFFICE}    2024年10月8日"])
    for col, width in zip("ABCDEF", (6, 10, 22, 14, 24, 14)):
        ws.column_dimensions[col].width = width

    hs = wb.create_sheet("原始数据")
    hs.sheet_state = "hidden"
    hs.append(HEADER + ["备注"])
    for i, r in enumerate(data["hidden"]):
        hs.append([i + 1, r["name"], r["id"], r["mobile"], r["card"], r["amount"], r["note"]])
        for col in (3, 4, 5):
            hs.cell(hs.max_row, col).number_format = "@"

    buf = io.BytesIO()
    wb.save(buf)
    path.write_bytes(_normalise_zip(buf.getvalue()))


# --------------------------------------------------------------------------
# PDF
# --------------------------------------------------------------------------

# TrueType-outline fonts only: fpdf2 embeds CFF fonts (e.g. Noto Sans CJK .ttc)
# with an embedded encoding CMap that pdfminer/pdfplumber cannot read, so the
# text layer would extract as nothing.  Debian: fonts-wqy-microhei.
_FONT_CANDIDATES = (
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    ("/usr/share/fonts/truetype/arphic/uming.ttc", 0),
    ("/usr/share/fonts/truetype/arphic/ukai.ttc", 0),
)


def find_cjk_font() -> tuple[str, int]:
    env = os.environ.get("AUDITOR_CJK_FONT")
    if env:
        path, _, idx = env.partition(":")
        return path, int(idx or 0)
    for path, idx in _FONT_CANDIDATES:
        if os.path.exists(path):
            return path, idx
    try:
        out = subprocess.run(["fc-list", ":lang=zh", "-f", "%{file}|%{index}|%{fontformat}\n"],
                             capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        out = ""
    for line in sorted(out.splitlines()):
        path, idx, fmt = (line.split("|") + ["", ""])[:3]
        if path and fmt == "TrueType":
            return path, int(idx or 0)
    raise SystemExit("no TrueType CJK font: apt-get install -y fonts-wqy-microhei, "
                     "or set AUDITOR_CJK_FONT=path[:index]")


def _wrap(pdf, text: str, width: float) -> list[str]:
    """Greedy line wrap that breaks between CJK characters but never inside a
    run of ASCII (so ID numbers, phone numbers and e-mails stay on one line)."""
    tokens = re.findall(r"(?:[\x21-\x7e]+|.)[，。；：、）”」！？]*", text)  # no punctuation at line start
    lines, cur = [], ""
    for tok in tokens:
        if cur and pdf.get_string_width(cur + tok) > width:
            lines.append(cur)
            cur = tok
        else:
            cur += tok
    if cur:
        lines.append(cur)
    return lines


def write_pdf(path: pathlib.Path, data: dict) -> None:
    from fpdf import FPDF

    a = data["applicant"]
    font_path, font_index = find_cjk_font()
    pdf = FPDF(format="A4")
    pdf.set_creation_date(FIXED_TIME.replace(tzinfo=dt.timezone(dt.timedelta(hours=8))))
    pdf.set_creator("auditor tools/make_samples.py")
    pdf.set_producer("fpdf2")
    pdf.set_title("政府信息公开申请答复书")
    pdf.set_author(OFFICE)
    pdf.set_margins(25, 25, 25)
    pdf.add_font("cjk", fname=font_path, collection_font_number=font_index)
    pdf.add_page()

    pdf.set_font("cjk", size=18)
    pdf.cell(0, 12, OFFICE, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 12, "政府信息公开申请答复书", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("cjk", size=11)
    pdf.cell(0, 8, "云政信公开〔2024〕第17号", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)

    pdf.set_font("cjk", size=12)
    lh = 8
    paras = [
        f"{a['name']}（公民身份号码：{a['id']}）：",
        f"　　本机关于2024年9月2日收到您通过信函方式提出的政府信息公开申请（联系电话："
        f"{a['mobile']}，电子邮箱：{a['email']}），申请公开“{TOWN}2023年度高龄津贴发放名单及资金使用情况”。"
        f"本机关已于2024年9月3日予以登记受理。",
        "　　经审查，根据《中华人民共和国政府信息公开条例》第三十六条第（二）项的规定，现答复如下："
        f"您申请公开的{TOWN}2023年度高龄津贴资金使用情况属于本机关主动公开的政府信息，"
        "已在本镇政务公开栏及县人民政府门户网站“政府信息公开”专栏公开，您可自行查阅；"
        "发放名单中涉及的个人身份证号码、银行账号等信息属于个人隐私，"
        "根据该条例第十五条的规定，本机关对上述信息作区分处理后予以公开。",
        "　　如对本答复不服，可以自收到本答复书之日起60日内向闽侯县人民政府申请行政复议，"
        "或者自收到本答复书之日起6个月内向人民法院提起行政诉讼。",
        "　　特此告知。",
    ]
    width = pdf.w - pdf.l_margin - pdf.r_margin
    for t in paras:
        for line in _wrap(pdf, t, width):
            pdf.cell(0, lh, line, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)
    pdf.ln(6)
    for t in (f"{OFFICE}（印章）", "2024年9月20日"):
        pdf.cell(0, lh, t, align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(8)
    pdf.set_font("cjk", size=10.5)
    footer = (f"（联系人：镇党政办；联系电话：{data['office_tel']}，{data['office_tel2']}；"
              f"地址：{OFFICE_ADDR}；邮政编码：{OFFICE_POSTCODE}）")
    for line in _wrap(pdf, footer, width):
        pdf.cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    _check_pdf_text(path, [a["name"], a["id"], a["mobile"], a["email"], data["office_tel"]])


def _check_pdf_text(path: pathlib.Path, needles: list[str]) -> None:
    """The text layer must be extractable by pdfplumber (what auditor uses)."""
    try:
        import pdfplumber
    except ImportError:  # pragma: no cover
        print("warning: pdfplumber missing; PDF text layer not checked", file=sys.stderr)
        return
    with pdfplumber.open(str(path)) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    missing = [n for n in needles if n not in text]
    if missing:
        raise SystemExit(f"{path.name}: pdfplumber cannot extract {missing}; use a TrueType CJK font")


# --------------------------------------------------------------------------
# main
# --------------------------------------------------------------------------

def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(ROOT / "samples"))
    args = ap.parse_args(argv)
    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    data = make_data()

    report = out / "shuanghua-2018-annual-report.txt"
    if SEED_REPORT.exists():
        shutil.copyfile(SEED_REPORT, report)
    elif not report.exists():
        print(f"warning: {SEED_REPORT} not found; annual report not copied", file=sys.stderr)

    write_docx(out / f"{LIST_BASENAME}.docx", data, masked=False)
    write_docx(out / f"{LIST_BASENAME}（已脱敏）.docx", data, masked=True)
    write_xlsx(out / f"{LIST_BASENAME}.xlsx", data)
    write_pdf(out / "答复书-依申请公开.pdf", data)
    # a 2021-format annual report of a fictional issuer (consistent numbers), and a broken copy
    name = f"年度报告-2024-{annual_sample.ISSUER}"
    for path, broken in ((out / f"{name}.docx", False), (out / f"{name}（有误）.docx", True)):
        annual_sample.write_docx(path, broken)
        path.write_bytes(_normalise_zip(path.read_bytes()))
    (out / f"{name}.html").write_text(annual_sample.html_text(), encoding="utf-8")
    for p in sorted(out.iterdir()):
        print(f"{p.stat().st_size:>8}  {p.relative_to(out.parent) if out.parent in p.parents else p}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

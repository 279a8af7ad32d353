"""A 2021-format annual report of a fictional issuer (青禾县民政局, 2024), with consistent numbers and
the format's real table layout, and a broken copy (section 五 missing, table 三 out of balance, a text
number that disagrees with the table, published late). Written as text, .docx and .html (merged
cells as in the published template) and .pdf, for the tests and for samples/ (tools/make_samples.py).
"""
from __future__ import annotations

import html
from pathlib import Path

ISSUER = "青禾县民政局"
TITLE = f"{ISSUER}2024年政府信息公开工作年度报告"
COLUMNS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
Z = [0] * 7

# table 三: (level-1 label, level-2 label, level-3 label, values)
REQUESTS = [
    ("一、本年新收政府信息公开申请数量", "", "", [14, 2, 0, 1, 0, 0, 17]),
    ("二、上年结转政府信息公开申请数量", "", "", [1, 0, 0, 0, 0, 0, 1]),
    ("三、本年度办理结果", "（一）予以公开", "", [6, 1, 0, 0, 0, 0, 7]),
    ("", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "", [2, 0, 0, 1, 0, 0, 3]),
    ("", "（三）不予公开", "1.属于国家秘密", Z),
    ("", "", "2.其他法律行政法规禁止公开", Z),
    ("", "", "3.危及“三安全一稳定”", Z),
    ("", "", "4.保护第三方合法权益", [1, 0, 0, 0, 0, 0, 1]),
    ("", "", "5.属于三类内部事务信息", Z),
    ("", "", "6.属于四类过程性信息", Z),
    ("", "", "7.属于行政执法案卷", Z),
    ("", "", "8.属于行政查询事项", Z),
    ("", "（四）无法提供", "1.本机关不掌握相关政府信息", [3, 1, 0, 0, 0, 0, 4]),
    ("", "", "2.没有现成信息需要另行制作", Z),
    ("", "", "3.补正后申请内容仍不明确", Z),
    ("", "（五）不予处理", "1.信访举报投诉类申请", [1, 0, 0, 0, 0, 0, 1]),
    ("", "", "2.重复申请", Z),
    ("", "", "3.要求提供公开出版物", Z),
    ("", "", "4.无正当理由大量反复申请", Z),
    ("", "", "5.要求行政机关确认或重新出具已获取信息", Z),
    ("", "（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", [1, 0, 0, 0, 0, 0, 1]),
    ("", "", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", Z),
    ("", "", "3.其他", Z),
    ("", "（七）总计", "", [14, 2, 0, 1, 0, 0, 17]),
    ("四、结转下年度继续办理", "", "", [1, 0, 0, 0, 0, 0, 1]),
]
APPEALS = [1, 0, 0, 0, 1, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0]
PROACTIVE = [
    ("第二十条第（一）项", ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
     [["规章", 0, 0, 0], ["行政规范性文件", 3, 1, 12]]),
    ("第二十条第（五）项", ["信息内容", "本年处理决定数量"], [["行政许可", 126]]),
    ("第二十条第（六）项", ["信息内容", "本年处理决定数量"], [["行政处罚", 4], ["行政强制", 0]]),
    ("第二十条第（八）项", ["信息内容", "本年收费金额（单位：万元）"], [["行政事业性收费", 0]]),
]


def parts(broken: bool = False) -> list[tuple[str, object]]:
    """The report as ("p", text) paragraphs and ("proactive" | "requests" | "appeals", data) tables."""
    requests = [list(r) for r in REQUESTS]
    if broken:  # 四、结转下年度 one too many: 一 + 二 ≠ 三 + 四 in 自然人 and 总计
        requests[-1][3] = [2, 0, 0, 0, 0, 0, 2]
    new = 19 if broken else 17  # the text restates 一、本年新收 (broken: wrongly)
    out = [
        ("p", TITLE),
        ("p", "本报告根据《中华人民共和国政府信息公开条例》和《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）编制。"
              "本报告所列数据的统计期限自2024年1月1日起至2024年12月31日止。"),
        ("p", "一、总体情况"),
        ("p", "（一）主动公开。全年主动公开政府信息186条，其中工作动态92条、政策文件41条、社会救助信息53条。"),
        ("p", f"（二）依申请公开。全年新收政府信息公开申请{new}件，办结17件，均在法定期限内答复。"),
        ("p", "（三）监督保障。本局将政务公开纳入年度绩效考核，全年未发生因政府信息公开工作被责任追究的情况。"),
        ("p", "二、主动公开政府信息情况"),
        ("proactive", PROACTIVE),
        ("p", "三、收到和处理政府信息公开申请情况"),
        ("requests", requests),
        ("p", "四、政府信息公开行政复议、行政诉讼情况"),
        ("appeals", APPEALS),
        ("p", "全年发生政府信息公开行政复议1件，行政诉讼1件。"),
    ]
    if not broken:  # the broken copy has no section 五
        out += [("p", "五、存在的主要问题及改进情况"),
                ("p", "政策解读形式较为单一。下一步将增加图解和问答，提高解读的可读性。")]
    out += [("p", "六、其他需要报告的事项"),
            ("p", "本年度未收取信息处理费。"),
            ("p", ISSUER),
            ("p", "2025年2月18日" if broken else "2025年1月20日")]
    return out


# ------------------------------------------------------------------------------------------- text

def requests_rows(requests) -> list[list[str]]:
    """Table 三 as the published grid (3 label columns + 7 values), header rows included."""
    head = [["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "", "", "申请人情况", "", "", "", "", "", ""],
            ["", "", "", "自然人", "法人或其他组织", "", "", "", "", "总计"],
            ["", "", "", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""]]
    return head + [[a, b, c] + [str(v) for v in values] for a, b, c, values in requests]


APPEALS_HEAD = [["行政复议", "", "", "", "", "行政诉讼", "", "", "", "", "", "", "", "", ""],
                ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "", "", "", "",
                 "复议后起诉", "", "", "", ""],
                ["", "", "", "", "", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计",
                 "结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]]


def proactive_rows(blocks) -> list[list[str]]:
    out = []
    for caption, header, rows in blocks:
        out += [[caption], header] + [[str(c) for c in row] for row in rows]
    return out


def text(broken: bool = False) -> str:
    """Flattened text: table rows as `a | b | c` lines."""
    lines = []
    for kind, value in parts(broken):
        if kind == "p":
            lines.append(value)
        else:
            lines += [" | ".join(r) for r in _grid(kind, value)]
    return "\n".join(lines) + "\n"


def _grid(kind, value) -> list[list[str]]:
    if kind == "proactive":
        return proactive_rows(value)
    if kind == "requests":
        return requests_rows(value)
    return APPEALS_HEAD + [[str(v) for v in value]]


# ------------------------------------------------------------------------------------------- html

def html_text(broken: bool = False) -> str:
    """HTML with the template's merged cells (rowspan/colspan), as report pages publish it."""
    out = ['<!DOCTYPE html><html><head><meta charset="utf-8"><title>' + TITLE + "</title></head><body>"]
    for kind, value in parts(broken):
        if kind == "p":
            out.append(f"<p>{html.escape(value)}</p>")
        elif kind == "requests":
            out.append(_requests_html(value))
        else:
            out.append("<table border='1'>" + "".join(
                "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in _grid(kind, value))
                + "</table>")
    return "\n".join(out + ["</body></html>"]) + "\n"


def _requests_html(requests) -> str:
    rows = ['<tr><td rowspan="3" colspan="3">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td>'
            '<td colspan="7">申请人情况</td></tr>',
            '<tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>',
            "<tr>" + "".join(f"<td>{c}</td>" for c in COLUMNS[1:6]) + "</tr>"]
    group_sizes = {"三、本年度办理结果": 22, "（三）不予公开": 8, "（四）无法提供": 3, "（五）不予处理": 5, "（六）其他处理": 3}
    for a, b, c, values in requests:
        cells = ""
        if a and not b:
            cells += f'<td colspan="3">{a}</td>'
        elif a:
            cells += f'<td rowspan="{group_sizes[a]}">{a}</td>'
        if b and not c:
            cells += f'<td colspan="2">{b}</td>'
        elif b:
            cells += f'<td rowspan="{group_sizes[b]}">{b}</td>'
        if c:
            cells += f"<td>{c}</td>"
        rows.append("<tr>" + cells + "".join(f"<td>{v}</td>" for v in values) + "</tr>")
    return "<table border='1'>" + "".join(rows) + "</table>"


# ------------------------------------------------------------------------------------------- docx

def write_docx(path: Path, broken: bool = False) -> None:
    """Word tables with merged cells (python-docx merge: gridSpan and vMerge, as Word saves them)."""
    import docx

    d = docx.Document()
    for kind, value in parts(broken):
        if kind == "p":
            d.add_paragraph(value)
            continue
        grid = _grid(kind, value)
        width = max(len(r) for r in grid)
        table = d.add_table(rows=len(grid), cols=width)
        table.style = "Table Grid"
        for row, cells in zip(table.rows, grid):
            for cell, text_ in zip(row.cells, cells):
                cell.text = text_
        if kind == "requests":
            _merge_requests_header(table)
    d.save(path)


def _merge_requests_header(table) -> None:
    cell = table.cell
    top = cell(0, 0).merge(cell(2, 2))
    top.text = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    cell(0, 3).merge(cell(0, 9)).text = "申请人情况"
    cell(1, 3).merge(cell(2, 3)).text = "自然人"
    cell(1, 4).merge(cell(1, 8)).text = "法人或其他组织"
    cell(1, 9).merge(cell(2, 9)).text = "总计"


# -------------------------------------------------------------------------------------------- pdf

def write_pdf(path: Path, font: str, broken: bool = False, ruled: bool = False) -> None:
    """A PDF. `ruled`: the tables drawn as ruled tables (fpdf2's table, as Word exports them), which
    pdfplumber's table finder reads cell by cell; else each row is one text line: label, numbers."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_font("cjk", fname=font)
    pdf.add_page()
    pdf.set_font("cjk", size=8)
    for kind, value in parts(broken):
        if kind != "p" and ruled:
            grid = _grid(kind, value)
            width = max(len(r) for r in grid)
            with pdf.table(text_align="LEFT", line_height=4, first_row_as_headings=False) as table:
                for cells in grid:
                    row = table.row()
                    for cell in cells + [""] * (width - len(cells)):
                        row.cell(cell)
            continue
        for row in [[value]] if kind == "p" else _grid(kind, value):
            line = " ".join(c for c in row if c)
            while line:
                pdf.cell(text=line[:60])
                pdf.ln(5)
                line = line[60:]
    pdf.output(str(path))

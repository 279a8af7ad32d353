"""What `auditor redact` leaves behind, per format: survivors, over-masking, failures and wall time.

usage: python benchmarks/redact.py [--corpus DIR] [--formats docx,xlsx,html,txt] [--seed 1] [-v] [--keep DIR]
       python benchmarks/redact.py --rows 20000   (one generated 公示 workbook: time, peak memory, survivors)

The labelled dev set (../shared/corpus/pii-dev/docs: 60 .txt and labels.jsonl) is rendered into each
format in a temporary folder, the text kept identical:
- .html: a <p> a line (escaped); runs of table-like lines (3+ fields split by 2+ spaces, tabs or |)
  a <table>, a <td> a field;
- .docx: a paragraph a line, each cut into 2-4 runs at random offsets (seeded), inside up to 3 of its
  labelled values, with different formatting (bold, italic, colour, size), so a value is usually split
  across runs; the first line is also the section header, the last one the footer;
- .xlsx: a row a line, table-like lines a cell a field, others whole in column A; every cell a string;
- .txt: the files as they are.
Each folder goes through `auditor redact DIR --output-dir OUT -f json` (a fresh process: wall time,
exit code, per-document ok/error). Each written copy is then read raw: .html/.txt the decoded file;
.docx/.xlsx every XML part of the zip, its text nodes joined with no separator and with one, and its
attribute values. A must-flag label (must_flag true) whose text is still there is a survivor (numbers
of 7+ digits also by their bare digits); a must-not label (false: an office's contact, a value already
masked) whose text is gone was over-masked. A document without a copy (ok false) counts its must-flag
labels as "not redacted", apart, and its error is printed. Exit status 1 if a written copy holds a
survivor, else 2 if `auditor redact` gave no JSON (a crash: its stderr is printed).
"""
from __future__ import annotations

import argparse
import html
import itertools
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections import defaultdict
from pathlib import Path

from docx import Document
from docx.shared import Pt, RGBColor
from lxml import etree
from openpyxl import Workbook

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "pii-dev" / "docs"
FIELDS = re.compile(r" {2,}|\t|\|")


def fields(line: str) -> list[str] | None:
    """The cells of a table-like line, or None."""
    cells = FIELDS.split(line.strip())
    return cells if len(cells) >= 3 else None


def to_html(lines: list[str], target: Path) -> None:
    body, rows = [], []
    for line in lines + [""]:
        cells = fields(line)
        if cells:
            rows.append("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in cells) + "</tr>")
            continue
        if rows:
            body.append("<table>\n" + "\n".join(rows) + "\n</table>")
            rows = []
        body.append(f"<p>{html.escape(line)}</p>")
    body.pop()  # the sentinel
    target.write_text('<!DOCTYPE html>\n<html lang="zh"><head><meta charset="utf-8"><title>doc</title></head>\n'
                      "<body>\n" + "\n".join(body) + "\n</body></html>\n", encoding="utf-8")


STYLES = [lambda r: setattr(r, "bold", True), lambda r: setattr(r, "italic", True),
          lambda r: setattr(r.font.color, "rgb", RGBColor(0xC0, 0x00, 0x00)),
          lambda r: setattr(r.font, "size", Pt(14))]


def add_runs(paragraph, line: str, rng: random.Random, values=()) -> None:
    """The line in 2-4 runs, neighbours formatted differently: a cut inside each of up to 3 of the
    line's labelled values (start, end), the other cuts anywhere."""
    n = min(rng.randint(2, 4), len(line))
    inside = [(a, b) for a, b in values if b - a >= 2]
    cuts = {rng.randrange(a + 1, b) for a, b in rng.sample(inside, min(n - 1, len(inside)))}
    while len(cuts) < n - 1:
        cuts.add(rng.randrange(1, len(line)))
    first = rng.randrange(len(STYLES))
    for i, (a, b) in enumerate(itertools.pairwise([0, *sorted(cuts), len(line)])):
        STYLES[(first + i) % len(STYLES)](paragraph.add_run(line[a:b]))


def to_docx(lines: list[str], target: Path, rng: random.Random, spans: list[dict]) -> None:
    doc = Document()
    for number, line in enumerate(lines, 1):
        values = [(s["col"] - 1, s["end_col"] - 1) for s in spans if s["line"] == number]
        add_runs(doc.add_paragraph(), line, rng, values)
    section = doc.sections[0]  # first and last line again: values in the header and footer
    add_runs(section.header.paragraphs[0], lines[0], rng)
    add_runs(section.footer.paragraphs[0], lines[-1], rng)
    doc.save(target)


def to_xlsx(lines: list[str], target: Path) -> None:
    wb = Workbook()
    ws = wb.active
    for row, line in enumerate(lines, 1):
        for col, value in enumerate(fields(line) or [line], 1):
            cell = ws.cell(row, col, value)
            cell.data_type = "s"  # a string even if it starts with "="
    wb.save(target)


def render(corpus: Path, fmt: str, folder: Path, seed: int, labels: dict) -> None:
    folder.mkdir(parents=True)
    rng = random.Random(seed)
    for src in sorted(corpus.glob("*.txt")):
        text = src.read_text(encoding="utf-8")
        lines, target = text.splitlines(), folder / f"{src.stem}.{fmt}"
        if fmt == "txt":
            shutil.copyfile(src, target)
        elif fmt == "html":
            to_html(lines, target)
        elif fmt == "docx":
            to_docx(lines, target, rng, labels[src.stem])
        elif fmt == "xlsx":
            to_xlsx(lines, target)


def raw_texts(path: Path) -> list[str]:
    """Everything a reader of the copy could see, as a few strings."""
    if path.suffix not in (".docx", ".xlsx"):
        text = path.read_bytes().decode("utf-8", errors="replace")
        return [text, html.unescape(text)] if path.suffix == ".html" else [text]
    found = []
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.endswith((".xml", ".rels")):
                root = etree.fromstring(z.read(name))
                texts = list(root.itertext())
                found += ["".join(texts), "\n".join(texts),
                          "\n".join(v for el in root.iter(etree.Element) for v in el.attrib.values())]
    return found


def present(text: str, raws: list[str], bares: list[str]) -> bool:
    digits = re.sub(r"\D", "", text)
    return any(text in r for r in raws) or (len(digits) >= 7 and any(digits in b for b in bares))


def measure(fmt: str, tmp: Path, corpus: Path, labels: dict, seed: int, verbose: bool) -> dict:
    folder, out = tmp / fmt, tmp / f"out-{fmt}"
    shutil.rmtree(folder, ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)
    render(corpus, fmt, folder, seed, labels)
    exe = Path(sys.executable).with_name("auditor")
    start = time.perf_counter()
    run = subprocess.run([str(exe), "redact", str(folder), "--output-dir", str(out), "-f", "json"],
                         capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    row = defaultdict(int, format=fmt, exit=run.returncode, wall=wall)
    try:
        outcomes = {Path(d["uri"]).stem: d for d in json.loads(run.stdout)["documents"]}
    except (ValueError, KeyError):
        outcomes, row["crashed"] = {}, 1
        print(f"[{fmt}] auditor redact exited {run.returncode} without JSON:\n{run.stderr.strip()[-800:]}")
    errors = defaultdict(list)
    for stem, spans in sorted(labels.items()):
        must = [s for s in spans if s["must_flag"] is True]
        keep = [s for s in spans if s["must_flag"] is False]
        row["docs"] += 1
        row["must"] += len(must)
        row["must_not"] += len(keep)
        d = outcomes.get(stem, {"ok": False, "error": "auditor redact crashed (above)" if row["crashed"]
                                          else "not in the JSON of auditor redact"})
        copy = Path(d["output"]) if d.get("ok") and d.get("output") else None
        if copy is None or not copy.exists():
            row["failed"] += 1
            row["not_redacted"] += len(must)
            errors[d.get("error") or "no copy written"].append(stem)
            continue
        row["done"] += 1
        raws = raw_texts(copy)
        bares = [re.sub(r"\D", "", r) for r in raws]
        for s in must:
            if present(s["text"], raws, bares):
                row["surviving"] += 1
                if verbose:
                    print(f"  [{fmt}] survivor {copy.name}:{s['line']}:{s['col']} {s['entity']} {s['text']}")
        for s in keep:
            if present(s["text"], raws, bares):
                row["kept"] += 1
            elif verbose:
                print(f"  [{fmt}] over-masked {copy.name}:{s['line']}:{s['col']} {s['entity']} {s['text']}")
        row["checked"] += len(keep)
    for error, stems in errors.items():
        print(f"[{fmt}] {len(stems)} failed: {error}  ({', '.join(stems[:8])}{' ...' if len(stems) > 8 else ''})")
    return row


def large_list(rows: int, root: Path) -> None:
    """One 公示 workbook of `rows` people (fake data: names, IDs, mobiles, cards): redact's time and peak
    memory on a list as long as a county's, and whether any value survives."""
    sys.path.insert(0, str(ROOT / "tests"))
    import fakedata as fd

    rng = random.Random(rows)
    wb = Workbook()
    ws = wb.active
    ws.append(["关于高龄津贴发放名单的公示"])
    ws.append(["序号", "姓名", "身份证号码", "联系电话", "银行卡号", "金额"])
    people = [(fd.name(rng), fd.resident_id(rng), fd.mobile(rng), fd.bank_card(rng)) for _ in range(rows)]
    for i, person in enumerate(people, 1):
        ws.append([i, *person, 600])
    root.mkdir(parents=True, exist_ok=True)
    wb.save(root / "list.xlsx")
    exe = Path(sys.executable).parent / "auditor"
    start = time.perf_counter()
    run = subprocess.run(["/usr/bin/time", "-f", "%M", str(exe), "redact", "list.xlsx", "--output-dir", "out",
                          "-f", "json"], cwd=root, capture_output=True, text=True)
    wall = time.perf_counter() - start
    ok = json.loads(run.stdout)["documents"][0]["ok"] if run.stdout.strip() else False
    raw = "\n".join(raw_texts(root / "out" / "list.xlsx")) if ok else ""
    left = sum(1 for person in people for value in person[1:] if value in raw)
    print(f"{rows} rows ({len(people) * 4} values): ok={ok}, {wall:.1f} s wall, "
          f"peak {int(run.stderr.strip().splitlines()[-1]) / 1024:.0f} MB, {left} ID/mobile/card values left")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--formats", default="docx,xlsx,html,txt")
    parser.add_argument("--seed", type=int, default=1, help="the run cuts of .docx")
    parser.add_argument("-v", "--verbose", action="store_true", help="list each survivor and over-masked value")
    parser.add_argument("--keep", type=Path, help="write the renderings and copies here and keep them")
    parser.add_argument("--rows", type=int, help="instead: time one generated 公示 workbook of this many rows")
    args = parser.parse_args()
    if args.rows:
        with tempfile.TemporaryDirectory(prefix="auditor-redact-") as tmp:
            large_list(args.rows, Path(tmp))
        return
    labels = defaultdict(list)
    for line in (args.corpus / "labels.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            span = json.loads(line)
            labels[Path(span["file"]).stem].append(span)
    for src in args.corpus.glob("*.txt"):
        labels.setdefault(src.stem, [])
    rows = []
    root = args.keep or Path(tempfile.mkdtemp(prefix="auditor-redact-"))
    try:
        for fmt in args.formats.split(","):
            rows.append(measure(fmt.strip(), root, args.corpus, labels, args.seed, args.verbose))
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    head = ("format", "docs", "done", "failed", "must-flag", "surviving", "not redacted", "must-not",
            "kept", "exit", "wall s", "ms/doc")
    print(" ".join(f"{h:>12}" for h in head))
    for r in rows:
        cells = (r["format"], r["docs"], r["done"], r["failed"], r["must"], r["surviving"], r["not_redacted"],
                 r["must_not"], f"{r['kept']}/{r['checked']}", r["exit"], f"{r['wall']:.2f}",
                 f"{r['wall'] / max(r['docs'], 1) * 1000:.0f}")
        print(" ".join(f"{c:>12}" for c in cells))
    print("kept: must-not values still there / those in the written copies; exit: of auditor redact")
    sys.exit(1 if any(r["surviving"] for r in rows) else 2 if any(r["crashed"] for r in rows) else 0)


if __name__ == "__main__":
    main()

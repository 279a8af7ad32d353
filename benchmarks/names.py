"""Speed and memory of the default scan (names on) and of `--no-names`, and start-up time.

usage: python benchmarks/names.py [--mb 20] [--repeat 3] [--corpus file|batch|both] [--keep DIR]

Two corpora of >= --mb MB of UTF-8 text, written to a temporary folder (or DIR with --keep):
- file: the report-like text of benchmarks/throughput.py in one file: the real published reports of
  ../shared/corpus (samples/ without it) with a generated 公示 list of 20 fake people (ID, mobile, bank
  card) after every ~100 KB;
- batch: a reviewer's folder of small documents, each its own file: the same reports, each followed by
  a generated document of a kind that carries names (a 公示 list with a 姓名 column and IDs, or an
  答复书 naming its applicant): one document in two names people, averaging 2 KB a file, so the
  per-document cost shows. A worst case, far denser in names than real folders.

Personal-data rules only (PII, DOC): the annual-report checks (OGI) are not what these targets are
about, and the generated corpus is not one report. Measured on one core in CPU seconds, after a warm-up (steady state), --repeat rounds back to back:
- MB/s of `scan_paths` over the corpus, default rules (names on) and --no-names, and of the yardstick
  of benchmarks/throughput.py (read each file, one regex pass for IDs and phones) on the same files;
- each mode in a fresh process of its own, as the command line runs: peak resident memory (ru_maxrss);
- how much text reaches each stage: all text; the windows around context words that a name could
  follow or precede (the only text the spaCy pipeline sees); table rows read for names;
- start-up: wall time of `auditor scan` on a one-line document that needs the NLP (process start to
  exit, so it includes loading spaCy and jieba; --no-cache, or the second run would be a cache hit), median of 5.
"""
from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpus"
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))
import fakedata  # noqa: E402


def reports() -> list[str]:
    files = sorted(SHARED.glob("real-reports*/*.txt")) + sorted(SHARED.glob("seed/*.txt"))
    files = files or [ROOT / "samples" / "shuanghua-2018-annual-report.txt"]
    return [p.read_text(encoding="utf-8") for p in files]


def gongshi(rng: random.Random) -> str:
    rows = [f"关于{rng.choice(['2024年耕地地力保护补贴', '高龄津贴', '临时救助'])}发放情况的公示",
            "序号|户主姓名|身份证号码|所在村|补贴金额（元）"]
    for i in range(rng.randint(10, 40)):
        rows.append(f"{i + 1}|{fakedata.name(rng)}|{fakedata.resident_id(rng)}|新华村|{rng.randint(100, 3000)}.00")
    rows.append(f"公示期间如有异议，请向镇党政办反映。监督电话：{fakedata.landline(rng)}。")
    return "\n".join(rows) + "\n"


def reply(rng: random.Random) -> str:
    person = fakedata.name(rng)
    return (f"{person}：\n你于2024年3月5日提出的政府信息公开申请收悉。申请人{person}，"
            f"联系电话{fakedata.mobile(rng)}，要求公开本机关2023年度项目资金拨付情况。经审查，"
            f"所申请信息属于主动公开范围，现予提供。本机关联系人：{fakedata.name(rng)}，"
            f"联系电话：{fakedata.landline(rng)}。\n县人民政府办公室\n2024年3月20日\n")


def make_file_corpus(folder: Path, megabytes: float) -> int:
    from throughput import make_corpus as make_reports

    make_reports(folder / "reports.txt", "reports", megabytes)
    return (folder / "reports.txt").stat().st_size


def make_batch_corpus(folder: Path, megabytes: float) -> int:
    rng = random.Random(7)
    texts, size, n = reports(), 0, 0
    while size < megabytes * 1_000_000:
        for text in texts:
            for doc in (text, gongshi(rng) if n % 3 == 0 else reply(rng)):
                (folder / f"{n:05d}.txt").write_text(doc, encoding="utf-8")
                size += len(doc.encode("utf-8"))
                n += 1
    return size


_RUN = """
import gc, json, resource, sys, time
sys.path.insert(0, {src!r})
sys.path.insert(0, {bench!r})
from pathlib import Path
from auditor import nlp
from auditor.scan import NAME_DETECTORS, Selection, scan_paths
from auditor.rulepacks import load_rules
from throughput import yardstick
nlp.FREEZE_AFTER_LOAD = True  # as the command line does
rules = load_rules()
selection = Selection({{r.code for r in rules if r.code.startswith(("PII", "DOC"))
                        and (not {no_names} or r.detector not in NAME_DETECTORS)}})
folder = Path({folder!r})
files = sorted(folder.iterdir())
scan_paths([str(p) for p in files[:50]], selection=selection)  # warm-up: NLP loaded, caches filled
scan_seconds, yardstick_seconds = [], []
for _ in range({repeat}):  # back to back, so a slow spell of the shared machine hits both
    start = time.process_time()
    scan_paths([str(folder)], selection=selection)
    scan_seconds.append(time.process_time() - start)
    start = time.process_time()
    for path in files:
        yardstick(path)
    yardstick_seconds.append(time.process_time() - start)
print(json.dumps({{"scan": scan_seconds, "yardstick": yardstick_seconds,
                  "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}}))
"""


def timed_runs(folder: Path, repeat: int, no_names: bool) -> dict:
    """`repeat` scans in one fresh process (names on, or --no-names), each followed by the yardstick."""
    code = _RUN.format(src=str(ROOT / "src"), bench=str(ROOT / "benchmarks"), folder=str(folder),
                       repeat=repeat, no_names=no_names)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def stages(folder: Path) -> dict:
    """Characters of all text, of the sentences the NLP sees, and of table rows read for names."""
    from auditor.detectors.context import DocumentScope
    from auditor.detectors.person_name import _windows
    from auditor.layout import infer_text_tables
    from auditor.readers import load

    total = nlp = rows = 0
    for path in sorted(folder.iterdir()):
        doc = load(path, path.name)
        infer_text_tables(doc)
        scope = DocumentScope(doc)
        total += len(scope.text)
        nlp += sum(b - a for _, (a, b), _ in _windows(scope))
        rows += sum(len(scope.scope(i).text) for i in scope.table_rows())
    return {"all": total, "nlp": nlp, "table rows": rows}


def startup() -> float:
    with tempfile.TemporaryDirectory() as tmp:
        doc = Path(tmp) / "one.txt"
        doc.write_text("全年收到申请1件，申请人为顾淑芳，已按期答复。\n", encoding="utf-8")
        exe = Path(sys.executable).with_name("auditor")
        times = []
        for _ in range(5):
            start = time.perf_counter()
            subprocess.run([str(exe), "scan", str(doc), "--no-cache", "--format", "json", "-o", str(Path(tmp) / "o.json")],
                           capture_output=True)
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure(kind: str, folder: Path, megabytes: float, repeat: int) -> None:
    size = (make_file_corpus if kind == "file" else make_batch_corpus)(folder, megabytes)
    mb = size / 1_000_000
    print(f"[{kind}] {mb:.1f} MB of UTF-8 text in {len(list(folder.iterdir()))} files")
    share = stages(folder)
    print("  text reaching each stage (characters): " + ", ".join(
        f"{k} {v:,} ({v / share['all']:.1%})" for k, v in share.items()))
    for label, no_names in (("names", False), ("--no-names", True)):
        runs = timed_runs(folder, repeat, no_names)
        ratio = statistics.median(y / t for y, t in zip(runs["yardstick"], runs["scan"]))
        print(f"  {label:>10}: {mb / min(runs['scan']):.2f} MB/s per core (fastest of {repeat}; median "
              f"{mb / statistics.median(runs['scan']):.2f}); {ratio:.2f} of the yardstick "
              f"({mb / min(runs['yardstick']):.1f} MB/s; median of the rounds' ratios); "
              f"peak memory {runs['maxrss_kb'] / 1024:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=20)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--corpus", choices=("file", "batch", "both"), default="both")
    parser.add_argument("--keep", type=Path, help="write the corpora here and keep them")
    args = parser.parse_args()
    root = args.keep or Path(tempfile.mkdtemp(prefix="auditor-names-"))
    try:
        for kind in ("file", "batch") if args.corpus == "both" else (args.corpus,):
            folder = root / kind
            folder.mkdir(parents=True, exist_ok=True)
            measure(kind, folder, args.mb, args.repeat)
        print(f"start-up (one-line document, names on, median of 5): {startup():.2f} s")
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()

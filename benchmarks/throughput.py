"""Throughput of `auditor scan` on large text files, against a yardstick timed in the same run.

usage: python benchmarks/throughput.py [--mb 20] [--repeat 3] [--corpus reports|dense|both]

Two corpora of >= 20 MB of UTF-8 text, built in a temporary folder:
- reports: real published annual reports (../shared/corpus real-reports*, seed; samples/ without it),
  with a generated 公示 list of 20 fake people (ID, mobile, bank card) after every ~100 KB of
  reports: a reviewer's folder in which one document in ten leaks a list.
- dense: the labelled dev set's 公示 lists, replies and registers (../shared/corpus/pii-dev) mixed
  with the reports as the shared corpus holds them: about one personal value per 150 bytes, a stress
  case far denser than real drafts.

The yardstick reads the file and runs one compiled alternation of ID, mobile and landline patterns
with the ID check digit validated: the least a scanner must do. Both run in this process on one core,
timed in CPU seconds, back to back `--repeat` times: MB/s from the fastest run of each, the ratio as
the median of the rounds' own ratios (the shared machine's speed drifts between rounds).
"""
from __future__ import annotations

import argparse
import random
import statistics
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpus"
sys.path.insert(0, str(ROOT / "tests"))
import fakedata  # noqa: E402

# (?=\d) first lets the regex engine skip non-digits quickly, as auditor's own patterns do.
YARDSTICK = re.compile(r"(?=\d)(?<!\d)(?:(\d{17}[\dXx])|(1[3-9]\d{9})|(0\d{2,3}-\d{7,8}))(?!\d)")
_W = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def leaking_list(rng: random.Random) -> str:
    rows = ["某镇2024年高龄津贴发放名单公示", "序号  姓名  身份证号码  联系电话  银行卡号  发放金额（元）"]
    for i in range(20):
        rows.append(f"{i + 1}  {fakedata.name(rng)}  {fakedata.resident_id(rng)}  {fakedata.mobile(rng)}  "
                    f"{fakedata.bank_card(rng)}  {rng.randint(100, 3000)}.00")
    rows.append(f"如有异议，请向镇社会事务办反映，监督电话：{fakedata.landline(rng)}。")
    return "\n".join(rows) + "\n"


def reports() -> list[str]:
    files = sorted(SHARED.glob("real-reports*/*.txt")) + sorted(SHARED.glob("seed/*.txt"))
    files = files or [ROOT / "samples" / "shuanghua-2018-annual-report.txt"]
    return [p.read_text(encoding="utf-8") + "\n" for p in files]


def make_corpus(path: Path, kind: str, megabytes: float) -> None:
    rng = random.Random(7)
    texts = reports()
    if kind == "dense":
        texts += [p.read_text(encoding="utf-8") + "\n" for p in sorted(SHARED.glob("pii-dev/docs/*.txt"))]
        texts.append(leaking_list(rng))
    target = int(megabytes * 1_000_000)
    written = since_list = 0
    with open(path, "w", encoding="utf-8") as f:
        while written < target:
            for text in texts:
                f.write(text)
                size = len(text.encode("utf-8"))
                written += size
                since_list += size
                if kind == "reports" and since_list >= 100_000:
                    listing = leaking_list(rng)
                    f.write(listing)
                    written += len(listing.encode("utf-8"))
                    since_list = 0


def yardstick(path: Path) -> int:
    text = path.read_text(encoding="utf-8")
    found = 0
    for m in YARDSTICK.finditer(text):
        if m.group(1):
            digits = m.group(1)
            if "10X98765432"[sum(int(d) * w for d, w in zip(digits, _W)) % 11] != digits[17].upper():
                continue
        found += 1
    return found


def full_scan(path: Path) -> int:
    """auditor's numbers-only path (`--no-names`, personal-data and document rules): the regex work
    this benchmark compares; the default scan with names is measured by benchmarks/names.py, and the
    annual-report checks (OGI), which read a report's outline and tables, not its digit runs, are
    left out (the generated corpus is not one report)."""
    from auditor.rulepacks import load_rules
    from auditor.scan import NAME_DETECTORS, Selection, scan_paths

    rules = load_rules()
    numbers = Selection({r.code for r in rules if r.code.startswith(("PII", "DOC"))
                         and r.detector not in NAME_DETECTORS})
    return len(scan_paths([str(path)], selection=numbers).findings)


def timed(fn, path: Path) -> tuple[float, int]:
    """CPU seconds of this process (MB/s *per core*; a busy neighbour on a shared machine shows in
    wall time, not here), and what fn returned."""
    start = time.process_time()
    n = fn(path)
    return time.process_time() - start, n


def measure(kind: str, megabytes: float, repeat: int) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{kind}.txt"
        make_corpus(path, kind, megabytes)
        size_mb = path.stat().st_size / 1_000_000
        full_scan(ROOT / "samples" / "shuanghua-2018-annual-report.txt")  # load rules and tables first
        yard_times, scan_times = [], []
        for _ in range(repeat):  # back to back, so both see the same machine
            t, n_yard = timed(yardstick, path)
            yard_times.append(t)
            t, n_scan = timed(full_scan, path)
            scan_times.append(t)
    # The machine is shared and its speed drifts: each round's own ratio, then the median of those.
    ratio = statistics.median(y / s for y, s in zip(yard_times, scan_times))
    t_yard, t_scan = min(yard_times), min(scan_times)
    print(f"[{kind}] corpus: {size_mb:.1f} MB of UTF-8 text")
    print(f"[{kind}] yardstick: {size_mb / t_yard:.1f} MB/s ({t_yard:.2f} s, {n_yard} matches)")
    print(f"[{kind}] auditor scan --no-names: {size_mb / t_scan:.1f} MB/s per core ({t_scan:.2f} s, {n_scan} findings)")
    print(f"[{kind}] ratio: {ratio:.2f} of the yardstick, median of {repeat} rounds "
          f"({min(y / s for y, s in zip(yard_times, scan_times)):.2f}-"
          f"{max(y / s for y, s in zip(yard_times, scan_times)):.2f}; target >= 0.25)")
    return ratio


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=20.0)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--corpus", choices=("reports", "dense", "both"), default="both")
    args = parser.parse_args()
    for kind in ("reports", "dense") if args.corpus == "both" else (args.corpus,):
        measure(kind, args.mb, args.repeat)


if __name__ == "__main__":
    main()

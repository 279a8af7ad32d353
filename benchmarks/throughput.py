"""Throughput of `auditor scan` on a large text file, against a yardstick timed in the same run.

usage: python benchmarks/throughput.py [--mb 20] [--keep FILE]

The corpus mixes real published annual reports (../shared/corpus, or samples/ without it) with the
labelled synthetic 公示 lists and replies of ../shared/corpus/pii-dev and generated 公示 rows full of
fake IDs, phones, cards and e-mails (tests/fakedata.py), repeated to the requested size: about one
personal value per 150 bytes, far denser than real drafts. The
yardstick reads the file and runs one compiled alternation of ID, mobile and landline patterns with
the ID check digit validated: the least a scanner must do. Both run in this process, on one core.
"""
from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
import fakedata  # noqa: E402

# (?=\d) first lets the regex engine skip non-digits quickly, as auditor's own patterns do.
YARDSTICK = re.compile(r"(?=\d)(?<!\d)(?:(\d{17}[\dXx])|(1[3-9]\d{9})|(0\d{2,3}-\d{7,8}))(?!\d)")
_W = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def make_corpus(path: Path, megabytes: float) -> None:
    rng = random.Random(7)
    shared = ROOT.parent / "shared" / "corpus"
    texts = sorted(shared.glob("real-reports*/*.txt")) + sorted(shared.glob("pii-dev/docs/*.txt"))
    texts = texts or [ROOT / "samples" / "shuanghua-2018-annual-report.txt"]
    chunks = [p.read_text(encoding="utf-8") + "\n" for p in texts]
    chunks.append("序号  姓名  身份证号码  联系电话  银行卡号  补贴金额（元）\n")
    for i in range(20):
        chunks.append(f"{i + 1}  {fakedata.name(rng)}  {fakedata.resident_id(rng)}  {fakedata.mobile(rng)}  "
                      f"{fakedata.bank_card(rng)}  {rng.randint(100, 3000)}.00\n")
    chunks.append(f"来信人住某村5组{rng.randint(1, 200)}号，联系电话{fakedata.landline(rng)}，"
                  f"电子邮箱{fakedata.email(rng)}。监督电话：{fakedata.landline(rng)}。\n")
    block = "".join(chunks)
    target = int(megabytes * 1_000_000)
    with open(path, "w", encoding="utf-8") as f:
        written = 0
        while written < target:
            f.write(block)
            written += len(block.encode("utf-8"))


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
    from auditor.scan import scan_paths
    return len(scan_paths([str(path)]).findings)


def timed(fn, path):
    start = time.perf_counter()
    n = fn(path)
    return time.perf_counter() - start, n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=20.0)
    parser.add_argument("--keep", type=Path, default=None, help="write the corpus here and keep it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.keep or Path(tmp) / "corpus.txt"
        make_corpus(path, args.mb)
        size_mb = path.stat().st_size / 1_000_000
        t_yard, n_yard = timed(yardstick, path)
        t_scan, n_scan = timed(full_scan, path)
    print(f"corpus: {size_mb:.1f} MB of UTF-8 text")
    print(f"yardstick: {size_mb / t_yard:.1f} MB/s ({t_yard:.2f} s, {n_yard} matches)")
    print(f"auditor scan (number detectors): {size_mb / t_scan:.1f} MB/s per core ({t_scan:.2f} s, {n_scan} findings)")
    print(f"ratio: {t_yard / t_scan:.2f} of the yardstick (target >= 0.25)")


if __name__ == "__main__":
    main()

"""Speed-up of the content cache: a re-scan of 1,000 documents with one changed.

usage: python benchmarks/cache.py [--docs 1000]

The folder: the real reports and the labelled dev set of ../shared/corpus (samples/ without it) and
generated 公示 lists, copied round to --docs files. Wall time of `auditor scan` (a fresh process,
as CI runs it): with an empty cache (every document analysed and stored), then after changing one
document (one analysed, the rest read from the cache), and with --no-cache for comparison.
"""
from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpus"
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "tests"))

from throughput import leaking_list  # noqa: E402


def texts() -> list[str]:
    files = sorted(SHARED.glob("real-reports*/*.txt")) + sorted(SHARED.glob("pii-dev/docs/*.txt"))
    found = [p.read_text(encoding="utf-8") for p in files] or [(ROOT / "samples" / "shuanghua-2018-annual-report.txt").read_text(encoding="utf-8")]
    rng = random.Random(3)
    return found + [leaking_list(rng) for _ in range(20)]


def timed(folder: Path, cache_home: Path, *extra: str) -> float:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache_home)}
    exe = Path(sys.executable).with_name("auditor")
    start = time.perf_counter()
    subprocess.run([str(exe), "scan", str(folder), "-f", "json", "-o", str(folder.parent / "out.json"), *extra],
                   env=env, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder, home = Path(tmp) / "docs", Path(tmp) / "cache"
        folder.mkdir()
        pool = texts()
        for n in range(args.docs):
            (folder / f"{n:05d}.txt").write_text(pool[n % len(pool)], encoding="utf-8")
        size = sum(p.stat().st_size for p in folder.iterdir()) / 1e6
        uncached = timed(folder, home, "--no-cache")
        cold = timed(folder, home)
        changed = folder / "00007.txt"
        changed.write_text(changed.read_text(encoding="utf-8") + "\n联系电话：13912345670\n", encoding="utf-8")
        warm = timed(folder, home)
    print(f"{args.docs} documents, {size:.1f} MB")
    print(f"--no-cache: {uncached:.1f} s; empty cache (analyse and store): {cold:.1f} s; "
          f"re-scan with one changed: {warm:.1f} s ({uncached / warm:.1f}x faster than --no-cache)")


if __name__ == "__main__":
    main()

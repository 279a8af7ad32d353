"""Speed of the annual-report checks (OGI rules) on a reviewer's batch of reports.

usage: python benchmarks/annual.py [--mb 5] [--repeat 3]

The batch: the real published reports of ../shared/corpus (real-reports, real-reports-full, seed)
and the flattened text of the 2021-format sample report (tests/annual_sample.py), each its own file,
copied round until the batch holds --mb MB of UTF-8 text. Measured in CPU seconds on one core,
after a warm-up: the scan with only the OGI rules selected (recognition, outline, sections, tables,
dates, cross-year over the batch), in MB/s and milliseconds per report.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpus"
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "src"))

import annual_sample  # noqa: E402
from auditor.rulepacks import load_rules  # noqa: E402
from auditor.scan import Selection, scan_paths  # noqa: E402


def reports() -> list[str]:
    files = sorted(SHARED.glob("real-reports*/*.txt")) + sorted(SHARED.glob("seed/*.txt"))
    return [p.read_text(encoding="utf-8") for p in files] + [annual_sample.text(), annual_sample.text(True)]


def make_batch(folder: Path, megabytes: float) -> tuple[int, int]:
    texts, size, n = reports(), 0, 0
    while size < megabytes * 1_000_000:
        text = texts[n % len(texts)]
        (folder / f"{n:05d}.txt").write_text(text, encoding="utf-8")
        size += len(text.encode("utf-8"))
        n += 1
    return size, n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=5.0)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    selection = Selection({r.code for r in load_rules() if r.code.startswith("OGI")})
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        size, n = make_batch(folder, args.mb)
        scan_paths([str(p) for p in sorted(folder.iterdir())[:20]], selection=selection)  # warm-up
        times = []
        for _ in range(args.repeat):
            start = time.process_time()
            result = scan_paths([str(folder)], selection=selection)
            times.append(time.process_time() - start)
    best = min(times)
    reports_found = sum(1 for d in result.documents if d.report)
    print(f"{size / 1e6:.1f} MB in {n} files, {reports_found} recognised as annual reports")
    print(f"annual-report checks: {size / 1e6 / best:.1f} MB/s per core, {best / n * 1000:.1f} ms per report "
          f"(fastest of {args.repeat}; {len(result.findings)} findings)")


if __name__ == "__main__":
    main()

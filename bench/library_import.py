"""Import speed: `Library.import_folder` against bare read + sha256 of the same files.

Makes N small PNG and JPEG images with Pillow (noise, so they do not compress
to nothing), warms the page cache, then in alternating rounds times
(a) reading and hashing every file, the least any importer must do, and
(b) importing the folder into a fresh library (header read, metadata read,
copy into the store, durable sync, index commit). Goal: (a)/(b) >= 0.7, i.e.
import runs at 70 % or more of the bare read+hash rate.

    .venv/bin/python bench/library_import.py [--count 500] [--side 256] [--rounds 5]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import statistics
import tempfile
import time
from pathlib import Path

from PIL import Image

from lemon_desktop.library import Library


def make_images(folder: Path, count: int, side: int) -> int:
    rng = random.Random(3)
    total = 0
    for i in range(count):
        noise = Image.frombytes("RGB", (side, side), rng.randbytes(side * side * 3))
        path = folder / f"img-{i:04d}.{'png' if i % 2 else 'jpg'}"
        noise.save(path, "PNG" if i % 2 else "JPEG", quality=90)
        total += path.stat().st_size
    return total


def bare(folder: Path) -> int:
    n = 0
    for entry in sorted(os.scandir(folder), key=lambda e: e.name):
        with open(entry.path, "rb") as handle:
            hashlib.sha256(handle.read()).hexdigest()
        n += 1
    return n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--side", type=int, default=256)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "src"
        src.mkdir()
        size = make_images(src, args.count, args.side)
        print(f"{args.count} images, {size / 1e6:.1f} MB, {args.side}x{args.side} PNG/JPEG")
        bare(src)  # warm the page cache for both contenders
        bare_times, import_times = [], []
        for r in range(args.rounds):
            started = time.perf_counter()
            assert bare(src) == args.count
            bare_times.append(time.perf_counter() - started)
            lib = Library.open(Path(tmp) / f"lib{r}")
            started = time.perf_counter()
            report = lib.import_folder(src)
            import_times.append(time.perf_counter() - started)
            assert len(report.imported) == args.count, report.failed[:3]
            lib.close()
        b, i = statistics.median(bare_times), statistics.median(import_times)
        print(f"bare read+sha256: {b * 1000:8.1f} ms  {args.count / b:8.0f} images/s")
        print(f"import_folder:    {i * 1000:8.1f} ms  {args.count / i:8.0f} images/s")
        print(f"import rate / bare rate: {b / i:.2f}  (goal >= 0.7; medians of {args.rounds})")


if __name__ == "__main__":
    main()

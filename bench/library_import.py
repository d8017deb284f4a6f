"""Import speed: `Library.import_folder` against bare read + sha256 of the same files.

Makes N small PNG and JPEG images with Pillow (noise, so they do not compress
to nothing), warms the page cache, then in alternating rounds times
(a) reading and hashing every file, the least any importer must do,
(b) importing the folder in place into a fresh library (header read, metadata
read, index commit; the files stay where they are), and
(c) importing it by copy (the same, plus a durable copy into the store).
Goal: (a)/(b) >= 0.7, i.e. import runs at 70 % or more of the bare read+hash
rate. (c) is printed beside it: writing a second copy of every file and
syncing it costs more than reading the file, so a copying import cannot reach
0.7 of a bare read on any disk where writes cost more than cached reads. On a
filesystem with copy-on-write clones (Btrfs, XFS: run with TMPDIR there) the
copy is a clone instead, and the importer reads the clone (whose page cache is
cold: a clone shares disk blocks, not cached pages) rather than the source.

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
        bare(src)  # warm the page cache for every contender
        times: dict[str, list[float]] = {"bare": [], "in place": [], "copy": []}
        for r in range(args.rounds):
            started = time.perf_counter()
            assert bare(src) == args.count
            times["bare"].append(time.perf_counter() - started)
            for mode, in_place in (("in place", True), ("copy", False)):
                lib = Library.open(Path(tmp) / f"lib-{mode}-{r}")
                started = time.perf_counter()
                report = lib.import_folder(src, in_place=in_place)
                times[mode].append(time.perf_counter() - started)
                assert len(report.imported) == args.count, report.failed[:3]
                lib.close()
        medians = {mode: statistics.median(t) for mode, t in times.items()}
        for mode, label in (("bare", "bare read+sha256"), ("in place", "import in place"),
                            ("copy", "import by copy")):  # fmt: skip
            m = medians[mode]
            print(f"{label + ':':19} {m * 1000:8.1f} ms  {args.count / m:8.0f} images/s")
        b = medians["bare"]
        print(f"in place rate / bare rate: {b / medians['in place']:.2f}  "
              f"(goal >= 0.7; medians of {args.rounds})")  # fmt: skip
        print(f"copy rate / bare rate:     {b / medians['copy']:.2f}")


if __name__ == "__main__":
    main()

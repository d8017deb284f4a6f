"""Thumbnail throughput: our cache against plain scaled QImageReader decoding.

Generates N realistic images (1024-2048 px PNG and JPEG, gradients plus noise
so they do not compress trivially) in a temporary folder, then measures
thumbnails per second for, side by side in alternating rounds:

* floor  - QImageReader with setScaledSize/setAutoTransform, nothing else;
* cold   - ThumbnailCache.render (same decode, plus writing the cache file);
* cached - ThumbnailCache.load_cached (no source decode at all).

Floor and cold run interleaved in blocks of 25 images (ABBA order) so the
drift of a noisy machine falls on both.

Floor and ours use the same thread count: sequential on one thread, then a
QThreadPool of --threads workers for both. Goals: cold/floor >= 0.8 and
cached/cold >= 20x. Rates are the median over rounds.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/thumbnails.py [--count 300] [--size 256]
        [--rounds 3] [--threads 2] [--images DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image
from PySide6.QtCore import QSize, QThreadPool
from PySide6.QtGui import QGuiApplication, QImage, QImageReader

from lemon_desktop.ui.thumbnail_loader import ThumbnailCache

SIZES = [(1024, 1024), (1536, 1024), (1024, 1536), (1792, 1024), (2048, 2048), (1280, 1280)]

Source = tuple[Path, str]  # path, sha256
Task = Callable[[Path, str], QImage | None]


def make_image(rng: random.Random, size: tuple[int, int]) -> Image.Image:
    """Smooth colour fields with grain, like a rendered picture; noise defeats compression."""
    angle = rng.randrange(360)
    red = Image.linear_gradient("L").rotate(angle).resize(size)
    green = Image.radial_gradient("L").resize(size)
    blue = Image.linear_gradient("L").rotate(angle + 90).resize(size)
    grain = Image.effect_noise(size, rng.uniform(12, 30))
    channels = [Image.blend(band, grain, rng.uniform(0.15, 0.35)) for band in (red, green, blue)]
    return Image.merge("RGB", channels)


def generate(folder: Path, count: int, seed: int = 7) -> list[Source]:
    rng = random.Random(seed)
    sources = []
    for index in range(count):
        path = folder / (f"img{index:04d}.png" if index % 2 == 0 else f"img{index:04d}.jpg")
        if not path.exists():
            image = make_image(rng, rng.choice(SIZES))
            if path.suffix == ".png":
                image.save(path, "PNG", compress_level=1)  # decode cost barely depends on level
            else:
                image.save(path, "JPEG", quality=92)
        sources.append((path, hashlib.sha256(path.read_bytes()).hexdigest()))
    return sources


def floor_decode(path: Path, size: int) -> QImage:
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    full = reader.size()
    scale = min(1.0, size / max(full.width(), full.height()))
    reader.setScaledSize(QSize(round(full.width() * scale), round(full.height() * scale)))
    return reader.read()


def run_sequential(task: Task, sources: list[Source]) -> float:
    started = time.perf_counter()
    for path, sha in sources:
        if task(path, sha) is None:
            raise RuntimeError(f"no thumbnail for {path}")
    return len(sources) / (time.perf_counter() - started)


def run_pool(task: Task, sources: list[Source], pool: QThreadPool) -> float:
    failures: list[Path] = []

    def one(path: Path, sha: str) -> None:
        if task(path, sha) is None:
            failures.append(path)

    started = time.perf_counter()
    for path, sha in sources:
        pool.start(lambda p=path, s=sha: one(p, s))
    pool.waitForDone()
    if failures:
        raise RuntimeError(f"no thumbnail for {failures[0]}")
    return len(sources) / (time.perf_counter() - started)


def measure(
    sources: list[Source],
    size: int,
    rounds: int,
    runner: Callable[[Task, list[Source]], float],
    work: Path,
    block: int = 25,
) -> dict[str, list[float]]:
    """Per round: floor and cold interleaved in small blocks (ABBA), then cached.

    A noisy machine drifts within seconds; alternating blocks of a couple of
    seconds puts the same drift on both sides, which whole-pass timing did not.
    """
    rates: dict[str, list[float]] = {"floor": [], "cold": [], "cached": []}
    for _ in range(rounds):
        cache = ThumbnailCache(Path(tempfile.mkdtemp(prefix="cache-", dir=work)))
        tasks: dict[str, Task] = {
            "floor": lambda path, _sha: floor_decode(path, size),
            "cold": lambda path, sha, cache=cache: cache.render(path, sha, size),
        }
        seconds = {"floor": 0.0, "cold": 0.0}
        for index in range(0, len(sources), block):
            chunk = sources[index : index + block]
            order = ["floor", "cold"] if (index // block) % 2 == 0 else ["cold", "floor"]
            for name in order:
                seconds[name] += len(chunk) / runner(tasks[name], chunk)
        for name, total in seconds.items():
            rates[name].append(len(sources) / total)
        rates["cached"].append(
            runner(lambda _path, sha, cache=cache: cache.load_cached(sha, size), sources)
        )
    return rates


def report(label: str, rates: dict[str, list[float]]) -> None:
    floor, cold, cached = (statistics.median(rates[k]) for k in ("floor", "cold", "cached"))
    print(f"\n[{label}] thumbnails/second (median of {len(rates['floor'])} rounds)")
    for name in ("floor", "cold", "cached"):
        each = ", ".join(f"{r:.1f}" for r in rates[name])
        print(f"  {name:<7}{statistics.median(rates[name]):>9.1f}   rounds: {each}")
    print(f"  cold/floor   = {cold / floor:.2f}   (goal >= 0.8)")
    print(f"  cached/cold  = {cached / cold:.1f}x  (goal >= 20x)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=300)
    parser.add_argument("--size", type=int, default=256, help="thumbnail longest edge")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--threads", type=int, default=QThreadPool.globalInstance().maxThreadCount()
    )
    parser.add_argument("--images", type=Path, help="reuse generated images from this folder")
    args = parser.parse_args()
    app = QGuiApplication(sys.argv[:1])  # noqa: F841 - image plugins want an application

    with tempfile.TemporaryDirectory(prefix="lemon-thumb-bench-") as temp:
        work = Path(temp)
        folder = args.images or work / "images"
        folder.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        sources = generate(folder, args.count)
        megabytes = sum(p.stat().st_size for p, _ in sources) / 2**20
        print(
            f"{len(sources)} images ({megabytes:.0f} MB, PNG/JPEG 1024-2048 px) ready in "
            f"{time.perf_counter() - started:.1f}s; thumbnail size {args.size}; "
            f"{os.cpu_count()} CPUs"
        )
        run_sequential(lambda p, _s: floor_decode(p, args.size), sources)  # warm the page cache

        report("1 thread", measure(sources, args.size, args.rounds, run_sequential, work))
        pool = QThreadPool()
        pool.setMaxThreadCount(args.threads)

        def pooled(task: Task, srcs: list[Source]) -> float:
            return run_pool(task, srcs, pool)

        report(
            f"QThreadPool x{args.threads}", measure(sources, args.size, args.rounds, pooled, work)
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

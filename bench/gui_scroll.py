"""GUI scroll: frame times and memory of the gallery over a 100,000-image library.

Run under a real X server (never QT_QPA_PLATFORM=offscreen, which skips real painting):

    xvfb-run -a .venv/bin/python bench/gui_scroll.py [--images 100000] [--step 0.5]

A child process builds the libraries (index rows bulk-inserted through the
library's own insert path, like bench/library_scale.py; every row has its own
hash but points at one of a few hundred real small PNGs, so thumbnails really
decode and really get cached), once: they are kept in the bench cache
(bench/library_scale.py, `LEMON_BENCH_CACHE`; a million rows take about a
minute to build). Then, in this process:

* RSS of a bare shown PySide6 window (the baseline), taken before the app's own
  modules are imported, so their cost counts against the goal too;
* open + first screen (Library.open, GalleryPanel, first paint) for a
  100-image and the big library, side by side;
* the big library scrolled from top to bottom by setting the vertical scroll
  bar `--step` viewport heights at a time, each step followed by
  processEvents() (paint, pages of 200 rows read as they come into view,
  thumbnails arriving); the time of each step is one frame;
* frame-time p50/p95/p99 and the longest stall (goal p99 < 16 ms), and RSS
  at the end minus the baseline (goal <= 150 MB), with a breakdown (anonymous
  vs file-backed memory, what the pixmap cache holds, what glibc keeps free).
"""

from __future__ import annotations

import argparse
import colorsys
import ctypes
import gc
import hashlib
import io
import itertools
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

REAL_FILES = 300
MODELS = ["gpt-image-2", "flux-pro", "seedream-4", "imagen-4", None]


def rss_mb() -> float:
    return memory()["Rss"]


def memory() -> dict[str, float]:
    """/proc/self/smaps_rollup in MB: Rss, Anonymous (heap, threads, Python) and the rest."""
    fields: dict[str, float] = {}
    for line in Path("/proc/self/smaps_rollup").read_text().splitlines()[1:]:
        name, _, value = line.partition(":")
        parts = value.split()
        if len(parts) == 2 and parts[1] == "kB":
            fields[name] = int(parts[0]) / 1024
    return fields


def trimmed_mb() -> float:
    """How much RSS glibc gives back on malloc_trim(0): memory freed but kept by the
    allocator (fragmentation), as opposed to memory still in use."""
    before = rss_mb()
    ctypes.CDLL("libc.so.6").malloc_trim(0)
    return before - rss_mb()


# -- building (child process, so its memory never counts) ---------------------------------


def gallery_library(n: int, seed: int = 0) -> Path:
    """A gallery bench library of `n` images from the bench cache (see
    bench/library_scale.py), built in a child process when absent, so the
    builder's memory never counts against the measuring process."""
    from library_scale import cached

    def make(folder: Path) -> None:
        started = time.perf_counter()
        subprocess.run([sys.executable, __file__, "--build", str(folder), str(n)], check=True)
        print(f"built a {n:,}-image gallery library in {time.perf_counter() - started:.1f} s")

    return cached(f"gallery-{n}-seed{seed}-v{BUILD_VERSION}", make)


# Bump when build() makes different rows, so cached libraries are made again.
BUILD_VERSION = 2


def build(root: Path, n: int, seed: int = 0) -> None:
    from library_scale import bulk_insert  # the library benchmark's bulk writer
    from PIL import Image, ImageDraw

    from lemon_desktop.library import Library
    from lemon_desktop.library.store import relpath_for

    rng = random.Random(seed)
    lib = Library.open(root)
    real: list[tuple[str, int, int, int]] = []  # relpath, w, h, bytes
    for i in range(min(REAL_FILES, n)):
        w, h = rng.choice([(256, 256), (320, 180), (180, 320)])
        colour = tuple(round(c * 255) for c in colorsys.hsv_to_rgb(i * 0.137 % 1, 0.5, 0.9))
        image = Image.new("RGB", (w, h), colour)
        ImageDraw.Draw(image).ellipse([w // 4, h // 4, 3 * w // 4, 3 * h // 4], fill=(40, 40, 60))
        buffer = io.BytesIO()
        image.save(buffer, "PNG")
        data = buffer.getvalue()
        relpath = relpath_for(hashlib.sha256(data).hexdigest(), "png")
        (root / relpath).parent.mkdir(parents=True, exist_ok=True)
        (root / relpath).write_bytes(data)
        real.append((relpath, w, h, len(data)))

    def rows() -> Iterator[dict[str, object]]:
        for i in range(n):
            relpath, w, h, size = real[i % len(real)]
            yield {
                "sha256": hashlib.sha256(f"{seed}-{i}".encode()).hexdigest(),
                "path": relpath,
                "width": w,
                "height": h,
                "bytes": size,
                # One image a second, newest last, as a library that grew over time.
                "created": f"{datetime.fromtimestamp(1.7e9 + i, UTC):%Y-%m-%dT%H:%M:%S}.000000Z",
                "model": rng.choice(MODELS),
                "prompt": f"bench image {i}",
                "params": '{"size": "1024x1024"}',
            }

    bulk_insert(lib, rows())
    lib.close()


# -- measuring ---------------------------------------------------------------------------------


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--images", type=int, default=100_000)
    parser.add_argument("--step", type=float, default=0.5, help="viewport heights per frame")
    parser.add_argument("--size", default="1280x800", help="window size")
    parser.add_argument("--build", nargs=2, metavar=("ROOT", "N"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build:
        build(Path(args.build[0]), int(args.build[1]))
        return

    small, big = gallery_library(100), gallery_library(args.images)
    with tempfile.TemporaryDirectory() as tmp:
        run(args, Path(tmp), small, big)


def run(args: argparse.Namespace, tmp: Path, small: Path, big: Path) -> None:
    from PySide6.QtCore import QCoreApplication, QEvent, QObject
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    app = QApplication(sys.argv[:1])
    width, height = (int(v) for v in args.size.split("x"))

    def settle(ms: float = 300) -> None:
        end = time.perf_counter() + ms / 1000
        while time.perf_counter() < end:
            app.processEvents()
            time.sleep(0.005)

    bare = QMainWindow()
    bare.setCentralWidget(QLabel("bare window"))
    bare.resize(width, height)
    bare.show()
    settle(500)
    base = memory()
    baseline = base["Rss"]
    bare.close()
    print(f"platform {app.platformName()}, window {width}x{height}, "
          f"bare window RSS {baseline:.1f} MB")  # fmt: skip

    from lemon_desktop.library import Library
    from lemon_desktop.ui.gallery import GalleryPanel
    from lemon_desktop.ui.thumbnail_loader import ThumbnailCache, ThumbnailLoader

    print(f"importing the library, thumbnails and gallery modules: "
          f"+{rss_mb() - baseline:.1f} MB")  # fmt: skip

    def destroy(window: QMainWindow) -> None:
        window.deleteLater()
        # Outside app.exec() processEvents() never runs deferred deletes: without this
        # every closed window (its X backing store, panel, model, rows and pixmaps)
        # stayed alive and counted as the next screen's memory.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    class PaintClock(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.paints: list[float] = []

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                self.paints.append(time.perf_counter())
            return False

    def first_screen(
        root: Path, cache: Path
    ) -> tuple[float, QMainWindow, GalleryPanel, Library, ThumbnailLoader, PaintClock]:
        t0 = time.perf_counter()
        lib = Library.open(root)
        loader = ThumbnailLoader(ThumbnailCache(cache))
        window = QMainWindow()
        panel = GalleryPanel(lib, loader)
        window.setCentralWidget(panel)
        window.resize(width, height)
        clock = PaintClock()
        panel.view.viewport().installEventFilter(clock)
        # The first page is read in a worker: time the first paint after it arrived.
        arrived: list[float] = []
        panel.model.modelReset.connect(lambda: arrived.append(time.perf_counter()))
        window.show()

        def painted_rows() -> float | None:
            if not arrived and panel.model.loading:
                return None
            since = arrived[0] if arrived else t0
            return next((t for t in clock.paints if t >= since), None)

        while (painted := painted_rows()) is None:
            app.processEvents()
        return painted - t0, window, panel, lib, loader, clock

    opens: dict[str, list[float]] = {"100": [], "big": []}
    for _ in range(5):
        for name, root in (("100", small), ("big", big)):
            elapsed, window, panel, lib, loader, _clock = first_screen(root, tmp / f"c-{name}")
            opens[name].append(elapsed * 1000)
            window.close()
            settle(50)
            loader.cancel_pending()
            loader.pool.waitForDone()
            panel.model.close()
            destroy(window)
            settle(50)
            lib.close()
    small_ms, big_ms = statistics.median(opens["100"]), statistics.median(opens["big"])
    print(f"open + first paint, median of 5: 100 images {small_ms:.1f} ms, "
          f"{args.images:,} images {big_ms:.1f} ms (ratio {big_ms / small_ms:.2f})")  # fmt: skip

    elapsed, window, panel, lib, loader, clock = first_screen(big, tmp / "cache")
    settle(1000)  # first screen's thumbnails
    # What the app does once its window has started (lemon_desktop/app.py): the heap
    # settled, and Python's collector run on the GUI thread by a timer.
    from lemon_desktop.app import settle_heap
    from lemon_desktop.ui import collector

    collector.install()
    settle_heap()
    first_rss = rss_mb()
    view, model = panel.view, panel.model
    bar = view.verticalScrollBar()
    step = max(1, round(view.viewport().height() * args.step))
    frames: list[float] = []
    fetches = 0
    rows_before = model.rowCount()
    clock.paints.clear()  # only paints during the scroll count
    started = time.perf_counter()
    while True:
        t0 = time.perf_counter()
        at_end = bar.value() >= bar.maximum()
        if at_end and not model.canFetchMore(view.rootIndex()):
            break
        bar.setValue(min(bar.value() + step, bar.maximum()))
        app.processEvents()
        frames.append((time.perf_counter() - t0) * 1000)
        if model.rowCount() != rows_before:
            fetches += 1
            rows_before = model.rowCount()
    total = time.perf_counter() - started
    settle(500)
    end = memory()
    end_rss = end["Rss"]
    paints = clock.paints
    gaps = [(b - a) * 1000 for a, b in itertools.pairwise(paints)]

    print(f"scrolled {model.rowCount():,} rows in {len(frames):,} frames ({total:.1f} s), "
          f"{fetches} row-count changes (fetchMore), step {step} px, "
          f"{len(paints):,} viewport paints")  # fmt: skip
    print(f"frame time ms: p50 {percentile(frames, 50):.2f}  p95 {percentile(frames, 95):.2f}  "
          f"p99 {percentile(frames, 99):.2f}  max (longest stall) {max(frames):.2f}  "
          f"(goal p99 < 16)")  # fmt: skip
    if gaps:
        print(f"time between paints ms: p50 {percentile(gaps, 50):.2f}  "
              f"p99 {percentile(gaps, 99):.2f}  max {max(gaps):.2f}")  # fmt: skip
    print(f"thumbnails in memory: {len(model.pixmap_cache)} "
          f"({model.pixmap_cache.used_bytes / 2**20:.1f} MB)")  # fmt: skip
    pages = getattr(model, "pages_in_memory", None)
    if pages is not None:  # the windowed model holds a bounded number of row pages
        print(f"row pages in memory: {pages} ({pages * 200:,} rows at most)")
    # Requests scrolled past must not pile up (they once held over 100 MB).
    gc.collect()
    tickets = sum(1 for o in gc.get_objects() if type(o).__name__ == "_Ticket")
    print(f"thumbnail requests alive after scrolling: {tickets:,} "
          f"({loader.pending_count():,} not delivered)")  # fmt: skip
    print(f"RSS: bare window {baseline:.1f} MB, first screen {first_rss:.1f} MB "
          f"(+{first_rss - baseline:.1f}), after scrolling {end_rss:.1f} MB "
          f"(+{end_rss - baseline:.1f}; goal <= +150)")  # fmt: skip
    anon = end["Anonymous"] - base["Anonymous"]
    print(f"  of which anonymous (heaps, Python, pixmaps) +{anon:.1f}, "
          f"file-backed and shared +{end_rss - baseline - anon:.1f}; "
          f"malloc_trim(0) would return {trimmed_mb():.1f} MB")  # fmt: skip
    window.close()
    loader.cancel_pending()
    loader.pool.waitForDone()
    panel.model.close()
    lib.close()


if __name__ == "__main__":
    main()

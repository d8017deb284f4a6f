"""GUI start-up: Lemon Desktop on a small and a large library against a bare PySide6 window.

Each round starts fresh processes, alternating: the app on a 1,000-image library,
the app on the large one (its real start-up path: QApplication, qasync loop,
settings, env key, window, library opened off the GUI thread, gallery's first
page) and a bare QMainWindow. Each reports, relative to the moment the parent
started it, when its window was first painted, and its resident memory then. The
app also reports when the gallery's grid first painted rows, when it first painted
every row in view with its thumbnail (from the thumbnail cache a first launch
filled, as on any later launch), both taken when that paint is done, and when
window.start() returned (the panels, the stage and the gateway's answer, here a
closed port, come after the gallery's first page). Medians. Goals: app first
paint / bare first paint <= 1.5; gallery page with thumbnails, large / small
library <= 1.5, and / bare first paint <= 2.5.

    xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python bench/gui_startup.py \
        [--images 100000] [--rounds 9]

The app is launched from cached bytecode, as an installed app is: the warm-up launch
writes it even where PYTHONDONTWRITEBYTECODE is set.

The libraries are kept in the bench cache (bench/library_scale.py: building a
million-image one takes a few minutes once; later runs reuse it).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QEvent, QObject, QTimer

if TYPE_CHECKING:
    from lemon_desktop.ui.gallery.panel import GalleryPanel


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


class PaintWatcher(QObject):
    """Records the first Paint event the watched window receives."""

    def __init__(self, t0: float) -> None:
        super().__init__()
        self.t0 = t0
        self.first_paint: float | None = None
        self.rss: float | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.first_paint is None:
            self.first_paint = time.time() - self.t0
            self.rss = rss_mb()
        return False


def child_bare(t0: float) -> None:
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    watcher = PaintWatcher(t0)
    window.installEventFilter(watcher)
    window.resize(1400, 900)
    window.show()

    def check() -> None:
        if watcher.first_paint is not None:
            app.quit()

    timer = QTimer()
    timer.timeout.connect(check)
    timer.start(1)
    app.exec()
    print(json.dumps({"first_paint": watcher.first_paint, "rss_mb": watcher.rss}))


class StallWatch(QObject):
    """The longest gap between two turns of the event loop while it runs."""

    TICK_MS = 2

    def __init__(self) -> None:
        super().__init__()
        self.longest = 0.0
        self._last: float | None = None
        self._timer = QTimer(self, interval=self.TICK_MS)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self._last = time.perf_counter()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self._tick()

    def _tick(self) -> None:
        now = time.perf_counter()
        if self._last is not None:
            self.longest = max(self.longest, now - self._last - self.TICK_MS / 1000)
        self._last = now


class GalleryPaintWatcher(QObject):
    """Times the grid's paints: the first that shows rows, and the first that shows
    every row in view with its thumbnail. The time is taken once that paint is done (the
    watcher paints the event itself), so it is when the user sees the page."""

    def __init__(self, t0: float, gallery: GalleryPanel) -> None:
        super().__init__()
        self.t0 = t0
        self.gallery = gallery
        self.rows_painted: float | None = None
        self.rss_rows: float | None = None
        self.thumbnails_painted: float | None = None
        self.cells = 0
        self._painting = False
        # From the page on, until the window has started: how long the event loop could
        # not answer (scrolling, repaints) at worst, while the rest of the window came.
        self.stalls = StallWatch()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Paint or self._painting:
            return False
        model = self.gallery.model
        if model.rowCount() == 0:
            return False
        visible = self._visible()
        complete = all(
            (row := model.loaded_row(i)) is not None and model.cached_thumbnail(row) is not None
            for i in visible
        )
        self._painting = True
        try:
            # The paint itself, now, as the scroll area's own filter would hand it on.
            self.gallery.view.viewportEvent(event)
        finally:
            self._painting = False
        now = time.time() - self.t0
        if self.rows_painted is None:
            self.rows_painted, self.rss_rows = now, rss_mb()
        if complete and self.thumbnails_painted is None:
            self.thumbnails_painted, self.cells = now, len(visible)
            self.stalls.start()
        return True

    def _visible(self) -> list[int]:
        view, model = self.gallery.view, self.gallery.model
        shown = view.viewport().rect()
        first = view.indexAt(shown.topLeft())
        start = first.row() if first.isValid() else 0
        found: list[int] = []
        for i in range(start, model.rowCount()):
            if view.visualRect(model.index(i)).intersects(shown):
                found.append(i)
            elif found:
                break  # rows are laid out in order: past the last one in view
        return found


def child_app(t0: float, home: Path) -> None:
    # The same path as run_gui: paint first, then the qasync loop and window.start().
    from lemon_desktop.app import (
        create_window,
        hold_collections,
        make_application,
        qt_event_loop,
        settle_heap,
    )

    hold_collections()
    app = make_application()
    window = create_window(home, "http://127.0.0.1:9")
    watcher = PaintWatcher(t0)
    window.installEventFilter(watcher)
    window.show()
    while watcher.first_paint is None:
        app.processEvents()
    result: dict[str, float | None] = {"first_paint": watcher.first_paint, "rss_mb": watcher.rss}

    watchers: list[GalleryPaintWatcher] = []

    def watch(index: int) -> None:
        # The gallery takes its slot as soon as it is made, before its first paint.
        gallery = cast("GalleryPanel", window.gallery_slot.widget(index))
        if not watchers and hasattr(gallery, "view"):
            watchers.append(GalleryPaintWatcher(t0, gallery))
            gallery.view.viewport().installEventFilter(watchers[0])

    window.gallery_slot.currentChanged.connect(watch)

    async def main() -> None:
        # The gallery shows before start() returns (which also waits for the gateway).
        starting = asyncio.ensure_future(window.start())
        while not watchers or watchers[0].thumbnails_painted is None:
            if starting.done():
                starting.result()
            await asyncio.sleep(0.001)
        grid = watchers[0]
        result["gallery_ready"] = grid.rows_painted
        result["rss_ready_mb"] = grid.rss_rows
        result["thumbnails_painted"] = grid.thumbnails_painted
        result["cells"] = grid.cells
        await starting
        result["started"] = time.time() - t0
        grid.stalls.stop()
        result["longest_stall"] = grid.stalls.longest
        settle_heap()
        grid.gallery.view.viewport().removeEventFilter(grid)
        window.close()
        await window.aclose()

    # As run_gui does: qasync.run would install a process-wide Qt loop policy (< 3.12).
    with asyncio.Runner(loop_factory=qt_event_loop(app)) as runner:
        runner.run(main())
    print(json.dumps(result))


def make_home(folder: Path, images: int) -> Path:
    """A home folder whose library is the cached bench library of `images` images."""
    sys.path.insert(0, str(Path(__file__).parent))
    from gui_scroll import gallery_library  # every row points at a real small PNG

    home = folder / f"home-{images}"
    home.mkdir()
    settings = {"library_path": str(gallery_library(images))}
    (home / "settings.json").write_text(json.dumps(settings), encoding="utf-8")
    return home


def run_child(args: list[str], env: dict[str, str]) -> dict[str, float]:
    t0 = time.time()
    out = subprocess.run(
        [sys.executable, __file__, *args, "--t0", repr(t0)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if out.returncode != 0:
        raise RuntimeError(f"child {args[:2]} failed:\n{out.stderr[-3000:]}")
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--images", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--child", choices=["app", "bare"])
    parser.add_argument("--home", type=Path)
    parser.add_argument("--t0", type=float)
    args = parser.parse_args()
    if args.child == "bare":
        child_bare(args.t0)
        return
    if args.child == "app":
        child_app(args.t0, args.home)
        return
    sizes = (1000, args.images)
    with tempfile.TemporaryDirectory() as tmp:
        homes = {n: make_home(Path(tmp), n) for n in sizes}
        runs: dict[str, list[dict[str, float]]] = {"bare": [], **{str(n): [] for n in sizes}}
        env = dict(os.environ)
        # Launched as an installed app is: from cached bytecode (pip compiles it at install
        # time, a first launch writes it). Without this every round would compile the
        # app's 300 modules from source, which no user's later launch does.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        # A key from the environment: the app starts on its workspace, not the first-run
        # page, without touching the user's keyring; the gateway is a closed port.
        env["LEMONDATA_API_KEY"] = "sk-bench"
        # Warm the page cache, fill the thumbnail cache and write the bytecode cache.
        for home in homes.values():
            app_env = {**env, "LEMON_DESKTOP_HOME": str(home)}
            run_child(["--child", "app", "--home", str(home)], app_env)
        for _ in range(args.rounds):
            for n, home in homes.items():
                app_env = {**env, "LEMON_DESKTOP_HOME": str(home)}
                runs[str(n)].append(run_child(["--child", "app", "--home", str(home)], app_env))
            runs["bare"].append(run_child(["--child", "bare"], env))

    def med(name: str, key: str) -> float:
        return statistics.median(r[key] for r in runs[name])

    small, big = (str(n) for n in sizes)
    bare_paint = med("bare", "first_paint")
    print(f"\nmedians of {args.rounds} alternating rounds")
    print(f"{'':46}{'seconds':>10}{'RSS MB':>10}")
    print(f"{'bare PySide6 window, first paint':46}{bare_paint:10.3f}{med('bare', 'rss_mb'):10.1f}")
    for name in (small, big):
        label = f"Lemon Desktop, {int(name):,} images"
        print(
            f"{label + ', first paint':46}{med(name, 'first_paint'):10.3f}"
            f"{med(name, 'rss_mb'):10.1f}"
        )
        print(
            f"{label + ', gallery rows':46}{med(name, 'gallery_ready'):10.3f}"
            f"{med(name, 'rss_ready_mb'):10.1f}"
        )
        print(f"{label + ', with thumbnails':46}{med(name, 'thumbnails_painted'):10.3f}")
        print(f"{label + ', whole window started':46}{med(name, 'started'):10.3f}")
        print(f"{'  longest stall from the page to then':46}{med(name, 'longest_stall'):10.3f}")
    print(f"(thumbnails in view: {int(med(big, 'cells'))})")
    app_paint = med(big, "first_paint")
    page_small, page_big = med(small, "thumbnails_painted"), med(big, "thumbnails_painted")
    print(f"\nfirst paint, app / bare: {app_paint / bare_paint:.2f}  (goal <= 1.5)")
    print(
        f"gallery with thumbnails, {int(big):,} / {int(small):,} images: "
        f"{page_big / page_small:.2f}  (goal <= 1.5)"
    )
    print(
        f"gallery with thumbnails at {int(big):,} images / bare first paint: "
        f"{page_big / bare_paint:.2f}  (goal <= 2.5)"
    )


if __name__ == "__main__":
    main()

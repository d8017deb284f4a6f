"""GUI start-up: Lemon Desktop with a 100,000-image library against a bare PySide6 window.

Each round starts two fresh processes, alternating: the app (its real start-up path:
QApplication, qasync loop, settings, keyring/env key, window, library opened off the GUI
thread, gallery's first page) and a bare QMainWindow. Each reports, relative to the
moment the parent started it, when its window was first painted, and its resident
memory then. The app also reports when the gallery showed its first page. Medians;
goal: app first paint / bare first paint <= 1.5.

    xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python bench/gui_startup.py \
        [--images 100000] [--rounds 9]
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

from PySide6.QtCore import QEvent, QObject, QTimer


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


def child_app(t0: float, home: Path) -> None:
    # The same path as run_gui: paint first, then the qasync loop and window.start().
    from lemon_desktop.app import create_window, make_application, qt_event_loop

    app = make_application()
    window = create_window(home, "http://127.0.0.1:9")
    watcher = PaintWatcher(t0)
    window.installEventFilter(watcher)
    window.show()
    while watcher.first_paint is None:
        app.processEvents()
    result: dict[str, float | None] = {"first_paint": watcher.first_paint, "rss_mb": watcher.rss}

    async def main() -> None:
        await window.start()
        gallery = window.gallery
        # The first page is on screen once the gallery's model has rows.
        while gallery.model.rowCount() == 0:
            await asyncio.sleep(0.001)
        window.repaint()  # synchronous: paints now without re-entering the event loop
        result["gallery_ready"] = time.time() - t0
        result["rss_ready_mb"] = rss_mb()
        window.close()
        await window.aclose()

    # As run_gui does: qasync.run would install a process-wide Qt loop policy (< 3.12).
    with asyncio.Runner(loop_factory=qt_event_loop(app)) as runner:
        runner.run(main())
    print(json.dumps(result))


def build_library(home: Path, images: int) -> None:
    sys.path.insert(0, str(Path(__file__).parent))
    from library_scale import build  # the same bulk builder as the library benchmark

    seconds = build(home / "library", images)
    print(f"built a {images:,}-image library in {seconds:.1f} s")


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
    return json.loads(out.stdout.strip().splitlines()[-1])


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
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        home.mkdir()
        build_library(home, args.images)
        env = dict(os.environ)
        # A key from the environment: the app starts on its workspace, not the first-run
        # page, without touching the user's keyring; the gateway is a closed port.
        env.update(LEMONDATA_API_KEY="sk-bench", LEMON_DESKTOP_HOME=str(home))
        run_child(["--child", "app", "--home", str(home)], env)  # warm the page cache
        app_runs, bare_runs = [], []
        for _ in range(args.rounds):
            app_runs.append(run_child(["--child", "app", "--home", str(home)], env))
            bare_runs.append(run_child(["--child", "bare"], env))

    def med(runs: list[dict[str, float]], key: str) -> float:
        return statistics.median(r[key] for r in runs)

    app_paint, bare_paint = med(app_runs, "first_paint"), med(bare_runs, "first_paint")
    print(f"\nmedians of {args.rounds} alternating rounds ({args.images:,} images)")
    print(f"{'':40}{'seconds':>10}{'RSS MB':>10}")
    print(
        f"{'bare PySide6 window, first paint':40}{bare_paint:10.3f}{med(bare_runs, 'rss_mb'):10.1f}"
    )
    print(f"{'Lemon Desktop, first paint':40}{app_paint:10.3f}{med(app_runs, 'rss_mb'):10.1f}")
    print(
        f"{'Lemon Desktop, gallery first page':40}{med(app_runs, 'gallery_ready'):10.3f}"
        f"{med(app_runs, 'rss_ready_mb'):10.1f}"
    )
    print(f"\nfirst paint, app / bare: {app_paint / bare_paint:.2f}  (goal <= 1.5)")


if __name__ == "__main__":
    main()

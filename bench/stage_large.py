"""The stage showing a 4096x4096 result: the longest event-loop stall, and the paint time.

A 2 ms Qt timer runs on the GUI thread while the stage is asked to show a 4096x4096 PNG
from the library (facts read, decode and halvings in a worker, then painted fitted) and
until the decoded picture has been painted, then while it is zoomed to 100 % and back;
the longest gap between two of the timer's ticks is the longest stall a user would
feel. For comparison the same picture is shown the way the viewer did before the stage
(decoded in a worker, made a QPixmap on the GUI thread, drawn whole and scaled at every
paint). Goal: no stall over 50 ms.

    xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python bench/stage_large.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import io
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

from PIL import Image
from PySide6.QtCore import QElapsedTimer, QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QApplication

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lemon_desktop.library import Library
from lemon_desktop.ui.gallery.canvas import ImageCanvas
from lemon_desktop.ui.gallery.viewer import decode
from lemon_desktop.ui.image_actions import ImageActions
from lemon_desktop.ui.mark_history import MarkHistory
from lemon_desktop.ui.stage.panel import StagePanel
from lemon_desktop.ui.tasks import run_in_thread

SIDE = 4096


def photo_png(side: int) -> bytes:
    """A photo-like picture (gradients and noise), so the PNG decodes as slowly as one."""
    rng = random.Random(4096)
    base = Image.linear_gradient("L").resize((side, side)).convert("RGB")
    noise = Image.effect_noise((side, side), 40).convert("RGB")
    tint = Image.new("RGB", (side, side), (rng.randrange(256), 120, 60))
    picture = Image.blend(Image.blend(base, noise, 0.35), tint, 0.3)
    out = io.BytesIO()
    picture.save(out, "PNG", compress_level=1)
    return out.getvalue()


class StallMeter:
    """The longest gap between ticks of a 2 ms timer on the GUI thread."""

    def __init__(self) -> None:
        self.clock = QElapsedTimer()
        self.timer = QTimer(interval=2, timerType=Qt.TimerType.PreciseTimer)
        self.timer.timeout.connect(self._tick)
        self.longest = 0.0
        self._last = 0

    def start(self) -> None:
        self.longest = 0.0
        self.clock.start()
        self._last = 0
        self.timer.start()

    def _tick(self) -> None:
        now = self.clock.elapsed()
        self.longest = max(self.longest, float(now - self._last))
        self._last = now

    def stop(self) -> float:
        self.timer.stop()
        self._tick()
        return self.longest


def run_until(done: Callable[[], bool], timeout_s: float = 30.0) -> None:
    loop = QEventLoop()
    deadline = time.monotonic() + timeout_s

    def check() -> None:
        if done() or time.monotonic() > deadline:
            loop.quit()

    poll = QTimer(interval=5)
    poll.timeout.connect(check)
    poll.start()
    loop.exec()
    poll.stop()


def settle(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def stage_round(stage: StagePanel, image_id: int, meter: StallMeter) -> tuple[float, float]:
    """(longest stall while showing it, longest stall while zooming it)."""
    stage.canvas.clear()
    settle(100)
    meter.start()
    stage.show_image(image_id)
    run_until(lambda: stage.canvas.is_full)
    stage.canvas.repaint()
    settle(100)
    showing = meter.stop()
    meter.start()
    stage.canvas.actual_size()
    stage.canvas.repaint()
    stage.canvas.zoom_out()
    stage.canvas.repaint()
    stage.canvas.fit()
    stage.canvas.repaint()
    settle(50)
    return showing, meter.stop()


def old_viewer_round(canvas: ImageCanvas, path: Path, meter: StallMeter) -> tuple[float, float]:
    canvas.clear()
    settle(100)
    meter.start()
    arrived: list[bool] = []

    def done(image: object) -> None:
        canvas.set_image(image)  # type: ignore[arg-type]  # QPixmap made on the GUI thread
        arrived.append(True)

    run_in_thread(lambda: decode(path), done, None)
    run_until(lambda: bool(arrived))
    canvas.repaint()
    settle(100)
    showing = meter.stop()
    meter.start()
    canvas.actual_size()
    canvas.repaint()
    canvas.zoom_out()
    canvas.repaint()
    canvas.fit()
    canvas.repaint()
    settle(50)
    return showing, meter.stop()


def paint_ms(widget: object, repaint: Callable[[], None], rounds: int = 10) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        repaint()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _not_in_the_bench() -> NoReturn:
    raise RuntimeError("the bench shows images; it makes no jobs")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--side", type=int, default=SIDE)
    args = parser.parse_args()
    app = QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        library = Library.open(root / "library")
        data = photo_png(args.side)
        record = library.add_bytes(data)
        marks = MarkHistory()
        actions = ImageActions(
            lambda: library,
            _not_in_the_bench,
            _not_in_the_bench,
            marks,
        )
        stage = StagePanel(library, None, actions, root)
        stage.resize(1280, 800)
        stage.show()
        old = ImageCanvas()
        old.resize(1280, 760)
        old.show()
        settle(300)
        meter = StallMeter()
        # Warm up as the app would be by then: a small image shown first (imports, the
        # jobs tables, the first paint), so the rounds measure the large picture alone.
        small = library.add_bytes(photo_png(256))
        stage.show_image(small.id)
        run_until(lambda: stage.canvas.is_full)
        stage_runs = [stage_round(stage, record.id, meter) for _ in range(args.rounds)]
        old_runs = [old_viewer_round(old, record.path, meter) for _ in range(args.rounds)]
        stage.canvas.fit()
        stage_paint = paint_ms(stage.canvas, stage.canvas.repaint)
        old.fit()
        old_paint = paint_ms(old, old.repaint)
        print(
            f"{args.side}x{args.side} PNG ({len(data) / 1e6:.1f} MB), rounds {args.rounds}, "
            f"cpu count {os.cpu_count()}, platform {app.platformName()}; milliseconds"
        )
        rows = (
            ("stage: longest stall while showing", [r[0] for r in stage_runs]),
            ("stage: longest stall while zooming", [r[1] for r in stage_runs]),
            ("old viewer: longest stall showing", [r[0] for r in old_runs]),
            ("old viewer: longest stall zooming", [r[1] for r in old_runs]),
        )
        for label, values in rows:
            print(f"{label:<38} median {statistics.median(values):7.1f}   worst {max(values):7.1f}")
        print(f"{'stage: one paint, fitted':<38} median {stage_paint:7.1f}")
        print(f"{'old viewer: one paint, fitted':<38} median {old_paint:7.1f}")
        worst = max(max(r) for r in stage_runs)
        print(f"goal: no stall over 50 ms: {'met' if worst <= 50 else 'NOT met'} ({worst:.1f})")
        stage.close()
        old.close()
        from PySide6.QtCore import QThreadPool

        QThreadPool.globalInstance().waitForDone(10_000)
        library.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

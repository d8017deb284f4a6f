"""Screenshots of Lemon Desktop against an embedded sandbox gateway, in a throw-away home.

    xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python scripts/screenshots.py --out shots

For every window size (--size, by default the smallest supported, 1024x700, and
1920x1080) and theme (--theme, by default light and dark) it saves into
shots/<size>-<theme>/: 01-first-run, 02-generating (the stage following a job with a
streamed preview, the queue with running jobs), 03-gallery (200+ images), 04-viewer,
05-settings, 06-compare, 07-other-theme (the window switched at run time),
08-import (File → Import folder…), 09-imported (the gallery and status bar after it).

With --docs it saves the README's pictures instead, at 1920x1080: stage.png (a masked
edit's composite under the before/after wipe, with its details) and mask.png (the mask
painter over the stage, in the dark theme):

    xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python scripts/screenshots.py \
        --docs --out docs
"""

from __future__ import annotations

import argparse
import asyncio
import io
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageDraw
from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QWidget

from lemon_desktop.api.profiles import make_request
from lemon_desktop.app import create_window, make_application, qt_event_loop
from lemon_desktop.jobs import JobState
from lemon_desktop.library import Library
from lemon_desktop.library.metadata import Provenance
from lemon_desktop.sandbox import SandboxServer
from lemon_desktop.settings import Settings, save_settings
from lemon_desktop.ui.excepthook import install_excepthook
from lemon_desktop.ui.main_window import MainWindow

WORDS = ["lemon", "castle", "portrait", "sunset", "forest", "robot", "harbour", "fox", "neon"]
MODELS = ["gpt-image-2", "flux-pro", "nano-banana-pro", "dall-e-3", "midjourney"]
SIZES = [(512, 512), (640, 384), (384, 640), (576, 432)]


def picture(rng: random.Random) -> tuple[bytes, tuple[int, int]]:
    width, height = rng.choice(SIZES)
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    a = [rng.randrange(256) for _ in range(3)]
    b = [rng.randrange(256) for _ in range(3)]
    for y in range(height):
        t = y / height
        draw.line(
            [(0, y), (width, y)], fill=tuple(int(a[i] * (1 - t) + b[i] * t) for i in range(3))
        )
    for _ in range(4):
        x, y, r = rng.randrange(width), rng.randrange(height), rng.randrange(20, 120)
        draw.ellipse([x - r, y - r, x + r, y + r], fill=tuple(rng.randrange(256) for _ in range(3)))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue(), (width, height)


def fill_library(library: Library, count: int) -> None:
    rng = random.Random(7)
    for number in range(count):
        data, (w, h) = picture(rng)
        prompt = " ".join(rng.choice(WORDS) for _ in range(6))
        library.add_bytes(
            data,
            Provenance(
                prompt=f"{prompt} #{number}",
                model=rng.choice(MODELS),
                params={"size": f"{w}x{h}"},
                cost_usd="0.04",
            ),
        )


async def until(predicate: Callable[[], object], timeout: float = 60, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out waiting for {what}")
        await asyncio.sleep(0.05)


async def settle(seconds: float = 0.4) -> None:
    # Let layouts, thumbnails and repaints finish before grabbing; the loop keeps
    # running Qt's events meanwhile (processEvents() here would re-enter the loop).
    await asyncio.sleep(seconds)


def save(widget: QWidget, out: Path, name: str) -> None:
    path = out / f"{name}.png"
    widget.grab().save(str(path))
    print(f"saved {path}")


async def shoot(
    out: Path, sandbox: SandboxServer, size: tuple[int, int], theme: str, docs: bool = False
) -> None:
    home = Path(tempfile.mkdtemp(prefix="lemon-shots-"))
    # A keyring entry nobody has used, and no key in the environment: a true first run.
    os.environ["LEMON_DESKTOP_KEYRING_SERVICE"] = f"lemon-desktop-shots-{uuid.uuid4().hex}"
    save_settings(home, Settings(theme=theme))  # type: ignore[arg-type]
    window = create_window(home, sandbox.base_url)
    window.resize(*size)
    window.show()
    try:
        if docs:
            await run_docs(window, out, sandbox)
        else:
            await run(window, out, sandbox, "dark" if theme == "light" else "light")
    finally:
        window.close()
        await window.aclose()
        shutil.rmtree(home, ignore_errors=True)


async def run(window: MainWindow, out: Path, sandbox: SandboxServer, other_theme: str) -> None:
    await window.start()
    await settle()
    save(window, out, "01-first-run")

    library = window.services.library
    assert library is not None
    await asyncio.to_thread(fill_library, library, 200)
    await window.services.connect(
        sandbox.base_url, sandbox.api_key, source="sandbox", sandbox=sandbox
    )
    await until(lambda: window.catalog.source == "gateway", what="model list")
    queue = window.services.queue
    assert queue is not None
    # The stage shows the newest image until the job's first preview replaces it.
    window.open_image(library.search("", limit=1)[0].id)
    await settle(1.0)
    window.generate.select_model("gpt-image-2", {"partial_images": 3, "quality": "high"})
    window.generate.prompt.set_text(
        "A glass lemon on a marble table, morning light, shallow depth of field"
    )
    prompt = window.generate.prompt.text()
    # As the Generate button does: the stage follows this job.
    window.jobs.generate(
        make_request("gpt-image-2", prompt, {"partial_images": 3, "quality": "high"})
    )
    await until(lambda: queue.jobs(), what="the first job")
    for model, values in (("flux-pro", {}), ("midjourney", {"aspect_ratio": "16:9"})):
        await queue.submit(make_request(model, prompt, values))
    await queue.submit(make_request("dall-e-2", "a lemon icon", {}))

    def has_preview() -> bool:
        model = window.queue_panel.model
        jobs = [model.job(r) for r in range(model.rowCount())]
        return any(j and j.model == "gpt-image-2" and model.has_picture(j.id) for j in jobs)

    await until(has_preview, what="a streamed preview")
    await settle(0.8)
    save(window, out, "02-generating")

    await until(lambda: all(j.state.finished for j in queue.jobs()), timeout=120, what="jobs")
    await settle(1.5)
    save(window, out, "03-gallery")

    done = [j for j in queue.jobs() if j.state is JobState.DONE and j.image_ids]
    window.open_image(done[0].image_ids[-1])
    await settle(1.0)
    # The viewer is the stage's full-screen mode: the image alone, with its details.
    assert window.stage is not None
    window.open_full_screen(window.stage.current_id or done[0].image_ids[-1])
    await settle(1.0)
    assert window.viewer is not None
    save(window.viewer, out, "04-viewer")
    window.viewer.close()

    window.open_settings()
    await settle()
    assert window.settings_dialog is not None
    save(window.settings_dialog, out, "05-settings")
    window.settings_dialog.reject()

    window.generate.compare.setChecked(True)
    window.generate.picker.set_checked(["gpt-image-2", "nano-banana-pro", "flux-schnell"])
    window.generate.prompt.set_text("A lemon-shaped lighthouse at dusk")
    await until(window.generate.generate.isEnabled, what="compare ready")
    window.generate.submit()
    await until(lambda: window.jobs.compare_views, what="compare window")
    view = window.jobs.compare_views[0]
    await until(lambda: all(view.shown_images().values()), timeout=60, what="compare results")
    await settle()
    save(view, out, "06-compare")
    view.close()
    window.generate.compare.setChecked(False)

    from lemon_desktop.ui.theme import apply_theme

    apply_theme(other_theme)
    await settle(1.0)
    save(window, out, "07-other-theme")

    photos = Path(tempfile.mkdtemp(prefix="lemon-shots-photos-"))
    rng = random.Random(11)
    for i in range(40):
        (photos / f"render-{i:03d}.png").write_bytes(picture(rng)[0])
    window.import_folder()
    dialog = window.import_dialog
    assert dialog is not None
    dialog.folder.setText(str(photos))
    dialog.in_place.setChecked(True)
    await settle()
    save(dialog, out, "08-import")
    dialog.start.click()
    await until(lambda: not window.imports, what="the folder import")
    await settle(1.5)
    save(window, out, "09-imported")
    shutil.rmtree(photos, ignore_errors=True)


async def run_docs(window: MainWindow, out: Path, sandbox: SandboxServer) -> None:
    """The README's stage.png and mask.png (see the module docstring)."""
    from lemon_desktop.ui.theme import apply_theme

    await window.start()
    library = window.services.library
    assert library is not None
    await asyncio.to_thread(fill_library, library, 3)
    await window.services.connect(
        sandbox.base_url, sandbox.api_key, source="sandbox", sandbox=sandbox
    )
    await until(lambda: window.catalog.source == "gateway", what="model list")
    stage, panel = window.stage, window.generate
    assert stage is not None
    panel.select_model("gpt-image-2", {"size": "1536x1024", "quality": "high"})
    panel.prompt.set_text("A glass lemon on a marble table, morning light")
    await until(panel.generate.isEnabled, what="Generate")
    panel.submit()
    await until(lambda: stage.following is not None, what="the job on the stage")

    def shown_result() -> bool:
        facts = stage.facts
        return bool(
            facts and facts.job and facts.job.id == stage.following and stage.canvas.is_full
        )

    await until(shown_result, what="the result on the stage")
    source = stage.current_id
    assert source is not None
    apply_theme("dark")
    window.image_actions.edit(source)
    await until(lambda: stage.painter.active and stage.canvas.is_full, what="the mask painter")
    # A lasso's area, filled as the painter's lasso fills it: mouse input synthesized
    # outside a test run left the window unable to close.
    document = stage.painter.document
    assert document is not None
    corners = [(560, 300), (1020, 260), (1130, 640), (900, 900), (620, 820), (520, 560)]
    document.checkpoint()
    document.fill_polygon([QPointF(x, y) for x, y in corners])
    stage.mask_bar.tools["brush"].trigger()
    stage.canvas.update()
    await settle(1.0)
    save(window, out, "mask")

    apply_theme("light")
    stage.mask_bar.use.trigger()
    await until(
        lambda: panel.edit_source is not None and panel.edit_source.mask is not None,
        what="the mask handed to the panel",
    )
    panel.prompt.set_text("a glass lemon, glowing, studio light")
    await until(panel.generate.isEnabled, what="Generate the edit")
    panel.submit()

    def composite_shown() -> bool:
        facts = stage.facts
        outcome = facts.outcome if facts is not None else None
        return bool(outcome and stage.current_id == outcome.composite_id and stage.canvas.is_full)

    await until(composite_shown, timeout=60, what="the composite on the stage")
    stage.bar.details.setChecked(True)
    stage.wipe_bar.wipe.trigger()
    await until(lambda: stage.wipe.active and stage.wipe.before, what="the before/after wipe")
    await settle(1.5)
    save(window, out, "stage")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("screenshots"))
    parser.add_argument(
        "--size", action="append", type=window_size, help="WIDTHxHEIGHT (repeatable)"
    )
    parser.add_argument("--theme", action="append", choices=("light", "dark"))
    parser.add_argument("--docs", action="store_true", help="the README's pictures")
    args = parser.parse_args()
    out: Path = args.out.absolute()
    if args.docs:
        args.size, args.theme = [(1920, 1080)], ["light"]
    sizes: list[tuple[int, int]] = args.size or [(1024, 700), (1920, 1080)]
    themes: list[str] = args.theme or ["light", "dark"]
    if len(sizes) * len(themes) > 1:
        # Each set in a process of its own, as the app runs: a fresh application, home
        # and theme every time.
        failed = 0
        for width, height in sizes:
            for theme in themes:
                one = [f"--size={width}x{height}", f"--theme={theme}", f"--out={out}"]
                failed |= subprocess.run([sys.executable, __file__, *one]).returncode
        return failed
    (width, height), theme = sizes[0], themes[0]
    folder = out if args.docs else out / f"{width}x{height}-{theme}"
    folder.mkdir(parents=True, exist_ok=True)
    os.environ.pop("LEMONDATA_API_KEY", None)
    crashes = Path(tempfile.mkdtemp(prefix="lemon-shots-crash-"))
    install_excepthook(crashes)
    app = make_application()
    sandbox = SandboxServer(task_seconds=8.0)
    # Slow streamed partials down so the screenshot catches one mid-render.
    sandbox._state.stream_gap = 1.5
    sandbox.start()
    try:
        # As run_gui does: not qasync.run, whose Qt loop policy (before Python 3.12) would
        # hand the sandbox's own thread a Qt loop.
        with asyncio.Runner(loop_factory=qt_event_loop(app)) as runner:
            runner.run(shoot(folder, sandbox, (width, height), theme, args.docs))
    finally:
        sandbox.stop()
        shutil.rmtree(crashes, ignore_errors=True)
    return 0


def window_size(text: str) -> tuple[int, int]:
    width, _, height = text.lower().partition("x")
    try:
        return int(width), int(height)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not WIDTHxHEIGHT") from None


if __name__ == "__main__":
    sys.exit(main())

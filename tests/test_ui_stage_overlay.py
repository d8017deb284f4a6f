"""The running job's plate over the stage hides neither caption the sandbox writes on
its pictures (the model top left, the prompt bottom left), at 1024x700 and 1920x1080,
for square, wide and tall results; the plate is whole and inside the stage."""

from __future__ import annotations

import pytest
from PIL import ImageFont
from PySide6.QtCore import QRectF, Qt
from PySide6.QtTest import QTest

from lemon_desktop.sandbox import SandboxServer
from lemon_desktop.ui.main_window import MainWindow
from lemon_desktop.ui.stage.stage_view import StageCanvas
from tests.ui_helpers import Loop, connect, until

pytest_plugins = ["tests.ui_fixtures"]
pytestmark = pytest.mark.gui

PROMPT = "a lemon grove in the rain"


def captions(canvas: StageCanvas, model: str, width: int, height: int) -> list[QRectF]:
    """Where the sandbox's two captions land on the canvas (sandbox/drawing.py's
    _caption: a font of min(w, h) / 40 pixels, half of that as the margin)."""
    size = max(10, min(width, height) // 40)
    font = ImageFont.load_default(size=size)
    margin = size // 2
    target = canvas.image_rect()
    scale = target.width() / width
    found = []
    label = f"{model} #1 {width}x{height}"
    for text, (x, y) in ((label, (margin, margin)), (PROMPT, (margin, height - margin - size))):
        x0, y0, x1, y1 = font.getbbox(text, stroke_width=1)
        found.append(
            QRectF(
                target.left() + (x + x0) * scale,
                target.top() + (y + y0) * scale,
                (x1 - x0) * scale,
                (y1 - y0) * scale,
            )
        )
    return found


@pytest.mark.parametrize("window_size", [(1024, 700), (1920, 1080)])
def test_the_job_plate_leaves_the_captions_readable(
    window: MainWindow, qloop: Loop, sandbox: SandboxServer, window_size: tuple[int, int]
) -> None:
    async def scenario() -> None:
        window.resize(*window_size)
        await connect(window, sandbox)
        await until(lambda: window.stage is not None, message="the stage")
        stage = window.stage
        assert stage is not None
        panel = window.generate
        previous: str | None = None
        for picture in ("1024x1024", "1536x1024", "1024x1536"):
            width, height = (int(side) for side in picture.split("x"))
            panel.select_model("gpt-image-2", {"size": picture})
            panel.prompt.set_text(PROMPT)
            await until(panel.generate.isEnabled, message=f"Generate: {panel.reason.text()}")
            QTest.mouseClick(panel.generate, Qt.MouseButton.LeftButton)
            await until(
                lambda before=previous: stage.following not in (None, before),
                message="the stage follows",
            )
            job_id = previous = stage.following

            def result_shown(job_id: str | None = job_id, width: int = width) -> bool:
                facts = stage.facts
                return (
                    facts is not None
                    and facts.job is not None
                    and facts.job.id == job_id
                    and stage.canvas.is_full
                    and stage.canvas.image_size.width() == width
                    and "Done" in stage.overlay.text()
                )

            await until(result_shown, timeout=30, message="the result under its plate")
            overlay, canvas = stage.overlay, stage.canvas
            assert overlay.isVisible()
            plate = QRectF(overlay.geometry())
            where = f"{picture} at {window_size}: plate {plate}, picture {canvas.image_rect()}"
            assert QRectF(canvas.rect()).contains(plate), where
            assert overlay.width() >= overlay.sizeHint().width(), where  # whole text
            for caption in captions(canvas, "gpt-image-2", width, height):
                assert not plate.intersects(caption), f"{where} covers the caption {caption}"

    qloop.run(scenario(), timeout=120)

"""A comparison from the window: typed requests, recorded with the estimates shown."""

from __future__ import annotations

import asyncio
import os
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from lemon_desktop.api.request import ImageRequest
from lemon_desktop.money import format_usd
from lemon_desktop.sandbox import SandboxServer
from lemon_desktop.ui.main_window import MainWindow
from tests.ui_helpers import Loop, connect, until

pytest_plugins = ["tests.ui_fixtures"]
pytestmark = pytest.mark.gui

MODELS = ["dall-e-2", "flux-schnell", "nano-banana"]
SHOTS = os.environ.get("LEMON_COMPARE_SHOTS")  # a folder: save what the tests looked at


def test_a_comparison_is_recorded_with_the_estimates_the_panel_showed(
    window: MainWindow, qloop: Loop, sandbox: SandboxServer
) -> None:
    async def scenario() -> None:
        await connect(window, sandbox)
        panel = window.generate
        panel.select_model("dall-e-2")
        panel.prompt.set_text("one lemon, three prices")
        panel.compare.setChecked(True)
        panel.picker.set_checked(MODELS)
        await until(panel.generate.isEnabled, message=panel.reason.text())
        await until(lambda: panel.cost.text().startswith("≈"), message="the estimate shown")
        sent: list[tuple[list[ImageRequest], list[Decimal | None]]] = []
        panel.compare_requested.connect(lambda requests, shown: sent.append((requests, shown)))
        QTest.mouseClick(panel.generate, Qt.MouseButton.LeftButton)

        [(requests, estimates)] = sent
        assert all(isinstance(r, ImageRequest) for r in requests)
        assert sorted(r.model for r in requests) == sorted(MODELS)
        assert {r.prompt for r in requests} == {"one lemon, three prices"}
        known = [e for e in estimates if e is not None]
        assert len(known) == len(MODELS)
        # What the panel added up is what it shows, and what each job is recorded with.
        assert panel.cost.text() == f"≈ {format_usd(sum(known, Decimal(0)))}"
        queue = window.services.queue
        assert queue is not None
        await until(lambda: len(queue.jobs()) == len(MODELS), message="the batch recorded")
        recorded = {job.request: job.estimate_usd for job in queue.jobs()}
        assert recorded == dict(zip(requests, estimates, strict=True))
        assert len({job.batch_id for job in queue.jobs()}) == 1

    qloop.run(scenario())


def test_the_compare_button_counts_models_in_words_that_read_right(
    window: MainWindow, qloop: Loop, sandbox: SandboxServer
) -> None:
    async def scenario() -> None:
        await connect(window, sandbox)
        panel = window.generate
        panel.select_model("dall-e-2")
        panel.prompt.set_text("how many models")
        panel.compare.setChecked(True)
        panel.picker.set_checked(["dall-e-2"])
        await until(lambda: panel.generate.text() == "Compare 1 model", message="one model")
        assert not panel.generate.isEnabled()  # comparing needs two
        panel.picker.set_checked(["dall-e-2", "flux-schnell"])
        await until(lambda: panel.generate.text() == "Compare 2 models", message="two models")

    qloop.run(scenario())


def test_a_failed_model_says_why_on_the_board_and_the_others_still_show(
    window: MainWindow, qloop: Loop, sandbox: SandboxServer
) -> None:
    sandbox.set_faults("taskfail*1")  # the next task-based job (flux) fails

    async def scenario() -> None:
        await connect(window, sandbox)
        panel = window.generate
        panel.select_model("dall-e-2")
        panel.prompt.set_text("one fails, one draws")
        panel.compare.setChecked(True)
        panel.picker.set_checked(["dall-e-2", "flux-pro"])
        await until(panel.generate.isEnabled, message=panel.reason.text())
        QTest.mouseClick(panel.generate, Qt.MouseButton.LeftButton)
        await until(lambda: window.jobs.compare_views, message="the board")
        board = window.jobs.compare_views[0]
        flux = board.lanes["flux-pro"]
        await until(
            lambda: flux.state.text().startswith("Failed"), timeout=30, message=flux.state.text()
        )
        await until(lambda: board.shown_images()["dall-e-2"] is not None, timeout=30)
        [empty] = flux.cells
        assert empty.image_id is None and empty.picture.placeholder.startswith("Failed: ")
        assert not empty.pick.isEnabled()
        assert "1 of 2 done" in board.summary.text()
        assert "no charge" in flux.cost.text() or "—" in flux.cost.text()
        if SHOTS:
            board.resize(1024, 700)
            await asyncio.sleep(0.3)
            board.grab().save(str(Path(SHOTS) / "failed-1024x700.png"))

    qloop.run(scenario())


def test_side_by_side_models_wrap_into_the_columns_that_give_the_largest_pictures() -> None:
    from lemon_desktop.ui.compare.layout import Room, fit_grid, fit_side_by_side

    laptop = Room(1000, 600, header=70, below=64)
    four_wide = fit_side_by_side(laptop, 4, 16 / 9)
    assert four_wide.columns == 2  # 2+2 at a larger size than 4 across or 3+1
    assert 2 * four_wide.box_width < 1000
    two_square = fit_side_by_side(laptop, 2, 1.0)
    assert two_square.columns == 2
    many = fit_side_by_side(Room(400, 300, 70, 64), 6, 1.0)
    assert many.columns == 6 and many.box_width == 150  # too little room: one row, scroll
    grid = fit_grid(laptop, 2, 2, 1.0)
    assert 2 * (grid.box_height + 64) < 600  # both models' rows on screen

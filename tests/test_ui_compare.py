"""A comparison from the window: typed requests, recorded with the estimates shown."""

from __future__ import annotations

from decimal import Decimal

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

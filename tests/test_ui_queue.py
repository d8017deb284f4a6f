"""The queue at laptop size, against the sandbox in a real window: buttons reachable
without scrolling, "Clear finished", batches grouped, reasons readable, and a status
bar that follows the job."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QStyleOptionViewItem

from lemon_desktop.api.profiles import make_request
from lemon_desktop.jobs import Job, JobState, JobStore
from lemon_desktop.sandbox import SandboxServer
from lemon_desktop.ui.main_window import MainWindow
from lemon_desktop.ui.queue.model import (
    DETAIL_ROLE,
    GROUP_ROLE,
    REASON_ROLE,
    SHORT_REASON_ROLE,
    QueueModel,
)
from lemon_desktop.ui.queue.view_state import QueueViewState
from tests.ui_helpers import Loop, connect, until

pytest_plugins = ["tests.ui_fixtures"]
pytestmark = pytest.mark.gui

SHOTS = os.environ.get("LEMON_QUEUE_SHOTS")  # a folder: save what the tests looked at


def jobs(window: MainWindow) -> list[Job]:
    return window.queue_panel.model.jobs()


async def job_in(window: MainWindow, states: set[JobState], model: str) -> Job:
    found: list[Job] = []

    def check() -> bool:
        found[:] = [j for j in jobs(window) if j.model == model and j.state in states]
        return bool(found)

    await until(check, timeout=30, message=f"{model} job in {states}")
    return found[0]


async def submit(window: MainWindow, model: str, prompt: str) -> Job:
    queue = window.services.queue
    assert queue is not None
    return await queue.submit(make_request(model, prompt, {}))


def button_rects(window: MainWindow, job_id: str) -> dict[str, QRect]:
    panel = window.queue_panel
    row = panel.model.row_of(job_id)
    assert row is not None
    index = panel.model.index(row, QueueModel.ACTIONS)
    option = QStyleOptionViewItem()
    option.rect = panel.view.visualRect(index)
    option.font = panel.view.font()
    return panel.delegate.action_rects(option, index)


async def at_laptop_size(window: MainWindow, sandbox: SandboxServer) -> None:
    window.resize(1024, 700)
    await connect(window, sandbox)
    await until(lambda: window.width() == 1024, message="the window at 1024 wide")


def test_a_running_jobs_buttons_are_visible_and_clickable_at_1024x700(
    window: MainWindow, qloop: Loop, sandbox: SandboxServer
) -> None:
    sandbox.set_faults("tasknever*1")

    async def scenario() -> None:
        await at_laptop_size(window, sandbox)
        await submit(window, "dall-e-2", "a finished lemon")
        await job_in(window, {JobState.DONE}, "dall-e-2")
        await submit(window, "flux-pro", "a paid lemon that never finishes " * 6)
        running = await job_in(window, {JobState.RUNNING}, "flux-pro")
        view = window.queue_panel.view
        viewport = view.viewport().rect()
        assert not view.horizontalScrollBar().isVisible()
        # Every column the panel shows ends inside the viewport: nothing behind a scroll.
        for column in range(window.queue_panel.model.columnCount()):
            if not view.isColumnHidden(column):
                right = view.columnViewportPosition(column) + view.columnWidth(column)
                assert right <= viewport.width(), column
        for needed in (QueueModel.STATE, QueueModel.ELAPSED, QueueModel.COST):
            assert not view.isColumnHidden(needed)
        rects = button_rects(window, running.id)
        assert set(rects) == {"cancel"}
        assert viewport.contains(rects["cancel"]), (rects, viewport)
        if SHOTS:
            window.grab().save(str(Path(SHOTS) / "running-1024x700.png"))
        QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rects["cancel"].center())
        await job_in(window, {JobState.CANCELLED}, "flux-pro")
        done = next(j for j in jobs(window) if j.model == "dall-e-2")
        assert viewport.contains(button_rects(window, done.id)["open"])

    qloop.run(scenario())


def test_clear_finished_hides_rows_and_keeps_records_and_images(
    window: MainWindow, qloop: Loop, sandbox: SandboxServer, home: Path
) -> None:
    sandbox.set_faults("tasknever*1")

    async def scenario() -> None:
        await at_laptop_size(window, sandbox)
        done = await submit(window, "dall-e-2", "a lemon to clear")
        await job_in(window, {JobState.DONE}, "dall-e-2")
        running = await submit(window, "flux-pro", "a lemon still running")
        await job_in(window, {JobState.RUNNING}, "flux-pro")
        panel = window.queue_panel
        button = panel.clear_finished
        assert button.isVisible() and button.isEnabled()
        assert "Nothing is deleted" in button.toolTip()
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
        assert [j.id for j in jobs(window)] == [running.id]
        assert not button.isEnabled()
        # Only the view forgot it: the record, its images and `jobs check` are untouched.
        library = window.services.library
        assert library is not None
        stored = JobStore(library.database).get(done.id)
        assert stored.state is JobState.DONE and stored.image_ids
        assert all(library.get(i).path.exists() for i in stored.image_ids)
        # The next start (a reload of the connection's jobs) keeps it hidden.
        assert QueueViewState(home).cleared_through() is not None
        await window.jobs.load_recent()  # read in a worker
        assert [j.id for j in jobs(window)] == [running.id]
        # A job that ends after the clear is listed again.
        await window.services.queue.cancel(running.id)  # type: ignore[union-attr]
        await job_in(window, {JobState.CANCELLED}, "flux-pro")
        await window.jobs.load_recent()  # read in a worker
        assert [j.id for j in jobs(window)] == [running.id]

    qloop.run(scenario())


def test_a_batch_of_three_is_one_group(
    window: MainWindow, qloop: Loop, sandbox: SandboxServer
) -> None:
    async def scenario() -> None:
        await at_laptop_size(window, sandbox)
        await submit(window, "dall-e-2", "a lemon on its own")
        queue = window.services.queue
        assert queue is not None
        models = ["dall-e-2", "flux-schnell", "nano-banana"]
        batch = await queue.submit_batch([make_request(m, "three lemons", {}) for m in models])
        await until(
            lambda: all(j.state.finished for j in jobs(window)) and len(jobs(window)) == 4,
            timeout=30,
            message="every job finished",
        )
        model = window.queue_panel.model
        assert model.rowCount() == 5  # the single job, the group row, its three jobs
        header = model.row_of(batch[0].batch_id or "")
        assert header is not None and model.job(header) is None
        group = model.group(header)
        assert group is not None and [j.id for j in group.jobs] == [j.id for j in batch]
        assert model.index(header, 0).data(GROUP_ROLE) == "header"
        assert model.index(header, QueueModel.PROMPT).data() == "three lemons"
        assert model.index(header, QueueModel.PROMPT).data(DETAIL_ROLE).startswith("Batch of 3")
        members = [model.job(header + 1 + i) for i in range(3)]
        assert [j.id for j in members if j] == [j.id for j in batch]
        assert all(model.index(header + 1 + i, 0).data(GROUP_ROLE) == "member" for i in range(3))
        assert model.index(header, QueueModel.STATE).data() == "Done"
        assert "$" in model.index(header, QueueModel.COST).data()
        if SHOTS:
            window.grab().save(str(Path(SHOTS) / "batch-1024x700.png"))

    qloop.run(scenario())


def test_the_failure_reason_is_visible_as_text(
    window: MainWindow, qloop: Loop, sandbox: SandboxServer
) -> None:
    sandbox.set_faults("taskfail*1")

    async def scenario() -> None:
        await at_laptop_size(window, sandbox)
        failed_job = await submit(window, "flux-pro", "a lemon that fails")
        failed = await job_in(window, {JobState.FAILED}, "flux-pro")
        assert failed.error
        panel = window.queue_panel
        row = panel.model.row_of(failed_job.id)
        assert row is not None
        # Painted as the job cell's own line, without hovering...
        cell = panel.model.index(row, QueueModel.PROMPT)
        assert cell.data(REASON_ROLE) == failed.error
        # The line leaves out the long task id, so the reason itself is what shows.
        line = cell.data(SHORT_REASON_ROLE)
        assert "Upstream provider failed" in line and (failed.task_id or "-") not in line
        # The red line is painted in the (unselected) cell: some pixels of the reason's colour.
        rect = panel.view.visualRect(panel.model.index(row, QueueModel.PROMPT))
        image = panel.view.viewport().grab(rect).toImage()
        reds = sum(
            1
            for x in range(0, image.width(), 2)
            for y in range(image.height() * 2 // 3, image.height())
            if (c := image.pixelColor(QPoint(x, y))).red() > 150 and c.green() < 120
        )
        assert reds > 10
        # ...and whole, selectable, under the table for the selected job.
        panel.select_job(failed.id)
        assert panel.details.isVisible()
        assert failed.error in panel.details.text()
        flags = panel.details.textInteractionFlags()
        assert flags & Qt.TextInteractionFlag.TextSelectableByMouse
        if SHOTS:
            window.grab().save(str(Path(SHOTS) / "failed-1024x700.png"))

    qloop.run(scenario())


def test_the_status_bar_follows_the_job_to_its_end(
    window: MainWindow, qloop: Loop, sandbox: SandboxServer
) -> None:
    async def scenario() -> None:
        await at_laptop_size(window, sandbox)
        panel = window.generate
        panel.select_model("dall-e-2")
        panel.prompt.set_text("a lemon for the status bar")
        await until(panel.generate.isEnabled, message=panel.reason.text())
        QTest.mouseClick(panel.generate, Qt.MouseButton.LeftButton)
        await job_in(window, {JobState.DONE}, "dall-e-2")
        message = window.statusBar().currentMessage()
        assert not message.startswith("Queued"), message
        assert message == "dall-e-2: done, 1 image stored."
        # A failure is said as such, with its reason, once the job has failed.
        sandbox.set_faults("taskfail*1")
        panel.select_model("flux-pro")
        panel.prompt.set_text("a lemon that fails for the status bar")
        await until(panel.generate.isEnabled, message=panel.reason.text())
        QTest.mouseClick(panel.generate, Qt.MouseButton.LeftButton)
        await until(
            lambda: window.statusBar().currentMessage().startswith("flux-pro failed: "),
            timeout=30,
            message="the failure in the status bar",
        )
        assert "Upstream provider failed" in window.statusBar().currentMessage()

    qloop.run(scenario())

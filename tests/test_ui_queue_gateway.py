"""Jobs recorded for another gateway, in the real window's queue: a job made in the
sandbox and one made on another gateway URL, seen while connected to a third gateway,
say which gateway each waits for and what to do (as `lemon-desktop jobs list` does);
no progress bar pretends they move. Switching to the sandbox runs the sandbox's job and
the other keeps waiting."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from lemon_desktop.api.profiles import make_request
from lemon_desktop.core.session import open_with_jobs_tables
from lemon_desktop.jobs import JobState, JobStore
from lemon_desktop.jobs.records import SANDBOX_GATEWAY
from lemon_desktop.jobs.store import NewJob
from lemon_desktop.sandbox import SandboxServer
from lemon_desktop.ui.main_window import MainWindow
from lemon_desktop.ui.queue.model import (
    PROGRESS_ROLE,
    REASON_ROLE,
    SHORT_REASON_ROLE,
    QueueModel,
)
from tests.ui_helpers import Loop, connect, until

pytest_plugins = ["tests.ui_fixtures"]
pytestmark = pytest.mark.gui

OTHER_GATEWAY = "https://api.tokenlab.sh"


def record_elsewhere(home: Path) -> tuple[str, str]:
    """A queued job of the sandbox and a running one of another gateway, in the library
    the window will open (the jobs layer's own store, as a queue records them)."""
    library = open_with_jobs_tables(home / "library")
    try:
        store = JobStore(library.database)
        request = make_request("dall-e-2", "a lemon made in the sandbox", {"size": "256x256"})
        [sandboxed] = store.create([NewJob(request, gateway=SANDBOX_GATEWAY)])
        task = make_request("flux-pro", "a lemon on the other gateway", {})
        [other] = store.create([NewJob(task, gateway=OTHER_GATEWAY)])
        store.update(other.id, state=JobState.RUNNING, task_id="task-1", progress=40.0)
    finally:
        library.close()
    return sandboxed.id, other.id


def test_a_job_of_another_gateway_says_what_it_waits_for(
    home: Path, window: MainWindow, qloop: Loop, sandbox: SandboxServer
) -> None:
    sandboxed, other = record_elsewhere(home)

    async def scenario() -> None:
        await connect(window, sandbox)  # a key on this gateway: neither job's
        panel = window.queue_panel
        model = panel.model
        await until(lambda: model.row_of(sandboxed) is not None, message="the recorded jobs")
        await until(lambda: model.row_of(other) is not None, message="the recorded jobs")

        def cell(job_id: str, column: int, role: int = Qt.ItemDataRole.DisplayRole) -> object:
            row = model.row_of(job_id)
            assert row is not None
            return model.index(row, column).data(role)

        reason = cell(sandboxed, QueueModel.PROMPT, SHORT_REASON_ROLE)
        assert reason == (
            "Waits for the sandbox gateway, where it was made: choose Gateway → "
            "Use the built-in sandbox to run it."
        )
        assert cell(other, QueueModel.PROMPT, REASON_ROLE) == (
            f"Waits for gateway {OTHER_GATEWAY}, where it was made: set the base URL in "
            f"Settings to {OTHER_GATEWAY} to run it."
        )
        for job_id in (sandboxed, other):
            assert cell(job_id, QueueModel.STATE) == "Waiting"
            assert cell(job_id, QueueModel.STATE, PROGRESS_ROLE) is None  # no bar: not moving
            assert "Waits for" in str(cell(job_id, QueueModel.STATE, Qt.ItemDataRole.ToolTipRole))
        assert "2 for another gateway" in panel.summary.text()
        assert "running" not in panel.summary.text()
        # The selected job's whole sentence, selectable under the list.
        panel.select_job(other)
        await until(panel.details.isVisible, message="the details line")
        assert f"Waits for gateway {OTHER_GATEWAY}" in panel.details.text()
        # The Gateway menu's sandbox: the sandbox's job runs there; the other still waits.
        window.gateway.use_sandbox.trigger()
        await until(lambda: model.gateway == SANDBOX_GATEWAY, message="the sandbox's queue")
        await until(
            lambda: (job := model.job_by_id(sandboxed)) is not None and job.state.finished,
            timeout=30,
            message="the sandbox's job to run",
        )
        assert cell(sandboxed, QueueModel.PROMPT, SHORT_REASON_ROLE) is None
        assert cell(sandboxed, QueueModel.STATE) == "Done"
        assert cell(other, QueueModel.STATE) == "Waiting"
        assert OTHER_GATEWAY in str(cell(other, QueueModel.PROMPT, SHORT_REASON_ROLE))
        await until(lambda: "1 for another gateway" in panel.summary.text(), message="summary")

    qloop.run(scenario(), timeout=90)

"""The main window against a real sandbox gateway, on a real X server."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from lemon_desktop.api.profiles import validate
from lemon_desktop.jobs import Job, JobState
from lemon_desktop.keys import resolve_key
from lemon_desktop.sandbox import SandboxServer
from lemon_desktop.ui.main_window import MainWindow
from lemon_desktop.ui.queue.model import UNKNOWN_EXPLANATION, QueueModel
from tests.ui_helpers import Loop, connect, until

pytest_plugins = ["tests.ui_fixtures"]
pytestmark = pytest.mark.gui


def jobs(window: MainWindow) -> list[Job]:
    model = window.queue_panel.model
    return [j for j in (model.job(r) for r in range(model.rowCount())) if j is not None]


async def generate(window: MainWindow, model: str, prompt: str) -> None:
    panel = window.generate
    panel.select_model(model)
    panel.prompt.set_text(prompt)
    await until(panel.generate.isEnabled, message=f"Generate enabled: {panel.reason.text()}")
    QTest.mouseClick(panel.generate, Qt.MouseButton.LeftButton)


async def job_in(window: MainWindow, states: set[JobState], model: str) -> Job:
    found: list[Job] = []

    def check() -> bool:
        found[:] = [j for j in jobs(window) if j.model == model and j.state in states]
        return bool(found)

    await until(check, timeout=30, message=f"{model} job in {states}")
    return found[0]


def test_first_run_offers_the_sandbox(window: MainWindow, qloop: Loop) -> None:
    async def scenario() -> None:
        await window.start()
        assert window.pages.currentWidget() is window.first_run
        assert window.windowTitle() == "Lemon Desktop"
        QTest.mouseClick(window.first_run.sandbox, Qt.MouseButton.LeftButton)
        await until(lambda: window.services.connected, message="sandbox connection")
        assert window.services.in_sandbox
        assert "Sandbox" in window.windowTitle()
        assert window.badge.isVisible() and window.badge.text() == "Sandbox"
        assert window.pages.currentWidget() is window.workspace
        await until(lambda: window.catalog.source == "gateway", message="model list")

    qloop.run(scenario())


def test_start_in_sandbox_mode(window: MainWindow, qloop: Loop) -> None:
    async def scenario() -> None:
        await window.start(sandbox=True)
        assert window.services.in_sandbox and window.badge.isVisible()
        assert window.pages.currentWidget() is window.workspace

    qloop.run(scenario())


def test_pasted_key_is_stored_in_the_keyring(
    make_window: Callable[..., MainWindow], qloop: Loop, sandbox: SandboxServer
) -> None:
    window = make_window(sandbox.base_url)

    async def scenario() -> None:
        await window.start()
        panel = window.first_run
        QTest.keyClicks(panel.key, sandbox.api_key)
        QTest.mouseClick(panel.test, Qt.MouseButton.LeftButton)
        await until(lambda: "works" in panel.result.text(), message=panel.result.text())
        QTest.mouseClick(panel.save, Qt.MouseButton.LeftButton)
        await until(lambda: window.services.connected, message="connection")
        assert not window.services.in_sandbox
        assert window.services.key_source == "keyring"

    qloop.run(scenario())
    resolved = resolve_key()
    assert resolved.source == "keyring" and resolved.key == sandbox.api_key


def test_a_wrong_key_is_reported_in_words(
    make_window: Callable[..., MainWindow], qloop: Loop, sandbox: SandboxServer
) -> None:
    window = make_window(sandbox.base_url)

    async def scenario() -> None:
        await window.start()
        panel = window.first_run
        QTest.keyClicks(panel.key, "sk-wrong")
        QTest.mouseClick(panel.test, Qt.MouseButton.LeftButton)
        await until(lambda: "did not work" in panel.result.text(), message="test result")
        assert "Traceback" not in panel.result.text()

    qloop.run(scenario())


def test_invalid_size_disables_generate_with_the_validators_reason(
    window: MainWindow, qloop: Loop, sandbox: SandboxServer
) -> None:
    async def scenario() -> None:
        await connect(window, sandbox)
        panel = window.generate
        panel.select_model("gpt-image-2")
        panel.prompt.set_text("a lemon on a table")
        assert panel.generate.isEnabled()
        panel.params.editors["size"].set_custom(1000, 1000)
        expected = [
            p.message
            for p in validate("gpt-image-2", "a lemon on a table", {"size": "1000x1000"})
            if p.field == "size"
        ]
        assert expected
        assert panel.params.field_error("size") == "\n".join(expected)
        assert not panel.generate.isEnabled()
        assert expected[0] in panel.generate.toolTip()
        assert panel.reason.isVisible() and expected[0] in panel.reason.text()
        # The editor's own fix-up gives a valid size again.
        QTest.mouseClick(panel.params.editors["size"].snap, Qt.MouseButton.LeftButton)
        assert panel.params.field_error("size") is None
        assert panel.generate.isEnabled()

    qloop.run(scenario())


def test_generate_inline_and_task_based(
    window: MainWindow, qloop: Loop, sandbox: SandboxServer
) -> None:
    async def scenario() -> None:
        await connect(window, sandbox)
        await generate(window, "dall-e-2", "a small red lemon")
        await generate(window, "flux-pro", "a lemon grove at dawn")
        inline = await job_in(window, {JobState.DONE}, "dall-e-2")
        task = await job_in(window, {JobState.DONE}, "flux-pro")
        assert inline.image_ids and task.image_ids
        assert task.task_id, "flux-pro ran as a task in the sandbox"
        library = window.services.library
        assert library is not None and library.count() >= 2
        row = window.queue_panel.model.row_of(task.id)
        assert row is not None
        await until(
            lambda: window.queue_panel.model.has_picture(task.id), message="queue thumbnail"
        )
        cost = window.queue_panel.model.index(row, QueueModel.COST).data()
        assert cost and "$" in cost
        # Open: the job's image on the stage (the viewer is the stage's full-screen mode).
        window.queue_panel.select_job(task.id)
        window.actions_by_name["open_job"].trigger()
        assert window.stage is not None and window.stage.current_id == task.image_ids[-1]

    qloop.run(scenario())


def test_cancel_a_task_job(window: MainWindow, qloop: Loop, sandbox: SandboxServer) -> None:
    sandbox.set_faults("tasknever*1")

    async def scenario() -> None:
        await connect(window, sandbox)
        await generate(window, "flux-pro", "a lemon that never finishes")
        job = await job_in(window, {JobState.RUNNING}, "flux-pro")
        window.queue_panel.select_job(job.id)
        window.actions_by_name["cancel_job"].trigger()
        await job_in(window, {JobState.CANCELLED}, "flux-pro")

    qloop.run(scenario())


def test_retry_a_failed_job(window: MainWindow, qloop: Loop, sandbox: SandboxServer) -> None:
    sandbox.set_faults("taskfail*1")

    async def scenario() -> None:
        await connect(window, sandbox)
        await generate(window, "flux-pro", "a lemon that fails once")
        failed = await job_in(window, {JobState.FAILED}, "flux-pro")
        row = window.queue_panel.model.row_of(failed.id)
        assert row is not None
        state = window.queue_panel.model.index(row, QueueModel.STATE).data()
        assert state.startswith("Failed") and "Traceback" not in state
        window.queue_panel.select_job(failed.id)
        window.actions_by_name["retry_job"].trigger()
        done = await job_in(window, {JobState.DONE}, "flux-pro")
        assert done.retry_of == failed.id and done.image_ids

    qloop.run(scenario())


def test_compare_sends_one_prompt_to_several_models(
    window: MainWindow, qloop: Loop, sandbox: SandboxServer
) -> None:
    async def scenario() -> None:
        await connect(window, sandbox)
        panel = window.generate
        panel.select_model("dall-e-2")
        panel.prompt.set_text("one lemon, two painters")
        panel.compare.setChecked(True)
        panel.picker.set_checked(["dall-e-2", "flux-schnell", "nano-banana"])
        await until(panel.generate.isEnabled, message=panel.reason.text())
        assert panel.generate.text() == "Compare 3 models"
        QTest.mouseClick(panel.generate, Qt.MouseButton.LeftButton)
        await until(lambda: window.jobs.compare_views, message="compare view")
        view = window.jobs.compare_views[0]
        await until(lambda: all(view.shown_images().values()), timeout=30, message="three results")
        assert set(view.shown_images()) == {"dall-e-2", "flux-schnell", "nano-banana"}
        batch = {j.batch_id for j in jobs(window)}
        assert len(batch) == 1 and None not in batch

    qloop.run(scenario())


def test_paused_queue_shows_a_banner_and_resumes(
    window: MainWindow, qloop: Loop, sandbox: SandboxServer
) -> None:
    sandbox.set_faults("402@create*1")

    async def scenario() -> None:
        await connect(window, sandbox)
        await generate(window, "dall-e-2", "a lemon without money")
        banner = window.queue_panel.banner
        await until(banner.isVisible, message="paused banner")
        assert "paused" in banner.label.text()
        QTest.mouseClick(banner.resume, Qt.MouseButton.LeftButton)
        await job_in(window, {JobState.DONE}, "dall-e-2")
        assert not banner.isVisible()

    qloop.run(scenario())


def test_reuse_fills_the_panel_without_generating(
    window: MainWindow, qloop: Loop, sandbox: SandboxServer
) -> None:
    async def scenario() -> None:
        await connect(window, sandbox)
        await until(lambda: window.gallery is not None, message="gallery")
        window.gallery.reuse_requested.emit(
            {
                "model": "nano-banana-pro",
                "prompt": "a lemon in 4k",
                "params": {"aspect_ratio": "16:9", "resolution": "4k", "seed": 7},
            }
        )
        panel = window.generate
        assert panel.model_id == "nano-banana-pro"
        assert panel.picker.current == "nano-banana-pro"
        assert panel.prompt.text() == "a lemon in 4k"
        assert panel.params.values() == {"aspect_ratio": "16:9", "resolution": "4k", "n": 1}
        # A setting the profile has no field for is kept, as an extra parameter.
        assert panel.params.extra()[0] == {"seed": 7}
        assert jobs(window) == []

    qloop.run(scenario())


def test_unknown_outcome_jobs_explain_themselves() -> None:
    assert "may or may not" in UNKNOWN_EXPLANATION


def test_empty_gallery_label_reads_in_full(
    window: MainWindow, qloop: Loop, sandbox: SandboxServer
) -> None:
    async def scenario() -> None:
        await connect(window, sandbox)
        await until(lambda: window.gallery is not None, message="gallery")
        label = window.gallery.empty_label
        viewport = window.gallery.view.viewport()
        await until(label.isVisible, message="the empty-gallery label")
        for width, height in ((1024, 700), (1920, 1080), (1024, 700)):
            before = viewport.size()
            window.resize(width, height)
            await until(lambda b=before: viewport.size() != b, message="the window to resize")
            await asyncio.sleep(0.1)  # the label follows in the same event turn, or never
            assert label.geometry() == viewport.rect()
            assert label.text() == "No images match."
            assert label.sizeHint().width() <= label.width()
            assert label.heightForWidth(label.width()) <= label.height()

    qloop.run(scenario())


def test_a_typo_on_the_window_fails_the_type_check(tmp_path: Path) -> None:
    # The window is typed as a whole (no __getattr__, no Any-typed panels), so a
    # misspelt panel is an error mypy reports, not an AttributeError at run time.
    script = tmp_path / "typo.py"
    script.write_text(
        "from lemon_desktop.ui.main_window import MainWindow\n\n\n"
        "def use(window: MainWindow) -> None:\n"
        "    window.generate.submit()\n"
        "    window.gallery_slot.count()\n"
        "    window.genrate.submit()\n"
    )
    checked = subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path / "cache"), str(script)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    ours = [line for line in checked.stdout.splitlines() if line.startswith(str(script))]
    assert ours == [
        f'{script}:7: error: "MainWindow" has no attribute "genrate"; maybe "generate"?'
        "  [attr-defined]"
    ]

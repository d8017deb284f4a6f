"""A user's launch, as a user launches it: the installed `lemon-desktop` console script
in a process of its own, on the real X server, with its own home and no keyring.

`LEMON_LAUNCH_EXE` names the `lemon-desktop` to start (default: the one next to this
Python). `scripts/dev.sh test` runs this file once more under every other supported
Python the machine has, each time with that interpreter's own venv.

Before Python 3.12 `qasync.run` installed a Qt event-loop policy for the whole
process, so the embedded sandbox's thread got a Qt loop and the window showed
"sandbox gateway failed to start"; these tests start the window the way that broke.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx2
import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

LAUNCH_EXE = Path(
    os.environ.get("LEMON_LAUNCH_EXE") or Path(sys.executable).parent / "lemon-desktop"
).absolute()
LISTENING = re.compile(r"sandbox gateway listening at (http://127\.0\.0\.1:\d+)")
CONNECTED = "window connected to its sandbox gateway"
START_TIMEOUT = 60.0

pytestmark = pytest.mark.gui


def _launch_env(home: Path) -> dict[str, str]:
    """The test's environment minus anything that would point the app elsewhere."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LEMON", "QT_"))}
    display = os.environ.get("DISPLAY")
    # Never a skip: pytest-xvfb (or the dev.sh session) provides the X server.
    assert display, "no X server: run through scripts/dev.sh test (pytest-xvfb sets DISPLAY)"
    env.update(
        DISPLAY=display,
        QT_QPA_PLATFORM="xcb",  # the real X server, as a desktop session has it
        LEMON_DESKTOP_HOME=str(home),
        PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring",
        NO_PROXY="127.0.0.1,localhost,::1",
    )
    env.pop("LEMONDATA_API_KEY", None)
    env.pop("LEMONDATA_BASE_URL", None)
    return env


def _cli_json(env: dict[str, str], home: Path, *args: str) -> Any:
    result = subprocess.run(
        [str(LAUNCH_EXE), "--home", str(home), *args, "--json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads(result.stdout)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_launcher_is_installed() -> None:
    assert LAUNCH_EXE.is_file() and os.access(LAUNCH_EXE, os.X_OK), (
        f"{LAUNCH_EXE} is not an installed lemon-desktop; set LEMON_LAUNCH_EXE"
    )


def test_self_test_generates_in_the_windows_own_sandbox(tmp_path: Path) -> None:
    """`--self-test` starts the window as `lemon-desktop --sandbox` does, on real X, and
    one image is generated there and stored; the library is then read by the CLI."""
    home = tmp_path / "self-test-home"
    env = _launch_env(tmp_path / "unused-home")
    result = subprocess.run(
        [str(LAUNCH_EXE), "--self-test", "--home", str(home)],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    print(result.stdout)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "platform xcb" in result.stdout
    assert "the window's own sandbox gateway answers" in result.stdout
    log = (home / "logs" / "lemon-desktop.log").read_text(encoding="utf-8")
    assert LISTENING.search(log) and CONNECTED in log, log

    images = _cli_json(env, home, "library", "list")
    assert len(images) == 1, images
    image = images[0]
    assert (image["model"], image["width"], image["height"]) == ("dall-e-2", 256, 256)
    stored = Path(image["path"])
    assert stored.is_relative_to(home) and _sha256(stored) == image["sha256"]
    jobs = _cli_json(env, home, "jobs", "list")
    assert [(job["state"], job["image_ids"]) for job in jobs] == [("done", [image["id"]])]


@pytest.fixture
def launched(tmp_path: Path) -> Iterator[Callable[..., tuple[subprocess.Popen[str], Path]]]:
    processes: list[subprocess.Popen[str]] = []

    def launch(*args: str) -> tuple[subprocess.Popen[str], Path]:
        home = tmp_path / "home"
        process = subprocess.Popen(
            [str(LAUNCH_EXE), *args],
            env=_launch_env(home),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        processes.append(process)
        return process, home

    yield launch
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(15)


def _wait_for_log(process: subprocess.Popen[str], home: Path, needle: str) -> str:
    path = home / "logs" / "lemon-desktop.log"
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        log = path.read_text(encoding="utf-8") if path.exists() else ""
        assert "unexpected error" not in log, log
        if needle in log:
            return log
        if process.poll() is not None:
            output = process.stdout.read() if process.stdout else ""
            raise AssertionError(f"lemon-desktop exited {process.returncode}:\n{output}\n{log}")
        assert time.monotonic() < deadline, f"no {needle!r} in {START_TIMEOUT:.0f}s:\n{log}"
        time.sleep(0.1)


def test_sandbox_launch_brings_up_the_windows_own_sandbox(
    launched: Callable[..., tuple[subprocess.Popen[str], Path]],
) -> None:
    """`lemon-desktop --sandbox`, as `sh scripts/dev.sh run` starts it without a key."""
    process, home = launched("--sandbox")
    log = _wait_for_log(process, home, CONNECTED)
    found = LISTENING.search(log)
    assert found, log
    # The sandbox in that process answers, and insists on its own key.
    answer = httpx2.get(f"{found.group(1)}/v1/models", timeout=10)
    assert answer.status_code == 401, answer.text
    assert process.poll() is None, "the window quit on its own"


@pytest.fixture
def restore_excepthook() -> Iterator[None]:
    # run_gui installs the app's excepthook and log file; the suite keeps its own.
    import logging

    hook, handlers = sys.excepthook, list(logging.getLogger().handlers)
    yield
    sys.excepthook = hook
    for handler in logging.getLogger().handlers:
        if handler not in handlers:
            logging.getLogger().removeHandler(handler)
            handler.close()


def test_first_run_try_the_sandbox_on_the_real_start_path(
    qapp: QApplication, home: Path, restore_excepthook: None
) -> None:
    """No key: the first-run page's "Try the built-in sandbox" connects, in a window
    started by `run_gui` itself (its own event loop, as `lemon-desktop` makes it)."""
    import asyncio

    from lemon_desktop.app import run_gui
    from lemon_desktop.ui.main_window import MainWindow

    seen: dict[str, object] = {}

    async def try_the_sandbox(window: MainWindow) -> int:
        await _until(lambda: window.pages.currentWidget() is window.first_run, "first run")
        window.first_run.sandbox.click()
        await _until(
            lambda: window.services.connected or window.banner.isVisible(),
            "the sandbox connection",
            30,
        )
        assert not window.banner.isVisible(), window.banner.label.text()
        seen["page"] = window.pages.currentWidget() is window.workspace
        seen["title"] = window.windowTitle()
        models = await window.services.client.list_models(recommended_for="image")
        seen["models"] = len(models)
        await asyncio.sleep(0)
        return 0

    assert run_gui(home, script=try_the_sandbox) == 0
    # The window's deferred deletes run now, on the GUI thread, not in a later test.
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    assert seen["page"] and "Sandbox" in str(seen["title"]), seen
    assert int(str(seen["models"])) > 0


async def _until(predicate: Callable[[], object], what: str, timeout: float = 15.0) -> None:
    import asyncio

    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        await asyncio.sleep(0.02)

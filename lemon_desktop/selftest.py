"""`lemon-desktop --self-test`: prove an installation works, end to end, offline.

Loads Qt and its platform plugin, the icons, the main window, the embedded sandbox
gateway, the job queue and the library, generates one image and checks that it was
stored intact. Everything happens in a throw-away home folder, so it neither reads
nor changes the user's library, settings or keyring, and needs no network.

Also runnable as `python -m lemon_desktop.selftest`.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

MODEL = "dall-e-2"
SIZE = "256x256"
PROMPT = "a lemon on a desk, self-test"
# Generous: the first run of an installed app compiles bytecode and loads Qt cold.
TIMEOUT = 120.0


class SelfTestFailed(Exception):
    """One check failed; the message is the reason shown to the user."""


class Report:
    def __init__(self, out: Callable[[str], None]) -> None:
        self.out = out
        self.started = time.monotonic()

    @contextlib.contextmanager
    def step(self, name: str) -> Iterator[dict[str, str]]:
        """Times one check; the body may add a detail for the printed line."""
        detail: dict[str, str] = {}
        began = time.monotonic()
        try:
            yield detail
        except SelfTestFailed:
            self.out(f"  FAIL {name}")
            raise
        except Exception as exc:
            self.out(f"  FAIL {name}")
            raise SelfTestFailed(f"{name}: {type(exc).__name__}: {exc}") from exc
        took = time.monotonic() - began
        extra = f" ({detail['text']})" if "text" in detail else ""
        self.out(f"  ok   {name}{extra} [{took:.2f}s]")


def _check(condition: object, reason: str) -> None:
    if not condition:
        raise SelfTestFailed(reason)


@contextlib.contextmanager
def _environment(home: Path) -> Iterator[None]:
    """Offscreen Qt unless a platform was chosen, the app's home pointed at `home` so
    nothing falls back to the user's real data folder, and loopback exempt from any
    configured HTTP proxy, which could not reach the sandbox on this machine."""
    names = ("QT_QPA_PLATFORM", "LEMON_DESKTOP_HOME", "NO_PROXY", "no_proxy")
    saved = {name: os.environ.get(name) for name in names}
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["LEMON_DESKTOP_HOME"] = str(home)
    for name in ("NO_PROXY", "no_proxy"):
        existing = os.environ.get(name, "")
        os.environ[name] = ",".join(filter(None, (existing, "127.0.0.1,localhost,::1")))
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _check_icons(report: Report) -> None:
    from PySide6.QtGui import QImage
    from PySide6.QtSvg import QSvgRenderer

    from .desktop import ICON_SIZES, app_icon, icon_path

    with report.step("icons") as detail:
        for size in ICON_SIZES:
            image = QImage(str(icon_path(size)))
            _check(image.width() == size, f"icon {icon_path(size)} is not {size}x{size}")
        _check(QSvgRenderer(str(icon_path())).isValid(), f"icon {icon_path()} is not valid SVG")
        _check(not app_icon().isNull(), "the window icon could not be loaded")
        detail["text"] = f"{len(ICON_SIZES)} PNG sizes + SVG in {icon_path().parents[2]}"


async def _generate(window: Any, sandbox: Any, report: Report) -> None:
    from .api.profiles import build_request
    from .jobs import JobState

    with report.step("window connects to the sandbox"):
        await window.start(base_url=sandbox.base_url, api_key=sandbox.api_key)
        deadline = time.monotonic() + 30
        while not window.services.connected:
            _check(time.monotonic() < deadline, "the window did not connect to the sandbox")
            await asyncio.sleep(0.02)

    queue, library = window.services.queue, window.services.library
    with report.step(f"generate {MODEL} {SIZE}") as detail:
        request = build_request(MODEL, PROMPT, {"size": SIZE})
        job = await queue.submit(MODEL, PROMPT, request)
        await asyncio.wait_for(queue.wait_idle(), TIMEOUT)
        job = queue.get(job.id)
        _check(
            job.state is JobState.DONE,
            f"the job ended {job.state.value}: {job.error or 'no reason given'}",
        )
        _check(job.image_ids, "the job finished without storing an image")
        detail["text"] = f"job {job.id[:8]}"

    with report.step("image stored in the library") as detail:
        record = await asyncio.to_thread(library.get, job.image_ids[0])
        _check(record.path.is_file(), f"the stored image {record.path} does not exist")
        digest = await asyncio.to_thread(_sha256, record.path)
        _check(
            digest == record.sha256,
            f"{record.path} has sha256 {digest}, the library recorded {record.sha256}",
        )
        _check(
            (record.width, record.height) == (256, 256),
            f"the image is {record.width}x{record.height}, not {SIZE}",
        )
        detail["text"] = f"{record.format} {record.width}x{record.height}, sha256 {digest[:12]}"

    # The gallery refreshes after an image arrives; closing under it would read a
    # library that is already closed.
    deadline = time.monotonic() + 20
    while window.pending_tasks() and time.monotonic() < deadline:
        await asyncio.sleep(0.02)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _run(home: Path, report: Report) -> None:
    with report.step("Qt loads") as detail:
        from PySide6 import __version__ as pyside_version
        from PySide6.QtGui import QFontDatabase, QGuiApplication

        from .app import make_application

        app = make_application([sys.argv[0]])
        _check(QFontDatabase.families(), "Qt found no fonts")
        detail["text"] = f"PySide6 {pyside_version}, platform {QGuiApplication.platformName()}"

    _check_icons(report)

    import qasync

    from .app import create_window
    from .sandbox import SandboxServer

    with report.step("sandbox gateway starts") as detail:
        sandbox = SandboxServer(task_seconds=0.2).start()
        detail["text"] = sandbox.base_url
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    window = None
    try:
        with report.step("main window shows"):
            window = create_window(home, sandbox.base_url)
            window.show()
            app.processEvents()
            _check(window.isVisible(), "the main window did not show")
        loop.run_until_complete(asyncio.wait_for(_generate(window, sandbox, report), TIMEOUT))
    finally:
        if window is not None:
            window.close()
            with contextlib.suppress(Exception):
                loop.run_until_complete(asyncio.wait_for(window.aclose(), 30))
            window.deleteLater()
            app.processEvents()
        loop.close()
        asyncio.set_event_loop(None)
        sandbox.stop()


def run_self_test(out: Callable[[str], None] = print) -> int:
    """0 when an image went through the whole stack and was stored intact, else 1."""
    from . import __version__

    report = Report(out)
    out(f"Lemon Desktop {__version__} self-test (Python {sys.version.split()[0]})")
    try:
        with (
            tempfile.TemporaryDirectory(prefix="lemon-desktop-selftest-") as tmp,
            _environment(Path(tmp)),
        ):
            _run(Path(tmp), report)
    except SelfTestFailed as exc:
        out(f"self-test FAILED: {exc}")
        return 1
    except Exception as exc:  # anything unforeseen is still a failed installation
        out(f"self-test FAILED: {type(exc).__name__}: {exc}")
        return 1
    out(f"self-test passed in {time.monotonic() - report.started:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(run_self_test())

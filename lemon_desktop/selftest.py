"""`lemon-desktop --self-test`: prove an installation works, end to end, offline.

Loads Qt and its platform plugin and the icons, then starts the window exactly as
`lemon-desktop --sandbox` does (`app.run_gui`: the Qt event loop, the window, its
embedded sandbox gateway in a thread, the job queue and the library), generates one
image in it and checks that it was stored intact. Everything happens in a throw-away
home folder (or a new, empty one given with --home, kept for inspection), so it
neither reads nor changes the user's library, settings or keyring, and needs no
network.

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
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .ui.main_window import MainWindow

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


async def _in_window(window: MainWindow, report: Report) -> int:
    """Runs inside the window that `run_gui` started, as a user's launch starts it."""
    await asyncio.wait_for(_generate(window, report), TIMEOUT)
    return 0


async def _generate(window: MainWindow, report: Report) -> None:
    from PySide6.QtGui import QGuiApplication

    from .api.profiles import make_request
    from .core.connection import Connection
    from .jobs import JobState

    # The core session under the window, as `lemon-desktop --sandbox` made it.
    session = window.services.session
    with report.step("main window shows") as detail:
        _check(window.isVisible(), "the main window did not show")
        detail["text"] = f"platform {QGuiApplication.platformName()}"

    with report.step("the window's own sandbox gateway answers") as detail:
        _check(session.in_sandbox, "the window did not start its built-in sandbox")
        _check(
            session.state.kind is Connection.SANDBOX,
            f"the window is not connected to its sandbox: {session.state.message}",
        )
        client, queue, library = session.client, session.queue, session.library
        if client is None or queue is None or library is None:
            raise SelfTestFailed("the window did not connect to its sandbox")
        models = await client.list_models(recommended_for="image")
        _check(models, "the sandbox listed no image models")
        detail["text"] = f"{session.base_url}, {len(models)} image models"

    with report.step(f"generate {MODEL} {SIZE}") as detail:
        job = await queue.submit(make_request(MODEL, PROMPT, {"size": SIZE}))
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

        make_application([sys.argv[0]])
        _check(QFontDatabase.families(), "Qt found no fonts")
        detail["text"] = f"PySide6 {pyside_version}, platform {QGuiApplication.platformName()}"

    _check_icons(report)

    from .app import run_gui

    # The very start-up a user's `lemon-desktop --sandbox` goes through (event loop,
    # window, its embedded sandbox in a thread), with one generation scripted into it.
    code = run_gui(home, sandbox=True, script=lambda window: _in_window(window, report))
    _check(code == 0, f"the window ended with exit code {code}")


def _usable_home(home: Path) -> Path:
    """A folder given with --home: only a new or empty one, so test images never mix
    into a real library; what the self-test made stays there to be inspected."""
    home = home.expanduser()
    if home.exists() and (not home.is_dir() or any(home.iterdir())):
        raise SelfTestFailed(
            f"{home} is not an empty folder; give --self-test a new or empty --home, "
            "or none for a throw-away one"
        )
    home.mkdir(parents=True, exist_ok=True)
    return home


def run_self_test(out: Callable[[str], None] = print, home: Path | None = None) -> int:
    """0 when an image went through the whole stack and was stored intact, else 1.

    Runs in a throw-away folder unless `home` (a new or empty folder) is given."""
    from . import __version__

    report = Report(out)
    out(f"Lemon Desktop {__version__} self-test (Python {sys.version.split()[0]})")
    try:
        if home is not None:
            kept = _usable_home(home)
            with _environment(kept):
                _run(kept, report)
        else:
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

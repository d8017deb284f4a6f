"""Composition root: the QApplication, the qasync loop, the core session and the window.

The one place the app is put together: `create_window` builds the Qt-free core session
(settings, library, client, job queue, sandbox, key: `core/session.py`), wraps it in the
window's Qt adapter (`ui/services.py`) and hands that to the window. The command line
builds the same session class for itself (`cli/session.py`).

`run_gui` is what `lemon-desktop` (no subcommand), `lemon-desktop --sandbox` and
`lemon-desktop --self-test` call.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import os
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from . import __version__
from .desktop import APP_ID, app_icon

if TYPE_CHECKING:
    from .core.session import Session
    from .ui.main_window import MainWindow

log = logging.getLogger(__name__)

MIN_WORKER_THREADS = 4


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("Lemon Desktop")
    app.setApplicationDisplayName("Lemon Desktop")
    app.setOrganizationName("LemonData")
    app.setOrganizationDomain("lemondata.cc")
    app.setApplicationVersion(__version__)
    QGuiApplication.setDesktopFileName(APP_ID)
    app.setWindowIcon(app_icon())
    # The main coroutine decides when to quit, after the connections are closed; Qt
    # quitting on its own would stop the loop under it.
    app.setQuitOnLastWindowClosed(False)
    return app


def create_session(home: Path, base_url: str | None = None) -> Session:
    """The application core for `home`; nothing is opened or connected yet."""
    from .core.session import Session

    return Session(home, base_url=base_url)


def create_window(home: Path, base_url: str | None = None) -> MainWindow:
    """The session and the window for `home`, not started (call `await window.start()`).

    Building them imports no HTTP, job or library code: the session brings those in
    when it opens, after the window's first paint. The language (settings.json's
    `language`, else the desktop's locale) is installed first: widgets take their
    words when they are built."""
    from .i18n import install_translators
    from .settings import load_settings
    from .ui.main_window import MainWindow
    from .ui.services import Services

    make_application()
    install_translators(load_settings(home).language)
    return MainWindow(Services(create_session(home, base_url)))


def show_window(home: Path, base_url: str | None = None) -> MainWindow:
    """Build and paint the window before the event-loop machinery starts, so it appears
    while the rest (library, key, gateway) comes up behind it."""
    app = make_application()
    window = create_window(home, base_url)
    window.show()
    app.processEvents()
    return window


# What the self-test does in the window once it has started; returns the exit code.
Script = Callable[["MainWindow"], Awaitable[int]]


async def _main(window: MainWindow, sandbox: bool, script: Script | None) -> int:
    closed = asyncio.Event()
    window.closed.connect(closed.set)
    # Not only once start() returns: a keyring prompt or a slow gateway can keep it
    # waiting for minutes, with collections off all that time.
    window.panels_built.connect(settle_heap)
    if script is not None:
        # Scripted (the self-test): a failed start is the result, not a dialog to dismiss.
        try:
            await window.start(sandbox=sandbox)  # settles the heap once the panels exist
            return await script(window)
        finally:
            settle_heap()  # collections come back also when the start failed early
            window.close()
            await window.aclose()
    try:
        await window.start(sandbox=sandbox)
    except Exception as exc:  # shown, not fatal: the window can still reach Settings
        from .ui.tasks import expected, user_message

        if expected(exc):  # e.g. a damaged library.db: its sentence, not a bug report
            window.show_error(user_message(exc))
        else:
            sys.excepthook(type(exc), exc, exc.__traceback__)
    settle_heap()
    await closed.wait()
    await window.aclose()
    return 0


def hold_collections() -> None:
    """No cyclic garbage collection until the window has started (settle_heap): start-up
    mostly imports modules and builds widgets, which leave next to no cycles, yet the
    collector ran dozens of times over their objects, 10-20 ms on the way to the
    gallery's first page."""
    from .ui import collector

    collector.hold()


def settle_heap() -> None:
    """Move everything start-up made (Qt bindings, modules, the panels) out of the
    garbage collector's sight, and collect again from now on (on the GUI thread: see
    `ui/collector.py`). A full collection otherwise walks those hundreds of thousands
    of objects and stalled gallery scrolling for 40-70 ms each time
    (bench/gui_scroll.py); what the window makes later is still collected."""
    from .ui import collector

    if not collector.held() and gc.get_freeze_count():
        return  # settled already
    gc.collect()
    gc.freeze()
    collector.release()


def qt_event_loop(app: QApplication) -> Callable[[], asyncio.AbstractEventLoop]:
    """A loop factory for the Qt event loop on this (the main) thread.

    Passed to asyncio.Runner rather than going through `qasync.run`: before Python 3.12
    that installs a Qt event-loop policy for the whole process, and every thread that
    then makes its own loop (the embedded sandbox) would get a Qt loop off the main
    thread, which stops at once.

    The loop's default executor is the window's one thread pool (`ui/tasks.py`), so the
    core's `asyncio.to_thread` and the widgets' background reads share it; and Python's
    cycle collector runs on this thread only (`ui/collector.py`), so no worker ever
    destroys a Qt object."""
    import qasync
    from PySide6.QtCore import QThreadPool

    from .ui import collector
    from .ui.tasks import PoolExecutor

    pool = QThreadPool.globalInstance()
    # Most background work waits on disk, SQLite or D-Bus rather than a core, so a
    # two-core machine still gets a few threads: one slow keyring call must not hold up
    # the gallery's reads.
    pool.setMaxThreadCount(max(MIN_WORKER_THREADS, pool.maxThreadCount()))

    def make_loop() -> asyncio.AbstractEventLoop:
        collector.install()
        loop: asyncio.AbstractEventLoop = qasync.QEventLoop(app)
        loop.set_default_executor(PoolExecutor())
        return loop

    return make_loop


def run_gui(
    home: Path | None = None,
    base_url: str | None = None,
    sandbox: bool = False,
    script: Script | None = None,
) -> int:
    """Open the window; returns the process exit code once it is closed.

    `lemon-desktop`, `lemon-desktop --sandbox` and `lemon-desktop --self-test` (with a
    `script` run once the window has started) all start here."""
    # Here, not at the top: paths pulls in platformdirs, which the window's first paint
    # (create_window / show_window) does not need.
    hold_collections()
    from .paths import ENV_BASE_URL, default_home
    from .ui.excepthook import install_excepthook

    home = (home or default_home()).expanduser()
    home.mkdir(parents=True, exist_ok=True)
    base_url = base_url or os.environ.get(ENV_BASE_URL) or None
    install_excepthook(home)
    log.info("Lemon Desktop %s starting (home %s)", __version__, home)
    window = show_window(home, base_url)
    app = make_application()
    try:
        with asyncio.Runner(loop_factory=qt_event_loop(app)) as runner:
            return int(runner.run(_main(window, sandbox, script)))
    except asyncio.CancelledError:
        return 0

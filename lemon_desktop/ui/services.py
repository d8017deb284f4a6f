"""The layers below the window, held together: settings, library, thumbnails, and the
connection (client + job queue) that is rebuilt when the key or base URL changes.

Job events are re-emitted as a Qt signal, so widgets never hold on to a queue that
may be replaced, and never see a listener from an old connection.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QThreadPool, Signal

if TYPE_CHECKING:
    # Imported where used: the HTTP client, job queue, library and sandbox are only
    # needed after the window's first paint, and together they take longer to import
    # than Qt itself.
    from ..api.client import LemonClient, Timeouts
    from ..jobs import Job, JobQueue, QueueSettings
    from ..library import Library
    from ..sandbox import SandboxServer
    from ..settings import Settings
    from .thumbnail_loader import ThumbnailLoader

log = logging.getLogger(__name__)


def client_timeouts(settings: Settings) -> Timeouts:
    from ..api.client import Timeouts

    return Timeouts(connect=settings.connect_timeout, read=settings.read_timeout)


def queue_settings(settings: Settings) -> QueueSettings:
    from ..jobs import QueueSettings

    return QueueSettings(
        concurrency=settings.concurrency,
        poll_interval=settings.poll_interval,
        task_timeout=settings.task_timeout,
        daily_cap_usd=settings.daily_cap,
    )


class Services(QObject):
    job_event = Signal(object)  # JobEvent, on the GUI thread
    connection_changed = Signal()
    library_ready = Signal()

    def __init__(self, home: Path, base_url: str | None = None) -> None:
        super().__init__()
        self.home = home
        self._settings: Settings | None = None
        # A --base-url given at start-up wins over the saved one for this run only.
        self.base_url_override = base_url
        self.library: Library | None = None
        self.thumbnails: ThumbnailLoader | None = None
        self.client: LemonClient | None = None
        self.queue: JobQueue | None = None
        self.sandbox: SandboxServer | None = None
        self.key_source = "none"  # "environment", "keyring", "session", "sandbox", "none"
        self._api_key = ""
        self._unsubscribe: Callable[[], None] | None = None
        self._lock = asyncio.Lock()

    # -- state ---------------------------------------------------------------

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            from ..settings import load_settings

            self._settings = load_settings(self.home)
        return self._settings

    async def load_settings(self) -> Settings:
        """Read settings in a worker thread: the settings module imports the HTTP stack
        (for URL checks), which would otherwise delay the window's first paint."""
        if self._settings is None:
            self._settings = await asyncio.to_thread(_load_settings, self.home)
        return self._settings

    @property
    def base_url(self) -> str:
        if self.sandbox is not None:
            return self.sandbox.base_url
        return self.base_url_override or self.settings.base_url

    @property
    def connected(self) -> bool:
        return self.queue is not None

    @property
    def in_sandbox(self) -> bool:
        return self.sandbox is not None

    def library_root(self) -> Path:
        return self.settings.library_root(self.home)

    # -- library ---------------------------------------------------------------

    async def open_library(self) -> Library:
        if self.library is None:
            from ..library import Library
            from .thumbnail_loader import ThumbnailCache, ThumbnailLoader

            # Opening may finish interrupted adds: never on the GUI thread.
            self.library = await asyncio.to_thread(Library.open, self.library_root())
            # Parented, so it is destroyed with us on the GUI thread and never by a garbage
            # collection that happens to run on a worker thread.
            self.thumbnails = ThumbnailLoader(
                ThumbnailCache(self.home / "cache" / "thumbnails"), parent=self
            )
            self.library_ready.emit()
        return self.library

    # -- connection --------------------------------------------------------------

    async def connect(
        self, base_url: str, api_key: str, *, source: str, sandbox: SandboxServer | None = None
    ) -> None:
        """Replace the client and queue; unfinished jobs resume on the new queue."""
        from ..api.client import LemonClient
        from ..jobs import JobQueue

        async with self._lock:
            library = await self.open_library()
            await self._disconnect(keep_sandbox=sandbox is not None and sandbox is self.sandbox)
            if sandbox is not None:
                self.sandbox = sandbox
            client = LemonClient(base_url, api_key, timeouts=client_timeouts(self.settings))
            queue = JobQueue(client, library, queue_settings(self.settings))
            self._unsubscribe = queue.subscribe(self.job_event.emit)
            try:
                await queue.start()
            except BaseException:
                await client.aclose()
                raise
            # Only now "connected": the window reacts to a queue that is running.
            self.client, self.queue, self.key_source = client, queue, source
            self._api_key = api_key
        self.connection_changed.emit()

    async def start_sandbox(self) -> None:
        from ..sandbox import SandboxServer

        server = SandboxServer()
        # start() blocks until both origins listen: keep that off the GUI thread.
        await asyncio.to_thread(server.start)
        log.info("sandbox gateway listening at %s", server.base_url)
        await self.connect(server.base_url, server.api_key, source="sandbox", sandbox=server)
        log.info("window connected to its sandbox gateway")

    async def reconnect(self) -> None:
        """Apply changed settings (base URL, timeouts, concurrency) to a live connection."""
        if self.client is None:
            return
        await self.connect(
            self.base_url, self._api_key, source=self.key_source, sandbox=self.sandbox
        )

    async def _disconnect(self, *, keep_sandbox: bool) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        queue, client = self.queue, self.client
        self.queue = self.client = None
        if queue is not None:
            await queue.aclose()
        if client is not None:
            await client.aclose()
        if self.sandbox is not None and not keep_sandbox:
            server, self.sandbox = self.sandbox, None
            await asyncio.to_thread(server.stop)

    async def test_key(self, base_url: str, api_key: str) -> int:
        """How many image models the key can see; raises LemonError when it cannot."""
        from ..api.client import LemonClient

        async with LemonClient(base_url, api_key, timeouts=client_timeouts(self.settings)) as c:
            models = await c.list_models(recommended_for="image")
        return len(models)

    # -- queue passthroughs the widgets use ---------------------------------------------

    async def estimate(self, model: str, request: dict[str, Any]) -> Decimal | None:
        return None if self.queue is None else await self.queue.estimate(model, request)

    def recent_jobs(self, limit: int = 200) -> list[Job]:
        return [] if self.queue is None else self.queue.jobs(limit)

    # -- settings ------------------------------------------------------------------------

    def save_settings(self, settings: Settings) -> None:
        from ..settings import save_settings

        save_settings(self.home, settings)
        self._settings = settings

    # -- shutdown ------------------------------------------------------------------------

    async def aclose(self) -> None:
        async with self._lock:
            await self._disconnect(keep_sandbox=False)
        if self.thumbnails is not None:
            self.thumbnails.cancel_pending()
            # Running decodes must finish before the library they read goes away.
            await asyncio.to_thread(self.thumbnails.pool.waitForDone, 5000)
        # Widgets read the library in the global pool (gallery pages, imports): let
        # them finish before the connections they use are closed.
        await asyncio.to_thread(QThreadPool.globalInstance().waitForDone, 5000)
        if self.library is not None:
            library, self.library = self.library, None
            with contextlib.suppress(Exception):
                await asyncio.to_thread(library.close)


def _load_settings(home: Path) -> Settings:
    from ..settings import load_settings

    return load_settings(home)

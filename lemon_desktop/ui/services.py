"""The window's Qt adapter over the core session (`core/session.py`).

It builds nothing of the layers below: the session (made by `app.py`) owns settings,
library, client, job queue, sandbox and key. This adapter turns the session's events
into Qt signals, adds the one Qt-only part (the thumbnail loader, once the library is
open) and passes the session's attributes and methods through for the widgets.

Job events come through the session, so widgets never hold on to a queue that a
reconnect replaces, and never see a listener from an old connection.
"""

from __future__ import annotations

import logging
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from ..core.connection import key_source
from .tasks import long_work_pool, pool_finished

if TYPE_CHECKING:
    from ..api.client import LemonClient
    from ..api.request import ImageRequest
    from ..core.connection import ConnectionState, KeyCheck, KeySource
    from ..core.session import Session
    from ..jobs import Job, JobEvent, JobQueue
    from ..keys import ResolvedKey
    from ..library import Library
    from ..sandbox import SandboxServer
    from ..settings import Settings
    from .thumbnail_loader import ThumbnailLoader

log = logging.getLogger(__name__)


class Services(QObject):
    job_event = Signal(object)  # JobEvent, on the GUI thread
    connection_changed = Signal()  # a queue started or stopped
    connection_state = Signal(object)  # ConnectionState, on every change
    library_ready = Signal()

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.thumbnails: ThumbnailLoader | None = None
        self._queue_seen: JobQueue | None = None
        session.job_events.subscribe(self._on_job_event)
        session.connection_events.subscribe(self._on_state)
        session.library_events.subscribe(self._on_library)

    # -- core events -> signals ------------------------------------------------------

    def _on_job_event(self, event: JobEvent) -> None:
        self.job_event.emit(event)

    def _on_state(self, state: ConnectionState) -> None:
        # "connection_changed" only when the queue itself changed: the window reloads
        # jobs and the model list then, not at every word the gateway says.
        if self.session.queue is not self._queue_seen:
            self._queue_seen = self.session.queue
            self.connection_changed.emit()
        self.connection_state.emit(state)

    def _on_library(self, _library: Library) -> None:
        if self.thumbnails is None:
            from .thumbnail_loader import ThumbnailCache, ThumbnailLoader

            # Parented, so it is destroyed with us on the GUI thread and never by a
            # garbage collection that happens to run on a worker thread.
            self.thumbnails = ThumbnailLoader(
                ThumbnailCache(self.session.home / "cache" / "thumbnails"), parent=self
            )
        self.library_ready.emit()

    # -- the session's state, as the widgets read it ----------------------------------

    @property
    def home(self) -> Path:
        return self.session.home

    @property
    def settings(self) -> Settings:
        return self.session.settings

    @property
    def base_url(self) -> str:
        return self.session.base_url

    @property
    def gateway_url(self) -> str:
        return self.session.gateway_url

    @property
    def connected(self) -> bool:
        return self.session.connected

    @property
    def in_sandbox(self) -> bool:
        return self.session.in_sandbox

    @property
    def state(self) -> ConnectionState:
        return self.session.state

    @property
    def key_source(self) -> KeySource:
        return self.session.key_source

    @property
    def library(self) -> Library | None:
        return self.session.library

    @library.setter
    def library(self, library: Library | None) -> None:
        self.session.library = library

    @property
    def client(self) -> LemonClient | None:
        return self.session.client

    @property
    def queue(self) -> JobQueue | None:
        return self.session.queue

    @property
    def sandbox(self) -> SandboxServer | None:
        return self.session.sandbox

    def library_root(self) -> Path:
        return self.session.library_root()

    # -- the session's methods ----------------------------------------------------------

    async def load_settings(self) -> Settings:
        return await self.session.load_settings()

    def save_settings(self, settings: Settings) -> None:
        self.session.save_settings(settings)

    async def open_library(self) -> Library:
        return await self.session.open_library()

    # Named before this adapter wrapped a session; it shadows QObject.connect, which
    # nobody calls on this object (signals are connected through the signal objects).
    async def connect(  # type: ignore[override]
        self,
        base_url: str,
        api_key: str,
        *,
        source: str,
        sandbox: SandboxServer | None = None,
    ) -> ConnectionState:
        """Connect with `api_key`; `source` as the first-run page's signal carries it."""
        return await self.session.connect(
            base_url, api_key, source=key_source(source), sandbox=sandbox
        )

    async def connect_saved_key(self) -> ConnectionState:
        return await self.session.connect_saved_key()

    async def start_sandbox(self) -> ConnectionState:
        return await self.session.start_sandbox()

    async def reconnect(self) -> None:
        await self.session.reconnect()

    async def check_key(self, base_url: str | None, api_key: str) -> KeyCheck:
        return await self.session.check_key(base_url, api_key)

    async def check_connection(self) -> ConnectionState:
        return await self.session.check_connection()

    async def resolve_key(self) -> ResolvedKey:
        return await self.session.resolve_key()

    async def store_key(self, api_key: str) -> None:
        await self.session.store_key(api_key)

    async def clear_key(self) -> bool:
        return await self.session.clear_key()

    async def estimate(self, request: ImageRequest) -> Decimal | None:
        return await self.session.estimate(request)

    def recent_jobs(self, limit: int = 200) -> list[Job]:
        return self.session.recent_jobs(limit)

    # -- shutdown ------------------------------------------------------------------------

    async def aclose(self) -> None:
        await self.session.disconnect()
        if self.thumbnails is not None:
            self.thumbnails.cancel_pending()
            # Running decodes must finish before the library they read goes away.
            await pool_finished(self.thumbnails.pool)
        # Widgets read the library in the global pool (gallery pages) and imports write
        # it on their own thread: let both finish before the connections they use are
        # closed. Imports were told to stop; they end after the file they are on.
        if not (await pool_finished() and await pool_finished(long_work_pool())):
            log.warning("background work still running at close; closing the library anyway")
        await self.session.close_library()

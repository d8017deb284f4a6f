"""One application session: what both the window and the command line stand on.

Built from the home folder (settings, library, key), it holds the gateway client and the
job queue of the current connection, the embedded sandbox when there is one, and the
connection state. It knows nothing of Qt: the window's adapter (`ui/services.py`) and the
command line (`cli/session.py`) subscribe to its events.

The settings-to-client and settings-to-queue mappings live here and nowhere else.

Every keyring and file-system call runs in a worker thread: the window awaits these
methods on its GUI thread. The heavy layers (HTTP client, jobs, library, sandbox) are
imported where used, so that building a Session costs nothing before the window's first
paint.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Self

from . import connection
from .connection import Connection, ConnectionState, KeyCheck, KeySource
from .events import Listeners

if TYPE_CHECKING:
    from ..api.client import LemonClient, Timeouts
    from ..api.request import ImageRequest
    from ..jobs import Job, JobEvent, JobQueue, QueueSettings
    from ..keys import ResolvedKey
    from ..library import Library
    from ..sandbox import SandboxServer
    from ..settings import Settings
    from .inputs import AddedInput

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class QueueOverrides:
    """What one command-line run may set over the saved settings."""

    poll_interval: float | None = None
    task_timeout: float | None = None
    allow_unknown_cost: bool = False


def client_timeouts(settings: Settings) -> Timeouts:
    from ..api.client import Timeouts

    return Timeouts(connect=settings.connect_timeout, read=settings.read_timeout)


def queue_settings(settings: Settings, overrides: QueueOverrides | None = None) -> QueueSettings:
    from ..jobs import QueueSettings

    overrides = overrides or QueueOverrides()
    return QueueSettings(
        concurrency=settings.concurrency,
        poll_interval=settings.poll_interval
        if overrides.poll_interval is None
        else overrides.poll_interval,
        task_timeout=settings.task_timeout
        if overrides.task_timeout is None
        else overrides.task_timeout,
        daily_cap_usd=settings.daily_cap,
        allow_unknown_cost=overrides.allow_unknown_cost,
    )


# The settings a running client and queue are built from (the mappings above): changing
# one of them means reconnecting.
CONNECTION_SETTINGS = (
    "base_url",
    "connect_timeout",
    "read_timeout",
    "concurrency",
    "poll_interval",
    "task_timeout",
    "daily_cap_usd",
)


def changes_connection(old: Settings, new: Settings) -> bool:
    return any(getattr(old, name) != getattr(new, name) for name in CONNECTION_SETTINGS)


def make_client(settings: Settings, base_url: str, api_key: str | None) -> LemonClient:
    """The gateway client for these settings (no key: only keyless calls work)."""
    from ..api.client import LemonClient

    return LemonClient(base_url, api_key, timeouts=client_timeouts(settings))


class Session:
    def __init__(
        self,
        home: Path,
        *,
        base_url: str | None = None,
        settings: Settings | None = None,
        overrides: QueueOverrides | None = None,
    ) -> None:
        self.home = home
        self._settings = settings
        # A --base-url given at start-up wins over the saved one for this run only.
        self.base_url_override = base_url
        self.overrides = overrides or QueueOverrides()
        self.library: Library | None = None
        self.client: LemonClient | None = None
        self.queue: JobQueue | None = None
        self.sandbox: SandboxServer | None = None
        self.key_source: KeySource = "none"
        self.state: ConnectionState = connection.not_started()
        # Every job event of whichever queue is current: listeners never hold on to a
        # queue that a reconnect replaces.
        self.job_events: Listeners[JobEvent] = Listeners()
        self.connection_events: Listeners[ConnectionState] = Listeners()
        self.library_events: Listeners[Library] = Listeners()
        # The library's root, just before opening it runs a one-time upgrade (a library
        # made by an older version: minutes at a million images).
        self.library_upgrade_events: Listeners[Path] = Listeners()
        self._api_key = ""
        self._unsubscribe_queue: Callable[[], None] | None = None
        self._lock = asyncio.Lock()
        self._library_lock = asyncio.Lock()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()

    # -- settings ------------------------------------------------------------------

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            from ..settings import load_settings

            self._settings = load_settings(self.home)
        return self._settings

    async def load_settings(self) -> Settings:
        """The settings, read in a worker thread (a first read touches the disk)."""
        if self._settings is None:
            self._settings = await asyncio.to_thread(_read_settings, self.home)
        return self._settings

    def save_settings(self, settings: Settings) -> None:
        from ..settings import save_settings

        save_settings(self.home, settings)
        self._settings = settings

    @property
    def base_url(self) -> str:
        if self.sandbox is not None:
            return self.sandbox.base_url
        return self.gateway_url

    @property
    def gateway_url(self) -> str:
        """The real gateway's address, also while the sandbox stands in for it."""
        return self.base_url_override or self.settings.base_url

    @property
    def connected(self) -> bool:
        """A job queue is running (whatever the gateway says of the key)."""
        return self.queue is not None

    @property
    def in_sandbox(self) -> bool:
        return self.sandbox is not None

    def library_root(self) -> Path:
        return self.settings.library_root(self.home)

    # -- library ---------------------------------------------------------------------

    async def open_library(self) -> Library:
        async with self._library_lock:
            if self.library is None:
                # Opening may finish interrupted adds: never on the caller's thread.
                root = (await self.load_settings()).library_root(self.home)
                if await asyncio.to_thread(_upgrade_due, root):
                    self.library_upgrade_events.emit(root)
                self.library = await asyncio.to_thread(open_with_jobs_tables, root)
                self.library_events.emit(self.library)
            return self.library

    # -- key -------------------------------------------------------------------------

    async def resolve_key(self) -> ResolvedKey:
        """The environment's key, else the keyring's; the keyring answers over D-Bus,
        which can stall, so it is asked in a worker thread."""
        from ..keys import resolve_key

        return await asyncio.to_thread(resolve_key)

    async def store_key(self, api_key: str) -> None:
        """Keep `api_key` in the keyring; ValueError or KeyStoreError say what is wrong."""
        from ..keys import store_key

        await asyncio.to_thread(store_key, api_key)

    async def clear_key(self) -> bool:
        """Remove the stored key; False when there was none."""
        from ..keys import delete_stored_key

        return await asyncio.to_thread(delete_stored_key)

    async def check_key(self, base_url: str | None, api_key: str) -> KeyCheck:
        """Ask the gateway (`base_url`, else the real gateway's address even while the
        sandbox runs) whether it takes `api_key`: online, key rejected, or offline when
        it could not be reached. Nothing is kept and the current connection is left
        alone."""
        from ..api.errors import LemonError

        url = base_url or self.gateway_url
        try:
            count = await self._count_image_models(url, api_key)
        except LemonError as exc:
            return KeyCheck(connection.from_error(url, "session", exc))
        return KeyCheck(connection.online(url, "session"), count)

    # -- connection ------------------------------------------------------------------

    async def connect_saved_key(self) -> ConnectionState:
        """Connect with the environment's or the keyring's key; without one the state
        becomes "no key" (with the keyring's problem, if it had one)."""
        resolved = await self.resolve_key()
        if resolved.key:
            return await self.connect(None, resolved.key, source=resolved.source)
        self._set_state(connection.no_key(resolved.problem))
        return self.state

    async def connect(
        self,
        base_url: str | None,
        api_key: str,
        *,
        source: KeySource,
        sandbox: SandboxServer | None = None,
        probe: bool = True,
    ) -> ConnectionState:
        """Replace the client and queue (unfinished jobs resume on the new queue).

        With `probe`, one model-list call then tells online from offline or a rejected
        key; without it (the command line, whose own calls tell), the state follows
        what the jobs meet."""
        from ..jobs import JobQueue
        from ..jobs.records import gateway_identity

        async with self._lock:
            library = await self.open_library()
            await self._disconnect(keep_sandbox=sandbox is not None and sandbox is self.sandbox)
            if sandbox is not None:
                self.sandbox = sandbox
            url = base_url or self.base_url
            # In a worker: each connection pool loads the CA bundle into an SSL context
            # (about 20 ms apiece), which on the window's loop stalled the GUI thread.
            client = await asyncio.to_thread(make_client, self.settings, url, api_key)
            # The sandbox is one gateway whatever its port: its jobs resume only on it,
            # and a real gateway's jobs only on that gateway.
            gateway = gateway_identity(url, sandbox=source == "sandbox")
            # Made in a worker: its job store prepares the jobs tables (SQLite), and the
            # window's loop runs on the GUI thread.
            queue = await asyncio.to_thread(
                JobQueue,
                client,
                library,
                queue_settings(self.settings, self.overrides),
                gateway=gateway,
            )
            unsubscribe = queue.subscribe(self._on_job_event)
            try:
                await queue.start()
            except BaseException:
                unsubscribe()
                await client.aclose()
                raise
            # Only now "connected": listeners react to a queue that is running.
            self.client, self.queue, self.key_source = client, queue, source
            self._api_key, self._unsubscribe_queue = api_key, unsubscribe
            # Announced even when the words are the same: the queue behind them is new.
            if source == "sandbox":
                self._set_state(connection.sandbox(url), always=True)
            else:
                self._set_state(connection.connecting(url, source), always=True)
                if probe:
                    self._set_state(await self._probe(url, api_key, source))
        return self.state

    async def start_sandbox(self) -> ConnectionState:
        from ..sandbox import SandboxServer

        server = SandboxServer()
        # start() blocks until both origins listen: keep that off the caller's thread.
        await asyncio.to_thread(server.start)
        log.info("sandbox gateway listening at %s", server.base_url)
        try:
            state = await self.connect(
                server.base_url, server.api_key, source="sandbox", sandbox=server
            )
        except BaseException:
            if self.sandbox is not server:
                await asyncio.to_thread(server.stop)
            raise
        log.info("window connected to its sandbox gateway")
        return state

    async def reconnect(self) -> None:
        """Apply changed settings (base URL, timeouts, concurrency) to a live connection."""
        if self.client is None:
            return
        await self.connect(None, self._api_key, source=self.key_source, sandbox=self.sandbox)

    async def check_connection(self) -> ConnectionState:
        """Ask the gateway of the running connection again (after "offline" or a
        rejected key: the network may be back, the key may have been re-enabled)."""
        async with self._lock:
            if self.client is None or self.sandbox is not None:
                return self.state
            url = self.state.base_url or self.base_url
            # Announced even when nothing changed: whoever asked hears the answer.
            state = await self._probe(url, self._api_key, self.key_source)
            self._set_state(state, always=True)
        return self.state

    async def _probe(self, base_url: str, api_key: str, source: KeySource) -> ConnectionState:
        from ..api.errors import LemonError

        try:
            await self._count_image_models(base_url, api_key)
        except LemonError as exc:
            return connection.from_error(base_url, source, exc)
        return connection.online(base_url, source)

    async def _count_image_models(self, base_url: str, api_key: str) -> int:
        from ..api.client import LemonClient
        from ..api.retry import RetryPolicy

        # Its own client without retries: one refused connection is answer enough, and
        # the queue's connection pool is left alone.
        probe = await asyncio.to_thread(  # its SSL contexts load the CA bundle: see connect
            LemonClient,
            base_url,
            api_key,
            timeouts=client_timeouts(self.settings),
            retry=RetryPolicy(max_retries=0),
        )
        async with probe:
            return len(await probe.list_models(recommended_for="image"))

    def _on_job_event(self, event: JobEvent) -> None:
        self.job_events.emit(event)
        job = event.job
        if job is None or event.kind != "changed":
            return
        from ..jobs import ErrorCode, JobState

        url, source = self.state.base_url or self.base_url, self.key_source
        if job.error_code == ErrorCode.AUTH:
            self._set_state(connection.key_rejected(url, source, job.error or "Key rejected."))
        elif job.error_code == ErrorCode.NETWORK:
            self._set_state(connection.offline(url, source, job.error or "Gateway unreachable."))
        elif job.state is JobState.DONE and self.state.kind in (
            Connection.CONNECTING,
            Connection.OFFLINE,
            Connection.KEY_REJECTED,
        ):
            self._set_state(connection.online(url, source))

    def _set_state(self, state: ConnectionState, *, always: bool = False) -> None:
        if state == self.state and not always:
            return
        self.state = state
        log.info("connection: %s (%s)", state.kind.value, state.reason)
        self.connection_events.emit(state)

    # -- queue passthroughs ------------------------------------------------------------

    async def estimate(self, request: ImageRequest) -> Decimal | None:
        return None if self.queue is None else await self.queue.estimate(request)

    # -- images handed to a model (stored in the library, in a worker thread) ------------

    async def add_input_files(self, paths: list[Path]) -> list[AddedInput]:
        from .inputs import add_files

        return await asyncio.to_thread(add_files, await self.open_library(), paths)

    async def add_input_bytes(self, data: bytes, name: str) -> AddedInput:
        from .inputs import add_image_bytes

        return await asyncio.to_thread(add_image_bytes, await self.open_library(), data, name)

    async def library_inputs(self, image_ids: list[int]) -> list[AddedInput]:
        from .inputs import library_images

        return await asyncio.to_thread(library_images, await self.open_library(), image_ids)

    def recent_jobs(self, limit: int = 200) -> list[Job]:
        return [] if self.queue is None else self.queue.jobs(limit)

    # -- shutdown ----------------------------------------------------------------------

    async def disconnect(self) -> None:
        """Stop the queue, the client and the sandbox; the library stays open."""
        async with self._lock:
            await self._disconnect(keep_sandbox=False)

    async def _disconnect(self, *, keep_sandbox: bool) -> None:
        if self._unsubscribe_queue is not None:
            self._unsubscribe_queue()
            self._unsubscribe_queue = None
        queue, client = self.queue, self.client
        self.queue = self.client = None
        if queue is not None:
            await queue.aclose()
        if client is not None:
            await client.aclose()
        if self.sandbox is not None and not keep_sandbox:
            server, self.sandbox = self.sandbox, None
            await asyncio.to_thread(server.stop)

    async def close_library(self) -> None:
        if self.library is not None:
            library, self.library = self.library, None
            with contextlib.suppress(Exception):
                await asyncio.to_thread(library.close)

    async def aclose(self) -> None:
        await self.disconnect()
        await self.close_library()


def _read_settings(home: Path) -> Settings:
    from ..settings import load_settings

    return load_settings(home)


def _upgrade_due(root: Path) -> bool:
    from ..library import upgrade_due  # imported in the worker, like the opening

    return upgrade_due(root)


def open_with_jobs_tables(root: Path) -> Library:
    """The library at `root` with the jobs layer's tables made: searches such as
    `group:` read them, also before any job has run."""
    from ..jobs.schema import prepare_jobs_tables
    from ..library import Library

    library = Library.open(root)
    prepare_jobs_tables(library.database)
    return library

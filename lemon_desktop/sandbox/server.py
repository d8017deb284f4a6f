"""Running the sandbox: two uvicorn servers (API and CDN origins) on one event loop in a
background daemon thread."""

from __future__ import annotations

import asyncio
import contextlib
import secrets
import socket
import threading
import time
from types import TracebackType
from typing import Any

import uvicorn

from lemon_desktop.sandbox.app import build_api_app
from lemon_desktop.sandbox.cdn import build_cdn_app
from lemon_desktop.sandbox.faults import FaultPlan, classify
from lemon_desktop.sandbox.options import OptionsHolder, SandboxOptions
from lemon_desktop.sandbox.responses import install_log_filter
from lemon_desktop.sandbox.state import GatewayState
from lemon_desktop.sandbox.stats import SandboxStats
from lemon_desktop.sandbox.transport import ResetCheck, make_protocol

START_TIMEOUT = 15.0
STOP_TIMEOUT = 10.0


def _bind(host: str, port: int) -> socket.socket:
    # Bound here rather than by uvicorn so that port 0 resolves before start() returns.
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(128)
    sock.setblocking(False)
    return sock


def thread_event_loop() -> asyncio.AbstractEventLoop:
    """A plain asyncio loop for a worker thread, whatever event-loop policy is set."""
    return asyncio.SelectorEventLoop()


def _origin(host: str, port: int) -> str:
    shown = "127.0.0.1" if host in ("0.0.0.0", "") else host
    shown = f"[{shown}]" if ":" in shown else shown
    return f"http://{shown}:{port}"


class SandboxServer:
    """A LemonData-compatible gateway on loopback, drawing its own images.

    ``base_url`` is the API origin, ``cdn_url`` a second origin serving result images
    (no key needed there). ``latency`` is added to every API and CDN request; the
    ``/_sandbox/*`` admin routes are exempt from latency and faults. ``options`` are the
    behaviour switches (mask leak, extension object name, stream mode ...). ``start()``
    returns once both origins accept connections; ``stop()`` is idempotent.
    """

    def __init__(
        self,
        api_key: str | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        cdn_port: int = 0,
        faults: FaultPlan | str | None = None,
        task_seconds: float = 2.0,
        latency: float = 0.0,
        options: SandboxOptions | None = None,
    ) -> None:
        self.host = host
        self._requested_ports = (port, cdn_port)
        self._state = GatewayState(
            api_key=api_key or "sk-sandbox-" + secrets.token_hex(16),
            task_seconds=task_seconds,
            latency=latency,
            faults=FaultPlan.coerce(faults),
            options=OptionsHolder(options),
        )
        self._servers: list[uvicorn.Server] = []
        self._thread: threading.Thread | None = None
        self._error: BaseException | None = None
        self._lock = threading.Lock()
        self.base_url = ""
        self.cdn_url = ""

    @property
    def api_key(self) -> str:
        return self._state.api_key

    @property
    def stats(self) -> SandboxStats:
        return self._state.stats

    @property
    def faults(self) -> FaultPlan:
        return self._state.faults

    @property
    def task_seconds(self) -> float:
        return self._state.task_seconds

    def set_faults(self, faults: FaultPlan | str | None) -> None:
        self._state.faults = FaultPlan.coerce(faults)

    @property
    def options(self) -> SandboxOptions:
        return self._state.options.current

    def set_options(self, **changes: Any) -> SandboxOptions:
        """Change behaviour switches (see options.py); ValueError names a bad one."""
        return self._state.options.update(changes)

    def _should_reset(self, origin: str) -> ResetCheck:
        def check(method: str, path: str) -> bool:
            route = classify(method, path, origin)
            if route is None:
                return False
            hit = self._state.faults.draw(route, "connect").hit
            if hit is not None:
                self._state.stats.incr_key("faults_fired", hit.kind)
            return hit is not None

        return check

    def start(self) -> SandboxServer:
        with self._lock:
            if self._thread is not None:
                return self
            install_log_filter()
            api_sock = _bind(self.host, self._requested_ports[0])
            try:
                cdn_sock = _bind(self.host, self._requested_ports[1])
            except OSError:
                api_sock.close()
                raise
            self.base_url = _origin(self.host, api_sock.getsockname()[1])
            self.cdn_url = _origin(self.host, cdn_sock.getsockname()[1])
            self._state.cdn_url = self.cdn_url
            self._servers = [
                self._make_server(build_api_app(self._state), "api"),
                self._make_server(build_cdn_app(self._state), "cdn"),
            ]
            sockets = [api_sock, cdn_sock]
            self._thread = threading.Thread(
                target=self._run, args=(sockets,), name="lemon-sandbox", daemon=True
            )
            self._thread.start()
        self._wait_started(sockets)
        return self

    def _make_server(self, app: object, origin: str) -> uvicorn.Server:
        config = uvicorn.Config(
            app,  # type: ignore[arg-type]
            http=make_protocol(self._should_reset(origin)),
            lifespan="off",
            log_config=None,  # leave the host application's logging alone
            access_log=False,
            timeout_graceful_shutdown=2,
            timeout_keep_alive=30,
        )
        return uvicorn.Server(config)

    def _run(self, sockets: list[socket.socket]) -> None:
        async def serve_both() -> None:
            pairs = zip(self._servers, sockets, strict=True)
            await asyncio.gather(*(server.serve(sockets=[sock]) for server, sock in pairs))

        try:
            # An explicit loop, never one from the process-wide policy: a GUI host may
            # have installed a Qt loop policy (qasync.run does before Python 3.12), and a
            # Qt loop off the main thread stops at once ("Event loop stopped before
            # Future completed").
            with asyncio.Runner(loop_factory=thread_event_loop) as runner:
                runner.run(serve_both())
        except BaseException as exc:  # reported to the thread that called start()
            self._error = exc
        finally:
            for sock in sockets:
                with contextlib.suppress(OSError):
                    sock.close()

    def _wait_started(self, sockets: list[socket.socket]) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while not all(server.started for server in self._servers):
            thread = self._thread
            if self._error is not None or thread is None or not thread.is_alive():
                self.stop()
                raise RuntimeError(f"sandbox gateway failed to start: {self._error!r}")
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("sandbox gateway did not start in time")
            time.sleep(0.005)

    def stop(self) -> None:
        with self._lock:
            thread, self._thread = self._thread, None
            for server in self._servers:
                server.should_exit = True
        if thread is None:
            return
        thread.join(STOP_TIMEOUT)
        if thread.is_alive():
            for server in self._servers:
                server.force_exit = True
            thread.join(STOP_TIMEOUT)

    def __enter__(self) -> SandboxServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def __repr__(self) -> str:
        return f"SandboxServer(base_url={self.base_url!r}, cdn_url={self.cdn_url!r})"

"""A scripted, hostile HTTP server on loopback for tests: it answers whatever a test
tells it to (bombs, escapes, echoed keys, redirects) and records every request.

Real HTTP over a real socket on port 0, in a daemon thread, so the client and the CLI
(in a child process) meet it exactly as they would meet a misbehaving gateway.
"""

from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any


@dataclass(frozen=True)
class Request:
    method: str
    target: str  # as sent: a path, or an absolute URL when the peer treats us as a proxy
    headers: dict[str, str]
    body: bytes

    @property
    def path(self) -> str:
        return self.target.split("?", 1)[0]


@dataclass(frozen=True)
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)


def json_reply(payload: Any, status: int = 200, **headers: str) -> Reply:
    return Reply(
        status, json.dumps(payload).encode(), {"Content-Type": "application/json", **headers}
    )


def raw_json_reply(text: str | bytes, status: int = 200, **headers: str) -> Reply:
    body = text.encode() if isinstance(text, str) else text
    return Reply(status, body, {"Content-Type": "application/json", **headers})


Route = Reply | Callable[[Request], Reply]
NOT_FOUND = json_reply({"error": {"message": "no such route", "code": "not_found"}}, 404)


class HostileServer:
    """`routes` maps "METHOD /path" (or "/path" for any method) to a reply or a function
    of the request; "*" answers everything else. `requests` lists what arrived."""

    def __init__(self, routes: dict[str, Route] | None = None, host: str = "127.0.0.1") -> None:
        self.routes: dict[str, Route] = dict(routes or {})
        self.requests: list[Request] = []
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                request = Request(
                    self.command,
                    self.path,
                    {k.lower(): v for k, v in self.headers.items()},
                    body,
                )
                reply = server.reply_for(request)
                self.send_response(reply.status)
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                # The client may stop reading half-way: that is what some tests want.
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(reply.body)

            do_GET = do_POST = do_DELETE = do_PUT = do_CONNECT = _serve

        self._server = ThreadingHTTPServer((host, 0), Handler)
        self._server.daemon_threads = True
        port = self._server.server_address[1]
        shown = f"[{host}]" if ":" in host else host
        self.base_url = f"http://{shown}:{port}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def reply_for(self, request: Request) -> Reply:
        with self._lock:
            self.requests.append(request)
            route = (
                self.routes.get(f"{request.method} {request.path}")
                or self.routes.get(request.path)
                or self.routes.get("*")
                or NOT_FOUND
            )
        return route(request) if callable(route) else route

    def start(self) -> HostileServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> HostileServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

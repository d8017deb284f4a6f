"""Connection-level fault: the ``reset`` kind, which no ASGI app can express.

An ASGI application only runs after the server has read the request, so a reset
"before the request is read" has to happen in the HTTP protocol itself. The subclass
peeks at the request line of each new request and, when the fault plan says so, resets
the TCP connection (SO_LINGER 0 makes close() send RST) without passing the bytes on.
"""

from __future__ import annotations

import contextlib
import re
import socket
import struct
from collections.abc import Callable
from typing import Any

from uvicorn.protocols.http.h11_impl import H11Protocol

_REQUEST_LINE = re.compile(rb"^([A-Z]+) (\S+) HTTP/1\.[01]\r?\n")

# (method, path) -> should this request be reset?
ResetCheck = Callable[[str, str], bool]


def make_protocol(should_reset: ResetCheck) -> type[H11Protocol]:
    class ResettingH11Protocol(H11Protocol):
        def connection_made(self, transport: Any) -> None:
            super().connection_made(transport)
            sock: Any = transport.get_extra_info("socket")
            if sock is not None:
                # Headers and body go out in separate writes; with Nagle on, the
                # client's delayed ACK would add ~40 ms to every response.
                with contextlib.suppress(OSError):
                    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

        def data_received(self, data: bytes) -> None:
            match = _REQUEST_LINE.match(data)
            if match and should_reset(match[1].decode(), match[2].decode("latin-1")):
                self._reset()
                return
            super().data_received(data)

        def _reset(self) -> None:
            sock: Any = self.transport.get_extra_info("socket")
            if sock is not None:
                # If this fails, the abort below still ends the connection unanswered.
                with contextlib.suppress(OSError):
                    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.transport.abort()

    return ResettingH11Protocol

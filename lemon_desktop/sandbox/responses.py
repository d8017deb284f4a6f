"""Response shapes beyond plain JSON: server-sent events, and the broken answers the
fault plan asks for (a body cut off mid-way, a 200 whose JSON does not parse)."""

from __future__ import annotations

import json
import logging
from typing import Any

import anyio
from starlette.responses import JSONResponse, Response
from starlette.types import Receive, Scope, Send

_DROP_SHARE = 3  # a dropped answer sends a third of its body before the connection goes


class DeliberateDrop(Exception):
    """Raised after a partial body so uvicorn closes the connection mid-response."""


class _HideDeliberateDrops(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        return not isinstance(exc, DeliberateDrop)


def install_log_filter() -> None:
    """Keep injected drops out of the error log, where they would look like real bugs."""
    logger = logging.getLogger("uvicorn.error")
    if not any(isinstance(f, _HideDeliberateDrops) for f in logger.filters):
        logger.addFilter(_HideDeliberateDrops())


def sse_event(event: str, data: dict[str, Any]) -> bytes:
    payload = json.dumps(data, separators=(",", ":"))
    return f"event: {event}\ndata: {payload}\n\n".encode()


class EventStreamResponse(Response):
    """Sends pre-built SSE events with a pause between them, like a generating model."""

    media_type = "text/event-stream"

    def __init__(self, chunks: list[bytes], gap: float = 0.0) -> None:
        super().__init__(content=b"".join(chunks), headers={"Cache-Control": "no-cache"})
        self.chunks = chunks
        self.gap = gap
        # Streamed answers are chunked: no Content-Length announcing the whole body.
        self.raw_headers = [(k, v) for k, v in self.raw_headers if k != b"content-length"]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await send(
            {"type": "http.response.start", "status": self.status_code, "headers": self.raw_headers}
        )
        for number, chunk in enumerate(self.chunks):
            if number and self.gap:
                await anyio.sleep(self.gap)
            await send({"type": "http.response.body", "body": chunk, "more_body": True})
        await send({"type": "http.response.body", "body": b"", "more_body": False})


class DroppedResponse(Response):
    """The original answer's status and headers, a third of its body, then a closed
    connection: what a client sees when a proxy or the network dies mid-response."""

    def __init__(self, original: Response) -> None:
        super().__init__()
        self.status_code = original.status_code
        self.raw_headers = list(original.raw_headers)
        self.body = bytes(original.body)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await send(
            {"type": "http.response.start", "status": self.status_code, "headers": self.raw_headers}
        )
        cut = len(self.body) // _DROP_SHARE
        await send({"type": "http.response.body", "body": self.body[:cut], "more_body": True})
        raise DeliberateDrop()


def bad_json(original: Response) -> Response:
    """A 200 ``application/json`` answer that does not parse (a broken proxy or gateway)."""
    body = bytes(original.body) or b'{"created": 1'
    return Response(body[: max(1, len(body) // 2)] + b',,"\x00', 200, media_type="application/json")


class TruncatedResponse(Response):
    """Content-Length promises the whole file; half of it arrives, then the connection
    closes (a CDN edge that gave up)."""

    def __init__(self, data: bytes, content_type: str) -> None:
        super().__init__(content=data, media_type=content_type)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await send(
            {"type": "http.response.start", "status": self.status_code, "headers": self.raw_headers}
        )
        half = len(self.body) // 2
        await send({"type": "http.response.body", "body": self.body[:half], "more_body": True})
        raise DeliberateDrop()


def json_response(body: dict[str, Any], status: int = 200) -> JSONResponse:
    return JSONResponse(body, status_code=status)

"""Streamed generation: partial previews as server-sent events, then the final image.

OpenAI's semantics (`stream: true` with `partial_images`): events
`image_generation.partial_image` then `image_generation.completed`. Whether the
gateway streams is unconfirmed, so a plain JSON answer (images or a task) is
accepted as well and handled exactly like a non-streamed create.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import Any

import httpx2

from .client import LemonClient
from .errors import MalformedResponseError, UpstreamError
from .types import (
    ECHOED_FIELDS,
    CreateResult,
    GeneratedImage,
    ImagesResult,
    Usage,
    parse_create_response,
)

PARTIAL_EVENT = "image_generation.partial_image"
COMPLETED_EVENT = "image_generation.completed"


@dataclass(frozen=True)
class PartialImage:
    b64_json: str
    partial_index: int
    image_index: int  # which of the n images it previews, counted from 0


async def create_image_streamed(
    client: LemonClient,
    body: dict[str, Any],
    on_partial: Callable[[PartialImage], None],
) -> CreateResult:
    """POST a create with `stream: true`; previews go to `on_partial` as they arrive."""
    url = client.endpoint.url("/v1/images/generations")

    async def attempt() -> CreateResult:
        async with client.stream(url, method="POST", json={**body, "stream": True}) as response:
            content_type = response.headers.get("content-type", "")
            if "text/event-stream" not in content_type:
                await response.aread()
                try:
                    return parse_create_response(response.json())
                except ValueError as exc:
                    raise MalformedResponseError(
                        "The gateway sent a response that is not valid JSON."
                    ) from exc
            return await _read_events(response, on_partial)

    return await client.with_retries(attempt, idempotent=False)


@dataclass(frozen=True)
class ServerSentEvent:
    event: str
    data: str


async def iter_events(response: httpx2.Response) -> AsyncIterator[ServerSentEvent]:
    """Server-sent events as the HTML standard frames them; only event and data matter here."""
    event, data = "", []
    async for line in response.aiter_lines():
        if not line:
            if data:
                yield ServerSentEvent(event or "message", "\n".join(data))
            event, data = "", []
            continue
        if line.startswith(":"):  # a comment, e.g. a keep-alive
            continue
        name, _, value = line.partition(":")
        value = value.removeprefix(" ")
        if name == "event":
            event = value
        elif name == "data":
            data.append(value)
    if data:
        yield ServerSentEvent(event or "message", "\n".join(data))


async def _read_events(
    response: httpx2.Response, on_partial: Callable[[PartialImage], None]
) -> ImagesResult:
    images: list[GeneratedImage] = []
    usage: Usage | None = None
    echo: dict[str, Any] = {}
    try:
        async for event in iter_events(response):
            if event.data == "[DONE]":
                continue
            data = json.loads(event.data)
            if not isinstance(data, dict):
                raise MalformedResponseError("A streamed event is not a JSON object.")
            if "error" in data:
                raise _stream_error(data["error"])
            kind = data.get("type") or event.event
            if kind == PARTIAL_EVENT and data.get("b64_json"):
                on_partial(
                    PartialImage(
                        b64_json=data["b64_json"],
                        partial_index=int(data.get("partial_image_index") or 0),
                        image_index=len(images),
                    )
                )
            elif kind == COMPLETED_EVENT:
                images.append(GeneratedImage.parse(data))
                usage = Usage.parse(data.get("usage")) or usage
                echo.update({k: data[k] for k in ECHOED_FIELDS if k in data})
    except ValueError as exc:
        raise MalformedResponseError(f"The image stream could not be read: {exc}.") from exc
    if not images or not all(image.ready for image in images):
        raise MalformedResponseError("The image stream ended without a completed image.")
    return ImagesResult(images=tuple(images), usage=usage, echo=echo)


def _stream_error(error: Any) -> UpstreamError:
    message = error.get("message") if isinstance(error, dict) else str(error)
    body = error if isinstance(error, dict) else {"message": message}
    return UpstreamError(
        str(message or "The image stream reported an error"), status=502, body=body
    )

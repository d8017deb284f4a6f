"""Streamed generation: partial previews as server-sent events, then the final image.

OpenAI's semantics (`stream: true` with `partial_images`): events
`image_generation.partial_image` then `image_generation.completed`. Whether the
gateway streams is unconfirmed, so a plain JSON answer (images or a task) is
accepted as well and handled exactly like a non-streamed create. The newest spec has
the gateway refuse `stream: true` (a 400 before anything runs): the same request is then
sent plain, so the image is never lost (openai-python yields zero events there).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Mapping
from dataclasses import dataclass
from typing import Any

import httpx2

from ._convert import to_count
from .client import LemonClient
from .decoding import MAX_CREATE_BYTES, MIB, ResponseTooLargeError, read_limited
from .errors import BadRequestError, MalformedResponseError, UpstreamError
from .request import ImageRequest, as_request, request_body
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
    request: ImageRequest | Mapping[str, Any],
    on_partial: Callable[[PartialImage], None],
) -> CreateResult:
    """POST a create with `stream: true`; previews go to `on_partial` as they arrive."""
    url = client.endpoint.url("/v1/images/generations")
    body = request_body(request)

    async def attempt() -> CreateResult:
        async with client.stream(url, method="POST", json={**body, "stream": True}) as response:
            content_type = response.headers.get("content-type", "")
            if "text/event-stream" not in content_type:
                content = await read_limited(response, MAX_CREATE_BYTES)
                return parse_create_response(client.decode(content, response.status_code))
            return await _read_events(response, on_partial, client)

    try:
        return await client.with_retries(attempt, idempotent=False)
    except BadRequestError as error:
        if not stream_refused(error):
            raise
    # A 400 means nothing ran and nothing was billed: the plain request is the first.
    return await client.create_image(as_request(request))


def stream_refused(error: BadRequestError) -> bool:
    """The gateway said no to streaming itself ("currently rejects true"), not to a
    combination the request should not have made (stream with async)."""
    if error.code in ("stream_not_supported", "streaming_not_supported"):
        return True
    texts = [error.message] + [v.message for v in error.validation_errors if v.field == "stream"]
    if error.param == "stream" or any(v.field == "stream" for v in error.validation_errors):
        texts = [t.casefold() for t in texts]
        return any(
            phrase in text
            for text in texts
            for phrase in ("not supported", "unsupported", "rejects", "does not stream")
        )
    return False


@dataclass(frozen=True)
class ServerSentEvent:
    event: str
    data: str


async def _lines(response: httpx2.Response, limit: int) -> AsyncIterator[str]:
    """Lines of the stream (CR, LF or CRLF), with the whole stream bounded by `limit`."""
    pending = ""
    total = 0
    async for text in response.aiter_text():
        total += len(text)
        if total > limit:
            await response.aclose()
            raise ResponseTooLargeError(
                f"The image stream is larger than {limit // MIB} MiB; it was not read."
            )
        pending += text
        if "\n" not in text and "\r" not in text:
            continue  # no line ends yet: do not rescan what is pending
        normal = pending.replace("\r\n", "\n")
        # A CR at the end may be the first half of a CRLF split across two chunks.
        held_cr = normal.endswith("\r")
        lines = (normal[:-1] if held_cr else normal).replace("\r", "\n").split("\n")
        pending = lines.pop() + ("\r" if held_cr else "")
        for line in lines:
            yield line
    if pending:
        yield pending.rstrip("\r")


async def iter_events(
    response: httpx2.Response, limit: int = MAX_CREATE_BYTES
) -> AsyncIterator[ServerSentEvent]:
    """Server-sent events as the HTML standard frames them; only event and data matter here."""
    event = ""
    data: list[str] = []
    async for line in _lines(response, limit):
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
    response: httpx2.Response, on_partial: Callable[[PartialImage], None], client: LemonClient
) -> ImagesResult:
    images: list[GeneratedImage] = []
    usage: Usage | None = None
    echo: dict[str, Any] = {}
    try:
        async for event in iter_events(response):
            if event.data == "[DONE]":
                continue
            data = client.decode(event.data)
            if not isinstance(data, dict):
                raise MalformedResponseError("A streamed event is not a JSON object.")
            if "error" in data:
                raise _stream_error(data["error"])
            kind = data.get("type") or event.event
            preview = data.get("b64_json")
            if kind == PARTIAL_EVENT and isinstance(preview, str) and preview:
                on_partial(
                    PartialImage(
                        b64_json=preview,
                        partial_index=to_count(data.get("partial_image_index")) or 0,
                        image_index=len(images),
                    )
                )
            elif kind == COMPLETED_EVENT:
                images.append(GeneratedImage.parse(data))
                usage = Usage.parse(data.get("usage")) or usage
                echo.update({k: data[k] for k in ECHOED_FIELDS if k in data})
    except UnicodeDecodeError as exc:
        raise MalformedResponseError(f"The image stream could not be read: {exc}.") from exc
    if not images or not all(image.ready for image in images):
        raise MalformedResponseError("The image stream ended without a completed image.")
    return ImagesResult(images=tuple(images), usage=usage, echo=echo)


def _stream_error(error: Any) -> UpstreamError:
    message = error.get("message") if isinstance(error, dict) else error
    text = message if isinstance(message, str) and message else None
    body = error if isinstance(error, dict) else {"message": text}
    return UpstreamError(
        (text or "The image stream reported an error")[:1000], status=502, body=body
    )

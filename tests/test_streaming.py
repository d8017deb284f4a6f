"""Streamed previews (server-sent events) and the plain-response fallback."""

from __future__ import annotations

import base64
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx2
import pytest

from lemon_desktop.api.client import LemonClient
from lemon_desktop.api.errors import APIConnectionError, BadRequestError
from lemon_desktop.api.request import ImageRequest, Params
from lemon_desktop.api.streaming import (
    PartialImage,
    ServerSentEvent,
    create_image_streamed,
    iter_events,
)
from lemon_desktop.api.types import ImagesResult, TaskRef
from lemon_desktop.imageformat import sniff_image_format
from lemon_desktop.sandbox import SandboxServer
from tests.gateway_script import b64, png_bytes
from tests.hostile_server import HostileServer, Reply, json_reply

pytestmark = pytest.mark.asyncio


async def test_partials_arrive_before_the_final_image(client: LemonClient) -> None:
    partials: list[PartialImage] = []
    body = {
        "model": "gpt-image-2",
        "prompt": "a lighthouse",
        "size": "1024x1024",
        "partial_images": 2,
    }
    result = await create_image_streamed(client, body, partials.append)
    assert isinstance(result, ImagesResult)
    assert [p.partial_index for p in partials] == [0, 1]
    assert all(sniff_image_format(base64.b64decode(p.b64_json)[:16]) for p in partials)
    [final] = result.images
    assert final.b64_json and final.b64_json not in {p.b64_json for p in partials}
    assert result.usage is not None


async def test_several_images_are_told_apart(client: LemonClient) -> None:
    partials: list[PartialImage] = []
    body = {
        "model": "gpt-image-2",
        "prompt": "two kites",
        "size": "1024x1024",
        "partial_images": 1,
        "n": 2,
    }
    result = await create_image_streamed(client, body, partials.append)
    assert isinstance(result, ImagesResult) and len(result.images) == 2
    assert sorted({p.image_index for p in partials}) == [0, 1]


@asynccontextmanager
async def answering(reply: Reply) -> AsyncIterator[LemonClient]:
    """A gateway that answers a streamed create with plain JSON (the sandbox refuses
    stream=true for models that do not stream; whether the real gateway answers plain
    instead is UNCONFIRMED, so the fallback is kept and tested here)."""
    server = HostileServer({"POST /v1/images/generations": reply}).start()
    try:
        async with LemonClient(server.base_url, "sk-plain") as api:
            yield api
    finally:
        server.stop()


async def test_a_plain_answer_is_accepted_instead_of_a_stream() -> None:
    partials: list[PartialImage] = []
    request = ImageRequest("dall-e-2", "no stream here", Params({"partial_images": 1}))
    plain = json_reply({"created": 1, "data": [{"b64_json": b64(png_bytes())}]})
    async with answering(plain) as client:
        result = await create_image_streamed(client, request, partials.append)
    assert isinstance(result, ImagesResult) and partials == []


async def test_a_task_answer_is_passed_on() -> None:
    request = ImageRequest("flux-pro", "task instead of stream", Params({"partial_images": 1}))
    task = json_reply(
        {"id": "t1", "task_id": "t1", "status": "pending", "poll_url": "/v1/tasks/t1"}
    )
    async with answering(task) as client:
        assert isinstance(await create_image_streamed(client, request, lambda p: None), TaskRef)


async def test_stream_with_async_is_refused_by_the_gateway(client: LemonClient) -> None:
    body = {"model": "gpt-image-2", "prompt": "x", "partial_images": 1, "async": True}
    with pytest.raises(BadRequestError):
        await create_image_streamed(client, body, lambda p: None)


async def test_a_stream_cut_mid_way_is_not_resent(
    client: LemonClient, sandbox: SandboxServer
) -> None:
    sandbox.set_faults("drop@create*1")
    body = {"model": "gpt-image-2", "prompt": "x", "size": "1024x1024", "partial_images": 1}
    with pytest.raises(APIConnectionError) as caught:
        await create_image_streamed(client, body, lambda p: None)
    assert caught.value.sent
    assert sandbox.stats.snapshot()["create_requests"] == 1


async def test_event_framing_follows_the_standard() -> None:
    body = (
        b": keep-alive\r\n\r\n"
        b'event: image_generation.partial_image\r\ndata: {"a":\r\ndata:1}\r\n\r\n'
        b"data: [DONE]\n\n"
        b"event: last\ndata: tail"
    )
    response = httpx2.Response(200, content=body, headers={"content-type": "text/event-stream"})
    events = [event async for event in iter_events(response)]
    assert events == [
        ServerSentEvent("image_generation.partial_image", '{"a":\n1}'),
        ServerSentEvent("message", "[DONE]"),
        ServerSentEvent("last", "tail"),
    ]

"""``POST /v1/images/generations``: validate, count, then answer inline, as a task, or as
a stream of partial images; with input images (``operation: "image-to-image"``), the
references drawn into the result. JSON or multipart (one ``image`` file)."""

from __future__ import annotations

import base64
import time
from dataclasses import replace
from decimal import Decimal
from typing import Any

import anyio.to_thread
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from lemon_desktop.sandbox import catalog, errors
from lemon_desktop.sandbox.billing import record_run, refuse_if_broke
from lemon_desktop.sandbox.catalog import GENERATE_PATH, ModelEntry
from lemon_desktop.sandbox.collect import reference_inputs
from lemon_desktop.sandbox.drawing import RenderSpec
from lemon_desktop.sandbox.editing import EditSpec
from lemon_desktop.sandbox.errors import Issue
from lemon_desktop.sandbox.families import FAMILIES
from lemon_desktop.sandbox.forms import ImageRequest, parse_json, read_image_request
from lemon_desktop.sandbox.images import materialize_streamed
from lemon_desktop.sandbox.operations import operation_for
from lemon_desktop.sandbox.responses import EventStreamResponse, sse_event
from lemon_desktop.sandbox.results import inline_data, respond, start_task
from lemon_desktop.sandbox.rules import Normalized, normalize
from lemon_desktop.sandbox.state import Call, GatewayState

DEFAULT_MODEL = "dall-e-3"  # the documented default when a request names no model
# Output tokens of one 1024x1024 image by quality (OpenAI's published table); other
# sizes scale with pixel count.
_OUTPUT_TOKENS = {"low": 272, "medium": 1056, "high": 4160}


async def read_json_object(request: Request) -> dict[str, Any]:
    return parse_json(await request.body())


def _lookup_model(body: dict[str, Any]) -> ModelEntry:
    model_id = body.get("model", DEFAULT_MODEL)
    if not isinstance(model_id, str) or not model_id:
        raise errors.validation_failed([Issue("model", "model must be a string", "invalid_type")])
    entry = catalog.get(model_id)
    if entry is None:
        did_you_mean, suggestions = catalog.close_matches(model_id)
        raise errors.model_not_found(model_id, 400, did_you_mean, suggestions)
    return entry


def usage(norm: Normalized) -> dict[str, Any]:
    text_tokens = max(1, len(norm.prompt) // 4)
    per_image = _OUTPUT_TOKENS[norm.quality or "medium"] * norm.width * norm.height / 1024**2
    output_tokens = round(per_image) * norm.n
    return {
        "input_tokens": text_tokens,
        "input_tokens_details": {"text_tokens": text_tokens, "image_tokens": 0},
        "output_tokens": output_tokens,
        "total_tokens": text_tokens + output_tokens,
    }


def estimated_cost(entry: ModelEntry, norm: Normalized) -> float:
    price = entry.pricing
    if price.per_request is not None:
        return float(Decimal(price.per_request) * norm.n)
    tokens = usage(norm)
    cost = Decimal(tokens["input_tokens"]) * Decimal(price.input_per_1m or "0")
    cost += Decimal(tokens["output_tokens"]) * Decimal(price.output_per_1m or "0")
    return round(float(cost / Decimal(1_000_000)), 6)


def revised_prompt(norm: Normalized) -> str:
    """DALL-E 3's prompt rewrite, made deterministic so tests can assert on it."""
    base = norm.prompt.strip().rstrip(".!")
    return (
        f"{base}, depicted in a {norm.style or 'vivid'} style with detailed lighting, "
        "rich textures and a balanced composition."
    )


def _specs(norm: Normalized) -> list[RenderSpec]:
    return [
        RenderSpec(
            model=norm.model,
            prompt=norm.prompt,
            width=norm.width,
            height=norm.height,
            index=index,
            fmt=norm.output_format,
            transparent=norm.background == "transparent",
            compression=norm.compression,
            style=norm.style,
        )
        for index in range(norm.n)
    ]


def _echo(norm: Normalized) -> dict[str, Any]:
    return {
        "background": norm.background,
        "output_format": norm.output_format,
        "quality": norm.quality,
        "size": norm.size_label,
    }


_INPUT_KEYS = ("operation", "image_url", "image_urls", "reference_image_urls", "mask_url")
OPERATIONS = ("text-to-image", "image-to-image", "image-edit")


def _operation(req: ImageRequest) -> str:
    """The operation asked for: explicit, or image-to-image when inputs came without one."""
    body = req.body
    operation = body.get("operation")
    # images[] and file_id belong to the edits route; counted as inputs so they are
    # refused by name rather than silently dropped from a text-to-image request.
    has_inputs = bool(req.files.get("image")) or any(
        body.get(k) is not None for k in (*_INPUT_KEYS[1:], "images", "file_id")
    )
    if operation is None:
        return "image-to-image" if has_inputs else "text-to-image"
    if operation not in OPERATIONS:
        raise errors.validation_failed(
            [Issue("operation", f"operation must be one of: {', '.join(OPERATIONS)}")]
        )
    if operation == "text-to-image" and has_inputs:
        raise errors.validation_failed(
            [Issue("operation", "input images need operation image-to-image", "invalid_value")]
        )
    return str(operation)


def _check_stream(state: GatewayState, entry: ModelEntry, body: dict[str, Any]) -> dict[str, Any]:
    """Apply the stream mode: refuse where the model (or the spec) does not stream."""
    if body.get("stream") is not True:
        return body
    mode = state.options.current.stream_mode
    if mode == "ignore":
        return {k: v for k, v in body.items() if k != "stream"}
    family = FAMILIES[entry.family] if entry.family else None
    if mode == "refuse" or family is None or not family.gpt:
        raise errors.stream_not_supported(entry.id, GENERATE_PATH)
    return body


async def create_image(request: Request, call: Call) -> Response:
    state = call.state
    req = await read_image_request(request, state)
    entry = _lookup_model(req.body)
    operation = _operation(req)
    if operation != "text-to-image":
        return await _image_to_image(call, req, entry, operation)
    if entry.family is None:
        raise errors.unsupported_operation(
            entry.id,
            "text-to-image",
            catalog.supported_operations(entry),
            catalog.endpoint_by_operation(entry),
        )
    body = _check_stream(state, entry, req.body)
    norm = normalize(entry.id, FAMILIES[entry.family], entry.delivery, entry.async_ok, body)
    refuse_if_broke(call, entry, estimated_cost(entry, norm))
    for name in norm.stripped:
        state.stats.incr_key("stripped_params", name)
    record_run(call, entry, norm.ignored, None)

    specs = _specs(norm)
    if norm.want_task:
        return start_task(state, norm.model, specs)
    if norm.stream:
        return await _stream(state, norm, specs)
    data = await inline_data(state, specs, norm.response_format)
    if norm.family.revised_prompt:
        for item in data:
            item["revised_prompt"] = revised_prompt(norm)
    payload: dict[str, Any] = {"created": int(time.time()), "data": data}
    if norm.family.gpt:
        payload.update(_echo(norm), usage=usage(norm))
    return JSONResponse(payload)


async def _image_to_image(
    call: Call, req: ImageRequest, entry: ModelEntry, operation: str
) -> Response:
    state = call.state
    op = operation_for(entry.id, GENERATE_PATH, operation)
    if op is None or entry.family is None:
        raise errors.unsupported_operation(
            entry.id,
            operation,
            catalog.supported_operations(entry),
            catalog.endpoint_by_operation(entry),
        )
    if req.body.get("stream") is True:
        raise errors.stream_not_supported(entry.id, GENERATE_PATH)
    inputs = await anyio.to_thread.run_sync(reference_inputs, state, req, op, entry.id)
    body = {k: v for k, v in req.body.items() if k not in _INPUT_KEYS}
    norm = normalize(entry.id, FAMILIES[entry.family], entry.delivery, entry.async_ok, body)
    refuse_if_broke(call, entry, estimated_cost(entry, norm))
    record_run(call, entry, norm.ignored, "image_to_image_requests")
    specs = [
        EditSpec(
            model=entry.id,
            effect="i2i",
            prompt=norm.prompt,
            inputs=tuple(image.data for image in inputs.images),
            width=norm.width,
            height=norm.height,
            index=index,
        )
        for index in range(norm.n)
    ]
    return await respond(
        state, entry.id, specs, want_task=norm.want_task, response_format=norm.response_format
    )


async def _stream(state: GatewayState, norm: Normalized, specs: list[RenderSpec]) -> Response:
    """SSE: per image, its partial renders (coarse to fine) then a completed event.

    With n > 1 the images follow one another, each restarting partial_image_index at 0.
    """
    chunks: list[bytes] = []
    share = usage(replace(norm, n=1))
    for spec in specs:
        partials, final = await materialize_streamed(state, spec, norm.partial_images)
        for number, blob in enumerate(partials):
            event = {
                "type": "image_generation.partial_image",
                "b64_json": base64.b64encode(blob).decode("ascii"),
                "partial_image_index": number,
                "created_at": int(time.time()),
                **_echo(norm),
            }
            chunks.append(sse_event(event["type"], event))
        done = {
            "type": "image_generation.completed",
            "b64_json": base64.b64encode(final).decode("ascii"),
            "created_at": int(time.time()),
            "usage": share,
            **_echo(norm),
        }
        chunks.append(sse_event(done["type"], done))
    return EventStreamResponse(chunks, state.stream_gap)

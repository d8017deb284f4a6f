"""``POST /v1/images/generations``: validate, count, then answer inline, as a task, or as
a stream of partial images."""

from __future__ import annotations

import base64
import json
import time
from dataclasses import replace
from decimal import Decimal
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from lemon_desktop.sandbox import catalog, errors
from lemon_desktop.sandbox.catalog import ModelEntry
from lemon_desktop.sandbox.drawing import RenderSpec
from lemon_desktop.sandbox.errors import Issue
from lemon_desktop.sandbox.families import FAMILIES
from lemon_desktop.sandbox.images import materialize, materialize_streamed
from lemon_desktop.sandbox.responses import EventStreamResponse, sse_event
from lemon_desktop.sandbox.rules import Normalized, normalize
from lemon_desktop.sandbox.state import Call, GatewayState
from lemon_desktop.sandbox.tasks import FATE_BY_FAULT

DEFAULT_MODEL = "dall-e-3"  # the documented default when a request names no model
# The 402 fault reports a balance a quarter of the cost, so it is short whatever the model.
BALANCE_SHARE = 0.25
# Output tokens of one 1024x1024 image by quality (OpenAI's published table); other
# sizes scale with pixel count.
_OUTPUT_TOKENS = {"low": 272, "medium": 1056, "high": 4160}
# Faults that hit after the gateway ran the request (it would bill); see faults.py.
_RUN_THEN_FAIL = {
    "500": errors.internal_error,
    "502": errors.upstream_error,
    "504": errors.timeout_error,
}


async def read_json_object(request: Request) -> dict[str, Any]:
    raw = await request.body()
    try:
        body = json.loads(raw)
    except ValueError:
        raise errors.bad_body("We could not parse the JSON body of your request.") from None
    if not isinstance(body, dict):
        raise errors.bad_body("The request body must be a JSON object.")
    return body


def _lookup_model(body: dict[str, Any]) -> ModelEntry:
    model_id = body.get("model", DEFAULT_MODEL)
    if not isinstance(model_id, str) or not model_id:
        raise errors.validation_failed([Issue("model", "model must be a string", "invalid_type")])
    entry = catalog.get(model_id)
    if entry is None:
        did_you_mean, suggestions = catalog.close_matches(model_id)
        raise errors.model_not_found(model_id, 400, did_you_mean, suggestions)
    if entry.family is None:
        raise errors.unsupported_operation(model_id)
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


async def create_image(request: Request, call: Call) -> Response:
    state = call.state
    body = await read_json_object(request)
    entry = _lookup_model(body)
    assert entry.family is not None
    norm = normalize(entry.id, FAMILIES[entry.family], entry.delivery, entry.async_ok, body)
    hit = call.hit
    if hit is not None and hit.kind == "402":
        # After validation: the gateway needs the request to estimate its cost.
        cost = estimated_cost(entry, norm)
        raise errors.insufficient_balance(round(cost * BALANCE_SHARE, 6), cost)

    state.stats.count_create(entry.id)
    for name in norm.stripped:
        state.stats.incr_key("stripped_params", name)
    for name in norm.ignored:
        state.stats.incr_key("ignored_params", name)
    if hit is not None and hit.kind in _RUN_THEN_FAIL:
        raise _RUN_THEN_FAIL[hit.kind]()

    specs = _specs(norm)
    if norm.want_task:
        return _create_task(state, norm, specs)
    if norm.stream:
        return await _stream(state, norm, specs)
    images = await materialize(state, specs)
    data: list[dict[str, Any]] = []
    for url, blob in images:
        if norm.response_format == "b64_json":
            item: dict[str, Any] = {"b64_json": base64.b64encode(blob).decode("ascii")}
        else:
            item = {"url": url}
        if norm.family.revised_prompt:
            item["revised_prompt"] = revised_prompt(norm)
        data.append(item)
    payload: dict[str, Any] = {"created": int(time.time()), "data": data}
    if norm.family.gpt:
        payload.update(_echo(norm), usage=usage(norm))
    return JSONResponse(payload)


def _create_task(state: GatewayState, norm: Normalized, specs: list[RenderSpec]) -> Response:
    fate_hit = state.faults.draw("create", "task").hit
    if fate_hit is not None:
        state.stats.incr_key("faults_fired", fate_hit.kind)
    fate = FATE_BY_FAULT[fate_hit.kind] if fate_hit else "normal"
    task = state.tasks.create(norm.model, specs, state.task_seconds, fate)
    return JSONResponse(
        {
            "created": int(task.created_wall),
            "id": task.id,
            "task_id": task.id,
            "object": "image.task",
            "model": norm.model,
            "status": "pending",
            "poll_url": task.poll_url,
            "data": [],
        }
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

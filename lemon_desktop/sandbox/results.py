"""Answering a create that the gateway ran: as a task to poll, or inline with URLs or
base64. Shared by generations, edits, variations and the finishing models."""

from __future__ import annotations

import base64
import time
from collections.abc import Sequence
from typing import Any

from starlette.responses import JSONResponse, Response

from lemon_desktop.sandbox.drawing import Renderable
from lemon_desktop.sandbox.images import materialize
from lemon_desktop.sandbox.state import GatewayState
from lemon_desktop.sandbox.tasks import FATE_BY_FAULT


def start_task(state: GatewayState, model: str, specs: Sequence[Renderable]) -> Response:
    fate_hit = state.faults.draw("create", "task").hit
    if fate_hit is not None:
        state.stats.incr_key("faults_fired", fate_hit.kind)
    fate = FATE_BY_FAULT[fate_hit.kind] if fate_hit else "normal"
    error_format = state.options.current.task_error_format
    task = state.tasks.create(model, specs, state.task_seconds, fate, error_format)
    return JSONResponse(
        {
            "created": int(task.created_wall),
            "id": task.id,
            "task_id": task.id,
            "object": "image.task",
            "model": model,
            "status": "pending",
            "poll_url": task.poll_url,
            "data": [],
        }
    )


async def inline_data(
    state: GatewayState, specs: Sequence[Renderable], response_format: str
) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = []
    for url, blob in await materialize(state, specs):
        if response_format == "b64_json":
            data.append({"b64_json": base64.b64encode(blob).decode("ascii")})
        else:
            data.append({"url": url})
    return data


async def respond(
    state: GatewayState,
    model: str,
    specs: Sequence[Renderable],
    *,
    want_task: bool,
    response_format: str,
    extra: dict[str, Any] | None = None,
) -> Response:
    if want_task:
        # Async image tasks return URLs only, whatever response_format asked for.
        return start_task(state, model, specs)
    payload: dict[str, Any] = {
        "created": int(time.time()),
        "data": await inline_data(state, specs, response_format),
    }
    payload.update(extra or {})
    return JSONResponse(payload)

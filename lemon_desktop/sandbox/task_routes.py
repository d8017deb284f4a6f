"""Polling and cancelling tasks (``/v1/tasks/{id}`` and its two older aliases)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from lemon_desktop.sandbox import errors
from lemon_desktop.sandbox.images import materialize
from lemon_desktop.sandbox.state import Call


async def poll_task(request: Request, call: Call) -> Response:
    state = call.state
    state.stats.incr("poll_requests")
    task_id: str = request.path_params["task_id"]
    task = state.tasks.poll(task_id)
    if task is None:
        raise errors.task_not_found(task_id)
    if task.status() == "completed" and task.urls is None:
        images = await materialize(state, task.specs)
        state.tasks.complete(task, [url for url, _ in images])
    return JSONResponse(task.as_json())


async def cancel_task(request: Request, call: Call) -> Response:
    state = call.state
    state.stats.incr("cancel_requests")
    task_id: str = request.path_params["task_id"]
    task, cancelled = state.tasks.cancel(task_id)
    if task is None:
        raise errors.task_not_found(task_id)
    if not cancelled:
        raise errors.task_not_cancellable(task_id, task.status())
    return JSONResponse(task.as_json())

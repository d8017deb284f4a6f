"""Follow a task to its end: poll its `poll_url`, back off, respect a deadline.

A passing fault does not end the wait: a lost connection, an answer that cannot
be read, or a status the retry policy calls transient (408, 429, 5xx; see
`retry.is_transient`) keep polling until the task finishes or the caller's
deadline passes, because the paid work is still running at the gateway. Any
other error status ends the wait at once with the gateway's message: a 404 as a
lost task, a 401 as a rejected key, a 400, 402 or 403 as itself.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable

from .client import LemonClient
from .errors import (
    APIConnectionError,
    APIStatusError,
    LemonError,
    MalformedResponseError,
    NotFoundError,
    TaskFailedError,
    TaskLostError,
    TaskTimeoutError,
)
from .retry import is_transient
from .types import ImagesResult, TaskRef, TaskStatus

log = logging.getLogger(__name__)

DEFAULT_INTERVAL = 3.0
DEFAULT_MAX_INTERVAL = 10.0
DEFAULT_TASK_TIMEOUT = 30 * 60.0


async def wait_for_task(
    client: LemonClient,
    task: TaskRef,
    *,
    timeout: float = DEFAULT_TASK_TIMEOUT,
    interval: float = DEFAULT_INTERVAL,
    max_interval: float = DEFAULT_MAX_INTERVAL,
    on_update: Callable[[TaskStatus], None] | None = None,
) -> ImagesResult:
    """Poll until completed (images) or failed (TaskFailedError).

    Raises TaskTimeoutError once `timeout` seconds have passed.
    """
    started = time.monotonic()
    delay = interval
    last_problem: LemonError | None = None
    try:
        async with asyncio.timeout(timeout):
            while True:
                await asyncio.sleep(delay)
                delay = min(delay * 1.25, max_interval)
                try:
                    status = await client.get_task(task.poll_url)
                except NotFoundError as exc:
                    raise TaskLostError(task.task_id) from exc
                except APIStatusError as exc:
                    if not is_transient(exc):
                        raise
                    last_problem = exc
                    log.warning("polling task %s: %s", task.task_id, exc.user_message)
                    if exc.retry_after is not None:
                        # The gateway said when to ask again; the deadline still holds.
                        delay = max(delay, exc.retry_after)
                    continue
                except (APIConnectionError, MalformedResponseError) as exc:
                    last_problem = exc
                    log.warning("polling task %s: %s", task.task_id, exc.user_message)
                    continue
                if on_update is not None:
                    on_update(status)
                if status.status == "completed":
                    return _completed(task, status)
                if status.status == "failed":
                    raise TaskFailedError(
                        task.task_id,
                        status.error or "the gateway gave no reason",
                        cancelled=status.cancelled,
                    )
    except TimeoutError as exc:
        error = TaskTimeoutError(task.task_id, time.monotonic() - started)
        if last_problem is not None:
            error.add_note(f"Last problem while polling: {last_problem.user_message}")
        raise error from exc


def _completed(task: TaskRef, status: TaskStatus) -> ImagesResult:
    images = tuple(image for image in status.images if image.ready)
    if not images:
        raise MalformedResponseError(f"Task {task.task_id} completed without any image URL.")
    return ImagesResult(images=images, usage=status.usage, task_id=task.task_id)

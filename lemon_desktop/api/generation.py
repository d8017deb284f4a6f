"""One generation from request to files on disk: create, poll if needed, save.

The CLI uses this directly; the job queue runs the same steps one by one so
that it can record each of them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .client import LemonClient
from .download import DownloadedImage, save_image
from .polling import DEFAULT_INTERVAL, DEFAULT_TASK_TIMEOUT, wait_for_task
from .types import GeneratedImage, ImagesResult, TaskRef, TaskStatus, Usage


@dataclass(frozen=True)
class SavedResult:
    image: GeneratedImage
    file: DownloadedImage


@dataclass(frozen=True)
class GenerationOutcome:
    request: dict[str, Any]
    saved: tuple[SavedResult, ...]
    task_id: str | None
    usage: Usage | None


async def generate_to_folder(
    client: LemonClient,
    request: dict[str, Any],
    folder: Path,
    *,
    task_timeout: float = DEFAULT_TASK_TIMEOUT,
    poll_interval: float = DEFAULT_INTERVAL,
    on_task: Callable[[TaskRef], None] | None = None,
    on_update: Callable[[TaskStatus], None] | None = None,
) -> GenerationOutcome:
    created = await client.create_image(request)
    if isinstance(created, TaskRef):
        if on_task is not None:
            on_task(created)
        result: ImagesResult = await wait_for_task(
            client, created, timeout=task_timeout, interval=poll_interval, on_update=on_update
        )
    else:
        result = created
    saved = []
    for image in result.images:
        saved.append(SavedResult(image, await save_image(client, image, folder)))
    return GenerationOutcome(request, tuple(saved), result.task_id, result.usage)

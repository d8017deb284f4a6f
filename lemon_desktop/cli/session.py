"""A command-line session on the same layers as the window: library, client, job queue."""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from ..api.client import Timeouts
from ..jobs import ErrorCode, Job, JobEvent, JobQueue, JobState, QueueSettings, money
from ..library import Library
from ..settings import Settings, load_settings
from .context import Context
from .errors import Exit
from .output import terminal_safe


def open_library(home: Path, settings: Settings | None = None) -> Library:
    settings = settings or load_settings(home)
    return Library.open(settings.library_root(home))


@asynccontextmanager
async def queue_session(
    context: Context,
    *,
    poll_interval: float | None = None,
    task_timeout: float | None = None,
    allow_unknown_cost: bool = False,
    quiet: bool | None = None,
) -> AsyncIterator[tuple[JobQueue, Library]]:
    settings = load_settings(context.home)
    library = open_library(context.home, settings)
    try:
        timeouts = Timeouts(connect=settings.connect_timeout, read=settings.read_timeout)
        async with context.client(timeouts=timeouts) as client:
            queue = JobQueue(
                client,
                library,
                QueueSettings(
                    concurrency=settings.concurrency,
                    poll_interval=settings.poll_interval
                    if poll_interval is None
                    else poll_interval,
                    task_timeout=settings.task_timeout if task_timeout is None else task_timeout,
                    daily_cap_usd=settings.daily_cap,
                    allow_unknown_cost=allow_unknown_cost,
                ),
            )
            # Progress is for people watching; scripts read stderr for the error sentence.
            show_progress = sys.stderr.isatty() if quiet is None else not quiet
            if show_progress:
                queue.subscribe(print_progress)
            try:
                yield queue, library
            finally:
                await queue.aclose()
    finally:
        library.close()


def print_progress(event: JobEvent) -> None:
    job = event.job
    if event.kind == "queue_paused":
        print(f"queue paused: {terminal_safe(event.message)}", file=sys.stderr)
    elif job is None:
        return
    elif event.kind == "added":
        estimate = f" (about {money(job.estimate_usd)})" if job.estimate_usd is not None else ""
        model = terminal_safe(job.model)
        print(f"job {job.id[:8]} queued: {model}{estimate or ' (price unknown)'}", file=sys.stderr)
    elif event.kind == "changed":
        progress = f" {job.progress:.0f}%" if job.progress is not None else ""
        print(f"job {job.id[:8]} {job.state.value}{progress}", file=sys.stderr)
    elif event.kind == "image_stored":
        print(f"job {job.id[:8]} stored image {event.image_id}", file=sys.stderr)


def job_record(job: Job, library: Library) -> dict[str, Any]:
    record = job.to_json()
    images = []
    for image_id in job.image_ids:
        image = library.get(image_id)
        images.append(
            {
                "id": image.id,
                "path": str(image.path),
                "sha256": image.sha256,
                "format": image.format,
                "bytes": image.bytes,
                "width": image.width,
                "height": image.height,
                "revised_prompt": image.revised_prompt,
                "source_url": image.source_url,
            }
        )
    record["images"] = images
    return record


_EXIT_BY_CODE = {
    ErrorCode.AUTH: Exit.NO_KEY,
    ErrorCode.CAP: Exit.GATEWAY,
    ErrorCode.PRICE_UNKNOWN: Exit.GATEWAY,
    ErrorCode.TASK_FAILED: Exit.TASK,
    ErrorCode.TASK_TIMEOUT: Exit.TASK,
    ErrorCode.CANCELLED: Exit.TASK,
}


def exit_for(jobs: list[Job]) -> Exit:
    """0 when every job is done; otherwise the exit code of the first one that is not."""
    for job in jobs:
        if job.state is not JobState.DONE:
            try:
                code = ErrorCode(job.error_code) if job.error_code else None
            except ValueError:  # a code written by a newer version
                code = None
            return _EXIT_BY_CODE.get(code, Exit.GATEWAY) if code else Exit.GATEWAY
    return Exit.OK


def report_unfinished(jobs: list[Job]) -> None:
    for job in jobs:
        if job.state is not JobState.DONE:
            reason = terminal_safe(job.error or f"the job is {job.state.value}")
            model = terminal_safe(job.model)
            print(f"lemon-desktop: job {job.id[:8]} ({model}): {reason}", file=sys.stderr)

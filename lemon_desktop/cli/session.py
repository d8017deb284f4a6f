"""A command-line session: the core session the window also stands on (library, client,
job queue), with progress lines on stderr for a person watching."""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from ..core.session import QueueOverrides, Session, open_with_jobs_tables
from ..jobs import ErrorCode, Job, JobEvent, JobQueue, JobState, money
from ..library import Library
from ..settings import Settings, load_settings
from .context import Context
from .errors import Exit
from .output import terminal_safe


def open_library(home: Path, settings: Settings | None = None) -> Library:
    """The library alone, for commands that only read or change local data."""
    settings = settings or load_settings(home)
    return open_with_jobs_tables(settings.library_root(home))


@asynccontextmanager
async def open_session(
    context: Context, overrides: QueueOverrides | None = None
) -> AsyncIterator[Session]:
    """The core session, connected with the command's key; closed on the way out."""
    session = context.session(overrides)
    try:
        await session.open_library()
        # No probe: the command's own calls tell whether the key and gateway work, and
        # their errors carry the exit codes.
        await session.connect(
            context.base_url, context.require_key(), source=context.key_source, probe=False
        )
        yield session
    finally:
        await session.aclose()


@asynccontextmanager
async def queue_session(
    context: Context,
    *,
    poll_interval: float | None = None,
    task_timeout: float | None = None,
    allow_unknown_cost: bool = False,
    quiet: bool | None = None,
) -> AsyncIterator[tuple[JobQueue, Library]]:
    overrides = QueueOverrides(poll_interval, task_timeout, allow_unknown_cost)
    async with open_session(context, overrides) as session:
        queue, library = session.queue, session.library
        assert queue is not None and library is not None  # connect() succeeded
        # Progress is for people watching; scripts read stderr for the error sentence.
        show_progress = sys.stderr.isatty() if quiet is None else not quiet
        if show_progress:
            session.job_events.subscribe(print_progress)
        yield queue, library


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

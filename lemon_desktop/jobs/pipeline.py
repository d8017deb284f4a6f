"""One job's way through the gateway: submit, poll, download and store.

Each step records the job's new state before it acts on it, so a restart
knows where every job stood. What each failure means for the money matters:
a request the gateway never ran fails plainly; one it may have run (the
connection broke after sending) ends as "unknown" and is never re-sent
without the user asking.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import functools
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

from .. import __version__
from ..api.client import LemonClient
from ..api.download import save_image
from ..api.errors import (
    APIConnectionError,
    APIStatusError,
    AuthenticationError,
    DownloadError,
    InsufficientBalanceError,
    LemonError,
    MalformedResponseError,
    MissingKeyError,
    TaskFailedError,
    TaskTimeoutError,
)
from ..api.polling import wait_for_task
from ..api.streaming import PartialImage, create_image_streamed
from ..api.types import CreateResult, GeneratedImage, TaskRef, TaskStatus, Usage
from ..library import Library
from ..library.errors import LibraryError
from ..library.metadata import Provenance
from .cost import PriceBook, actual_usd
from .records import ErrorCode, Job, JobEvent, JobState
from .store import JobStore, now

log = logging.getLogger(__name__)
T = TypeVar("T")

UNKNOWN_OUTCOME = (
    "The connection broke after the request was sent, so the gateway may have run it "
    "(and billed it). Check your usage on the gateway, then retry the job if no image arrived."
)
# A resumed task whose deadline has passed still gets this long to report back.
_GRACE_AFTER_DEADLINE = 30.0


class PauseQueue(Exception):
    """Stop sending new jobs: the key has no balance, was rejected, or storage failed."""

    def __init__(self, message: str, code: ErrorCode) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass(frozen=True)
class PipelineSettings:
    poll_interval: float = 3.0
    max_poll_interval: float = 10.0
    task_timeout: float = 1800.0
    max_download_bytes: int = 64 * 1024 * 1024


class Pipeline:
    def __init__(
        self,
        client: LemonClient,
        library: Library,
        store: JobStore,
        prices: PriceBook,
        settings: PipelineSettings,
        emit: Callable[[JobEvent], None],
        downloads: Path,
    ) -> None:
        self.client = client
        self.library = library
        self.store = store
        self.prices = prices
        self.settings = settings
        self.emit = emit
        self.downloads = downloads
        # One thread for all disk work: SQLite serialises writers anyway, and fewer
        # threads competing for the GIL keep the event loop (and the window) responsive.
        self._disk = ThreadPoolExecutor(max_workers=1, thread_name_prefix="lemon-jobs-disk")
        # Storing images (metadata, hashing, fsync) overlaps with job bookkeeping.
        self._images = ThreadPoolExecutor(max_workers=2, thread_name_prefix="lemon-jobs-images")

    async def off_loop(self, function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run blocking disk work on the jobs' disk thread."""
        return await _run_in(self._disk, function, *args, **kwargs)

    async def _store_image(self, function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        return await _run_in(self._images, function, *args, **kwargs)

    def close(self) -> None:
        self._images.shutdown(wait=True)
        self._disk.shutdown(wait=True)

    async def update(self, job_id: str, **changes: Any) -> Job | None:
        """Record a change (off the event loop: commits wait for the disk) and announce it."""
        job = await self.off_loop(self.store.update, job_id, **changes)
        if job is not None:
            self.emit(JobEvent("changed", job))
        return job

    # ----- submit -----------------------------------------------------------------

    async def submit(self, job: Job) -> Job | None:
        """Send the create request; the job comes back running, downloading or finished."""
        sending = await self.update(
            job.id, state=JobState.SUBMITTING, submitted=now(), error=None, error_code=None
        )
        if sending is None:
            return None
        try:
            result = await self._create(sending)
        except (InsufficientBalanceError, AuthenticationError, MissingKeyError) as exc:
            # Nothing ran; every later job would meet the same answer.
            code = (
                ErrorCode.BALANCE if isinstance(exc, InsufficientBalanceError) else ErrorCode.AUTH
            )
            await self.update(job.id, state=JobState.HELD, error=exc.user_message, error_code=code)
            raise PauseQueue(exc.user_message, code) from exc
        except APIConnectionError as exc:
            if exc.sent:
                return await self.finish(
                    job.id, JobState.UNKNOWN, UNKNOWN_OUTCOME, ErrorCode.OUTCOME_UNKNOWN
                )
            return await self.finish(job.id, JobState.FAILED, exc.user_message, ErrorCode.NETWORK)
        except MalformedResponseError as exc:
            message = f"{exc.user_message} {UNKNOWN_OUTCOME}"
            return await self.finish(job.id, JobState.UNKNOWN, message, ErrorCode.OUTCOME_UNKNOWN)
        except APIStatusError as exc:
            return await self.finish(job.id, JobState.FAILED, exc.user_message, ErrorCode.GATEWAY)
        if isinstance(result, TaskRef):
            return await self.update(
                job.id, state=JobState.RUNNING, task_id=result.task_id, poll_url=result.poll_url
            )
        return await self.update(
            job.id,
            state=JobState.DOWNLOADING,
            results=[_result_entry(image) for image in result.images],
            usage=result.usage.raw if result.usage else None,
        )

    async def _create(self, job: Job) -> CreateResult:
        if not job.stream:
            return await self.client.create_image(job.request)

        def on_partial(partial: PartialImage) -> None:
            try:
                preview = base64.b64decode(partial.b64_json)
            except ValueError:
                return
            self.emit(JobEvent("preview", job, preview=preview))

        return await create_image_streamed(self.client, job.request, on_partial)

    # ----- poll -------------------------------------------------------------------

    async def poll(self, job: Job) -> Job | None:
        assert job.task_id and job.poll_url
        started = job.submitted or job.created
        remaining = self.settings.task_timeout - (now() - started).total_seconds()
        current = job

        def on_update(status: TaskStatus) -> None:
            nonlocal current
            if status.progress is not None and status.progress != current.progress:
                current = replace(current, progress=status.progress)
                self.emit(JobEvent("changed", current))

        try:
            result = await wait_for_task(
                self.client,
                TaskRef(job.task_id, job.poll_url),
                timeout=max(remaining, _GRACE_AFTER_DEADLINE),
                interval=self.settings.poll_interval,
                max_interval=self.settings.max_poll_interval,
                on_update=on_update,
            )
        except TaskFailedError as exc:
            if exc.cancelled:
                return await self.finish(
                    job.id, JobState.CANCELLED, exc.user_message, ErrorCode.CANCELLED
                )
            return await self.finish(
                job.id, JobState.FAILED, exc.user_message, ErrorCode.TASK_FAILED
            )
        except (TaskTimeoutError, MalformedResponseError) as exc:
            return await self.finish(
                job.id, JobState.FAILED, exc.user_message, ErrorCode.TASK_TIMEOUT
            )
        except AuthenticationError as exc:
            raise PauseQueue(exc.user_message, ErrorCode.AUTH) from exc
        return await self.update(
            job.id,
            state=JobState.DOWNLOADING,
            progress=100.0,
            results=[_result_entry(image) for image in result.images],
            usage=result.usage.raw if result.usage else job.usage,
        )

    # ----- download and store -------------------------------------------------------

    async def download(self, job: Job) -> Job | None:
        results = [dict(entry) for entry in job.results]
        pricing = await self.prices.pricing(job.model)
        usage = Usage.parse(job.usage)
        cost = actual_usd(pricing, usage, len(results))
        missing = [i for i, entry in enumerate(results) if entry.get("image_id") is None]
        current: Job | None = job
        for index in missing:
            entry = results[index]
            try:
                data = await self._fetch(entry, job.id)
                record = await self._store_image(
                    self.library.add_bytes, data, self._provenance(job, entry, cost), job_id=job.id
                )
            except DownloadError as exc:
                return await self.finish(
                    job.id, JobState.FAILED, exc.user_message, ErrorCode.DOWNLOAD
                )
            except (LibraryError, OSError) as exc:
                # The images are paid for: keep the job downloading, to finish on resume.
                message = f"Could not store the image: {exc}"
                await self.update(job.id, error=message, error_code=ErrorCode.STORAGE)
                raise PauseQueue(message, ErrorCode.STORAGE) from exc
            entry.pop("b64_json", None)
            entry["image_id"] = record.id
            results[index] = entry
            if index == missing[-1]:
                # The last image and the end of the job go to disk in one commit.
                current = await self.finish(
                    job.id, JobState.DONE, None, None, cost_usd=cost, results=results
                )
            else:
                current = await self.update(job.id, results=results)
            if current is None:  # cancelled while downloading
                return None
            self.emit(JobEvent("image_stored", current, image_id=record.id))
        if not missing:
            current = await self.finish(job.id, JobState.DONE, None, None, cost_usd=cost)
        return current

    async def _fetch(self, entry: dict[str, Any], job_id: str) -> bytes:
        if entry.get("b64_json"):
            return await self.off_loop(base64.b64decode, entry["b64_json"])
        # A folder per job: two jobs may fetch identical bytes at the same time.
        folder = self.downloads / job_id
        saved = await save_image(
            self.client,
            GeneratedImage(url=entry.get("url")),
            folder,
            max_bytes=self.settings.max_download_bytes,
        )
        try:
            return await self.off_loop(saved.path.read_bytes)
        finally:
            with contextlib.suppress(OSError):
                saved.path.unlink()
                folder.rmdir()

    def _provenance(self, job: Job, entry: dict[str, Any], job_cost: Decimal | None) -> Provenance:
        share = None
        if job_cost is not None and job.results:
            share = str((job_cost / len(job.results)).quantize(Decimal("0.0001")))
        return Provenance(
            prompt=job.prompt,
            model=job.model,
            params={k: v for k, v in job.request.items() if k not in ("model", "prompt")},
            revised_prompt=entry.get("revised_prompt"),
            task_id=job.task_id,
            source_url=entry.get("url"),
            usage=job.usage,
            cost_usd=share,
            created=now().isoformat(),
            app=f"lemon-desktop/{__version__}",
        )

    # ----- endings ----------------------------------------------------------------

    async def finish(
        self,
        job_id: str,
        state: JobState,
        error: str | None,
        code: ErrorCode | None,
        **changes: Any,
    ) -> Job | None:
        return await self.update(
            job_id, state=state, error=error, error_code=code, finished=now(), **changes
        )

    async def cancel_at_gateway(self, job: Job) -> None:
        if not job.task_id:
            return
        # Only some task kinds can be cancelled; the job is cancelled here either way.
        with contextlib.suppress(LemonError):
            await self.client.cancel_task(job.task_id)


async def _run_in(
    executor: ThreadPoolExecutor, function: Callable[..., T], *args: Any, **kwargs: Any
) -> T:
    call = functools.partial(function, *args, **kwargs)
    return await asyncio.get_running_loop().run_in_executor(executor, call)


def _result_entry(image: GeneratedImage) -> dict[str, Any]:
    entry: dict[str, Any] = {"url": image.url, "revised_prompt": image.revised_prompt}
    if image.b64_json:
        entry["b64_json"] = image.b64_json
    return {k: v for k, v in entry.items() if v is not None}


def local_day_start(moment: datetime | None = None) -> datetime:
    local = (moment or now()).astimezone()
    return local.replace(hour=0, minute=0, second=0, microsecond=0)

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
import binascii
import contextlib
import functools
import logging
import math
import os
import shutil
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

from .. import __version__
from ..api.client import LemonClient
from ..api.download import decode_base64_image, fetch_image
from ..api.errors import (
    APIConnectionError,
    APIStatusError,
    AuthenticationError,
    ConfigError,
    DownloadError,
    InsufficientBalanceError,
    LemonError,
    MissingKeyError,
    TaskFailedError,
    TaskTimeoutError,
)
from ..api.polling import wait_for_task
from ..api.profiles.schema import InvalidRequest
from ..api.routing import send_request
from ..api.streaming import PartialImage, create_image_streamed
from ..api.types import CreateResult, GeneratedImage, TaskRef, TaskStatus, Usage
from ..api.uploads import FileIdCache
from ..library import Library
from ..library.errors import LibraryError, NotAnImage
from ..library.integrity import IncompleteImage, check_whole_image
from ..library.metadata import Provenance
from .cost import PriceBook, actual_usd
from .finishing import can_composite, composite_result
from .inputs import InputProblem, lineage_for, resolve_inputs
from .records import ErrorCode, Job, JobEvent, JobState
from .store import JobStore, now

log = logging.getLogger(__name__)
T = TypeVar("T")

UNKNOWN_OUTCOME = (
    "The connection broke after the request was sent, so the gateway may have run it "
    "(and billed it). Check your usage on the gateway, then retry the job if no image arrived."
)
MAYBE_ACCEPTED = (
    "The gateway may have run this request (and billed it), so it is not sent again on its "
    "own. Check your usage on the gateway, then retry the job if no image arrived."
)
# A resumed task whose deadline has passed (the app was closed meanwhile) still gets
# this long to report back. A task followed from its start gets the user's timeout only.
GRACE_AFTER_RESTART = 30.0


def check_again_hint(job_id: str) -> str:
    return (
        f"`lemon-desktop jobs check {job_id[:8]}` (or Check again in the queue) looks again "
        "without sending a new, billed request."
    )


class ResultUnusable(Exception):
    """A result the gateway returned cannot become an image; `reason` says why."""

    def __init__(self, reason: str, *, can_check: bool = True) -> None:
        super().__init__(reason)
        self.reason = reason
        self.can_check = can_check


def positive_seconds(name: str, value: float) -> float:
    """`value` when it is a finite number of seconds above zero; else a ValueError saying so."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(f"{name} must be a number of seconds above 0, not {value!r}.")
    if value <= 0:
        raise ValueError(f"{name} must be more than 0 seconds, not {value:g}.")
    return float(value)


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
    restart_grace: float = GRACE_AFTER_RESTART

    def __post_init__(self) -> None:
        positive_seconds("The poll interval", self.poll_interval)
        positive_seconds("The longest poll interval", self.max_poll_interval)
        positive_seconds("The task timeout", self.task_timeout)
        if self.max_download_bytes <= 0:
            raise ValueError("The download limit must be more than 0 bytes.")


class Pipeline:
    def __init__(
        self,
        client: LemonClient,
        library: Library,
        store: JobStore,
        prices: PriceBook,
        settings: PipelineSettings,
        emit: Callable[[JobEvent], None],
        scratch: Path,
        file_ids: FileIdCache | None = None,
    ) -> None:
        self.client = client
        # Where uploaded input ids are remembered (the jobs tables, so retries and other
        # processes reuse them); None: the client's own, in memory.
        self.file_ids = file_ids
        self.library = library
        self.store = store
        self.prices = prices
        self.settings = settings
        self.emit = emit
        self.scratch = scratch  # the open library's own temp folder
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
            job.id,
            state=JobState.SUBMITTING,
            submitted=now(),
            error=None,
            error_code=None,
            estimate_usd=job.estimate_usd,  # found while it waited, if it had none
        )
        if sending is None:
            return None
        try:
            result, sent = await self._create(sending)
        except (InputProblem, InvalidRequest) as exc:
            # Checked before anything went out (an input gone, changed or over a limit).
            return await self.finish(job.id, JobState.FAILED, str(exc), ErrorCode.GATEWAY)
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
        except APIStatusError as exc:
            return await self.finish(job.id, JobState.FAILED, exc.user_message, ErrorCode.GATEWAY)
        except TaskFailedError as exc:  # a streamed answer that reported a failure
            return await self.finish(
                job.id, JobState.FAILED, exc.user_message, ErrorCode.TASK_FAILED
            )
        except ConfigError as exc:  # refused before anything was sent
            return await self.finish(job.id, JobState.FAILED, exc.user_message, ErrorCode.GATEWAY)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            # A malformed answer (or one this app cannot read) to a request that went out:
            # the gateway may have accepted it, so it is never re-sent on its own.
            log.warning("job %s: unreadable create answer: %r", job.id, exc)
            message = f"{_describe(exc, 'The answer from the gateway could not be read.')} "
            return await self.finish(
                job.id, JobState.UNKNOWN, message + MAYBE_ACCEPTED, ErrorCode.OUTCOME_UNKNOWN
            )
        how = {"sent": sent} if sent is not None else {}
        if isinstance(result, TaskRef):
            return await self.update(
                job.id,
                state=JobState.RUNNING,
                task_id=result.task_id,
                poll_url=result.poll_url,
                **how,
            )
        entries, warning = await self._record_results(job, result.images)
        return await self.update(
            job.id,
            state=JobState.DOWNLOADING,
            results=entries,
            usage=result.usage.raw if result.usage else None,
            **how,
            **_warning_fields(warning),
        )

    async def _record_results(
        self, job: Job, images: tuple[GeneratedImage, ...]
    ) -> tuple[list[dict[str, Any]], str | None]:
        """What is written to the job for its results: never more than were asked for,
        and never the raw base64 (that goes to a scratch file until it is stored)."""
        asked = job.request.images
        warning = None
        if len(images) > asked:
            warning = (
                f"The gateway returned {len(images)} images where {asked} "
                f"{'was' if asked == 1 else 'were'} asked for; only the first {asked} "
                "were kept (and counted)."
            )
            log.warning("job %s: %s", job.id, warning)
        entries = []
        for index, image in enumerate(images[:asked]):
            entry = _result_entry(image)
            if image.b64_json:
                entry.update(await self.off_loop(self._spool, job.id, index, image.b64_json))
            entries.append(entry)
        return entries, warning

    def _spool(self, job_id: str, index: int, b64: str) -> dict[str, Any]:
        """Decode inline image data to a scratch file; the entry to record instead of it."""
        try:
            data = decode_base64_image("".join(b64.split()), self.settings.max_download_bytes)
        except DownloadError as exc:
            return {"problem": exc.user_message}
        folder = self.results_folder / job_id
        folder.mkdir(parents=True, exist_ok=True)
        name = f"{index}.bin"
        temp = folder / f".{name}.partial"
        with open(temp, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, folder / name)
        return {"file": f"{job_id}/{name}"}

    async def _create(self, job: Job) -> tuple[CreateResult, dict[str, Any] | None]:
        """The create request's answer, and for a request with input images how it went
        (route, form, file ids)."""

        def on_partial(partial: PartialImage) -> None:
            try:
                preview = base64.b64decode(partial.b64_json)
            except ValueError:
                return
            self.emit(JobEvent("preview", job, preview=preview))

        if job.request.effective_operation != "generate":
            # The inputs' bytes as the library keeps them now: the same bytes every time.
            request = await self.off_loop(resolve_inputs, self.library, job.request)
            sent = await send_request(
                self.client, request, file_ids=self.file_ids, form=job.options.form
            )
            how = {
                "route": sent.route,
                "form": sent.form,
                "file_ids": dict(sent.file_ids),
                "uploaded": list(sent.uploaded),
                "notes": list(sent.notes),
            }
            return sent.result, how
        if not job.stream:
            return await self.client.create_image(job.request), None
        return await create_image_streamed(self.client, job.request, on_partial), None

    # ----- poll -------------------------------------------------------------------

    async def poll(
        self, job: Job, *, resumed: bool = False, since: datetime | None = None
    ) -> Job | None:
        """Follow a task to its end, within the task timeout counted from `since`
        (default: when the job was sent). Only a task resumed after a restart gets
        `restart_grace` past its deadline, and its timeout message says so."""
        assert job.task_id and job.poll_url
        started = since or job.submitted or job.created
        timeout = self.settings.task_timeout - (now() - started).total_seconds()
        grace = resumed and since is None and timeout < self.settings.restart_grace
        if grace:
            timeout = self.settings.restart_grace
        deadline = time.monotonic() + max(timeout, 0.0)
        current = job
        last_problem: str | None = None

        def on_update(status: TaskStatus) -> None:
            nonlocal current
            if status.progress is not None and status.progress != current.progress:
                current = replace(current, progress=status.progress)
                self.emit(JobEvent("changed", current))

        while True:
            try:
                result = await wait_for_task(
                    self.client,
                    TaskRef(job.task_id, job.poll_url),
                    timeout=max(deadline - time.monotonic(), 0.0),
                    interval=self.settings.poll_interval,
                    max_interval=self.settings.max_poll_interval,
                    on_update=on_update,
                )
                break
            except TaskFailedError as exc:
                if exc.cancelled:
                    return await self.finish(
                        job.id, JobState.CANCELLED, exc.user_message, ErrorCode.CANCELLED
                    )
                return await self.finish(
                    job.id, JobState.FAILED, exc.user_message, ErrorCode.TASK_FAILED
                )
            except TaskTimeoutError:
                message = self._timeout_message(job, grace, last_problem)
                return await self.finish(job.id, JobState.FAILED, message, ErrorCode.TASK_TIMEOUT)
            except AuthenticationError as exc:
                # The task keeps running at the gateway: the job stays running (resume
                # polls it again with a new key), with the key problem as its error.
                await self.update(job.id, error=exc.user_message, error_code=ErrorCode.AUTH)
                raise PauseQueue(exc.user_message, ErrorCode.AUTH) from exc
            except APIStatusError as exc:
                # wait_for_task already waited through every transient status (the
                # retry policy's one rule): this one is the gateway's final answer.
                return await self.finish(
                    job.id, JobState.FAILED, exc.user_message, ErrorCode.GATEWAY
                )
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                # An answer this app cannot read about a paid task that may still
                # finish: keep asking until the deadline, never give it up early.
                last_problem = _describe(exc, "The task status could not be read.")
                log.warning("polling task %s: %s", job.task_id, last_problem)
                if time.monotonic() >= deadline:
                    message = self._timeout_message(job, grace, last_problem)
                    return await self.finish(
                        job.id, JobState.FAILED, message, ErrorCode.TASK_TIMEOUT
                    )
                await asyncio.sleep(min(self.settings.poll_interval, deadline - time.monotonic()))
        entries, warning = await self._record_results(job, result.images)
        return await self.update(
            job.id,
            state=JobState.DOWNLOADING,
            progress=100.0,
            results=entries,
            usage=result.usage.raw if result.usage else job.usage,
            **_warning_fields(warning),
        )

    def _timeout_message(self, job: Job, grace: bool, last_problem: str | None) -> str:
        limit = f"the task timeout of {self.settings.task_timeout:g} s"
        if grace:
            limit += (
                f" (it was resumed after a restart and given {self.settings.restart_grace:g} s of "
                "grace past that)"
            )
        parts = [f"Task {job.task_id} did not finish within {limit}."]
        if last_problem:
            parts.append(f"Last problem while polling: {last_problem}")
        parts.append(f"It may still finish: {check_again_hint(job.id)}")
        return " ".join(parts)

    # ----- download and store -------------------------------------------------------

    async def download(self, job: Job) -> Job | None:
        results = [dict(entry) for entry in job.results]
        pricing = await self.prices.pricing(job.model)
        usage = Usage.parse(job.usage)
        cost = actual_usd(pricing, usage, len(results))
        # A result stored before a restart may still lack its composite.
        missing = [
            i
            for i, entry in enumerate(results)
            if entry.get("image_id") is None or self._composite_due(job, entry)
        ]
        warning = _warning_fields(job.warning)
        current: Job | None = job
        for index in missing:
            entry = results[index]
            try:
                if entry.get("image_id") is None:
                    data = await self._fetch(entry, job.id)
                    await self.off_loop(_whole_image, data)
                    record = await self._store_image(
                        self.library.add_bytes,
                        data,
                        self._provenance(job, entry, cost),
                        job_id=job.id,
                    )
                else:
                    record = await self.off_loop(self.library.get, entry["image_id"])
                    data = await self.off_loop(record.path.read_bytes)
                if self._composite_due(job, entry):
                    assert job.options.composite is not None
                    entry["composite"] = await self._store_image(
                        composite_result,
                        self.library,
                        job.request,
                        job.options.composite,
                        record,
                        data,
                        self._provenance(job, entry, cost),
                    )
            except (DownloadError, ResultUnusable, NotAnImage) as exc:
                return await self._unusable_result(job, results, index, exc)
            except (LibraryError, OSError) as exc:
                # The images are paid for: keep the job downloading, to finish on resume.
                message = f"Could not store the image: {exc}"
                await self.update(job.id, error=message, error_code=ErrorCode.STORAGE)
                raise PauseQueue(message, ErrorCode.STORAGE) from exc
            entry.pop("b64_json", None)  # rows written by older versions held the data
            spooled = entry.pop("file", None)
            entry["image_id"] = record.id
            results[index] = entry
            if index == missing[-1]:
                # The last image and the end of the job go to disk in one commit.
                current = await self.finish(
                    job.id, JobState.DONE, cost_usd=cost, results=results, **warning
                )
            else:
                current = await self.update(job.id, results=results)
            if spooled:
                await self.off_loop(self._forget_spooled, spooled)
            if current is None:  # cancelled while downloading
                return None
            self.emit(JobEvent("image_stored", current, image_id=record.id))
        if not missing:
            current = await self.finish(job.id, JobState.DONE, cost_usd=cost, **warning)
        await self.off_loop(shutil.rmtree, self.results_folder / job.id, True)
        return current

    async def _unusable_result(
        self, job: Job, results: list[dict[str, Any]], index: int, exc: Exception
    ) -> Job | None:
        """Fail this job alone, saying why and how to look again; the queue goes on."""
        if isinstance(exc, DownloadError):
            reason, can_check = exc.user_message, True
        elif isinstance(exc, ResultUnusable):
            reason, can_check = exc.reason, exc.can_check
        else:
            reason, can_check = str(exc), True
        entry = results[index]
        spooled = entry.get("file")
        if spooled:
            # Data that came inline cannot be fetched again: keep the reason, not the bytes.
            results[index] = {k: v for k, v in entry.items() if k != "file"} | {"problem": reason}
            await self.off_loop(self._forget_spooled, spooled)
            can_check = bool(entry.get("url"))
        sentence = reason[0].upper() + reason[1:] if reason else "The result is unusable"
        sentence = sentence if sentence.endswith(".") else sentence + "."
        if can_check:
            sentence += f" It may still be fetched: {check_again_hint(job.id)}"
        elif job.task_id:
            sentence += f" {check_again_hint(job.id)}"
        else:
            sentence += " Retry sends the request again (and is billed again)."
        return await self.finish(
            job.id, JobState.FAILED, sentence, ErrorCode.DOWNLOAD, results=results
        )

    @property
    def results_folder(self) -> Path:
        """Inline results wait here, decoded, until they are in the library."""
        return self.scratch / "results"

    def _forget_spooled(self, relative: str) -> None:
        with contextlib.suppress(OSError):
            (self.results_folder / relative).unlink()

    async def _fetch(self, entry: dict[str, Any], job_id: str) -> bytes:
        if entry.get("file"):
            try:
                return await self.off_loop((self.results_folder / entry["file"]).read_bytes)
            except FileNotFoundError:
                raise ResultUnusable("the saved image data is gone", can_check=False) from None
        if entry.get("b64_json"):  # a row written by an older version
            try:
                return await self.off_loop(base64.b64decode, entry["b64_json"], validate=True)
            except (binascii.Error, ValueError):
                raise ResultUnusable(
                    "the image data from the gateway is not valid base64", can_check=False
                ) from None
        if entry.get("problem"):
            raise ResultUnusable(str(entry["problem"]), can_check=bool(entry.get("url")))
        if not entry.get("url"):
            raise ResultUnusable("the result has neither an image link nor image data")
        # Held in memory (within the cap) and written once, by the library, in its final
        # form: the stored file carries the provenance, so it cannot be the bytes received.
        fetched = await fetch_image(
            self.client,
            GeneratedImage(url=entry.get("url")),
            max_bytes=self.settings.max_download_bytes,
        )
        return fetched.data

    @staticmethod
    def _composite_due(job: Job, entry: dict[str, Any]) -> bool:
        return (
            job.options.composite is not None
            and can_composite(job.request)
            and "composite" not in entry
        )

    def _provenance(self, job: Job, entry: dict[str, Any], job_cost: Decimal | None) -> Provenance:
        share = None
        if job_cost is not None and job.results:
            share = str((job_cost / len(job.results)).quantize(Decimal("0.0001")))
        made_from = lineage_for(job.request)
        return Provenance(
            prompt=job.request.prompt,
            model=job.request.model,
            params=job.request.params.to_dict(),
            revised_prompt=entry.get("revised_prompt"),
            task_id=job.task_id,
            source_url=entry.get("url"),
            usage=job.usage,
            cost_usd=share,
            created=now().isoformat(),
            app=f"lemon-desktop/{__version__}",
            lineage=made_from.to_json() if made_from else None,
        )

    # ----- endings ----------------------------------------------------------------

    async def finish(
        self,
        job_id: str,
        state: JobState,
        error: str | None = None,
        code: ErrorCode | None = None,
        **changes: Any,
    ) -> Job | None:
        fields: dict[str, Any] = {"error": error, "error_code": code, **changes}
        return await self.update(job_id, state=state, finished=now(), **fields)

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
    return {k: v for k, v in entry.items() if v is not None}


def _warning_fields(warning: str | None) -> dict[str, Any]:
    return {"error": warning, "error_code": ErrorCode.RESULTS_CAPPED} if warning else {}


def _whole_image(data: bytes) -> str:
    try:
        return check_whole_image(data)
    except IncompleteImage as exc:
        raise ResultUnusable(exc.reason) from exc


def _describe(exc: BaseException, fallback: str) -> str:
    """One sentence for a failure: the error's own words, never a traceback."""
    if isinstance(exc, LemonError):
        return exc.user_message
    return f"{fallback} ({type(exc).__name__})"


def local_day_start(moment: datetime | None = None) -> datetime:
    local = (moment or now()).astimezone()
    return local.replace(hour=0, minute=0, second=0, microsecond=0)

"""The job queue: durable jobs run on the asyncio loop, watched through events.

The window and the command line use this one class. Jobs are recorded before
anything is sent; at most `concurrency` creates are in flight at once, and as
many downloads on their own allowance, so that results (whose URLs expire) never
wait behind new submissions. Task polling runs in the background unthrottled,
because it is cheap and a slow task must not block the queue.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal

from ..api.client import LemonClient
from ..api.errors import LemonError
from ..api.request import ImageRequest
from ..library import Library
from .cost import PriceBook, money
from .file_ids import StoredFileIds
from .inputs import store_inputs
from .options import JobOptions
from .pipeline import (
    GRACE_AFTER_RESTART,
    PauseQueue,
    Pipeline,
    PipelineSettings,
    check_again_hint,
    local_day_start,
    positive_seconds,
)
from .records import (
    ErrorCode,
    Job,
    JobEvent,
    JobState,
    gateway_label,
    sane_usd,
    switch_hint,
)
from .store import JobStore, NewJob, Spending, now

log = logging.getLogger(__name__)

Listener = Callable[[JobEvent], None]

# Let a create already on its way get its answer before the app closes, so that
# fewer jobs end "outcome unknown".
_SHUTDOWN_GRACE = 5.0
_INTERRUPTED = (
    "Lemon Desktop stopped while this job was being sent, so it may or may not have run "
    "at the gateway. Retry it if no image arrives; it is never re-sent on its own."
)


@dataclass(frozen=True)
class QueueSettings:
    concurrency: int = 4
    poll_interval: float = 3.0
    task_timeout: float = 1800.0
    daily_cap_usd: Decimal | None = None
    max_download_bytes: int = 64 * 1024 * 1024
    # With a cap set, a job whose price cannot be read is held unless this is on
    # (`--allow-unknown-cost`): the cap cannot be kept for an amount nobody knows.
    allow_unknown_cost: bool = False
    # What a task resumed after a restart gets past its deadline (see Pipeline.poll).
    restart_grace: float = GRACE_AFTER_RESTART

    def __post_init__(self) -> None:
        if isinstance(self.concurrency, bool) or not 1 <= self.concurrency <= 64:
            raise ValueError(f"Concurrency must be from 1 to 64, not {self.concurrency!r}.")
        positive_seconds("The poll interval", self.poll_interval)
        positive_seconds("The task timeout", self.task_timeout)
        if self.daily_cap_usd is not None and sane_usd(self.daily_cap_usd) is None:
            raise ValueError(
                f"The daily spending cap must be an amount of dollars, not {self.daily_cap_usd}."
            )


class JobQueue:
    def __init__(
        self,
        client: LemonClient,
        library: Library,
        settings: QueueSettings | None = None,
        *,
        gateway: str | None = None,
    ) -> None:
        """`gateway`: the identity of the gateway `client` talks to (`gateway_identity`;
        "sandbox" for the built-in one, whose port changes at every start); by default
        the client's base URL. Jobs are recorded with it and only its jobs are resumed."""
        self.settings = settings or QueueSettings()
        self.gateway = gateway or client.base_url
        # Unfinished jobs of another gateway, found by start(): recorded, left untouched.
        self.waiting_elsewhere: list[Job] = []
        self.store = JobStore(library.database)
        self.prices = PriceBook(client)
        self._pipeline = Pipeline(
            client,
            library,
            self.store,
            self.prices,
            PipelineSettings(
                poll_interval=self.settings.poll_interval,
                max_poll_interval=max(10.0, self.settings.poll_interval),
                task_timeout=self.settings.task_timeout,
                max_download_bytes=self.settings.max_download_bytes,
                restart_grace=self.settings.restart_grace,
            ),
            self._emit,
            library.scratch,
            StoredFileIds(library.database),
        )
        self._library = library
        self._listeners: list[Listener] = []
        self._tasks: dict[str, asyncio.Task[None]] = {}
        self._send_slots = asyncio.Semaphore(self.settings.concurrency)
        # Downloads never wait behind new submissions: result URLs expire.
        self._download_slots = asyncio.Semaphore(self.settings.concurrency)
        self._open = asyncio.Event()
        self._open.set()
        self.paused_reason: str | None = None
        self.paused_code: ErrorCode | None = None
        self._cancel_requested: set[str] = set()
        # Jobs of unknown price the user chose to send under a cap (this session).
        self._unknown_cost_allowed: set[str] = set()
        # Jobs being checked again: their task timeout counts from the check.
        self._checked_at: dict[str, datetime] = {}

    # ----- events -------------------------------------------------------------------

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def _emit(self, event: JobEvent) -> None:
        for listener in list(self._listeners):
            try:
                listener(event)
            except Exception:  # a broken listener must not stop the jobs
                log.exception("job event listener failed")

    # ----- lifecycle ------------------------------------------------------------------

    async def start(self) -> list[Job]:
        """Resume every unfinished job of this queue's gateway; returns them. A job caught
        mid-send is never re-sent. Unfinished jobs of another gateway stay as they are
        (its task ids and results mean nothing here) and are listed in
        `waiting_elsewhere`."""
        resumed = []
        self.waiting_elsewhere = []
        for job in await self._pipeline.off_loop(self.store.unfinished):
            if job.waits_for(self.gateway):
                self.waiting_elsewhere.append(job)
            elif job.state is JobState.SUBMITTING:
                await self._pipeline.finish(
                    job.id, JobState.UNKNOWN, _INTERRUPTED, ErrorCode.OUTCOME_UNKNOWN
                )
            elif job.state is not JobState.HELD:
                self._schedule(job)
                resumed.append(job)
        return resumed

    async def aclose(self) -> None:
        """Stop working; unfinished jobs stay recorded and resume on the next start."""
        sending = [
            task
            for job_id, task in self._tasks.items()
            if self._state_of(job_id) is JobState.SUBMITTING
        ]
        if sending:
            await asyncio.wait(sending, timeout=_SHUTDOWN_GRACE)
        tasks = list(self._tasks.values())
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        self._pipeline.close()

    async def wait_idle(self) -> None:
        """Until no job is being worked on (held jobs wait for resume_queue)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks.values()), return_exceptions=True)

    # ----- submitting -------------------------------------------------------------------

    async def estimate(self, request: ImageRequest) -> Decimal | None:
        """The price list's estimate for `request` (None: unknown)."""
        return await self.prices.estimate(request.model, request)

    async def submit(
        self,
        request: ImageRequest,
        *,
        estimate: Decimal | None = None,
        batch_id: str | None = None,
        options: JobOptions | None = None,
    ) -> Job:
        """Record the job (queued, with `estimate`) and start it; nothing is sent before
        the job is on disk. Without an estimate the price is unknown until the price
        list answers; recording never waits for it. Input images are stored in the
        library first (InputProblem names one that cannot be), so the job names them by
        library id and hash and every send reads the same bytes."""
        [job] = await self.submit_many(
            [request], estimates=[estimate], batch_id=batch_id, options=options
        )
        return job

    async def submit_batch(
        self,
        requests: Sequence[ImageRequest],
        *,
        estimates: Sequence[Decimal | None] | None = None,
    ) -> list[Job]:
        """One prompt to several models: one batch, shown side by side."""
        return await self.submit_many(requests, estimates=estimates, batch_id=uuid.uuid4().hex)

    async def submit_many(
        self,
        requests: Sequence[ImageRequest],
        *,
        estimates: Sequence[Decimal | None] | None = None,
        batch_id: str | None = None,
        options: JobOptions | None = None,
    ) -> list[Job]:
        """Record every request as one job (each with its estimate, where the caller has
        one), then start them; nothing is sent before all are on disk."""
        known = list(estimates) if estimates is not None else [None] * len(requests)
        if len(known) != len(requests):
            raise ValueError(f"{len(requests)} requests but {len(known)} estimates.")
        requests = [
            await self._pipeline.off_loop(store_inputs, self._library, request)
            if request.source_images or request.mask
            else request
            for request in requests
        ]
        new = [
            NewJob(
                request=request,
                batch_id=batch_id,
                options=options or JobOptions(),
                gateway=self.gateway,
                # Prices already fetched cost nothing to use; the network is never asked here.
                estimate_usd=estimate
                if estimate is not None
                else self.prices.known_estimate(request),
            )
            for request, estimate in zip(requests, known, strict=True)
        ]
        jobs = await self._pipeline.off_loop(self.store.create, new)
        for job in jobs:
            self._emit(JobEvent("added", job))
            self._schedule(job)
        return jobs

    async def retry(self, job_id: str) -> Job:
        """A new job with the same request; the original stays in the history."""
        original = await self._pipeline.off_loop(self.store.get, job_id)
        self._refuse_other_gateway(original, "retry it")
        if not original.can_retry:
            raise ValueError(
                f"Job {job_id[:8]} is {original.state.value}; only failed, cancelled or "
                "unknown jobs can be retried."
            )
        new = NewJob(
            request=original.request,
            batch_id=original.batch_id,
            retry_of=original.id,
            estimate_usd=original.estimate_usd,
            options=original.options,
            gateway=self.gateway,
        )
        [job] = await self._pipeline.off_loop(self.store.create, [new])
        self._emit(JobEvent("added", job))
        self._schedule(job)
        return job

    async def cancel(self, job_id: str) -> Job:
        job = await self._pipeline.off_loop(self.store.get, job_id)
        if job.state.finished:
            return job
        elsewhere = job.waits_for(self.gateway)
        if elsewhere is not None:
            # A job never sent is cancelled here; one sent elsewhere is that gateway's
            # to cancel: this one does not know its task, and its paid result waits there.
            if job.task_id or job.state not in (JobState.QUEUED, JobState.HELD):
                self._refuse_other_gateway(job, "cancel it")
            cancelled = await self._pipeline.finish(
                job_id, JobState.CANCELLED, "Cancelled.", ErrorCode.CANCELLED
            )
            if cancelled is not None:
                return cancelled
            return await self._pipeline.off_loop(self.store.get, job_id)
        if job.state is JobState.SUBMITTING and job_id in self._tasks:
            # Cutting a create off mid-way could leave a paid image nobody collects:
            # wait for the answer, then cancel what it started.
            self._cancel_requested.add(job_id)
            return job
        task = self._tasks.get(job_id)
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await self._pipeline.cancel_at_gateway(job)
        cancelled = await self._pipeline.finish(
            job_id, JobState.CANCELLED, "Cancelled.", ErrorCode.CANCELLED
        )
        if cancelled is not None:
            return cancelled
        return await self._pipeline.off_loop(self.store.get, job_id)

    async def check_again(self, job_id: str) -> Job:
        """Look again for a paid result without a new create: fetch the recorded result
        links or data again, or poll the recorded task again with a fresh timeout."""
        job = await self._pipeline.off_loop(self.store.get, job_id)
        self._refuse_other_gateway(job, "check it again")
        if not job.can_check:
            raise ValueError(
                f"Job {job_id[:8]} is {job.state.value} and has no task or result to look at "
                "again; `lemon-desktop jobs retry` sends its request again (billed again)."
                if job.state in (JobState.FAILED, JobState.UNKNOWN)
                else f"Job {job_id[:8]} is {job.state.value}; only failed or unknown jobs "
                "can be checked again."
            )
        state = JobState.DOWNLOADING if job.pending_results else JobState.RUNNING
        revived = await self._pipeline.off_loop(
            self.store.update,
            job_id,
            allow_finished=True,
            state=state,
            error=None,
            error_code=None,
            finished=None,
        )
        assert revived is not None
        if state is JobState.RUNNING:
            self._checked_at[job_id] = now()
        self._emit(JobEvent("changed", revived))
        self._schedule(revived)
        return revived

    def _refuse_other_gateway(self, job: Job, action: str) -> None:
        """A job made for another gateway is not retried, checked or cancelled here:
        its task is unknown to this gateway, and a sandbox test must not be billed."""
        if job.gateway is None or job.gateway == self.gateway:
            return
        raise ValueError(
            f"Job {job.id[:8]} was made for {gateway_label(job.gateway)}, not "
            f"{gateway_label(self.gateway)}; switch to {gateway_label(job.gateway)} "
            f"({switch_hint(job.gateway)}) to {action}."
        )

    # ----- pausing --------------------------------------------------------------------

    def _pause(self, reason: str, code: ErrorCode | None = None) -> None:
        if self.paused_reason is None:
            self.paused_reason = reason
            self.paused_code = code
            self._open.clear()
            self._emit(JobEvent("queue_paused", message=reason, code=code))

    async def resume_queue(self, *, allow_unknown_cost: bool = False) -> None:
        """Release held jobs and send again (after a top-up, a new key or a raised cap).

        `allow_unknown_cost` sends held jobs whose price is unknown despite the cap."""
        self.paused_reason = None
        self.paused_code = None
        self._open.set()
        self._emit(JobEvent("queue_resumed"))
        for job in await self._pipeline.off_loop(self.store.unfinished):
            if job.id in self._tasks or job.waits_for(self.gateway):
                continue
            if job.state is JobState.HELD:
                if allow_unknown_cost and job.error_code == ErrorCode.PRICE_UNKNOWN:
                    self._unknown_cost_allowed.add(job.id)
                released = await self._pipeline.update(
                    job.id, state=JobState.QUEUED, error=None, error_code=None
                )
                if released is not None:
                    self._schedule(released)
            elif job.state is not JobState.SUBMITTING:
                self._schedule(job)

    def spending_today(self) -> Decimal:
        """Known money spent today; see `spending_detail_today` for jobs of unknown cost."""
        return self.spending_detail_today().total

    def spending_detail_today(self) -> Spending:
        return self.store.spending_detail(local_day_start())

    def spending_by_model_today(self) -> dict[str, Decimal]:
        return self.store.spending(local_day_start())

    # ----- reading ----------------------------------------------------------------------

    def jobs(self, limit: int = 200) -> list[Job]:
        return self.store.recent(limit)

    def get(self, job_id: str) -> Job:
        return self.store.get(job_id)

    # ----- running --------------------------------------------------------------------

    def _state_of(self, job_id: str) -> JobState | None:
        try:
            return self.store.get(job_id).state
        except LookupError:
            return None

    def _schedule(self, job: Job) -> None:
        if job.id in self._tasks:
            return
        task = asyncio.get_running_loop().create_task(self._drive(job), name=f"job-{job.id}")
        self._tasks[job.id] = task

        def forget(_task: asyncio.Task[None], job_id: str = job.id) -> None:
            self._tasks.pop(job_id, None)

        task.add_done_callback(forget)

    async def _drive(self, job: Job) -> None:
        step: Job | None = job
        # A job that is already running when it is picked up was sent before a restart.
        resumed = job.state is JobState.RUNNING
        try:
            if job.state is JobState.QUEUED:
                step = await self._submit(job)
            if step is not None and step.id in self._cancel_requested:
                self._cancel_requested.discard(step.id)
                if step.state is JobState.RUNNING:
                    await self._pipeline.cancel_at_gateway(step)
                    await self._pipeline.finish(
                        step.id, JobState.CANCELLED, "Cancelled.", ErrorCode.CANCELLED
                    )
                    return
            if step is not None and step.state is JobState.RUNNING:
                step = await self._pipeline.poll(
                    step, resumed=resumed, since=self._checked_at.pop(step.id, None)
                )
            if step is not None and step.state is JobState.DOWNLOADING:
                async with self._download_slots:
                    await self._pipeline.download(step)
        except PauseQueue as pause:
            self._pause(pause.message, pause.code)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # a bug must still end the job, never leave it "running"
            await self._end_unexpectedly(job, exc)

    async def _end_unexpectedly(self, job: Job, exc: Exception) -> None:
        """One clear sentence on the job; the traceback only in the log, for a real bug."""
        if isinstance(exc, LemonError):
            log.warning("job %s stopped: %s", job.id, exc.user_message)
            message = exc.user_message
        else:
            log.exception("job %s crashed", job.id)
            message = (
                f"Lemon Desktop met a problem it does not handle ({type(exc).__name__}); "
                "the job's request is kept."
            )
        latest = await self._pipeline.off_loop(self.store.get, job.id)
        if latest.task_id or latest.results:
            message += " " + check_again_hint(job.id)
        await self._pipeline.finish(job.id, JobState.FAILED, message, ErrorCode.INTERNAL)

    async def _submit(self, job: Job) -> Job | None:
        job = await self._with_estimate(job)
        await self._open.wait()
        if await self._over_cap(job):
            return None
        async with self._send_slots:
            # The queue may have been paused while this job waited for a slot.
            await self._open.wait()
            return await self._pipeline.submit(job)

    async def _with_estimate(self, job: Job) -> Job:
        """The job with its estimate filled in when it was recorded without one and the
        price list now gives one (the cap and the queue panel need it)."""
        if job.estimate_usd is not None:
            return job
        estimate = await self.prices.estimate(job.model, job.request)
        # Written with the job's next step (held or submitting), not a commit of its own.
        return job if estimate is None else replace(job, estimate_usd=estimate)

    async def _over_cap(self, job: Job) -> bool:
        cap = self.settings.daily_cap_usd
        if cap is None:
            return False
        spending = await self._pipeline.off_loop(self.spending_detail_today)
        spent = spending.total
        unknown = (
            f" (plus {spending.unknown_jobs} job{'s' if spending.unknown_jobs != 1 else ''} "
            "of unknown cost)"
            if spending.unknown_jobs
            else ""
        )
        estimate = job.estimate_usd
        if estimate is None:
            # Unknown is not zero: the user decides whether to send it anyway.
            if self.settings.allow_unknown_cost or job.id in self._unknown_cost_allowed:
                return False
            message = (
                f"The price of {job.model} is unknown, so the daily spending cap {money(cap)} "
                f"cannot be kept for this job ({money(spent)} spent today{unknown}). Send it "
                "anyway with `lemon-desktop jobs resume --allow-unknown-cost` (or Send anyway "
                "in the queue), or remove the cap in Settings."
            )
            code = ErrorCode.PRICE_UNKNOWN
        elif spent + estimate <= cap:
            return False
        else:
            message = (
                f"Daily spending cap {money(cap)} reached: {money(spent)} spent today{unknown} "
                f"and this job costs about {money(estimate)}. Raise the cap in Settings or wait "
                "until tomorrow, then resume the queue."
            )
            code = ErrorCode.CAP
        await self._pipeline.update(
            job.id,
            state=JobState.HELD,
            error=message,
            error_code=code,
            estimate_usd=job.estimate_usd,
        )
        self._pause(message, code)
        return True

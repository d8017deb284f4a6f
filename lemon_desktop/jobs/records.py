"""What a job is, as stored and as handed to listeners."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any, Literal

from ..api.endpoint import Endpoint
from ..api.request import ImageRequest
from ..money import known_usd, usd_digits
from .options import JobOptions


def sane_usd(value: object) -> Decimal | None:
    """An amount of money that can be trusted, or None (unknown): the app's one rule,
    `money.known_usd`. NaN, Infinity and negative amounts are never money: a stored row
    or a price that holds one reads as unknown instead of crashing a listing or
    defeating the cap."""
    return known_usd(value)


# The gateway identity of jobs made for the built-in sandbox, whatever port it listens on
# this time: its task ids and results mean nothing to a real gateway, and the other way
# round, so a job only ever resumes on the gateway it was made for.
SANDBOX_GATEWAY = "sandbox"


def gateway_identity(base_url: str, *, sandbox: bool = False) -> str:
    """Which gateway a job belongs to: "sandbox" for the built-in one, else the real
    gateway's base URL as the client reads it (a trailing "/" or "/v1" is the same one)."""
    return SANDBOX_GATEWAY if sandbox else Endpoint.parse(base_url).base_url


def gateway_label(identity: str) -> str:
    """A gateway identity as a sentence names it."""
    return "the sandbox gateway" if identity == SANDBOX_GATEWAY else f"gateway {identity}"


def switch_hint(identity: str) -> str:
    """How to get to the gateway `identity` names, in the window and on the command line."""
    if identity == SANDBOX_GATEWAY:
        return "the Gateway menu's sandbox in the window, or --sandbox"
    return f"the base URL in Settings, or --base-url {identity}"


class JobState(StrEnum):
    QUEUED = "queued"  # recorded, not sent
    HELD = "held"  # not sent: spending cap or an out-of-balance key; released by resume
    SUBMITTING = "submitting"  # the create request is (or may be) on its way
    RUNNING = "running"  # the gateway runs it as a task; we poll
    DOWNLOADING = "downloading"  # results exist; fetching and storing them
    DONE = "done"
    FAILED = "failed"
    CANCELLED = "cancelled"
    UNKNOWN = "unknown"  # the app died while submitting: it may or may not have run

    @property
    def finished(self) -> bool:
        return self in _FINISHED

    @property
    def active(self) -> bool:
        return self in (JobState.SUBMITTING, JobState.RUNNING, JobState.DOWNLOADING)


_FINISHED = frozenset({JobState.DONE, JobState.FAILED, JobState.CANCELLED, JobState.UNKNOWN})


@dataclass(frozen=True)
class Job:
    id: str
    model: str
    prompt: str
    request: ImageRequest  # as the caller made it; its body() is what is sent
    state: JobState
    created: datetime
    updated: datetime
    batch_id: str | None = None
    retry_of: str | None = None
    stream: bool = False
    task_id: str | None = None
    poll_url: str | None = None
    progress: float | None = None  # 0-100 when the gateway says
    error: str | None = None  # a sentence for the user when failed/held/unknown
    error_code: str | None = None  # one of ErrorCode, for code that reacts to the kind
    estimate_usd: Decimal | None = None
    cost_usd: Decimal | None = None
    usage: dict[str, Any] | None = None
    image_ids: tuple[int, ...] = ()
    submitted: datetime | None = None
    finished_at: datetime | None = None
    results: tuple[dict[str, Any], ...] = field(default=(), repr=False)
    options: JobOptions = field(default_factory=JobOptions)
    # How the request went: route, form, the file id each input went as, which were
    # uploaded by this job (None until it was sent).
    sent: dict[str, Any] | None = None
    # The gateway identity it was made for (see `gateway_identity`); None on rows
    # recorded before jobs kept one, which resume on whichever gateway is current.
    gateway: str | None = None

    def waits_for(self, current: str) -> str | None:
        """The gateway this unfinished job waits for when it is not `current`; None when
        the current gateway may run it (or it has finished)."""
        if self.state.finished or self.gateway is None or self.gateway == current:
            return None
        return self.gateway

    @property
    def can_cancel(self) -> bool:
        return not self.state.finished

    @property
    def can_retry(self) -> bool:
        return self.state in (JobState.FAILED, JobState.CANCELLED, JobState.UNKNOWN)

    @property
    def pending_results(self) -> tuple[dict[str, Any], ...]:
        """Results the gateway made that are not in the library yet and can be fetched."""
        return tuple(
            entry
            for entry in self.results
            if entry.get("image_id") is None and (entry.get("url") or entry.get("file"))
        )

    @property
    def can_check(self) -> bool:
        """A paid result may still be collected without a new (billed) request:
        a task to poll again, or result links or data to fetch again."""
        if self.state not in (JobState.FAILED, JobState.UNKNOWN):
            return False
        return bool(self.pending_results) or bool(self.task_id and self.poll_url)

    @property
    def warning(self) -> str | None:
        """Something a finished job's owner should know (e.g. results were capped)."""
        return self.error if self.error_code == ErrorCode.RESULTS_CAPPED else None

    @property
    def cost_status(self) -> CostStatus:
        """What the cost column means for this job; see `shown_cost_usd`."""
        if self.state is JobState.DONE:
            return "charged" if self.cost_usd is not None else "unknown"
        if self.state is JobState.FAILED and self.pending_results:
            # The gateway made the images (so it billed them) but they were not stored.
            return "charged" if self.cost_usd is not None else "may_be_charged"
        if self.state is JobState.UNKNOWN:
            return "may_be_charged"
        if self.state in (JobState.FAILED, JobState.CANCELLED):
            return "none"  # never ran, or the gateway refunds failed and cancelled tasks
        return "estimate" if self.estimate_usd is not None else "unknown"

    @property
    def shown_cost_usd(self) -> Decimal | None:
        """The amount to show beside `cost_status` (None: nothing, or not known)."""
        status = self.cost_status
        if status == "charged":
            return self.cost_usd
        if status in ("estimate", "may_be_charged"):
            return self.estimate_usd
        return None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "state": self.state.value,
            "model": self.model,
            "prompt": self.prompt,
            "request": self.request.body(),  # what is (or was) sent
            "batch_id": self.batch_id,
            "retry_of": self.retry_of,
            "task_id": self.task_id,
            "progress": self.progress,
            "error": self.error,
            "error_code": self.error_code,
            # The digits the app shows ("0.0045"), as text so no float rounds them.
            "estimate_usd": usd_digits(self.estimate_usd),
            "cost_usd": usd_digits(self.cost_usd),
            # charged | estimate | may_be_charged | none | unknown: unknown is never zero.
            "cost_status": self.cost_status,
            "warning": self.warning,
            "can_check": self.can_check,
            "usage": self.usage,
            "image_ids": list(self.image_ids),
            "operation": self.request.effective_operation,
            # The images it works from, as recorded: by library id and hash.
            "inputs": [
                {"role": role, "image_id": image.image_id, "sha256": image.sha256}
                for role, group in (
                    ("input", self.request.inputs),
                    ("reference", self.request.references),
                    ("mask", (self.request.mask,) if self.request.mask else ()),
                )
                for image in group
            ],
            "options": self.options.to_json(),
            "sent": self.sent,
            "gateway": self.gateway,
            "created": self.created.isoformat(),
            "updated": self.updated.isoformat(),
            "finished": self.finished_at.isoformat() if self.finished_at else None,
        }


CostStatus = Literal["charged", "estimate", "may_be_charged", "none", "unknown"]


class ErrorCode(StrEnum):
    AUTH = "auth"  # key missing or rejected
    BALANCE = "balance"  # 402: no balance or quota
    CAP = "cap"  # the daily spending cap holds it
    PRICE_UNKNOWN = "price_unknown"  # a cap is set and this job's price cannot be read
    GATEWAY = "gateway"  # the gateway refused or failed the request
    NETWORK = "network"  # never reached the gateway
    OUTCOME_UNKNOWN = "outcome_unknown"  # may have run: never re-sent on its own
    TASK_FAILED = "task_failed"
    TASK_TIMEOUT = "task_timeout"
    DOWNLOAD = "download"  # results could not be fetched
    STORAGE = "storage"  # results could not be stored (disk full, library gone)
    CANCELLED = "cancelled"
    INTERNAL = "internal"
    RESULTS_CAPPED = "results_capped"  # a warning on a done job: more images than asked


EventKind = Literal[
    "added",  # a new job was recorded
    "changed",  # state, progress, error, cost or images changed
    "preview",  # a streamed partial image arrived (preview holds PNG/JPEG/WebP bytes)
    "image_stored",  # one result is in the library (image_id)
    "queue_paused",  # new submissions stopped (message says why: 402, cap)
    "queue_resumed",
]


@dataclass(frozen=True)
class JobEvent:
    kind: EventKind
    job: Job | None = None
    image_id: int | None = None
    preview: bytes | None = None
    message: str | None = None
    code: str | None = None  # with queue_paused: the ErrorCode that paused it

"""What a job is, as stored and as handed to listeners."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any, Literal


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
    request: dict[str, Any]  # the exact body sent to POST /v1/images/generations
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

    @property
    def can_cancel(self) -> bool:
        return not self.state.finished

    @property
    def can_retry(self) -> bool:
        return self.state in (JobState.FAILED, JobState.CANCELLED, JobState.UNKNOWN)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "state": self.state.value,
            "model": self.model,
            "prompt": self.prompt,
            "request": self.request,
            "batch_id": self.batch_id,
            "retry_of": self.retry_of,
            "task_id": self.task_id,
            "progress": self.progress,
            "error": self.error,
            "error_code": self.error_code,
            "estimate_usd": _money(self.estimate_usd),
            "cost_usd": _money(self.cost_usd),
            "usage": self.usage,
            "image_ids": list(self.image_ids),
            "created": self.created.isoformat(),
            "updated": self.updated.isoformat(),
            "finished": self.finished_at.isoformat() if self.finished_at else None,
        }


def _money(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


class ErrorCode(StrEnum):
    AUTH = "auth"  # key missing or rejected
    BALANCE = "balance"  # 402: no balance or quota
    CAP = "cap"  # the daily spending cap holds it
    GATEWAY = "gateway"  # the gateway refused or failed the request
    NETWORK = "network"  # never reached the gateway
    OUTCOME_UNKNOWN = "outcome_unknown"  # may have run: never re-sent on its own
    TASK_FAILED = "task_failed"
    TASK_TIMEOUT = "task_timeout"
    DOWNLOAD = "download"  # results could not be fetched
    STORAGE = "storage"  # results could not be stored (disk full, library gone)
    CANCELLED = "cancelled"
    INTERNAL = "internal"


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

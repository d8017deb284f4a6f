"""Jobs in the library database: every step is written before it is taken.

Updates to a job that has already finished (cancelled from another window or
process, say) are refused, and the caller learns it by getting None back: that
is how a running job notices it should stop.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from ..api.request import ImageRequest
from ..library import Database
from .options import JobOptions
from .records import Job, JobState, sane_usd
from .schema import prepare_jobs_tables

_UNFINISHED = tuple(s.value for s in JobState if not s.finished)
_COLUMNS = (
    "id, batch_id, retry_of, model, prompt, request, stream, state, task_id, poll_url, "
    "progress, results, error, error_code, estimate_usd, cost_usd, usage, created, updated, "
    "submitted, finished, options, sent, gateway"
)
# Fields a caller may change, and how each is written.
_JSON_FIELDS = frozenset({"results", "usage", "sent"})
_TIME_FIELDS = frozenset({"submitted", "finished"})
_UPDATABLE = frozenset(
    {"state", "task_id", "poll_url", "progress", "error", "error_code", "estimate_usd", "cost_usd"}
    | _JSON_FIELDS
    | _TIME_FIELDS
)


class JobNotFound(LookupError):
    def __init__(self, job_id: str) -> None:
        super().__init__(f"There is no job {job_id!r}; `lemon-desktop jobs list` shows them.")


class AmbiguousJobId(JobNotFound):
    """Several jobs start with what was typed: say which, never pick one."""

    def __init__(self, prefix: str, matches: Sequence[str], more: bool) -> None:
        LookupError.__init__(
            self,
            f"Several jobs start with {prefix!r}: {', '.join(matches)}{', …' if more else ''}. "
            "Type more of the id.",
        )
        self.matches = tuple(matches)


_AMBIGUOUS_SHOWN = 10


@dataclass(frozen=True)
class Spending:
    """Money spent since a moment: what is known, and how many jobs cost an unknown amount."""

    known: dict[str, Decimal]
    unknown_jobs: int

    @property
    def total(self) -> Decimal:
        return sum(self.known.values(), Decimal(0))


@dataclass(frozen=True)
class NewJob:
    request: ImageRequest
    batch_id: str | None = None
    retry_of: str | None = None
    estimate_usd: Decimal | None = None  # None: unknown (yet)
    options: JobOptions = field(default_factory=JobOptions)
    gateway: str | None = None  # the gateway identity it is made for (records.gateway_identity)


def now() -> datetime:
    return datetime.now(UTC)


def _time(value: datetime | None) -> str | None:
    return value.astimezone(UTC).isoformat(timespec="microseconds") if value else None


def _parse_time(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


_NAMES = tuple(name.strip() for name in _COLUMNS.split(","))


def _row_to_job(row: tuple[Any, ...]) -> Job:
    col = dict(zip(_NAMES, row, strict=True))
    results = col["results"]
    result_list = tuple(json.loads(results or "[]"))
    return Job(
        id=col["id"],
        model=col["model"],
        prompt=col["prompt"],
        # Rows of older versions hold the flat body that was sent.
        request=ImageRequest.from_json(
            json.loads(col["request"]), model=col["model"], prompt=col["prompt"]
        ),
        state=JobState(col["state"]),
        created=_parse_time(col["created"]) or now(),
        updated=_parse_time(col["updated"]) or now(),
        batch_id=col["batch_id"],
        retry_of=col["retry_of"],
        stream=bool(col["stream"]),
        task_id=col["task_id"],
        poll_url=col["poll_url"],
        progress=col["progress"],
        error=col["error"],
        error_code=col["error_code"],
        estimate_usd=sane_usd(col["estimate_usd"]),
        cost_usd=sane_usd(col["cost_usd"]),
        usage=json.loads(col["usage"]) if col["usage"] else None,
        image_ids=tuple(r["image_id"] for r in result_list if r.get("image_id") is not None),
        submitted=_parse_time(col["submitted"]),
        finished_at=_parse_time(col["finished"]),
        results=result_list,
        options=JobOptions.from_json(json.loads(col["options"]) if col["options"] else None),
        sent=json.loads(col["sent"]) if col["sent"] else None,
        gateway=col["gateway"],
    )


def _stored_usd(name: str, value: object) -> str | None:
    """Money as written to the database; NaN, Infinity and negatives are refused."""
    if value is None:
        return None
    amount = sane_usd(value)
    if amount is None:
        raise ValueError(f"{name} must be a finite amount of dollars, 0 or more; got {value!r}.")
    return str(amount)


class JobStore:
    def __init__(self, db: Database) -> None:
        self._db = db
        prepare_jobs_tables(db)  # the jobs layer makes its own tables, not the library

    def create(self, jobs: Sequence[NewJob]) -> list[Job]:
        created = now()
        stamp = _time(created)
        rows = [
            (
                uuid.uuid4().hex,
                job.batch_id,
                job.retry_of,
                job.request.model,
                job.request.prompt,
                json.dumps(job.request.to_json(), sort_keys=True),
                int(job.request.stream),
                JobState.QUEUED.value,
                _stored_usd("estimate_usd", job.estimate_usd),
                stamp,
                stamp,
                json.dumps(job.options.to_json()),
                job.gateway,
            )
            for job in jobs
        ]
        with self._db.write("record the job") as conn:
            conn.executemany(
                "INSERT INTO jobs (id, batch_id, retry_of, model, prompt, request, stream, "
                "state, estimate_usd, created, updated, options, gateway) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                rows,
            )
        return [self.get(row[0]) for row in rows]

    def get(self, job_id: str) -> Job:
        with self._db.read("read the job") as conn:
            row = conn.execute(f"SELECT {_COLUMNS} FROM jobs WHERE id = ?", (job_id,)).fetchone()
        if row is None:
            raise JobNotFound(job_id)
        return _row_to_job(row)

    def find(self, prefix: str) -> Job:
        """A job by its id or a unique start of it, as people type ids."""
        if not prefix:
            raise JobNotFound(prefix)
        pattern = prefix.replace("\\", "\\\\").replace("%", r"\%").replace("_", r"\_") + "%"
        with self._db.read("find the job") as conn:
            exact = conn.execute(f"SELECT {_COLUMNS} FROM jobs WHERE id = ?", (prefix,)).fetchone()
            if exact is not None:
                return _row_to_job(exact)
            rows = conn.execute(
                f"SELECT {_COLUMNS} FROM jobs WHERE id LIKE ? ESCAPE '\\' "
                "ORDER BY created DESC, rowid DESC LIMIT ?",
                (pattern, _AMBIGUOUS_SHOWN + 1),
            ).fetchall()
        if not rows:
            raise JobNotFound(prefix)
        if len(rows) > 1:
            ids = [row[0] for row in rows[:_AMBIGUOUS_SHOWN]]
            raise AmbiguousJobId(prefix, ids, more=len(rows) > _AMBIGUOUS_SHOWN)
        return _row_to_job(rows[0])

    def recent(self, limit: int = 200, offset: int = 0) -> list[Job]:
        with self._db.read("list jobs") as conn:
            rows = conn.execute(
                f"SELECT {_COLUMNS} FROM jobs ORDER BY created DESC, rowid DESC LIMIT ? OFFSET ?",
                (limit, offset),
            ).fetchall()
        return [_row_to_job(row) for row in rows]

    def unfinished(self) -> list[Job]:
        marks = ",".join("?" * len(_UNFINISHED))
        with self._db.read("list unfinished jobs") as conn:
            rows = conn.execute(
                f"SELECT {_COLUMNS} FROM jobs WHERE state IN ({marks}) ORDER BY created, rowid",
                _UNFINISHED,
            ).fetchall()
        return [_row_to_job(row) for row in rows]

    def update(self, job_id: str, *, allow_finished: bool = False, **changes: Any) -> Job | None:
        """Write changes; None when the job had already finished (and allow_finished is off)."""
        unknown = set(changes) - _UPDATABLE
        if unknown:
            raise ValueError(f"not a job field: {sorted(unknown)}")
        values: dict[str, Any] = {}
        for name, value in changes.items():
            if name in _JSON_FIELDS:
                values[name] = (
                    None
                    if value is None
                    else json.dumps(list(value) if name == "results" else value)
                )
            elif name in _TIME_FIELDS:
                values[name] = _time(value)
            elif isinstance(value, JobState):
                values[name] = value.value
            elif name in ("estimate_usd", "cost_usd"):
                values[name] = _stored_usd(name, value)
            else:
                values[name] = value
        values["updated"] = _time(now())
        assignments = ", ".join(f"{name} = :{name}" for name in values)
        guard = ""
        if not allow_finished:
            guard = " AND state IN (" + ",".join(f"'{s}'" for s in _UNFINISHED) + ")"
        with self._db.write("update the job") as conn:
            cursor = conn.execute(
                f"UPDATE jobs SET {assignments} WHERE id = :job_id{guard}",
                {**values, "job_id": job_id},
            )
            if cursor.rowcount == 0:
                return None
        return self.get(job_id)

    def spending(self, since: datetime) -> dict[str, Decimal]:
        """Known money per model for jobs finished since `since` (see `spending_detail`)."""
        return self.spending_detail(since).known

    def spending_detail(self, since: datetime) -> Spending:
        """Money for jobs finished since `since` that were (or may have been) billed:
        the real cost, else the estimate; a job with neither is counted as unknown,
        never as zero."""
        with self._db.read("add up spending") as conn:
            rows = conn.execute(
                f"SELECT {_COLUMNS} FROM jobs WHERE finished >= ? "
                "AND state IN ('done', 'unknown', 'failed')",
                (_time(since),),
            ).fetchall()
        totals: dict[str, Decimal] = {}
        unknown = 0
        for row in rows:
            job = _row_to_job(row)
            status = job.cost_status
            if status == "none":
                continue
            amount = job.cost_usd if job.cost_usd is not None else job.estimate_usd
            if amount is None:
                unknown += 1
            else:
                totals[job.model] = totals.get(job.model, Decimal(0)) + amount
        return Spending(totals, unknown)

    def batch(self, batch_id: str) -> list[Job]:
        with self._db.read("read the batch") as conn:
            rows = conn.execute(
                f"SELECT {_COLUMNS} FROM jobs WHERE batch_id = ? ORDER BY created, rowid",
                (batch_id,),
            ).fetchall()
        return [_row_to_job(row) for row in rows]

"""Asynchronous image tasks: a clock-driven state machine per task.

A task's status is computed from elapsed time on every read rather than advanced by a
background job, so the store needs no timers and a stopped server leaves nothing
running. Images are rendered lazily by the poll that first sees the task completed.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from lemon_desktop.sandbox.drawing import Renderable

Fate = Literal["normal", "fail", "never", "vanish"]
ErrorFormat = Literal["mixed", "string", "object"]
FATE_BY_FAULT: dict[str, Fate] = {"taskfail": "fail", "tasknever": "never", "taskvanish": "vanish"}
PENDING_SHARE = 0.1  # first tenth of the run reads "pending", the rest "processing"
NEVER_PROGRESS_CAP = 95
FAIL_MESSAGE = "Upstream provider failed to generate the image (sandbox taskfail fault)."
CANCEL_MESSAGE = "cancelled by user"


@dataclass
class Task:
    id: str
    model: str
    specs: Sequence[Renderable]
    duration: float
    fate: Fate = "normal"
    error_format: ErrorFormat = "mixed"
    created_wall: float = field(default_factory=time.time)
    started: float = field(default_factory=time.monotonic)
    polls: int = 0
    cancelled_after: float | None = None
    urls: list[str] | None = None
    billing_transaction_id: str | None = None

    @property
    def poll_url(self) -> str:
        return f"/v1/tasks/{self.id}"

    def elapsed(self) -> float:
        if self.cancelled_after is not None:
            return self.cancelled_after
        return time.monotonic() - self.started

    def status(self) -> str:
        if self.cancelled_after is not None:
            return "failed"
        elapsed = self.elapsed()
        if elapsed < self.duration * PENDING_SHARE:
            return "pending"
        if self.fate == "never" or elapsed < self.duration:
            return "processing"
        return "failed" if self.fate == "fail" else "completed"

    def progress(self) -> int:
        fraction = 1.0 if self.duration <= 0 else min(1.0, self.elapsed() / self.duration)
        percent = int(fraction * 100)
        if self.fate == "never":
            return min(percent, NEVER_PROGRESS_CAP)
        return 100 if self.status() == "completed" and self.urls else min(percent, 99)

    def _updated(self, status: str) -> int:
        if status == "pending":
            offset = 0.0
        elif status == "processing":
            offset = self.duration * PENDING_SHARE
        else:
            offset = self.elapsed() if self.cancelled_after is not None else self.duration
        return int(self.created_wall + offset)

    def as_json(self) -> dict[str, Any]:
        status = self.status()
        if status == "completed" and self.urls is None:
            # Finished this instant but not rendered yet: the next poll will render it.
            status = "processing"
        body: dict[str, Any] = {
            "id": self.id,
            "task_id": self.id,
            "object": "image.task",
            "poll_url": self.poll_url,
            "status": status,
            "progress": self.progress(),
            "model": self.model,
            "created": int(self.created_wall),
            "updated": self._updated(status),
            "data": [],
        }
        if status in ("pending", "processing"):
            # Placeholders as the gateway may send them while a task runs: the client must
            # not take "" for a result URL.
            body["data"] = [{"url": ""} for _ in self.specs]
        elif status == "completed" and self.urls is not None:
            body["data"] = [{"url": url} for url in self.urls]
            body["billing_transaction_id"] = self.billing_transaction_id
        elif status == "failed":
            if self.cancelled_after is not None:
                body.update(error=CANCEL_MESSAGE, cancelled=True, cancellation_status="cancelled")
            else:
                body["error"] = self._failure()
        return body

    def _failure(self) -> str | dict[str, str]:
        # The newest spec allows a string or {code, message}; "mixed" picks per task (by
        # its id) so a client meets both shapes without being able to predict which.
        as_object = self.error_format == "object" or (
            self.error_format == "mixed" and int(self.id[-1], 16) % 2 == 1
        )
        return {"code": "upstream_error", "message": FAIL_MESSAGE} if as_object else FAIL_MESSAGE


class TaskStore:
    def __init__(self, max_tasks: int = 2000) -> None:
        self._tasks: OrderedDict[str, Task] = OrderedDict()
        self._lock = threading.Lock()
        self._max = max_tasks

    def create(
        self,
        model: str,
        specs: Sequence[Renderable],
        duration: float,
        fate: Fate,
        error_format: ErrorFormat = "mixed",
    ) -> Task:
        task = Task("ldtask_" + secrets.token_hex(12), model, specs, duration, fate, error_format)
        with self._lock:
            self._tasks[task.id] = task
            while len(self._tasks) > self._max:
                self._tasks.popitem(last=False)
        return task

    def poll(self, task_id: str) -> Task | None:
        """Look a task up for a poll, applying ``vanish``: it exists for one poll only."""
        with self._lock:
            task = self._tasks.get(task_id)
            if task is None:
                return None
            task.polls += 1
            if task.fate == "vanish" and task.polls > 1:
                del self._tasks[task_id]
                return None
            return task

    def cancel(self, task_id: str) -> tuple[Task | None, bool]:
        """(task, cancelled). ``cancelled`` is False when the task had already finished."""
        with self._lock:
            task = self._tasks.get(task_id)
            if task is None:
                return None, False
            if task.status() in ("completed", "failed"):
                return task, False
            task.cancelled_after = time.monotonic() - task.started
            return task, True

    def complete(self, task: Task, urls: list[str]) -> None:
        with self._lock:
            if task.urls is None:
                task.urls = urls
                task.billing_transaction_id = "ldbill_" + secrets.token_hex(10)

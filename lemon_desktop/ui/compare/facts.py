"""The words on a compare board: what each model was sent, how its jobs stand, what
they cost and how long they took. Kept apart from the widgets so the board's texts and
the queue's say the same things the same way."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from ..gallery.text import plural
from ..queue.model import (
    PROBLEM_STATES,
    batch_cost_text,
    elapsed_seconds,
    elapsed_text,
    short_reason,
    state_text,
)

if TYPE_CHECKING:
    from ...jobs import Job


def settings_text(job: Job) -> str:
    """ "size 1792x1024 · quality hd": the settings as sent to this model, after the
    compare rule put them in its own terms."""
    params = job.request.params
    return " · ".join(f"{name} {value}" for name, value in params.items() if name != "user")


def wanted_images(job: Job) -> int:
    """How many images the job asked for (what the board keeps room for)."""
    n = job.request.params.get("n", 1)
    return n if isinstance(n, int) and n > 0 else 1


def lane_state(jobs: Sequence[Job]) -> str:
    """The newest job's state, with its reason when something went wrong."""
    job = jobs[-1]
    text = state_text(job.state)
    if job.error and job.state in PROBLEM_STATES:
        text += ": " + short_reason(job.error)
    return text


def lane_cost_and_time(jobs: Sequence[Job]) -> str:
    """ "$0.0400 · 0:07": what this model's jobs cost (unknown is never $0) and how long
    the slowest took."""
    seconds = max(elapsed_seconds(j) for j in jobs)
    return QCoreApplication.translate("CompareBoard", "{cost} · {time}").format(
        cost=batch_cost_text(list(jobs)), time=elapsed_text(seconds)
    )


def board_summary(jobs: Sequence[Job], models: int) -> str:
    """ "3 models · 3 of 3 done · ≈ $0.1200 · 0:14" for the board's title line."""
    done = sum(1 for j in jobs if j.state == "done")
    seconds = max((elapsed_seconds(j) for j in jobs), default=0.0)
    return " · ".join(
        (
            plural(
                models,
                QCoreApplication.translate("CompareBoard", "%n model", None, models),
                QCoreApplication.translate("CompareBoard", "%n models", None, models),
            ),
            QCoreApplication.translate("CompareBoard", "{done} of {n} done").format(
                done=done, n=len(jobs)
            ),
            batch_cost_text(list(jobs)),
            elapsed_text(seconds),
        )
    )

"""Durable generation jobs: recorded before they are sent, resumed after a restart.

The names below are imported on first use, not with the package: the library opens
with the jobs tables (`jobs.schema`), and importing the queue there would bring the
whole HTTP stack onto the window's start-up path before the gallery is shown.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .cost import PriceBook, actual_usd, estimate_usd, money
    from .queue import JobQueue, QueueSettings
    from .records import ErrorCode, Job, JobEvent, JobState
    from .store import JobNotFound, JobStore

__all__ = [
    "ErrorCode",
    "Job",
    "JobEvent",
    "JobNotFound",
    "JobQueue",
    "JobState",
    "JobStore",
    "PriceBook",
    "QueueSettings",
    "actual_usd",
    "estimate_usd",
    "money",
]

_HOMES = {
    "PriceBook": ".cost",
    "actual_usd": ".cost",
    "estimate_usd": ".cost",
    "money": ".cost",
    "JobQueue": ".queue",
    "QueueSettings": ".queue",
    "ErrorCode": ".records",
    "Job": ".records",
    "JobEvent": ".records",
    "JobState": ".records",
    "JobNotFound": ".store",
    "JobStore": ".store",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(home, __name__), name)

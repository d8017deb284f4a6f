"""Durable generation jobs: recorded before they are sent, resumed after a restart."""

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

"""The one retry policy of the client, and of polling.

Reads (GET) are safe to repeat, but only an answer that asking again may cure is
repeated (`is_transient`). A create (POST) may be billed each time the gateway
runs it, so it is repeated only when the gateway says it did not run it: 429,
503 marked `retryable`, or a connection that failed before the request was sent.
Polling a task keeps waiting on exactly the answers a read is retried on.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import httpx2

from .errors import APIStatusError

# A request that timed out, or a rate limit: asking later may get another answer, as
# may a fault of the gateway itself (5xx). Any other 4xx is the gateway's answer to
# this very request (400, 402, 403, a 409 "not cancellable"), and stays the answer.
_TRANSIENT_STATUSES = frozenset({408, 429})


def is_transient(error: APIStatusError) -> bool:
    """Whether the same read, asked again later, may be answered otherwise."""
    return error.status in _TRANSIENT_STATUSES or error.status >= 500


@dataclass(frozen=True)
class RetryPolicy:
    max_retries: int = 2
    base_delay: float = 0.5
    max_delay: float = 8.0
    # A longer Retry-After is passed to the user instead of a silent wait.
    max_retry_after: float = 60.0

    def retries_error(self, error: APIStatusError, *, idempotent: bool) -> bool:
        if error.retry_after is not None and error.retry_after > self.max_retry_after:
            return False
        if idempotent:
            return is_transient(error)
        return error.status == 429 or (error.status == 503 and error.retryable)

    def retries_transport(self, exc: httpx2.TransportError, *, idempotent: bool) -> bool:
        if idempotent:
            return True
        return not request_may_have_been_sent(exc)

    def delay(self, attempt: int, retry_after: float | None = None) -> float:
        """Seconds to wait before retry number `attempt` (0-based)."""
        if retry_after is not None and 0 < retry_after <= self.max_retry_after:
            return retry_after
        # 2.0, not 2: an int power has no fixed type (a negative one is a float).
        backoff = min(self.base_delay * 2.0**attempt, self.max_delay)
        # Jitter spreads out many clients that failed together.
        return backoff * (1 - 0.25 * random.random())


def request_may_have_been_sent(exc: httpx2.TransportError) -> bool:
    """False only where no byte of the request can have reached the gateway."""
    return not isinstance(exc, httpx2.ConnectError | httpx2.ConnectTimeout | httpx2.PoolTimeout)

"""The async gateway client (httpx2): one connection pool, one retry loop.

Only the configured API origin ever sees the key; result images on any other
origin (a CDN) are fetched without it.
"""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any, Self, TypeVar

import httpx2

from .. import __version__
from .endpoint import DEFAULT_BASE_URL, Endpoint
from .errors import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    MalformedResponseError,
    MissingKeyError,
    error_from_response,
)
from .retry import RetryPolicy, request_may_have_been_sent
from .types import CreateResult, ModelInfo, ModelPricing, TaskStatus, parse_create_response

T = TypeVar("T")
_LOOPBACK_PATTERNS = ("all://127.0.0.1", "all://localhost", "all://[::1]")


@dataclass(frozen=True)
class Timeouts:
    connect: float = 10.0
    # Inline generation of a large or high-quality image can take minutes.
    read: float = 180.0
    write: float = 60.0
    pool: float = 10.0
    # Whole call, retries and waits included.
    call_deadline: float = 600.0

    def to_httpx(self) -> httpx2.Timeout:
        return httpx2.Timeout(self.connect, read=self.read, write=self.write, pool=self.pool)


class LemonClient:
    def __init__(
        self,
        base_url: str = DEFAULT_BASE_URL,
        api_key: str | None = None,
        *,
        timeouts: Timeouts | None = None,
        retry: RetryPolicy | None = None,
        max_connections: int = 32,
    ) -> None:
        self.endpoint = Endpoint.parse(base_url)
        self._api_key = api_key or None
        self.timeouts = timeouts or Timeouts()
        self.retry = retry or RetryPolicy()
        self._http = httpx2.AsyncClient(
            timeout=self.timeouts.to_httpx(),
            limits=httpx2.Limits(
                max_connections=max_connections, max_keepalive_connections=max_connections
            ),
            headers={"User-Agent": f"lemon-desktop/{__version__}"},
            # Redirects could carry a request somewhere the key must not go.
            follow_redirects=False,
            # A system proxy must never see loopback traffic (the built-in sandbox).
            mounts={pattern: None for pattern in _LOOPBACK_PATTERNS},
        )

    @property
    def base_url(self) -> str:
        return self.endpoint.base_url

    @property
    def has_key(self) -> bool:
        return self._api_key is not None

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._http.aclose()

    # ----- the gateway's endpoints -------------------------------------------------

    async def list_models(
        self,
        *,
        recommended_for: str | None = "image",
        category: str | None = None,
        provider: str | None = None,
        tag: str | None = None,
    ) -> list[ModelInfo]:
        params = {
            k: v
            for k, v in {
                "recommended_for": recommended_for,
                "category": category,
                "provider": provider,
                "tag": tag,
            }.items()
            if v
        }
        data = await self._get_json("/v1/models", params=params)
        entries = data.get("data") if isinstance(data, dict) else None
        if not isinstance(entries, list):
            raise MalformedResponseError("The model list has no `data` array.")
        return [ModelInfo.parse(entry, scene=recommended_for) for entry in entries]

    async def get_model(self, model_id: str) -> ModelInfo:
        data = await self._get_json(f"/v1/models/{model_id}")
        return ModelInfo.parse(data, scene="image")

    async def get_pricing(self, model: str | None = None) -> list[ModelPricing]:
        data = await self._get_json("/v1/pricing", params={"model": model} if model else None)
        entries = data.get("data") if isinstance(data, dict) else None
        if not isinstance(entries, list):
            raise MalformedResponseError("The pricing answer has no `data` array.")
        return [ModelPricing.parse(entry) for entry in entries]

    async def create_image(self, body: dict[str, Any]) -> CreateResult:
        """POST /v1/images/generations; a task or images, decided by the answer."""
        response = await self._call("POST", "/v1/images/generations", json=body, idempotent=False)
        return parse_create_response(_json(response))

    async def get_task(self, poll_url_or_id: str) -> TaskStatus:
        path = poll_url_or_id if "/" in poll_url_or_id else f"/v1/tasks/{poll_url_or_id}"
        return TaskStatus.parse(await self._get_json(path))

    async def cancel_task(self, task_id: str) -> TaskStatus | None:
        response = await self._call("DELETE", f"/v1/tasks/{task_id}", idempotent=True)
        try:
            return TaskStatus.parse(response.json())
        except (ValueError, MalformedResponseError):
            return None

    # ----- plumbing ----------------------------------------------------------------

    async def _get_json(self, path: str, *, params: dict[str, str] | None = None) -> Any:
        return _json(await self._call("GET", path, params=params, idempotent=True))

    async def _call(
        self,
        method: str,
        path: str,
        *,
        idempotent: bool,
        json: dict[str, Any] | None = None,
        params: dict[str, str] | None = None,
    ) -> httpx2.Response:
        url = self.endpoint.url(path)

        async def attempt() -> httpx2.Response:
            response = await self._http.request(
                method, url, json=json, params=params, headers=self.headers_for(url)
            )
            if response.is_success:
                return response
            raise error_from_response(response, redact=self._api_key)

        return await self.with_retries(attempt, idempotent=idempotent)

    def headers_for(self, url: httpx2.URL) -> dict[str, str]:
        """The key goes to the configured origin and nowhere else."""
        if not self.endpoint.same_origin(url):
            return {}
        if self._api_key is None:
            raise MissingKeyError()
        return {"Authorization": f"Bearer {self._api_key}"}

    @asynccontextmanager
    async def stream(
        self, url: httpx2.URL, *, method: str = "GET", json: dict[str, Any] | None = None
    ) -> AsyncIterator[httpx2.Response]:
        """Open a streamed response, raising the typed error for an error status."""
        headers = self.headers_for(url)
        async with self._http.stream(method, url, json=json, headers=headers) as response:
            if not response.is_success:
                await response.aread()
                raise error_from_response(response, redact=self._api_key)
            yield response

    async def with_retries(self, attempt: Callable[[], Awaitable[T]], *, idempotent: bool) -> T:
        """Run `attempt` under the retry policy and the call deadline."""
        try:
            async with asyncio.timeout(self.timeouts.call_deadline):
                return await self._retry_loop(attempt, idempotent=idempotent)
        except TimeoutError as exc:
            raise APITimeoutError(
                f"The gateway did not answer within {self.timeouts.call_deadline:g} s.",
                sent=not idempotent,
            ) from exc

    async def _retry_loop(self, attempt: Callable[[], Awaitable[T]], *, idempotent: bool) -> T:
        policy = self.retry
        for number in itertools.count():
            last = number >= policy.max_retries
            try:
                return await attempt()
            except httpx2.TransportError as exc:
                if last or not policy.retries_transport(exc, idempotent=idempotent):
                    raise self._connection_error(exc) from exc
                delay = policy.delay(number)
            except APIStatusError as error:
                if last or not policy.retries_error(error, idempotent=idempotent):
                    raise
                delay = policy.delay(number, error.retry_after)
            await asyncio.sleep(delay)
        raise AssertionError("unreachable")

    def _connection_error(self, exc: httpx2.TransportError) -> APIConnectionError:
        sent = request_may_have_been_sent(exc)
        origin = self.endpoint.base_url
        if isinstance(exc, httpx2.TimeoutException):
            return APITimeoutError(
                f"The gateway at {origin} did not answer in time ({type(exc).__name__}); "
                "check your connection, or raise the timeouts in Settings.",
                sent=sent,
            )
        reason = str(exc) or type(exc).__name__
        if self._api_key:
            reason = reason.replace(self._api_key, "sk-…")
        return APIConnectionError(
            f"Could not reach the gateway at {origin} ({reason}); "
            "check your network connection and the base URL.",
            sent=sent,
        )


def _json(response: httpx2.Response) -> Any:
    try:
        return response.json()
    except ValueError as exc:
        raise MalformedResponseError(
            f"The gateway sent a response that is not valid JSON (HTTP {response.status_code})."
        ) from exc

"""The async gateway client (httpx2): one connection pool, one retry loop.

Only the configured API origin ever sees the key; result images on any other
origin (a CDN) are fetched without it. Loopback addresses, the only ones where plain
http is allowed, never go through a system proxy: a proxy there would read the key.
Every answer is read with a size limit and decoded by `decoding`, which also removes
the key from every string the gateway echoes back.
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
from .decoding import (
    MAX_CREATE_BYTES,
    MAX_ERROR_BYTES,
    MAX_READ_BYTES,
    ResponseTooLargeError,
    decode_json,
    read_limited,
    redact_text,
)
from .endpoint import DEFAULT_BASE_URL, Endpoint, is_loopback_host
from .errors import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    MalformedResponseError,
    MissingKeyError,
    error_from_response,
)
from .request import ImageRequest
from .retry import RetryPolicy, request_may_have_been_sent
from .types import (
    CreateResult,
    ModelInfo,
    ModelPricing,
    TaskStatus,
    parse_create_response,
    parse_models,
    parse_pricing,
)

T = TypeVar("T")


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
        self._http = self._pool(max_connections, trust_env=True)
        # Any 127.0.0.0/8 or ::1 address may use plain http; a proxy (HTTP_PROXY) must
        # never see such a request in the clear, so loopback goes through a pool that
        # ignores the environment's proxy settings altogether.
        self._direct = self._pool(max_connections, trust_env=False)

    def _pool(self, max_connections: int, *, trust_env: bool) -> httpx2.AsyncClient:
        return httpx2.AsyncClient(
            timeout=self.timeouts.to_httpx(),
            limits=httpx2.Limits(
                max_connections=max_connections, max_keepalive_connections=max_connections
            ),
            headers={"User-Agent": f"lemon-desktop/{__version__}"},
            # Redirects could carry a request somewhere the key must not go.
            follow_redirects=False,
            trust_env=trust_env,
        )

    def _pool_for(self, url: httpx2.URL) -> httpx2.AsyncClient:
        return self._direct if is_loopback_host(url.host) else self._http

    def pool_for(self, url: httpx2.URL) -> httpx2.AsyncClient:
        """The pool a request to `url` goes through (loopback never through a proxy)."""
        return self._pool_for(url)

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
        await self._direct.aclose()

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
        return parse_models(data, scene=recommended_for)

    async def get_model(self, model_id: str) -> ModelInfo:
        data = await self._get_json(f"/v1/models/{model_id}")
        return ModelInfo.parse(data, scene="image")

    async def get_pricing(self, model: str | None = None) -> list[ModelPricing]:
        """Readable prices only: a model whose price cannot be read is left out (unknown)."""
        data = await self._get_json("/v1/pricing", params={"model": model} if model else None)
        return parse_pricing(data, model)

    async def create_image(self, request: ImageRequest) -> CreateResult:
        """POST /v1/images/generations with the request's body; a task or images,
        decided by the answer."""
        data = await self._call(
            "POST",
            "/v1/images/generations",
            json=request.body(),
            idempotent=False,
            limit=MAX_CREATE_BYTES,
        )
        return parse_create_response(data)

    async def get_task(self, poll_url_or_id: str) -> TaskStatus:
        path = poll_url_or_id if "/" in poll_url_or_id else f"/v1/tasks/{poll_url_or_id}"
        if not self.endpoint.same_origin(self.endpoint.url(path)):
            # Polling elsewhere would go without the key and read as a rejected key.
            raise MalformedResponseError(
                f"The task's poll_url {self.redact(path)[:200]!r} is not on the gateway "
                f"{self.base_url}; it was not followed."
            )
        return TaskStatus.parse(await self._get_json(path))

    async def cancel_task(self, task_id: str) -> TaskStatus | None:
        try:
            data = await self._call("DELETE", f"/v1/tasks/{task_id}", idempotent=True)
        except MalformedResponseError:
            return None
        try:
            return TaskStatus.parse(data)
        except MalformedResponseError:
            return None

    async def call_json(
        self,
        method: str,
        path: str,
        *,
        idempotent: bool,
        json: dict[str, Any] | None = None,
        params: dict[str, str] | None = None,
        limit: int = MAX_READ_BYTES,
    ) -> Any:
        """Any other API call (edits, files): JSON in and out, under the retry policy."""
        return await self._call(
            method, path, idempotent=idempotent, json=json, params=params, limit=limit
        )

    # ----- plumbing ----------------------------------------------------------------

    async def _get_json(self, path: str, *, params: dict[str, str] | None = None) -> Any:
        return await self._call("GET", path, params=params, idempotent=True)

    async def _call(
        self,
        method: str,
        path: str,
        *,
        idempotent: bool,
        json: dict[str, Any] | None = None,
        params: dict[str, str] | None = None,
        limit: int = MAX_READ_BYTES,
    ) -> Any:
        """One API call under the retry policy; the decoded JSON answer (key removed)."""
        url = self.endpoint.url(path)

        async def attempt() -> Any:
            http = self._pool_for(url)
            request = http.build_request(
                method, url, json=json, params=params, headers=self.headers_for(url)
            )
            response = await http.send(request, stream=True)
            try:
                if not response.is_success:
                    raise await self.error_for(response)
                content = await read_limited(response, limit)
            finally:
                await response.aclose()
            return self.decode(content, response.status_code)

        return await self.with_retries(attempt, idempotent=idempotent)

    async def error_for(self, response: httpx2.Response) -> APIStatusError:
        """The typed error of an error answer, its body read only as far as an envelope needs."""
        try:
            content = await read_limited(response, MAX_ERROR_BYTES)
        except ResponseTooLargeError:
            content = b""
        return error_from_response(
            response,
            redact=self._api_key,
            content=content,
            from_api=self.endpoint.same_origin(response.request.url),
        )

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
        http = self._pool_for(url)
        async with http.stream(method, url, json=json, headers=headers) as response:
            if not response.is_success:
                raise await self.error_for(response)
            yield response

    def decode(self, content: bytes | str, status: int = 200) -> Any:
        """Decode an answer read some other way (a stream) just as `_call` does."""
        return decode_json(content, redact=self._api_key, status=status)

    def redact(self, text: str) -> str:
        """`text` without the key, for anything else the gateway sends that is kept."""
        return redact_text(text, self._api_key)

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
        reason = self.redact(str(exc) or type(exc).__name__)
        return APIConnectionError(
            f"Could not reach the gateway at {origin} ({reason}); "
            "check your network connection and the base URL.",
            sent=sent,
        )

"""What a job costs: an estimate before it runs, the real amount after.

Prices come from `GET /v1/pricing`. Per-request models cost a fixed amount per
image; token-priced models (GPT Image) are estimated from OpenAI's published
output-token counts per image and settled from the `usage` the gateway returns.

A price that cannot be read is unknown, never zero: every function here answers
None rather than guess, and NaN, Infinity or negative prices count as unreadable.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Mapping
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from ..api.client import LemonClient
from ..api.errors import LemonError
from ..api.request import ImageRequest, as_request
from ..api.types import ModelPricing, Usage
from ..money import format_usd
from .records import sane_usd

log = logging.getLogger(__name__)

_MILLION = Decimal(1_000_000)
_CENT_FRACTION = Decimal("0.0001")
# OpenAI's output tokens for one 1024x1024 GPT Image by quality; other sizes scale
# with their pixel count. "auto" is billed like medium in practice.
_OUTPUT_TOKENS_1024 = {"low": 272, "medium": 1056, "high": 4160, "auto": 1056}
_BASE_PIXELS = 1024 * 1024
_CHARS_PER_TOKEN = 4


def _pixels(size: Any) -> int:
    if isinstance(size, str) and "x" in size:
        width, _, height = size.partition("x")
        if width.isdigit() and height.isdigit():
            return int(width) * int(height)
    return _BASE_PIXELS


def requested_images(request: ImageRequest | Mapping[str, Any]) -> int:
    """How many images the request asks for (`n`, default 1)."""
    return as_request(request).images


def readable(pricing: ModelPricing | None) -> ModelPricing | None:
    """The pricing with every unusable amount dropped; None when nothing can be read."""
    if pricing is None:
        return None
    clean = replace(
        pricing,
        per_request=sane_usd(pricing.per_request),
        input_per_1m=sane_usd(pricing.input_per_1m),
        output_per_1m=sane_usd(pricing.output_per_1m),
    )
    if clean.per_request is not None:
        return clean
    # Token pricing needs both rates: a missing one is unknown, not free.
    if clean.input_per_1m is None or clean.output_per_1m is None:
        return None
    return clean


def estimate_usd(
    pricing: ModelPricing | None, request: ImageRequest | Mapping[str, Any]
) -> Decimal | None:
    pricing = readable(pricing)
    if pricing is None:
        return None
    request = as_request(request)
    images = request.images
    if pricing.per_request is not None:
        return (pricing.per_request * images).quantize(_CENT_FRACTION, ROUND_HALF_UP)
    if not pricing.token_priced:
        return None
    quality = str(request.params.get("quality") or "auto")
    per_image = _OUTPUT_TOKENS_1024.get(quality, _OUTPUT_TOKENS_1024["auto"])
    pixels = _pixels(request.params.get("size"))
    output_tokens = Decimal(per_image * pixels / _BASE_PIXELS) * images
    input_tokens = Decimal(max(1, len(request.prompt) // _CHARS_PER_TOKEN))
    return _token_cost(pricing, input_tokens, output_tokens)


def actual_usd(pricing: ModelPricing | None, usage: Usage | None, images: int) -> Decimal | None:
    pricing = readable(pricing)
    if pricing is None:
        return None
    if pricing.per_request is not None:
        return (pricing.per_request * images).quantize(_CENT_FRACTION, ROUND_HALF_UP)
    if usage is None or usage.output_tokens is None or usage.output_tokens < 0:
        return None
    if usage.input_tokens is not None and usage.input_tokens < 0:
        return None
    return _token_cost(pricing, Decimal(usage.input_tokens or 0), Decimal(usage.output_tokens))


def _token_cost(pricing: ModelPricing, input_tokens: Decimal, output_tokens: Decimal) -> Decimal:
    cost = Decimal(0)
    if pricing.input_per_1m is not None:
        cost += input_tokens * pricing.input_per_1m / _MILLION
    if pricing.output_per_1m is not None:
        cost += output_tokens * pricing.output_per_1m / _MILLION
    return cost.quantize(_CENT_FRACTION, ROUND_HALF_UP)


def money(amount: Decimal | None) -> str:
    """The app's one money wording (`lemon_desktop.money.format_usd`): $0.04, $0.0045;
    an amount that cannot be read is "price unknown", never $0."""
    return format_usd(amount, unknown="price unknown")


class PriceBook:
    """The gateway's price list, fetched once and kept for an hour."""

    def __init__(self, client: LemonClient, ttl: float = 3600.0) -> None:
        self._client = client
        self._ttl = ttl
        self._prices: dict[str, ModelPricing] = {}
        self._fetched_at: float | None = None
        self._refreshing: asyncio.Future[None] | None = None

    def known_estimate(self, request: ImageRequest) -> Decimal | None:
        """The estimate from prices already fetched, without asking the network
        (None when they were not fetched yet or the price is unknown)."""
        if self._fetched_at is None:
            return None
        return estimate_usd(self._prices.get(request.model), request)

    async def pricing(self, model: str) -> ModelPricing | None:
        stale = self._fetched_at is None or time.monotonic() - self._fetched_at > self._ttl
        if stale:
            # Jobs recorded together all ask at once: one request answers them all.
            running = self._refreshing
            if running is None or running.done() or running.get_loop() is not _loop():
                running = self._refreshing = asyncio.ensure_future(self._refresh())
            await asyncio.shield(running)
        return self._prices.get(model)

    async def _refresh(self) -> None:
        try:
            self._prices = {p.model: p for p in await self._client.get_pricing()}
            self._fetched_at = time.monotonic()
        except LemonError as exc:
            # Cost is information, not a reason to hold a job back; ask again in a minute.
            log.warning("prices unavailable: %s", exc.user_message)
            self._fetched_at = time.monotonic() - self._ttl + 60

    async def estimate(
        self, model: str, request: ImageRequest | Mapping[str, Any]
    ) -> Decimal | None:
        return estimate_usd(await self.pricing(model), request)


def _loop() -> asyncio.AbstractEventLoop:
    return asyncio.get_running_loop()

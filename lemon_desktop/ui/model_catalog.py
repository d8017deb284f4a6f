"""The models the picker offers: the gateway's list when it answers, a cached copy when
it does not, and the built-in profiles on a first run without a network.

Plain data and I/O, no widgets, so the merge rules are testable on their own.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
from dataclasses import asdict, dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..api.profiles import GENERIC_PROFILE, PROFILES, profile_for

if TYPE_CHECKING:
    from ..api.client import LemonClient
    from ..api.types import ModelInfo, ModelPricing

log = logging.getLogger(__name__)
CACHE_FILE = "models-cache.json"
# How many of the gateway's best-ranked models the "Recommended" group shows.
RECOMMENDED_COUNT = 6

_VENDOR_NAMES = {
    "openai": "OpenAI",
    "google": "Google",
    "bfl": "Black Forest Labs",
    "midjourney": "Midjourney",
    "ideogram": "Ideogram",
    "stability": "Stability AI",
    "bytedance": "ByteDance",
}


@dataclass(frozen=True)
class CatalogEntry:
    id: str
    vendor: str
    recommended: bool
    delivery: str  # "inline" or "task"
    has_profile: bool
    price: str | None = None  # already worded: "$0.04 / image"

    @property
    def delivery_text(self) -> str:
        return "task-based" if self.delivery == "task" else "usually inline"


# Shown wherever a model's price cannot be read: unknown is never worded as $0.00.
PRICE_UNKNOWN = "price unknown"


def _usable(value: Decimal | None) -> bool:
    return value is not None and value.is_finite() and value >= 0


def price_text(pricing: ModelPricing) -> str | None:
    """The price in words, or None when it is unknown (missing, NaN, infinite, negative)."""
    if pricing.per_request is not None:
        return f"${_money(pricing.per_request)} / image" if _usable(pricing.per_request) else None
    if pricing.token_priced:
        rates = (pricing.input_per_1m, pricing.output_per_1m)
        if any(value is not None and not _usable(value) for value in rates):
            return None
        input_rate, output_rate = (
            f"${_money(value)}" if value is not None else "unknown" for value in rates
        )
        return f"{input_rate} in / {output_rate} out per 1M tokens"
    return None


def _money(value: Decimal) -> str:
    # Cents when that is exact ($0.04, $5.00), every digit otherwise ($0.134).
    cents = f"{value:.2f}"
    return cents if Decimal(cents) == value else f"{value.normalize():f}"


def _vendor(info: ModelInfo) -> str:
    profile = profile_for(info.id)
    if profile is not GENERIC_PROFILE:
        return profile.vendor
    owner = (info.owned_by or "").strip()
    return _VENDOR_NAMES.get(owner.lower(), owner.title() if owner else "Other")


def _delivery(info: ModelInfo) -> str:
    profile = profile_for(info.id)
    if profile is not GENERIC_PROFILE:
        return profile.delivery
    flags = info.capability_flags or {}
    return "task" if flags.get("always_task") is True else "inline"


def is_image_model(info: ModelInfo) -> bool:
    if info.category is not None:
        return info.category == "image"
    return profile_for(info.id) is not GENERIC_PROFILE


def from_gateway(models: list[ModelInfo], prices: dict[str, str]) -> list[CatalogEntry]:
    """Entries in the gateway's order (best recommended first)."""
    images = [m for m in models if is_image_model(m)]
    # Ranked models only: a model with too few samples is listed, not recommended.
    ranked = [m.id for m in images if m.preferred_rank is not None or m.success_rate_24h]
    top = set(ranked[:RECOMMENDED_COUNT])
    return [
        CatalogEntry(
            id=m.id,
            vendor=_vendor(m),
            recommended=m.id in top,
            delivery=_delivery(m),
            has_profile=profile_for(m.id) is not GENERIC_PROFILE,
            price=prices.get(m.id),
        )
        for m in images
    ]


def builtin_entries() -> list[CatalogEntry]:
    return [
        CatalogEntry(
            id=model_id,
            vendor=profile.vendor,
            recommended=False,
            delivery=profile.delivery,
            has_profile=True,
        )
        for profile in PROFILES
        for model_id in profile.model_ids
    ]


class ModelCatalog:
    def __init__(self, home: Path) -> None:
        self.path = home / CACHE_FILE
        self.entries: list[CatalogEntry] = []
        self.source = "builtin"  # "builtin", "cache" or "gateway"

    def load(self) -> list[CatalogEntry]:
        cached = self._read_cache()
        if cached:
            self.entries, self.source = cached, "cache"
        else:
            self.entries, self.source = builtin_entries(), "builtin"
        return self.entries

    async def refresh(self, client: LemonClient) -> list[CatalogEntry]:
        """The gateway's list; prices are optional (a failed pricing call keeps none)."""
        from ..api.errors import LemonError

        models = await client.list_models(recommended_for="image")
        prices: dict[str, str] = {}
        try:
            for row in await client.get_pricing():
                text = price_text(row)
                if text:
                    prices[row.model] = text
        except LemonError as exc:
            log.info("no prices: %s", exc.user_message)
        entries = from_gateway(models, prices)
        if entries:
            self.entries, self.source = entries, "gateway"
            self._write_cache(entries)
        return self.entries

    def _read_cache(self) -> list[CatalogEntry]:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
            return [CatalogEntry(**item) for item in raw["models"]]
        except FileNotFoundError:
            return []
        except (OSError, ValueError, KeyError, TypeError) as exc:
            log.warning("ignoring damaged model cache %s: %s", self.path, exc)
            return []

    def _write_cache(self, entries: list[CatalogEntry]) -> None:
        payload: dict[str, Any] = {"models": [asdict(e) for e in entries]}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(prefix=".models-", dir=self.path.parent)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(payload, handle, indent=1)
            os.replace(temp, self.path)
        except OSError as exc:
            log.warning("could not cache the model list: %s", exc)
            with contextlib.suppress(OSError, UnboundLocalError):
                os.unlink(temp)

"""The one model catalogue: what the window's picker and `lemon-desktop models` list.

The gateway's list when it answers (in its order, best recommended first), a cached
copy when it does not, and the built-in profiles on a first run without a network.
Every entry is worded here once: the vendor's name, how the model usually delivers
("usually inline" / "task-based"), its price ("price unknown" when it cannot be
read, never $0), and whether it makes images from a prompt at all (the gateway's image
list also holds finishing tools: upscalers, background removers, Midjourney actions,
Ideogram edits). Plain data and I/O, no Qt.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ..api.profiles import GENERIC_PROFILE, PROFILES, profile_for
from ..api.profiles.inputs import input_profiles
from ..money import format_usd, known_usd

if TYPE_CHECKING:
    from ..api.client import LemonClient
    from ..api.types import ModelInfo, ModelPricing

log = logging.getLogger(__name__)
CACHE_FILE = "models-cache.json"
# How many of the gateway's best-ranked models count as "Recommended".
RECOMMENDED_COUNT = 6
# Shown wherever a model's price cannot be read: unknown is never worded as $0.00.
PRICE_UNKNOWN = "price unknown"

Delivery = Literal["inline", "task"]
DELIVERY_TEXT: dict[str, str] = {"inline": "usually inline", "task": "task-based"}
# How `lemon-desktop models` marks a model that only works on images it is given.
FINISHING_TEXT = "finishing only, not text-to-image"
# The operation names that mean "makes an image from a prompt" in a model's
# `supported_operations` (the newest spec writes "text-to-image").
TEXT_TO_IMAGE_NAMES = frozenset({"text-to-image", "text_to_image", "image-generation"})

# The gateway's `owned_by` for models no profile knows, as people write the vendor.
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
    price: str | None = None  # already worded ("$0.04 / image"); None: unknown
    # What the gateway said about the model; empty for the built-in list.
    owned_by: str | None = None
    success_rate_24h: float | None = None
    status: str | None = None
    # The gateway's recommendation rank for image work (1 is best); None: unranked.
    rank: int | None = None
    # Whether the model makes images from a prompt; False for finishing tools, which
    # the picker never offers for generation.
    generates: bool = True

    @property
    def delivery_text(self) -> str:
        return DELIVERY_TEXT["task" if self.delivery == "task" else "inline"]

    @property
    def price_text(self) -> str:
        return self.price or PRICE_UNKNOWN


def price_text(pricing: ModelPricing | None) -> str | None:
    """The price in words, or None when it is unknown (missing, NaN, infinite, negative)."""
    if pricing is None:
        return None
    if pricing.per_request is not None:
        if known_usd(pricing.per_request) is None:
            return None
        return f"{format_usd(pricing.per_request)} / image"
    if pricing.token_priced:
        rates = (pricing.input_per_1m, pricing.output_per_1m)
        # A rate that is present but unusable makes the whole price unreadable; a
        # missing one is shown as unknown beside the one that is known.
        if any(rate is not None and known_usd(rate) is None for rate in rates):
            return None
        input_rate, output_rate = (format_usd(rate) for rate in rates)
        return f"{input_rate} in / {output_rate} out per 1M tokens"
    return None


def vendor_of(info: ModelInfo) -> str:
    profile = profile_for(info.id)
    if profile is not GENERIC_PROFILE:
        return profile.vendor
    owner = (info.owned_by or "").strip()
    return _VENDOR_NAMES.get(owner.lower(), owner.title() if owner else "Other")


def delivery_of(info: ModelInfo) -> Delivery:
    """The profile's word; for a model no profile knows, the gateway's `always_task` flag."""
    profile = profile_for(info.id)
    if profile is not GENERIC_PROFILE:
        return profile.delivery
    flags = info.capability_flags or {}
    return "task" if flags.get("always_task") is True else "inline"


def generates_by_profiles(model_id: str) -> bool:
    """The built-in knowledge: a model with a generation profile makes images from a
    prompt; one known only for the images it takes (a finishing tool) does not; an
    unknown model is taken at its word."""
    if profile_for(model_id) is not GENERIC_PROFILE:
        return True
    return not input_profiles(model_id)


def generates_images(info: ModelInfo) -> bool:
    """Whether `info` makes an image from a prompt: the model's own operations when the
    gateway lists them, else its `image_generation` flag, else the built-in profiles."""
    if info.supported_operations:
        return any(op in TEXT_TO_IMAGE_NAMES for op in info.supported_operations)
    flag = (info.capability_flags or {}).get("image_generation")
    if isinstance(flag, bool):
        return flag
    return generates_by_profiles(info.id)


def is_image_model(info: ModelInfo) -> bool:
    """The list is asked for image models: an entry the gateway files under another
    category is dropped, one without a category is taken at its word and listed."""
    return info.category is None or info.category == "image"


def from_gateway(models: list[ModelInfo], prices: dict[str, str]) -> list[CatalogEntry]:
    """Entries in the gateway's order (best recommended first)."""
    images = [m for m in models if is_image_model(m)]
    makes = {m.id: generates_images(m) for m in images}
    # Ranked generation models only: a model with too few samples is listed, not
    # recommended, and a finishing tool is never recommended for making an image.
    ranked = [
        m.id for m in images if makes[m.id] and (m.preferred_rank is not None or m.success_rate_24h)
    ]
    top = set(ranked[:RECOMMENDED_COUNT])
    return [
        CatalogEntry(
            id=m.id,
            vendor=vendor_of(m),
            recommended=m.id in top,
            delivery=delivery_of(m),
            has_profile=profile_for(m.id) is not GENERIC_PROFILE,
            price=prices.get(m.id),
            owned_by=m.owned_by,
            success_rate_24h=m.success_rate_24h,
            status=m.preference_status,
            rank=m.preferred_rank,
            generates=makes[m.id],
        )
        for m in images
    ]


def for_generation(entries: list[CatalogEntry]) -> list[CatalogEntry]:
    """The entries that can be chosen to make an image from a prompt, in their order."""
    return [e for e in entries if e.generates]


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


@dataclass(frozen=True)
class GatewayCatalogue:
    entries: list[CatalogEntry]
    # Why there are no prices, when the pricing call failed: the list is still shown.
    prices_problem: str | None = None


async def fetch_catalogue(client: LemonClient) -> GatewayCatalogue:
    """The gateway's image models with their prices; a failed pricing call keeps the
    list (every price then reads unknown) and says why."""
    from ..api.errors import LemonError

    models = await client.list_models(recommended_for="image")
    prices: dict[str, str] = {}
    problem: str | None = None
    try:
        for row in await client.get_pricing():
            text = price_text(row)
            if text:
                prices[row.model] = text
    except LemonError as exc:
        problem = exc.user_message
    return GatewayCatalogue(from_gateway(models, prices), problem)


def entry_record(entry: CatalogEntry) -> dict[str, Any]:
    """One entry as JSON for `lemon-desktop models --json` (and anything else that
    wants the catalogue as data)."""
    profile = profile_for(entry.id)
    return {
        "id": entry.id,
        "owned_by": entry.owned_by,
        "vendor": entry.vendor,
        "profile": profile.family,
        "usually": entry.delivery,
        "delivery": entry.delivery_text,
        "recommended": entry.recommended,
        "supports_async": profile.supports_async,
        "parameters": [p.name for p in profile.params],
        "success_rate_24h": entry.success_rate_24h,
        "status": entry.status,
        "rank": entry.rank,
        "generates": entry.generates,
        "price": entry.price,
        "price_text": entry.price_text,
    }


class ModelCatalog:
    """The catalogue the window keeps: loaded from the cache, refreshed from the gateway."""

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
        fetched = await fetch_catalogue(client)
        if fetched.prices_problem:
            log.info("no prices: %s", fetched.prices_problem)
        if fetched.entries:
            self.entries, self.source = fetched.entries, "gateway"
            self._write_cache(fetched.entries)
        return self.entries

    def _read_cache(self) -> list[CatalogEntry]:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
            entries = []
            for item in raw["models"]:
                # A cache written before finishing tools were told apart.
                item.setdefault("generates", generates_by_profiles(item["id"]))
                entries.append(CatalogEntry(**item))
            return entries
        except FileNotFoundError:
            return []
        except (OSError, ValueError, KeyError, TypeError) as exc:
            log.warning("ignoring damaged model cache %s: %s", self.path, exc)
            return []

    def _write_cache(self, entries: list[CatalogEntry]) -> None:
        payload: dict[str, Any] = {"models": [asdict(e) for e in entries]}
        temp: str | None = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(prefix=".models-", dir=self.path.parent)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(payload, handle, indent=1)
            os.replace(temp, self.path)
        except OSError as exc:
            log.warning("could not cache the model list: %s", exc)
            if temp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(temp)

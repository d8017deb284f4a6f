"""The models the sandbox serves, their prices and health, and how they are listed.

Every value here is sandbox fiction chosen to exercise a client: a token-priced GPT
image family, per-request families, task-only models, models without enough samples to
be ranked, non-image models that category filtering must drop, and one image model
("seedream-4") that no client profile knows about.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

from lemon_desktop.sandbox.operations import GENERATIONS, operations_of

CREATED = 1_735_689_600  # 2025-01-01: fixed so listings are reproducible
UPDATED_AT = "2025-06-01T00:00:00Z"
TEXT_TO_IMAGE = "text-to-image"
GENERATE_PATH = GENERATIONS


@dataclass(frozen=True)
class Pricing:
    input_per_1m: str | None = None
    output_per_1m: str | None = None
    per_request: str | None = None
    is_lock_price: bool = False
    currency: str = "USD"


@dataclass(frozen=True)
class ModelEntry:
    id: str
    provider: str
    category: str
    pricing: Pricing
    family: str | None = None
    delivery: str = "inline"  # "task": the model always answers with a task
    async_ok: bool = False
    success_rate: float | None = None  # None: not enough samples in the last 24 h
    samples: int = 0
    tags: tuple[str, ...] = ()
    # Operations of non-image models; image operations come from the family (text to
    # image) and operations.py (everything that takes input images).
    operations: tuple[str, ...] = ()

    @property
    def pricing_unit(self) -> str:
        return "per_request" if self.pricing.per_request is not None else "per_1m_tokens"


def _tok(i: str, o: str | None) -> Pricing:
    return Pricing(input_per_1m=i, output_per_1m=o)


def _req(price: str, lock: bool = False) -> Pricing:
    return Pricing(per_request=price, is_lock_price=lock)


def _img(
    id_: str,
    provider: str,
    family: str,
    pricing: Pricing,
    rate: float | None,
    samples: int,
    *tags: str,
    **kw: Any,
) -> ModelEntry:
    return ModelEntry(
        id_, provider, "image", pricing, family, success_rate=rate, samples=samples, tags=tags, **kw
    )


def _tool(id_: str, provider: str, price: str) -> ModelEntry:
    """A finishing model: takes an image, has no text-to-image family."""
    return ModelEntry(id_, provider, "image", _req(price), None, success_rate=None, tags=("tool",))


# fmt: off
MODELS: tuple[ModelEntry, ...] = (
    _img("gpt-image-2", "openai", "gpt-image-2", _tok("5.00", "40.00"), 0.992, 15234,
         "recommended", "token-priced", async_ok=True),
    _img("gpt-image-1", "openai", "gpt-image", _tok("5.00", "40.00"), 0.985, 8123, "token-priced"),
    _img("gpt-image-1.5", "openai", "gpt-image", _tok("5.00", "32.00"), 0.981, 4210,
         "token-priced"),
    _img("gpt-image-1-mini", "openai", "gpt-image", _tok("2.00", "8.00"), 0.978, 3020, "fast"),
    _img("dall-e-3", "openai", "dall-e-3", _req("0.04"), 0.975, 9120, "prompt-enhancement"),
    _img("dall-e-2", "openai", "dall-e-2", _req("0.02"), 0.970, 1200, "fast"),
    _img("gemini-3-pro-image-preview", "google", "google-pro", _req("0.134"), 0.969, 6012,
         "recommended", "high-resolution"),
    _img("nano-banana-pro", "google", "google-pro", _req("0.134"), 0.968, 5400, "high-resolution"),
    _img("nano-banana-2", "google", "google-pro", _req("0.067"), 0.962, 2100, "high-resolution"),
    _img("gemini-2.5-flash-image", "google", "google-flash", _req("0.039"), 0.958, 7300, "fast"),
    _img("gemini-3.1-flash-image-preview", "google", "google-flash", _req("0.045"), 0.955, 900,
         "fast"),
    _img("nano-banana", "google", "google-flash", _req("0.039"), 0.950, 6600, "fast"),
    _img("nano-banana-edit", "google", "google-flash", _req("0.039"), None, 12, "edit"),
    _img("gemini-2.0-flash-preview-image-generation", "google", "google-basic", _req("0.039"),
         None, 3, "legacy"),
    _img("flux-pro", "bfl", "flux", _req("0.05"), 0.940, 3100, "photorealistic",
         delivery="task", async_ok=True),
    _img("flux-schnell", "bfl", "flux", _req("0.003"), 0.930, 2500, "fast", async_ok=True),
    _img("midjourney", "midjourney", "midjourney", _req("0.06", lock=True), 0.910, 1800,
         "artistic", delivery="task"),
    _img("ideogram-v3", "ideogram", "ideogram", _req("0.06"), 0.905, 950, "text-rendering",
         delivery="task"),
    _img("stable-diffusion-3", "stability", "sd3", _req("0.035"), 0.880, 600, "open-source"),
    _img("seedream-4", "bytedance", "generic", _req("0.03"), None, 0, "new"),
    _img("grok-imagine-image", "xai", "grok", _req("0.02"), 0.921, 700, "fast"),
    _img("grok-imagine-image-quality", "xai", "grok", _req("0.05"), 0.918, 410, "quality"),
    _img("grok-imagine-image-pro", "xai", "grok", _req("0.07"), None, 9, "legacy"),
    _img("flux-kontext-pro", "bfl", "flux", _req("0.04"), 0.935, 1300, "edit",
         delivery="task", async_ok=True),
    *(_tool(id_, provider, price) for id_, provider, price in (
        ("image-upscaler", "tools", "0.01"),
        ("image-background-remover", "tools", "0.01"),
        ("mj-upscale", "midjourney", "0.03"),
        ("mj-variation", "midjourney", "0.06"),
        ("mj-high-variation", "midjourney", "0.06"),
        ("mj-low-variation", "midjourney", "0.06"),
        ("mj-reroll", "midjourney", "0.06"),
        ("mj-zoom", "midjourney", "0.06"),
        ("mj-pan", "midjourney", "0.06"),
        ("mj-blend", "midjourney", "0.06"),
        ("mj-modal", "midjourney", "0.06"),
        ("ideogram-edit", "ideogram", "0.06"),
        ("ideogram-remix", "ideogram", "0.06"),
        ("ideogram-reframe", "ideogram", "0.06"),
        ("ideogram-replace-background-v3", "ideogram", "0.06"),
        ("ideogram-replace-background-v3-turbo", "ideogram", "0.03"),
        ("ideogram-replace-background-v3-quality", "ideogram", "0.09"),
        ("ideogram-upscale", "ideogram", "0.06"),
    )),
    ModelEntry("gpt-4o-mini", "openai", "chat", _tok("0.15", "0.60"), success_rate=0.998,
               samples=90210, operations=("chat.completions",)),
    ModelEntry("claude-sonnet-4-5", "anthropic", "chat", _tok("3.00", "15.00"), success_rate=0.997,
               samples=40500, operations=("chat.completions",)),
    ModelEntry("text-embedding-3-small", "openai", "embedding", _tok("0.02", None),
               success_rate=0.999, samples=12000, operations=("embeddings",)),
)
# fmt: on
_BY_ID = {m.id: m for m in MODELS}


def get(model_id: str) -> ModelEntry | None:
    return _BY_ID.get(model_id)


def close_matches(model_id: str) -> tuple[str | None, list[str]]:
    """(did_you_mean, suggestions) for an unknown id."""
    ids = list(_BY_ID)
    best = difflib.get_close_matches(model_id, ids, n=1, cutoff=0.75)
    suggestions = difflib.get_close_matches(model_id, ids, n=3, cutoff=0.4)
    return (best[0] if best else None), suggestions


def alternatives(model_id: str, limit: int = 3) -> list[str]:
    """Healthy image models other than ``model_id`` (for 503 answers)."""
    healthy = [m for m in ranked("image") if m.id != model_id and m.success_rate is not None]
    return [m.id for m in healthy[:limit]]


def ranked(category: str) -> list[ModelEntry]:
    members = [m for m in MODELS if m.category == category]
    scored = sorted(
        (m for m in members if m.success_rate is not None),
        key=lambda m: (-(m.success_rate or 0.0), m.id),
    )
    unscored = sorted((m for m in members if m.success_rate is None), key=lambda m: m.id)
    return scored + unscored


def _preference(entry: ModelEntry, rank: int | None) -> dict[str, Any]:
    return {
        "preferred_rank": rank,
        "success_rate_24h": entry.success_rate,
        "sample_count_24h": entry.samples,
        "status": "ok" if entry.success_rate is not None else "insufficient_samples",
        "updated_at": UPDATED_AT,
    }


def scene_preferences(entry: ModelEntry) -> dict[str, Any]:
    scored = [m.id for m in ranked(entry.category) if m.success_rate is not None]
    rank = scored.index(entry.id) + 1 if entry.id in scored else None
    return {entry.category: _preference(entry, rank)}


def supported_operations(entry: ModelEntry) -> list[str]:
    ops = [TEXT_TO_IMAGE] if entry.family else []
    ops += [op.name for op in operations_of(entry.id)]
    return list(dict.fromkeys(ops + list(entry.operations)))


def endpoint_by_operation(entry: ModelEntry) -> dict[str, str]:
    routes = {TEXT_TO_IMAGE: GENERATE_PATH} if entry.family else {}
    for op in operations_of(entry.id):
        routes.setdefault(op.name, op.endpoint)
    return routes


def request_endpoint(entry: ModelEntry) -> str | None:
    return next(iter(endpoint_by_operation(entry).values()), None)


def cheaper_models(estimated_cost: float, exclude: str, limit: int = 3) -> list[str]:
    """Image models whose per-request price is below ``estimated_cost`` (402 suggestions)."""
    found = [
        m
        for m in ranked("image")
        if m.id != exclude
        and m.family is not None
        and m.pricing.per_request is not None
        and float(m.pricing.per_request) < estimated_cost
    ]
    return [m.id for m in found[:limit]]


def pricing_rows(model: str | None) -> list[dict[str, Any]]:
    entries = list(MODELS) if model is None else [m for m in MODELS if m.id == model]
    return [
        {
            "model": m.id,
            "provider": m.provider,
            "pricing": {
                "input_per_1m": m.pricing.input_per_1m,
                "output_per_1m": m.pricing.output_per_1m,
                "per_request": m.pricing.per_request,
                "is_lock_price": m.pricing.is_lock_price,
                "currency": m.pricing.currency,
            },
        }
        for m in entries
    ]

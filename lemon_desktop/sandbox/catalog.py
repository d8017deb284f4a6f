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

from lemon_desktop.sandbox.families import FAMILIES

_CREATED = 1_735_689_600  # 2025-01-01: fixed so listings are reproducible
UPDATED_AT = "2025-06-01T00:00:00Z"
GENERATE_OP = "images.generations"
GENERATE_PATH = "/v1/images/generations"


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
    operations: tuple[str, ...] = (GENERATE_OP,)

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
    _img("nano-banana-edit", "google", "google-flash", _req("0.039"), None, 12, "edit",
         operations=(GENERATE_OP, "images.edits")),
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
    ranked = [m for m in _ranked("image") if m.id != model_id and m.success_rate is not None]
    return [m.id for m in ranked[:limit]]


def _ranked(category: str) -> list[ModelEntry]:
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


def _scene_preferences(entry: ModelEntry) -> dict[str, Any]:
    ranked = _ranked(entry.category)
    scored = [m.id for m in ranked if m.success_rate is not None]
    rank = scored.index(entry.id) + 1 if entry.id in scored else None
    return {entry.category: _preference(entry, rank)}


def capability_flags(entry: ModelEntry) -> dict[str, Any] | None:
    if entry.family is None:
        return None
    fam = FAMILIES[entry.family]
    return {
        "image_generation": True,
        "image_edit": "images.edits" in entry.operations,
        "async_task": entry.async_ok or entry.delivery == "task",
        "always_task": entry.delivery == "task",
        "b64_json": entry.delivery != "task",
        "streaming_partial_images": fam.gpt,
        "transparent_background": fam.gpt,
        "revised_prompt": fam.revised_prompt,
        "max_n": fam.n_max,
        "max_prompt_chars": fam.prompt_max,
        "aspect_ratio": "aspect_ratio" in fam.accepted,
        "resolution": fam.resolution == "yes",
        "sizes": list(fam.sizes) or None,
    }


def public_contract(entry: ModelEntry) -> dict[str, Any]:
    contract: dict[str, Any] = {
        "operations": list(entry.operations),
        "request_endpoint": GENERATE_PATH if entry.family else None,
    }
    if entry.family:
        fam = FAMILIES[entry.family]
        contract["parameters"] = None if fam.open else sorted(fam.accepted - {"model"})
        if entry.delivery == "task":
            contract["response_modes"] = ["task"]
        else:
            contract["response_modes"] = ["inline", "task"] if entry.async_ok else ["inline"]
    return contract


def model_item(entry: ModelEntry, scene: str | None = None) -> dict[str, Any]:
    lemondata: dict[str, Any] = {
        "category": entry.category,
        "pricing_unit": entry.pricing_unit,
        "capability_flags": capability_flags(entry),
        "supported_operations": list(entry.operations),
        "pricing_provenance": "sandbox_fixture",
        "public_contract_summary": {
            "public_operations": list(entry.operations),
            "request_endpoint": GENERATE_PATH if entry.family else None,
        },
        "tags": list(entry.tags),
    }
    if scene is not None:
        lemondata["agent_preferences"] = _scene_preferences(entry)
    return {
        "id": entry.id,
        "object": "model",
        "created": _CREATED,
        "owned_by": entry.provider,
        "lemondata": lemondata,
    }


def model_detail(entry: ModelEntry) -> dict[str, Any]:
    item = model_item(entry, scene=entry.category)
    item["lemondata"]["public_contract"] = public_contract(entry)
    return item


def list_models(
    category: str | None = None,
    recommended_for: str | None = None,
    provider: str | None = None,
    tag: str | None = None,
) -> list[dict[str, Any]]:
    # Recommendations are per scene: the scene's category, best 24 h success first, then
    # the models that have too few samples to be scored.
    entries = _ranked(recommended_for) if recommended_for else list(MODELS)
    entries = [
        m
        for m in entries
        if (category is None or m.category == category)
        and (provider is None or m.provider == provider)
        and (tag is None or tag in m.tags)
    ]
    return [model_item(m, recommended_for) for m in entries]


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

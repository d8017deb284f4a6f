"""How the catalogue is shown: model list items and details, with the extension object
under ``lemondata`` (older docs), ``tokenlab`` (the newest spec) or both."""

from __future__ import annotations

from typing import Any

from lemon_desktop.sandbox import catalog
from lemon_desktop.sandbox.catalog import ModelEntry
from lemon_desktop.sandbox.families import FAMILIES
from lemon_desktop.sandbox.operations import operations_of


def capability_flags(entry: ModelEntry) -> dict[str, Any] | None:
    if entry.category != "image":
        return None
    ops = operations_of(entry.id)
    fam = FAMILIES[entry.family] if entry.family else None
    return {
        "image_generation": fam is not None,
        "image_edit": any(op.name == "image-edit" for op in ops),
        "image_to_image": any(op.name == "image-to-image" for op in ops),
        "mask": any(op.mask for op in ops),
        "async_task": entry.async_ok or entry.delivery == "task",
        "always_task": entry.delivery == "task",
        "b64_json": entry.delivery != "task",
        "streaming_partial_images": bool(fam and fam.gpt),
        "transparent_background": bool(fam and fam.gpt and fam.name != "gpt-image-2"),
        "revised_prompt": bool(fam and fam.revised_prompt),
        "max_n": fam.n_max if fam else 1,
        "max_prompt_chars": fam.prompt_max if fam else None,
        "aspect_ratio": bool(fam and "aspect_ratio" in fam.accepted),
        "resolution": bool(fam and fam.resolution == "yes"),
        "sizes": (list(fam.sizes) or None) if fam else None,
        "max_input_images": max((op.max_images for op in ops), default=0),
    }


def public_contract(entry: ModelEntry) -> dict[str, Any]:
    contract: dict[str, Any] = {
        "operations": catalog.supported_operations(entry),
        "request_endpoint": catalog.request_endpoint(entry),
    }
    if entry.family:
        fam = FAMILIES[entry.family]
        contract["parameters"] = None if fam.open else sorted(fam.accepted - {"model"})
        if entry.delivery == "task":
            contract["response_modes"] = ["task"]
        else:
            contract["response_modes"] = ["inline", "task"] if entry.async_ok else ["inline"]
    return contract


def _lemondata(entry: ModelEntry, scene: str | None) -> dict[str, Any]:
    """The extension object as older docs (and api-facts) describe it."""
    lemondata: dict[str, Any] = {
        "category": entry.category,
        "pricing_unit": entry.pricing_unit,
        "capability_flags": capability_flags(entry),
        "supported_operations": catalog.supported_operations(entry),
        "pricing_provenance": "sandbox_fixture",
        "public_contract_summary": {
            "public_operations": catalog.supported_operations(entry),
            "request_endpoint": catalog.request_endpoint(entry),
        },
        "tags": list(entry.tags),
    }
    if scene is not None:
        lemondata["agent_preferences"] = catalog.scene_preferences(entry)
    return lemondata


def _constraints(entry: ModelEntry) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    if entry.family:
        fam = FAMILIES[entry.family]
        out.append(
            {
                "operation": catalog.TEXT_TO_IMAGE,
                "request_endpoint": catalog.GENERATE_PATH,
                "supported_parameters": [] if fam.open else sorted(fam.accepted),
                "documented_inputs": [],
                "notes": [],
            }
        )
    for op in operations_of(entry.id):
        out.append(
            {
                "operation": op.name,
                "request_endpoint": op.endpoint,
                "supported_parameters": op.parameters,
                "documented_inputs": op.documented_inputs,
                "notes": list(op.notes),
            }
        )
    return out


def request_format_summary(entry: ModelEntry) -> dict[str, Any] | None:
    if entry.category != "image":
        return None
    fam = FAMILIES[entry.family] if entry.family else None
    ops = operations_of(entry.id)
    params: set[str] = set(fam.accepted) if fam and not fam.open else set()
    for op in ops:
        params |= set(op.parameters)
    return {
        "public_operations": catalog.supported_operations(entry),
        "supported_parameters": sorted(params),
        "feature_flags": {
            "async": entry.async_ok or entry.delivery == "task",
            "streaming": bool(fam and fam.gpt),
            "mask": any(op.mask for op in ops),
            "file_inputs": any(op.file_ids for op in ops),
        },
        "output_formats": ["png", "jpeg", "webp"] if fam and fam.gpt else ["png"],
        "resolutions": list(fam.resolutions) if fam and fam.resolution == "yes" else [],
        "aspect_ratios": list(fam.ratios or ()) if fam else [],
        "request_endpoint": catalog.request_endpoint(entry),
        "request_endpoint_by_operation": catalog.endpoint_by_operation(entry),
        "request_shape_mode": "openai_images",
        "status_mode": "task" if entry.delivery == "task" else "inline_or_task",
        "operation_constraints": _constraints(entry),
    }


def _tokenlab(entry: ModelEntry, scene: str | None, detail: bool) -> dict[str, Any]:
    """The extension object as the newest spec names it (``tokenlab``)."""
    tokenlab: dict[str, Any] = {
        "category": entry.category,
        "pricing_unit": entry.pricing_unit,
        "capabilities": sorted(k for k, v in (capability_flags(entry) or {}).items() if v is True),
        "supported_operations": catalog.supported_operations(entry),
        "lifecycle": {
            "stage": "deprecated" if "legacy" in entry.tags else "active",
            "reason": None,
            "replacement_model": None,
            "released_at": None,
            "deprecated_at": None,
            "retired_at": None,
            "sunset_at": None,
            "latest": False,
            "latest_source": "none",
            "latest_window_days": None,
        },
        "commercial": {"user_charge_policy": "paid", "free_reason": None, "free_until": None},
        "badges": [],
        "accepted_request_formats": [],
        "request_format_summary": request_format_summary(entry),
    }
    if detail:
        tokenlab["request_format_details"] = request_format_summary(entry)
    if scene is not None:
        tokenlab["agent_preferences"] = catalog.scene_preferences(entry)
    return tokenlab


def model_item(
    entry: ModelEntry, scene: str | None = None, extension: str = "both", detail: bool = False
) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": entry.id,
        "object": "model",
        "created": catalog.CREATED,
        "owned_by": entry.provider,
    }
    if extension in ("both", "lemondata"):
        item["lemondata"] = _lemondata(entry, scene)
        if detail:
            item["lemondata"]["public_contract"] = public_contract(entry)
    if extension in ("both", "tokenlab"):
        item["tokenlab"] = _tokenlab(entry, scene, detail)
    return item


def model_detail(entry: ModelEntry, extension: str = "both") -> dict[str, Any]:
    return model_item(entry, scene=entry.category, extension=extension, detail=True)


def list_models(
    category: str | None = None,
    recommended_for: str | None = None,
    provider: str | None = None,
    tag: str | None = None,
    extension: str = "both",
) -> list[dict[str, Any]]:
    # Recommendations are per scene: the scene's category, best 24 h success first, then
    # the models that have too few samples to be scored.
    entries = catalog.ranked(recommended_for) if recommended_for else list(catalog.MODELS)
    entries = [
        m
        for m in entries
        if (category is None or m.category == category)
        and (provider is None or m.provider == provider)
        and (tag is None or tag in m.tags)
    ]
    return [model_item(m, recommended_for, extension) for m in entries]

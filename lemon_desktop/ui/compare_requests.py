"""One prompt, several models: each model gets the current settings it can take."""

from __future__ import annotations

from typing import Any

from ..api.profiles import InvalidRequest, build_request, profile_for


def request_for(
    model_id: str, prompt: str, values: dict[str, Any], extra: dict[str, Any]
) -> tuple[dict[str, Any] | None, str | None]:
    """(request, None), or (None, why this model cannot take the prompt).

    Settings another model does not take are left out rather than failing the whole
    comparison; a value this model rejects falls back to its own default.
    """
    profile = profile_for(model_id)
    own = {k: v for k, v in values.items() if profile.takes(k)}
    try:
        return build_request(model_id, prompt, own, extra), None
    except InvalidRequest as first:
        bad = {p.field for p in first.problems}
        kept = {k: v for k, v in own.items() if k not in bad}
        extra_kept = {k: v for k, v in extra.items() if k not in bad}
        try:
            return build_request(model_id, prompt, kept, extra_kept), None
        except InvalidRequest as second:
            return None, f"{model_id}: {second}"


def batch_items(
    models: list[str], prompt: str, values: dict[str, Any], extra: dict[str, Any]
) -> tuple[list[tuple[str, str, dict[str, Any]]], list[str]]:
    items: list[tuple[str, str, dict[str, Any]]] = []
    skipped: list[str] = []
    for model_id in models:
        request, problem = request_for(model_id, prompt, values, extra)
        if request is None:
            skipped.append(problem or model_id)
        else:
            items.append((model_id, prompt, request))
    return items, skipped

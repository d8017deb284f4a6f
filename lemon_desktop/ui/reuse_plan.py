"""Reusing an image's settings: what carries over, to which model, and what is left out.

An image this app made was sent to its model with exactly its parameters, so they come
back as they were (those without a field go to that model's extra parameters). An
image made by another tool (A1111, ComfyUI, SwarmUI...) was made with settings no
gateway model takes (sampler, CFG scale, seed, model hash): only the prompt, the
negative prompt when the model takes one, and the size (as the model's nearest size or
aspect ratio) carry over, onto that model when the gateway lists it, else onto the
model already chosen. Everything else is named in the plan's note and never sent.

Plain data, no widgets, so the mapping is testable on its own.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..api.profiles import (
    ModelProfile,
    closest_aspect_ratio,
    format_size,
    nearest_valid_size,
    parse_size,
    profile_for,
)

# Provenance.app of images this app wrote (see library.metadata.APP_ID).
OWN_APP_PREFIX = "lemon-desktop"


@dataclass(frozen=True)
class ReusePlan:
    model: str
    prompt: str
    values: dict[str, Any]  # for the model's form; own images may add leftovers (extras)
    dropped: list[str] = field(default_factory=list)  # settings left out, as named in the image
    replaced_model: str | None = None  # the image's model, when another one was used
    foreign_app: str | None = None

    @property
    def note(self) -> str:
        """What the person should know about this reuse; empty when nothing was lost."""
        if self.foreign_app is None and self.replaced_model is None and not self.dropped:
            return ""
        parts: list[str] = []
        if self.foreign_app is not None:
            parts.append(
                f"Made by another tool ({self.foreign_app}): only the prompt and size "
                f"were reused, for {self.model}."
            )
        if self.replaced_model is not None:
            parts.append(
                f"The gateway does not offer {self.replaced_model}, so {self.model} is used."
            )
        if self.dropped:
            parts.append("Left out (not sent): " + ", ".join(self.dropped) + ".")
        return " ".join(parts)


def is_foreign(settings: Mapping[str, Any]) -> bool:
    """Whether the image's settings were written by another tool (None: ours or unknown)."""
    app = settings.get("app")
    return isinstance(app, str) and bool(app) and not app.startswith(OWN_APP_PREFIX)


def plan_reuse(
    settings: Mapping[str, Any], current_model: str, listed: Collection[str]
) -> ReusePlan:
    """How `settings` (a gallery reuse payload) fill the generate panel.

    `listed` is the gateway's model list (empty when none is known yet).
    """
    source = str(settings.get("model") or "")
    prompt = str(settings.get("prompt") or "")
    raw = settings.get("params")
    params: dict[str, Any] = dict(raw) if isinstance(raw, Mapping) else {}
    if not is_foreign(settings):
        return ReusePlan(model=source or current_model, prompt=prompt, values=params)

    offered = bool(source) and (not listed or source in listed)
    model = source if offered else (current_model or source)
    profile = profile_for(model)
    values, used = _mapped_size(profile, params)
    dropped = [key for key in params if key not in used]
    negative = settings.get("negative_prompt")
    if isinstance(negative, str) and negative.strip():
        if profile.takes("negative_prompt"):
            values["negative_prompt"] = negative
        else:
            dropped.append("negative prompt")
    return ReusePlan(
        model=model,
        prompt=prompt,
        values=values,
        dropped=dropped,
        replaced_model=source if source and model != source else None,
        foreign_app=str(settings.get("app")),
    )


def _source_size(params: Mapping[str, Any]) -> tuple[tuple[int, int] | None, set[str]]:
    """The image's WxH and the keys it came from ("size", or SwarmUI's width/height)."""
    size = params.get("size")
    if isinstance(size, str) and (parsed := parse_size(size)) is not None:
        return parsed, {"size"}
    width, height = params.get("width"), params.get("height")
    if isinstance(width, int) and isinstance(height, int) and width > 0 and height > 0:
        return (width, height), {"width", "height"}
    return None, set()


def _mapped_size(
    profile: ModelProfile, params: Mapping[str, Any]
) -> tuple[dict[str, Any], set[str]]:
    """The model's own size (or aspect ratio) nearest to the image's, and the keys used."""
    size, keys = _source_size(params)
    if size is None or min(size) <= 0:
        return {}, set()
    width, height = size
    spec = profile.param("size")
    if spec is not None:
        if spec.custom_size and spec.size_rules is not None:
            return {"size": format_size(*nearest_valid_size(width, height, spec.size_rules))}, keys
        presets = [p for p in spec.choices if parse_size(p) is not None]
        if presets:
            return {"size": _nearest_preset(width, height, presets)}, keys
    ratio = profile.param("aspect_ratio")
    if ratio is not None and ratio.choices:
        return {"aspect_ratio": closest_aspect_ratio(width, height, ratio.choices)}, keys
    return {}, set()


def _nearest_preset(width: int, height: int, presets: list[str]) -> str:
    """The preset closest in shape first, then in pixel count (both on a log scale)."""
    target_shape, target_area = math.log(width / height), math.log(width * height)

    def distance(preset: str) -> tuple[float, float]:
        w, h = parse_size(preset) or (1, 1)
        return round(abs(math.log(w / h) - target_shape), 3), abs(math.log(w * h) - target_area)

    return min(presets, key=distance)

"""The one compare rule: one prompt and one set of settings, sent to several models.

Each model has its own contract (pixel presets, custom sizes, aspect ratios, counts),
so the person's settings are translated into each model's own terms where they can
be: a 16:9 aspect ratio or a 1920x1080 size becomes the nearest size or ratio of the
same shape that model takes, and what was changed is said ("16:9 → 1344x768"). A
setting that cannot be carried over refuses that model, with the reason: a wide image
from a model that only makes squares, four images from a one-image model, a
transparent background from a model that has none. Nothing is dropped silently.

The window's compare and `lemon-desktop generate --models` both use `plan_compare`,
so they translate, note and refuse alike. The per-model facts come from the profiles
(`lemon_desktop.api.profiles`); what is here is about settings, never about a model.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..api.profiles import InvalidRequest, ModelProfile, ParamSpec, make_request, profile_for
from ..api.profiles.catalog import KNOWN_PARAM_NAMES
from ..api.profiles.coerce import coerce, is_unset, size_text
from ..api.profiles.sizes import nearest_valid_size, parse_size
from ..api.profiles.validation import ALIASES
from ..api.request import ImageRequest

SHAPE = ("size", "aspect_ratio")
# Settings whose value changes what comes back, so a model that cannot honour them is
# refused rather than sent a different request; the listed values are what every model
# gives anyway (one image, no transparency), so leaving them out changes nothing.
MUST_CARRY: Mapping[str, tuple[Any, ...]] = {"n": (1,), "background": ("auto", "opaque")}
# Values that mean the same on models that spell them differently.
EQUIVALENT: Mapping[str, tuple[frozenset[str], ...]] = {
    "quality": (frozenset({"hd", "high"}), frozenset({"standard", "medium"})),
}
# A resolution tier as the long edge in pixels: how big a size an aspect ratio becomes.
TIER_EDGE: Mapping[str, int] = {"1k": 1024, "2k": 2048, "4k": 4096}
# The image area an aspect ratio becomes when no tier says otherwise.
DEFAULT_AREA = 1024 * 1024
# Ratios this close on a log scale are the same shape ("square" is within ~10 %).
_SQUARE_LOG = math.log(1.1)
# Grid for a custom size built from an aspect ratio; a model's own multiple wins.
_CUSTOM_STEP = 16


@dataclass(frozen=True)
class ModelTranslation:
    """What one model is sent in a comparison, or why it cannot be."""

    model: str
    values: dict[str, Any]  # the settings in this model's own terms
    extra: dict[str, Any]  # extra parameters passed on verbatim
    request: ImageRequest | None  # what is sent, made by the profiles; None when refused
    changes: tuple[str, ...] = ()  # what was translated or left out, in words
    refusal: str | None = None  # why this model cannot take the settings

    @property
    def refused(self) -> bool:
        return self.refusal is not None

    def summary(self) -> str:
        """One line: "flux-pro: 16:9 → 1344x768", "dall-e-3: as set", or the refusal."""
        if self.refusal is not None:
            return f"{self.model}: cannot compare: {self.refusal}"
        return f"{self.model}: {'; '.join(self.changes) if self.changes else 'as set'}"


@dataclass(frozen=True)
class ComparePlan:
    prompt: str
    translations: tuple[ModelTranslation, ...] = field(default_factory=tuple)

    @property
    def refusals(self) -> list[ModelTranslation]:
        return [t for t in self.translations if t.refused]

    @property
    def ready(self) -> bool:
        """Every model can take the settings (a comparison is all or nothing)."""
        return bool(self.translations) and not self.refusals

    def items(self) -> list[ImageRequest]:
        """The request of every model that can take the settings, in the plan's order."""
        return [t.request for t in self.translations if t.request is not None]

    def lines(self) -> list[str]:
        return [t.summary() for t in self.translations]

    def refusal_text(self) -> str:
        return " ".join(f"{t.model}: {t.refusal}" for t in self.refusals)


def plan_compare(
    models: Sequence[str],
    prompt: str,
    values: Mapping[str, Any],
    extra: Mapping[str, Any] | None = None,
    *,
    form_model: str | None = None,
) -> ComparePlan:
    """Translate `values` (and known settings among `extra`) for each of `models`.

    `form_model` is the model whose form the values come from (the window's): a value
    equal to that model's own default was not chosen by the person, so one that cannot
    be carried over is left out instead of refusing the model.
    """
    settings, passthrough = _split(values, extra or {})
    defaults = _defaults(form_model)
    soft = {k for k, v in settings.items() if k in defaults and _same(defaults[k], v)}
    return ComparePlan(
        prompt,
        tuple(translate(m, prompt, settings, passthrough, soft=soft) for m in models),
    )


def translate(
    model_id: str,
    prompt: str,
    settings: Mapping[str, Any],
    passthrough: Mapping[str, Any],
    *,
    soft: set[str] | frozenset[str] = frozenset(),
) -> ModelTranslation:
    """One model's side of `plan_compare` (settings already split from extras)."""
    profile = profile_for(model_id)
    work = _Work(model_id, profile, soft)
    _translate_shape(work, settings)
    for name, value in settings.items():
        if name in SHAPE or name == "resolution":
            continue
        _translate_setting(work, name, value)
    if work.refusals:
        return work.result(dict(passthrough), None, "; ".join(work.refusals))
    try:
        request = make_request(model_id, prompt, work.values, passthrough)
    except InvalidRequest as exc:
        return work.result(dict(passthrough), None, str(exc))
    return work.result(dict(passthrough), request, None)


# -- the parts -------------------------------------------------------------------------


@dataclass
class _Work:
    model: str
    profile: ModelProfile
    soft: set[str] | frozenset[str]
    values: dict[str, Any] = field(default_factory=dict)
    changes: list[str] = field(default_factory=list)
    refusals: list[str] = field(default_factory=list)

    def left_out(self, name: str, value: Any, why: str) -> None:
        if name not in self.soft:
            self.changes.append(f"{name} {_spoken(value)} left out ({why})")

    def refuse(self, name: str, reason: str) -> None:
        reason = reason if reason.endswith(".") else reason + "."
        if name in self.soft:
            self.changes.append(f"{name} left out: {reason}")
        else:
            self.refusals.append(reason)

    def result(
        self, extra: dict[str, Any], request: ImageRequest | None, refusal: str | None
    ) -> ModelTranslation:
        return ModelTranslation(
            self.model, dict(self.values), extra, request, tuple(self.changes), refusal
        )


def _split(
    values: Mapping[str, Any], extra: Mapping[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Settings by their canonical names, and extras that are nobody's known setting."""
    settings: dict[str, Any] = {}
    for key, value in values.items():
        if not is_unset(value):
            settings[ALIASES.get(key, key)] = value
    passthrough: dict[str, Any] = {}
    for key, value in extra.items():
        name = ALIASES.get(key, key)
        if name in KNOWN_PARAM_NAMES and name not in settings and not is_unset(value):
            settings[name] = value  # a known setting typed as an extra is that setting
        else:
            passthrough[key] = value  # the builder reports a conflict or passes it on
    return settings, passthrough


def _defaults(form_model: str | None) -> dict[str, Any]:
    if not form_model:
        return {}
    return {p.name: p.default for p in profile_for(form_model).params if p.default is not None}


def _same(a: Any, b: Any) -> bool:
    return str(a).strip().casefold() == str(b).strip().casefold()


def _spoken(value: Any) -> str:
    if isinstance(value, bool):
        return "on" if value else "off"
    return str(value)


def _translate_setting(work: _Work, name: str, value: Any) -> None:
    spec = work.profile.param(name)
    neutral = MUST_CARRY.get(name)
    if spec is None:
        if neutral is not None and not any(_same(value, v) for v in neutral):
            work.refuse(name, f"{work.model} cannot take {name} {_spoken(value)}")
        elif neutral is None:
            work.left_out(name, value, f"{work.model} has no {name} setting")
        return
    coerced, problems = coerce(spec, value, work.model)
    if not problems:
        work.values[name] = coerced
        return
    if name in work.soft:
        return  # the form's own default, not the person's choice: this model's applies
    twin = _equivalent(spec, value)
    if twin is not None:
        work.values[name] = twin
        work.changes.append(f"{name} {_spoken(value)} → {twin}")
    elif neutral is not None and not any(_same(value, v) for v in neutral):
        work.refuse(name, " ".join(problems))
    else:
        default = f"{work.model}'s default {spec.default}" if spec.default else work.model
        work.left_out(name, value, f"{work.model} does not take it; left to {default}")


def _equivalent(spec: ParamSpec, value: Any) -> str | None:
    for group in EQUIVALENT.get(spec.name, ()):
        if str(value).casefold() in group:
            for choice in spec.choices:
                if choice.casefold() in group:
                    return choice
    return None


# -- shape: size, aspect ratio and resolution ---------------------------------------------


def _ratio(text: Any) -> tuple[int, int] | None:
    if not isinstance(text, str):
        return None
    left, sep, right = text.strip().partition(":")
    if not sep or not left.strip().isdigit() or not right.strip().isdigit():
        return None
    a, b = int(left), int(right)
    return (a, b) if a > 0 and b > 0 else None


def _log_ratio(shape: tuple[float, float]) -> float:
    return math.log(shape[0] / shape[1])


def _shape_class(shape: tuple[float, float]) -> int:
    """-1 portrait, 0 square, 1 landscape."""
    r = _log_ratio(shape)
    return 0 if abs(r) < _SQUARE_LOG else (1 if r > 0 else -1)


def _translate_shape(work: _Work, settings: Mapping[str, Any]) -> None:
    size_raw, ratio_raw = settings.get("size"), settings.get("aspect_ratio")
    tier_raw = settings.get("resolution")
    size = size_text(size_raw) if size_raw is not None else None
    pixels = parse_size(size) if size else None
    pixels = pixels if pixels and min(pixels) > 0 else None
    ratio = _ratio(ratio_raw)
    if size_raw is not None and pixels is None:
        _size_that_is_no_shape(work, size_raw)
    if ratio_raw is not None and ratio is None:
        _ratio_that_is_no_shape(work, ratio_raw)
    # The shape asked for, in the order this model takes it best: its own setting first.
    shapes: list[tuple[str, Any, tuple[int, int]]] = []
    if pixels:
        shapes.append(("size", size_raw, pixels))
    if ratio:
        shapes.append(("aspect_ratio", ratio_raw, ratio))
    if work.profile.param("aspect_ratio") is not None:
        shapes.sort(key=lambda shape: shape[0] != "aspect_ratio")
    tier_used = False
    if shapes:
        name, raw, wanted = shapes[0]
        tier_used = _place_shape(work, name, raw, wanted, tier_raw)
        for other, other_raw, _ in shapes[1:]:
            work.left_out(other, other_raw, f"{_spoken(raw).strip()} sets the shape")
    if tier_raw is not None:
        if work.profile.param("resolution") is not None:
            _translate_setting(work, "resolution", tier_raw)
        elif not tier_used:
            work.left_out("resolution", tier_raw, f"{work.model} has no resolution setting")


def _size_that_is_no_shape(work: _Work, raw: Any) -> None:
    """A size such as "auto": taken as it is, or left to the model; never guessed."""
    spec = work.profile.param("size")
    if spec is not None:
        coerced, problems = coerce(spec, raw, work.model)
        if not problems:
            work.values["size"] = coerced
            return
    if _same(raw, "auto"):
        work.left_out("size", raw, f"{work.model} chooses its own size")
    else:
        work.refuse("size", f"size must be WIDTHxHEIGHT such as 1920x1080, got {raw!r}")


def _ratio_that_is_no_shape(work: _Work, raw: Any) -> None:
    spec = work.profile.param("aspect_ratio")
    if spec is not None:
        coerced, problems = coerce(spec, raw, work.model)
        if not problems:
            work.values["aspect_ratio"] = coerced
            return
    work.refuse("aspect_ratio", f"aspect_ratio must look like 16:9, got {raw!r}")


def _place_shape(work: _Work, name: str, raw: Any, wanted: tuple[int, int], tier: Any) -> bool:
    """Put the asked shape into this model's terms; True when `tier` sized it."""
    said = _spoken(raw).strip()
    own = work.profile.param(name)
    if own is not None:
        coerced, problems = coerce(own, raw, work.model)
        if not problems:
            work.values[name] = coerced
            return False
    size_spec = work.profile.param("size")
    ratio_spec = work.profile.param("aspect_ratio")
    if size_spec is not None:
        # A ratio says nothing of size: the resolution tier does, where the model has none.
        use_tier = name == "aspect_ratio" and work.profile.param("resolution") is None
        _to_size(work, size_spec, wanted, said, name, tier if use_tier else None)
        return use_tier and tier is not None
    if ratio_spec is not None:
        _to_ratio(work, ratio_spec, wanted, said, name)
        return False
    work.refuse(
        name,
        f"{work.model} takes no size or aspect ratio (it chooses the shape), "
        f"so {said} cannot be carried over",
    )
    return False


def _to_size(
    work: _Work,
    spec: ParamSpec,
    wanted: tuple[int, int],
    said: str,
    shape_name: str,
    tier: Any,
) -> None:
    edge = TIER_EDGE.get(str(tier).strip().casefold()) if tier is not None else None
    if shape_name == "size":
        area = float(wanted[0] * wanted[1])
    elif edge is not None:
        area = edge * edge * min(wanted) / max(wanted)
    else:
        area = float(DEFAULT_AREA)
    chosen = _nearest_size(spec, wanted, area, exact=shape_name == "size")
    if chosen is None or _shape_class(chosen) != _shape_class(wanted):
        sizes = ", ".join(c for c in spec.choices if parse_size(c))
        work.refuse(
            shape_name,
            f"{work.model} has no size shaped like {said} (it takes {sizes}), "
            f"so {said} cannot be carried over",
        )
        return
    text = f"{chosen[0]}x{chosen[1]}"
    work.values["size"] = text
    source = f"{said} ({tier})" if edge is not None else said
    work.changes.append(f"{source} → {text}")


def _nearest_size(
    spec: ParamSpec, wanted: tuple[int, int], area: float, *, exact: bool
) -> tuple[int, int] | None:
    target = _log_ratio(wanted)
    if exact and spec.custom_size:
        # A typed size the model cannot take as it is: the validator's own "nearest valid".
        return _custom_size(spec, wanted, area, exact=True)
    candidates = [p for p in (parse_size(c) for c in spec.choices) if p and min(p) > 0]
    if spec.custom_size:
        candidates.append(_custom_size(spec, wanted, area, exact=exact))
    if not candidates:
        return None

    def rank(size: tuple[int, int]) -> tuple[float, float]:
        # The shape first (to the nearest percent), then the nearest area.
        shape_gap = round(abs(_log_ratio(size) - target), 2)
        return shape_gap, abs(math.log(size[0] * size[1] / area))

    return min(candidates, key=rank)


def _custom_size(
    spec: ParamSpec, wanted: tuple[int, int], area: float, *, exact: bool
) -> tuple[int, int]:
    """The custom size nearest to `wanted` (a pixel size the person typed, when `exact`)
    or to its shape at `area` (a ratio)."""
    rules = spec.size_rules
    if exact and rules is not None:
        return nearest_valid_size(*wanted, rules)
    step = max(_CUSTOM_STEP, rules.multiple_of if rules else 1)
    width = math.sqrt(area * wanted[0] / wanted[1])
    height = width * wanted[1] / wanted[0]
    snapped = (
        max(step, round(width / step) * step),
        max(step, round(height / step) * step),
    )
    return nearest_valid_size(*snapped, rules) if rules else snapped


def _to_ratio(
    work: _Work, spec: ParamSpec, wanted: tuple[int, int], said: str, shape_name: str
) -> None:
    target = _log_ratio(wanted)
    options = [(c, r) for c, r in ((c, _ratio(c)) for c in spec.choices) if r]
    if not options:
        work.refuse(shape_name, f"{work.model} takes no aspect ratio like {said}")
        return
    choice, shape = min(options, key=lambda o: abs(_log_ratio(o[1]) - target))
    if _shape_class(shape) != _shape_class(wanted):
        work.refuse(
            shape_name,
            f"{work.model} has no aspect ratio shaped like {said} "
            f"(it takes {', '.join(spec.choices)}), so {said} cannot be carried over",
        )
        return
    work.values["aspect_ratio"] = choice
    if not _same(choice, said):
        work.changes.append(f"{said} → {choice}")

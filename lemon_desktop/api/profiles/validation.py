"""Checking a request against its model's profile.

`resolve` is the single pass both `validate` and `build_request` use, so what the UI
reports as valid is exactly what gets sent.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..request import ImageRequest, Params
from .catalog import GENERIC_PROFILE, KNOWN_PARAM_NAMES, models_taking, profile_for
from .coerce import coerce, is_unset, shown, size_text
from .schema import FieldProblem, InvalidRequest, ModelProfile, Requires
from .sizes import aspect_ratio_for_size, closest_aspect_ratio, parse_size, reduced_ratio

# Alternative spellings the gateway documents; the canonical name is what is sent.
ALIASES: Mapping[str, str] = {"compression": "output_compression"}

# Set by the client itself: `stream` changes the answer's wire format, which the HTTP
# layer has to choose, not a typed-in extra.
RESERVED = frozenset({"model", "prompt", "stream"})

_MISSING = object()


def _join(items: tuple[str, ...]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _not_taken(profile: ModelProfile, model_id: str, name: str) -> FieldProblem:
    if profile is GENERIC_PROFILE:
        message = (
            f"{name}: {model_id} has no profile here, so {name} is not a known setting for "
            f"it; pass it as an extra parameter if the model takes it."
        )
    elif profile.prompt_only:
        message = f"{name}: {model_id} is prompt-only and takes no {name}; remove it."
    else:
        takers = models_taking(name)
        # Naming the models that do take it turns "no" into a next step, but only
        # while the list is short enough to read.
        where = ""
        if 0 < len(takers) <= 4:
            where = f" (only {_join(takers)} {'does' if len(takers) == 1 else 'do'})"
        message = f"{name}: {model_id} does not take {name}{where}; remove it."
    return FieldProblem(name, message)


def _check_prompt(profile: ModelProfile, model_id: str, prompt: Any) -> list[FieldProblem]:
    if not isinstance(prompt, str) or not prompt.strip():
        return [FieldProblem("prompt", "prompt is empty; describe the image you want.")]
    if profile.prompt_max is not None and len(prompt) > profile.prompt_max:
        return [
            FieldProblem(
                "prompt",
                f"prompt is {len(prompt):,} characters; "
                f"{model_id} accepts at most {profile.prompt_max:,}.",
            )
        ]
    return []


def _accepts(profile: ModelProfile, name: str) -> bool:
    return profile.takes(name) or (name == "size" and profile.size_to_aspect_ratio)


def _gather(
    profile: ModelProfile,
    model_id: str,
    values: Mapping[str, Any],
    extra: Mapping[str, Any],
) -> tuple[dict[str, Any], dict[str, Any], list[FieldProblem]]:
    """Sort the input into settings the profile takes (still raw) and verbatim extras."""
    raw: dict[str, Any] = {}
    passthrough: dict[str, Any] = {}
    problems: list[FieldProblem] = []

    def put(name: str, value: Any) -> None:
        if name in raw:
            # Compared loosely: "80" from a CLI and 80 from a widget are the same intent.
            if str(raw[name]).strip().casefold() != str(value).strip().casefold():
                problems.append(
                    FieldProblem(
                        name,
                        f"{name} is set twice with different values ({shown(raw[name])} and "
                        f"{shown(value)}); keep one.",
                    )
                )
            return
        raw[name] = value

    for key, value in values.items():
        if is_unset(value):
            continue
        name = ALIASES.get(key, key)
        if name in profile.stripped_params:
            continue
        if _accepts(profile, name):
            put(name, value)
        else:
            problems.append(_not_taken(profile, model_id, name))

    for key, value in extra.items():
        if value is None:
            continue
        if key in RESERVED:
            problems.append(
                FieldProblem(key, f"{key}: the app sets {key} itself; remove it from extras.")
            )
            continue
        name = ALIASES.get(key, key)
        if name in profile.stripped_params:
            continue
        if _accepts(profile, name):
            # A known setting typed as an extra is treated as that setting, so it is
            # checked and coerced like one.
            put(name, value)
        elif profile is GENERIC_PROFILE or name not in KNOWN_PARAM_NAMES:
            passthrough[key] = value
        else:
            problems.append(_not_taken(profile, model_id, name))
    return raw, passthrough, problems


def _size_as_aspect_ratio(
    profile: ModelProfile,
    model_id: str,
    raw_size: Any,
    settings: dict[str, Any],
) -> list[FieldProblem]:
    """Apply `size` as the aspect_ratio alias; the size itself is never sent.

    Only the ratio is derived: how the gateway would pick a resolution tier from a
    pixel size is undocumented (UNCONFIRMED), so resolution stays as the user set it.
    """
    spec = profile.param("aspect_ratio")
    assert spec is not None
    text = size_text(raw_size)
    if text is not None and text.casefold() == "auto":
        return []
    parsed = parse_size(text) if text is not None else None
    if parsed is None or min(parsed) <= 0:
        return [
            FieldProblem(
                "size",
                f"size must be WIDTHxHEIGHT such as 1920x1080, got {shown(raw_size)}; "
                f"{model_id} takes aspect_ratio, so setting that is better.",
            )
        ]
    width, height = parsed
    ratio = aspect_ratio_for_size(width, height, spec.choices)
    chosen = settings.get("aspect_ratio")
    if chosen is not None:
        if ratio == chosen:
            return []
        return [
            FieldProblem(
                "size",
                f"size {width}x{height} ({reduced_ratio(width, height)}) conflicts with "
                f"aspect_ratio {chosen}; {model_id} takes aspect_ratio, so remove size.",
            )
        ]
    if ratio is None:
        return [
            FieldProblem(
                "size",
                f"size {width}x{height} ({reduced_ratio(width, height)}) matches no aspect "
                f"ratio {model_id} takes; set aspect_ratio to one of "
                f"{', '.join(spec.choices)} (closest: "
                f"{closest_aspect_ratio(width, height, spec.choices)}).",
            )
        ]
    settings["aspect_ratio"] = ratio
    return []


def _spoken(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _check_rule(rule: Requires, settings: Mapping[str, Any]) -> FieldProblem | None:
    value = settings.get(rule.field, _MISSING)
    if value is _MISSING or (rule.when and value not in rule.when):
        return None
    other = settings.get(rule.other, _MISSING)
    effective = rule.assume if other is _MISSING else other
    if effective in rule.allowed:
        return None
    other_text = _spoken(effective) + (" (the default)" if other is _MISSING else "")
    return FieldProblem(
        rule.field, rule.message.format(value=_spoken(value), other_value=other_text)
    )


def resolve(
    model_id: str,
    prompt: str,
    values: Mapping[str, Any],
    extra: Mapping[str, Any] | None = None,
) -> tuple[dict[str, Any], list[FieldProblem]]:
    """The request body and every problem with it (the body is only usable when there
    are none)."""
    profile = profile_for(model_id)
    problems: list[FieldProblem] = []
    if not isinstance(model_id, str) or not model_id.strip():
        problems.append(FieldProblem("model", "model is empty; choose a model."))
    problems += _check_prompt(profile, model_id, prompt)

    raw, passthrough, gathered = _gather(profile, model_id, values, extra or {})
    problems += gathered

    settings: dict[str, Any] = {p.name: p.default for p in profile.params if p.default is not None}
    failed: set[str] = set()
    for name, value in raw.items():
        spec = profile.param(name)
        if spec is None:  # the size alias, applied once aspect_ratio is known
            continue
        coerced, messages = coerce(spec, value, model_id)
        if messages:
            failed.add(name)
            settings.pop(name, None)
            problems += [FieldProblem(name, m) for m in messages]
        else:
            settings[name] = coerced

    if "size" in raw and not profile.takes("size") and "aspect_ratio" not in failed:
        problems += _size_as_aspect_ratio(profile, model_id, raw["size"], settings)

    for rule in profile.rules:
        if rule.field in failed or rule.other in failed:
            continue
        problem = _check_rule(rule, settings)
        if problem is not None:
            problems.append(problem)

    body: dict[str, Any] = {"model": model_id, "prompt": prompt}
    for spec in profile.params:
        if spec.name in settings:
            body[spec.name] = settings[spec.name]
    body.update(passthrough)
    return body, problems


def validate(
    model_id: str,
    prompt: str,
    values: Mapping[str, Any],
    extra: Mapping[str, Any] | None = None,
) -> list[FieldProblem]:
    """Every problem with the request, in a stable order; empty means it can be sent."""
    return resolve(model_id, prompt, values, extra)[1]


def make_request(
    model_id: str,
    prompt: str,
    values: Mapping[str, Any],
    extra: Mapping[str, Any] | None = None,
) -> ImageRequest:
    """The request, checked once here and carried unchanged from then on (the panel and
    the command line both come here). Raises InvalidRequest listing every problem."""
    body, problems = resolve(model_id, prompt, values, extra)
    if problems:
        raise InvalidRequest(problems)
    params = {k: v for k, v in body.items() if k not in ("model", "prompt")}
    return ImageRequest(model=model_id, prompt=prompt, params=Params(params))

"""Per-model profiles, validation and the request builder."""

from __future__ import annotations

import random
from typing import Any

import pytest

from lemon_desktop.api.profiles import (
    GENERIC_PROFILE,
    GPT_IMAGE_2_SIZE_RULES,
    PROFILES,
    FieldProblem,
    InvalidRequest,
    ModelProfile,
    ParamSpec,
    SizeRules,
    aspect_lock,
    aspect_ratio_for_size,
    build_request,
    known_model_ids,
    nearest_valid_size,
    parse_size,
    profile_for,
    size_violations,
    validate,
    wants_stream,
)

SPEC_MODEL_IDS = {
    "gpt-image-2",
    "gpt-image-1",
    "gpt-image-1.5",
    "gpt-image-1-mini",
    "dall-e-3",
    "dall-e-2",
    "gemini-3-pro-image-preview",
    "nano-banana-pro",
    "nano-banana-2",
    "gemini-2.5-flash-image",
    "gemini-3.1-flash-image-preview",
    "nano-banana",
    "nano-banana-edit",
    "gemini-2.0-flash-preview-image-generation",
    "flux-pro",
    "flux-schnell",
    "midjourney",
    "ideogram-v3",
    "stable-diffusion-3",
}
API_PARAM_NAMES = {
    "size",
    "aspect_ratio",
    "resolution",
    "quality",
    "style",
    "background",
    "output_format",
    "output_compression",
    "moderation",
    "n",
    "async",
    "partial_images",
    "response_format",
    "user",
}
HIRES = ("gemini-3-pro-image-preview", "nano-banana-pro", "nano-banana-2")
FLASH = (
    "gemini-2.5-flash-image",
    "gemini-3.1-flash-image-preview",
    "nano-banana",
    "nano-banana-edit",
)
GPT_OLDER = ("gpt-image-1", "gpt-image-1.5", "gpt-image-1-mini")
ASPECT_MODELS = (*HIRES, *FLASH, "midjourney", "ideogram-v3", "stable-diffusion-3")
PROMPT_ONLY = "gemini-2.0-flash-preview-image-generation"
ALL_PROFILES = (*PROFILES, GENERIC_PROFILE)


def problems_for(model: str, values: dict[str, Any], extra: dict[str, Any] | None = None,
                 prompt: str = "a lemon") -> list[FieldProblem]:  # fmt: skip
    return validate(model, prompt, values, extra)


def only_problem(model: str, values: dict[str, Any], **kw: Any) -> FieldProblem:
    found = problems_for(model, values, **kw)
    assert len(found) == 1, found
    return found[0]


# --- catalog -----------------------------------------------------------------------------


def test_every_documented_model_has_exactly_one_profile() -> None:
    assert set(known_model_ids()) == SPEC_MODEL_IDS
    assert len(known_model_ids()) == len(SPEC_MODEL_IDS)
    for model in SPEC_MODEL_IDS:
        owners = [p for p in PROFILES if model in p.model_ids]
        assert owners == [profile_for(model)]


@pytest.mark.parametrize("model", ["not-a-model", "GPT-IMAGE-2", " gpt-image-2", "", None, 42])
def test_profile_for_unknown_ids_is_generic(model: Any) -> None:
    profile = profile_for(model)
    assert profile is GENERIC_PROFILE
    assert profile.family == "generic"
    assert profile.vendor == "Other"


def test_generic_profile_offers_prompt_n_size_and_user() -> None:
    assert [p.name for p in GENERIC_PROFILE.params] == ["size", "n", "user"]
    size = GENERIC_PROFILE.param("size")
    assert size is not None and size.custom_size and size.kind == "size"


@pytest.mark.parametrize(
    ("model", "family", "vendor", "delivery", "asynchronous", "partials"),
    [
        ("gpt-image-2", "gpt-image-2", "OpenAI", "inline", True, True),
        ("gpt-image-1", "gpt-image", "OpenAI", "inline", False, True),
        ("gpt-image-1.5", "gpt-image", "OpenAI", "inline", False, True),
        ("gpt-image-1-mini", "gpt-image", "OpenAI", "inline", False, True),
        ("dall-e-3", "dall-e-3", "OpenAI", "inline", False, False),
        ("dall-e-2", "dall-e-2", "OpenAI", "inline", False, False),
        ("nano-banana-pro", "gemini-hires", "Google", "inline", False, False),
        ("nano-banana", "gemini-flash", "Google", "inline", False, False),
        (PROMPT_ONLY, "gemini-prompt-only", "Google", "inline", False, False),
        ("flux-pro", "flux-pro", "Black Forest Labs", "task", True, False),
        ("flux-schnell", "flux-schnell", "Black Forest Labs", "inline", False, False),
        ("midjourney", "midjourney", "Midjourney", "task", False, False),
        ("ideogram-v3", "ideogram-v3", "Ideogram", "task", False, False),
        ("stable-diffusion-3", "stable-diffusion-3", "Stability AI", "inline", False, False),
    ],
)
def test_profile_identity(
    model: str, family: str, vendor: str, delivery: str, asynchronous: bool, partials: bool
) -> None:
    profile = profile_for(model)
    assert profile.family == family
    assert profile.vendor == vendor
    assert profile.delivery == delivery
    assert profile.supports_async is asynchronous
    assert profile.supports_partial_images is partials
    assert profile.notes


@pytest.mark.parametrize("profile", ALL_PROFILES, ids=lambda p: p.family)
def test_params_carry_ui_information(profile: ModelProfile) -> None:
    assert profile.takes("user")
    for spec in profile.params:
        assert spec.name in API_PARAM_NAMES
        assert spec.label and spec.label[0].isupper()
        assert spec.help.endswith(".")
        assert profile.param(spec.name) is spec
        if spec.kind == "choice":
            assert spec.choices
        if spec.kind == "int":
            assert spec.minimum is not None and spec.maximum is not None
    assert profile.param("no-such-thing") is None
    assert not profile.takes("no-such-thing")


def test_gpt_image_2_params_follow_the_spec() -> None:
    profile = profile_for("gpt-image-2")
    names = [p.name for p in profile.params]
    assert set(names) == {
        "size",
        "quality",
        "background",
        "output_format",
        "output_compression",
        "moderation",
        "n",
        "response_format",
        "partial_images",
        "async",
        "user",
    }
    assert profile.stripped_params == frozenset({"input_fidelity"})
    assert profile.prompt_max == 32_000

    def choices(name: str) -> tuple[str, ...]:
        spec = profile.param(name)
        assert spec is not None
        return spec.choices

    assert set(choices("quality")) == {"auto", "low", "medium", "high"}
    assert set(choices("background")) == {"transparent", "opaque", "auto"}
    assert set(choices("output_format")) == {"png", "jpeg", "webp"}
    assert set(choices("moderation")) == {"low", "auto"}
    assert set(choices("response_format")) == {"url", "b64_json"}
    assert choices("size") == (
        "auto",
        "1024x1024",
        "1536x1024",
        "1024x1536",
        "2048x2048",
        "2048x1152",
        "1152x2048",
        "3840x2160",
        "2160x3840",
    )
    ranges = {p.name: (p.minimum, p.maximum) for p in profile.params if p.kind == "int"}
    assert ranges == {"output_compression": (0, 100), "n": (1, 10), "partial_images": (0, 3)}


def test_older_gpt_image_models_have_fixed_sizes_and_no_async() -> None:
    for model in GPT_OLDER:
        profile = profile_for(model)
        size = profile.param("size")
        assert size is not None and not size.custom_size
        assert set(size.choices) == {"auto", "1024x1024", "1536x1024", "1024x1536"}
        assert not profile.takes("async")
        assert profile.takes("partial_images")
        assert profile.stripped_params == frozenset()


def test_google_families() -> None:
    expected = ("1:1", "16:9", "9:16", "3:2", "2:3", "4:3", "3:4", "4:5", "5:4", "21:9")
    for model in (*HIRES, *FLASH):
        profile = profile_for(model)
        spec = profile.param("aspect_ratio")
        assert spec is not None and spec.choices == expected
        assert not profile.takes("size")
        assert profile.takes("resolution") is (model in HIRES)
    resolution = profile_for("nano-banana-pro").param("resolution")
    assert resolution is not None and resolution.choices == ("1k", "2k", "4k")
    assert [p.name for p in profile_for(PROMPT_ONLY).params] == ["user"]
    assert profile_for(PROMPT_ONLY).prompt_only


def test_profiles_are_hashable_values() -> None:
    # The GUI keys widgets and caches by profile.
    assert len({hash(p) for p in ALL_PROFILES}) == len(ALL_PROFILES)
    assert profile_for("gpt-image-1") == profile_for("gpt-image-1-mini")


def test_profile_consistency_is_enforced() -> None:
    with pytest.raises(ValueError, match="supports_async"):
        ModelProfile(
            family="broken",
            vendor="Other",
            model_ids=("x",),
            params=(),
            prompt_max=None,
            delivery="inline",
            supports_async=True,
            supports_partial_images=False,
        )
    with pytest.raises(ValueError, match="needs choices"):
        ParamSpec(name="quality", kind="choice", label="Q", help="Q.")
    with pytest.raises(ValueError, match="custom_size"):
        ParamSpec(name="n", kind="int", label="N", help="N.", custom_size=True)


# --- request shape -----------------------------------------------------------------------

DEFAULT_BODIES: dict[str, dict[str, Any]] = {
    "gpt-image-2": {"n": 1},
    **{model: {"n": 1} for model in GPT_OLDER},
    "dall-e-3": {"size": "1024x1024", "quality": "standard", "style": "vivid", "n": 1},
    "dall-e-2": {"size": "1024x1024", "n": 1},
    **{model: {"n": 1} for model in (*HIRES, *FLASH)},
    PROMPT_ONLY: {},
    "flux-pro": {"n": 1},
    "flux-schnell": {"n": 1},
    "midjourney": {"n": 1},
    "ideogram-v3": {"n": 1},
    "stable-diffusion-3": {"n": 1},
}


@pytest.mark.parametrize("model", sorted(SPEC_MODEL_IDS))
def test_default_request_shape(model: str) -> None:
    body = build_request(model, "a lemon", {})
    assert body == {"model": model, "prompt": "a lemon", **DEFAULT_BODIES[model]}
    assert list(body)[:2] == ["model", "prompt"]


@pytest.mark.parametrize("model", sorted(SPEC_MODEL_IDS))
def test_full_request_shape_sends_only_what_the_model_takes(model: str) -> None:
    profile = profile_for(model)
    values = {spec.name: _a_valid_value(spec) for spec in profile.params}
    if profile.takes("output_compression"):
        values["output_format"] = "jpeg"
    body = build_request(model, "a lemon", values)
    assert set(body) == {"model", "prompt", *(p.name for p in profile.params)}
    # Display order is request order, after model and prompt.
    assert list(body)[2:] == [p.name for p in profile.params]
    if profile.vendor == "Google":
        assert "size" not in body
    if not profile.takes("resolution"):
        assert "resolution" not in body
    assert "input_fidelity" not in body


def _a_valid_value(spec: ParamSpec) -> Any:
    if spec.kind in ("choice", "size"):
        return spec.choices[-1]
    if spec.kind == "int":
        return spec.maximum
    if spec.kind == "bool":
        return False
    return "user-123"


def _every_offered_value(profile: ModelProfile) -> list[tuple[str, Any]]:
    offered: list[tuple[str, Any]] = []
    for spec in profile.params:
        if spec.kind in ("choice", "size"):
            offered += [(spec.name, choice) for choice in spec.choices]
        elif spec.kind == "int":
            assert spec.minimum is not None and spec.maximum is not None
            offered += [(spec.name, v) for v in range(spec.minimum, spec.maximum + 1)]
        elif spec.kind == "bool":
            offered += [(spec.name, True), (spec.name, False)]
        if spec.default is not None:
            offered.append((spec.name, spec.default))
    return offered


# Values that are only valid with a companion setting, per the rules in the catalog.
COMPANIONS: dict[str, dict[str, Any]] = {"output_compression": {"output_format": "webp"}}


@pytest.mark.parametrize("profile", ALL_PROFILES, ids=lambda p: p.family)
def test_every_offered_choice_preset_and_default_validates(profile: ModelProfile) -> None:
    model = profile.model_ids[0] if profile.model_ids else "some-new-model"
    for name, value in _every_offered_value(profile):
        values = {name: value, **COMPANIONS.get(name, {})}
        assert validate(model, "a lemon", values) == [], (name, value)
        assert build_request(model, "a lemon", values)[name] == value


def test_every_gpt_image_2_preset_obeys_the_custom_size_rules() -> None:
    size = profile_for("gpt-image-2").param("size")
    assert size is not None
    for preset in size.choices:
        if preset == "auto":
            continue
        parsed = parse_size(preset)
        assert parsed is not None
        assert size_violations(*parsed, GPT_IMAGE_2_SIZE_RULES) == [], preset


# --- coercion ----------------------------------------------------------------------------


def test_strings_from_a_cli_are_coerced() -> None:
    body = build_request(
        "gpt-image-2",
        "a lemon",
        {
            "n": "2",
            "async": "true",
            "output_compression": "80",
            "output_format": "JPEG",
            "quality": " High ",
            "size": "1536 X 1024",
            "partial_images": "0",
        },
    )
    assert body["n"] == 2
    assert body["async"] is True
    assert body["output_compression"] == 80
    assert body["output_format"] == "jpeg"
    assert body["quality"] == "high"
    assert body["size"] == "1536x1024"
    assert body["partial_images"] == 0


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("true", True), ("Yes", True), ("on", True), ("1", True), (1, True), ("false", False),
     ("no", False), ("OFF", False), ("0", False), (False, False)],
)  # fmt: skip
def test_bool_coercion(raw: Any, expected: bool) -> None:
    assert build_request("gpt-image-2", "a lemon", {"async": raw})["async"] is expected


def test_bad_bool_names_field_and_rule() -> None:
    problem = only_problem("gpt-image-2", {"async": "maybe"})
    assert problem == FieldProblem("async", "async must be true or false, got 'maybe'.")


@pytest.mark.parametrize("raw", ["abc", "2.5", 2.5, True, "", "1e3"])
def test_bad_int(raw: Any) -> None:
    found = problems_for("gpt-image-2", {"n": raw})
    if raw == "":
        assert found == []  # blank means "not set"
        return
    assert found == [FieldProblem("n", f"n must be a whole number from 1 to 10, got {raw!r}.")]


def test_int_spellings() -> None:
    assert build_request("dall-e-2", "a lemon", {"n": 3.0})["n"] == 3
    assert build_request("dall-e-2", "a lemon", {"n": " 4 "})["n"] == 4
    assert build_request("dall-e-2", "a lemon", {"n": "+5"})["n"] == 5


def test_none_and_blank_mean_not_set() -> None:
    body = build_request("dall-e-3", "a lemon", {"quality": None, "style": "  ", "user": ""})
    assert body["quality"] == "standard"  # default kept
    assert body["style"] == "vivid"
    assert "user" not in body
    # Unknown names that are not set are not a problem either: the GUI may send them all.
    assert problems_for("dall-e-3", {"background": None}) == []


def test_size_as_a_pair() -> None:
    assert build_request("gpt-image-2", "a lemon", {"size": (1280, 720)})["size"] == "1280x720"


def test_compression_alias() -> None:
    body = build_request("gpt-image-2", "a lemon", {"compression": "70", "output_format": "webp"})
    assert body["output_compression"] == 70
    assert "compression" not in body
    body = build_request(
        "gpt-image-2", "a lemon", {"output_format": "jpeg"}, extra={"compression": 55}
    )
    assert body["output_compression"] == 55 and "compression" not in body


def test_compression_alias_conflict() -> None:
    problem = only_problem(
        "gpt-image-2", {"compression": 80, "output_compression": 50, "output_format": "jpeg"}
    )
    assert problem.field == "output_compression"
    assert problem.message == (
        "output_compression is set twice with different values (80 and 50); keep one."
    )
    same = {"compression": "80", "output_compression": 80, "output_format": "jpeg"}
    assert problems_for("gpt-image-2", same) == []


# --- validation rules and messages ---------------------------------------------------------


@pytest.mark.parametrize("prompt", ["", "   \n\t", None])
def test_empty_prompt(prompt: Any) -> None:
    problem = only_problem("gpt-image-2", {}, prompt=prompt)
    assert problem == FieldProblem("prompt", "prompt is empty; describe the image you want.")


def test_empty_model() -> None:
    found = problems_for("", {})
    assert [p.field for p in found] == ["model"]


@pytest.mark.parametrize(
    ("model", "limit"),
    [("dall-e-3", 4_000), ("dall-e-2", 1_000), ("gpt-image-2", 32_000), ("gpt-image-1", 32_000)],
)
def test_prompt_limits(model: str, limit: int) -> None:
    assert problems_for(model, {}, prompt="x" * limit) == []
    problem = only_problem(model, {}, prompt="x" * (limit + 1))
    assert problem == FieldProblem(
        "prompt", f"prompt is {limit + 1:,} characters; {model} accepts at most {limit:,}."
    )


def test_prompt_limit_message_from_the_brief() -> None:
    problem = only_problem("dall-e-3", {}, prompt="x" * 4210)
    assert problem.message == "prompt is 4,210 characters; dall-e-3 accepts at most 4,000."


def test_models_without_a_known_limit_take_long_prompts() -> None:
    assert problems_for("nano-banana-pro", {}, prompt="x" * 50_000) == []


def test_dall_e_3_makes_one_image() -> None:
    problem = only_problem("dall-e-3", {"n": 2})
    assert problem.field == "n"
    assert problem.message == (
        "n must be 1, got 2. dall-e-3 makes one image per request; "
        "set n to 1 or queue several jobs."
    )


@pytest.mark.parametrize("n", [0, 11, -1])
def test_n_range(n: int) -> None:
    problem = only_problem("gpt-image-2", {"n": n})
    assert problem == FieldProblem("n", f"n must be a whole number from 1 to 10, got {n}.")


@pytest.mark.parametrize(
    ("model", "name", "bad"),
    [
        ("gpt-image-2", "quality", "hd"),
        ("dall-e-3", "quality", "high"),
        ("dall-e-3", "style", "anime"),
        ("gpt-image-2", "background", "clear"),
        ("gpt-image-2", "output_format", "gif"),
        ("gpt-image-2", "moderation", "high"),
        ("gpt-image-2", "response_format", "file"),
        ("nano-banana-pro", "resolution", "8k"),
        ("nano-banana", "aspect_ratio", "7:5"),
        ("dall-e-3", "size", "512x512"),
        ("dall-e-2", "size", "1792x1024"),
        ("gpt-image-1", "size", "2048x2048"),
        ("flux-pro", "size", "2048x2048"),
    ],
)
def test_bad_choice_names_field_and_choices(model: str, name: str, bad: str) -> None:
    problem = only_problem(model, {name: bad})
    spec = profile_for(model).param(name)
    assert spec is not None
    assert problem.field == name
    assert problem.message == (
        f"{name} must be one of {', '.join(spec.choices)} for {model}; got {bad!r}."
    )


def test_int_ranges() -> None:
    assert (
        only_problem("gpt-image-2", {"output_compression": 101, "output_format": "jpeg"}).message
        == "output_compression must be a whole number from 0 to 100, got 101."
    )
    assert only_problem("gpt-image-2", {"partial_images": 4}).message == (
        "partial_images must be a whole number from 0 to 3, got 4."
    )


def test_text_kind() -> None:
    assert build_request("dall-e-2", "a lemon", {"user": "u-1"})["user"] == "u-1"
    assert only_problem("dall-e-2", {"user": 7}).message == "user must be text, got 7."


# gpt-image-2 custom sizes: each broken rule gets its own message with a suggestion.
SIZE_RULE_CASES = [
    ("1000x1000", "both sides must be multiples of 16", "1008x1008"),
    ("4000x1600", "the longest edge must be at most 3,840 px", "3840x1536"),
    (
        "3072x768",
        "the long side may be at most 3 times the short side, not 4.00 times",
        "3072x1024",
    ),
    ("512x512", "total pixels must be at least 655,360, not 262,144", "816x816"),
    ("3200x3200", "total pixels must be at most 8,294,400, not 10,240,000", "2880x2880"),
    ("0x1024", "width and height must both be at least 1 px", "480x1408"),
]


@pytest.mark.parametrize(("size", "rule", "nearest"), SIZE_RULE_CASES)
def test_gpt_image_2_size_rules(size: str, rule: str, nearest: str) -> None:
    problem = only_problem("gpt-image-2", {"size": size})
    assert problem == FieldProblem("size", f"size {size}: {rule} (nearest valid: {nearest}).")
    parsed = parse_size(nearest)
    assert parsed is not None and size_violations(*parsed, GPT_IMAGE_2_SIZE_RULES) == []


def test_gpt_image_2_size_every_violated_rule_is_reported() -> None:
    found = problems_for("gpt-image-2", {"size": "4001x1000"})
    assert len(found) == 3
    text = " ".join(p.message for p in found)
    assert "multiples of 16" in text and "longest edge" in text and "3 times" in text
    assert len({p.message.rsplit("nearest valid: ", 1)[1] for p in found}) == 1


@pytest.mark.parametrize("size", ["1280x720", "2560x1440", "3840x1280", "1024x640", "2880x2880"])
def test_gpt_image_2_custom_sizes(size: str) -> None:
    assert build_request("gpt-image-2", "a lemon", {"size": size})["size"] == size


@pytest.mark.parametrize("size", ["big", "1024", "1024x", "x1024", "-16x1024", "auto-ish"])
def test_gpt_image_2_unparseable_size(size: str) -> None:
    problem = only_problem("gpt-image-2", {"size": size})
    assert problem == FieldProblem(
        "size", f"size must be auto or WIDTHxHEIGHT such as 1536x1024, got {size!r}."
    )


def test_transparent_background_needs_png_or_webp() -> None:
    problem = only_problem("gpt-image-2", {"background": "transparent", "output_format": "jpeg"})
    assert problem == FieldProblem(
        "background",
        "background transparent needs output_format png or webp; output_format is jpeg.",
    )
    for fmt in ("png", "webp", None):
        assert (
            problems_for("gpt-image-1", {"background": "transparent", "output_format": fmt}) == []
        )
    assert problems_for("gpt-image-2", {"background": "opaque", "output_format": "jpeg"}) == []


def test_compression_needs_jpeg_or_webp() -> None:
    problem = only_problem("gpt-image-2", {"output_compression": 50})
    assert problem.field == "output_compression"
    assert "jpeg or webp" in problem.message
    assert "output_format is png (the default)" in problem.message
    explicit = only_problem("gpt-image-1-mini", {"output_compression": 50, "output_format": "png"})
    assert "output_format is png." in explicit.message
    for fmt in ("jpeg", "webp"):
        assert problems_for("gpt-image-2", {"output_compression": 0, "output_format": fmt}) == []


def test_rules_are_skipped_when_a_field_is_already_wrong() -> None:
    found = problems_for("gpt-image-2", {"output_compression": 50, "output_format": "gif"})
    assert [p.field for p in found] == ["output_format"]


def test_partial_images_cannot_run_as_a_task() -> None:
    problem = only_problem("gpt-image-2", {"partial_images": "2", "async": "true"})
    assert problem.field == "partial_images"
    assert "async" in problem.message and "partial_images 2" in problem.message
    assert problems_for("gpt-image-2", {"partial_images": 0, "async": True}) == []
    assert problems_for("gpt-image-2", {"partial_images": 3, "async": False}) == []


@pytest.mark.parametrize("model", ["gpt-image-2", "flux-pro"])
def test_b64_json_cannot_run_as_a_task(model: str) -> None:
    problem = only_problem(model, {"response_format": "b64_json", "async": True})
    assert problem.field == "response_format"
    assert "async" in problem.message and "URLs only" in problem.message
    assert problems_for(model, {"response_format": "b64_json"}) == []
    assert problems_for(model, {"response_format": "url", "async": True}) == []


def test_param_the_model_does_not_take() -> None:
    problem = only_problem("gpt-image-2", {"style": "vivid"})
    assert problem == FieldProblem(
        "style", "style: gpt-image-2 does not take style (only dall-e-3 does); remove it."
    )
    problem = only_problem("dall-e-3", {"foo": 1})
    assert problem == FieldProblem("foo", "foo: dall-e-3 does not take foo; remove it.")
    problem = only_problem("gpt-image-1", {"async": True})
    assert problem.message == (
        "async: gpt-image-1 does not take async (only gpt-image-2 and flux-pro do); remove it."
    )


@pytest.mark.parametrize("model", FLASH)
def test_resolution_is_never_sent_to_flash_models(model: str) -> None:
    problem = only_problem(model, {"resolution": "2k"})
    assert problem.field == "resolution"
    assert problem.message == (
        f"resolution: {model} does not take resolution (only gemini-3-pro-image-preview, "
        "nano-banana-pro and nano-banana-2 do); remove it."
    )
    extra_problem = only_problem(model, {}, extra={"resolution": "2k"})
    assert extra_problem == problem
    with pytest.raises(InvalidRequest):
        build_request(model, "a lemon", {"resolution": "1k"})


@pytest.mark.parametrize("model", HIRES)
def test_resolution_on_hires_models(model: str) -> None:
    body = build_request(model, "a lemon", {"aspect_ratio": "16:9", "resolution": "4K"})
    assert body == {
        "model": model,
        "prompt": "a lemon",
        "aspect_ratio": "16:9",
        "resolution": "4k",
        "n": 1,
    }


@pytest.mark.parametrize("name", ["size", "aspect_ratio", "n", "quality", "resolution"])
def test_prompt_only_model_rejects_every_setting(name: str) -> None:
    problem = only_problem(PROMPT_ONLY, {name: "1"})
    assert problem == FieldProblem(
        name, f"{name}: {PROMPT_ONLY} is prompt-only and takes no {name}; remove it."
    )
    assert build_request(PROMPT_ONLY, "a lemon", {"user": "u"}) == {
        "model": PROMPT_ONLY,
        "prompt": "a lemon",
        "user": "u",
    }


def test_invalid_request_carries_every_problem() -> None:
    with pytest.raises(InvalidRequest) as caught:
        build_request("dall-e-3", "", {"n": 3, "style": "anime"})
    error = caught.value
    assert isinstance(error, ValueError)
    assert [p.field for p in error.problems] == ["prompt", "n", "style"]
    assert str(error) == " ".join(p.message for p in error.problems)


def test_validate_and_build_agree() -> None:
    values = {"size": "1000x1000", "quality": "ultra"}
    with pytest.raises(InvalidRequest) as caught:
        build_request("gpt-image-2", "a lemon", values)
    assert list(caught.value.problems) == validate("gpt-image-2", "a lemon", values)


# --- stripped params ---------------------------------------------------------------------


def test_input_fidelity_is_stripped_for_gpt_image_2() -> None:
    body = build_request(
        "gpt-image-2", "a lemon", {"input_fidelity": "high"}, extra={"input_fidelity": "low"}
    )
    assert "input_fidelity" not in body
    assert validate("gpt-image-2", "a lemon", {"input_fidelity": "high"}) == []


def test_input_fidelity_is_not_silently_dropped_elsewhere() -> None:
    problem = only_problem("gpt-image-1", {"input_fidelity": "high"})
    assert problem.message == "input_fidelity: gpt-image-1 does not take input_fidelity; remove it."
    # As a raw extra it is the user's call, and nothing here knows it is wrong.
    body = build_request("gpt-image-1", "a lemon", {}, extra={"input_fidelity": "high"})
    assert body["input_fidelity"] == "high"


# --- Google size -> aspect_ratio -----------------------------------------------------------


@pytest.mark.parametrize("model", ASPECT_MODELS)
@pytest.mark.parametrize(
    ("size", "ratio"), [("1920x1080", "16:9"), ("1024x1024", "1:1"), ("1080x1920", "9:16")]
)
def test_size_maps_onto_aspect_ratio(model: str, size: str, ratio: str) -> None:
    body = build_request(model, "a lemon", {"size": size})
    assert body["aspect_ratio"] == ratio
    assert "size" not in body
    assert build_request(model, "a lemon", {}, extra={"size": size})["aspect_ratio"] == ratio


def test_size_maps_by_exact_ratio_not_by_reduced_name() -> None:
    body = build_request("nano-banana-pro", "a lemon", {"size": "2520x1080", "resolution": "2k"})
    assert body["aspect_ratio"] == "21:9"
    assert body["resolution"] == "2k"
    assert "size" not in body


def test_size_without_a_matching_ratio_suggests_aspect_ratios() -> None:
    problem = only_problem("nano-banana", {"size": "1000x700"})
    assert problem.field == "size"
    assert "aspect_ratio" in problem.message
    assert "1000x700 (10:7)" in problem.message
    assert "16:9" in problem.message and "(closest: 3:2)" in problem.message
    assert only_problem("nano-banana", {"size": "2560x1080"}).field == "size"


def test_size_and_aspect_ratio_together() -> None:
    body = build_request("nano-banana", "a lemon", {"size": "1920x1080", "aspect_ratio": "16:9"})
    assert body["aspect_ratio"] == "16:9" and "size" not in body
    problem = only_problem("nano-banana", {"size": "1024x1024", "aspect_ratio": "16:9"})
    assert problem.field == "size"
    assert "conflicts with aspect_ratio 16:9" in problem.message


def test_size_auto_and_junk_on_google() -> None:
    assert "aspect_ratio" not in build_request("nano-banana", "a lemon", {"size": "auto"})
    problem = only_problem("nano-banana", {"size": "wide"})
    assert problem.field == "size" and "WIDTHxHEIGHT" in problem.message


def test_aspect_ratio_for_size() -> None:
    choices = ("1:1", "16:9", "21:9")
    assert aspect_ratio_for_size(3840, 2160, choices) == "16:9"
    assert aspect_ratio_for_size(1000, 700, choices) is None
    assert aspect_ratio_for_size(0, 700, choices) is None


# --- generic profile and extras ------------------------------------------------------------


def test_generic_profile_passes_extras_verbatim() -> None:
    extra = {
        "seed": 42,
        "negative_prompt": "blurry",
        "aspect_ratio": "16:9",
        "options": {"steps": 30, "tags": ["a", "b"]},
        "style": "raw",
    }
    body = build_request("brand-new-model", "a lemon", {"n": "3", "size": "1000x700"}, extra)
    assert body == {
        "model": "brand-new-model",
        "prompt": "a lemon",
        "size": "1000x700",
        "n": 3,
        **extra,
    }
    assert body["options"] is extra["options"]


def test_generic_profile_still_checks_its_own_fields() -> None:
    assert only_problem("brand-new-model", {"n": 11}).field == "n"
    assert only_problem("brand-new-model", {"size": "huge"}).field == "size"
    assert only_problem("brand-new-model", {}, extra={"size": "0x10"}).field == "size"
    assert build_request("brand-new-model", "a lemon", {"size": "auto"})["size"] == "auto"


def test_generic_profile_points_unknown_values_at_extras() -> None:
    problem = only_problem("brand-new-model", {"quality": "high"})
    assert problem.field == "quality"
    assert "extra parameter" in problem.message


def test_extras_on_known_models() -> None:
    body = build_request("dall-e-3", "a lemon", {}, extra={"seed": 7, "quality": "HD"})
    assert body["seed"] == 7
    assert body["quality"] == "hd"  # a known setting typed as an extra is validated as one
    assert only_problem("dall-e-3", {}, extra={"quality": "high"}).field == "quality"
    conflict = only_problem("dall-e-3", {"quality": "hd"}, extra={"quality": "standard"})
    assert "set twice" in conflict.message
    assert "style" in only_problem("gpt-image-2", {}, extra={"style": "vivid"}).message


@pytest.mark.parametrize("key", ["model", "prompt", "stream"])
def test_reserved_extras(key: str) -> None:
    for model in ("gpt-image-2", "brand-new-model"):
        problem = only_problem(model, {}, extra={key: "x"})
        assert problem.field == key and "remove it" in problem.message


def test_none_extras_are_dropped() -> None:
    assert "seed" not in build_request("brand-new-model", "a lemon", {}, extra={"seed": None})


# --- size helpers ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "parsed"),
    [("1024x768", (1024, 768)), (" 1024 X 768 ", (1024, 768)), ("1024×768", (1024, 768)),
     ("1024*768", (1024, 768)), ("auto", None), ("1024", None), ("-1x5", None)],
)  # fmt: skip
def test_parse_size(text: str, parsed: tuple[int, int] | None) -> None:
    assert parse_size(text) == parsed


def test_nearest_valid_size_examples() -> None:
    assert nearest_valid_size(1000, 1000) == (1008, 1008)
    assert nearest_valid_size(512, 512) == (816, 816)
    assert nearest_valid_size(3840, 3840) == (2880, 2880)
    assert nearest_valid_size(4096, 2048) == (3840, 1920)
    assert nearest_valid_size(1, 1) == (816, 816)
    assert nearest_valid_size(0, 0) == (816, 816)
    assert nearest_valid_size(1536, 1024) == (1536, 1024)


def test_nearest_valid_size_sweep() -> None:
    # A property test without hypothesis (not installed): a seeded sweep over the plane.
    rng = random.Random(20240501)
    samples = [(rng.randint(1, 9000), rng.randint(1, 9000)) for _ in range(3000)]
    samples += [(rng.randint(1, 400), rng.randint(2000, 9000)) for _ in range(500)]
    for width, height in samples:
        result = nearest_valid_size(width, height)
        assert size_violations(*result, GPT_IMAGE_2_SIZE_RULES) == [], (width, height, result)
        assert nearest_valid_size(*result) == result
        if not size_violations(width, height, GPT_IMAGE_2_SIZE_RULES):
            assert result == (width, height)


def test_nearest_valid_size_keeps_shape_when_it_can() -> None:
    rng = random.Random(7)
    for _ in range(500):
        width = rng.randint(200, 8000)
        height = rng.randint(max(1, width // 3 + 1), min(9000, width * 3 - 1))
        result_w, result_h = nearest_valid_size(width, height)
        assert abs(result_w / result_h - width / height) / (width / height) < 0.1


def test_nearest_valid_size_other_rules() -> None:
    rules = SizeRules(multiple_of=32, max_edge=1440, min_pixels=256 * 256)
    assert nearest_valid_size(2000, 1000, rules) == (1440, 736)
    assert nearest_valid_size(100, 100, rules) == (256, 256)


def test_aspect_lock_snaps_for_gpt_image_2() -> None:
    profile = profile_for("gpt-image-2")
    assert aspect_lock(1536, 1024, 1000, profile) == (1008, 672)
    assert aspect_lock(1920, 1080, 2560, profile) == (2560, 1440)
    new_w, new_h = aspect_lock(1024, 1024, 1300, profile)
    assert new_w % 16 == 0 and new_h % 16 == 0 and new_w == new_h
    # Height edits: swap the axes.
    assert aspect_lock(1024, 1536, 1000, profile) == (1008, 1504)


def test_aspect_lock_without_a_grid() -> None:
    assert aspect_lock(1920, 1080, 1000, GENERIC_PROFILE) == (1000, 563)
    assert aspect_lock(1024, 1024, 777, profile_for("dall-e-3")) == (777, 777)
    with pytest.raises(ValueError):
        aspect_lock(0, 1024, 100, GENERIC_PROFILE)


# --- transport hint ----------------------------------------------------------------------


def test_wants_stream() -> None:
    assert wants_stream(build_request("gpt-image-2", "a lemon", {"partial_images": 2}))
    assert not wants_stream(build_request("gpt-image-2", "a lemon", {"partial_images": 0}))
    assert not wants_stream(build_request("gpt-image-2", "a lemon", {}))
    assert "stream" not in build_request("gpt-image-2", "a lemon", {"partial_images": 2})


# --- input profiles ----------------------------------------------------------------------


def test_input_profiles_as_the_docs_give_them() -> None:
    from lemon_desktop.api.profiles.inputs import (
        EDITS,
        GENERATIONS,
        VARIATIONS,
        input_profile,
        input_profiles,
        models_with_inputs,
    )

    gpt = input_profile("gpt-image-2", "edit")
    assert gpt is not None and gpt.route == EDITS and gpt.max_images == 16 and gpt.mask
    assert gpt.params is not None and not {"resolution", "background"} & gpt.params
    assert "file_ids" in gpt.forms and gpt.verified
    grok = input_profile("grok-imagine-image", "edit")
    assert grok is not None and grok.max_images == 3 and not grok.mask
    # Nano Banana never goes to /v1/images/edits, an edit included.
    for model in ("nano-banana", "nano-banana-2", "nano-banana-pro", "nano-banana-edit"):
        assert {p.route for p in input_profiles(model)} == {GENERATIONS}
        banana = input_profile(model, "image-to-image")
        assert banana is not None and banana.gateway_operation == "image-to-image"
        assert banana.params is not None and "resolution" not in banana.params
        assert banana.max_multipart_images == 1
    variation = input_profile("dall-e-2", "variation")
    assert variation is not None and variation.route == VARIATIONS and variation.needs_png
    assert variation.prompt == "none" and variation.square
    for model in ("image-upscaler", "image-background-remover", "mj-zoom", "ideogram-remix"):
        (finish,) = input_profiles(model)
        assert not finish.verified and finish.status == "unverified"
    assert input_profile("dall-e-3", "edit") is None
    for model in models_with_inputs():
        for profile in input_profiles(model):
            assert 1 <= profile.min_images <= profile.max_images <= 16


def test_gateway_details_override_an_input_profile() -> None:
    from lemon_desktop.api.profiles.contract import ModelContract
    from lemon_desktop.api.profiles.inputs import GENERATIONS, input_profile

    details = {
        "id": "image-upscaler",
        "lemondata": {
            "public_contract": {
                "operation_constraints": [
                    {
                        "operation": "upscale",
                        "request_endpoint": GENERATIONS,
                        "supported_parameters": ["model", "scale"],
                        "documented_inputs": ["image_url"],
                    }
                ]
            }
        },
    }
    profile = input_profile("image-upscaler", "upscale", ModelContract.parse(details))
    assert profile is not None and profile.route == GENERATIONS
    assert profile.params == frozenset({"scale"}) and profile.source == "gateway"
    # A model the built-in data does not know, routed by its details alone.
    unknown = ModelContract.parse(
        {"id": "new-edit", "tokenlab": {"request_format_summary": {
            "request_endpoint_by_operation": {"image-edit": "/v1/images/edits"}}}}
    )  # fmt: skip
    guessed = input_profile("new-edit", "edit", unknown)
    assert guessed is not None and not guessed.verified and guessed.route == "/v1/images/edits"

"""The per-model knowledge: one ModelProfile per family, and lookup by model id.

Sources: the gateway's create-image page and the "Image parameters by family" notes
(shared/reference). Where they are silent the choice here is the conservative one and
is marked UNCONFIRMED: offering less than a model takes costs a user an extra
parameter; offering more costs them a failed (possibly billed) request.
"""

from __future__ import annotations

from .params import (
    ASYNC,
    BACKGROUND,
    DALLE_QUALITY,
    DALLE_STYLE,
    GOOGLE_ASPECT_RATIOS,
    GPT_QUALITY,
    MODERATION,
    ONE_PER_REQUEST_HINT,
    OUTPUT_COMPRESSION,
    OUTPUT_FORMAT,
    PARTIAL_IMAGES,
    RESOLUTION,
    RESPONSE_FORMAT,
    USER,
    aspect_ratio_param,
    n_param,
    size_param,
)
from .schema import ModelProfile, Requires, SizeRules
from .sizes import GPT_IMAGE_2_SIZE_RULES

GPT_IMAGE_PROMPT_MAX = 32_000

# Rules every GPT Image model shares. The gateway's default output_format is png, so an
# unset format is judged as png.
_GPT_IMAGE_RULES = (
    Requires(
        field="background",
        when=("transparent",),
        other="output_format",
        allowed=("png", "webp"),
        assume="png",
        message=(
            "background transparent needs output_format png or webp; "
            "output_format is {other_value}."
        ),
    ),
    Requires(
        field="output_compression",
        other="output_format",
        allowed=("jpeg", "webp"),
        assume="png",
        message=(
            "output_compression only applies to jpeg or webp output; output_format is "
            "{other_value}. Set output_format to jpeg or webp, or remove output_compression."
        ),
    ),
)

# Async tasks return URLs only (per the spec), so asking for base64 would be silently
# ignored. Treated as an error rather than a surprise later.
_NO_B64_WITH_ASYNC = Requires(
    field="response_format",
    when=("b64_json",),
    other="async",
    allowed=(False,),
    assume=False,
    message=(
        "response_format b64_json cannot be used with async: async tasks return URLs only. "
        "Turn async off or use response_format url."
    ),
)

# Partial previews arrive on a streamed synchronous response; a task has no stream.
_NO_PARTIALS_WITH_ASYNC = Requires(
    field="partial_images",
    when=(1, 2, 3),
    other="async",
    allowed=(False,),
    assume=False,
    message=(
        "partial_images {value} needs a streamed synchronous request, but async is on. "
        "Turn async off or set partial_images to 0."
    ),
)

GPT_IMAGE_2 = ModelProfile(
    family="gpt-image-2",
    vendor="OpenAI",
    model_ids=("gpt-image-2",),
    params=(
        size_param(
            (
                "auto",
                "1024x1024",
                "1536x1024",
                "1024x1536",
                "2048x2048",
                "2048x1152",
                "1152x2048",
                "3840x2160",
                "2160x3840",
            ),
            rules=GPT_IMAGE_2_SIZE_RULES,
            help=(
                "auto, a preset, or a custom WIDTHxHEIGHT: multiples of 16, longest edge "
                "at most 3840, at most 3:1."
            ),
        ),
        GPT_QUALITY,
        BACKGROUND,
        OUTPUT_FORMAT,
        OUTPUT_COMPRESSION,
        MODERATION,
        n_param(10),
        RESPONSE_FORMAT,
        PARTIAL_IMAGES,
        ASYNC,
        USER,
    ),
    prompt_max=GPT_IMAGE_PROMPT_MAX,
    delivery="inline",
    supports_async=True,
    supports_partial_images=True,
    # The gateway removes it anyway; not sending it keeps recorded requests honest.
    stripped_params=frozenset({"input_fidelity"}),
    notes="Token-priced; flexible sizes up to 3840 px; can run as a task.",
    rules=(*_GPT_IMAGE_RULES, _NO_PARTIALS_WITH_ASYNC, _NO_B64_WITH_ASYNC),
)

GPT_IMAGE = ModelProfile(
    family="gpt-image",
    vendor="OpenAI",
    model_ids=("gpt-image-1", "gpt-image-1.5", "gpt-image-1-mini"),
    params=(
        size_param(("auto", "1024x1024", "1536x1024", "1024x1536")),
        GPT_QUALITY,
        BACKGROUND,
        OUTPUT_FORMAT,
        OUTPUT_COMPRESSION,
        MODERATION,
        n_param(10),
        RESPONSE_FORMAT,
        PARTIAL_IMAGES,
        USER,
    ),
    prompt_max=GPT_IMAGE_PROMPT_MAX,
    delivery="inline",
    # The spec documents async only for gpt-image-2 and official FLUX/BFL models.
    supports_async=False,
    supports_partial_images=True,
    notes="Three fixed sizes or auto; transparent backgrounds with PNG or WebP.",
    rules=_GPT_IMAGE_RULES,
)

DALL_E_3 = ModelProfile(
    family="dall-e-3",
    vendor="OpenAI",
    model_ids=("dall-e-3",),
    params=(
        size_param(("1024x1024", "1792x1024", "1024x1792"), default="1024x1024"),
        DALLE_QUALITY,
        DALLE_STYLE,
        n_param(1, hint="{model} makes one image per request; set n to 1 or queue several jobs."),
        RESPONSE_FORMAT,
        USER,
    ),
    prompt_max=4_000,
    delivery="inline",
    supports_async=False,
    supports_partial_images=False,
    notes="One image per request; rewrites the prompt and returns the revised text.",
)

DALL_E_2 = ModelProfile(
    family="dall-e-2",
    vendor="OpenAI",
    model_ids=("dall-e-2",),
    params=(
        size_param(("256x256", "512x512", "1024x1024"), default="1024x1024"),
        n_param(10),
        RESPONSE_FORMAT,
        USER,
    ),
    prompt_max=1_000,
    delivery="inline",
    supports_async=False,
    supports_partial_images=False,
    notes="Fast and cheap; square sizes only; prompts up to 1,000 characters.",
)

# UNCONFIRMED for every Google family: n above 1 and a prompt limit are not documented,
# so n is fixed at 1 and prompt length is left to the gateway.
GEMINI_HIRES = ModelProfile(
    family="gemini-hires",
    vendor="Google",
    model_ids=("gemini-3-pro-image-preview", "nano-banana-pro", "nano-banana-2"),
    params=(
        aspect_ratio_param(GOOGLE_ASPECT_RATIOS),
        RESOLUTION,
        n_param(1, hint=ONE_PER_REQUEST_HINT),
        RESPONSE_FORMAT,
        USER,
    ),
    prompt_max=None,
    delivery="inline",
    supports_async=False,
    supports_partial_images=False,
    notes="Pick an aspect ratio and a 1k, 2k or 4k resolution tier.",
    size_to_aspect_ratio=True,
)

GEMINI_FLASH = ModelProfile(
    family="gemini-flash",
    vendor="Google",
    model_ids=(
        "gemini-2.5-flash-image",
        "gemini-3.1-flash-image-preview",
        "nano-banana",
        "nano-banana-edit",
    ),
    params=(
        aspect_ratio_param(GOOGLE_ASPECT_RATIOS),
        n_param(1, hint=ONE_PER_REQUEST_HINT),
        RESPONSE_FORMAT,
        USER,
    ),
    prompt_max=None,
    delivery="inline",
    supports_async=False,
    supports_partial_images=False,
    notes="Aspect ratio only; resolution is fixed by the model.",
    size_to_aspect_ratio=True,
)

GEMINI_PROMPT_ONLY = ModelProfile(
    family="gemini-prompt-only",
    vendor="Google",
    model_ids=("gemini-2.0-flash-preview-image-generation",),
    # Documented as prompt-only; `user` is endpoint-level (not an image setting), so it
    # stays, as on every model.
    params=(USER,),
    prompt_max=None,
    delivery="inline",
    supports_async=False,
    supports_partial_images=False,
    notes="Prompt only: no size, aspect ratio or count can be chosen.",
)

# The families below have no per-parameter documentation on the gateway (UNCONFIRMED):
# each gets only what its product is built around (pixel sizes for FLUX, aspect ratios
# for Midjourney, Ideogram and Stable Diffusion 3), no custom sizes, and one image per
# request. Everything else can still be sent as an extra parameter.
_FLUX_SIZES = ("1024x1024", "1024x768", "768x1024", "1344x768", "768x1344")

FLUX_PRO = ModelProfile(
    family="flux-pro",
    vendor="Black Forest Labs",
    model_ids=("flux-pro",),
    params=(
        size_param(_FLUX_SIZES),
        n_param(1, hint=ONE_PER_REQUEST_HINT),
        RESPONSE_FORMAT,
        ASYNC,
        USER,
    ),
    prompt_max=None,
    delivery="task",
    supports_async=True,
    supports_partial_images=False,
    notes="Photorealistic; often answered as a task.",
    rules=(_NO_B64_WITH_ASYNC,),
)

FLUX_SCHNELL = ModelProfile(
    family="flux-schnell",
    vendor="Black Forest Labs",
    model_ids=("flux-schnell",),
    params=(
        size_param(_FLUX_SIZES),
        n_param(1, hint=ONE_PER_REQUEST_HINT),
        RESPONSE_FORMAT,
        USER,
    ),
    prompt_max=None,
    delivery="inline",
    # Open-weights model, not one of the official BFL API models async is documented for.
    supports_async=False,
    supports_partial_images=False,
    notes="Very fast drafts.",
)

MIDJOURNEY = ModelProfile(
    family="midjourney",
    vendor="Midjourney",
    model_ids=("midjourney",),
    params=(
        aspect_ratio_param(("1:1", "4:3", "3:4", "3:2", "2:3", "16:9", "9:16")),
        n_param(1, hint=ONE_PER_REQUEST_HINT),
        RESPONSE_FORMAT,
        USER,
    ),
    prompt_max=None,
    delivery="task",
    supports_async=False,
    supports_partial_images=False,
    notes="Artistic style; usually answered as a task.",
    size_to_aspect_ratio=True,
)

IDEOGRAM_V3 = ModelProfile(
    family="ideogram-v3",
    vendor="Ideogram",
    model_ids=("ideogram-v3",),
    params=(
        aspect_ratio_param(("1:1", "4:3", "3:4", "3:2", "2:3", "16:9", "9:16")),
        n_param(1, hint=ONE_PER_REQUEST_HINT),
        RESPONSE_FORMAT,
        USER,
    ),
    prompt_max=None,
    delivery="task",
    supports_async=False,
    supports_partial_images=False,
    notes="Best at rendering text; often answered as a task.",
    size_to_aspect_ratio=True,
)

STABLE_DIFFUSION_3 = ModelProfile(
    family="stable-diffusion-3",
    vendor="Stability AI",
    model_ids=("stable-diffusion-3",),
    params=(
        # Stability's own API list of ratios.
        aspect_ratio_param(("1:1", "16:9", "9:16", "21:9", "9:21", "3:2", "2:3", "4:5", "5:4")),
        n_param(1, hint=ONE_PER_REQUEST_HINT),
        RESPONSE_FORMAT,
        USER,
    ),
    prompt_max=None,
    delivery="inline",
    supports_async=False,
    supports_partial_images=False,
    notes="Open model; usually answered inline.",
    size_to_aspect_ratio=True,
)

PROFILES: tuple[ModelProfile, ...] = (
    GPT_IMAGE_2,
    GPT_IMAGE,
    DALL_E_3,
    DALL_E_2,
    GEMINI_HIRES,
    GEMINI_FLASH,
    GEMINI_PROMPT_ONLY,
    FLUX_PRO,
    FLUX_SCHNELL,
    MIDJOURNEY,
    IDEOGRAM_V3,
    STABLE_DIFFUSION_3,
)

# For models the gateway lists but nothing here knows: the endpoint's common ground,
# with free-form sizes, and anything else passed as extra parameters.
GENERIC_PROFILE = ModelProfile(
    family="generic",
    vendor="Other",
    model_ids=(),
    params=(
        size_param(
            # "auto" is kept: limits are unknown here, and it is the user's explicit choice.
            ("1024x1024", "1536x1024", "1024x1536", "1792x1024", "1024x1792", "512x512", "auto"),
            rules=SizeRules(),
            help="A preset or any WIDTHxHEIGHT; this model's limits are unknown.",
        ),
        n_param(10),
        USER,
    ),
    prompt_max=None,
    delivery="inline",
    supports_async=False,
    supports_partial_images=False,
    notes="No profile for this model: only common settings, plus any extra parameters.",
)

_BY_ID: dict[str, ModelProfile] = {}
for _profile in PROFILES:
    for _model_id in _profile.model_ids:
        if _model_id in _BY_ID:
            raise ValueError(f"model id {_model_id!r} is in two profiles")
        _BY_ID[_model_id] = _profile

# Every parameter name some profile declares: an extra parameter with one of these names
# on a model whose profile lacks it is a mistake, not an unknown passthrough.
KNOWN_PARAM_NAMES: frozenset[str] = frozenset(
    spec.name for profile in PROFILES for spec in profile.params
)


def profile_for(model_id: str) -> ModelProfile:
    """The profile covering exactly `model_id`, else GENERIC_PROFILE; never raises."""
    if not isinstance(model_id, str):
        return GENERIC_PROFILE
    return _BY_ID.get(model_id, GENERIC_PROFILE)


def known_model_ids() -> tuple[str, ...]:
    return tuple(_BY_ID)


def models_taking(name: str) -> tuple[str, ...]:
    """The known model ids whose profile takes parameter `name`, in catalog order."""
    return tuple(
        model_id for profile in PROFILES if profile.takes(name) for model_id in profile.model_ids
    )

"""What each model does with input images, as data: the route and operation, how many
images, whether a mask is taken, the forms the route accepts, formats and byte limits,
and which parameters apply.

Sources: images-beyond-generation.md (newest documentation wins). Where the
documentation says nothing (the finishing tools' routes, most families' limits) the
profile is marked `verified=False`, the window shows "unverified", and the model's own
details from the gateway (`contract.ModelContract`) override the guess.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Literal

from ..request import Operation
from .contract import ModelContract

EDITS = "/v1/images/edits"
GENERATIONS = "/v1/images/generations"
VARIATIONS = "/v1/images/variations"

# How local bytes can reach the route: multipart files, or ids from /v1/files (edits
# JSON only). Public URLs are taken by every JSON route and need no form of their own.
Form = Literal["multipart", "file_ids"]
PromptRule = Literal["required", "optional", "none"]

MB = 1024 * 1024
# The edit page: "up to 16 source images and 50MB each"; remote inputs 200MB a request.
# (The error guide's "max 20MB" is older; a 413 from the gateway still reads clearly.)
IMAGE_MAX_BYTES = 50 * MB
REQUEST_MAX_BYTES = 200 * MB
ALL_FORMATS = ("png", "jpeg", "webp")


@dataclass(frozen=True)
class InputProfile:
    operation: Operation
    route: str
    # The operation's name where the gateway lists it (supported_operations,
    # request_endpoint_by_operation) and, on the generations route, the `operation` field.
    gateway_names: tuple[str, ...]
    max_images: int = 1
    min_images: int = 1
    mask: bool = False
    forms: frozenset[Form] = frozenset({"multipart"})
    # The generations route takes one multipart image; the rest must be public URLs.
    max_multipart_images: int | None = None
    formats: tuple[str, ...] = ALL_FORMATS
    needs_png: bool = False
    square: bool = False
    max_bytes: int = IMAGE_MAX_BYTES
    max_total_bytes: int = REQUEST_MAX_BYTES
    # Request parameters that apply here; None: unknown, whatever the caller set is sent.
    params: frozenset[str] | None = None
    prompt: PromptRule = "required"
    verified: bool = True
    # Answers carry text, not images (the describe tools): not sent by this client.
    returns_images: bool = True
    # Where the route came from: the built-in data, or the gateway's model details.
    source: Literal["built-in", "gateway"] = "built-in"
    notes: str = ""

    @property
    def gateway_operation(self) -> str:
        return self.gateway_names[0]

    @property
    def public_urls_only(self) -> bool:
        """Neither multipart nor uploads: local images cannot reach this route at all."""
        return not self.forms

    @property
    def status(self) -> str:
        """What the window shows beside the operation."""
        return "documented" if self.verified else "unverified"


_GPT2_EDIT_PARAMS = frozenset(
    {"size", "quality", "output_format", "output_compression", "compression", "moderation",
     "n", "response_format", "async", "user"}
)  # fmt: skip
_GPT_EDIT_PARAMS = frozenset(
    {"size", "quality", "background", "output_format", "output_compression", "compression",
     "moderation", "n", "response_format", "user"}
)  # fmt: skip
_DALLE2_PARAMS = frozenset({"size", "n", "response_format", "user"})
_GROK_PARAMS = frozenset({"aspect_ratio", "resolution", "n", "response_format", "user"})
# Nano Banana image-to-image: "omit resolution".
_BANANA_PARAMS = frozenset({"aspect_ratio", "n", "response_format", "user"})


def _gpt2(operation: Operation) -> InputProfile:
    return InputProfile(
        operation, EDITS, ("image-edit",), max_images=16, mask=True,
        forms=frozenset({"multipart", "file_ids"}), params=_GPT2_EDIT_PARAMS,
        notes="Up to 16 images; the mask (PNG with alpha) applies to the first. "
              "Edits take no resolution or background.",
    )  # fmt: skip


def _gpt_image(operation: Operation) -> InputProfile:
    return InputProfile(
        operation, EDITS, ("image-edit",), max_images=16, mask=True, params=_GPT_EDIT_PARAMS,
        verified=False,
        notes="Edits for this GPT Image model are not documented by the gateway.",
    )  # fmt: skip


def _grok(operation: Operation) -> InputProfile:
    return InputProfile(
        operation, EDITS, ("image-edit",), max_images=3, params=_GROK_PARAMS,
        notes="At most 3 images (more is refused as too_many_images); no mask documented.",
    )  # fmt: skip


def _image_to_image(
    operation: Operation,
    *,
    verified: bool,
    params: frozenset[str] | None = None,
    min_images: int = 1,
    notes: str = "",
) -> InputProfile:
    return InputProfile(
        operation, GENERATIONS, ("image-to-image",), max_images=16, min_images=min_images,
        max_multipart_images=1, params=params, verified=verified,
        notes=notes or "Image-to-image on /v1/images/generations: one local image as "
                       "multipart, any others as public URLs.",
    )  # fmt: skip


def _dalle2_edit() -> InputProfile:
    return InputProfile(
        "edit", EDITS, ("image-edit",), mask=True, needs_png=True, square=True,
        params=_DALLE2_PARAMS,
        notes="One square PNG; its transparent area or a separate mask says what to edit.",
    )  # fmt: skip


def _dalle2_variation() -> InputProfile:
    return InputProfile(
        "variation", VARIATIONS, ("image-variation", "variation"), needs_png=True,
        square=True, params=_DALLE2_PARAMS, prompt="none",
        notes="Legacy: one square PNG, no prompt.",
    )  # fmt: skip


def _finish(
    operation: Operation,
    *names: str,
    prompt: PromptRule = "optional",
    mask: bool = False,
    max_images: int = 1,
    min_images: int = 1,
    returns_images: bool = True,
) -> InputProfile:
    """A finishing tool or provider action: listed by the gateway, route and fields
    NOT DOCUMENTED, so the edits route is a guess the model's details replace."""
    return InputProfile(
        operation, EDITS, names or (operation,), max_images=max_images, min_images=min_images,
        mask=mask, prompt=prompt, verified=False, returns_images=returns_images,
        notes="Listed by the gateway; its route, parameters and input field are not "
              "documented, so this is sent as an edit unless the model's details say "
              "otherwise.",
    )  # fmt: skip


def _banana(*ops: Operation, verified: bool, min_images: int = 1) -> tuple[InputProfile, ...]:
    return tuple(
        _image_to_image(op, verified=verified, params=_BANANA_PARAMS, min_images=min_images)
        for op in ops
    )


# fmt: off
_BY_MODEL: dict[str, tuple[InputProfile, ...]] = {
    "gpt-image-2": (_gpt2("edit"), _gpt2("image-to-image")),
    **{m: (_gpt_image("edit"), _gpt_image("image-to-image"))
       for m in ("gpt-image-1", "gpt-image-1.5", "gpt-image-1-mini")},
    "dall-e-2": (_dalle2_edit(), _dalle2_variation()),
    **{m: (_grok("edit"), _grok("image-to-image"))
       for m in ("grok-imagine-image", "grok-imagine-image-quality", "grok-imagine-image-pro")},
    # Nano Banana never goes to /v1/images/edits, an "edit" included.
    **{m: _banana("image-to-image", "edit", verified=True)
       for m in ("nano-banana", "nano-banana-2", "nano-banana-pro")},
    # Listed for years without taking an image: its route is not documented, and it is a
    # Nano Banana, so it is sent as one, and only with an image.
    "nano-banana-edit": _banana("edit", "image-to-image", verified=False),
    **{m: _banana("image-to-image", "edit", verified=False)
       for m in ("gemini-2.5-flash-image", "gemini-3-pro-image-preview",
                 "gemini-3.1-flash-image-preview")},
    **{m: (_image_to_image("image-to-image", verified=False),
           InputProfile("edit", EDITS, ("image-edit",), verified=False,
                        notes="Official FLUX/BFL edit models answer as a task; which "
                              "models these are is not documented."))
       for m in ("flux-kontext-pro", "flux-kontext-max")},
    **{m: (_image_to_image("image-to-image", verified=False),)
       for m in ("flux-1-dev-image-to-image", "seedream-4", "seedream-5-lite-image-to-image")},
    "image-upscaler": (_finish("upscale"),),
    "image-background-remover": (
        _finish("remove-background", "background-removal", "remove-background"),),
    "mj-upscale": (_finish("upscale"),),
    "mj-variation": (_finish("variation", "variation", "image-variation"),),
    "mj-high-variation": (_finish("variation", "variation", "image-variation"),),
    "mj-low-variation": (_finish("variation", "variation", "image-variation"),),
    "mj-reroll": (_finish("reroll", "reroll", "variation"),),
    "mj-zoom": (_finish("zoom"),),
    "mj-pan": (_finish("pan"),),
    "mj-blend": (_finish("blend", min_images=2, max_images=5),),
    "mj-modal": (_finish("region-edit", "region-edit", "image-edit", mask=True),),
    "mj-describe": (_finish("describe", returns_images=False),),
    "ideogram-edit": (_finish("edit", "image-edit", prompt="required", mask=True),),
    "ideogram-remix": (_finish("remix", prompt="required"),),
    "ideogram-reframe": (_finish("reframe"),),
    **{m: (_finish("replace-background", prompt="required"),)
       for m in ("ideogram-replace-background-v3", "ideogram-replace-background-v3-turbo",
                 "ideogram-replace-background-v3-quality")},
    "ideogram-upscale": (_finish("upscale"),),
    "ideogram-describe": (_finish("describe", returns_images=False),),
}
# fmt: on

# The model an operation uses when the caller names none.
DEFAULT_MODELS: dict[Operation, str] = {
    "edit": "gpt-image-2",
    "image-to-image": "gpt-image-2",
    "variation": "dall-e-2",
    "upscale": "image-upscaler",
    "remove-background": "image-background-remover",
}

# Names the gateway may use for an operation a built-in profile does not know.
_GATEWAY_NAMES: dict[Operation, tuple[str, ...]] = {
    "edit": ("image-edit", "edit"),
    "image-to-image": ("image-to-image",),
    "variation": ("image-variation", "variation"),
    "remove-background": ("background-removal", "remove-background"),
}


def input_profiles(model: str) -> tuple[InputProfile, ...]:
    """Every built-in input operation of `model` (none for an unknown model)."""
    return _BY_MODEL.get(model, ())


def models_with_inputs() -> tuple[str, ...]:
    return tuple(_BY_MODEL)


def models_for(operation: Operation) -> tuple[str, ...]:
    """The known models that take `operation`, in catalogue order."""
    return tuple(
        model
        for model, profiles in _BY_MODEL.items()
        if any(p.operation == operation for p in profiles)
    )


def input_profile(
    model: str, operation: Operation, contract: ModelContract | None = None
) -> InputProfile | None:
    """The profile for `operation` on `model`, with what the gateway says about the model
    laid over the built-in data; None when neither knows the model to take it."""
    built_in = next((p for p in input_profiles(model) if p.operation == operation), None)
    if contract is None:
        return built_in
    names = built_in.gateway_names if built_in else _GATEWAY_NAMES.get(operation, (operation,))
    listed = contract.lists(names)
    if listed is False:
        return None  # the gateway lists this model's operations, and not this one
    endpoint = contract.endpoint_for(names)
    if built_in is None:
        if endpoint is None:
            return None
        built_in = InputProfile(
            operation, endpoint, names, max_images=contract.max_input_images or 16,
            verified=False, notes="Known only from the gateway's model details.",
        )  # fmt: skip
    return _overlay(built_in, contract, names, endpoint)


def _overlay(
    profile: InputProfile, contract: ModelContract, names: tuple[str, ...], endpoint: str | None
) -> InputProfile:
    constraint = contract.constraint_for(names)
    if endpoint is None and constraint is None and contract.max_input_images is None:
        return profile
    route = endpoint or profile.route
    forms = profile.forms if route == profile.route else _forms_for(route, profile)
    params, prompt, mask = profile.params, profile.prompt, profile.mask
    if constraint is not None:
        if constraint.parameters is not None:
            params = constraint.parameters - {"model", "prompt", "stream"}
            if "prompt" not in constraint.parameters and prompt == "required":
                prompt = "optional"
        if constraint.takes_mask is not None:
            mask = constraint.takes_mask
        if constraint.takes_file_ids is not None and route == EDITS:
            file_ids: frozenset[Form] = frozenset({"file_ids"})
            forms = forms | file_ids if constraint.takes_file_ids else forms - file_ids
    max_images = profile.max_images
    if contract.max_input_images and not profile.verified:
        max_images = contract.max_input_images
    return replace(
        profile,
        route=route,
        forms=forms,
        max_multipart_images=1 if route == GENERATIONS else profile.max_multipart_images,
        params=params,
        prompt=prompt,
        mask=mask,
        max_images=max_images,
        source="gateway",
    )


def _forms_for(route: str, profile: InputProfile) -> frozenset[Form]:
    if route not in (EDITS, GENERATIONS, VARIATIONS):
        return frozenset()
    multipart: frozenset[Form] = frozenset({"multipart"})
    return multipart | (profile.forms & {"file_ids"}) if route == EDITS else multipart


def describe_operations(profiles: Iterable[InputProfile]) -> str:
    """`edit at /v1/images/edits, variation at ...` for messages."""
    return ", ".join(f"{p.operation} at {p.route}" for p in profiles) or "no image inputs"

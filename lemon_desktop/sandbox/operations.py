"""What each model does with input images, as the gateway's data: which operation on
which route, how many images, whether a mask is taken, which parameters apply.

Sources (newest wins, see images-beyond-generation.md): edits for gpt-image-2 (16
images, mask, file ids, async), dall-e-2 (one square PNG, mask or transparency) and Grok
Imagine (3 images, no mask documented); image-to-image on generations for Nano Banana
(never edits), FLUX Kontext and Seedream; variations for dall-e-2 only. The finishing
models' routes are NOT DOCUMENTED: the sandbox serves them on the edits route and says
so in the model details, as a client must route by ``request_endpoint_by_operation``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

EDITS = "/v1/images/edits"
GENERATIONS = "/v1/images/generations"
VARIATIONS = "/v1/images/variations"

Effect = Literal[
    "edit", "i2i", "vary", "upscale", "remove-background", "replace-background", "zoom",
    "pan", "blend", "reframe",
]  # fmt: skip
SizeMode = Literal["first", "gpt2", "enum", "aspect", "scale", "free"]
Delivery = Literal["inline", "task"]

GPT_ENUMS: Mapping[str, tuple[str, ...]] = {
    "quality": ("auto", "low", "medium", "high"),
    # The newest spec: gpt-image-2 generation and edits take auto and opaque only.
    "background": ("auto", "opaque"),
    "output_format": ("png", "jpeg", "webp"),
    "moderation": ("auto", "low"),
}
GPT_INTS: Mapping[str, tuple[int, int]] = {"output_compression": (0, 100), "compression": (0, 100)}
PAN_DIRECTIONS = ("left", "right", "up", "down")


@dataclass(frozen=True)
class InputOperation:
    name: str  # as listed in supported_operations and request_endpoint_by_operation
    endpoint: str
    effect: Effect
    max_images: int = 1
    min_images: int = 1
    mask: bool = False
    file_ids: bool = False  # images[].file_id / mask.file_id (edits JSON)
    delivery: Delivery = "inline"
    async_ok: bool = False
    square_png: bool = False  # dall-e-2: square PNG inputs only
    size_mode: SizeMode = "first"
    sizes: tuple[str, ...] = ()
    prompt: Literal["required", "optional"] = "required"
    enums: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    ints: Mapping[str, tuple[int, int]] = field(default_factory=dict)
    n_max: int = 10
    notes: tuple[str, ...] = ()

    @property
    def parameters(self) -> list[str]:
        names = {"model", "n", "response_format", "user"} | set(self.enums) | set(self.ints)
        if self.prompt == "required" or self.effect in ("edit", "i2i"):
            names.add("prompt")
        if self.size_mode in ("gpt2", "enum", "free"):
            names.add("size")
        if self.size_mode == "aspect":
            names |= {"aspect_ratio", "resolution"}
        if self.async_ok:
            names.add("async")
        return sorted(names)

    @property
    def documented_inputs(self) -> list[str]:
        if self.endpoint == GENERATIONS:
            inputs = ["image_url", "image_urls", "reference_image_urls", "image (multipart, one)"]
        elif self.endpoint == VARIATIONS:
            inputs = ["image (multipart)"]
        else:
            inputs = [
                "image (multipart, repeated)",
                "image[] (multipart)",
                "image_url",
                "image_urls",
            ]
            inputs.append("images[].image_url")
            if self.file_ids:
                inputs.append("images[].file_id")
        if self.mask:
            inputs.append("mask")
        return inputs


def _gpt2_edit() -> InputOperation:
    return InputOperation(
        "image-edit", EDITS, "edit", max_images=16, mask=True, file_ids=True, async_ok=True,
        size_mode="gpt2", enums=GPT_ENUMS, ints=GPT_INTS,
        notes=("Up to 16 source images; more is refused with too_many_images.",
               "mask: PNG with alpha, same size as the first image.",
               "No resolution; background auto or opaque."),
    )  # fmt: skip


def _grok_edit() -> InputOperation:
    return InputOperation(
        "image-edit", EDITS, "edit", max_images=3, size_mode="aspect",
        notes=("At most 3 source images; more is refused with too_many_images.",),
    )  # fmt: skip


def _i2i(max_images: int = 16, **kw: object) -> InputOperation:
    return InputOperation(
        "image-to-image", GENERATIONS, "i2i", max_images=max_images, size_mode="aspect",
        notes=("Send operation: image-to-image with image_url, image_urls or "
               "reference_image_urls (public URLs), or one multipart image.",),
        **kw,  # type: ignore[arg-type]
    )  # fmt: skip


def _finish(name: str, effect: Effect, **kw: object) -> InputOperation:
    settings: dict[str, object] = {
        "prompt": "optional",
        "n_max": 1,
        "notes": ("Route not documented by the gateway; the sandbox serves it on the edits "
                  "route.",),
        **kw,
    }  # fmt: skip
    return InputOperation(name, EDITS, effect, **settings)  # type: ignore[arg-type]


_UPSCALE_INTS: Mapping[str, tuple[int, int]] = {"scale": (2, 4)}
_PAN = {"direction": PAN_DIRECTIONS}
_MJ = {"delivery": "task"}

# fmt: off
OPERATIONS: dict[str, tuple[InputOperation, ...]] = {
    "gpt-image-2": (_gpt2_edit(),),
    "dall-e-2": (
        InputOperation("image-edit", EDITS, "edit", mask=True, square_png=True, size_mode="enum",
                       sizes=("256x256", "512x512", "1024x1024"),
                       notes=("One square PNG; its transparency or a separate mask says where "
                              "to edit.",)),
        InputOperation("image-variation", VARIATIONS, "vary", square_png=True, size_mode="enum",
                       sizes=("256x256", "512x512", "1024x1024"), prompt="optional"),
    ),
    "grok-imagine-image": (_grok_edit(),),
    "grok-imagine-image-quality": (_grok_edit(),),
    "grok-imagine-image-pro": (_grok_edit(),),
    "nano-banana": (_i2i(),),
    "nano-banana-2": (_i2i(),),
    "nano-banana-pro": (_i2i(),),
    "nano-banana-edit": (_i2i(),),
    "seedream-4": (_i2i(),),
    "flux-kontext-pro": (
        _i2i(4, delivery="task", async_ok=True),
        InputOperation("image-edit", EDITS, "edit", delivery="task", async_ok=True,
                       notes=("FLUX/BFL edit: answered as a task.",)),
    ),
    "image-upscaler": (_finish("upscale", "upscale", size_mode="scale", ints=_UPSCALE_INTS),),
    "image-background-remover": (_finish("background-removal", "remove-background"),),
    "mj-upscale": (_finish("upscale", "upscale", size_mode="scale", **_MJ),),
    "mj-variation": (_finish("variation", "vary", **_MJ),),
    "mj-high-variation": (_finish("variation", "vary", **_MJ),),
    "mj-low-variation": (_finish("variation", "vary", **_MJ),),
    "mj-reroll": (_finish("variation", "vary", **_MJ),),
    "mj-zoom": (_finish("zoom", "zoom", **_MJ),),
    "mj-pan": (_finish("pan", "pan", enums=_PAN, **_MJ),),
    "mj-blend": (_finish("blend", "blend", min_images=2, max_images=5, **_MJ),),
    "mj-modal": (_finish("region-edit", "edit", mask=True, **_MJ),),
    "ideogram-edit": (_finish("image-edit", "edit", mask=True, prompt="required"),),
    "ideogram-remix": (_finish("remix", "vary", prompt="required"),),
    "ideogram-reframe": (_finish("reframe", "reframe", size_mode="free"),),
    "ideogram-replace-background-v3": (_finish("replace-background", "replace-background"),),
    "ideogram-replace-background-v3-turbo": (
        _finish("replace-background", "replace-background"),),
    "ideogram-replace-background-v3-quality": (
        _finish("replace-background", "replace-background"),),
    "ideogram-upscale": (_finish("upscale", "upscale", size_mode="scale"),),
}
# fmt: on


def operations_of(model: str) -> tuple[InputOperation, ...]:
    return OPERATIONS.get(model, ())


def operation_for(model: str, endpoint: str, name: str | None = None) -> InputOperation | None:
    for op in OPERATIONS.get(model, ()):
        if op.endpoint == endpoint and (name is None or op.name == name):
            return op
    return None

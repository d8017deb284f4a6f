"""Reusable parameter declarations, so families that share a parameter share its wording."""

from __future__ import annotations

from .schema import ParamSpec, SizeRules

GOOGLE_ASPECT_RATIOS = ("1:1", "16:9", "9:16", "3:2", "2:3", "4:3", "3:4", "4:5", "5:4", "21:9")

# A hint for n on models whose multi-image support is not documented.
ONE_PER_REQUEST_HINT = (
    "{model} is offered one image per request here (more is not documented for it); "
    "set n to 1 or queue several jobs."
)


def size_param(
    presets: tuple[str, ...],
    *,
    default: str | None = None,
    rules: SizeRules | None = None,
    help: str = "Output size in pixels.",
) -> ParamSpec:
    return ParamSpec(
        name="size",
        kind="size",
        label="Size",
        help=help,
        choices=presets,
        default=default,
        custom_size=rules is not None,
        size_rules=rules,
    )


def n_param(maximum: int, *, hint: str = "") -> ParamSpec:
    return ParamSpec(
        name="n",
        kind="int",
        label="Images",
        help="How many images one request makes.",
        default=1,
        minimum=1,
        maximum=maximum,
        hint=hint,
    )


def aspect_ratio_param(choices: tuple[str, ...]) -> ParamSpec:
    return ParamSpec(
        name="aspect_ratio",
        kind="choice",
        label="Aspect ratio",
        help="Shape of the image as width:height; unset lets the model choose.",
        choices=choices,
    )


RESOLUTION = ParamSpec(
    name="resolution",
    kind="choice",
    label="Resolution",
    help="Output resolution tier; higher tiers cost more and take longer.",
    choices=("1k", "2k", "4k"),
)

GPT_QUALITY = ParamSpec(
    name="quality",
    kind="choice",
    label="Quality",
    help="Rendering quality; higher costs more and takes longer (unset means auto).",
    choices=("auto", "low", "medium", "high"),
)

DALLE_QUALITY = ParamSpec(
    name="quality",
    kind="choice",
    label="Quality",
    help="hd renders finer detail at a higher price.",
    choices=("standard", "hd"),
    default="standard",
)

DALLE_STYLE = ParamSpec(
    name="style",
    kind="choice",
    label="Style",
    help="vivid leans dramatic and hyper-real; natural looks less processed.",
    choices=("vivid", "natural"),
    default="vivid",
)

BACKGROUND = ParamSpec(
    name="background",
    kind="choice",
    label="Background",
    help="transparent needs PNG or WebP output (unset means auto).",
    choices=("auto", "transparent", "opaque"),
)

OUTPUT_FORMAT = ParamSpec(
    name="output_format",
    kind="choice",
    label="Output format",
    help="File format of the generated image (unset means PNG).",
    choices=("png", "jpeg", "webp"),
)

OUTPUT_COMPRESSION = ParamSpec(
    name="output_compression",
    kind="int",
    label="Compression",
    help="Compression level 0-100 for JPEG or WebP output.",
    minimum=0,
    maximum=100,
)

MODERATION = ParamSpec(
    name="moderation",
    kind="choice",
    label="Moderation",
    help="Content filter strictness; low filters less (unset means auto).",
    choices=("auto", "low"),
)

PARTIAL_IMAGES = ParamSpec(
    name="partial_images",
    kind="int",
    label="Partial previews",
    help="Previews streamed while the image renders (0-3); needs a synchronous request.",
    minimum=0,
    maximum=3,
)

ASYNC = ParamSpec(
    name="async",
    kind="bool",
    label="Run as task",
    help="Create a task and poll for it instead of holding the request open; returns URLs only.",
)

RESPONSE_FORMAT = ParamSpec(
    name="response_format",
    kind="choice",
    label="Response format",
    help="url returns a download link; b64_json returns the image data in the response.",
    choices=("url", "b64_json"),
)

USER = ParamSpec(
    name="user",
    kind="text",
    label="End-user ID",
    help="An identifier for the end user, passed on for abuse monitoring.",
)

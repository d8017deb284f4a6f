"""The gateway's per-family parameter table for ``POST /v1/images/generations``.

Deliberately independent of the client's own profile module: the sandbox plays the
gateway, so it must refuse what the documented gateway refuses even when the client is
wrong about it. Which model belongs to which family lives in ``catalog.py``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from lemon_desktop.sandbox import sizes

SizeMode = Literal["gpt2", "enum", "free", "aspect", "fixed"]

UNIVERSAL = frozenset({"model", "prompt", "n", "size", "response_format", "user", "async"})
RESPONSE_FORMATS = ("url", "b64_json")
GPT_QUALITY = ("auto", "low", "medium", "high")


@dataclass(frozen=True)
class Family:
    name: str
    prompt_max: int
    size_mode: SizeMode
    sizes: tuple[str, ...] = ()
    n_max: int = 10
    enums: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    ints: Mapping[str, tuple[int, int]] = field(default_factory=dict)
    extra: frozenset[str] = frozenset()
    # Allowed aspect ratios; None means any "a:b" up to 4:1.
    ratios: tuple[str, ...] | None = None
    resolution: Literal["yes", "no", "refuse"] = "no"
    resolutions: tuple[str, ...] = ("1k", "2k", "4k")
    strip: frozenset[str] = frozenset()
    gpt: bool = False
    revised_prompt: bool = False
    open: bool = False

    @property
    def accepted(self) -> frozenset[str]:
        names = UNIVERSAL | set(self.enums) | set(self.ints) | self.extra
        if self.size_mode in ("aspect", "free"):
            names |= {"aspect_ratio"}
        if self.resolution == "yes":
            names |= {"resolution"}
        return frozenset(names)


def _gpt(name: str, size_mode: SizeMode, sizes_: tuple[str, ...], **kw: Any) -> Family:
    return Family(
        name,
        32_000,
        size_mode,
        sizes_,
        enums={
            "quality": GPT_QUALITY,
            "background": ("transparent", "opaque", "auto"),
            "output_format": ("png", "jpeg", "webp"),
            "moderation": ("low", "auto"),
            **kw.pop("enums", {}),
        },
        ints={"output_compression": (0, 100), "compression": (0, 100), "partial_images": (0, 3)},
        extra=frozenset({"stream"}),
        gpt=True,
        **kw,
    )


_ASPECT_EXTRA = frozenset({"seed", "negative_prompt"})
FAMILIES: dict[str, Family] = {
    f.name: f
    for f in (
        _gpt("gpt-image-2", "gpt2", (), strip=frozenset({"input_fidelity"})),
        _gpt(
            "gpt-image",
            "enum",
            ("1024x1024", "1536x1024", "1024x1536", "auto"),
            enums={"input_fidelity": ("high", "low")},
        ),
        Family(
            "dall-e-3",
            4_000,
            "enum",
            ("1024x1024", "1792x1024", "1024x1792"),
            n_max=1,
            enums={"quality": ("standard", "hd"), "style": ("vivid", "natural")},
            revised_prompt=True,
        ),
        Family(
            "dall-e-2",
            1_000,
            "enum",
            ("256x256", "512x512", "1024x1024"),
            enums={"quality": ("standard",)},
        ),
        Family("google-pro", 32_000, "aspect", ratios=sizes.GOOGLE_RATIOS, resolution="yes"),
        Family("google-flash", 32_000, "aspect", ratios=sizes.GOOGLE_RATIOS, resolution="refuse"),
        Family("google-basic", 32_000, "fixed", resolution="refuse"),
        Family(
            "flux",
            10_000,
            "free",
            extra=_ASPECT_EXTRA | {"steps", "guidance", "safety_tolerance", "prompt_upsampling"},
        ),
        # Grok Imagine: aspect_ratio plus resolution 1k|2k (newest docs).
        Family("grok", 4_000, "aspect", resolution="yes", resolutions=("1k", "2k")),
        Family("midjourney", 6_000, "aspect", extra=frozenset({"stylize", "chaos", "version"})),
        Family("ideogram", 10_000, "aspect", extra=_ASPECT_EXTRA | {"style_type", "magic_prompt"}),
        Family("sd3", 10_000, "free", extra=_ASPECT_EXTRA | {"cfg_scale", "steps"}),
        Family("generic", 32_000, "free", open=True),
    )
}

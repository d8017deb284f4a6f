"""Masks that protect pixels: an edit put back onto its original outside the mask.

Hosted models take a mask as a hint: pixels the mask protects change anyway (outside
checks measured about half of them changing noticeably). `composite` keeps every
protected pixel of the original exactly, blends the model's pixels in across a
feathered edge that lies wholly inside the edited area, and measures how much the
model changed where it was told not to: the share of protected pixels whose largest
channel difference exceeds a threshold, with a heat map of where.

The mask follows the gateway's rule (OpenAI's): its alpha channel, 255 keeps the
original, 0 is edited, values between blend. Everything here is Pillow's C code on
whole images (no per-pixel Python), so a 4096x4096 composite takes a few hundred
milliseconds at most (bench/composite.py); callers still run it off the GUI thread.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from PIL import Image, ImageChops, ImageFilter, UnidentifiedImageError

DEFAULT_FEATHER = 8
DEFAULT_THRESHOLD = 16  # of 255 in any channel: a change the eye notices
MAX_FEATHER = 256
HEATMAP_SIDE = 2048
_HEAT_GAIN = 4  # a difference of 64 shows as full red
_EDITED_TINT = 72  # how blue the edited area is drawn in the heat map


class CompositeError(ValueError):
    """The images cannot be composited; the message names which one and why."""


@dataclass(frozen=True)
class CompositeSettings:
    feather: int = DEFAULT_FEATHER  # width in pixels of the blend inside the edited area
    threshold: int = DEFAULT_THRESHOLD  # a protected pixel changed by more than this counts

    def __post_init__(self) -> None:
        if isinstance(self.feather, bool) or not 0 <= self.feather <= MAX_FEATHER:
            raise ValueError(f"The feather is 0 to {MAX_FEATHER} pixels, not {self.feather!r}.")
        if isinstance(self.threshold, bool) or not 0 <= self.threshold <= 254:
            raise ValueError(f"The change threshold is 0 to 254, not {self.threshold!r}.")

    def to_json(self) -> dict[str, int]:
        return {"feather": self.feather, "threshold": self.threshold}


@dataclass(frozen=True)
class ChangeReport:
    """How much the model changed outside the mask."""

    protected_pixels: int  # mask alpha 255: the model was told to keep these
    changed_pixels: int  # of those, changed by more than `threshold` in some channel
    threshold: int
    largest_change: int  # the biggest channel difference found there, 0-255

    @property
    def changed_share(self) -> float:
        """0.0-1.0 of the protected pixels; 0.0 when the mask protects nothing."""
        return self.changed_pixels / self.protected_pixels if self.protected_pixels else 0.0

    def sentence(self) -> str:
        if not self.protected_pixels:
            return "The mask protects no pixels, so nothing outside it could change."
        return (
            f"The model changed {self.changed_share:.1%} of the pixels outside the mask "
            f"({self.changed_pixels:,} of {self.protected_pixels:,} by more than "
            f"{self.threshold}/255); the composite keeps the original there."
        )

    def to_json(self) -> dict[str, int | float]:
        return {
            "protected_pixels": self.protected_pixels,
            "changed_pixels": self.changed_pixels,
            "changed_share": round(self.changed_share, 6),
            "threshold": self.threshold,
            "largest_change": self.largest_change,
        }


@dataclass(frozen=True)
class Composited:
    image: Image.Image  # the original's size and mode (RGB, or RGBA when it has alpha)
    report: ChangeReport
    change: Image.Image  # L: largest channel difference on protected pixels, 0 elsewhere
    keep: Image.Image  # L: the mask's alpha at the original's size
    resized_result: bool  # the model answered at another size; scaled to the original's
    resized_mask: bool

    def heatmap(self) -> Image.Image:
        """RGB, at most HEATMAP_SIDE on its long side: the composite dimmed to grey,
        protected pixels that changed in red (brighter the more), the edited area tinted
        blue. Made on demand: it is looked at, not kept as art (a changed pixel still
        shows, fainter, where the map is smaller than the image)."""
        base, change, keep = self.image, self.change, self.keep
        factor = -(-max(base.size) // HEATMAP_SIDE)
        if factor > 1:
            base, change, keep = (im.reduce(factor) for im in (base, change, keep))
        grey = base.convert("L").point(_DIM)
        red = ImageChops.lighter(grey, change.point(_HEAT))
        blue = ImageChops.lighter(grey, keep.point(_TINT))
        return Image.merge("RGB", (red, grey, blue))


@dataclass(frozen=True)
class CompositeFiles:
    composite_png: bytes
    heatmap_png: bytes
    report: ChangeReport
    resized_result: bool
    resized_mask: bool


def composite(
    original: Image.Image,
    result: Image.Image,
    mask: Image.Image,
    settings: CompositeSettings | None = None,
) -> Composited:
    """The result where the mask lets the model edit, the original everywhere else,
    and how much the result changed where the mask protects."""
    settings = settings or CompositeSettings()
    mode = "RGBA" if _has_alpha(original) else "RGB"
    base = original if original.mode == mode else original.convert(mode)
    size = base.size
    edited = result if result.mode == mode else result.convert(mode)
    resized_result = edited.size != size
    if resized_result:
        edited = edited.resize(size, Image.Resampling.BICUBIC)
    keep = _mask_alpha(mask)
    resized_mask = keep.size != size
    if resized_mask:
        keep = keep.resize(size, Image.Resampling.NEAREST)
    protected = keep.point(_ONLY_FULL)
    weight = _feathered(keep, protected, settings.feather)
    image = _blend(base, edited, weight)
    change = ImageChops.multiply(_largest_channel_difference(base, edited), protected)
    # One histogram gives both figures: bins above the threshold are changed pixels.
    counts = change.histogram()
    report = ChangeReport(
        protected_pixels=protected.histogram()[255],
        changed_pixels=sum(counts[settings.threshold + 1 :]),
        threshold=settings.threshold,
        largest_change=max((v for v in range(255, 0, -1) if counts[v]), default=0),
    )
    return Composited(image, report, change, keep, resized_result, resized_mask)


def composite_files(
    original: bytes,
    result: bytes,
    mask: bytes,
    settings: CompositeSettings | None = None,
) -> CompositeFiles:
    """`composite` on encoded images; the composite and the heat map as PNG (lossless:
    the protected pixels must stay the original's exactly)."""
    done = composite(
        _decode(original, "original image"),
        _decode(result, "edited result"),
        _decode(mask, "mask"),
        settings,
    )
    return CompositeFiles(
        # Level 1: a 4096x4096 picture takes about a second instead of five at level 6,
        # for files about a tenth larger.
        composite_png=_png(done.image, compress_level=1),
        heatmap_png=_png(done.heatmap(), compress_level=1),
        report=done.report,
        resized_result=done.resized_result,
        resized_mask=done.resized_mask,
    )


# ----- the steps ------------------------------------------------------------------

_ONLY_FULL = [255 if v == 255 else 0 for v in range(256)]
# Twice the blurred protection, capped: the blur's ramp (127 at the edge, 0 at
# `feather` pixels into the edited area) becomes 254 -> 0, so the blend starts at
# the edge and the protected side stays 255.
_DOUBLE = [min(255, 2 * v) for v in range(256)]
_HEAT = [min(255, v * _HEAT_GAIN) for v in range(256)]
_DIM = [v // 3 for v in range(256)]
_TINT = [0 if v == 255 else _EDITED_TINT for v in range(256)]
_TILE = 256


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info


def _mask_alpha(mask: Image.Image) -> Image.Image:
    if not _has_alpha(mask):
        raise CompositeError(
            "The mask has no transparency: its alpha channel marks where to edit (0) and "
            "what to keep (255)."
        )
    # The image's own alpha band: no converted copy of a 4096x4096 mask.
    if mask.mode in ("RGBA", "LA"):
        return mask.getchannel("A")
    return mask.convert("RGBA").getchannel("A")


def _feathered(keep: Image.Image, protected: Image.Image, feather: int) -> Image.Image:
    """How much of the original each pixel takes: the mask's alpha, raised along a ramp
    `feather` pixels wide that runs from the fully protected pixels into the rest.

    The ramp only ever raises the weight, so a protected pixel keeps 255 (the original's
    value exactly). It is blurred tile by tile, and only where a tile's neighbourhood
    holds both protected and unprotected pixels: elsewhere the blur would change nothing,
    and a whole-image blur of 4096x4096 costs more than everything else together.
    """
    if feather <= 0:
        return keep
    weight = keep.copy()
    width, height = keep.size
    pad = feather + 1  # the box blur reaches `feather` pixels (and a fraction) each way
    for top in range(0, height, _TILE):
        for left in range(0, width, _TILE):
            box = (left, top, min(left + _TILE, width), min(top + _TILE, height))
            around = (
                max(0, left - pad),
                max(0, top - pad),
                min(width, box[2] + pad),
                min(height, box[3] + pad),
            )
            region = protected.crop(around)
            low, high = region.getextrema()
            if low == high:
                continue  # all protected (weight 255 already) or none (no ramp reaches)
            inner = (
                box[0] - around[0],
                box[1] - around[1],
                box[2] - around[0],
                box[3] - around[1],
            )
            ramp = region.filter(ImageFilter.BoxBlur(feather)).crop(inner).point(_DOUBLE)
            weight.paste(ImageChops.lighter(keep.crop(box), ramp), box[:2])
    return weight


def _blend(base: Image.Image, edited: Image.Image, weight: Image.Image) -> Image.Image:
    """Weight 255 keeps the original's pixel exactly, 0 takes the edit's.

    Only the box around the pixels whose weight is below 255 can differ from the
    original: a small edit on a big picture blends that crop alone and copies the rest.
    """
    changing = ImageChops.invert(weight)
    area = changing.getbbox()
    if area is None:  # the mask keeps every pixel
        return base.copy()
    box_pixels = (area[2] - area[0]) * (area[3] - area[1])
    if box_pixels * 2 > base.width * base.height:
        return Image.composite(base, edited, weight)
    image = base.copy()
    image.paste(edited.crop(area), area[:2], changing.crop(area))
    return image


def _largest_channel_difference(a: Image.Image, b: Image.Image) -> Image.Image:
    if a.mode != "RGB":
        a, b = a.convert("RGB"), b.convert("RGB")
    red, green, blue = ImageChops.difference(a, b).split()
    return ImageChops.lighter(ImageChops.lighter(red, green), blue)


def _decode(data: bytes, what: str) -> Image.Image:
    try:
        image = Image.open(io.BytesIO(data))
        image.load()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise CompositeError(f"The {what} cannot be read as an image: {exc}") from exc
    return image


def _png(image: Image.Image, *, compress_level: int) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG", compress_level=compress_level)
    return out.getvalue()

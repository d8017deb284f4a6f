"""Results drawn from input images, deterministically, so a test can see what happened.

- ``edit`` / ``i2i`` without a mask: the inputs tiled over the output, in a frame of the
  prompt's colour. With a mask (its alpha; 0 = edit here): the first image, with the
  transparent region repainted in the prompt's flat colour (blended half with the other
  inputs, tiled, when there are several). Partly transparent mask pixels blend the two.
- Like a real model, the mask is only a hint: ``leak`` (0..1) is the share of pixels
  outside the mask that change anyway, in 8x8 blocks, each channel moved by 64.
- ``upscale``: the input resized by ``scale``; ``remove-background``: RGBA, pixels close
  to the top-left corner's colour made transparent; ``replace-background``: the same,
  on the prompt's colour; ``vary``: mirrored, framed; ``zoom``: the input at half size
  on the prompt's colour; ``pan``: the canvas extended by half in ``option``'s direction;
  ``blend``: tiled; ``reframe``: fitted into the new size.
"""

from __future__ import annotations

import hashlib
import io
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass

from PIL import Image, ImageChops, ImageOps

from lemon_desktop.sandbox.drawing import CONTENT_TYPES, EXTENSIONS, encode_as

LEAK_BLOCK = 8
LEAK_SHIFT = 64  # how far a leaked pixel's channels move: always "noticeably"
BACKGROUND_TOLERANCE = 24
_SHIFT_TABLE = [v + LEAK_SHIFT if v < 128 else v - LEAK_SHIFT for v in range(256)]


def repaint_colour(prompt: str, index: int) -> tuple[int, int, int]:
    """The flat colour an edit paints: from the prompt, saturated so it stands out."""
    digest = hashlib.sha256(f"{prompt}\x00{index}".encode()).digest()
    rgb = [40 + digest[0] % 60, 40 + digest[1] % 60, 40 + digest[2] % 60]
    rgb[digest[3] % 3] = 200 + digest[4] % 56  # one strong channel
    return rgb[0], rgb[1], rgb[2]


@dataclass(frozen=True)
class EditSpec:
    model: str
    effect: str
    prompt: str
    inputs: tuple[bytes, ...]
    width: int
    height: int
    mask: bytes | None = None
    index: int = 0
    fmt: str = "png"
    compression: int | None = None
    leak: float = 0.0
    option: str = ""

    @property
    def key(self) -> str:
        digest = hashlib.sha256()
        for part in (self.model, self.effect, self.prompt, f"{self.width}x{self.height}",
                     str(self.index), self.fmt, str(self.compression), repr(self.leak),
                     self.option):  # fmt: skip
            digest.update(part.encode() + b"\x00")
        for blob in (*self.inputs, self.mask or b""):
            digest.update(hashlib.sha256(blob).digest())
        return digest.hexdigest()

    @property
    def output_format(self) -> str:
        # Transparency needs PNG (or WebP); a cut-out is always delivered as PNG.
        return "png" if self.effect == "remove-background" else self.fmt

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.output_format]

    @property
    def extension(self) -> str:
        return EXTENSIONS[self.output_format]

    def render(self) -> bytes:
        return encode_as(draw(self), self.output_format, self.compression)


def _open(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def _rgb(image: Image.Image) -> Image.Image:
    if image.mode in ("RGBA", "LA", "PA", "P"):
        image = image.convert("RGBA")
        flat = Image.new("RGBA", image.size, (255, 255, 255, 255))
        return Image.alpha_composite(flat, image).convert("RGB")
    return image.convert("RGB")


def tile(images: Sequence[Image.Image], size: tuple[int, int]) -> Image.Image:
    """Every image, stretched into its cell of a near-square grid covering ``size``."""
    width, height = size
    cols = math.ceil(math.sqrt(len(images)))
    rows = math.ceil(len(images) / cols)
    canvas = Image.new("RGB", size, (0, 0, 0))
    for number, image in enumerate(images):
        row, col = divmod(number, cols)
        left, right = col * width // cols, (col + 1) * width // cols
        top, bottom = row * height // rows, (row + 1) * height // rows
        cell = _rgb(image).resize((right - left, bottom - top), Image.Resampling.BILINEAR)
        canvas.paste(cell, (left, top))
    return canvas


def _frame(image: Image.Image, colour: tuple[int, int, int]) -> Image.Image:
    border = max(2, min(image.size) // 32)
    framed = image.copy()
    inner = image.crop((border, border, image.width - border, image.height - border))
    framed.paste(colour, (0, 0, image.width, image.height))
    framed.paste(inner, (border, border))
    return framed


def leak_outside(
    image: Image.Image, protected: Image.Image, share: float, seed: str
) -> Image.Image:
    """Change ``share`` of the protected pixels (``protected`` 255), in blocks."""
    if share <= 0:
        return image
    cols = math.ceil(image.width / LEAK_BLOCK)
    rows = math.ceil(image.height / LEAK_BLOCK)
    rng = random.Random(hashlib.sha256(seed.encode()).digest())
    blocks = Image.new("L", (cols, rows))
    blocks.putdata([255 if rng.random() < share else 0 for _ in range(cols * rows)])
    chosen = blocks.resize((cols * LEAK_BLOCK, rows * LEAK_BLOCK), Image.Resampling.NEAREST)
    chosen = ImageChops.multiply(chosen.crop((0, 0, image.width, image.height)), protected)
    shifted = image.point(_SHIFT_TABLE * len(image.getbands()))
    return Image.composite(shifted, image, chosen)


def _masked_edit(spec: EditSpec, sources: list[Image.Image]) -> Image.Image:
    assert spec.mask is not None
    size = (spec.width, spec.height)
    base = _rgb(sources[0])
    if base.size != size:
        base = base.resize(size, Image.Resampling.BILINEAR)
    alpha = _open(spec.mask).convert("RGBA").getchannel("A")
    if alpha.size != size:
        alpha = alpha.resize(size, Image.Resampling.NEAREST)
    paint = Image.new("RGB", size, repaint_colour(spec.prompt, spec.index))
    if len(sources) > 1:
        paint = Image.blend(paint, tile(sources[1:], size), 0.5)
    edited = Image.composite(base, paint, alpha)  # alpha 255 keeps, 0 repaints
    protected = alpha.point([255 if v == 255 else 0 for v in range(256)])
    return leak_outside(edited, protected, spec.leak, f"{spec.key}:leak")


def _cut_out(image: Image.Image) -> Image.Image:
    rgb = _rgb(image)
    corner = rgb.getpixel((0, 0))
    diff = ImageChops.difference(rgb, Image.new("RGB", rgb.size, corner))
    red, green, blue = diff.split()
    distance = ImageChops.lighter(ImageChops.lighter(red, green), blue)
    alpha = distance.point([0 if v < BACKGROUND_TOLERANCE else 255 for v in range(256)])
    out = rgb.convert("RGBA")
    out.putalpha(alpha)
    return out


def _pan(image: Image.Image, spec: EditSpec, colour: tuple[int, int, int]) -> Image.Image:
    canvas = Image.new("RGB", (spec.width, spec.height), colour)
    source = _rgb(image)
    left = spec.width - source.width if spec.option == "left" else 0
    top = spec.height - source.height if spec.option == "up" else 0
    canvas.paste(source, (left, top))
    return canvas


def draw(spec: EditSpec) -> Image.Image:
    sources = [_open(data) for data in spec.inputs]
    size = (spec.width, spec.height)
    colour = repaint_colour(spec.prompt, spec.index)
    match spec.effect:
        case "edit" | "i2i" if spec.mask is not None:
            return _masked_edit(spec, sources)
        case "edit" | "i2i" | "blend":
            return _frame(tile(sources, size), colour)
        case "upscale":
            return _rgb(sources[0]).resize(size, Image.Resampling.BICUBIC)
        case "remove-background":
            return _cut_out(sources[0].resize(size, Image.Resampling.BILINEAR))
        case "replace-background":
            cut = _cut_out(sources[0].resize(size, Image.Resampling.BILINEAR))
            return Image.alpha_composite(Image.new("RGBA", size, (*colour, 255)), cut).convert(
                "RGB"
            )
        case "vary":
            mirrored = ImageOps.mirror(_rgb(sources[0]).resize(size, Image.Resampling.BILINEAR))
            return _frame(mirrored, colour)
        case "zoom":
            canvas = Image.new("RGB", size, colour)
            half = _rgb(sources[0]).resize((spec.width // 2, spec.height // 2))
            canvas.paste(half, (spec.width // 4, spec.height // 4))
            return canvas
        case "pan":
            return _pan(sources[0], spec, colour)
        case _:  # reframe
            return ImageOps.pad(_rgb(sources[0]), size, color=colour)

"""Deterministic images: same (model, prompt, size, index, format, ...) -> same bytes.

Everything random is drawn from a sha256 of the request, and the encoders run with
fixed settings and no metadata, so a test can compare two downloads byte for byte.
Composition happens on a small canvas that is then upscaled, which keeps a 2048x2048
render well under a second and gives soft, painting-like shapes.
"""

from __future__ import annotations

import hashlib
import io
import random
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

from PIL import Image, ImageDraw, ImageFilter, ImageFont

CONTENT_TYPES = {"png": "image/png", "jpeg": "image/jpeg", "webp": "image/webp"}
EXTENSIONS = {"png": "png", "jpeg": "jpg", "webp": "webp"}
_CANVAS_EDGE = 192  # long edge of the sketch canvas before upscaling
_DEFAULT_QUALITY = 90


class Renderable(Protocol):
    """What the CDN store and tasks need of a result: a key that names its bytes, and a
    way to make them (a drawn generation, or an edit drawn from its inputs)."""

    @property
    def key(self) -> str: ...

    @property
    def content_type(self) -> str: ...

    @property
    def extension(self) -> str: ...

    def render(self) -> bytes: ...


@dataclass(frozen=True)
class RenderSpec:
    model: str
    prompt: str
    width: int
    height: int
    index: int = 0
    fmt: str = "png"
    transparent: bool = False
    compression: int | None = None
    style: str | None = None

    @property
    def key(self) -> str:
        parts = (
            self.model,
            self.prompt,
            f"{self.width}x{self.height}",
            str(self.index),
            self.fmt,
            "rgba" if self.transparent else "rgb",
            str(self.compression),
            str(self.style),
        )
        return hashlib.sha256("\x00".join(parts).encode("utf-8")).hexdigest()

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.fmt]

    @property
    def extension(self) -> str:
        return EXTENSIONS[self.fmt]

    def render(self) -> bytes:
        return render(self)


def _colour(rng: random.Random, alpha: int | None = None) -> tuple[int, ...]:
    rgb = tuple(rng.randrange(30, 236) for _ in range(3))
    return rgb if alpha is None else (*rgb, alpha)


def _sketch(spec: RenderSpec) -> Image.Image:
    """The small RGBA composition; its alpha is the subject mask for transparent output."""
    # Seed from prompt/model/index only: sizes and formats of one prompt share a picture.
    seed = hashlib.sha256(f"{spec.model}\x00{spec.prompt}\x00{spec.index}".encode()).digest()
    rng = random.Random(seed)
    scale = _CANVAS_EDGE / max(spec.width, spec.height)
    w, h = max(8, round(spec.width * scale)), max(8, round(spec.height * scale))

    corners = Image.new("RGB", (2, 2))
    corners.putdata([_colour(rng) for _ in range(4)])
    background = corners.resize((w, h), Image.Resampling.BILINEAR).convert("RGBA")
    shapes = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    for _ in range(rng.randrange(5, 10)):
        layer = Image.new("RGBA", (w, h), (0, 0, 0, 0))
        draw = ImageDraw.Draw(layer)
        cx, cy = rng.uniform(0.15, 0.85) * w, rng.uniform(0.15, 0.85) * h
        rx, ry = rng.uniform(0.06, 0.3) * w, rng.uniform(0.06, 0.3) * h
        box = (cx - rx, cy - ry, cx + rx, cy + ry)
        fill = _colour(rng, rng.randrange(150, 256))
        match rng.randrange(3):
            case 0:
                draw.ellipse(box, fill=fill)
            case 1:
                draw.rounded_rectangle(box, radius=min(rx, ry) / 3, fill=fill)
            case _:
                draw.polygon([(cx, cy - ry), (cx + rx, cy + ry), (cx - rx, cy + ry)], fill=fill)
        shapes = Image.alpha_composite(shapes, layer)
    # Blur premultiplied, or the transparent black around shapes bleeds in as a dark rim.
    shapes = shapes.convert("RGBa").filter(ImageFilter.GaussianBlur(0.8)).convert("RGBA")
    if spec.transparent:
        return shapes
    return Image.alpha_composite(background, shapes)


@lru_cache(maxsize=16)
def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.load_default(size=size)


def _caption(image: Image.Image, spec: RenderSpec) -> None:
    """Label the image so a human can tell results apart at a glance."""
    size = max(10, min(image.width, image.height) // 40)
    font = _font(size)
    draw = ImageDraw.Draw(image)
    margin = size // 2
    label = f"{spec.model} #{spec.index + 1} {spec.width}x{spec.height}"
    prompt = " ".join(spec.prompt.split())
    prompt = prompt if len(prompt) <= 72 else prompt[:71] + "…"
    ink = (255, 255, 255, 255)
    edge = (0, 0, 0, 255)
    draw.text((margin, margin), label, font=font, fill=ink, stroke_width=1, stroke_fill=edge)
    bottom = (margin, image.height - margin - size)
    draw.text(bottom, prompt, font=font, fill=ink, stroke_width=1, stroke_fill=edge)


def render_image(spec: RenderSpec) -> Image.Image:
    image = _sketch(spec).resize((spec.width, spec.height), Image.Resampling.BICUBIC)
    _caption(image, spec)
    return image if spec.transparent else image.convert("RGB")


def encode(image: Image.Image, spec: RenderSpec) -> bytes:
    return encode_as(image, spec.fmt, spec.compression)


def encode_as(image: Image.Image, fmt: str, compression: int | None) -> bytes:
    buffer = io.BytesIO()
    quality = _DEFAULT_QUALITY if compression is None else compression
    if fmt == "png":
        # Level 1: the images are smooth, so the size cost is small and encoding stays fast.
        image.save(buffer, "PNG", compress_level=1)
    elif fmt == "jpeg":
        image.convert("RGB").save(buffer, "JPEG", quality=quality, optimize=False)
    else:
        image.save(buffer, "WEBP", quality=quality, method=1)
    return buffer.getvalue()


def render(spec: RenderSpec) -> bytes:
    return encode(render_image(spec), spec)


def render_with_partials(spec: RenderSpec, partials: int) -> tuple[list[bytes], bytes]:
    """Encoded partial renders (coarse to fine) plus the final image, from one render."""
    final = render_image(spec)
    out: list[bytes] = []
    for stage in range(partials):
        # Stage 0 keeps 1/32 of the detail, each later stage doubles it.
        factor = 2 ** (5 - stage)
        small = final.resize(
            (max(1, final.width // factor), max(1, final.height // factor)),
            Image.Resampling.BOX,
        )
        out.append(encode(small.resize(final.size, Image.Resampling.BILINEAR), spec))
    return out, encode(final, spec)

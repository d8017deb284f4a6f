"""Compositing an edit onto its original outside the mask, at 4096x4096.

Measures `lemon_desktop.imaging.composite` (blend with a feathered edge, the change
figure outside the mask) on decoded images, for two masks: an edit of
a quarter of the picture (an ellipse in the middle) and one of nearly all of it (a
frame of 64 px kept), the worst case for the feathered blend. The heat map (made on
demand), decoding the inputs and encoding the outputs (PNG) are timed apart: they
are the same for any way of compositing. Goal: the composite under 300 ms.

    .venv/bin/python bench/composite.py [--size 4096] [--rounds 7] [--feather 8]
"""

from __future__ import annotations

import argparse
import functools
import io
import os
import statistics
import time
from collections.abc import Callable

from PIL import Image, ImageDraw, ImageFilter

from lemon_desktop.imaging import CompositeSettings, composite


def _photo_like(size: int, seed: int) -> Image.Image:
    """A gradient with noise: compresses like a photo, not like a flat test card."""
    gradient = Image.linear_gradient("L").resize((size, size))
    noise = Image.effect_noise((size, size), 24 + seed).filter(ImageFilter.BoxBlur(1))
    return Image.merge("RGB", (gradient, noise, gradient.rotate(90)))


def _mask(size: int, kind: str) -> Image.Image:
    mask = Image.new("RGBA", (size, size), (0, 0, 0, 255))
    draw = ImageDraw.Draw(mask)
    if kind == "quarter":
        radius = int(size * 0.282)  # pi r^2 = a quarter of the area
        centre = size // 2
        draw.ellipse(
            (centre - radius, centre - radius, centre + radius, centre + radius),
            fill=(0, 0, 0, 0),
        )
    else:
        draw.rectangle((64, 64, size - 65, size - 65), fill=(0, 0, 0, 0))
    return mask


def _median_ms(action: Callable[[], object], rounds: int) -> tuple[float, float]:
    """Median wall time and median CPU time of this process (Pillow's work here is
    single-threaded, so on an idle machine the two agree; on a shared one the CPU time
    is what the work costs, the wall time what a user would wait)."""
    wall, cpu = [], []
    for _ in range(rounds):
        start, start_cpu = time.perf_counter(), time.process_time()
        action()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(wall) * 1000, statistics.median(cpu) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=4096)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--feather", type=int, default=8)
    args = parser.parse_args()
    size = args.size
    original = _photo_like(size, 0)
    result = _photo_like(size, 9)
    settings = CompositeSettings(feather=args.feather)
    print(f"size {size}x{size}, feather {args.feather} px, rounds {args.rounds}, "
          f"cpu count {os.cpu_count()}; medians, milliseconds (wall / cpu)")  # fmt: skip
    for kind in ("quarter", "nearly-all"):
        mask = _mask(size, kind)
        wall, cpu = _median_ms(
            functools.partial(composite, original, result, mask, settings), args.rounds
        )
        print(f"{'composite, ' + kind + ' edited':36s} {wall:7.1f} / {cpu:7.1f}")
    done = composite(original, result, _mask(size, "quarter"), settings)
    heatmap = done.heatmap()
    encoded = io.BytesIO()
    done.image.save(encoded, "PNG", compress_level=1)
    data = encoded.getvalue()

    def decode() -> None:
        Image.open(io.BytesIO(data)).load()

    steps: list[tuple[str, Callable[[], object]]] = [
        ("the heat map", done.heatmap),
        (f"decode one input PNG ({len(data) / 1e6:.0f} MB)", decode),
        ("encode the composite PNG (level 1)", lambda: _encode(done.image, 1)),
        ("encode the composite PNG (level 6)", lambda: _encode(done.image, 6)),
        (f"encode the heat map PNG ({heatmap.width} px)", lambda: _encode(heatmap, 1)),
    ]
    for name, action in steps:
        wall, cpu = _median_ms(action, 3)
        print(f"{name:36s} {wall:7.1f} / {cpu:7.1f}")


def _encode(image: Image.Image, level: int) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG", compress_level=level)
    return out.getvalue()


if __name__ == "__main__":
    main()

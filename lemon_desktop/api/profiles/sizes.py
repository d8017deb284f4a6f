"""WIDTHxHEIGHT parsing, size-rule checks, and the aspect helpers the size editor needs."""

from __future__ import annotations

import math
import re

from .schema import ModelProfile, SizeRules

# gpt-image-2's flexible size contract, as published on the gateway's create-image page.
GPT_IMAGE_2_SIZE_RULES = SizeRules(
    multiple_of=16,
    max_edge=3840,
    max_ratio=3.0,
    min_pixels=655_360,
    max_pixels=8_294_400,
)

# Accept what people actually type: "1024X768", "1024 x 768", "1024×768".
_SIZE_RE = re.compile(r"^\s*(\d+)\s*[x×*]\s*(\d+)\s*$", re.IGNORECASE)


def parse_size(text: str) -> tuple[int, int] | None:
    """(width, height) from "WxH", or None when the text is not a pixel size."""
    match = _SIZE_RE.match(text)
    if match is None:
        return None
    return int(match.group(1)), int(match.group(2))


def format_size(width: int, height: int) -> str:
    return f"{width}x{height}"


def size_violations(width: int, height: int, rules: SizeRules) -> list[str]:
    """One clause per broken rule, worded to follow "size WxH: "."""
    if width <= 0 or height <= 0:
        return ["width and height must both be at least 1 px"]
    problems: list[str] = []
    long_side, short_side = max(width, height), min(width, height)
    pixels = width * height
    if rules.multiple_of > 1 and (width % rules.multiple_of or height % rules.multiple_of):
        problems.append(f"both sides must be multiples of {rules.multiple_of}")
    if rules.max_edge is not None and long_side > rules.max_edge:
        problems.append(f"the longest edge must be at most {rules.max_edge:,} px")
    if rules.max_ratio is not None and long_side > rules.max_ratio * short_side:
        problems.append(
            f"the long side may be at most {rules.max_ratio:g} times the short side, "
            f"not {long_side / short_side:.2f} times"
        )
    if rules.min_pixels is not None and pixels < rules.min_pixels:
        problems.append(f"total pixels must be at least {rules.min_pixels:,}, not {pixels:,}")
    if rules.max_pixels is not None and pixels > rules.max_pixels:
        problems.append(f"total pixels must be at most {rules.max_pixels:,}, not {pixels:,}")
    return problems


def satisfies(width: int, height: int, rules: SizeRules) -> bool:
    return not size_violations(width, height, rules)


def _snap(value: float, step: int) -> int:
    # Round half up (not banker's rounding) so 1000 -> 1008 as a person would expect.
    return max(step, math.floor(value / step + 0.5) * step)


def _ideal_target(width: int, height: int, rules: SizeRules) -> tuple[float, float]:
    """The closest real-valued size obeying every rule but the grid, keeping the
    aspect ratio wherever the ratio rule allows."""
    w, h = float(max(width, 1)), float(max(height, 1))
    if rules.max_ratio is not None:
        # Widen the short side rather than cut the long one: the long side is
        # usually the dimension the user picked on purpose.
        if w > rules.max_ratio * h:
            h = w / rules.max_ratio
        elif h > rules.max_ratio * w:
            w = h / rules.max_ratio
    if rules.max_edge is not None and max(w, h) > rules.max_edge:
        scale = rules.max_edge / max(w, h)
        w, h = w * scale, h * scale
    pixels = w * h
    if rules.max_pixels is not None and pixels > rules.max_pixels:
        scale = math.sqrt(rules.max_pixels / pixels)
        w, h = w * scale, h * scale
    elif rules.min_pixels is not None and pixels < rules.min_pixels:
        scale = math.sqrt(rules.min_pixels / pixels)
        w, h = w * scale, h * scale
    return w, h


def nearest_valid_size(
    width: int, height: int, rules: SizeRules = GPT_IMAGE_2_SIZE_RULES
) -> tuple[int, int]:
    """The valid size closest to width x height (gpt-image-2's rules by default).

    A size that already obeys the rules comes back unchanged.
    """
    if satisfies(width, height, rules):
        return width, height
    step = rules.multiple_of
    tw, th = _ideal_target(width, height, rules)

    def distance(candidate: tuple[int, int]) -> tuple[float, int]:
        cw, ch = candidate
        # Ties (1000 sits exactly between 992 and 1008) go to the larger image.
        return (cw - tw) ** 2 + (ch - th) ** 2, -(cw * ch)

    base_w, base_h = _snap(tw, step), _snap(th, step)
    near = [
        (base_w + dx * step, base_h + dy * step)
        for dx in range(-3, 4)
        for dy in range(-3, 4)
        if base_w + dx * step > 0 and base_h + dy * step > 0
    ]
    valid = [c for c in near if satisfies(*c, rules)]
    if not valid:
        # Only reachable with rules that nearly contradict each other; scan the grid.
        limit = rules.max_edge or max(4 * max(width, height), 4096)
        valid = [
            (cw, ch)
            for cw in range(step, limit + 1, step)
            for ch in range(step, limit + 1, step)
            if satisfies(cw, ch, rules)
        ]
        if not valid:
            raise ValueError(f"no size satisfies {rules}")
    return min(valid, key=distance)


def aspect_lock(width: int, height: int, new_width: int, profile: ModelProfile) -> tuple[int, int]:
    """The size after the user sets the width to `new_width` with the aspect ratio locked.

    Both sides snap to the profile's size grid (multiples of 16 for gpt-image-2) so the
    editor never proposes a size the model rejects for alignment; the remaining rules
    are left to validation so the number the user typed is not silently moved far.
    For the height edit, call with the axes swapped: aspect_lock(h, w, new_h, profile)
    returns (new_h, new_w).
    """
    if width <= 0 or height <= 0 or new_width <= 0:
        raise ValueError("sizes must be positive")
    spec = profile.param("size")
    step = spec.size_rules.multiple_of if spec is not None and spec.size_rules else 1
    new_height = new_width * height / width
    return _snap(new_width, step), _snap(new_height, step)


def _ratio_parts(ratio: str) -> tuple[int, int]:
    left, _, right = ratio.partition(":")
    return int(left), int(right)


def aspect_ratio_for_size(width: int, height: int, choices: tuple[str, ...]) -> str | None:
    """The listed "W:H" ratio equal to width:height exactly, else None.

    Compared by cross-multiplying, so 2520x1080 matches "21:9" although it reduces to 7:3.
    """
    if width <= 0 or height <= 0:
        return None
    for choice in choices:
        a, b = _ratio_parts(choice)
        if width * b == height * a:
            return choice
    return None


def closest_aspect_ratio(width: int, height: int, choices: tuple[str, ...]) -> str:
    """The listed ratio nearest to width:height (on a log scale, so 2:1 and 1:2 are
    equally far from 1:1)."""
    target = math.log(max(width, 1) / max(height, 1))

    def gap(choice: str) -> float:
        a, b = _ratio_parts(choice)
        return abs(math.log(a / b) - target)

    return min(choices, key=gap)


def reduced_ratio(width: int, height: int) -> str:
    divisor = math.gcd(width, height) or 1
    return f"{width // divisor}:{height // divisor}"

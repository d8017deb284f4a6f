"""Pixel-size arithmetic: parsing WxH, the gpt-image-2 flexible-size contract, and the
Google aspect-ratio/resolution mapping."""

from __future__ import annotations

import math
import re

_SIZE = re.compile(r"^([0-9]{1,5})[xX]([0-9]{1,5})$")
_RATIO = re.compile(r"^([0-9]{1,3}):([0-9]{1,3})$")

GOOGLE_RATIOS = ("1:1", "2:3", "3:2", "3:4", "4:3", "4:5", "5:4", "9:16", "16:9", "21:9")
RESOLUTION_EDGE = {"1k": 1024, "2k": 2048, "4k": 4096}

GPT2_MAX_EDGE = 3840
GPT2_MAX_RATIO = 3.0
GPT2_MIN_PIXELS = 655_360
GPT2_MAX_PIXELS = 8_294_400
# Free-form families (flux, SD3, unknown models) still need a bound so a typo cannot
# make the sandbox render a gigapixel image.
FREE_MIN_EDGE = 64
FREE_MAX_EDGE = 4096


def parse_size(text: str) -> tuple[int, int] | None:
    match = _SIZE.match(text.strip())
    if not match:
        return None
    return int(match[1]), int(match[2])


def parse_ratio(text: str) -> tuple[int, int] | None:
    match = _RATIO.match(text.strip())
    if not match or int(match[1]) == 0 or int(match[2]) == 0:
        return None
    return int(match[1]), int(match[2])


def gpt2_size_problem(width: int, height: int) -> str | None:
    """Why a custom gpt-image-2 size is refused, or None when it is valid."""
    if width % 16 or height % 16:
        return "both width and height must be multiples of 16"
    long, short = max(width, height), min(width, height)
    if long > GPT2_MAX_EDGE:
        return f"the longest edge must be at most {GPT2_MAX_EDGE}px"
    if long / short > GPT2_MAX_RATIO:
        return "the long/short edge ratio must be at most 3:1"
    pixels = width * height
    if not GPT2_MIN_PIXELS <= pixels <= GPT2_MAX_PIXELS:
        return f"total pixels must be between {GPT2_MIN_PIXELS:,} and {GPT2_MAX_PIXELS:,}"
    return None


def free_size_problem(width: int, height: int) -> str | None:
    if not (FREE_MIN_EDGE <= width <= FREE_MAX_EDGE and FREE_MIN_EDGE <= height <= FREE_MAX_EDGE):
        return f"each edge must be between {FREE_MIN_EDGE} and {FREE_MAX_EDGE}px"
    return None


def size_for_ratio(ratio: tuple[int, int], long_edge: int) -> tuple[int, int]:
    """Pixel size with the given aspect ratio whose longer side is ``long_edge``."""
    a, b = ratio
    if a >= b:
        return long_edge, max(1, round(long_edge * b / a))
    return max(1, round(long_edge * a / b)), long_edge


def nearest_ratio(width: int, height: int, choices: tuple[str, ...] = GOOGLE_RATIOS) -> str:
    """The listed ratio closest to WxH; log distance so 2:1 and 1:2 are equally far."""
    target = math.log(width / height)

    def distance(choice: str) -> float:
        a, b = choice.split(":")
        return abs(math.log(int(a) / int(b)) - target)

    return min(choices, key=distance)


def resolution_for_edge(long_edge: int) -> str:
    if long_edge <= 1536:
        return "1k"
    if long_edge <= 3072:
        return "2k"
    return "4k"

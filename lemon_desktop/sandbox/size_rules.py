"""Resolving a create request's pixel size (size / aspect_ratio / resolution) per family,
collecting what is wrong instead of stopping at the first problem."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from lemon_desktop.sandbox import sizes
from lemon_desktop.sandbox.errors import Issue
from lemon_desktop.sandbox.families import Family


def resolve_size(
    body: Mapping[str, Any], family: Family, issues: list[Issue]
) -> tuple[int, int, list[str]]:
    """(width, height, params ignored) for the request; problems go to ``issues``."""
    size = body.get("size")
    if size is not None and not isinstance(size, str):
        issues.append(Issue("size", "size must be a string like 1024x1024", "invalid_type"))
        size = None
    if family.size_mode == "fixed":
        return 1024, 1024, [k for k in ("size", "aspect_ratio") if k in body]
    if family.size_mode == "aspect":
        return (*_aspect_size(body, family, size, issues), [])
    if size in (None, "auto"):
        if family.size_mode == "free" and "aspect_ratio" in body:
            ratio = _check_ratio(body, family, issues)
            return (*sizes.size_for_ratio(ratio, 1024), [])
        return 1024, 1024, []
    if family.size_mode == "enum" and size not in family.sizes:
        issues.append(
            Issue("size", f"size must be one of: {', '.join(family.sizes)}", "invalid_size")
        )
        return 1024, 1024, []
    parsed = sizes.parse_size(size)
    if parsed is None:
        issues.append(Issue("size", "size must be 'auto' or WIDTHxHEIGHT", "invalid_size"))
        return 1024, 1024, []
    check = sizes.gpt2_size_problem if family.size_mode == "gpt2" else sizes.free_size_problem
    problem = None if family.size_mode == "enum" else check(*parsed)
    if problem:
        issues.append(Issue("size", f"invalid size {size}: {problem}", "invalid_size"))
        return 1024, 1024, []
    return parsed[0], parsed[1], []


def _check_ratio(body: Mapping[str, Any], family: Family, issues: list[Issue]) -> tuple[int, int]:
    text = body.get("aspect_ratio")
    ratio = sizes.parse_ratio(text) if isinstance(text, str) else None
    allowed = family.ratios
    too_wide = ratio is not None and max(ratio) / min(ratio) > 4
    if ratio is None or (allowed is not None and text not in allowed) or too_wide:
        choices = ", ".join(allowed) if allowed else "W:H up to 4:1"
        issues.append(Issue("aspect_ratio", f"aspect_ratio must be one of: {choices}"))
        return 1, 1
    return ratio


def _aspect_size(
    body: Mapping[str, Any], family: Family, size: str | None, issues: list[Issue]
) -> tuple[int, int]:
    resolution = body.get("resolution")
    if resolution is not None and family.resolution == "refuse":
        issues.append(
            Issue(
                "resolution",
                f"resolution is not supported by {family.name} models; use aspect_ratio",
                "unsupported_parameter",
            )
        )
    edge = 1024
    if family.resolution == "yes" and resolution is not None:
        key = resolution.lower() if isinstance(resolution, str) else None
        if key not in family.resolutions:
            allowed = ", ".join(family.resolutions)
            issues.append(Issue("resolution", f"resolution must be one of: {allowed}"))
        else:
            edge = sizes.RESOLUTION_EDGE[key]
    if "aspect_ratio" in body:
        return sizes.size_for_ratio(_check_ratio(body, family, issues), edge)
    if size in (None, "auto"):
        return edge, edge
    # ``size`` is only a compatibility alias here: snap it to the nearest ratio, and let
    # it pick the resolution when the model has one and the request did not.
    parsed = sizes.parse_size(size)
    if parsed is None or min(parsed) == 0:
        issues.append(Issue("size", "size must be 'auto' or WIDTHxHEIGHT", "invalid_size"))
        return edge, edge
    ratio_text = sizes.nearest_ratio(*parsed, family.ratios or sizes.GOOGLE_RATIOS)
    if family.resolution == "yes" and resolution is None:
        wanted = sizes.resolution_for_edge(max(parsed))
        edge = sizes.RESOLUTION_EDGE[
            wanted if wanted in family.resolutions else family.resolutions[-1]
        ]
    ratio = sizes.parse_ratio(ratio_text)
    assert ratio is not None
    return sizes.size_for_ratio(ratio, edge)

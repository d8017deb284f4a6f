"""Turning render specs into stored images with CDN URLs, off the event loop."""

from __future__ import annotations

from collections.abc import Sequence

import anyio.to_thread

from lemon_desktop.sandbox.drawing import Renderable, RenderSpec, render_with_partials
from lemon_desktop.sandbox.state import GatewayState


def cdn_path(spec: Renderable) -> str:
    # Derived from the render key, so one request always maps to one URL and the CDN
    # store doubles as the render cache.
    return f"/images/{spec.key[:40]}.{spec.extension}"


async def materialize(state: GatewayState, specs: Sequence[Renderable]) -> list[tuple[str, bytes]]:
    """(url, bytes) for each spec, rendering in a worker thread what is not cached."""
    found: dict[int, bytes] = {}
    missing: list[int] = []
    for number, spec in enumerate(specs):
        item = state.images.get(cdn_path(spec))
        if item is None:
            missing.append(number)
        else:
            found[number] = item.data
    if missing:
        todo = [specs[number] for number in missing]
        rendered = await anyio.to_thread.run_sync(lambda: [spec.render() for spec in todo])
        for number, data in zip(missing, rendered, strict=True):
            state.images.put(cdn_path(specs[number]), data, specs[number].content_type)
            found[number] = data
    return [(state.cdn_url + cdn_path(spec), found[n]) for n, spec in enumerate(specs)]


async def materialize_streamed(
    state: GatewayState, spec: RenderSpec, partials: int
) -> tuple[list[bytes], bytes]:
    """Partial renders plus the final image; the final one is stored like any other."""
    steps, final = await anyio.to_thread.run_sync(render_with_partials, spec, partials)
    state.images.put(cdn_path(spec), final, spec.content_type)
    return steps, final

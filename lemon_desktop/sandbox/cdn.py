"""The CDN origin: serves stored result images, with no authentication at all.

It counts requests that carry an ``Authorization`` header anyway, because a client that
sends its API key to the CDN host leaks it to a third party.
"""

from __future__ import annotations

import anyio
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from lemon_desktop.sandbox.app import apply_output_fault, status_fault
from lemon_desktop.sandbox.faults import STATUS_KINDS
from lemon_desktop.sandbox.responses import TruncatedResponse
from lemon_desktop.sandbox.state import GatewayState

NOT_AN_IMAGE = (
    b"<!DOCTYPE html><html><head><title>Access denied</title></head>"
    b"<body><h1>403 Forbidden</h1><p>Request blocked by edge security.</p></body></html>"
)


async def download(request: Request) -> Response:
    state: GatewayState = request.app.state.gateway
    path = request.url.path
    state.stats.incr("download_requests")
    state.stats.incr_key("requests_by_path", path)
    if "authorization" in request.headers:
        state.stats.incr("cdn_requests_with_authorization")
    decision = state.faults.draw("download", "request")
    hit = decision.hit
    if hit is not None:
        state.stats.incr_key("faults_fired", hit.kind)
    delay = state.latency + decision.latency
    if delay > 0:
        await anyio.sleep(delay)
    if hit is not None and hit.kind in STATUS_KINDS:
        return status_fault(hit, state.options.current.rate_limit_rpm).response()

    item = state.images.get(path)
    if item is None:
        # Like an object store: expired or unknown keys are a bare 404, no JSON envelope.
        return PlainTextResponse("NoSuchKey: the requested image does not exist", 404)
    if hit is not None and hit.kind == "truncate":
        return TruncatedResponse(item.data, item.content_type)
    if hit is not None and hit.kind == "notimage":
        return Response(NOT_AN_IMAGE, 200, media_type=item.content_type)
    response = Response(
        item.data, media_type=item.content_type, headers={"Cache-Control": "public, max-age=3600"}
    )
    return apply_output_fault(response, hit)


def build_cdn_app(state: GatewayState) -> Starlette:
    app = Starlette(routes=[Route("/{path:path}", download, methods=["GET"])])
    app.state.gateway = state
    return app

"""The API origin: routes, and the wrapper every gateway route goes through
(path counting, auth, injected latency and faults, error envelope)."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Awaitable, Callable

import anyio
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from lemon_desktop.sandbox import catalog, errors, model_views
from lemon_desktop.sandbox.edits import create_variation, edit_image
from lemon_desktop.sandbox.errors import GatewayError
from lemon_desktop.sandbox.faults import STATUS_KINDS, FaultHit, FaultPlan
from lemon_desktop.sandbox.file_routes import (
    delete_file,
    file_not_found,
    get_file,
    get_file_content,
    list_files,
    upload_file,
)
from lemon_desktop.sandbox.generation import create_image, read_json_object
from lemon_desktop.sandbox.responses import DroppedResponse, bad_json
from lemon_desktop.sandbox.state import Call, GatewayState
from lemon_desktop.sandbox.task_routes import cancel_task, poll_task

Handler = Callable[[Request, Call], Awaitable[Response]]
Endpoint = Callable[[Request], Awaitable[Response]]
# Status faults a create answers before running anything; the rest are acted on by the
# create handler itself (402 after validation, 5xx after counting the run).
_CREATE_EARLY = frozenset({"429", "503"})


def _gateway(request: Request) -> GatewayState:
    return request.app.state.gateway  # type: ignore[no-any-return]


def check_auth(request: Request, state: GatewayState) -> None:
    header = request.headers.get("authorization")
    scheme, _, token = (header or "").partition(" ")
    if header is None or scheme.lower() != "bearer" or not token.strip():
        state.stats.incr("unauthorized_requests")
        raise errors.unauthorized(missing=True)
    if not hmac.compare_digest(token.strip().encode(), state.api_key.encode()):
        state.stats.incr("unauthorized_requests")
        raise errors.unauthorized(missing=False)


def status_fault(hit: FaultHit, rate_limit_rpm: int = 60) -> GatewayError:
    """The error a status-code fault answers with."""
    match hit.kind:
        case "429":
            return errors.rate_limited(hit.value if hit.value is not None else 1.0, rate_limit_rpm)
        case "503":
            retry = hit.value if hit.value is not None else 1.0
            return errors.channels_failed(retry, catalog.alternatives(""))
        case "402":
            return errors.insufficient_balance(0.0, 0.0)
        case "500":
            return errors.internal_error()
        case "502":
            return errors.upstream_error()
        case _:
            return errors.timeout_error()


def apply_output_fault(response: Response, hit: FaultHit | None) -> Response:
    if hit is None:
        return response
    if hit.kind == "drop":
        return DroppedResponse(response)
    if hit.kind == "badjson":
        return bad_json(response)
    return response


def guarded(route: str, handler: Handler) -> Endpoint:
    async def endpoint(request: Request) -> Response:
        state = _gateway(request)
        state.stats.incr_key("requests_by_path", request.url.path)
        hit: FaultHit | None = None
        try:
            check_auth(request, state)
            if route == "create":
                state.stats.incr("create_attempts")
            decision = state.faults.draw(route, "request")
            hit = decision.hit
            if hit is not None:
                state.stats.incr_key("faults_fired", hit.kind)
            delay = state.latency + decision.latency
            if delay > 0:
                # Like the real gateway, take the whole request first and then work on
                # it: a client that goes away meanwhile does not undo the work (or bill).
                await request.body()
                await anyio.sleep(delay)
            early = route != "create" or (hit is not None and hit.kind in _CREATE_EARLY)
            if hit is not None and hit.kind in STATUS_KINDS and early:
                raise status_fault(hit, state.options.current.rate_limit_rpm)
            response = await handler(request, Call(state, hit))
        except GatewayError as exc:
            response = exc.response()
        return apply_output_fault(response, hit)

    return endpoint


def admin(handler: Handler) -> Endpoint:
    """Admin routes: key required, never faulted or counted, so tests can always steer."""

    async def endpoint(request: Request) -> Response:
        state = _gateway(request)
        try:
            check_auth(request, state)
            return await handler(request, Call(state))
        except GatewayError as exc:
            return exc.response()

    return endpoint


async def list_models(request: Request, call: Call) -> Response:
    query = request.query_params
    data = model_views.list_models(
        category=query.get("category") or None,
        recommended_for=query.get("recommended_for") or None,
        provider=query.get("provider") or None,
        tag=query.get("tag") or None,
        extension=call.state.options.current.extension,
    )
    return JSONResponse({"object": "list", "data": data})


async def get_model(request: Request, call: Call) -> Response:
    model_id: str = request.path_params["model"]
    entry = catalog.get(model_id)
    if entry is None:
        did_you_mean, suggestions = catalog.close_matches(model_id)
        raise errors.model_not_found(model_id, 404, did_you_mean, suggestions)
    return JSONResponse(model_views.model_detail(entry, call.state.options.current.extension))


async def get_pricing(request: Request, call: Call) -> Response:
    rows = catalog.pricing_rows(request.query_params.get("model") or None)
    return JSONResponse({"object": "list", "data": rows})


async def get_stats(request: Request, call: Call) -> Response:
    return JSONResponse(call.state.stats.snapshot())


async def get_faults(request: Request, call: Call) -> Response:
    return JSONResponse(call.state.faults.describe())


async def set_faults(request: Request, call: Call) -> Response:
    body = await read_json_object(request)
    spec, seed = body.get("spec", ""), body.get("seed")
    if not isinstance(spec, str) or not (seed is None or type(seed) is int):
        raise errors.bad_body("Expected {'spec': string, 'seed': integer (optional)}.")
    try:
        plan = FaultPlan.parse(spec, seed)
    except ValueError as exc:
        raise GatewayError(400, str(exc), code="invalid_fault_spec", param="spec") from None
    call.state.faults = plan
    return JSONResponse(plan.describe())


async def get_options(request: Request, call: Call) -> Response:
    return JSONResponse(call.state.options.current.snapshot())


async def set_options(request: Request, call: Call) -> Response:
    """Change behaviour switches (options.py), e.g. ``{"mask_leak": 0.3}``."""
    body = await read_json_object(request)
    try:
        options = call.state.options.update(body)
    except ValueError as exc:
        raise GatewayError(400, str(exc), code="invalid_option") from None
    return JSONResponse(options.snapshot())


async def put_cdn(request: Request, call: Call) -> Response:
    """Put bytes on the CDN origin, the one "public" host the sandbox fetches image URLs
    from, so a test can hand a local image to a route that takes only public URLs."""
    data = await request.body()
    content_type = request.headers.get("content-type", "application/octet-stream")
    path = f"/uploads/{hashlib.sha256(data).hexdigest()[:40]}"
    call.state.images.put(path, data, content_type)
    return JSONResponse({"url": call.state.cdn_url + path})


async def expire_file(request: Request, call: Call) -> Response:
    file_id: str = request.path_params["file_id"]
    if not call.state.files.expire_now(file_id):
        raise file_not_found(file_id)
    return JSONResponse({"id": file_id, "expired": True})


async def _not_found(request: Request, exc: Exception) -> Response:
    if isinstance(exc, HTTPException) and exc.status_code == 405:
        return errors.method_not_allowed(request.method, request.url.path).response()
    return errors.route_not_found(request.url.path).response()


def build_api_app(state: GatewayState) -> Starlette:
    poll = guarded("poll", poll_task)
    file_item = "/v1/files/{file_id}"
    routes = [
        Route("/v1/images/edits", guarded("create", edit_image), methods=["POST"]),
        Route("/v1/images/variations", guarded("create", create_variation), methods=["POST"]),
        Route("/v1/files", guarded("files", upload_file), methods=["POST"]),
        Route("/v1/files", guarded("files", list_files), methods=["GET"]),
        Route(file_item, guarded("files", get_file), methods=["GET"]),
        Route(file_item, guarded("files", delete_file), methods=["DELETE"]),
        Route(file_item + "/content", guarded("files", get_file_content), methods=["GET"]),
        Route("/v1/models", guarded("models", list_models), methods=["GET"]),
        Route("/v1/models/{model:path}", guarded("models", get_model), methods=["GET"]),
        Route("/v1/pricing", guarded("pricing", get_pricing), methods=["GET"]),
        Route("/v1/images/generations", guarded("create", create_image), methods=["POST"]),
        Route("/v1/tasks/{task_id}", poll, methods=["GET"]),
        Route("/v1/tasks/{task_id}", guarded("cancel", cancel_task), methods=["DELETE"]),
        Route("/v1/images/generations/{task_id}", poll, methods=["GET"]),
        Route("/v1/images/{task_id}", poll, methods=["GET"]),
        Route("/_sandbox/stats", admin(get_stats), methods=["GET"]),
        Route("/_sandbox/faults", admin(get_faults), methods=["GET"]),
        Route("/_sandbox/faults", admin(set_faults), methods=["POST"]),
        Route("/_sandbox/options", admin(get_options), methods=["GET"]),
        Route("/_sandbox/options", admin(set_options), methods=["POST"]),
        Route("/_sandbox/cdn", admin(put_cdn), methods=["POST"]),
        Route("/_sandbox/files/{file_id}/expire", admin(expire_file), methods=["POST"]),
    ]
    app = Starlette(routes=routes, exception_handlers={404: _not_found, 405: _not_found})
    app.state.gateway = state
    return app

"""``/v1/files``: upload an image for later edits (bound to a model), list, read, delete.

OpenAI-compatible mode only; the Anthropic Files mode (``anthropic-beta`` header) is not
served by the sandbox and is refused plainly rather than answered in the wrong shape."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from lemon_desktop.sandbox import catalog, errors
from lemon_desktop.sandbox.errors import GatewayError, Issue
from lemon_desktop.sandbox.files import DEFAULT_FILE_MODEL, StoredFile
from lemon_desktop.sandbox.forms import read_image_request
from lemon_desktop.sandbox.inputs import decode_image
from lemon_desktop.sandbox.operations import operations_of
from lemon_desktop.sandbox.state import Call

PURPOSES = ("batch", "user_data", "vision")
IMAGE_PURPOSES = ("user_data", "vision")
LIST_LIMIT = (1, 1000)


def file_not_found(file_id: str) -> GatewayError:
    return GatewayError(
        404,
        f"No file with id '{file_id}' (it may have expired or been deleted).",
        "invalid_request_error",
        "file_not_found",
        "file_id",
    )


def _upload_model(value: object) -> str:
    model = DEFAULT_FILE_MODEL if value in (None, "") else value
    entry = catalog.get(model) if isinstance(model, str) else None
    if entry is None or not isinstance(model, str):
        did_you_mean, suggestions = catalog.close_matches(str(model))
        raise errors.model_not_found(str(model), 400, did_you_mean, suggestions)
    if not any(op.file_ids for op in operations_of(model)):
        raise errors.unsupported_operation(
            model,
            "file inputs",
            catalog.supported_operations(entry),
            catalog.endpoint_by_operation(entry),
        )
    return model


async def upload_file(request: Request, call: Call) -> Response:
    state = call.state
    if request.headers.get("anthropic-beta"):
        raise errors.bad_body("Anthropic Files mode is not served by the sandbox gateway.")
    req = await read_image_request(request, state)
    if not req.multipart:
        raise errors.bad_body("/v1/files takes multipart/form-data.")
    files = req.files.get("file", [])
    purpose = req.body.get("purpose")
    issues = []
    if len(files) != 1:
        issues.append(Issue("file", "send exactly one file part", "missing_required_parameter"))
    if purpose not in PURPOSES:
        issues.append(Issue("purpose", f"purpose must be one of: {', '.join(PURPOSES)}"))
    if issues:
        raise errors.validation_failed(issues)
    part = files[0]
    model = _upload_model(req.body.get("model"))
    limit = state.options.current.max_image_bytes
    if purpose in IMAGE_PURPOSES:
        decode_image(part.data, "file", limit)  # an image reference must be an image
    elif len(part.data) > limit:
        raise GatewayError(413, "The file is too large.", code="payload_too_large", param="file")
    stored = state.files.add(
        part.data, part.filename or "upload", str(purpose), model, state.options.current.file_ttl
    )
    state.stats.incr("file_uploads")
    return JSONResponse(stored.as_json())


def _listing_page(found: list[StoredFile], limit: int, after: str | None) -> dict[str, object]:
    if after is not None:
        ids = [f.id for f in found]
        found = found[ids.index(after) + 1 :] if after in ids else []
    page = found[:limit]
    return {
        "object": "list",
        "data": [f.as_json() for f in page],
        "first_id": page[0].id if page else None,
        "last_id": page[-1].id if page else None,
        "has_more": len(found) > limit,
    }


async def list_files(request: Request, call: Call) -> Response:
    query = request.query_params
    raw_limit = query.get("limit", "20")
    if not raw_limit.isdigit() or not LIST_LIMIT[0] <= int(raw_limit) <= LIST_LIMIT[1]:
        raise errors.validation_failed([Issue("limit", "limit must be from 1 to 1000")])
    purpose = query.get("purpose") or None
    found = call.state.files.listing(purpose)
    return JSONResponse(_listing_page(found, int(raw_limit), query.get("after") or None))


def _stored(request: Request, call: Call) -> StoredFile:
    file_id: str = request.path_params["file_id"]
    stored = call.state.files.get(file_id)
    if stored is None:
        raise file_not_found(file_id)
    return stored


async def get_file(request: Request, call: Call) -> Response:
    return JSONResponse(_stored(request, call).as_json())


async def get_file_content(request: Request, call: Call) -> Response:
    stored = _stored(request, call)
    return Response(stored.data, media_type="application/octet-stream")


async def delete_file(request: Request, call: Call) -> Response:
    file_id: str = request.path_params["file_id"]
    if not call.state.files.delete(file_id):
        raise file_not_found(file_id)
    return JSONResponse({"id": file_id, "object": "file", "deleted": True})

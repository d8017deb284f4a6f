"""``POST /v1/images/edits`` (both forms) and ``POST /v1/images/variations``: find the
model's input operation, gather and check the inputs, validate, count the run, then
answer inline or as a task with results drawn from the inputs (editing.py)."""

from __future__ import annotations

from typing import Any

import anyio.to_thread
from starlette.requests import Request
from starlette.responses import Response

from lemon_desktop.sandbox import catalog, errors
from lemon_desktop.sandbox.billing import per_request_cost, record_run, refuse_if_broke
from lemon_desktop.sandbox.catalog import ModelEntry
from lemon_desktop.sandbox.collect import Inputs, edit_inputs
from lemon_desktop.sandbox.edit_rules import EditParams, check_params
from lemon_desktop.sandbox.editing import EditSpec
from lemon_desktop.sandbox.forms import ImageRequest, read_image_request
from lemon_desktop.sandbox.operations import EDITS, VARIATIONS, InputOperation, operation_for
from lemon_desktop.sandbox.results import respond
from lemon_desktop.sandbox.state import Call

_IMAGE_TOKENS = 272  # input tokens reported per source image (sandbox fiction)


def model_entry(body: dict[str, Any]) -> ModelEntry:
    """The named model; the newest spec makes ``model`` required on these routes."""
    model_id = body.get("model")
    if model_id is None or model_id == "":
        raise errors.missing_parameter("model", "model is required; send it explicitly")
    if not isinstance(model_id, str):
        raise errors.validation_failed(
            [errors.Issue("model", "model must be a string", "invalid_type")]
        )
    entry = catalog.get(model_id)
    if entry is None:
        did_you_mean, suggestions = catalog.close_matches(model_id)
        raise errors.model_not_found(model_id, 400, did_you_mean, suggestions)
    return entry


def operation_on(entry: ModelEntry, endpoint: str, name: str) -> InputOperation:
    op = operation_for(entry.id, endpoint)
    if op is None:
        raise errors.unsupported_operation(
            entry.id,
            name,
            catalog.supported_operations(entry),
            catalog.endpoint_by_operation(entry),
        )
    return op


def specs_for(
    entry: ModelEntry, op: InputOperation, inputs: Inputs, params: EditParams, leak: float
) -> list[EditSpec]:
    return [
        EditSpec(
            model=entry.id,
            effect=op.effect,
            prompt=params.prompt,
            inputs=tuple(image.data for image in inputs.images),
            width=params.width,
            height=params.height,
            mask=inputs.mask.data if inputs.mask is not None else None,
            index=index,
            fmt=params.output_format,
            compression=params.compression,
            leak=leak if inputs.mask is not None else 0.0,
            option=params.option,
        )
        for index in range(params.n)
    ]


def _usage(entry: ModelEntry, inputs: Inputs, params: EditParams) -> dict[str, Any]:
    if entry.pricing.per_request is not None:
        return {}
    text = max(1, len(params.prompt) // 4)
    images = _IMAGE_TOKENS * (len(inputs.images) + (1 if inputs.mask else 0))
    output = round(1056 * params.width * params.height / 1024**2) * params.n
    return {
        "usage": {
            "input_tokens": text + images,
            "input_tokens_details": {"text_tokens": text, "image_tokens": images},
            "output_tokens": output,
            "total_tokens": text + images + output,
        }
    }


async def _run(
    call: Call, req: ImageRequest, entry: ModelEntry, op: InputOperation, counter: str
) -> Response:
    state = call.state
    inputs = await anyio.to_thread.run_sync(edit_inputs, state, req, op, entry.id)
    first = inputs.images[0]
    params = check_params(req.body, op, entry, (first.width, first.height))
    refuse_if_broke(call, entry, per_request_cost(entry, params.n))
    record_run(call, entry, params.ignored, counter)
    specs = specs_for(entry, op, inputs, params, state.options.current.mask_leak)
    return await respond(
        state,
        entry.id,
        specs,
        want_task=params.want_task,
        response_format=params.response_format,
        extra=_usage(entry, inputs, params),
    )


async def edit_image(request: Request, call: Call) -> Response:
    req = await read_image_request(request, call.state)
    entry = model_entry(req.body)
    op = operation_on(entry, EDITS, "image-edit")
    if req.body.get("stream") is True:
        # The newest spec: "The public edit route currently rejects true".
        raise errors.stream_not_supported(entry.id, EDITS)
    return await _run(call, req, entry, op, "edit_requests")


async def create_variation(request: Request, call: Call) -> Response:
    req = await read_image_request(request, call.state)
    if not req.multipart:
        raise errors.bad_body("/v1/images/variations takes multipart/form-data only.")
    entry = model_entry(req.body)
    op = operation_on(entry, VARIATIONS, "image-variation")
    if len(req.files.get("image", [])) != 1 or set(req.files) - {"image"}:
        raise errors.validation_failed(
            [errors.Issue("image", "send exactly one image file", "invalid_value")]
        )
    return await _run(call, req, entry, op, "variation_requests")

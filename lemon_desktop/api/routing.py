"""Send any `ImageRequest`: the client picks the route and the form from the model's
input profile, never the caller.

- generate: `POST /v1/images/generations` (streamed when partial previews are asked for).
- edits-route operations (gpt-image-2 and Grok edits, the finishing tools unless the
  model's details say otherwise): multipart streamed from disk, or JSON with file ids
  from `/v1/files` (uploaded once per sha256, model and gateway) and public URLs.
- image-to-image on generations (Nano Banana, FLUX Kontext, Seedream):
  `operation: "image-to-image"`, one local image as multipart and the rest as public URLs.
- variations (dall-e-2): multipart.

`plan_request` checks everything first (profile, parameters, every input) and sends
nothing; `send_request` plans and sends.
"""

from __future__ import annotations

import asyncio
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from .client import LemonClient
from .decoding import MAX_CREATE_BYTES
from .discovery import fetch_contract
from .errors import APIStatusError
from .input_checks import CheckedImage, CheckedInputs, check_inputs, write_png
from .multipart import FilePart, content_type_of, post_multipart
from .profiles.catalog import profile_for
from .profiles.contract import ModelContract
from .profiles.inputs import (
    EDITS,
    GENERATIONS,
    VARIATIONS,
    InputProfile,
    describe_operations,
    input_profile,
    input_profiles,
)
from .profiles.schema import FieldProblem, InvalidRequest
from .request import ImageRequest, Operation
from .streaming import PartialImage, create_image_streamed
from .types import CreateResult, parse_create_response
from .uploads import FileIdCache, MemoryFileIdCache, file_id_for, file_key

SendForm = Literal["auto", "multipart", "upload"]
# The field multipart edits repeat for several images (`image[]` is the documented
# alternative spelling).
IMAGE_FIELD = "image"
# Errors that mean a file id is no longer good: upload again and send once more.
_FILE_ID_CODES = frozenset(
    {"file_not_found", "invalid_file_id", "file_model_mismatch", "file_expired"}
)

# One client-wide default, so ids are reused between calls that pass no cache.
_DEFAULT_CACHE = MemoryFileIdCache()


@dataclass(frozen=True)
class InputPlan:
    """A request checked and routed, nothing sent yet."""

    request: ImageRequest
    operation: Operation
    profile: InputProfile | None  # None: text to image
    inputs: CheckedInputs | None
    params: Mapping[str, Any] = field(default_factory=dict)
    notes: tuple[str, ...] = ()

    @property
    def route(self) -> str:
        return self.profile.route if self.profile else GENERATIONS


@dataclass(frozen=True)
class SentRequest:
    result: CreateResult
    route: str
    form: Literal["json", "multipart", "stream"]
    # Which file id each input went as (name -> id), and which of them this call uploaded.
    file_ids: Mapping[str, str] = field(default_factory=dict)
    uploaded: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()


# ----- planning ---------------------------------------------------------------------------


def plan_request_now(
    request: ImageRequest,
    contract: ModelContract | None = None,
    *,
    local_gateway: bool = False,
) -> InputPlan:
    """`plan_request` without the network: blocking (Pillow reads the inputs)."""
    operation = request.effective_operation
    if operation == "generate":
        return InputPlan(request, operation, None, None, request.params.to_dict())
    profile = input_profile(request.model, operation, contract)
    if profile is None:
        raise InvalidRequest([_no_profile(request.model, operation, contract)])
    problems: list[FieldProblem] = []
    params = _params(request, profile, problems)
    _prompt(request, profile, problems)
    if not profile.returns_images:
        problems.append(
            FieldProblem(
                "model",
                f"{request.model} answers with text, not images; this client does not send it.",
            )
        )
    try:
        checked = check_inputs(request, profile, local_gateway=local_gateway)
    except InvalidRequest as exc:
        problems.extend(exc.problems)
        raise InvalidRequest(problems) from None
    if problems:
        raise InvalidRequest(problems)
    notes = checked.notes
    if not profile.verified:
        notes = (f"{request.model} {operation}: {profile.notes} (unverified)", *notes)
    return InputPlan(request, operation, profile, checked, params, notes)


async def plan_request(
    client: LemonClient, request: ImageRequest, *, discover: bool = True
) -> InputPlan:
    """Check `request` against its model's input profile (the gateway's details laid over
    it when `discover`) and every input; InvalidRequest names each problem."""
    contract = None
    if discover and request.effective_operation != "generate":
        contract = await fetch_contract(client, request.model)
    local = client.endpoint.is_loopback
    return await asyncio.to_thread(plan_request_now, request, contract, local_gateway=local)


def _no_profile(model: str, operation: Operation, contract: ModelContract | None) -> FieldProblem:
    known = input_profiles(model)
    if known:
        message = f"{model} does not take {operation}; it takes {describe_operations(known)}."
    elif contract is not None and contract.supported_operations:
        listed = ", ".join(contract.supported_operations)
        message = f"{model} does not take {operation}; the gateway lists it for {listed}."
    else:
        message = (
            f"{model} has no input profile here and the gateway names no route for "
            f"{operation}; pick a model that takes input images."
        )
    return FieldProblem("operation", message)


def _params(
    request: ImageRequest, profile: InputProfile, problems: list[FieldProblem]
) -> dict[str, Any]:
    generation = profile_for(request.model)
    what = f"{request.model} {profile.operation}"
    kept: dict[str, Any] = {}
    for name, value in request.params.to_dict().items():
        if name in ("stream", "partial_images"):
            if value not in (None, 0, False):
                problems.append(
                    FieldProblem(name, f"{name}: {what} is not streamed; remove {name}.")
                )
            continue
        if profile.params is None or name in profile.params:
            kept[name] = value
            continue
        spec = generation.param(name)
        if spec is not None and spec.default == value:
            continue  # the generation profile's default, not the user's choice
        problems.append(FieldProblem(name, f"{name}: {what} takes no {name}; remove it."))
    return kept


def _prompt(request: ImageRequest, profile: InputProfile, problems: list[FieldProblem]) -> None:
    what = f"{request.model} {profile.operation}"
    text = request.prompt.strip()
    if profile.prompt == "required" and not text:
        problems.append(FieldProblem("prompt", f"prompt: {what} needs a prompt."))
    elif profile.prompt == "none" and text:
        problems.append(FieldProblem("prompt", f"prompt: {what} takes no prompt; leave it empty."))


def _refused(field_name: str, message: str) -> InvalidRequest:
    return InvalidRequest([FieldProblem(field_name, message)])


# ----- sending ----------------------------------------------------------------------------


async def send_request(
    client: LemonClient,
    request: ImageRequest,
    *,
    file_ids: FileIdCache | None = None,
    form: SendForm = "auto",
    discover: bool = True,
    on_partial: Callable[[PartialImage], None] | None = None,
    plan: InputPlan | None = None,
) -> SentRequest:
    """Plan (unless a plan of this request is given) and send `request` on its route.

    `form`: "auto" sends local files as multipart unless every one already has a live
    file id (or URLs must go along, which only the JSON form carries); "upload" uploads
    to /v1/files and sends ids (edits only); "multipart" forces multipart.
    """
    if plan is None or plan.request != request:
        plan = await plan_request(client, request, discover=discover)
    if plan.profile is None or plan.inputs is None:
        return await _generate(client, request, on_partial)
    cache = file_ids if file_ids is not None else _DEFAULT_CACHE
    route = plan.profile.route
    if route == EDITS:
        return await _send_edit(client, plan, plan.profile, plan.inputs, cache, form)
    if route == GENERATIONS:
        return await _send_image_to_image(client, plan, plan.profile, plan.inputs)
    if route == VARIATIONS or plan.profile.forms:
        return await _send_multipart_only(client, plan, plan.profile, plan.inputs)
    raise _refused("operation", f"{request.model}: this client cannot send to {route}.")


async def _generate(
    client: LemonClient,
    request: ImageRequest,
    on_partial: Callable[[PartialImage], None] | None,
) -> SentRequest:
    if request.stream:
        result = await create_image_streamed(client, request, on_partial or (lambda _: None))
        return SentRequest(result, GENERATIONS, "stream")
    return SentRequest(await client.create_image(request), GENERATIONS, "json")


def _fields(plan: InputPlan, profile: InputProfile) -> dict[str, Any]:
    """The non-image fields: `model` always (the newest spec requires it), then the prompt
    where the route takes one, then the parameters that apply."""
    fields: dict[str, Any] = {"model": plan.request.model}
    if profile.prompt != "none" and plan.request.prompt.strip():
        fields["prompt"] = plan.request.prompt
    fields.update(plan.params)
    return fields


class _Parts:
    """Local inputs as files to stream, converted into a temporary folder where needed."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def part(self, field_name: str, image: CheckedImage, index: int) -> FilePart:
        assert image.path is not None
        if image.to_png:
            target = write_png(image, self.folder / f"{index}-{field_name}.png")
            return FilePart(field_name, target, f"{image.path.stem}.png", "image/png",
                            label=image.name)  # fmt: skip
        return FilePart(
            field_name,
            image.path,
            image.path.name,
            content_type_of(image.format),
            sha256=image.source.sha256 or None,
            label=image.name,
        )


async def _post_multipart(
    client: LemonClient,
    route: str,
    fields: Mapping[str, Any],
    files: list[tuple[str, CheckedImage]],
) -> CreateResult:
    with tempfile.TemporaryDirectory(prefix="lemon-inputs-") as folder:
        parts = _Parts(Path(folder))
        built = [
            await asyncio.to_thread(parts.part, name, image, index)
            if image.to_png
            else parts.part(name, image, index)
            for index, (name, image) in enumerate(files)
        ]
        data = await post_multipart(client, route, fields, built, limit=MAX_CREATE_BYTES)
    return parse_create_response(data)


async def _post_json(client: LemonClient, route: str, body: dict[str, Any]) -> CreateResult:
    data = await client.call_json(
        "POST", route, json=body, idempotent=False, limit=MAX_CREATE_BYTES
    )
    return parse_create_response(data)


async def _send_edit(
    client: LemonClient,
    plan: InputPlan,
    profile: InputProfile,
    inputs: CheckedInputs,
    cache: FileIdCache,
    form: SendForm,
) -> SentRequest:
    everything = [*inputs.images, *([inputs.mask] if inputs.mask else [])]
    local = [image for image in everything if image.local]
    remote = len(local) < len(everything)
    takes_ids = "file_ids" in profile.forms
    what = f"{plan.request.model} {profile.operation}"
    if form == "upload" and not takes_ids:
        raise _refused("inputs", f"{what} takes no uploaded file ids; its images go as multipart.")
    if remote and local and not takes_ids:
        raise _refused("inputs", f"{what} cannot mix local files and URLs in one request.")
    if form == "multipart" and remote:
        raise _refused("inputs", "URL inputs cannot go as multipart; use form auto.")
    all_remembered = all(_remembered(client, cache, plan, image) for image in local)
    use_ids = (
        takes_ids
        and form != "multipart"
        and bool(local)
        and (form == "upload" or remote or all_remembered)
    )
    fields = _fields(plan, profile)
    if not local:
        body = {**fields, **_json_images(inputs, {})}
        return SentRequest(await _post_json(client, EDITS, body), EDITS, "json", notes=plan.notes)
    if not use_ids:
        files = [(IMAGE_FIELD, image) for image in inputs.images]
        if inputs.mask is not None:
            files.append(("mask", inputs.mask))
        result = await _post_multipart(client, EDITS, fields, files)
        return SentRequest(result, EDITS, "multipart", notes=plan.notes)
    ids, uploaded = await _upload_all(client, cache, plan, local, force=False)
    try:
        result = await _post_json(client, EDITS, {**fields, **_json_images(inputs, ids)})
    except APIStatusError as error:
        if not _file_id_refused(error):
            raise
        # The gateway no longer takes an id it gave (expired early, deleted): it did not
        # run the edit, so upload again and send once more.
        ids, again = await _upload_all(client, cache, plan, local, force=True)
        uploaded = (*uploaded, *again)
        result = await _post_json(client, EDITS, {**fields, **_json_images(inputs, ids)})
    named = {image.name: ids[image.name] for image in local}
    return SentRequest(result, EDITS, "json", named, uploaded, plan.notes)


def _remembered(
    client: LemonClient, cache: FileIdCache, plan: InputPlan, image: CheckedImage
) -> bool:
    if not image.source.sha256:
        return False
    remembered = cache.get(file_key(client, image.source.sha256, plan.request.model))
    return remembered is not None and remembered.usable()


async def _upload_all(
    client: LemonClient,
    cache: FileIdCache,
    plan: InputPlan,
    local: list[CheckedImage],
    *,
    force: bool,
) -> tuple[dict[str, str], tuple[str, ...]]:
    ids: dict[str, str] = {}
    uploaded: list[str] = []
    with tempfile.TemporaryDirectory(prefix="lemon-uploads-") as folder:
        for index, image in enumerate(local):
            assert image.path is not None
            sha256 = image.source.sha256
            if force and sha256:
                cache.forget(file_key(client, sha256, plan.request.model))
            path = image.path
            if image.to_png:
                target = Path(folder) / f"{index}.png"
                path = await asyncio.to_thread(write_png, image, target)
            file_id, fresh = await file_id_for(
                client, cache, path, sha256, plan.request.model,
                fmt=image.sent_format, label=image.name,
                verify=not image.to_png,
            )  # fmt: skip
            ids[image.name] = file_id
            if fresh:
                uploaded.append(image.name)
    return ids, tuple(uploaded)


def _file_id_refused(error: APIStatusError) -> bool:
    return error.status in (400, 404) and (
        (error.code or "") in _FILE_ID_CODES or (error.param or "").endswith("file_id")
    )


def _reference(image: CheckedImage, ids: Mapping[str, str]) -> dict[str, str]:
    if image.name in ids:
        return {"file_id": ids[image.name]}
    assert image.source.url is not None
    return {"image_url": image.source.url}


def _json_images(inputs: CheckedInputs, ids: Mapping[str, str]) -> dict[str, Any]:
    body: dict[str, Any] = {"images": [_reference(image, ids) for image in inputs.images]}
    if inputs.mask is not None:
        body["mask"] = _reference(inputs.mask, ids)
    return body


async def _send_image_to_image(
    client: LemonClient, plan: InputPlan, profile: InputProfile, inputs: CheckedInputs
) -> SentRequest:
    fields = {**_fields(plan, profile), "operation": profile.gateway_operation}
    urls = [image.source.url for image in inputs.images if not image.local and image.source.url]
    local = [image for image in inputs.images if image.local]
    if inputs.mask is not None and inputs.mask.source.url:
        fields["mask_url"] = inputs.mask.source.url
    if not local:
        result = await _post_json(client, GENERATIONS, {**fields, "image_urls": urls})
        return SentRequest(result, GENERATIONS, "json", notes=plan.notes)
    if urls:
        fields["image_urls"] = urls  # comma-separated in multipart, as documented
    result = await _post_multipart(client, GENERATIONS, fields, [(IMAGE_FIELD, local[0])])
    return SentRequest(result, GENERATIONS, "multipart", notes=plan.notes)


async def _send_multipart_only(
    client: LemonClient, plan: InputPlan, profile: InputProfile, inputs: CheckedInputs
) -> SentRequest:
    if any(not image.local for image in inputs.images):
        raise _refused("inputs", f"{profile.route} takes image files only, not URLs.")
    files = [(IMAGE_FIELD, image) for image in inputs.images]
    if inputs.mask is not None:
        files.append(("mask", inputs.mask))
    result = await _post_multipart(client, profile.route, _fields(plan, profile), files)
    return SentRequest(result, profile.route, "multipart", notes=plan.notes)

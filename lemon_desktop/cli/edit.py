"""`lemon-desktop edit`, `vary`, `upscale` and `remove-background`: models that work from
images. Inputs may be library ids or files; they are stored in the library before the
job is recorded, so `jobs resume` and `jobs retry` send the same bytes later."""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..api.profiles.inputs import DEFAULT_MODELS
from ..api.request import ImageRequest, InputImage, Operation, Params
from ..api.routing import plan_request_now
from ..imaging import CompositeSettings
from ..imaging.composite import DEFAULT_FEATHER, DEFAULT_THRESHOLD
from ..jobs import Job, JobQueue
from ..jobs.options import JobOptions
from ..library import ImageNotFound, Library
from .errors import UsageError
from .generate import parse_extra, seconds_above_zero
from .output import terminal_safe
from .session import exit_for, job_record, queue_session, report_unfinished


@dataclass(frozen=True)
class _Command:
    name: str
    operation: Operation
    help: str
    many: bool = False  # takes several images
    prompt: bool = False  # --prompt offered


_COMMANDS = (
    _Command("edit", "edit", "edit images with a prompt (and a mask)", many=True, prompt=True),
    _Command("vary", "variation", "variations of an image", prompt=True),
    _Command("upscale", "upscale", "a larger version of an image"),
    _Command("remove-background", "remove-background", "an image without its background"),
)
# Value options -> API parameters; the model's input profile decides which apply.
_VALUES = {"n": "n", "size": "size", "quality": "quality", "aspect_ratio": "aspect_ratio",
           "scale": "scale", "response_format": "response_format"}  # fmt: skip


def add_parsers(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    for spec in _COMMANDS:
        parser = commands.add_parser(spec.name, help=spec.help, description=spec.help)
        parser.add_argument(
            "images",
            nargs="+" if spec.many else 1,
            metavar="IMAGE",
            help="a library image id or an image file",
        )
        if spec.prompt:
            parser.add_argument("--prompt", "-p", default="", help="what to change")
        parser.add_argument(
            "--model",
            "-m",
            default=None,
            help=f"model id (default {DEFAULT_MODELS.get(spec.operation, '-')})",
        )
        if spec.operation == "edit":
            parser.add_argument(
                "--mask", default=None, help="PNG whose transparent pixels are edited"
            )
            parser.add_argument(
                "--composite",
                action="store_true",
                help="put each result back onto the first image outside the mask, keeping "
                "those pixels exactly, and report how much the model changed there",
            )
            parser.add_argument(
                "--feather",
                type=int,
                default=DEFAULT_FEATHER,
                metavar="PX",
                help=f"with --composite: width of the blended edge (default {DEFAULT_FEATHER})",
            )
            parser.add_argument(
                "--threshold",
                type=int,
                default=DEFAULT_THRESHOLD,
                help="with --composite: a pixel counts as changed above this channel "
                f"difference, 0-254 (default {DEFAULT_THRESHOLD})",
            )
        add_send_options(parser)
        parser.set_defaults(handler=run, operation=spec.operation)


def add_send_options(parser: argparse.ArgumentParser) -> None:
    for option in _VALUES:
        parser.add_argument("--" + option.replace("_", "-"), dest=option, default=None)
    parser.add_argument("--async", dest="async_", action="store_true", help="ask for a task")
    parser.add_argument(
        "--upload",
        action="store_true",
        help="upload the images to /v1/files once and send their ids (a retry or another "
        "edit with the same image uploads nothing again), where the model takes ids",
    )
    parser.add_argument("--param", action="append", default=[], metavar="KEY=JSON")
    parser.add_argument("--task-timeout", type=seconds_above_zero, default=None)
    parser.add_argument("--poll-interval", type=seconds_above_zero, default=None)
    parser.add_argument("--allow-unknown-cost", action="store_true")
    parser.add_argument(
        "--json", action="store_true", help="one JSON object, with parents and file ids"
    )


def run(args: argparse.Namespace, context: Any) -> int:
    operation: Operation = args.operation
    options = _options(args)
    job, record = asyncio.run(_run(args, context, operation, options))
    if args.json:
        print(json.dumps(record, indent=2))
    else:
        print_paths(record)
    report_unfinished([job])
    return int(exit_for([job]))


def _options(args: argparse.Namespace) -> JobOptions:
    composite = None
    if getattr(args, "composite", False):
        if not args.mask:
            raise UsageError("--composite needs --mask: only the pixels a mask keeps are put back.")
        try:
            composite = CompositeSettings(feather=args.feather, threshold=args.threshold)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
    return JobOptions(form="upload" if args.upload else "auto", composite=composite)


def send_values(args: argparse.Namespace) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for option, name in _VALUES.items():
        raw = getattr(args, option)
        if raw is not None:
            values[name] = int(raw) if option in ("n", "scale") and raw.isdigit() else raw
    if args.async_:
        values["async"] = True
    values.update(parse_extra(args.param))
    return values


async def _run(
    args: argparse.Namespace, context: Any, operation: Operation, options: JobOptions
) -> tuple[Job, dict[str, Any]]:
    async with queue_session(
        context,
        poll_interval=args.poll_interval,
        task_timeout=args.task_timeout,
        allow_unknown_cost=args.allow_unknown_cost,
    ) as (queue, library):
        sources = tuple(input_image(library, text) for text in args.images)
        mask = input_image(library, args.mask) if getattr(args, "mask", None) else None
        request = ImageRequest(
            model=args.model or DEFAULT_MODELS.get(operation, ""),
            prompt=getattr(args, "prompt", "") or "",
            params=Params(send_values(args)),
            inputs=sources,
            mask=mask,
            operation=operation,
        )
        return await submit_and_wait(queue, library, request, options)


async def submit_and_wait(
    queue: JobQueue, library: Library, request: ImageRequest, options: JobOptions
) -> tuple[Job, dict[str, Any]]:
    """Check the request against the model's input profile (nothing sent when it does not
    fit), record it with its inputs stored, run it; the job and its JSON record."""
    if not request.model:
        raise UsageError(f"{request.operation} needs --model.")
    await asyncio.to_thread(plan_request_now, request)
    submitted = await queue.submit(request, options=options)
    await queue.wait_idle()
    job = queue.get(submitted.id)
    return job, await asyncio.to_thread(inputs_record, job, library)


def input_image(library: Library, text: str) -> InputImage:
    """A library id (digits) or a file, named by the hash of its bytes now."""
    if text.isdigit() and not Path(text).exists():
        try:
            record = library.get(int(text))
        except ImageNotFound:
            raise UsageError(f"There is no image {text} in the library.") from None
        return InputImage(record.sha256, record.id, str(record.path))
    path = Path(text).expanduser()
    if not path.is_file():
        raise UsageError(f"{text}: no such image file (or library id).")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"{text}: {exc.strerror or exc}.") from None
    return InputImage(hashlib.sha256(data).hexdigest(), path=str(path.absolute()))


def inputs_record(job: Job, library: Library) -> dict[str, Any]:
    """`job_record` plus each image's parents, the file ids its inputs went as, and
    for composites their paths and the change outside the mask."""
    record = job_record(job, library)
    for image in record["images"]:
        image["parents"] = [p.to_json() for p in library.parents(image["id"])]
    record["file_ids"] = dict((job.sent or {}).get("file_ids") or {})
    record["uploaded"] = list((job.sent or {}).get("uploaded") or [])
    composites = []
    for entry in job.results:
        made = entry.get("composite")
        if not isinstance(made, dict):
            continue
        shown = dict(made)
        if isinstance(made.get("image_id"), int):
            shown["path"] = str(library.get(made["image_id"]).path)
            shown["change_map_path"] = str(library.get(made["change_map_id"]).path)
            shown["parents"] = [p.to_json() for p in library.parents(made["image_id"])]
        composites.append(shown)
    record["composites"] = composites
    first = next((c for c in composites if "outside_mask" in c), None)
    record["outside_mask"] = first["outside_mask"] if first else None
    return record


def print_paths(record: dict[str, Any]) -> None:
    for image in record["images"]:
        print(terminal_safe(image["path"]))
    for made in record.get("composites", []):
        if "path" in made:
            print(terminal_safe(made["path"]))
            print(f"  {terminal_safe(made['summary'])}", file=sys.stderr)
            print(f"  change map: {terminal_safe(made['change_map_path'])}", file=sys.stderr)
        elif "problem" in made:
            print(f"lemon-desktop: {terminal_safe(made['problem'])}", file=sys.stderr)
    if record.get("warning"):
        print(f"lemon-desktop: {terminal_safe(record['warning'])}", file=sys.stderr)

"""`lemon-desktop generate`: validate, then run through the job queue into the library."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from dataclasses import replace
from typing import Any

from ..api.profiles import ImageRequest, make_request
from ..core.compare import plan_compare
from ..jobs import Job
from ..jobs.pipeline import positive_seconds
from ..library import Library
from ..settings import load_settings
from .context import Context
from .errors import UsageError
from .output import terminal_safe
from .session import exit_for, job_record, queue_session, report_unfinished

# CLI option -> API parameter; the profile decides which of them a model takes.
_VALUE_OPTIONS: dict[str, str] = {
    "n": "n",
    "size": "size",
    "aspect_ratio": "aspect_ratio",
    "resolution": "resolution",
    "quality": "quality",
    "style": "style",
    "response_format": "response_format",
    "background": "background",
    "output_format": "output_format",
    "compression": "output_compression",
    "moderation": "moderation",
    "partial_images": "partial_images",
    "user": "user",
}


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser("generate", help="generate images from a prompt")
    parser.add_argument("prompt", help="what the image should show")
    parser.add_argument(
        "--model",
        "-m",
        default=None,
        help="model id (default: default_model in settings, gpt-image-2 unless changed)",
    )
    parser.add_argument(
        "--models",
        default=None,
        help="comma-separated models: one batch, one job each; the settings are translated "
        "to each model's own sizes or aspect ratios (printed first), or refused",
    )
    for option in _VALUE_OPTIONS:
        parser.add_argument("--" + option.replace("_", "-"), dest=option, default=None)
    parser.add_argument(
        "--async", dest="async_", action="store_true", help="ask for a task (where offered)"
    )
    parser.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="KEY=JSON",
        help="extra raw parameter; the value is JSON, or taken as text if it is not JSON",
    )
    parser.add_argument(
        "--task-timeout",
        type=seconds_above_zero,
        default=None,
        help="seconds to wait for a task (default from settings: 1800)",
    )
    parser.add_argument(
        "--poll-interval", type=seconds_above_zero, default=None, help="seconds between polls"
    )
    parser.add_argument(
        "--allow-unknown-cost",
        action="store_true",
        help="with a daily spending cap set, send even when the model's price is unknown",
    )
    parser.add_argument(
        "--ref",
        action="extend",
        nargs="+",
        default=[],
        metavar="IMAGE",
        help="reference images (library ids or files): image-to-image on models that take it",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(handler=run)


def seconds_above_zero(text: str) -> float:
    """An argparse type: a finite number of seconds above 0 (0 or less would busy-poll)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    try:
        return positive_seconds("the value", value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def parse_extra(pairs: list[str]) -> dict[str, Any]:
    extra: dict[str, Any] = {}
    for pair in pairs:
        key, sep, raw = pair.partition("=")
        if not sep or not key.strip():
            raise UsageError(f"--param {pair!r} must look like KEY=VALUE, e.g. --param seed=42.")
        try:
            extra[key.strip()] = json.loads(raw)
        except ValueError:
            extra[key.strip()] = raw
    return extra


def values_from_args(args: argparse.Namespace) -> dict[str, Any]:
    values: dict[str, Any] = {
        api_name: getattr(args, option)
        for option, api_name in _VALUE_OPTIONS.items()
        if getattr(args, option) is not None
    }
    if args.async_:
        values["async"] = True
    return values


def request_from_args(args: argparse.Namespace) -> ImageRequest:
    """The request, made and checked by the profiles exactly as the window's panel makes it."""
    extra = parse_extra(args.param) or None
    return make_request(args.model, args.prompt, values_from_args(args), extra)


def requests_from_args(args: argparse.Namespace, default_model: str) -> list[ImageRequest]:
    """Every request is validated before any is sent. Several models go through the
    core's compare rule, as the window's compare does: each model's translation is
    printed first, and a model that cannot take the settings stops the whole batch."""
    if args.models is None:
        args.model = args.model or default_model
        return [request_from_args(args)]
    models = [m.strip() for m in args.models.split(",") if m.strip()]
    if not models:
        raise UsageError("--models needs at least one model id, e.g. --models dall-e-3,flux-pro.")
    if len(models) == 1:
        args.model = models[0]
        return [request_from_args(args)]
    plan = plan_compare(models, args.prompt, values_from_args(args), parse_extra(args.param))
    if not plan.ready:
        raise UsageError(f"Cannot compare these models as set: {plan.refusal_text()}")
    for line in plan.lines():
        print(f"lemon-desktop: {terminal_safe(line)}", file=sys.stderr)
    return plan.items()


def run(args: argparse.Namespace, context: Context) -> int:
    # One default model for the window and the command line: the settings' own.
    default_model = load_settings(context.home).default_model
    items = requests_from_args(args, default_model)  # raises before anything is sent
    jobs, records = asyncio.run(_generate(args, context, items))
    if args.json:
        if len(records) == 1:
            print(json.dumps(records[0], indent=2))
        else:
            print(json.dumps({"batch_id": jobs[0].batch_id, "jobs": records}, indent=2))
    else:
        for record in records:
            for image in record["images"]:
                print(terminal_safe(image["path"]))
                if image["revised_prompt"]:
                    print(f"  revised prompt: {terminal_safe(image['revised_prompt'])}")
            if record["warning"]:
                print(f"lemon-desktop: {terminal_safe(record['warning'])}", file=sys.stderr)
    report_unfinished(jobs)
    return int(exit_for(jobs))


async def _generate(
    args: argparse.Namespace, context: Context, items: list[ImageRequest]
) -> tuple[list[Job], list[dict[str, Any]]]:
    async with queue_session(
        context,
        poll_interval=args.poll_interval,
        task_timeout=args.task_timeout,
        allow_unknown_cost=args.allow_unknown_cost,
    ) as (queue, library):
        if args.ref:
            items = await _with_references(args.ref, items, library)
        # Recorded before anything is sent; the price is looked up when it is sent.
        if len(items) == 1:
            submitted = await queue.submit_many(items)
        else:
            submitted = await queue.submit_batch(items)
        await queue.wait_idle()
        jobs = [queue.get(job.id) for job in submitted]
        if args.ref:
            from .edit import inputs_record

            return jobs, [inputs_record(job, library) for job in jobs]
        return jobs, [job_record(job, library) for job in jobs]


async def _with_references(
    refs: list[str], items: list[ImageRequest], library: Library
) -> list[ImageRequest]:
    """Each request as image-to-image from these references, checked against the model's
    input profile before anything is recorded or sent."""
    from ..api.routing import plan_request_now
    from .edit import input_image

    references = tuple(input_image(library, text) for text in refs)
    made = [replace(item, references=references) for item in items]
    for request in made:
        await asyncio.to_thread(plan_request_now, request)
    return made

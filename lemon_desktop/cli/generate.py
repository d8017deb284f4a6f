"""`lemon-desktop generate`: validate, send, poll, download, save, report."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from typing import Any

from ..api.generation import GenerationOutcome, generate_to_folder
from ..api.polling import DEFAULT_INTERVAL, DEFAULT_TASK_TIMEOUT
from ..api.profiles import build_request
from ..api.types import TaskRef, TaskStatus
from .context import Context
from .errors import UsageError

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
    parser.add_argument("--model", "-m", default="dall-e-3", help="model id (default dall-e-3)")
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
        type=float,
        default=DEFAULT_TASK_TIMEOUT,
        help="seconds to wait for a task",
    )
    parser.add_argument("--poll-interval", type=float, default=DEFAULT_INTERVAL)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(handler=run)


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


def request_from_args(args: argparse.Namespace) -> dict[str, Any]:
    values: dict[str, Any] = {
        api_name: getattr(args, option)
        for option, api_name in _VALUE_OPTIONS.items()
        if getattr(args, option) is not None
    }
    if args.async_:
        values["async"] = True
    return build_request(args.model, args.prompt, values, parse_extra(args.param) or None)


def run(args: argparse.Namespace, context: Context) -> int:
    request = request_from_args(args)  # raises before anything is sent
    outcome = asyncio.run(_generate(args, context, request))
    if args.json:
        print(json.dumps(outcome_to_json(args.model, outcome), indent=2))
    else:
        for item in outcome.saved:
            print(item.file.path)
            if item.image.revised_prompt:
                print(f"  revised prompt: {item.image.revised_prompt}")
    return 0


async def _generate(
    args: argparse.Namespace, context: Context, request: dict[str, Any]
) -> GenerationOutcome:
    def on_task(task: TaskRef) -> None:
        print(f"task {task.task_id} started; polling {task.poll_url}", file=sys.stderr)

    def on_update(status: TaskStatus) -> None:
        progress = f" {status.progress:.0f}%" if status.progress is not None else ""
        print(f"task {status.id or '?'}: {status.status}{progress}", file=sys.stderr)

    async with context.client() as client:
        return await generate_to_folder(
            client,
            request,
            context.home / "images",
            task_timeout=args.task_timeout,
            poll_interval=args.poll_interval,
            on_task=on_task,
            on_update=on_update,
        )


def outcome_to_json(model: str, outcome: GenerationOutcome) -> dict[str, Any]:
    return {
        "model": model,
        "prompt": outcome.request.get("prompt"),
        "request": outcome.request,
        "task_id": outcome.task_id,
        "usage": outcome.usage.raw if outcome.usage else None,
        "images": [
            {
                "path": str(item.file.path),
                "sha256": item.file.sha256,
                "bytes": item.file.size,
                "format": item.file.format,
                "source_url": item.file.source_url,
                "revised_prompt": item.image.revised_prompt,
            }
            for item in outcome.saved
        ],
    }

"""`lemon-desktop jobs list|show|cancel|retry|resume`: the queue's history and control."""

from __future__ import annotations

import argparse
import asyncio
import json
from typing import Any

from ..jobs import Job, JobStore, money
from .context import Context, json_commands
from .session import exit_for, job_record, open_library, queue_session, report_unfinished


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser("jobs", help="list, inspect, cancel, retry or resume jobs")
    command = json_commands(parser, "jobs_command")

    p = command("list", "recent jobs, newest first")
    p.add_argument("--limit", type=int, default=50)
    p = command("show", "everything recorded about one job")
    p.add_argument("id", help="job id (a unique start is enough)")
    p = command("cancel", "cancel jobs (and their gateway tasks where possible)")
    p.add_argument("ids", nargs="+")
    p = command("retry", "run failed, cancelled or unknown jobs again as new jobs")
    p.add_argument("ids", nargs="+")
    command("resume", "run every unfinished job to its end, releasing held ones")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, context: Context) -> int:
    if args.jobs_command in ("list", "show"):
        return _read(args, context)
    jobs, records = asyncio.run(_act(args, context))
    if args.json:
        print(json.dumps(records, indent=2))
    else:
        for job in jobs:
            print(_line(job))
    if args.jobs_command == "cancel":
        return 0
    report_unfinished(jobs)
    return int(exit_for(jobs))


def _read(args: argparse.Namespace, context: Context) -> int:
    with open_library(context.home) as library:
        store = JobStore(library.database)
        jobs = store.recent(args.limit) if args.jobs_command == "list" else [store.find(args.id)]
        records = [job_record(job, library) for job in jobs]
    if args.json:
        print(json.dumps(records if args.jobs_command == "list" else records[0], indent=2))
    elif args.jobs_command == "list":
        for job in jobs:
            print(_line(job))
    else:
        _print_details(records[0])
    return 0


async def _act(
    args: argparse.Namespace, context: Context
) -> tuple[list[Job], list[dict[str, Any]]]:
    async with queue_session(context) as (queue, library):
        if args.jobs_command == "resume":
            touched = [job.id for job in queue.store.unfinished()]
            await queue.start()
            await queue.resume_queue()
        else:
            ids = [queue.store.find(prefix).id for prefix in args.ids]
            if args.jobs_command == "cancel":
                touched = [(await queue.cancel(job_id)).id for job_id in ids]
            else:
                touched = [(await queue.retry(job_id)).id for job_id in ids]
        await queue.wait_idle()
        jobs = [queue.get(job_id) for job_id in touched]
        return jobs, [job_record(job, library) for job in jobs]


def _line(job: Job) -> str:
    cost = money(job.cost_usd if job.cost_usd is not None else job.estimate_usd)
    prompt = job.prompt if len(job.prompt) <= 40 else job.prompt[:39] + "…"
    line = f"{job.id[:8]}  {job.state.value:<11} {job.model:<28} {cost:>12}  {prompt}"
    return f"{line}\n          {job.error}" if job.error else line


def _print_details(record: dict[str, Any]) -> None:
    for key in ("id", "state", "model", "prompt", "batch_id", "retry_of", "task_id", "progress",
                "error", "estimate_usd", "cost_usd", "created", "finished"):  # fmt: skip
        if record.get(key) is not None:
            print(f"{key:>13}: {record[key]}")
    print(f"{'request':>13}: {json.dumps(record['request'])}")
    for image in record["images"]:
        print(f"{'image':>13}: {image['path']}")

"""`lemon-desktop jobs list|show|cancel|retry|check|resume`: the queue's history and control."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from typing import Any

from ..jobs import Job, JobStore, money
from ..jobs.records import gateway_identity, gateway_label, switch_hint
from .context import Context, json_commands
from .output import terminal_safe
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
    p = command(
        "check",
        "look again for a failed job's paid result (poll its task, fetch its images) "
        "without sending a new request",
    )
    p.add_argument("ids", nargs="+")
    p = command("resume", "run every unfinished job to its end, releasing held ones")
    p.add_argument(
        "--allow-unknown-cost",
        action="store_true",
        help="also send jobs held because their price is unknown while a cap is set",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, context: Context) -> int:
    if args.jobs_command in ("list", "show"):
        return _read(args, context)
    jobs, records, waiting = asyncio.run(_act(args, context))
    current = _current_gateway(context)
    if args.json:
        print(json.dumps(records, indent=2))
    else:
        for job in jobs:
            print(_line(job, current))
    _report_waiting(waiting)
    if args.jobs_command == "cancel":
        return 0
    report_unfinished(jobs)
    return int(exit_for(jobs))


def _current_gateway(context: Context) -> str:
    return gateway_identity(context.base_url, sandbox=context.key_source == "sandbox")


def _report_waiting(jobs: list[Job]) -> None:
    """Unfinished jobs of another gateway: left as they are, and said so."""
    for job in jobs:
        if job.gateway is not None:
            print(
                f"lemon-desktop: job {job.id[:8]} waits for {gateway_label(job.gateway)} "
                f"({switch_hint(job.gateway)}); it was left as it is.",
                file=sys.stderr,
            )


def _read(args: argparse.Namespace, context: Context) -> int:
    with open_library(context.home) as library:
        store = JobStore(library.database)
        jobs = store.recent(args.limit) if args.jobs_command == "list" else [store.find(args.id)]
        records = [job_record(job, library) for job in jobs]
    current = _current_gateway(context)
    for job, record in zip(jobs, records, strict=True):
        record["waits_for"] = job.waits_for(current)
    if args.json:
        print(json.dumps(records if args.jobs_command == "list" else records[0], indent=2))
    elif args.jobs_command == "list":
        for job in jobs:
            print(_line(job, current))
    else:
        _print_details(jobs[0], records[0])
    return 0


async def _act(
    args: argparse.Namespace, context: Context
) -> tuple[list[Job], list[dict[str, Any]], list[Job]]:
    async with queue_session(context) as (queue, library):
        waiting: list[Job] = []
        if args.jobs_command == "resume":
            touched = [
                job.id for job in queue.store.unfinished() if not job.waits_for(queue.gateway)
            ]
            await queue.start()
            waiting = queue.waiting_elsewhere
            await queue.resume_queue(allow_unknown_cost=args.allow_unknown_cost)
        else:
            ids = [queue.store.find(prefix).id for prefix in args.ids]
            if args.jobs_command == "cancel":
                touched = [(await queue.cancel(job_id)).id for job_id in ids]
            elif args.jobs_command == "check":
                touched = [(await queue.check_again(job_id)).id for job_id in ids]
            else:
                touched = [(await queue.retry(job_id)).id for job_id in ids]
        await queue.wait_idle()
        jobs = [queue.get(job_id) for job_id in touched]
        return jobs, [job_record(job, library) for job in jobs], waiting


def cost_text(job: Job) -> str:
    """The cost column: charged, estimated, unknown or none; unknown is never "$0"."""
    status, amount = job.cost_status, job.shown_cost_usd
    if status == "charged":
        return money(amount)
    if status == "estimate":
        return f"≈{money(amount)}"
    if status == "may_be_charged":
        return f"≈{money(amount)}?" if amount is not None else "unknown?"
    if status == "none":
        return "no charge"
    return "unknown"


def _line(job: Job, current: str) -> str:
    prompt = job.prompt if len(job.prompt) <= 40 else job.prompt[:39] + "…"
    model = terminal_safe(job.model)
    line = f"{job.id[:8]}  {job.state.value:<11} {model:<28} {cost_text(job):>12}  "
    line += terminal_safe(prompt)
    elsewhere = job.waits_for(current)
    if elsewhere is not None:
        line += f"\n          waits for {terminal_safe(gateway_label(elsewhere))}"
    return f"{line}\n          {terminal_safe(job.error)}" if job.error else line


_DETAILS = ("id", "state", "model", "prompt", "batch_id", "retry_of", "task_id", "progress",
            "error", "warning", "estimate_usd", "cost_usd", "created", "finished")  # fmt: skip


def _print_details(job: Job, record: dict[str, Any]) -> None:
    for key in _DETAILS:
        if key == "error" and record.get("warning"):
            continue  # the same text, shown as the warning it is
        if record.get(key) is not None:
            print(f"{key:>13}: {terminal_safe(record[key])}")
    if record.get("waits_for"):
        waits = f"{gateway_label(record['waits_for'])} ({switch_hint(record['waits_for'])})"
        print(f"{'waits for':>13}: {terminal_safe(waits)}")
    print(f"{'cost':>13}: {_cost_sentence(job)}")
    if job.can_check:
        print(f"{'check again':>13}: lemon-desktop jobs check {job.id[:8]}")
    print(f"{'request':>13}: {terminal_safe(json.dumps(record['request']))}")
    for image in record["images"]:
        print(f"{'image':>13}: {terminal_safe(image['path'])}")


def _cost_sentence(job: Job) -> str:
    status, amount = job.cost_status, job.shown_cost_usd
    if status == "charged":
        return f"{money(amount)} charged"
    if status == "estimate":
        return f"about {money(amount)} (estimated before sending)"
    if status == "may_be_charged":
        about = f"about {money(amount)}" if amount is not None else "an unknown amount"
        return f"{about} may have been charged (the gateway may have run it)"
    if status == "none":
        return "nothing charged (failed and cancelled tasks are refunded)"
    return "unknown: the gateway's price for this model could not be read"

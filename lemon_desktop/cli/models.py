"""`lemon-desktop models`: the gateway's image models, as the window's picker lists them.

The catalogue (vendor, delivery, price wording, which models count) is the core's;
this module only prints it.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys

from ..core.catalogue import FINISHING_TEXT, GatewayCatalogue, entry_record, fetch_catalogue
from .context import Context
from .output import terminal_safe


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser("models", help="list the gateway's image models")
    parser.add_argument("--json", action="store_true", help="print a JSON array")
    parser.set_defaults(handler=run)


async def _fetch(context: Context) -> GatewayCatalogue:
    async with context.client() as client:
        return await fetch_catalogue(client)


def run(args: argparse.Namespace, context: Context) -> int:
    catalogue = asyncio.run(_fetch(context))
    if catalogue.prices_problem:
        # The list is still worth showing; every price then reads as unknown.
        print(
            f"lemon-desktop: prices unavailable: {terminal_safe(catalogue.prices_problem)}",
            file=sys.stderr,
        )
    if args.json:
        print(json.dumps([entry_record(e) for e in catalogue.entries], indent=2))
        return 0
    for entry in catalogue.entries:
        # Model ids and prices are the gateway's text: no terminal escapes get through.
        line = f"{terminal_safe(entry.id):<44} {entry.delivery_text:<14} "
        line += terminal_safe(entry.price_text)
        if entry.recommended:
            line += f"  (recommended #{entry.rank})" if entry.rank else "  (recommended)"
        if not entry.generates:
            # Listed as the gateway lists it, but never offered for a prompt.
            line += f"  ({FINISHING_TEXT})"
        print(line)
    return 0

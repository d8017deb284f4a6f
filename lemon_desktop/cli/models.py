"""`lemon-desktop models`: what the gateway offers, with what we know of each."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from typing import Any

from ..api.errors import LemonError
from ..api.profiles import GENERIC_PROFILE, profile_for
from ..api.types import ModelInfo, ModelPricing
from .context import Context
from .output import terminal_safe


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser("models", help="list the gateway's image models")
    parser.add_argument("--json", action="store_true", help="print a JSON array")
    parser.set_defaults(handler=run)


async def _fetch(context: Context) -> tuple[list[ModelInfo], dict[str, ModelPricing]]:
    async with context.client() as client:
        models = await client.list_models(recommended_for="image")
        try:
            prices = {p.model: p for p in await client.get_pricing()}
        except LemonError as exc:
            # The list is still worth showing; every price then reads as unknown.
            print(
                f"lemon-desktop: prices unavailable: {terminal_safe(exc.user_message)}",
                file=sys.stderr,
            )
            prices = {}
    return models, prices


def _price(pricing: ModelPricing | None) -> str | None:
    if pricing is None:
        return None
    if pricing.per_request is not None:
        return f"${pricing.per_request} per image"
    if pricing.token_priced:
        return f"${pricing.input_per_1m} in / ${pricing.output_per_1m} out per 1M tokens"
    return None


def model_record(model: ModelInfo, pricing: ModelPricing | None) -> dict[str, Any]:
    profile = profile_for(model.id)
    known = profile is not GENERIC_PROFILE
    return {
        "id": model.id,
        "owned_by": model.owned_by,
        "vendor": profile.vendor if known else model.owned_by,
        "profile": profile.family,
        "usually": profile.delivery if known else None,
        "supports_async": profile.supports_async,
        "parameters": [p.name for p in profile.params],
        "success_rate_24h": model.success_rate_24h,
        "status": model.preference_status,
        "price": _price(pricing),
    }


def run(args: argparse.Namespace, context: Context) -> int:
    models, prices = asyncio.run(_fetch(context))
    records = [model_record(m, prices.get(m.id)) for m in models]
    if args.json:
        print(json.dumps(records, indent=2))
        return 0
    for record in records:
        # Model ids and prices are the gateway's text: no terminal escapes get through.
        model_id = terminal_safe(record["id"])
        usually = terminal_safe(record["usually"] or "unknown")
        price = terminal_safe(record["price"] or "price unknown")
        print(f"{model_id:<44} {usually:<7} {price}")
    return 0

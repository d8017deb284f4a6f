"""What a create-type route does with the fault plan around running a request: a 402
after validation (the gateway needs the request to estimate its cost), and the 5xx faults
that hit after the gateway ran it (it would bill)."""

from __future__ import annotations

from lemon_desktop.sandbox import catalog, errors
from lemon_desktop.sandbox.catalog import ModelEntry
from lemon_desktop.sandbox.state import Call

# The 402 fault reports a balance a quarter of the cost, so it is short whatever the model.
BALANCE_SHARE = 0.25
_RUN_THEN_FAIL = {
    "500": errors.internal_error,
    "502": errors.upstream_error,
    "504": errors.timeout_error,
}


def refuse_if_broke(call: Call, entry: ModelEntry, cost: float) -> None:
    if call.hit is not None and call.hit.kind == "402":
        suggestions = catalog.cheaper_models(cost, entry.id)
        raise errors.insufficient_balance(round(cost * BALANCE_SHARE, 6), cost, suggestions)


def record_run(call: Call, entry: ModelEntry, ignored: list[str], counter: str | None) -> None:
    """Count the request as run (billed), then let a run-then-fail fault hit."""
    stats = call.state.stats
    stats.count_create(entry.id)
    if counter is not None:
        stats.incr(counter)
    for name in ignored:
        stats.incr_key("ignored_params", name)
    if call.hit is not None and call.hit.kind in _RUN_THEN_FAIL:
        raise _RUN_THEN_FAIL[call.hit.kind]()


def per_request_cost(entry: ModelEntry, count: int) -> float:
    price = entry.pricing
    if price.per_request is not None:
        return round(float(price.per_request) * count, 6)
    # Token-priced: about 1,300 tokens in and out per edited image (sandbox fiction).
    per_million = float(price.input_per_1m or 0) + float(price.output_per_1m or 0)
    return round(per_million * 1_300 * count / 1_000_000, 6)

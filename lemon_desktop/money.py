"""How an amount of US dollars reads, everywhere the app shows one.

A leaf module (standard library only) so the gateway client, the job queue, the core,
the window and the command line all word money the same way: $0.0045 reads "$0.0045"
in the queue, in the cost estimate, in the model list and in `jobs list`.

An amount that cannot be trusted (missing, NaN, infinite, negative, not a number) is
unknown, never "$0.00": showing a cost of nothing for a price nobody could read would
invite spending that was never agreed to.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

UNKNOWN = "unknown"
# The most digits after the point a shown amount keeps; prices below a cent per image
# (per-token rates) need them, and more would only be noise.
_PLACES = Decimal("0.0001")
_CENTS = Decimal("0.01")

AmountLike = Decimal | int | float | str | None


def known_usd(value: object) -> Decimal | None:
    """`value` as an amount of dollars when it can be trusted, else None (unknown).

    Takes Decimals, whole numbers, floats and numeric text (the library stores amounts
    as text); booleans, NaN, infinities and negative amounts are never money.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, Decimal):
        amount = value
    elif isinstance(value, int | float | str):
        try:
            amount = Decimal(str(value).strip())
        except (InvalidOperation, ValueError):
            return None
    else:
        return None
    if not amount.is_finite() or amount < 0:
        return None
    return amount


def usd_digits(value: AmountLike) -> str | None:
    """The digits `format_usd` shows, without the dollar sign ("0.0045", "5.00"), or
    None when the amount is unknown: for JSON, where unknown is null."""
    amount = known_usd(value)
    if amount is None:
        return None
    cents = amount.quantize(_CENTS, ROUND_HALF_UP)
    if cents == amount:
        return f"{cents:f}"  # exact in cents: always two places ($5.00, $0.04)
    rounded = amount.quantize(_PLACES, ROUND_HALF_UP)
    if rounded == 0:
        # Below the smallest shown step: the exact amount, since it is still not nothing.
        return f"{amount.normalize():f}"
    text = f"{rounded:f}".rstrip("0")
    return text if len(text.partition(".")[2]) >= 2 else f"{rounded.quantize(_CENTS):f}"


def format_usd(value: AmountLike, *, unknown: str = UNKNOWN) -> str:
    """$0.04 and $5.00 when the amount is exact in cents, else its exact digits up to
    four places ($0.0045, $0.134); `unknown` for an amount that cannot be trusted.

    An amount above zero that rounds to nothing at four places reads "<$0.0001".
    """
    amount = known_usd(value)
    if amount is None:
        return unknown
    if 0 < amount < _PLACES / 2:
        return f"<${_PLACES:f}"  # less than the smallest shown step is still not nothing
    return f"${usd_digits(amount)}"

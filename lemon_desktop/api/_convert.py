"""Lenient conversions of JSON values that the gateway documents loosely.

Money is refused at the edge: a price or cost that is not a finite, non-negative
number is unknown (None), never a Decimal NaN, Infinity or a negative amount that
would crash a sum or defeat a spending cap.
"""

from __future__ import annotations

import logging
from decimal import Decimal, InvalidOperation
from typing import Any

log = logging.getLogger(__name__)
# Far above any image price; a larger number would overflow Decimal rounding (quantize).
_MAX_PLAUSIBLE_USD = Decimal(1_000_000)


def to_int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value)
    return None


def to_count(value: Any) -> int | None:
    """A count (tokens, images) the gateway reports: a whole number >= 0, else unknown."""
    number = to_int(value)
    return number if number is not None and number >= 0 else None


def to_float(value: Any) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        return None
    return number if number == number and abs(number) != float("inf") else None


def to_str(value: Any) -> str | None:
    """A text field: a non-empty string, or a number written as text; else None."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, str):
        return value or None
    if isinstance(value, int | float):
        return str(value)
    return None


def to_decimal(value: Any) -> Decimal | None:
    """Prices arrive as strings, numbers or null; money stays Decimal and finite."""
    if value is None or isinstance(value, bool) or value == "":
        return None
    if not isinstance(value, str | int | float | Decimal):
        return None
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def to_price(value: Any, what: str = "price") -> Decimal | None:
    """An amount of money from the gateway: finite and >= 0, else unknown (logged)."""
    if value is None or value == "":
        return None
    number = to_decimal(value)
    if number is None or number < 0 or number > _MAX_PLAUSIBLE_USD:
        log.warning("ignoring the gateway's %s %r: not an amount from 0 to 1e6", what, value)
        return None
    return number

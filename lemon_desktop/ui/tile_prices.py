"""The price under each size or aspect tile: the gateway's estimate for the request as
it would be with that tile chosen ("unknown" where the price list gives none, never $0).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QCoreApplication

from ..api.errors import LemonError
from ..api.profiles import ImageRequest, InvalidRequest, make_request
from ..money import format_usd, known_usd
from .params.size_editor import CUSTOM
from .params.tiles import TileGrid

Estimator = Callable[[ImageRequest], Awaitable[Decimal | None]]
# Token-priced models price the prompt too: an empty prompt is priced as a short one.
_STAND_IN_PROMPT = "an image"


async def price_tiles(
    estimator: Estimator,
    model: str,
    prompt: str,
    values: dict[str, Any],
    extra: dict[str, Any],
    tiles: dict[str, TileGrid],
    still_current: Callable[[], bool],
) -> None:
    """Put a price on every tile; stops as soon as the panel has moved on."""
    for name, grid in tiles.items():
        # Also before the first await: the panel may have rebuilt its fields (deleting
        # these tiles) between this task being spawned and its first step.
        if not still_current():
            return
        prices: dict[object, str] = {}
        for index in range(grid.combo.count()):
            value = grid.combo.itemData(index)
            if value is None or value == CUSTOM:
                continue
            try:
                request = make_request(
                    model, prompt.strip() or _STAND_IN_PROMPT, {**values, name: value}, extra
                )
            except InvalidRequest:
                continue  # this tile cannot be sent with the other settings: no price
            try:
                amount = known_usd(await estimator(request))
            except LemonError:
                amount = None  # the price list may be unreachable: unknown, never $0
            if not still_current():
                return
            prices[value] = (
                format_usd(amount)
                if amount is not None
                else QCoreApplication.translate("TilePrices", "unknown")
            )
        grid.set_prices(prices)

"""The gateway's own details of a model (`GET /v1/models/{id}`), read once per client.

They override the built-in input profiles where they name a route or parameters. A
gateway that does not answer (an older one, a model it does not list, no network) only
means the built-in profile is used: the create call itself reports the real error.
"""

from __future__ import annotations

import logging
import weakref

from .client import LemonClient
from .errors import APIConnectionError, APIStatusError, MalformedResponseError
from .profiles.contract import ModelContract

log = logging.getLogger(__name__)

_SEEN: weakref.WeakKeyDictionary[LemonClient, dict[str, ModelContract | None]] = (
    weakref.WeakKeyDictionary()
)


async def fetch_contract(
    client: LemonClient, model: str, *, fresh: bool = False
) -> ModelContract | None:
    """The model's contract as the gateway states it, or None when it cannot be read."""
    seen = _SEEN.setdefault(client, {})
    if not fresh and model in seen:
        return seen[model]
    try:
        info = await client.get_model(model)
    except APIConnectionError as exc:
        # Not remembered: the network may be back for the next request.
        log.info("no gateway details for %s (%s); using the built-in profile", model, exc)
        return None
    except (APIStatusError, MalformedResponseError) as exc:
        log.info("no gateway details for %s (%s); using the built-in profile", model, exc)
        contract = None
    else:
        contract = ModelContract.parse(info.raw)
    seen[model] = contract
    return contract

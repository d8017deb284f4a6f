"""Fault injection plan for the sandbox gateway.

Grammar (a spec string, as taken by ``--faults``, ``POST /_sandbox/faults`` and
:meth:`FaultPlan.parse`)::

    spec   := rule ("," rule)*          whitespace around rules is ignored;
                                        "" or "none" is the empty plan
    rule   := KIND ["=" VALUE] ["@" ROUTE] ["*" COUNT | "%" PERCENT]
            | "seed=" INT               seeds the RNG used by "%" rules (default 0)

``*N`` fires on the next N matching requests, ``%P`` fires with probability P percent
(seeded, so a run is reproducible), neither fires on every matching request.

ROUTE is one of ``create`` (POST /v1/images/generations, /edits and /variations: every
request that runs a paid model), ``files`` (/v1/files...), ``poll`` (GET of a task under
any alias), ``cancel`` (DELETE /v1/tasks/{id}), ``models`` (/v1/models...), ``pricing``,
``download`` (the CDN origin), ``api`` (every API route above except download) or
``any`` (api + download). The ``/_sandbox/*`` admin routes are never faulted, so a
test can always change the plan.

====================  ===============  ===============================================
KIND                  default route    effect
====================  ===============  ===============================================
latency=SECONDS       any              sleep before answering (adds up over rules)
429[=SECONDS]         api              429 rate_limit_exceeded, Retry-After (default 1)
500                   api              500 internal_error
502                   create           502 upstream_error
503[=SECONDS]         create           503 all_channels_failed, retryable, retry_after
504                   create           504 timeout_error
402                   create           402 insufficient_balance
drop                  any              headers + part of the body, then the connection
                                       is closed
reset                 any              connection reset before the request is read
truncate              download         Content-Length promises more than is sent
notimage              download         200 with an image Content-Type but HTML bytes
badjson               api              200 with a malformed JSON body
taskfail              create           the next task(s) created end ``failed``
tasknever             create           the task stays ``processing`` forever
taskvanish            create           the task 404s after its first poll
====================  ===============  ===============================================

Whether a faulted create was *run* (counted in ``stats.create_requests``, i.e. would
have been billed) follows what the real gateway tells a client about retry safety:
429, 503, 402 and ``reset`` are NOT run (safe to retry); 500, 502, 504, ``drop`` and
``badjson`` ARE run (retrying may bill twice). Task faults only fire when a create
actually produces a task, so ``taskfail*1`` means "the next task", whichever model.

Rules are evaluated in order; every firing ``latency`` rule adds its delay, and the
first other rule that fires decides the outcome (later counted rules are not
consumed). A counted rule is consumed by the first matching request that reaches the
gateway with a valid key, even if that request then fails validation.
"""

from __future__ import annotations

import random
import re
import threading
from dataclasses import dataclass, field
from typing import Any, Literal

Phase = Literal["connect", "request", "task"]

API_ROUTES = frozenset({"create", "poll", "cancel", "models", "pricing", "files"})
ALL_ROUTES = API_ROUTES | {"download"}
ROUTE_GROUPS: dict[str, frozenset[str]] = {
    **{name: frozenset({name}) for name in ALL_ROUTES},
    "api": API_ROUTES,
    "any": ALL_ROUTES,
}

STATUS_KINDS = frozenset({"429", "500", "502", "503", "504", "402"})
TASK_KINDS = frozenset({"taskfail", "tasknever", "taskvanish"})
# (default route, routes the kind makes sense on, whether it takes "=VALUE")
_KINDS: dict[str, tuple[str, frozenset[str], str]] = {
    "latency": ("any", ALL_ROUTES, "required"),
    "429": ("api", ALL_ROUTES, "optional"),
    "500": ("api", ALL_ROUTES, "none"),
    "502": ("create", ALL_ROUTES, "none"),
    "503": ("create", ALL_ROUTES, "optional"),
    "504": ("create", ALL_ROUTES, "none"),
    "402": ("create", ALL_ROUTES, "none"),
    "drop": ("any", ALL_ROUTES, "none"),
    "reset": ("any", ALL_ROUTES, "none"),
    "truncate": ("download", frozenset({"download"}), "none"),
    "notimage": ("download", frozenset({"download"}), "none"),
    "badjson": ("api", API_ROUTES, "none"),
    "taskfail": ("create", frozenset({"create"}), "none"),
    "tasknever": ("create", frozenset({"create"}), "none"),
    "taskvanish": ("create", frozenset({"create"}), "none"),
}
KINDS = frozenset(_KINDS)

_RULE = re.compile(
    r"^(?P<kind>[a-z0-9]+)(?:=(?P<value>[0-9]*\.?[0-9]+))?"
    r"(?:@(?P<route>[a-z]+))?"
    r"(?:\*(?P<count>[0-9]+)|%(?P<percent>[0-9]*\.?[0-9]+))?$"
)


def phase_of(kind: str) -> Phase:
    if kind == "reset":
        return "connect"
    if kind in TASK_KINDS:
        return "task"
    return "request"


@dataclass
class FaultRule:
    kind: str
    route: str
    count: int | None = None
    percent: float | None = None
    value: float | None = None

    def applies_to(self, route: str, phase: Phase) -> bool:
        # "truncate@any" must still only touch downloads, hence the kind's own routes.
        return (
            phase_of(self.kind) == phase
            and route in ROUTE_GROUPS[self.route]
            and route in _KINDS[self.kind][1]
        )

    def describe(self) -> str:
        text = self.kind if self.value is None else f"{self.kind}={self.value:g}"
        text += f"@{self.route}"
        if self.count is not None:
            text += f"*{self.count}"
        elif self.percent is not None:
            text += f"%{self.percent:g}"
        return text


@dataclass(frozen=True)
class FaultHit:
    """A fired rule, as the gateway acts on it."""

    kind: str
    value: float | None = None


@dataclass(frozen=True)
class Decision:
    latency: float = 0.0
    hit: FaultHit | None = None


@dataclass
class FaultPlan:
    rules: list[FaultRule] = field(default_factory=list)
    seed: int = 0

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._rng = random.Random(self.seed)

    @classmethod
    def parse(cls, spec: str | None, seed: int | None = None) -> FaultPlan:
        """Parse a spec string; raise ``ValueError`` with the offending rule on error."""
        rules: list[FaultRule] = []
        spec_seed = 0
        for raw in (spec or "").split(","):
            text = raw.strip().lower()
            if not text or text == "none":
                continue
            if text.startswith("seed="):
                try:
                    spec_seed = int(text[5:])
                except ValueError:
                    raise ValueError(f"bad fault seed {raw.strip()!r}") from None
                continue
            rules.append(_parse_rule(text, raw.strip()))
        return cls(rules, spec_seed if seed is None else seed)

    @classmethod
    def coerce(cls, plan: FaultPlan | str | None) -> FaultPlan:
        return plan if isinstance(plan, FaultPlan) else cls.parse(plan)

    def draw(self, route: str, phase: Phase) -> Decision:
        """Decide (and consume) what happens to one request on ``route``."""
        latency = 0.0
        hit: FaultHit | None = None
        with self._lock:
            for rule in self.rules:
                if not rule.applies_to(route, phase):
                    continue
                if rule.kind == "latency":
                    if self._fires(rule):
                        latency += rule.value or 0.0
                elif hit is None and self._fires(rule):
                    hit = FaultHit(rule.kind, rule.value)
        return Decision(latency, hit)

    def _fires(self, rule: FaultRule) -> bool:
        if rule.count is not None:
            if rule.count <= 0:
                return False
            rule.count -= 1
            return True
        if rule.percent is not None:
            return self._rng.random() * 100.0 < rule.percent
        return True

    def describe(self) -> dict[str, Any]:
        with self._lock:
            return {"seed": self.seed, "rules": [rule.describe() for rule in self.rules]}


def _parse_rule(text: str, original: str) -> FaultRule:
    match = _RULE.match(text)
    if not match:
        raise ValueError(f"bad fault rule {original!r}: expected KIND[=V][@ROUTE][*N|%P]")
    kind = match["kind"]
    if kind not in _KINDS:
        raise ValueError(f"unknown fault kind {kind!r} in {original!r}; known: {sorted(KINDS)}")
    default_route, valid_routes, value_rule = _KINDS[kind]
    route = match["route"] or default_route
    if route not in ROUTE_GROUPS:
        raise ValueError(f"unknown route {route!r} in {original!r}; known: {sorted(ROUTE_GROUPS)}")
    if not ROUTE_GROUPS[route] & valid_routes:
        raise ValueError(f"fault {kind!r} cannot apply to route {route!r}")
    value = float(match["value"]) if match["value"] is not None else None
    if value_rule == "required" and value is None:
        raise ValueError(f"fault {kind!r} needs a value, e.g. {kind}=0.5")
    if value_rule == "none" and value is not None:
        raise ValueError(f"fault {kind!r} takes no value")
    count = int(match["count"]) if match["count"] is not None else None
    percent = float(match["percent"]) if match["percent"] is not None else None
    if percent is not None and not 0 <= percent <= 100:
        raise ValueError(f"percentage out of range in {original!r}")
    return FaultRule(kind, route, count, percent, value)


def classify(method: str, path: str, origin: str = "api") -> str | None:
    """The fault route a request belongs to; None for admin and unknown paths."""
    if origin == "cdn":
        return "download"
    path = path.split("?", 1)[0].rstrip("/")
    if path in ("/v1/images/generations", "/v1/images/edits", "/v1/images/variations"):
        return "create" if method == "POST" else None
    if path == "/v1/files" or path.startswith("/v1/files/"):
        return "files"
    if path.startswith(("/v1/tasks/", "/v1/images/")):
        return "cancel" if method == "DELETE" else "poll"
    if path == "/v1/models" or path.startswith("/v1/models/"):
        return "models"
    if path == "/v1/pricing":
        return "pricing"
    return None

"""What the gateway itself says about a model's operations (`GET /v1/models/{id}`).

The extension object is `tokenlab` in the newest spec and `lemondata` in older pages;
its summary is `request_format_summary` / `request_format_details`, formerly
`public_contract_summary` / `public_contract`. Every name is read, newest first, and
whatever is missing is simply unknown: the built-in input profiles stand in for it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

_EXTENSIONS = ("tokenlab", "lemondata")
_SUMMARIES = (
    "request_format_details",
    "request_format_summary",
    "public_contract",
    "public_contract_summary",
)


@dataclass(frozen=True)
class OperationContract:
    """One entry of `operation_constraints`: where an operation goes and what it takes."""

    operation: str
    endpoint: str | None = None
    parameters: frozenset[str] | None = None
    documented_inputs: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def takes_mask(self) -> bool | None:
        if not self.documented_inputs:
            return None
        return any(item.startswith("mask") for item in self.documented_inputs)

    @property
    def takes_file_ids(self) -> bool | None:
        if not self.documented_inputs:
            return None
        return any("file_id" in item for item in self.documented_inputs)


@dataclass(frozen=True)
class ModelContract:
    model: str
    supported_operations: tuple[str, ...] = ()
    endpoints: Mapping[str, str] = field(default_factory=dict)
    constraints: Mapping[str, OperationContract] = field(default_factory=dict)
    supported_parameters: frozenset[str] | None = None
    max_input_images: int | None = None

    def lists(self, names: tuple[str, ...]) -> bool | None:
        """Whether the gateway lists any of `names`; None when it lists nothing at all."""
        listed = set(self.supported_operations) | set(self.endpoints) | set(self.constraints)
        if not listed:
            return None
        return any(name in listed for name in names)

    def endpoint_for(self, names: tuple[str, ...]) -> str | None:
        for name in names:
            constraint = self.constraints.get(name)
            if constraint is not None and constraint.endpoint:
                return constraint.endpoint
            if name in self.endpoints:
                return self.endpoints[name]
        return None

    def constraint_for(self, names: tuple[str, ...]) -> OperationContract | None:
        return next((self.constraints[n] for n in names if n in self.constraints), None)

    @classmethod
    def parse(cls, data: Any) -> ModelContract:
        """Never raises: anything unreadable is left unknown."""
        item = data if isinstance(data, dict) else {}
        model_id = item.get("id")
        model = model_id if isinstance(model_id, str) else ""
        operations: list[str] = []
        endpoints: dict[str, str] = {}
        constraints: dict[str, OperationContract] = {}
        parameters: frozenset[str] | None = None
        max_images: int | None = None
        for name in _EXTENSIONS:
            extension = item.get(name)
            if not isinstance(extension, dict):
                continue
            operations += _strings(extension.get("supported_operations"))
            flags = extension.get("capability_flags")
            if isinstance(flags, dict) and max_images is None:
                max_images = _positive(flags.get("max_input_images"))
            for key in _SUMMARIES:
                summary = extension.get(key)
                if not isinstance(summary, dict):
                    continue
                operations += _strings(summary.get("public_operations"))
                operations += _strings(summary.get("operations"))
                routes = summary.get("request_endpoint_by_operation")
                if isinstance(routes, dict):
                    for op, path in routes.items():
                        if isinstance(op, str) and isinstance(path, str) and path:
                            endpoints.setdefault(op, path)
                if parameters is None and isinstance(summary.get("supported_parameters"), list):
                    parameters = frozenset(_strings(summary["supported_parameters"]))
                for entry in _list(summary.get("operation_constraints")):
                    parsed = _constraint(entry)
                    if parsed is not None:
                        constraints.setdefault(parsed.operation, parsed)
        return cls(
            model=model,
            supported_operations=tuple(dict.fromkeys(operations)),
            endpoints=endpoints,
            constraints=constraints,
            supported_parameters=parameters,
            max_input_images=max_images,
        )


def _constraint(entry: Any) -> OperationContract | None:
    if not isinstance(entry, dict) or not isinstance(entry.get("operation"), str):
        return None
    endpoint = entry.get("request_endpoint")
    params = entry.get("supported_parameters")
    return OperationContract(
        operation=entry["operation"],
        endpoint=endpoint if isinstance(endpoint, str) and endpoint else None,
        # An empty list says nothing (the gateway leaves open models unlisted).
        parameters=frozenset(_strings(params)) if isinstance(params, list) and params else None,
        documented_inputs=tuple(_strings(entry.get("documented_inputs"))),
        notes=tuple(_strings(entry.get("notes"))),
    )


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _strings(value: Any) -> list[str]:
    return [v for v in _list(value) if isinstance(v, str) and v]


def _positive(value: Any) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    return None

"""The data types that describe what each image model accepts.

Everything model-specific lives in `catalog.py` as instances of these types, so the CLI
and the Qt parameter panel can be generated from the same declarations the validator
enforces.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

ParamKind = Literal["choice", "int", "bool", "text", "size"]
Delivery = Literal["inline", "task"]


@dataclass(frozen=True)
class SizeRules:
    """Constraints on a custom WIDTHxHEIGHT; a None field means "no limit"."""

    multiple_of: int = 1
    max_edge: int | None = None
    max_ratio: float | None = None
    min_pixels: int | None = None
    max_pixels: int | None = None


@dataclass(frozen=True)
class ParamSpec:
    """One request parameter as a model takes it, with what a UI needs to show it."""

    name: str
    kind: ParamKind
    label: str
    help: str
    choices: tuple[str, ...] = ()
    default: Any = None
    minimum: int | None = None
    maximum: int | None = None
    custom_size: bool = False
    # Only for kind "size" with custom_size: the rules a custom WxH must obey.
    size_rules: SizeRules | None = None
    # Appended to range errors, for limits a bare range would not explain.
    hint: str = ""

    def __post_init__(self) -> None:
        if self.kind == "choice" and not self.choices:
            raise ValueError(f"choice param {self.name!r} needs choices")
        if self.custom_size and self.kind != "size":
            raise ValueError(f"custom_size only makes sense on a size param ({self.name!r})")
        if self.size_rules is not None and not self.custom_size:
            raise ValueError(f"size_rules on {self.name!r} without custom_size would never apply")


@dataclass(frozen=True)
class Requires:
    """Cross-field rule: when `field` holds one of `when` (any value if `when` is empty),
    `other` must hold one of `allowed`.

    `assume` is what the gateway uses for `other` when it is not set, so an unset field
    is judged by its real effect. `message` is formatted with `value` (of `field`) and
    `other_value` (of `other`, with a note when it is only the assumed default).
    """

    field: str
    other: str
    allowed: tuple[Any, ...]
    message: str
    when: tuple[Any, ...] = ()
    assume: Any = None


@dataclass(frozen=True)
class ModelProfile:
    """Everything the client knows about one family of models behind the gateway."""

    family: str
    vendor: str
    model_ids: tuple[str, ...]
    params: tuple[ParamSpec, ...]
    prompt_max: int | None
    delivery: Delivery
    supports_async: bool
    supports_partial_images: bool
    stripped_params: frozenset[str] = frozenset()
    notes: str = ""
    rules: tuple[Requires, ...] = ()
    # Google families accept `size` only as a compatibility alias: the client turns a
    # WxH into the equivalent aspect_ratio so what is sent is the model's own contract.
    size_to_aspect_ratio: bool = False
    _by_name: dict[str, ParamSpec] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        by_name = {p.name: p for p in self.params}
        if len(by_name) != len(self.params):
            raise ValueError(f"{self.family}: duplicate parameter names")
        object.__setattr__(self, "_by_name", by_name)
        # The flags are redundant with the params on purpose (UI convenience); keep
        # them from drifting apart.
        if self.supports_async != ("async" in by_name):
            raise ValueError(f"{self.family}: supports_async disagrees with params")
        if self.supports_partial_images != ("partial_images" in by_name):
            raise ValueError(f"{self.family}: supports_partial_images disagrees with params")
        for rule in self.rules:
            if rule.field not in by_name or rule.other not in by_name:
                raise ValueError(f"{self.family}: rule on a param it does not take: {rule}")
        if self.size_to_aspect_ratio and "aspect_ratio" not in by_name:
            raise ValueError(f"{self.family}: size alias needs an aspect_ratio param")

    def param(self, name: str) -> ParamSpec | None:
        return self._by_name.get(name)

    def takes(self, name: str) -> bool:
        return name in self._by_name

    @property
    def prompt_only(self) -> bool:
        """True when nothing about the image itself can be chosen."""
        return all(p.name == "user" for p in self.params)


@dataclass(frozen=True)
class FieldProblem:
    field: str
    message: str


class InvalidRequest(ValueError):
    """A request the gateway would reject or misread; `problems` says why, per field."""

    def __init__(self, problems: tuple[FieldProblem, ...] | list[FieldProblem]) -> None:
        self.problems: tuple[FieldProblem, ...] = tuple(problems)
        super().__init__(" ".join(p.message for p in self.problems))

    def __str__(self) -> str:
        return " ".join(p.message for p in self.problems)

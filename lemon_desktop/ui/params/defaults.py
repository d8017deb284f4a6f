"""What "model default" means for a parameter, in words, from the profile's own data.

A parameter without a default in its profile is not sent when left alone, and the
gateway decides. The profile's help text says what it then uses where the documentation
does ("unset means auto"); where it does not, the field says so rather than guess.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

from ...api.profiles import ParamSpec
from ..core_words import core_text

_UNSET_MEANS = re.compile(r"unset means ([\w.:-]+)", re.IGNORECASE)
_MODEL_CHOOSES = re.compile(r"unset lets the model choose", re.IGNORECASE)


def unset_meaning(spec: ParamSpec) -> str | None:
    """What the gateway uses when the field is left alone; None when not documented."""
    if spec.default is not None:
        return str(spec.default)
    found = _UNSET_MEANS.search(spec.help)
    if found:
        return found.group(1).rstrip(".")
    if _MODEL_CHOOSES.search(spec.help):
        return QCoreApplication.translate("ParamDefaults", "the model chooses")
    return None


def default_label(spec: ParamSpec) -> str:
    """ "model default: auto", or "model default: not documented"."""
    meaning = unset_meaning(spec)
    if meaning is None:
        return QCoreApplication.translate("ParamDefaults", "model default: not documented")
    return QCoreApplication.translate("ParamDefaults", "model default: {value}").format(
        value=core_text(meaning)
    )

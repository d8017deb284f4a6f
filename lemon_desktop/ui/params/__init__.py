"""The parameter panel, generated from a model's profile."""

from .extras import ExtraParamsBox
from .panel import ParamPanel
from .size_editor import SizeEditor

__all__ = ["ExtraParamsBox", "ParamPanel", "SizeEditor"]

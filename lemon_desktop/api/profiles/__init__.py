"""Per-model parameter profiles, validation and the request builder for image creation.

Model knowledge is data (`catalog.py`); the CLI and the parameter panel are generated
from `PROFILES` / `profile_for`, and `make_request` (the typed request) and
`build_request` (its JSON body) enforce the same declarations.
"""

from ..request import ImageRequest, InputImage
from .builder import build_request, wants_stream
from .catalog import GENERIC_PROFILE, PROFILES, known_model_ids, models_taking, profile_for
from .contract import ModelContract
from .inputs import DEFAULT_MODELS, InputProfile, input_profile, input_profiles, models_for
from .schema import FieldProblem, InvalidRequest, ModelProfile, ParamSpec, Requires, SizeRules
from .sizes import (
    GPT_IMAGE_2_SIZE_RULES,
    aspect_lock,
    aspect_ratio_for_size,
    closest_aspect_ratio,
    format_size,
    nearest_valid_size,
    parse_size,
    size_violations,
)
from .validation import make_request, validate

__all__ = [
    "DEFAULT_MODELS",
    "GENERIC_PROFILE",
    "GPT_IMAGE_2_SIZE_RULES",
    "PROFILES",
    "FieldProblem",
    "ImageRequest",
    "InputImage",
    "InputProfile",
    "InvalidRequest",
    "ModelContract",
    "ModelProfile",
    "ParamSpec",
    "Requires",
    "SizeRules",
    "aspect_lock",
    "aspect_ratio_for_size",
    "build_request",
    "closest_aspect_ratio",
    "format_size",
    "input_profile",
    "input_profiles",
    "known_model_ids",
    "make_request",
    "models_for",
    "models_taking",
    "nearest_valid_size",
    "parse_size",
    "profile_for",
    "size_violations",
    "validate",
    "wants_stream",
]

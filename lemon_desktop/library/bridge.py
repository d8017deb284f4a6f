"""The one place the library reaches the metadata module."""

from __future__ import annotations

from .metadata import MetadataError, Provenance, embed, read, strip

__all__ = ["MetadataError", "Provenance", "embed", "read", "strip"]

"""Lemon Desktop: a desktop studio for the LemonData image API."""

__version__ = "0.1.0"

"""Which base URLs may carry the API key, decided with the standard library alone.

Settings validate the base URL with this, so reading or checking settings never
loads the HTTP stack; `endpoint.Endpoint.parse` applies the same rule (and the same
sentences) before it builds the URL the client uses.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

DEFAULT_BASE_URL = "https://api.lemondata.cc"
# The addresses the gateway publishes itself under, offered in Settings (any other
# https URL may still be typed). The default stays first.
BASE_URL_PRESETS: tuple[str, ...] = (DEFAULT_BASE_URL, "https://api.tokenlab.sh")


def is_loopback_host(host: str) -> bool:
    """127.0.0.0/8, ::1 and localhost: the only hosts plain http may reach."""
    if host.lower() in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def not_a_url(text: str, reason: object) -> str:
    return f"Base URL {text!r} is not a valid URL: {reason}."


def not_http(text: str) -> str:
    return (
        f"Base URL {text!r} must look like https://api.lemondata.cc "
        "(scheme http or https and a host)."
    )


def plain_http(text: str) -> str:
    return (
        f"Base URL {text!r} uses plain http, which would send your API key "
        "unencrypted; use https (http is allowed only for 127.0.0.1, ::1 and localhost)."
    )


USERINFO = "Base URL must not contain a user name or password."


def base_url_problem(base_url: str) -> str | None:
    """Why `base_url` cannot be the gateway's address, in a sentence; None when it can."""
    text = base_url.strip()
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 -- reading it is what checks the port
    except ValueError as exc:
        return not_a_url(text, exc)
    if any(ch.isspace() or ord(ch) < 32 or ch == "\\" for ch in parts.netloc):
        return not_a_url(text, "the host part holds a space, a control character or '\\'")
    host = parts.hostname or ""
    if parts.scheme not in ("http", "https") or not host:
        return not_http(text)
    if parts.scheme == "http" and not is_loopback_host(host):
        return plain_http(text)
    if parts.username is not None or parts.password is not None:
        return USERINFO
    return None

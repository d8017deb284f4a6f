"""Where the gateway lives, and which URLs may see the API key."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

import httpx2

from .errors import ConfigError

DEFAULT_BASE_URL = "https://api.lemondata.cc"


def is_loopback_host(host: str) -> bool:
    """127.0.0.0/8, ::1 and localhost: the only hosts plain http may reach."""
    if host.lower() in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class Endpoint:
    """A validated base URL.

    OpenAI-style base URLs often end in `/v1`; the gateway's documented paths
    already start with `/v1`, so a trailing `/v1` is dropped rather than doubled.
    """

    root: httpx2.URL

    @classmethod
    def parse(cls, base_url: str) -> Endpoint:
        text = base_url.strip()
        try:
            url = httpx2.URL(text)
        except (httpx2.InvalidURL, TypeError) as exc:
            raise ConfigError(f"Base URL {text!r} is not a valid URL: {exc}.") from exc
        if url.scheme not in ("http", "https") or not url.host:
            raise ConfigError(
                f"Base URL {text!r} must look like https://api.lemondata.cc "
                "(scheme http or https and a host)."
            )
        if url.scheme == "http" and not is_loopback_host(url.host):
            raise ConfigError(
                f"Base URL {text!r} uses plain http, which would send your API key "
                "unencrypted; use https (http is allowed only for 127.0.0.1, ::1 and localhost)."
            )
        if url.userinfo:
            raise ConfigError("Base URL must not contain a user name or password.")
        path = url.path.rstrip("/")
        if path.endswith("/v1"):
            path = path[: -len("/v1")]
        return cls(root=url.copy_with(path=path or "/", query=None, fragment=None))

    @property
    def base_url(self) -> str:
        return str(self.root).rstrip("/")

    @property
    def is_loopback(self) -> bool:
        return is_loopback_host(self.root.host)

    def url(self, path: str) -> httpx2.URL:
        """Resolve an API path, or a `poll_url` exactly as the gateway returned it.

        A path starting with `/` is appended to the configured root so that a
        gateway behind a path prefix keeps working; an absolute URL stays as is.
        """
        target = httpx2.URL(path)
        if target.is_absolute_url:
            return target
        prefix = self.root.path.rstrip("/")
        return self.root.copy_with(
            path=prefix + "/" + target.path.lstrip("/"), query=target.query or None
        )

    def same_origin(self, url: httpx2.URL) -> bool:
        """Only the configured origin ever receives the key (scheme, host and port)."""
        return (
            url.scheme == self.root.scheme
            and (url.host or "").lower() == (self.root.host or "").lower()
            and _port(url) == _port(self.root)
        )


def _port(url: httpx2.URL) -> int | None:
    if url.port is not None:
        return url.port
    return {"http": 80, "https": 443}.get(url.scheme)

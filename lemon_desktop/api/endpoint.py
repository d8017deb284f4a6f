"""Where the gateway lives, and which URLs may see the API key."""

from __future__ import annotations

from dataclasses import dataclass

import httpx2

from .base_url import (
    DEFAULT_BASE_URL,
    USERINFO,
    base_url_problem,
    is_loopback_host,
    not_a_url,
    not_http,
    plain_http,
)
from .errors import ConfigError

__all__ = ["DEFAULT_BASE_URL", "Endpoint", "is_loopback_host"]


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
        problem = base_url_problem(text)  # the rule settings check, without httpx2
        if problem:
            raise ConfigError(problem)
        # Again on httpx2's own reading of the URL: that is where the key is sent.
        try:
            url = httpx2.URL(text)
        except (httpx2.InvalidURL, TypeError) as exc:
            raise ConfigError(not_a_url(text, exc)) from exc
        if url.scheme not in ("http", "https") or not url.host:
            raise ConfigError(not_http(text))
        if url.scheme == "http" and not is_loopback_host(url.host):
            raise ConfigError(plain_http(text))
        if url.userinfo:
            raise ConfigError(USERINFO)
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

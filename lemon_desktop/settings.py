"""Settings shared by the window and the command line, kept as JSON in the home folder.

The API key is never here: it lives in the OS keyring (see keys.py). Window
geometry and other purely visual state belong to QSettings, not to this file.
"""

from __future__ import annotations

import contextlib
import json
import logging
import math
import os
import re
import tempfile
from dataclasses import asdict, dataclass, fields, replace
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Literal

# The stdlib rule for base URLs: settings load without the HTTP stack.
from .api.base_url import DEFAULT_BASE_URL, base_url_problem

log = logging.getLogger(__name__)

SETTINGS_FILE = "settings.json"
Theme = Literal["system", "light", "dark"]
# Seconds that must be a finite number above zero: 0 would busy-poll or time out at once.
POSITIVE_SECONDS = ("connect_timeout", "read_timeout", "task_timeout", "poll_interval")
# The window's language: "system" (the desktop's locale) or a locale code as QLocale reads
# it: a language, optionally a script and/or territory ("zh_CN", "ja", "en").
_LOCALE_CODE = re.compile(r"^[a-z]{2,3}(_[A-Z][a-z]{3})?(_[A-Z]{2}|_[0-9]{3})?$")


def is_language_setting(value: str) -> bool:
    return value == "system" or bool(_LOCALE_CODE.match(value))


@dataclass(frozen=True)
class Settings:
    base_url: str = DEFAULT_BASE_URL
    library_path: str = ""  # empty: <home>/library
    concurrency: int = 4
    connect_timeout: float = 10.0
    read_timeout: float = 180.0
    task_timeout: float = 1800.0
    poll_interval: float = 3.0
    default_model: str = "gpt-image-2"
    daily_cap_usd: str = ""  # empty: no cap; a decimal string otherwise
    export_template: str = "{date}_{model}_{prompt:40}_{n}"
    theme: Theme = "system"
    # Model ids starred in the picker; shown first, in a "Favourites" group.
    favourite_models: tuple[str, ...] = ()
    language: str = "system"  # or a locale code; applied at the next start (i18n.py)

    def library_root(self, home: Path) -> Path:
        return Path(self.library_path).expanduser() if self.library_path else home / "library"

    @property
    def daily_cap(self) -> Decimal | None:
        """The cap in dollars; None when there is none. A cap that cannot be read counts
        as $0 (everything is held, and the message names the cap): guessing "no cap"
        could spend money the user meant to keep."""
        if not self.daily_cap_usd.strip():
            return None
        try:
            cap = Decimal(self.daily_cap_usd.strip())
        except InvalidOperation:
            return Decimal(0)
        return cap if cap.is_finite() and cap >= 0 else Decimal(0)

    def problems(self) -> list[str]:
        """What is wrong, in sentences that say what to change; empty when all is well."""
        found = []
        problem = base_url_problem(self.base_url)
        if problem:
            found.append(problem)
        if not 1 <= self.concurrency <= 32:
            found.append("Concurrency must be a whole number from 1 to 32.")
        for name, low in (("read_timeout", 10.0), ("connect_timeout", 1.0), ("task_timeout", 30.0)):
            if getattr(self, name) < low:
                found.append(f"{name.replace('_', ' ').capitalize()} must be at least {low:g} s.")
        if not 0.5 <= self.poll_interval <= 60:
            found.append("Poll interval must be between 0.5 and 60 seconds.")
        if self.daily_cap_usd.strip() and not _readable_cap(self.daily_cap_usd):
            found.append("Daily spending cap must be an amount in dollars such as 5 or 2.50.")
        if self.theme not in ("system", "light", "dark"):
            found.append("Theme must be system, light or dark.")
        if not is_language_setting(self.language):
            found.append("Language must be system or a locale code such as zh_CN or ja.")
        return found


def _readable_cap(text: str) -> bool:
    try:
        cap = Decimal(text.strip())
    except InvalidOperation:
        return False
    return cap.is_finite() and cap >= 0


def _model_ids(raw: object) -> tuple[str, ...] | None:
    """A list of model ids, or None when `raw` is not one (a lone string is no list)."""
    if not isinstance(raw, list) or not all(isinstance(item, str) for item in raw):
        return None
    return tuple(dict.fromkeys(item for item in raw if item.strip()))


def load_settings(home: Path) -> Settings:
    """Settings from <home>/settings.json; a damaged file is kept aside, never fatal."""
    path = home / SETTINGS_FILE
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings()
    except (OSError, ValueError) as exc:
        log.warning("settings file %s is unreadable (%s); using defaults", path, exc)
        with contextlib.suppress(OSError):
            path.replace(path.with_suffix(".json.broken"))
        return Settings()
    if not isinstance(raw, dict):
        return Settings()
    known = {f.name: f.type for f in fields(Settings)}
    values: dict[str, Any] = {}
    defaults = Settings()
    for name in known:
        if name in raw:
            default = getattr(defaults, name)
            if name == "favourite_models":
                favourites = _model_ids(raw[name])
                if favourites is None:
                    log.warning("ignoring setting %s=%r", name, raw[name])
                else:
                    values[name] = favourites
                continue
            try:
                value = type(default)(raw[name])
            except (TypeError, ValueError):
                log.warning("ignoring setting %s=%r", name, raw[name])
                continue
            if name in POSITIVE_SECONDS and not (math.isfinite(value) and value > 0):
                log.warning(
                    "%s: %s is %r, but it must be a number of seconds above 0; "
                    "using %g s instead. Change it in Settings or in that file.",
                    path,
                    name,
                    raw[name],
                    default,
                )
                continue
            if name == "concurrency" and not 1 <= value <= 32:
                log.warning(
                    "%s: concurrency is %r, but it must be from 1 to 32; using %d.",
                    path,
                    raw[name],
                    default,
                )
                continue
            values[name] = value
    settings = replace(defaults, **values)
    if settings.daily_cap_usd.strip() and not _readable_cap(settings.daily_cap_usd):
        log.warning(
            "%s: daily_cap_usd %r is not an amount of dollars; every job is held until it "
            "is fixed (e.g. 5 or 2.50).",
            path,
            settings.daily_cap_usd,
        )
    return settings


def save_settings(home: Path, settings: Settings) -> None:
    """Atomic write, so a crash never leaves half a settings file."""
    home.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=".settings-", dir=home)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(asdict(settings), handle, indent=2, sort_keys=True)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, home / SETTINGS_FILE)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise

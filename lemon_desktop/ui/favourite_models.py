"""The picker's starred models, kept in settings.json (`favourite_models`) so they
survive a restart and are the same for every window on that home folder."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .services import Services


class SettingsFavourites:
    def __init__(self, services: Services) -> None:
        self._services = services

    def load(self) -> tuple[str, ...]:
        return self._services.settings.favourite_models

    def save(self, model_ids: tuple[str, ...]) -> None:
        settings = self._services.settings
        self._services.save_settings(replace(settings, favourite_models=model_ids))

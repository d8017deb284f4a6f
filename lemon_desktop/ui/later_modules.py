"""What the window imports after the gallery's first page, one module per event-loop turn.

The panels, the stage and the gateway's connection need some 300 modules (the HTTP
stack, the request profiles, the job layer, the keyring) that take far longer to import
than to build their widgets (about 170 ms against 40 ms on the reference machine).
Imported in one go, they would freeze the gallery the moment it had appeared; imported
here, a turn at a time, it keeps scrolling and repainting between them.

The list only decides the order and the slice sizes: leaves first, so each turn imports
little. A module missing here is simply imported, in one longer turn, by whoever needs
it; tests/test_ui_startup_order.py checks that every name still exists.
"""

from __future__ import annotations

import asyncio
import importlib
import sys

LATER_MODULES = (
    "httpx2",  # the largest single step (~40 ms): the HTTP stack underneath the client
    "lemon_desktop.api.client",
    "lemon_desktop.api.profiles",
    "lemon_desktop.api.routing",
    "lemon_desktop.jobs.records",
    "lemon_desktop.jobs.store",
    "lemon_desktop.jobs.queue",
    "lemon_desktop.core.catalogue",
    "lemon_desktop.ui.first_run",
    "lemon_desktop.ui.params",
    "lemon_desktop.ui.model_picker",
    "lemon_desktop.ui.presets",
    "lemon_desktop.ui.reference_tray",
    "lemon_desktop.ui.prompt_box",
    "lemon_desktop.ui.generate_panel",
    "lemon_desktop.ui.image_actions",
    "lemon_desktop.ui.queue",
    "lemon_desktop.ui.compare",
    "lemon_desktop.ui.job_controller",
    "lemon_desktop.ui.window_panels",
    "lemon_desktop.ui.stage.panel",
    "keyring",
    "lemon_desktop.keys",
)


async def import_in_slices(names: tuple[str, ...] = LATER_MODULES) -> None:
    """Import `names` in order, letting the event loop run between two of them."""
    for name in names:
        if name not in sys.modules:
            importlib.import_module(name)
            await asyncio.sleep(0)

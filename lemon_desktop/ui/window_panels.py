"""The main window's panels, built together after the window's first paint.

Their modules (request profiles, the queue, the job layer's widgets) take longer to
import and build than Qt takes to show a window, so main_window.py imports this module
only when the panels are built: on the event-loop turn after the first paint, or at
once when anything asks for one of them (MainWindow's typed properties).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel

from ..core.catalogue import ModelCatalog
from .banner import ErrorBanner
from .favourite_models import SettingsFavourites
from .first_run import FirstRunPanel
from .generate_panel import GeneratePanel
from .image_actions import ImageActions
from .job_controller import JobController
from .notifier import Notifier
from .prompt_box import PromptHistory
from .queue import QueuePanel
from .tasks import TaskRunner

if TYPE_CHECKING:
    from .main_window import MainWindow


@dataclass(frozen=True)
class Panels:
    tasks: TaskRunner
    catalog: ModelCatalog
    first_run: FirstRunPanel
    generate: GeneratePanel
    queue_panel: QueuePanel
    banner: ErrorBanner
    notifier: Notifier
    jobs: JobController
    badge: QLabel
    image_actions: ImageActions


def build_panels(window: MainWindow) -> Panels:
    """Every panel of `window`, not yet placed in its layout."""
    services = window.services
    tasks = TaskRunner(on_error=window.show_error)
    catalog = ModelCatalog(services.home)
    first_run = FirstRunPanel(window)
    # Checked with the real gateway, even while the sandbox stands in for it.
    first_run.checker = lambda key: services.check_key(None, key)
    first_run.storer = services.store_key
    generate = GeneratePanel(PromptHistory(services.home), window, home=services.home)
    generate.estimator = services.estimate
    generate.tray.source = services.session  # dropped and pasted images go to the library
    generate.picker.favourites = SettingsFavourites(services)
    queue_panel = QueuePanel(window)
    banner = ErrorBanner(window)
    notifier = Notifier(window, window.windowIcon())
    jobs = JobController(services, queue_panel, tasks, notifier, window)
    # Edit, use as reference, vary, upscale, remove background, marks and files: one
    # place for the stage, the gallery and the filmstrip.
    image_actions = ImageActions(
        lambda: services.library, lambda: jobs, lambda: generate, window.marks, window
    )
    return Panels(
        tasks=tasks,
        catalog=catalog,
        first_run=first_run,
        generate=generate,
        queue_panel=queue_panel,
        banner=banner,
        notifier=notifier,
        jobs=jobs,
        badge=_sandbox_badge(window),
        image_actions=image_actions,
    )


def _sandbox_badge(window: MainWindow) -> QLabel:
    badge = QLabel(QCoreApplication.translate("MainWindow", "Sandbox"), window)
    badge.setObjectName("sandboxBadge")
    badge.setStyleSheet(
        "#sandboxBadge { background: #e07b00; color: white; font-weight: bold;"
        " border-radius: 4px; padding: 2px 10px; margin: 2px 6px; }"
    )
    badge.setToolTip(
        QCoreApplication.translate(
            "MainWindow",
            "Running against the built-in sandbox: images are test drawings, nothing is billed",
        )
    )
    badge.hide()
    return badge

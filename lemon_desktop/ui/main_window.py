"""The main window: generate panel | the stage beside the gallery, over the queue;
menus, shortcuts, and the first-run page; start() brings the layers up without ever
blocking the GUI thread.

The constructor builds only the shell (title, menus, splitters with placeholders, saved
geometry), so the first frame is painted before anything else exists. start() then
shows the user's images first: the library opens, the gallery takes its place and paints
its first page with thumbnails (`gallery` is None until then), and only after that come
the panels (window_panels.py: the request profiles, the queue, the job layer's widgets,
whose modules take several times longer to import and build than the gallery), the
stage and the connection to the gateway. The panels replace their placeholders then, or
at once when anything asks for one of them: each is a typed property that builds them
all on first use. The image viewer is the stage's full-screen mode (`viewer`, made when
first asked for)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from . import shortcuts
from .mark_history import MarkHistory
from .ui_state import UiState
from .widgets import fixed_status_bar

if TYPE_CHECKING:
    from pathlib import Path

    from ..core.catalogue import ModelCatalog
    from ..jobs import Job, JobEvent
    from ..library.records import ImportReport
    from ..settings import Settings
    from .banner import ErrorBanner
    from .first_run import FirstRunPanel
    from .folder_import import FolderImport, FolderImportDialog
    from .gallery.panel import GalleryPanel
    from .gallery.viewer import ImageViewer
    from .gateway_actions import GatewayActions
    from .generate_panel import GeneratePanel
    from .image_actions import ImageActions
    from .job_controller import JobController
    from .notifier import Notifier
    from .queue import QueuePanel
    from .services import Services
    from .settings_dialog import SettingsDialog
    from .shortcuts_dialog import ShortcutsDialog
    from .stage.panel import StagePanel
    from .tasks import TaskRunner
    from .window_panels import Panels

APP_TITLE = "Lemon Desktop"
# The longest the panels wait for the gallery's first page (see start()): a slow disk, or
# a library finishing interrupted adds as it opens, never holds the rest back longer.
GALLERY_FIRST_SECONDS = 1.5


class MainWindow(QMainWindow):
    closed = Signal()  # after the close event was accepted: time to shut the layers down
    # The panels are built: what start-up makes is made, though the keyring and the
    # gateway may still take long to answer.
    panels_built = Signal()

    # The shell, made by _build_layout() in the constructor.
    main: QSplitter
    right: QSplitter
    centre: QSplitter  # the stage beside the gallery
    stage_slot: QStackedWidget
    gallery_slot: QStackedWidget
    library_waiting: QLabel  # in the gallery's place until the library is open
    pages: QStackedWidget
    workspace: QWidget
    _column: QVBoxLayout
    _placeholders: list[QWidget]  # hold the panels' places until they are built
    gateway: GatewayActions  # the Gateway menu, made with the menus

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.setObjectName("mainWindow")
        self._panels: Panels | None = None
        self._building = False
        self._shut_down = False
        self.ui_state = UiState(services.home)
        self.gallery: GalleryPanel | None = None
        self.stage: StagePanel | None = None
        self.viewer: ImageViewer | None = None
        self.settings_dialog: SettingsDialog | None = None
        self.shortcuts_dialog: ShortcutsDialog | None = None
        self.import_dialog: FolderImportDialog | None = None
        self.imports: set[FolderImport] = set()  # running folder imports
        self._build_layout()
        # Undo of ratings and favourites, shared by the gallery, the viewer and Edit.
        self.marks = MarkHistory(self)
        self.actions_by_name: dict[str, QAction] = {}
        self._build_menus()
        self.resize(1400, 900)
        # Geometry and the outer splitters now, so the first frame already has the
        # saved size and proportions; the generate panel's splitter when it exists.
        self.ui_state.restore_window(self, self._outer_splitters())
        self.setWindowTitle(APP_TITLE)

    # -- the panels: built on first use (see the module docstring) ----------------------

    @property
    def panels(self) -> Panels:
        if self._panels is None:
            self._build_panels()
        assert self._panels is not None  # _build_panels sets it or raises
        return self._panels

    @property
    def has_panels(self) -> bool:
        return self._panels is not None

    @property
    def tasks(self) -> TaskRunner:
        return self.panels.tasks

    @property
    def catalog(self) -> ModelCatalog:
        return self.panels.catalog

    @property
    def first_run(self) -> FirstRunPanel:
        return self.panels.first_run

    @property
    def generate(self) -> GeneratePanel:
        return self.panels.generate

    @property
    def queue_panel(self) -> QueuePanel:
        return self.panels.queue_panel

    @property
    def banner(self) -> ErrorBanner:
        return self.panels.banner

    @property
    def notifier(self) -> Notifier:
        return self.panels.notifier

    @property
    def jobs(self) -> JobController:
        return self.panels.jobs

    @property
    def badge(self) -> QLabel:
        return self.panels.badge

    @property
    def image_actions(self) -> ImageActions:
        return self.panels.image_actions

    def _build_panels(self) -> None:
        if self._panels is not None:
            return
        if self._building:
            raise RuntimeError("a panel was asked for while the panels were being built")
        self._building = True
        try:
            from .window_panels import build_panels

            self._panels = build_panels(self)
        finally:
            self._building = False
        # The same places and order as the placeholders they take over; a replaced
        # widget passes on its geometry, so restored splitter sizes hold.
        self.right.replaceWidget(1, self.queue_panel)
        self.main.replaceWidget(0, self.generate)
        for placeholder in self._placeholders:
            placeholder.deleteLater()
        self._placeholders = []
        self.right.setStretchFactor(1, 2)
        self.main.setStretchFactor(0, 0)
        self._column.insertWidget(0, self.banner)
        self.pages.addWidget(self.first_run)
        self.menuBar().setCornerWidget(self.badge, Qt.Corner.TopRightCorner)
        self._wire()
        self.order_focus()
        self.ui_state.restore_splitters({"generate": self.generate.splitter})
        self.update_title()
        self.gateway.show_state(self.services.state)  # Generate off until connected
        if self.gallery is not None:  # it came first; now it gets what the panels offer
            self._join_gallery(self.gallery)

    # -- construction ------------------------------------------------------------

    def _build_layout(self) -> None:
        # Placeholders hold the generate and queue panels' places until _build_panels().
        generate_slot, queue_slot = QWidget(self), QWidget(self)
        self._placeholders = [generate_slot, queue_slot]
        self.gallery_slot = QStackedWidget(self)
        waiting = QLabel(self.tr("Opening the library…"), self.gallery_slot)
        waiting.setObjectName("libraryWaiting")
        waiting.setAlignment(Qt.AlignmentFlag.AlignCenter)
        waiting.setWordWrap(True)
        waiting.setMargin(12)
        self.gallery_slot.addWidget(waiting)
        self.library_waiting = waiting
        # A library made by an older version is upgraded as it opens, once: minutes at a
        # million images, which "Opening" would not explain. The session says so first,
        # on the loop's (GUI) thread.
        self.services.session.library_upgrade_events.subscribe(
            lambda _root: waiting.setText(
                self.tr(
                    "Updating the library for this version "
                    "(once; large libraries take a few minutes)…"
                )
            )
        )
        # The stage in the middle, as large as the window allows; the gallery beside it.
        self.stage_slot = QStackedWidget(self)
        self.stage_slot.setMinimumWidth(320)
        self.centre = QSplitter(Qt.Orientation.Horizontal, self)
        self.centre.setObjectName("centreSplitter")
        self.centre.addWidget(self.stage_slot)
        self.centre.addWidget(self.gallery_slot)
        # The stage takes most of what the window gains or loses; the gallery keeps at
        # least a column of thumbnails.
        self.gallery_slot.setMinimumWidth(230)
        self.centre.setStretchFactor(0, 3)
        self.centre.setStretchFactor(1, 1)
        self.centre.setCollapsible(0, False)
        self.centre.setSizes([680, 250])
        self.right = QSplitter(Qt.Orientation.Vertical, self)
        self.right.setObjectName("rightSplitter")
        self.right.addWidget(self.centre)
        self.right.addWidget(queue_slot)
        self.right.setStretchFactor(0, 1)
        self.right.setStretchFactor(1, 0)
        self.main = QSplitter(Qt.Orientation.Horizontal, self)
        self.main.setObjectName("mainSplitter")
        self.main.addWidget(generate_slot)
        self.main.addWidget(self.right)
        self.main.setStretchFactor(0, 0)
        self.main.setStretchFactor(1, 1)
        # The panel keeps its width as the window changes (stretch 0): narrow enough that
        # the stage and the gallery share a laptop screen.
        self.main.setSizes([380, 1060])
        self.right.setSizes([620, 230])
        workspace = QWidget(self)
        column = QVBoxLayout(workspace)
        column.setContentsMargins(4, 4, 4, 4)
        column.addWidget(self.main, 1)
        self._column = column
        self.workspace = workspace
        self.pages = QStackedWidget(self)
        self.pages.addWidget(workspace)
        self.setCentralWidget(self.pages)
        fixed_status_bar(self)  # there from the start: a message never moves the window

    def _outer_splitters(self) -> dict[str, QSplitter]:
        return {"main": self.main, "right": self.right, "centre": self.centre}

    def _splitters(self) -> dict[str, QSplitter]:
        return {**self._outer_splitters(), "generate": self.generate.splitter}

    def _action(self, name: str, slot: Callable[[], object]) -> QAction:
        action = QAction(shortcuts.label(name), self)
        action.setShortcuts(shortcuts.sequences(name))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)

        def fire(_checked: bool = False) -> None:
            slot()  # menu actions take no arguments; the click's checked state is dropped

        action.triggered.connect(fire)
        self.addAction(action)
        self.actions_by_name[name] = action
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addAction(self._action("import_folder", self.import_folder))
        file_menu.addAction(self._action("settings", self.open_settings))
        file_menu.addSeparator()
        file_menu.addAction(self._action("quit", self.close))
        edit_menu = bar.addMenu(self.tr("&Edit"))
        edit_menu.addAction(self._action("undo", self.undo_mark))
        edit_menu.addAction(self._action("redo", self.redo_mark))
        self.marks.changed.connect(self._name_undo)
        self.marks.failed.connect(self._show_status)
        self._name_undo()
        generate_menu = bar.addMenu(self.tr("&Generate"))
        # Actions that reach into a panel go through the window: the panels come later.
        generate_menu.addAction(self._action("generate", lambda: self.generate.submit()))
        generate_menu.addAction(self._action("focus_prompt", self.focus_prompt))
        generate_menu.addAction(self._action("focus_models", self.focus_models))
        generate_menu.addAction(self._action("compare", lambda: self.generate.compare.toggle()))
        queue_menu = bar.addMenu(self.tr("&Queue"))
        for name, verb in (("cancel_job", "cancel"), ("retry_job", "retry"), ("open_job", "open")):
            queue_menu.addAction(self._action(name, partial(self._act_on_job, verb)))
        queue_menu.addAction(self._action("resume_queue", lambda: self.jobs.resume()))
        from .gateway_actions import GatewayActions

        self.gateway = GatewayActions(self)
        bar.addMenu(self.gateway.menu)
        view_menu = bar.addMenu(self.tr("&View"))
        view_menu.addAction(self._action("search", self.focus_search))
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self._action("shortcuts", self.show_shortcuts))

    def _act_on_job(self, verb: str) -> None:
        self.queue_panel.act_on_selected(verb)

    def _wire(self) -> None:
        self.generate.generate_requested.connect(self.jobs.generate)
        self.generate.compare_requested.connect(self.jobs.compare)
        self.generate.state_changed.connect(self._save_generate_state)
        self.jobs.status.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.jobs.open_image.connect(self.open_image)
        self.jobs.submitted.connect(self._follow_job)
        self.services.job_event.connect(self._stage_event)
        self.image_actions.status.connect(self._show_status)
        self.image_actions.trashed.connect(self._offer_untrash)
        self.first_run.key_accepted.connect(self._on_key_accepted)
        self.first_run.sandbox_requested.connect(self.start_sandbox)
        self.services.connection_changed.connect(self._on_connected)
        self.gateway.wire()  # the banner's ways out, Generate's rule, the Gateway menu

    # -- start-up ------------------------------------------------------------------

    async def start(
        self, *, sandbox: bool = False, base_url: str | None = None, api_key: str | None = None
    ) -> None:
        """Bring everything up; call once the loop runs. `api_key` skips the keyring.

        The user's images come first (see the module docstring): the panels, the model
        list and the gateway follow once the gallery has painted its first page."""
        settings = await self.services.load_settings()
        from .theme import apply_theme

        # Before the gallery paints: "system" follows the desktop's light or dark scheme.
        apply_theme(settings.theme)
        library_task = asyncio.ensure_future(self.services.open_library())
        library_task.add_done_callback(self._library_opened)
        await self._gallery_first(library_task)
        if self._panels is None:
            from .later_modules import import_in_slices

            await import_in_slices()  # the gallery keeps answering while they load
        self._build_panels()
        self._load_models()
        self.panels_built.emit()
        if api_key is not None:
            await library_task
            await self.services.connect(
                base_url or self.services.base_url, api_key, source="session"
            )
        elif sandbox:
            await library_task
            await self.services.start_sandbox()
        else:
            # The session asks the keyring in a worker thread: D-Bus can stall.
            state = await self.services.connect_saved_key()
            if not self.services.connected:
                self.first_run.set_keyring_problem(state.keyring_problem)
                self.pages.setCurrentWidget(self.first_run)
            await library_task
        self._attach_gallery()

    def _load_models(self) -> None:
        self.generate.set_entries(self.catalog.load())
        model = self.ui_state.last_model or self.services.settings.default_model
        values, extras = self.ui_state.model_state(model)
        self.generate.restore(model, values, extras)

    async def _gallery_first(self, library_task: asyncio.Future[Any]) -> None:
        """Wait until the gallery shows its first page with thumbnails, or it is clear it
        will not soon (the library failed or is slow to open): no longer than
        GALLERY_FIRST_SECONDS in all, so the rest of the window is never held back."""
        from .first_page import first_page_shown

        loop = asyncio.get_running_loop()
        deadline = loop.time() + GALLERY_FIRST_SECONDS
        try:
            await asyncio.wait_for(asyncio.shield(library_task), GALLERY_FIRST_SECONDS)
        except Exception:  # a failure is reported where start() awaits the task
            return
        self._attach_gallery()
        gallery, thumbnails = self.gallery, self.services.thumbnails
        if gallery is not None and thumbnails is not None:
            await first_page_shown(gallery, thumbnails, max(0.0, deadline - loop.time()))

    def _library_opened(self, task: asyncio.Future[Any]) -> None:
        # A failure is reported where start() awaits the task.
        if not task.cancelled() and task.exception() is None:
            self._attach_gallery()

    def _attach_gallery(self) -> None:
        """The gallery, as soon as the library is open; what it needs from the panels
        (image actions, compare boards) and the stage beside it come in _join_gallery."""
        library, thumbnails = self.services.library, self.services.thumbnails
        if self.gallery is not None or library is None or thumbnails is None:
            return
        from .gallery.panel import GalleryPanel

        gallery = GalleryPanel(library, thumbnails, self.gallery_slot, history=self.marks)
        gallery.reuse_requested.connect(self.reuse)
        gallery.reuse_offered.connect(self._offer_reuse)
        gallery.open_requested.connect(self.open_image)
        gallery.status_message.connect(self._show_status)
        gallery.export_template = self.services.settings.export_template
        self.gallery_slot.addWidget(gallery)
        self.gallery_slot.setCurrentWidget(gallery)
        self.gallery = gallery
        if self._panels is not None:
            self._join_gallery(gallery)

    def _join_gallery(self, gallery: GalleryPanel) -> None:
        gallery.image_actions = self.image_actions
        self.jobs.boards.attach(gallery, self.image_actions)  # "Open Compare Board", group:ID
        self._attach_stage(gallery)

    def _attach_stage(self, gallery: GalleryPanel) -> None:
        library, thumbnails = self.services.library, self.services.thumbnails
        if self.stage is not None or library is None:
            return
        from .stage.panel import StagePanel

        stage = StagePanel(
            library, thumbnails, self.image_actions, self.services.home, self.stage_slot
        )
        stage.preview = gallery.preview  # the grid's thumbnail while the picture decodes
        stage.status_message.connect(self._show_status)
        stage.full_screen_requested.connect(self.open_full_screen)
        # The image chosen in the grid is the one on the stage.
        gallery.current_image_changed.connect(stage.show_image)
        self.stage_slot.addWidget(stage)
        self.stage_slot.setCurrentWidget(stage)
        self.stage = stage
        self.order_focus()
        stage.show_latest()

    def order_focus(self) -> None:
        """Tab goes as the eye does: the banner's buttons, the generate panel, the
        stage, the gallery, then the queue (panels made later join the chain's end)."""
        from .accessibility import chain_focus, focus_descendants

        self.generate.order_focus()
        parts = [self.banner, self.generate, self.stage, self.gallery, self.queue_panel]
        chain_focus(w for part in parts if part is not None for w in focus_descendants(part))

    def _follow_job(self, job: Job) -> None:
        if self.stage is not None:
            self.stage.follow_job(job)

    def _stage_event(self, event: JobEvent) -> None:
        if self.stage is not None:
            self.stage.apply(event)

    def _offer_untrash(self, ids: list[int]) -> None:
        if self.gallery is not None:
            self.gallery.banner.offer(ids)

    def _show_status(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    def undo_mark(self) -> None:
        """Edit → Undo: the last rating or favourite change, in the gallery or viewer."""
        text = self.marks.undo()
        if text:
            self._show_status(text)

    def redo_mark(self) -> None:
        text = self.marks.redo()
        if text:
            self._show_status(text)

    def _name_undo(self, _index: int = 0) -> None:
        # "Undo rating (3 images)": the menu says what the key would undo.
        undo, redo = self.actions_by_name["undo"], self.actions_by_name["redo"]
        undo.setText(self.marks.undo_label())
        undo.setEnabled(self.marks.stack.canUndo())
        redo.setText(self.marks.redo_label())
        redo.setEnabled(self.marks.stack.canRedo())

    def _on_connected(self) -> None:
        self.update_title()
        if self.services.connected:
            self.pages.setCurrentWidget(self.workspace)
            self.jobs.reload()
            self.tasks.spawn(self._refresh_models())

    async def _refresh_models(self) -> None:
        client = self.services.client
        if client is None:
            return
        try:
            entries = await self.catalog.refresh(client)
        except Exception:
            # A connection replaced meanwhile (its own refresh follows), or one whose
            # problem the banner already explains: the cached list stays.
            if self.services.client is not client or self.services.state.is_problem:
                return
            raise
        if self.services.client is client:
            self.generate.set_entries(entries)

    def _on_key_accepted(self, key: str, source: str) -> None:
        # The real gateway's address: a new key also leads out of the sandbox.
        self.tasks.spawn(self.services.connect(self.services.gateway_url, key, source=source))

    def start_sandbox(self) -> None:
        self.first_run.sandbox.setEnabled(False)
        self.first_run.result.setText(self.tr("Starting the sandbox…"))
        self.tasks.spawn(self.services.start_sandbox())

    # -- title, errors -----------------------------------------------------------------

    def update_title(self) -> None:
        sandbox = self.services.in_sandbox
        self.setWindowTitle(
            self.tr("{app} — Sandbox").format(app=APP_TITLE) if sandbox else APP_TITLE
        )
        self.badge.setVisible(sandbox)

    def show_error(self, message: str) -> None:
        self.banner.show_message(message)
        self.first_run.sandbox.setEnabled(True)

    # -- actions ---------------------------------------------------------------------

    def focus_prompt(self) -> None:
        self.generate.prompt.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def focus_models(self) -> None:
        self.generate.picker.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.generate.picker.search.selectAll()

    def focus_search(self) -> None:
        if self.gallery is not None:
            self.gallery.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.gallery.search.selectAll()

    def reuse(self, settings: dict[str, Any]) -> None:
        plan = self.generate.reuse(settings)
        done = self.tr("Settings filled in; nothing was generated.")
        # The full note (what was left out) stays visible in the generate panel.
        self.statusBar().showMessage(f"{done} {plan.note}".strip(), 10000)

    def _offer_reuse(self, settings: dict[str, Any]) -> None:
        self.banner.offer(
            self.tr("The dropped image carries its settings ({model}). Reuse them?").format(
                model=settings.get("model") or self.tr("unknown model")
            ),
            self.tr("Reuse settings"),
            lambda: self.reuse(settings),
        )

    def open_image(self, image_id: int) -> None:
        """Show `image_id` on the stage (Enter in the grid, Open on a job)."""
        if self.stage is None:
            self.open_full_screen(image_id)
            return
        self.stage.show_image(image_id)
        self.stage.canvas.setFocus(Qt.FocusReason.OtherFocusReason)

    def open_full_screen(self, image_id: int) -> None:
        """The stage's full-screen mode: the image alone, with its details."""
        library = self.services.library
        if library is None:
            return
        viewer = self.viewer
        if viewer is None:
            from .gallery.viewer import ImageViewer

            viewer = self.viewer = ImageViewer(library, None, history=self.marks)
            viewer.image_changed.connect(self._follow_viewer)
            viewer.reuse_requested.connect(self.reuse)
            viewer.status_message.connect(self._show_status)
        if self.gallery is not None:
            # Prev/next in the viewer follow the gallery's current order.
            viewer.show_image(image_id, self.gallery.neighbour, self.gallery.preview)
            self.gallery.model.pages_arrived.connect(
                viewer.refresh_buttons, Qt.ConnectionType.UniqueConnection
            )
        else:
            viewer.show_image(image_id)
        viewer.showFullScreen()
        viewer.raise_()

    def _follow_viewer(self, image_id: int) -> None:
        if self.gallery is not None:
            self.gallery.select_image(image_id)

    def import_folder(self) -> None:
        """File → Import folder…: ask which folder and how, then import it in a worker."""
        if self.services.library is None:
            self.banner.show_message(self.tr("The library is still opening; try again shortly."))
            return
        from .folder_import import FolderImportDialog

        folder, in_place = self.ui_state.last_import()
        dialog = FolderImportDialog(self, folder)
        dialog.in_place.setChecked(in_place)
        dialog.chosen.connect(self.start_import)
        dialog.finished.connect(dialog.deleteLater)
        self.import_dialog = dialog
        dialog.open()

    def start_import(self, folder: Path, in_place: bool) -> FolderImport | None:
        from .folder_import import FolderImport, FolderImportProgress, failure_details, summary

        library = self.services.library
        if library is None:
            return None
        self.ui_state.save_import(str(folder), in_place)
        job = FolderImport(library, folder, in_place, self)
        progress = FolderImportProgress(job, self)
        self.imports.add(job)

        def finish() -> None:
            self.imports.discard(job)
            progress.close()
            progress.deleteLater()
            job.deleteLater()

        def done(report: ImportReport) -> None:
            finish()
            text = summary(report, in_place)
            self.statusBar().showMessage(text, 15000)
            if report.failed or report.unreadable:
                self.banner.show_message(f"{text}\n{failure_details(report)}")

        def failed(message: str) -> None:
            finish()
            self.banner.show_message(message)

        job.finished.connect(done)
        job.failed.connect(failed)
        job.start()
        return job

    def show_shortcuts(self) -> None:
        if self.shortcuts_dialog is None:
            from .shortcuts_dialog import ShortcutsDialog

            self.shortcuts_dialog = ShortcutsDialog(self)
        self.shortcuts_dialog.open()

    def open_settings(self) -> None:
        from .settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.services.settings, self.services.home, self.services, self)
        dialog.saved.connect(self.apply_settings)
        dialog.key_changed.connect(self._on_settings_key)
        dialog.finished.connect(dialog.deleteLater)
        self.settings_dialog = dialog
        dialog.open()

    def apply_settings(self, settings: Settings) -> None:
        from .theme import apply_theme

        old = self.services.settings
        self.services.save_settings(settings)
        apply_theme(settings.theme)
        if self.gallery is not None:
            self.gallery.export_template = settings.export_template
        if settings.library_path != old.library_path:
            self.banner.show_message(
                self.tr("The new library folder is used from the next start."), error=False
            )
        from ..core.session import changes_connection

        if self.services.connected and changes_connection(old, settings):
            self.tasks.spawn(self.services.reconnect())

    def _on_settings_key(self, key: str) -> None:
        if key:  # checked with the gateway before it was stored
            self._on_key_accepted(key, "keyring")

    def _save_generate_state(self) -> None:
        self.ui_state.save_generate(self.generate.state())

    def pending_tasks(self) -> int:
        """Background work the window started that has not finished yet."""
        if self._panels is None:
            return 0
        dialog = self.settings_dialog
        asking = dialog.key_section.tasks.pending if dialog is not None else 0
        from .tasks import Debouncer

        # A debounced call (prices, saves) becomes a task when its timer fires.
        due = sum(1 for debouncer in self.findChildren(Debouncer) if debouncer.pending)
        return (
            self.tasks.pending
            + self.generate.tasks.pending
            + self.first_run.tasks.pending
            + asking
            + due
        )

    # -- shutdown --------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._panels is None:
            # Closed before the panels existed: keep their saved state, build nothing.
            self.ui_state.save_window(self, self._outer_splitters())
            self.ui_state.sync()
            super().closeEvent(event)
            if event.isAccepted():
                self.closed.emit()
            return
        for job in self.imports:
            job.stop()  # what was read so far is kept; the rest waits for another import
        self.ui_state.save_window(self, self._splitters())
        self._save_generate_state()
        self.ui_state.sync()
        for view in list(self.jobs.compare_views):
            view.close()
        if self.viewer is not None:
            self.viewer.close()
        super().closeEvent(event)
        if event.isAccepted():
            self.closed.emit()

    async def aclose(self) -> None:
        """Shut the layers down; once (the self-test's script and its caller both close)."""
        if self._shut_down:
            return
        self._shut_down = True
        from .tasks import Debouncer

        for debouncer in self.findChildren(Debouncer):
            debouncer.close()
        if self._panels is not None:
            await self.tasks.aclose()
            await self.generate.tasks.aclose()
            await self.first_run.tasks.aclose()
        await self.services.aclose()
        # Destroy the Qt side now, on the GUI thread: left to Python's cycle collector,
        # it could be freed on whichever thread the collector happens to run.
        self.services.deleteLater()

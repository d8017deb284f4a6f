"""The left panel: presets, the prompt (large, at the top) with its reference tray,
the model, the parameters (creative first, technical under "Advanced"), the cost
estimate and the Generate button.

The panel validates on every change with the same validator the request builder uses;
a request with images is also checked by the api's plan (counts, formats, mask,
parameters that route takes) in a worker thread, with its messages shown inline. It
only emits finished requests; submitting them is the window's job.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QMimeData, Qt, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ..api.profiles import (
    FieldProblem,
    ImageRequest,
    InvalidRequest,
    make_request,
    profile_for,
    validate,
)
from ..core.catalogue import CatalogEntry
from ..core.compare import ComparePlan, plan_compare
from ..core.model_settings import ModelSettingsStore
from ..core.presets import Preset, PresetStore, fill_subject, slots
from ..money import format_usd, known_usd
from .accessibility import chain_focus, focus_descendants
from .core_words import core_text
from .gallery.text import plural
from .model_picker import ModelPicker
from .panel_inputs import (
    EditSource,
    EditSourceRow,
    InputPlanResult,
    attach_inputs,
    check_plan,
    reference_room,
)
from .params import ParamPanel
from .presets import PresetBar
from .prompt_box import PromptBox, PromptHistory
from .reference_tray import ReferenceTray
from .reuse_plan import ReusePlan, plan_reuse
from .tasks import Debouncer, TaskRunner, run_in_thread
from .tile_prices import price_tiles
from .widgets import error_label, reserve_lines

Estimator = Callable[[ImageRequest], Awaitable[Decimal | None]]


def money(value: Decimal) -> str:
    return format_usd(value)


def known_amount(value: object) -> Decimal | None:
    """An estimate the price list gave, when it is a usable amount (the app's one money
    rule); None (unknown) for anything else. Estimates are Decimals: a float here is a
    mistake, never a price."""
    return known_usd(value) if isinstance(value, Decimal) else None


class GeneratePanel(QWidget):
    # The ImageRequest, and the estimate shown for it (a Decimal) or None: the job is
    # recorded with that estimate before anything is sent.
    generate_requested = Signal(object, object)
    # The ImageRequests of a comparison, in the list's order, and the estimate shown for
    # each (a Decimal, or None where none was shown): recorded with the jobs.
    compare_requested = Signal(list, list)
    state_changed = Signal()  # model or a parameter changed: worth persisting

    def __init__(
        self,
        history: PromptHistory,
        parent: QWidget | None = None,
        *,
        home: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.tasks = TaskRunner()
        self.estimator: Estimator | None = None
        # Each model's own settings, restored when it is chosen again (also after a
        # restart when the panel has a home folder).
        self.model_settings = ModelSettingsStore(home)
        self.presets = PresetBar(PresetStore(home), self._current_preset, self)
        self.presets.prompt_text = lambda: self.prompt.text()
        self.picker = ModelPicker(self)
        self.compare = QCheckBox(self.tr("Compare several models"), self)
        self.compare.setToolTip(
            self.tr("Tick models in the list to send one prompt to all of them side by side")
        )
        self.params = ParamPanel(self)
        self.prompt = PromptBox(history, self)
        self.edit_row = EditSourceRow(self)
        self.tray = ReferenceTray(self)
        # What the api's plan says about the images (unverified routes, conversions).
        self.input_note = QLabel(self)
        self.input_note.setObjectName("inputNote")
        self.input_note.setWordWrap(True)
        self.input_note.setTextFormat(Qt.TextFormat.PlainText)
        self.input_note.hide()
        # What a reuse left out or changed (settings from another tool, a model the
        # gateway does not offer); stays until the next reuse or Generate.
        self.reuse_note = QLabel(self)
        self.reuse_note.setObjectName("reuseNote")
        self.reuse_note.setWordWrap(True)
        self.reuse_note.setTextFormat(Qt.TextFormat.PlainText)
        self.reuse_note.hide()
        # A model the gateway does not list is only sent once the person says so.
        self.allow_unlisted = QCheckBox(self.tr("Send to this unlisted model anyway"), self)
        self.allow_unlisted.setObjectName("allowUnlisted")
        self.allow_unlisted.hide()
        self.problems = error_label(self)
        # How the settings reach each compared model ("flux-pro: 16:9 → 1344x768"),
        # shown before sending so nothing is changed or left out unseen.
        self.compare_note = QLabel(self)
        self.compare_note.setObjectName("compareTranslation")
        self.compare_note.setWordWrap(True)
        self.compare_note.setTextFormat(Qt.TextFormat.PlainText)
        self.compare_note.hide()
        self.cost = QLabel(self)
        self.cost.setObjectName("costEstimate")
        self.generate = QPushButton(self.tr("Generate"), self)
        self.generate.setObjectName("generateButton")
        self.generate.setDefault(True)
        self.reason = QLabel(self)
        self.reason.setObjectName("generateReason")
        reserve_lines(self.reason, 2)  # its height kept, shown or not: the panel never jumps
        self._build_layout()
        self.picker.model_changed.connect(self._on_model)
        self.picker.compare_changed.connect(lambda _models: self.revalidate())
        self.compare.toggled.connect(self._on_compare)
        self.allow_unlisted.toggled.connect(lambda _on: self.revalidate())
        self.params.changed.connect(self._on_params)
        self.prompt.changed.connect(self.revalidate)
        self.prompt.submitted.connect(self.submit)
        self.prompt.edit.images_pasted.connect(self._on_images_pasted)
        self.tray.changed.connect(self.revalidate)
        self.edit_row.cleared.connect(self.clear_edit_source)
        self.presets.applied.connect(self.apply_preset)
        self.generate.clicked.connect(self.submit)
        self._estimate_later = Debouncer(400, self._estimate, self)
        self._price_tiles_later = Debouncer(300, self._price_tiles, self)
        self._remember_later = Debouncer(400, self._remember_settings, self)
        self._request: ImageRequest | None = None
        self._shown_estimate: tuple[ImageRequest, Decimal] | None = None
        # Per request of a comparison: the estimate shown for it.
        self._shown_batch: dict[ImageRequest, Decimal] = {}
        self._batch: list[ImageRequest] = []
        self.compare_plan: ComparePlan | None = None
        self._busy_text = ""
        self._generation = 0
        self._tile_round = 0  # a newer pricing of the tiles makes an older one stale
        # The edit the stage asked for, while it is set; the api's plan of the last
        # request with images (checked in a worker thread).
        self._edit: EditSource | None = None
        self._edit_loading = 0
        self._plan: tuple[ImageRequest, InputPlanResult] | None = None
        self._plan_asked: ImageRequest | None = None
        self._update_tray_limit()
        self.revalidate()
        self.order_focus()

    def order_focus(self) -> None:
        """Tab as the panel reads, top to bottom: presets, prompt, images, model, its
        settings, Generate (a model's fields are made anew, at the chain's end)."""
        parts: list[QWidget] = [self.presets, self.prompt, self.edit_row, self.tray, self.picker]
        chain_focus(
            [
                *(w for part in parts for w in focus_descendants(part)),
                self.compare,
                *self.params.focus_order(),
                self.allow_unlisted,
                self.generate,
            ]
        )

    def _build_layout(self) -> None:
        # The prompt and its images on top: what a person writes and shows comes first.
        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.setSpacing(4)
        top_layout.addWidget(self.presets)
        top_layout.addWidget(self.prompt, 1)
        top_layout.addWidget(self.edit_row)
        top_layout.addWidget(self.tray)
        top_layout.addWidget(self.input_note)
        self.prompt.edit.setMinimumHeight(3 * self.prompt.edit.fontMetrics().lineSpacing() + 12)
        models = QWidget(self)
        models_layout = QVBoxLayout(models)
        models_layout.setContentsMargins(0, 0, 0, 0)
        models_layout.addWidget(self.picker)
        models_layout.addWidget(self.compare)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to its fields, shown as reached
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.params)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("generateSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(top)
        self.splitter.addWidget(models)
        self.splitter.addWidget(scroll)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 2)
        self.splitter.setSizes([300, 340, 260])
        row = QHBoxLayout()
        row.addWidget(self.cost, 1)
        row.addWidget(self.generate)
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.reuse_note)
        layout.addWidget(self.problems)
        layout.addWidget(self.compare_note)
        layout.addWidget(self.allow_unlisted)
        layout.addLayout(row)
        layout.addWidget(self.reason)

    # -- what the window drives ----------------------------------------------------

    def set_entries(self, entries: list[CatalogEntry]) -> None:
        self.picker.set_entries(entries)
        self.revalidate()  # whether the chosen model is listed may have changed
        self._price_tiles_later.poke()  # a new list comes with a connection and its prices

    def select_model(self, model_id: str, values: dict[str, Any] | None = None) -> None:
        """Show `model_id` with `values` (a reuse, a preset or a restored state), or with
        what was last used on it; never generates."""
        self.picker.set_current(model_id, emit=False)
        self._show_model(model_id, values)

    def _show_model(self, model_id: str, values: dict[str, Any] | None) -> None:
        self._remember_settings()  # the model being left keeps what it had
        self._forget_unlisted_consent(model_id)
        # Given values win (a reuse, a preset); else what was last used on this model.
        stored = self.model_settings.get(model_id) if values is None else None
        self.params.set_model(model_id, stored.values if stored is not None else values)
        if stored is not None and stored.extras.strip():
            self.params.set_extras_text(stored.extras)
        self.prompt.set_limit(profile_for(model_id).prompt_max)
        self._update_tray_limit()
        self.revalidate()
        self.order_focus()
        self.state_changed.emit()

    def restore(self, model_id: str, values: dict[str, Any], extras: str) -> None:
        self.select_model(model_id, values)
        if extras.strip():
            self.params.set_extras_text(extras)

    def reuse(self, settings: dict[str, Any]) -> ReusePlan:
        """Fill the panel from an image's settings (never generates); returns what was
        done, including a note on anything left out."""
        plan = plan_reuse(settings, self.model_id, set(self.picker.model_ids()))
        self.select_model(plan.model, plan.values)
        if plan.prompt:
            self.prompt.set_text(plan.prompt)
        self.reuse_note.setText(plan.note)
        self.reuse_note.setVisible(bool(plan.note))
        return plan

    @property
    def model_id(self) -> str:
        return self.params.model_id

    def state(self) -> dict[str, Any]:
        return {
            "model": self.model_id,
            "values": self.params.values(),
            "extras": self.params.extras.text() if self.params.extras.isChecked() else "",
        }

    # -- images: references and the edit source -----------------------------------------

    def add_references(self, image_ids: list[int]) -> None:
        """Library images as references ("Use as reference" on the stage or gallery)."""
        self.tray.add_image_ids(list(image_ids))

    def set_edit_source(self, image_id: int, mask_png_path: str | None) -> None:
        """Edit library image `image_id`, inside the mask (a PNG whose transparent
        pixels are edited) when one is given; the references stay as further images."""
        source = self.tray.source
        if source is None:
            self.tray.message.setText(self.tr("The library is not open yet; try again."))
            self.tray.message.show()
            return
        self._edit = None
        self._edit_loading += 1
        self.edit_row.show_source(None, loading=True)
        self._update_tray_limit()
        self.revalidate()
        self.tasks.spawn(self._load_edit(image_id, mask_png_path, self._edit_loading))

    async def _load_edit(self, image_id: int, mask_png_path: str | None, token: int) -> None:
        source = self.tray.source
        assert source is not None
        try:
            [image] = await source.library_inputs([image_id])
            mask = await source.add_input_files([Path(mask_png_path)]) if mask_png_path else []
        finally:
            if token == self._edit_loading:
                self._edit_loading = 0
        if token != self._edit_loading and self._edit_loading:
            return  # another edit was asked for meanwhile
        problems = [a.problem for a in (image, *mask) if a.problem]
        if image.image is None or problems:
            self.edit_row.hide()
            self.tray.message.setText("\n".join(p for p in problems if p))
            self.tray.message.show()
        else:
            self._edit = EditSource(image.image, mask[0].image if mask else None)
            self.edit_row.show_source(self._edit)
        self._update_tray_limit()
        self.revalidate()

    def clear_edit_source(self) -> None:
        self._edit = None
        self._edit_loading = 0
        self.edit_row.show_source(None)
        self._update_tray_limit()
        self.revalidate()

    @property
    def edit_source(self) -> EditSource | None:
        return self._edit

    def _update_tray_limit(self) -> None:
        room, reason = reference_room(self.model_id, editing=self._edit is not None)
        self.tray.set_limit(self.model_id, room, reason)

    def _on_images_pasted(self, mime: QMimeData) -> None:
        self.tray.add_mime(mime)

    # -- presets ---------------------------------------------------------------------

    def _current_preset(self, name: str, template: str) -> Preset:
        extras = self.params.extras.text() if self.params.extras.isChecked() else ""
        return Preset(name, self.model_id, self.params.values(), extras, template)

    def apply_preset(self, preset: Preset) -> None:
        """The preset's model and settings; its template takes the current prompt as
        its subject (an empty prompt leaves the slot selected, to type over)."""
        self.select_model(preset.model, dict(preset.values))
        if preset.extras.strip():
            self.params.set_extras_text(preset.extras)
        template = preset.template
        if not template:
            return
        subject = self.prompt.text().strip()
        names = slots(template)
        if subject and names:
            self.prompt.set_text(fill_subject(template, subject))
            return
        self.prompt.set_text(template)
        if names:
            slot = "{" + names[0] + "}"
            start = template.index(slot)
            cursor = self.prompt.edit.textCursor()
            cursor.setPosition(start)
            cursor.setPosition(start + len(slot), QTextCursor.MoveMode.KeepAnchor)
            self.prompt.edit.setTextCursor(cursor)

    def set_busy(self, text: str) -> None:
        """Disable Generate while the app cannot submit (not connected yet)."""
        self._busy_text = text
        self.revalidate()

    # -- validation ------------------------------------------------------------------

    def _forget_unlisted_consent(self, model_id: str) -> None:
        # Consent to an unlisted model is for that model only.
        if model_id != self.model_id and self.allow_unlisted.isChecked():
            self.allow_unlisted.blockSignals(True)
            self.allow_unlisted.setChecked(False)
            self.allow_unlisted.blockSignals(False)

    def unlisted_model(self) -> bool:
        """Whether the chosen model is missing from a known list of the gateway's models."""
        listed = self.picker.model_ids()
        return bool(listed) and bool(self.model_id) and self.model_id not in listed

    def _on_model(self, model_id: str) -> None:
        self._show_model(model_id, None)

    def _on_params(self) -> None:
        self.revalidate()
        self._remember_later.poke()
        self._price_tiles_later.poke()
        self.state_changed.emit()

    def _remember_settings(self) -> None:
        if self.model_id:
            extras = self.params.extras.text() if self.params.extras.isChecked() else ""
            self.model_settings.put(self.model_id, self.params.values(), extras)

    def _on_compare(self, on: bool) -> None:
        self.picker.set_compare_mode(on)
        if on and self.model_id:
            self.picker.set_checked([self.model_id])
        self.revalidate()

    def _prompt_problems(self) -> list[FieldProblem]:
        problems = validate(self.model_id, self.prompt.text(), {}, {})
        return [p for p in problems if p.field == "prompt"]

    def current_problems(self) -> list[FieldProblem]:
        extra, json_error = self.params.extra()
        problems = validate(self.model_id, self.prompt.text(), self.params.values(), extra)
        if json_error:
            problems.append(FieldProblem("extra", json_error))
        return problems

    def revalidate(self) -> None:
        extra, json_error = self.params.extra()
        self.params.extras.show_error(json_error)
        problems = (
            validate(self.model_id, self.prompt.text(), self.params.values(), extra)
            if self.model_id
            else [FieldProblem("model", self.tr("Choose a model."))]
        )
        with_images = not self.compare.isChecked() and (
            bool(self.tray.references()) or self._edit is not None
        )
        planned: ImageRequest | None = None
        waiting = ""
        if with_images and not problems and not json_error:
            planned, plan_problems, waiting = self._planned(extra)
            problems = problems + plan_problems
        else:
            self.input_note.hide()
        if self._edit_loading or self.tray.pending:
            planned, waiting = None, self.tr("Adding the images to the library…")
        rest = self.params.show_problems(problems)
        # The prompt problem is already shown by the counter and the reason line.
        shown = [core_text(p.message) for p in rest if p.field not in ("prompt", "model")]
        self.problems.setText("\n".join(shown))
        self.problems.setVisible(bool(shown))
        # The plan's problems with the images are long and already shown in full above
        # Generate: the reason line points there instead of repeating them.
        image_problems = [p for p in rest if p.field not in ("prompt", "model")]
        if not with_images:
            image_problems = []
        reasons = [core_text(p.message) for p in problems if p not in image_problems]
        if image_problems:
            reasons.append(self.tr("The images cannot be sent as they are: see above."))
        reasons += [json_error] if json_error else []
        if waiting:
            reasons.append(waiting)
        unlisted = self.unlisted_model() and not self.compare.isChecked()
        # A finishing tool the gateway lists is no unlisted model: no consent sends it.
        finishing = self.picker.is_finishing_tool(self.model_id)
        self.allow_unlisted.setVisible(unlisted and not finishing)
        if unlisted and finishing:
            reasons.insert(
                0,
                self.tr(
                    "{model} only finishes images it is given (upscaling, background "
                    "removal, edits); it cannot make one from a prompt. Choose another model."
                ).format(model=self.model_id),
            )
        elif unlisted and not self.allow_unlisted.isChecked():
            reasons.insert(
                0,
                self.tr(
                    "{model} is not in the gateway's model list. Choose a model from the "
                    "list, or tick “Send to this unlisted model anyway”."
                ).format(model=self.model_id),
            )
        self._request = None
        self._batch = []
        self.compare_plan = None
        self.compare_note.hide()
        self._generation += 1  # an estimate still in flight is now stale
        if self.compare.isChecked():
            self._prepare_batch(reasons, extra, json_error)
        else:
            self.generate.setText(self.tr("Generate"))
        if with_images:
            self._request = planned if not reasons else None
        elif not self.compare.isChecked() and not reasons:
            try:
                self._request = make_request(
                    self.model_id, self.prompt.text(), self.params.values(), extra
                )
            except InvalidRequest as exc:  # validate and build share one pass; defensive
                reasons = [str(exc)]
        ready = (self._request is not None or bool(self._batch)) and not self._busy_text
        why = self._busy_text or " ".join(reasons)
        self.generate.setEnabled(ready)
        self.generate.setToolTip("" if ready else why)
        self.generate.setAccessibleDescription("" if ready else why)
        self.reason.setText("" if ready else why)
        self.reason.setVisible(not ready)
        self.cost.setText("")
        if ready:
            self._estimate_later.poke()

    def _planned(
        self, extra: dict[str, Any]
    ) -> tuple[ImageRequest | None, list[FieldProblem], str]:
        """The request with its images once the api's plan has passed it, the plan's
        problems, or why there is neither yet (the plan runs in a worker thread)."""
        try:
            base = make_request(self.model_id, self.prompt.text(), self.params.values(), extra)
        except InvalidRequest as exc:
            return None, list(exc.problems), ""
        request = attach_inputs(base, self.tray.references(), self._edit)
        if self._plan is not None and self._plan[0] == request:
            result = self._plan[1]
            self.input_note.setText("\n".join(result.notes))
            self.input_note.setVisible(bool(result.notes))
            return (None if result.problems else request), list(result.problems), ""
        if self._plan_asked != request:
            self._plan_asked = request
            run_in_thread(
                lambda: check_plan(request),
                lambda result: self._plan_done(request, result),
                owner=self,
            )
        return None, [], self.tr("Checking the images…")

    def _plan_done(self, request: ImageRequest, result: InputPlanResult) -> None:
        self._plan = (request, result)
        if self._plan_asked == request:
            self._plan_asked = None
            self.revalidate()

    def _prepare_batch(
        self, reasons: list[str], extra: dict[str, Any], json_error: str | None
    ) -> None:
        """The core's compare rule, as `generate --models` applies it: each model gets the
        settings in its own terms; one that cannot take them holds the comparison."""
        models = self.picker.compare_models()
        self.generate.setText(
            plural(
                len(models),
                QCoreApplication.translate("GeneratePanel", "Compare %n model", None, len(models)),
                QCoreApplication.translate("GeneratePanel", "Compare %n models", None, len(models)),
            )
        )
        if len(models) < 2:
            reasons[:] = [self.tr("Tick at least two models in the list to compare them.")]
            return
        if json_error or not self.prompt.text().strip():
            # Nothing any model could be sent: say it once, not once per model.
            prompt_problems = [core_text(p.message) for p in self._prompt_problems()]
            reasons[:] = [json_error] if json_error else prompt_problems
            return
        plan = plan_compare(
            models, self.prompt.text(), self.params.values(), extra, form_model=self.model_id
        )
        self.compare_plan = plan
        self.compare_note.setText("\n".join(plan.lines()))
        self.compare_note.show()
        # The form's own problems are about its model, which is not what is sent here.
        if plan.ready:
            reasons[:] = []
            self._batch = plan.items()
        else:
            reasons[:] = [
                self.tr("{reason} Untick it or change the setting.").format(reason=r)
                for r in (f"{t.model}: {t.refusal}" for t in plan.refusals)
            ]

    # -- actions -----------------------------------------------------------------------

    def submit(self) -> None:
        if not self.generate.isEnabled():
            return
        if self.compare.isChecked() and self._batch:
            shown_batch = self._shown_batch
            estimates = [shown_batch.get(request) for request in self._batch]
            self.compare_requested.emit(list(self._batch), estimates)
        elif self._request is not None:
            shown = self._shown_estimate
            estimate = shown[1] if shown is not None and shown[0] == self._request else None
            self.generate_requested.emit(self._request, estimate)
        self.prompt.edit.remember()
        self.reuse_note.hide()

    def _price_tiles(self) -> None:
        tiles = self.params.tiles()
        if self.estimator is None or not tiles:
            return
        extra, json_error = self.params.extra()
        if json_error:
            return
        self._tile_round += 1
        round_ = self._tile_round
        self.tasks.spawn(
            price_tiles(
                self.estimator,
                self.model_id,
                self.prompt.text(),
                self.params.values(),
                extra,
                tiles,
                lambda: round_ == self._tile_round and tiles == self.params.tiles(),
            )
        )

    def _estimate(self) -> None:
        if self.estimator is None:
            return
        if self._batch:
            requests = list(self._batch)
        elif self._request is not None:
            requests = [self._request]
        else:
            return
        self.tasks.spawn(self._show_estimate(requests, self._generation))

    async def _show_estimate(self, requests: list[ImageRequest], generation: int) -> None:
        assert self.estimator is not None
        total = Decimal(0)
        shown: dict[ImageRequest, Decimal] = {}
        for request in requests:
            from ..api.errors import LemonError

            try:
                value = known_amount(await self.estimator(request))
            except LemonError:
                value = None  # an estimate is a nicety; the price list may be unreachable
            if generation != self._generation:
                return
            if value is None:
                # One unknown price makes the total unknown: never a partial sum.
                self.cost.setText(self.tr("cost unknown"))
                self.cost.setToolTip(
                    self.tr("The gateway's price list gives no usable price for {model}").format(
                        model=request.model
                    )
                )
                return
            total += value
            shown[request] = value
        self.cost.setText(self.tr("≈ {cost}").format(cost=money(total)))
        self.cost.setToolTip(self.tr("Estimated from the gateway's price list"))
        # Recorded with the jobs (the price list is not asked again for them).
        if self._batch:
            self._shown_batch = shown
        elif len(requests) == 1 and self._request is not None:
            self._shown_estimate = (self._request, total)

"""The "generate" side: model, parameters, prompt, cost estimate and the Generate button.

The panel validates on every change with the same validator the request builder uses,
and only emits finished requests; submitting them is the window's job.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt, Signal
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
from ..money import format_usd, known_usd
from .model_picker import ModelPicker
from .params import ParamPanel
from .prompt_box import PromptBox, PromptHistory
from .reuse_plan import ReusePlan, plan_reuse
from .tasks import Debouncer, TaskRunner
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

    def __init__(self, history: PromptHistory, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = TaskRunner()
        self.estimator: Estimator | None = None
        self.picker = ModelPicker(self)
        self.compare = QCheckBox(self.tr("Compare several models"), self)
        self.compare.setToolTip(
            self.tr("Tick models in the list to send one prompt to all of them side by side")
        )
        self.params = ParamPanel(self)
        self.prompt = PromptBox(history, self)
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
        self.generate.clicked.connect(self.submit)
        self._estimate_later = Debouncer(400, self._estimate, self)
        self._request: ImageRequest | None = None
        self._shown_estimate: tuple[ImageRequest, Decimal] | None = None
        # Per request of a comparison: the estimate shown for it.
        self._shown_batch: dict[ImageRequest, Decimal] = {}
        self._batch: list[ImageRequest] = []
        self.compare_plan: ComparePlan | None = None
        self._busy_text = ""
        self._generation = 0
        self.revalidate()

    def _build_layout(self) -> None:
        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.picker)
        top_layout.addWidget(self.compare)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.params)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("generateSplitter")
        self.splitter.addWidget(top)
        self.splitter.addWidget(scroll)
        self.splitter.addWidget(self.prompt)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 1)
        self.splitter.setSizes([290, 360, 150])
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

    def select_model(self, model_id: str, values: dict[str, Any] | None = None) -> None:
        """Show `model_id` with `values` (a reuse or a restored state), without generating."""
        self.picker.set_current(model_id, emit=False)
        self._forget_unlisted_consent(model_id)
        self.params.set_model(model_id, values)
        self.prompt.set_limit(profile_for(model_id).prompt_max)
        self.revalidate()
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
        self._forget_unlisted_consent(model_id)
        self.params.set_model(model_id)
        self.prompt.set_limit(profile_for(model_id).prompt_max)
        self.revalidate()
        self.state_changed.emit()

    def _on_params(self) -> None:
        self.revalidate()
        self.state_changed.emit()

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
        rest = self.params.show_problems(problems)
        # The prompt problem is already shown by the counter and the reason line.
        shown = [p.message for p in rest if p.field not in ("prompt", "model")]
        self.problems.setText("\n".join(shown))
        self.problems.setVisible(bool(shown))
        reasons = [p.message for p in problems] + ([json_error] if json_error else [])
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
        if not self.compare.isChecked() and not reasons:
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
        self.reason.setText("" if ready else why)
        self.reason.setVisible(not ready)
        self.cost.setText("")
        if ready:
            self._estimate_later.poke()

    def _prepare_batch(
        self, reasons: list[str], extra: dict[str, Any], json_error: str | None
    ) -> None:
        """The core's compare rule, as `generate --models` applies it: each model gets the
        settings in its own terms; one that cannot take them holds the comparison."""
        models = self.picker.compare_models()
        self.generate.setText(self.tr("Compare {n} models").format(n=len(models)))
        if len(models) < 2:
            reasons[:] = [self.tr("Tick at least two models in the list to compare them.")]
            return
        if json_error or not self.prompt.text().strip():
            # Nothing any model could be sent: say it once, not once per model.
            reasons[:] = (
                [json_error] if json_error else [p.message for p in self._prompt_problems()]
            )
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

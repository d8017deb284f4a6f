"""The panel's request with images: which operation, how many references the chosen
model takes, and the api's own plan check (counts, formats, bytes, mask, parameters)
whose messages the panel shows inline.

Knowledge of what a model takes comes from the input profiles
(`api.profiles.inputs`), never from the panel.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

from ..api.profiles import FieldProblem, InvalidRequest, input_profile, models_for
from ..api.request import ImageRequest, InputImage, Operation


@dataclass(frozen=True)
class EditSource:
    """The image an edit works on (the first input) and its mask, both in the library."""

    image: InputImage
    mask: InputImage | None = None


@dataclass(frozen=True)
class InputPlanResult:
    problems: tuple[FieldProblem, ...] = ()
    notes: tuple[str, ...] = ()


def reference_operation(editing: bool) -> Operation:
    # A generation with references is image-to-image (the request's own rule).
    return "edit" if editing else "image-to-image"


def reference_room(model: str, editing: bool) -> tuple[int, str]:
    """How many references `model` takes beside an edit source (or alone), and why
    none when it takes none."""
    operation = reference_operation(editing)
    profile = input_profile(model, operation)
    if profile is None:
        takers = [m for m in models_for(operation) if not m.startswith(("mj-", "ideogram-"))]
        return 0, QCoreApplication.translate(
            "PanelInputs", "{model} takes no reference images; {others} do."
        ).format(model=model, others=", ".join(takers[:3]))
    room = profile.max_images - (1 if editing else 0)
    if room <= 0:
        return 0, QCoreApplication.translate(
            "PanelInputs", "{model} edits one image and takes no references beside it."
        ).format(model=model)
    return room, ""


def attach_inputs(
    request: ImageRequest, references: tuple[InputImage, ...], edit: EditSource | None
) -> ImageRequest:
    """The panel's request with its images and the operation they make it."""
    if edit is not None:
        return replace(
            request, operation="edit", inputs=(edit.image,), mask=edit.mask, references=references
        )
    if references:
        return replace(request, references=references)  # generate + images: image-to-image
    return request


def check_plan(request: ImageRequest) -> InputPlanResult:
    """The api's plan of `request` (blocking: Pillow reads the inputs). Only the
    built-in input profiles: the gateway's model details are read when the job is sent."""
    from ..api.routing import plan_request_now

    try:
        plan = plan_request_now(request)
    except InvalidRequest as exc:
        return InputPlanResult(problems=exc.problems)
    return InputPlanResult(notes=plan.notes)


class EditSourceRow(QWidget):
    """ "Editing image 12, with a mask  [Stop editing]": shown while an edit is set."""

    cleared = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("editSourceRow")
        self.label = QLabel(self)
        self.label.setObjectName("editSourceLabel")
        self.label.setWordWrap(True)
        self.stop = QToolButton(self)
        self.stop.setText(self.tr("Stop editing"))
        self.stop.setToolTip(self.tr("Generate from the prompt and references again"))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label, 1)
        row.addWidget(self.stop)
        self.stop.clicked.connect(self.cleared)
        self.hide()

    def show_source(self, edit: EditSource | None, loading: bool = False) -> None:
        if loading:
            self.label.setText(self.tr("Preparing the image to edit…"))
        elif edit is None:
            self.hide()
            return
        elif edit.mask is not None:
            self.label.setText(
                self.tr("Editing {image} inside its mask").format(image=edit.image.label)
            )
        else:
            self.label.setText(self.tr("Editing {image}").format(image=edit.image.label))
        self.show()

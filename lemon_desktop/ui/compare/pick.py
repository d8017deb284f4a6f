"""Pick one: the winner becomes a favourite (through the window's undo history), and
the others can go to the library's trash in one step, with Undo right there to bring
them back. Nothing is trashed without its own click."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from ..gallery.text import plural


def others(winner: int, ids: Iterable[int]) -> list[int]:
    """Every image but the winner, in board order, each once."""
    return [i for i in dict.fromkeys(ids) if i != winner]


class PickBar(QFrame):
    """After a pick: "Picked flux-pro. [Trash the other 3]"; after trashing:
    "Moved 3 images to the trash. [Undo]"."""

    trash_clicked = Signal()
    undo_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("comparePickBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.trash = QPushButton(self)
        self.undo = QPushButton(self.tr("Undo"), self)
        self.undo.setToolTip(self.tr("Bring the trashed images back"))
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        row.addWidget(self.label, 1)
        row.addWidget(self.trash)
        row.addWidget(self.undo)
        self.trash.clicked.connect(self.trash_clicked)
        self.undo.clicked.connect(self.undo_clicked)
        self.hide()

    def picked(self, model: str, losers: int) -> None:
        self.label.setText(
            self.tr("Picked the image from {model}: it is a favourite now.").format(model=model)
        )
        self.trash.setText(
            plural(
                losers,
                QCoreApplication.translate(
                    "PickBar", "Move the other %n to the trash", None, losers
                ),
                QCoreApplication.translate(
                    "PickBar", "Move the other %n to the trash", None, losers
                ),
            )
        )
        self.trash.setVisible(losers > 0)
        self.undo.hide()
        self.show()

    def trashed(self, count: int) -> None:
        self.label.setText(
            plural(
                count,
                QCoreApplication.translate("PickBar", "Moved %n image to the trash.", None, count),
                QCoreApplication.translate("PickBar", "Moved %n images to the trash.", None, count),
            )
        )
        self.trash.hide()
        self.undo.show()
        self.show()

    def restored(self, count: int) -> None:
        self.label.setText(
            plural(
                count,
                QCoreApplication.translate("PickBar", "Restored %n image.", None, count),
                QCoreApplication.translate("PickBar", "Restored %n images.", None, count),
            )
        )
        self.trash.hide()
        self.undo.hide()
        self.show()

"""What the user hears about jobs: the status bar follows the jobs they just sent
(queued, sending, running, done or failed: never "Queued" after the job ended), and a
desktop notification when a job ends while the window is in the background."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QMainWindow, QStatusBar, QSystemTrayIcon, QWidget

if TYPE_CHECKING:
    from ..jobs import Job

# How long the last word on a followed job stays (ms); while it runs the message stays.
FINISHED_MESSAGE_MS = 10000


def job_status_text(job: Job) -> str:
    """One line about where `job` is, for the status bar."""
    model, state = job.model, str(job.state)
    if state == "queued":
        return QCoreApplication.translate("Notifier", "Queued {model}.").format(model=model)
    if state == "held":
        return QCoreApplication.translate("Notifier", "{model} is held: {reason}").format(
            model=model, reason=job.error or ""
        )
    if state == "submitting":
        return QCoreApplication.translate("Notifier", "Sending to {model}…").format(model=model)
    if state == "running":
        if job.progress is not None:
            return QCoreApplication.translate("Notifier", "{model} is running… {percent}%").format(
                model=model, percent=int(job.progress)
            )
        return QCoreApplication.translate("Notifier", "{model} is running…").format(model=model)
    if state == "downloading":
        return QCoreApplication.translate("Notifier", "Downloading the result of {model}…").format(
            model=model
        )
    if state == "done":
        count = len(job.image_ids)
        if count == 1:
            return QCoreApplication.translate("Notifier", "{model}: done, 1 image stored.").format(
                model=model
            )
        return QCoreApplication.translate("Notifier", "{model}: done, {n} images stored.").format(
            model=model, n=count
        )
    if state == "cancelled":
        return QCoreApplication.translate("Notifier", "{model}: cancelled.").format(model=model)
    if state == "unknown":
        return QCoreApplication.translate(
            "Notifier", "{model}: outcome unknown. It may have run; nothing was sent again."
        ).format(model=model)
    return QCoreApplication.translate("Notifier", "{model} failed: {reason}").format(
        model=model, reason=job.error or ""
    )


def batch_status_text(jobs: list[Job]) -> str:
    finished = [j for j in jobs if j.state.finished]
    done = sum(1 for j in finished if j.state == "done")
    if len(finished) < len(jobs):
        return QCoreApplication.translate(
            "Notifier", "Batch of {n}: {finished} finished, {done} done…"
        ).format(n=len(jobs), finished=len(finished), done=done)
    if done == len(jobs):
        return QCoreApplication.translate("Notifier", "Batch of {n}: all done.").format(n=len(jobs))
    return QCoreApplication.translate(
        "Notifier", "Batch of {n} finished: {done} done, {other} not (see the queue)."
    ).format(n=len(jobs), done=done, other=len(jobs) - done)


class Notifier:
    def __init__(self, window: QWidget, icon: QIcon) -> None:
        self.window = window
        self.tray: QSystemTrayIcon | None = None
        # No tray (many Wayland and minimal X sessions): skip notifications quietly.
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = QSystemTrayIcon(icon, window)
            self.tray.setToolTip(QCoreApplication.translate("Notifier", "Lemon Desktop"))
            self.tray.messageClicked.connect(self._raise)
            self.tray.show()
        self.sent: list[str] = []  # titles, for tests
        # The jobs the status bar follows: the last generation, retry or batch sent.
        self._followed: dict[str, Job] = {}

    def _raise(self) -> None:
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()

    # -- the status bar ------------------------------------------------------------------

    def _status_bar(self) -> QStatusBar | None:
        return self.window.statusBar() if isinstance(self.window, QMainWindow) else None

    def follow(self, jobs: list[Job]) -> None:
        """From now on the status bar tells where these jobs are, until they end."""
        self._followed = {job.id: job for job in jobs}
        self._show()

    def follows(self, job_id: str) -> bool:
        return job_id in self._followed

    def job_changed(self, job: Job) -> bool:
        """Update the status bar if it follows `job`; False when it does not."""
        if job.id not in self._followed:
            return False
        self._followed[job.id] = job
        self._show()
        return True

    def _show(self) -> None:
        bar = self._status_bar()
        jobs = list(self._followed.values())
        if bar is None or not jobs:
            return
        text = job_status_text(jobs[0]) if len(jobs) == 1 else batch_status_text(jobs)
        if all(j.state.finished for j in jobs):
            self._followed = {}
            bar.showMessage(text, FINISHED_MESSAGE_MS)
        else:
            bar.showMessage(text)  # stays until the jobs move on

    # -- desktop notifications ---------------------------------------------------------

    def job_finished(self, job: Job) -> None:
        if self.window.isActiveWindow():
            return
        if job.state == "done":
            title = QCoreApplication.translate("Notifier", "Image ready")
            body = QCoreApplication.translate("Notifier", "{model}: {prompt}").format(
                model=job.model, prompt=job.prompt[:80]
            )
        elif job.state in ("failed", "unknown"):
            title = QCoreApplication.translate("Notifier", "Job failed")
            body = job.error or job.model
        else:
            return
        self.sent.append(title)
        if self.tray is not None:
            self.tray.showMessage(title, body, QSystemTrayIcon.MessageIcon.Information, 6000)

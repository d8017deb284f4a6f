"""Glue between the job queue and the widgets: submit what the generate panel asks for
(and the image actions: vary, upscale, remove background), act on the queue panel's
buttons, feed events to the views that show jobs.

An edit with a mask is composited onto its original by default (JobOptions), so the
stage can show the composite, the raw result and what the model changed outside the
mask."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QWidget

from ..api.profiles import DEFAULT_MODELS, InvalidRequest, input_profile
from ..api.request import ImageRequest, InputImage, Operation
from ..api.routing import plan_request_now
from ..imaging import CompositeSettings
from ..jobs.finishing import can_composite
from ..jobs.options import JobOptions
from .compare import BoardKeeper, CompareBoard
from .notifier import Notifier
from .queue import QueuePanel
from .queue.view_state import QueueViewState
from .services import Services
from .tasks import TaskRunner, in_thread

if TYPE_CHECKING:
    from ..jobs import Job, JobEvent, JobQueue
    from ..library import ImageRecord

QUEUE_THUMB = 96


class JobController(QObject):
    status = Signal(str)  # a short note for the status bar
    open_image = Signal(int)  # library image id to show in the viewer
    submitted = Signal(object)  # the Job just recorded for what the person asked

    def __init__(
        self,
        services: Services,
        panel: QueuePanel,
        tasks: TaskRunner,
        notifier: Notifier,
        window: QWidget,
    ) -> None:
        super().__init__(window)
        self.services = services
        self.panel = panel
        self.tasks = tasks
        self.notifier = notifier
        self.window = window
        # The compare boards: opened when a comparison is sent, again from a queue group.
        self.boards = BoardKeeper(services, window)
        self.boards.open_image.connect(self.open_image)
        self.boards.status.connect(self.status)
        self._thumb_jobs: dict[str, str] = {}  # sha256 -> job id awaiting its thumbnail
        self._finished: set[str] = set()
        self._loads = 0  # recent-job reads started; only the newest one's answer is shown
        self.view_state = QueueViewState(services.home)
        services.job_event.connect(self.on_event)
        services.library_ready.connect(self._watch_thumbnails)
        self._watch_thumbnails()  # the library may be open already (the gallery comes first)
        panel.cancel_requested.connect(self.cancel)
        panel.retry_requested.connect(self.retry)
        panel.check_requested.connect(self.check_again)
        panel.send_anyway_requested.connect(self.send_anyway)
        panel.open_requested.connect(self.open_job)
        panel.resume_requested.connect(self.resume)
        panel.board_requested.connect(self.boards.open_batch)
        panel.cleared.connect(self.view_state.set_cleared_through)

    def _queue(self) -> JobQueue:
        if self.services.queue is None:
            raise RuntimeError("not connected")  # the Generate button is off until then
        return self.services.queue

    def _watch_thumbnails(self) -> None:
        if self.services.thumbnails is not None:
            self.services.thumbnails.ready.connect(self._on_thumbnail)

    def reload(self) -> None:
        """A new connection: show its recent jobs and whether it is paused."""
        self.tasks.spawn(self.load_recent())

    async def load_recent(self) -> None:
        """Show the connection's recent jobs, read in a worker; an answer overtaken by
        a newer connection's is dropped."""
        self._loads += 1
        load, queue = self._loads, self.services.queue
        jobs = await in_thread(lambda: self.services.recent_jobs())
        if load != self._loads or queue is not self.services.queue:
            return
        self._finished = {j.id for j in jobs if j.state.finished}
        self.panel.model.cleared_through = self.view_state.cleared_through()
        self.panel.set_jobs(jobs, gateway=queue.gateway if queue is not None else None)
        queue = self.services.queue
        self.panel.banner.show_reason(
            queue.paused_reason if queue else None, queue.paused_code if queue else None
        )
        for job in jobs[:50]:
            if job.image_ids:
                self.tasks.spawn(self._thumbnail_for(job.id, job.image_ids[-1]))

    # -- submitting ------------------------------------------------------------

    def generate(self, request: ImageRequest, estimate: Decimal | None = None) -> None:
        """Queue what the panel made, with the estimate it showed (None: not known)."""
        self.tasks.spawn(self._generate(request, estimate))

    async def _generate(self, request: ImageRequest, estimate: Decimal | None) -> None:
        from ..jobs.inputs import InputProblem

        try:
            job = await self._queue().submit(
                request, estimate=estimate, options=options_for(request)
            )
        except InputProblem as exc:
            # An input image gone or changed since it was chosen: nothing was recorded.
            self.status.emit(str(exc))
            return
        self._started(job)

    def _started(self, job: Job) -> None:
        self.panel.select_job(job.id)
        # The status bar follows this job to its end (never "Queued" once it is done).
        self._follow([job])
        self.submitted.emit(job)

    def from_image(
        self, operation: Operation, record: ImageRecord, preferred: str | None = None
    ) -> None:
        """Vary, upscale or remove the background of a library image: the model is the
        preferred one (the panel's) when it takes `operation`, else the image's own model
        when it does, else the operation's default. Checked before anything is recorded."""
        self.tasks.spawn(self._from_image(operation, record, preferred))

    async def _from_image(
        self, operation: Operation, record: ImageRecord, preferred: str | None
    ) -> None:
        request = image_request(operation, record, preferred)
        try:
            await in_thread(lambda: plan_request_now(request))
        except InvalidRequest as exc:
            self.status.emit(
                self.tr("Not sent to %1: %2").replace("%1", request.model).replace("%2", str(exc))
            )
            return
        self._started(await self._queue().submit(request))

    def compare(self, requests: list[ImageRequest], estimates: list[Decimal | None]) -> None:
        """Queue a comparison as one batch, each job with the estimate the panel showed."""
        self.tasks.spawn(self._compare(requests, estimates))

    async def _compare(self, requests: list[ImageRequest], estimates: list[Decimal | None]) -> None:
        jobs = await self._queue().submit_batch(requests, estimates=estimates)
        if jobs:
            self.boards.show_jobs(jobs)
            self._follow(jobs)

    @property
    def compare_views(self) -> list[CompareBoard]:
        """The compare boards open now."""
        return self.boards.boards

    # -- per-job actions --------------------------------------------------------

    def cancel(self, job_id: str) -> None:
        self.tasks.spawn(self._cancel(job_id))

    async def _cancel(self, job_id: str) -> None:
        try:
            await self._queue().cancel(job_id)
        except ValueError as exc:  # a job of another gateway: the sentence says where
            self.status.emit(str(exc))

    def retry(self, job_id: str) -> None:
        self.tasks.spawn(self._retry(job_id))

    async def _retry(self, job_id: str) -> None:
        try:
            job = await self._queue().retry(job_id)
        except ValueError as exc:  # not retryable here (another gateway): say so
            self.status.emit(str(exc))
            return
        self.panel.select_job(job.id)
        self._follow([job])

    def _follow(self, jobs: list[Job]) -> None:
        # Events may have overtaken submit()'s answer (a fast job can be done already):
        # start from the newest state the queue panel has seen.
        self.notifier.follow([self.panel.model.job_by_id(j.id) or j for j in jobs])

    def check_again(self, job_id: str) -> None:
        self.tasks.spawn(self._check_again(job_id))

    async def _check_again(self, job_id: str) -> None:
        try:
            await self._queue().check_again(job_id)
        except ValueError as exc:  # nothing left to look at: say so, change nothing
            self.status.emit(str(exc))

    def resume(self) -> None:
        self.tasks.spawn(self._queue().resume_queue())

    def send_anyway(self) -> None:
        """Send jobs held for an unknown price under the cap: the user chose to."""
        self.tasks.spawn(self._queue().resume_queue(allow_unknown_cost=True))

    def open_job(self, job_id: str) -> None:
        job = self.panel.model.job_by_id(job_id)
        if job is not None and job.image_ids:
            self.open_image.emit(job.image_ids[-1])

    # -- events ------------------------------------------------------------------

    def on_event(self, event: JobEvent) -> None:
        self.panel.apply(event)
        self.boards.apply(event)
        job = event.job
        if job is None:
            return
        if event.kind == "image_stored" and event.image_id is not None:
            self.tasks.spawn(self._thumbnail_for(job.id, event.image_id))
        followed = self.notifier.job_changed(job)
        if job.state.finished and job.id not in self._finished:
            self._finished.add(job.id)
            self.notifier.job_finished(job)
            if job.error and not followed:
                self.status.emit(f"{job.model}: {job.error}")

    async def _thumbnail_for(self, job_id: str, image_id: int) -> None:
        library, loader = self.services.library, self.services.thumbnails
        if library is None or loader is None:
            return
        record = await in_thread(lambda: library.get(image_id))
        self._thumb_jobs[record.sha256] = job_id
        loader.request(record.path, record.sha256, QUEUE_THUMB)

    def _on_thumbnail(self, sha256: str, size: int, image: QImage) -> None:
        job_id = self._thumb_jobs.pop(sha256, None) if size == QUEUE_THUMB else None
        if job_id is not None:
            self.panel.model.set_picture(job_id, image)

    def job(self, job_id: str) -> Job | None:
        return self.panel.model.job_by_id(job_id)


def options_for(request: ImageRequest) -> JobOptions:
    """An edit with a mask is put back onto its original outside the mask by default:
    the stage shows the composite first, the raw result one click away."""
    return JobOptions(composite=CompositeSettings() if can_composite(request) else None)


def model_for(operation: Operation, *candidates: str | None) -> str:
    """The first candidate whose input profile takes `operation`, else the default."""
    for model in candidates:
        if model and input_profile(model, operation) is not None:
            return model
    return DEFAULT_MODELS.get(operation, "")


def image_request(
    operation: Operation, record: ImageRecord, preferred: str | None = None
) -> ImageRequest:
    """`operation` on one library image, with the prompt only where the route takes one."""
    model = model_for(operation, preferred, record.model)
    profile = input_profile(model, operation)
    prompt = record.prompt or "" if profile is not None and profile.prompt == "required" else ""
    return ImageRequest(
        model=model,
        prompt=prompt,
        inputs=(InputImage(record.sha256, record.id, str(record.path)),),
        operation=operation,
    )

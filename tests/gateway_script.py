"""A scripted image gateway on tests/hostile_server.py: pricing, creates, task polls and
result files, each answer chosen by the test (malformed, hostile or correct)."""

from __future__ import annotations

import base64
import io
import threading
from typing import Any

from PIL import Image

from tests.hostile_server import HostileServer, Reply, Request, json_reply

API_KEY = "sk-scripted-gateway-key"
TASK_ID = "ldtask_scripted"


def png_bytes(size: int = 16, colour: tuple[int, int, int] = (200, 180, 20)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (size, size), colour).save(out, "PNG")
    return out.getvalue()


def jpeg_bytes(size: int = 64) -> bytes:
    out = io.BytesIO()
    Image.effect_noise((size, size), 64).convert("RGB").save(out, "JPEG", quality=90)
    return out.getvalue()


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def processing() -> Reply:
    return json_reply({"id": TASK_ID, "status": "processing", "progress": 10})


def error_reply(status: int, message: str = "denied") -> Reply:
    return json_reply({"error": {"message": message, "type": "x", "code": "x"}}, status)


class ScriptedGateway:
    """Answers in the order a test scripts them; the last poll answer repeats."""

    def __init__(self) -> None:
        self.server = HostileServer(
            {
                "GET /v1/pricing": lambda _r: json_reply(self.pricing),
                "POST /v1/images/generations": self._create,
                f"GET /v1/tasks/{TASK_ID}": self._poll,
                f"DELETE /v1/tasks/{TASK_ID}": lambda _r: json_reply({"id": TASK_ID}),
                "*": self._file,
            }
        )
        self.pricing: Any = {
            "object": "list",
            "data": [{"model": "dall-e-2", "pricing": {"per_request": "0.02"}}],
        }
        self.create_reply: Reply = json_reply({"created": 1, "data": []})
        self.poll_replies: list[Reply] = [processing()]
        self.files: dict[str, tuple[bytes, str]] = {}
        self.creates = 0
        self.polls = 0
        self._lock = threading.Lock()

    @property
    def base_url(self) -> str:
        return self.server.base_url

    def url(self, name: str) -> str:
        return f"{self.base_url}/files/{name}"

    def serve_file(self, name: str, data: bytes, content_type: str = "image/png") -> str:
        self.files[name] = (data, content_type)
        return self.url(name)

    def answer_images(self, *entries: dict[str, Any], usage: dict[str, Any] | None = None) -> None:
        body: dict[str, Any] = {"created": 1, "data": list(entries)}
        if usage is not None:
            body["usage"] = usage
        self.create_reply = json_reply(body)

    def answer_task(self) -> None:
        self.create_reply = json_reply(
            {
                "id": TASK_ID,
                "task_id": TASK_ID,
                "status": "pending",
                "poll_url": f"/v1/tasks/{TASK_ID}",
            }
        )

    def task_completed(self, *urls: str) -> Reply:
        return json_reply(
            {"id": TASK_ID, "status": "completed", "data": [{"url": u} for u in urls]}
        )

    def _create(self, _request: Request) -> Reply:
        with self._lock:
            self.creates += 1
        return self.create_reply

    def _poll(self, _request: Request) -> Reply:
        with self._lock:
            self.polls += 1
            if len(self.poll_replies) > 1:
                return self.poll_replies.pop(0)
            return self.poll_replies[0]

    def _file(self, request: Request) -> Reply:
        name = request.path.rsplit("/", 1)[-1]
        if request.path.startswith("/files/") and name in self.files:
            data, content_type = self.files[name]
            return Reply(200, data, {"Content-Type": content_type})
        return error_reply(404, "no such route")

    def __enter__(self) -> ScriptedGateway:
        self.server.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.server.stop()

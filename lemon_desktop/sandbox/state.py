"""Everything one sandbox gateway instance shares between its two origins."""

from __future__ import annotations

from dataclasses import dataclass, field

from lemon_desktop.sandbox.faults import FaultHit, FaultPlan
from lemon_desktop.sandbox.files import FileStore
from lemon_desktop.sandbox.options import OptionsHolder
from lemon_desktop.sandbox.stats import SandboxStats
from lemon_desktop.sandbox.store import ImageStore
from lemon_desktop.sandbox.tasks import TaskStore


@dataclass
class GatewayState:
    api_key: str
    cdn_url: str = ""  # known only once the CDN socket is bound
    task_seconds: float = 2.0
    latency: float = 0.0
    stream_gap: float = 0.05  # pause between streamed partial images
    faults: FaultPlan = field(default_factory=FaultPlan)
    stats: SandboxStats = field(default_factory=SandboxStats)
    images: ImageStore = field(default_factory=ImageStore)
    tasks: TaskStore = field(default_factory=TaskStore)
    files: FileStore = field(default_factory=FileStore)
    options: OptionsHolder = field(default_factory=OptionsHolder)


@dataclass(frozen=True)
class Call:
    """What a route handler gets besides the request: the gateway and the fault (if any)
    the plan chose for this request, for handlers that act on it after doing their work."""

    state: GatewayState
    hit: FaultHit | None = None

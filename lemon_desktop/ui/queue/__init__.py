"""The job queue view: a table model fed by JobEvents, its delegate and the panel."""

from .model import QueueModel
from .panel import QueuePanel

__all__ = ["QueueModel", "QueuePanel"]

"""The sandbox gateway: a LemonData-compatible image API on loopback that draws its own
images. It is the app's first-run gateway when no key is configured, and the server
every test talks to.

Typical use::

    with SandboxServer(task_seconds=0.3, faults="429@create*1") as sb:
        client = httpx2.Client(base_url=sb.base_url,
                              headers={"Authorization": f"Bearer {sb.api_key}"})
        ...
        assert sb.stats.create_requests == 1

See :mod:`lemon_desktop.sandbox.faults` for the fault grammar and
:mod:`lemon_desktop.sandbox.options` for the behaviour switches (``mask_leak`` ...).
"""

from lemon_desktop.sandbox.faults import FaultPlan
from lemon_desktop.sandbox.options import SandboxOptions
from lemon_desktop.sandbox.server import SandboxServer
from lemon_desktop.sandbox.stats import SandboxStats

__all__ = ["FaultPlan", "SandboxOptions", "SandboxServer", "SandboxStats"]

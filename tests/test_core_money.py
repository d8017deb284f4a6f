"""One money formatter (lemon_desktop/money.py) wherever money is shown, and a core
that stays free of Qt.

$0.0045 used to read $0.004 in the queue and the estimate, $0.0045 in `jobs list` and
"0.0045" in JSON; now every place words an amount the same way.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from lemon_desktop.money import format_usd, known_usd, usd_digits
from lemon_desktop.sandbox import SandboxServer
from tests.ui_helpers import Loop, connect, until

pytest_plugins = ["tests.ui_fixtures"]


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (Decimal("0.04"), "$0.04"),
        (Decimal("5"), "$5.00"),
        (Decimal("0.0045"), "$0.0045"),
        (Decimal("0.134"), "$0.134"),
        (Decimal("0.0450"), "$0.045"),
        (Decimal("0.13456"), "$0.1346"),
        (Decimal("0"), "$0.00"),
        (Decimal("0.00001"), "<$0.0001"),
        ("0.0045", "$0.0045"),  # the library keeps amounts as text
        (0.04, "$0.04"),
        (None, "unknown"),
        (Decimal("NaN"), "unknown"),
        (Decimal("Infinity"), "unknown"),
        (Decimal("-0.04"), "unknown"),
        ("not money", "unknown"),
        (True, "unknown"),
    ],
)
def test_format_usd(amount: object, text: str) -> None:
    assert format_usd(amount) == text  # type: ignore[arg-type]


def test_json_digits_match_the_shown_text_and_unknown_is_null() -> None:
    assert usd_digits(Decimal("0.0045")) == "0.0045"
    assert usd_digits(Decimal("0.0400")) == "0.04"
    assert usd_digits(Decimal("NaN")) is None and usd_digits(None) is None
    assert known_usd("1e3") == Decimal("1000") and known_usd(float("nan")) is None


def test_every_formatter_words_the_same_amount_alike(qapp: object) -> None:
    from lemon_desktop.api.errors import InsufficientBalanceError
    from lemon_desktop.api.types import ModelPricing
    from lemon_desktop.core.catalogue import price_text
    from lemon_desktop.jobs import money
    from lemon_desktop.ui.generate_panel import money as panel_money

    amount = Decimal("0.0045")
    assert money(amount) == panel_money(amount) == format_usd(amount) == "$0.0045"
    assert price_text(ModelPricing("m", per_request=amount)) == "$0.0045 / image"
    envelope = {"balance_usd": "0.0045", "estimated_cost_usd": "0.04"}
    error = InsufficientBalanceError("no", status=402, body=envelope)
    assert error.user_message.startswith("Balance $0.0045 is below the estimated $0.04")
    # The CLI's job listing keeps its own word for an unreadable price.
    assert money(None) == "price unknown"


def cli(sandbox: SandboxServer, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "LEMONDATA_BASE_URL": sandbox.base_url,
        "LEMONDATA_API_KEY": sandbox.api_key,
    }
    return subprocess.run(
        [sys.executable, "-m", "lemon_desktop", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=90,
    )


@pytest.mark.gui
def test_window_and_cli_show_the_same_cost(
    make_window: object, qloop: Loop, sandbox: SandboxServer, home: Path
) -> None:
    from lemon_desktop.ui.queue.model import QueueModel

    made = cli(sandbox, "generate", "a cheap lemon", "--model", "flux-schnell", "--json")
    assert made.returncode == 0, made.stderr
    listed = cli(sandbox, "jobs", "list")
    assert listed.returncode == 0, listed.stderr
    assert "$0.003" in listed.stdout  # flux-schnell costs $0.003 an image in the sandbox
    as_json = json.loads(cli(sandbox, "jobs", "list", "--json").stdout)
    assert as_json[0]["cost_usd"] == "0.003"

    window = make_window()  # type: ignore[operator]

    async def scenario() -> None:
        await connect(window, sandbox)
        model = window.queue_panel.model
        await until(lambda: model.rowCount() > 0, message="the stored job in the queue")
        assert model.data(model.index(0, QueueModel.COST)) == "$0.003"
        panel = window.generate
        panel.select_model("flux-schnell")
        panel.prompt.set_text("a cheap lemon")
        panel._estimate_later.flush()
        await until(lambda: panel.cost.text(), message="the estimate")
        assert panel.cost.text() == "≈ $0.003"

    qloop.run(scenario())


def test_the_core_imports_no_qt() -> None:
    """`lemon_desktop.core` and every module in it load without PySide6."""
    code = (
        "import importlib, pkgutil, sys\n"
        "import lemon_desktop.core as core, lemon_desktop.money\n"
        "for info in pkgutil.iter_modules(core.__path__):\n"
        "    importlib.import_module(f'lemon_desktop.core.{info.name}')\n"
        "qt = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))\n"
        "print(len(list(pkgutil.iter_modules(core.__path__))), qt)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    count, qt = result.stdout.strip().split(" ", 1)
    assert int(count) >= 2 and qt == "[]", result.stdout

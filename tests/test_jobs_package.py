"""The jobs package names its public names once more than usual (they load on first use,
so the library can open without the HTTP stack): the lists must agree."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import lemon_desktop.jobs as jobs


def test_every_public_name_resolves_from_its_home() -> None:
    homes = jobs._HOMES
    assert sorted(jobs.__all__) == sorted(homes)
    for name in jobs.__all__:
        assert getattr(jobs, name) is not None


def test_the_type_checkers_imports_match_the_homes() -> None:
    source = Path(jobs.__file__).read_text(encoding="utf-8")
    checked: dict[str, str] = {}
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING":
            for statement in node.body:
                assert isinstance(statement, ast.ImportFrom)
                for alias in statement.names:
                    checked[alias.name] = "." + (statement.module or "")
    assert checked == jobs._HOMES


def test_opening_the_jobs_schema_does_not_import_the_http_stack() -> None:
    code = "import sys, lemon_desktop.jobs.schema; print('httpx2' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"

"""Startup cost: `--help` and `validate` never import the heavy libraries.

Each command runs in a fresh interpreter, so modules imported by earlier tests cannot hide
an import, and the probe reports which heavy modules the command left in ``sys.modules``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

HEAVY = ("networkx", "pyvis", "pandas", "IPython", "followthemoney")
ROOT = Path(__file__).resolve().parent.parent
# the child imports the package from this checkout, not whichever copy is installed
CHILD_ENV = {**os.environ, "PYTHONPATH": str(ROOT)}

PROBE = """
import json, sys
from graphviz_app.cli import main
result_path, args = sys.argv[1], json.loads(sys.argv[2])
sys.argv = ["graphviz-app", *args]
code = 0
try:
    main()
except SystemExit as exit:
    code = exit.code
with open(result_path, "w") as out:
    json.dump({"code": code, "modules": sorted(sys.modules),
               "package": sys.modules["graphviz_app"].__file__}, out)
"""


def run_cli(tmp_path, *args: str, cwd=None) -> dict:
    """Run the CLI with ``args`` in a fresh interpreter; return its exit code and modules."""
    result_path = tmp_path / "probe.json"
    subprocess.run(
        [sys.executable, "-c", PROBE, str(result_path), json.dumps(args)],
        cwd=cwd or tmp_path,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
        env=CHILD_ENV,
    )
    return json.loads(result_path.read_text())


def heavy_in(modules: list[str]) -> list[str]:
    return sorted({m.split(".")[0] for m in modules} & set(HEAVY))


def test_help_imports_nothing_heavy(tmp_path):
    probe = run_cli(tmp_path, "--help")
    assert probe["code"] == 0
    assert heavy_in(probe["modules"]) == []


@pytest.mark.parametrize("command", ["validate", "build", "export"])
def test_command_help_imports_nothing_heavy(tmp_path, command):
    probe = run_cli(tmp_path, command, "--help")
    assert probe["code"] == 0
    assert heavy_in(probe["modules"]) == []


def test_validate_imports_nothing_heavy(tmp_path, make_project):
    data = make_project()
    probe = run_cli(tmp_path, "validate", str(data))
    assert probe["code"] == 0, "the fixture project validates cleanly"
    assert "graphviz_app.checks" in probe["modules"], "validate really ran the checks"
    assert probe["package"] == str(ROOT / "graphviz_app" / "__init__.py")
    assert heavy_in(probe["modules"]) == []


def test_validate_with_errors_imports_nothing_heavy(tmp_path, make_project):
    # the error path computes suggestions (rapidfuzz) but still no graph or table library
    data = make_project()
    data.write_text(data.read_text().replace("source: hamas", "source: hamaz"))
    probe = run_cli(tmp_path, "validate", "--format", "json", str(data))
    assert probe["code"] == 1
    assert heavy_in(probe["modules"]) == []


def test_build_does_import_the_page_libraries(tmp_path, make_project):
    # guards the probe itself: it must see a heavy import when one happens
    data = make_project()
    probe = run_cli(tmp_path, "build", str(data), "-o", str(tmp_path / "page.html"))
    assert probe["code"] == 0
    assert "networkx" in heavy_in(probe["modules"])


def test_a_cold_build_of_a_small_network_needs_neither_ipython_nor_scipy(tmp_path, make_project):
    # no cached positions: the layout runs; pyvis's IPython and scipy's optimiser stay out
    data = make_project()
    probe = run_cli(tmp_path, "build", str(data), "-o", str(tmp_path / "page.html"))
    assert probe["code"] == 0
    assert (tmp_path / "page.positions.json").exists()
    top = {m.split(".")[0] for m in probe["modules"]}
    assert "numpy" in top, "the layout really ran"
    assert not top & {"IPython", "pyvis", "scipy"}


def test_help_starts_fast(tmp_path):
    # generous bound: a cold interpreter alone takes ~50 ms; pandas alone would add ~400 ms
    best = min(_wall_time([sys.executable, "-m", "graphviz_app", "--help"]) for _ in range(3))
    assert best < 1.0, f"--help took {best * 1000:.0f} ms"


def _wall_time(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, capture_output=True, check=True, timeout=60, env=CHILD_ENV)
    return time.perf_counter() - start

"""No command writes over what it reads, reads what it should not, or hangs on a file."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from click.testing import CliRunner
from conftest import MINI, SEED

from graphviz_app.cli import cli


@pytest.fixture
def project(make_project, monkeypatch):
    data = make_project()
    root = data.parent.parent
    monkeypatch.chdir(root)
    return root


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


@pytest.mark.parametrize("args", [
    ["build", "-o", "data/network.yaml"],
    ["build", "-o", "seeds/a1.txt"],
    ["build", "--positions", "data/network.yaml"],
    ["build", "--positions", "seeds/a1.txt"],
    ["build", "-o", "docs/x.html", "--positions", "docs/x.html"],
    ["export", "--format", "json", "-o", "data/network.yaml"],
    ["export", "--format", "cameo", "-o", "seeds/a1.txt"],
    ["export", "--format", "svg", "-o", "./data/../data/network.yaml"],
    ["schema", "-o", "data/network.yaml"],
])
def test_no_command_writes_over_what_the_project_is_made_of(project, args):
    before = {p: p.read_bytes() for p in (project / "data" / "network.yaml",
                                          project / "seeds" / "a1.txt")}
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert "error:" in result.stderr and "Traceback" not in result.output
    assert {p: p.read_bytes() for p in before} == before


def test_a_failed_positions_write_leaves_the_page_untouched(project):
    page = project / "docs" / "network.html"
    page.parent.mkdir()
    page.write_text("the last good page", encoding="utf-8")
    (project / "docs" / "blocker").write_text("a file where a folder would be", encoding="utf-8")
    result = run("build", "--positions", "docs/blocker/positions.json")
    assert result.exit_code == 2
    assert "docs/blocker/positions.json" in result.stderr and "nothing was written" in result.stderr
    assert page.read_text(encoding="utf-8") == "the last good page"
    assert not list((project / "docs").glob(".network.html.*.tmp"))


def test_a_page_sent_to_a_device_keeps_the_device_and_writes_no_cache(project):
    result = run("build", "-o", os.devnull)
    assert result.exit_code == 0, result.output
    assert not os.path.exists(os.devnull + ".positions.json")
    assert not os.path.isfile(os.devnull)


@pytest.mark.parametrize("args", [["build", "-o", ""], ["export", "--format", "json", "-o", ""],
                                  ["schema", "-o", ""]])
def test_an_empty_output_path_is_a_usage_error(project, args):
    result = run(*args)
    assert result.exit_code == 2 and "internal error" not in result.output


def test_a_nul_in_a_file_name_is_a_diagnostic(project):
    data = project / "data" / "network.yaml"
    data.write_text(MINI.replace("file: seeds/a1.txt", 'file: "seeds/a1\\0.txt"'), "utf-8")
    result = run("validate")
    assert result.exit_code == 1 and "internal error" not in result.output
    assert "A401" in result.output and "S109" in result.output


def test_a_seed_linked_out_of_the_project_is_refused(project, tmp_path_factory):
    secret = tmp_path_factory.mktemp("elsewhere") / "secret.txt"
    secret.write_text(SEED + "\nSECRET-TOKEN\n", encoding="utf-8")
    seed = project / "seeds" / "a1.txt"
    seed.unlink()
    seed.symlink_to(secret)
    result = run("build")
    assert result.exit_code == 1 and "A401" in result.stderr
    assert "outside the project" in result.stderr
    assert not (project / "docs" / "network.html").exists()
    assert run("find", "SECRET-TOKEN").exit_code == 1  # nor is it searched
    allowed = run("build", "--outside-seeds")
    assert allowed.exit_code == 0, allowed.output
    assert "SECRET-TOKEN" in (project / "docs" / "network.html").read_text(encoding="utf-8")


def test_a_fifo_seed_or_a_device_never_hangs(project):
    fifo = project / "seeds" / "a1.txt"
    fifo.unlink()
    os.mkfifo(fifo)
    command = [sys.executable, "-m", "graphviz_app"]
    cited = subprocess.run([*command, "validate"], cwd=project, capture_output=True, text=True,
                           timeout=30)
    assert cited.returncode == 1 and "FIFO" in cited.stdout
    device = subprocess.run([*command, "validate", "/dev/zero"], cwd=project,
                            capture_output=True, text=True, timeout=30)
    assert device.returncode == 2 and "not a regular file" in device.stderr

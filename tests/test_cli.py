"""The command line: exit codes, atomic builds, the CSV export, and that it is documented."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from click.testing import CliRunner
from conftest import ROOT

from graphviz_app import __version__
from graphviz_app.cli import cli


@pytest.fixture
def run():
    def invoke(*args: str):
        return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)

    return invoke


def test_version(run):
    result = run("--version")
    assert result.exit_code == 0
    assert __version__ in result.output


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_every_command_has_help_with_an_example(run, command):
    result = run(command, "-h")
    assert result.exit_code == 0
    assert "Example:" in result.output, f"{command} --help has no Example: block"


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_every_command_is_in_the_readme(command):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert re.search(rf"graphviz-app {re.escape(command)}\b", readme), f"README lacks {command}"


def test_build_writes_the_page(run, make_project, tmp_path):
    data = make_project()
    out = tmp_path / "page.html"
    result = run("build", data, "-o", out)
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "gantz-abbas-call" in html and "Benny Gantz" in html


def test_failed_build_leaves_previous_page_untouched(run, make_project, tmp_path):
    data = make_project()
    out = tmp_path / "page.html"
    out.write_text("previous good page", encoding="utf-8")
    data.write_text(data.read_text().replace("type: call", "type: meating"), encoding="utf-8")
    result = run("build", data, "-o", out)
    assert result.exit_code == 1
    assert "S104" in result.output and "meeting" in result.output
    assert out.read_text(encoding="utf-8") == "previous good page"
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".tmp") == []


def test_build_with_missing_data_file_is_a_usage_error(run, tmp_path):
    result = run("build", tmp_path / "nope.yaml", "-o", tmp_path / "x.html")
    assert result.exit_code == 2
    assert "nope.yaml" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "x.html").exists()


def test_validate_exit_codes(run, make_project, tmp_path):
    data = make_project()
    assert run("validate", data).exit_code == 0
    assert run("validate", tmp_path / "missing.yaml").exit_code == 2
    data.write_text("articles: [unclosed\n", encoding="utf-8")
    result = run("validate", data)
    assert result.exit_code == 1
    assert re.search(r"network\.yaml:\d+:\d+: Y001", result.output)


def test_csv_export_reads_back_with_pandas(run, make_project, tmp_path):
    data = make_project()
    out = tmp_path / "csv"
    result = run("export", "--format", "csv", "--output", out, data)
    assert result.exit_code == 0, result.output
    articles = pd.read_csv(out / "articles.csv")
    actors = pd.read_csv(out / "actors.csv")
    interactions = pd.read_csv(out / "interactions.csv")
    evidence = pd.read_csv(out / "evidence.csv")
    assert list(articles.columns[:6]) == ["id", "file", "title", "published", "outlet", "url"]
    assert list(actors.columns[:7]) == [
        "id",
        "name",
        "kind",
        "side",
        "role",
        "aliases",
        "member_of",
    ]
    assert list(interactions.columns[:10]) == [
        "id",
        "type",
        "source",
        "target",
        "date",
        "summary",
        "about",
        "campaign",
        "articles",
        "evidence_count",
    ]
    assert list(evidence.columns[:5]) == ["interaction", "article", "quote", "start", "end"]
    assert set(actors["id"]) == {"gantz", "abbas", "hamas"}
    assert set(interactions["id"]) == {"gantz-abbas-call", "hamas-condemns-call"}
    seed = (data.parent.parent / "seeds" / "a1.txt").read_text(encoding="utf-8")
    for row in evidence.itertuples():
        assert seed[row.start : row.end] == row.quote


def test_export_refuses_data_with_errors(run, make_project, tmp_path):
    data = make_project()
    data.write_text(
        data.read_text().replace(
            "target: abbas\n    date: 2022-12-28\n    summary: Gantz",
            "target: abas\n    date: 2022-12-28\n    summary: Gantz",
        ),
        encoding="utf-8",
    )
    result = run("export", "--format", "csv", "--output", tmp_path / "csv", data)
    assert result.exit_code == 1
    assert "R201" in result.output and "abbas" in result.output
    assert not (tmp_path / "csv").exists()


def test_python_dash_m_runs_the_cli():
    import subprocess
    import sys

    proc = subprocess.run(
        [sys.executable, "-m", "graphviz_app", "--help"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert proc.returncode == 0
    assert "validate" in proc.stdout and "build" in proc.stdout

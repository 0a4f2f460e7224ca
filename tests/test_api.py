"""The Python API, used as a notebook or a script would use it."""

from __future__ import annotations

import json
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from click.testing import CliRunner
from conftest import MINI

import graphviz_app
from graphviz_app.cli import cli

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "data" / "network.yaml"
PAGE = ROOT / "docs" / "network.html"
POSITIONS = ROOT / "docs" / "network.positions.json"


@pytest.fixture(scope="module")
def shipped():
    return graphviz_app.load(SHIPPED)


def test_load_checks_the_shipped_project(shipped):
    assert shipped.ok and shipped.errors == []
    assert len(shipped.dataset.actors) > 0 and len(shipped.dataset.interactions) > 0
    assert f"{len(shipped.dataset.actors)} actors" in repr(shipped)


def test_graph_has_an_actor_per_node_and_an_interaction_per_edge(shipped):
    graph = shipped.graph()
    assert isinstance(graph, nx.MultiDiGraph)
    assert graph.number_of_nodes() == len(shipped.dataset.actors)
    assert graph.number_of_edges() == len(shipped.dataset.interactions)
    assert {key for _, _, key in graph.edges(keys=True)} == {
        i.id for i in shipped.dataset.interactions}


def test_html_with_the_cached_positions_is_the_committed_page(shipped):
    page = shipped.html(positions=POSITIONS)
    assert page == PAGE.read_text(encoding="utf-8")


def test_html_holds_the_data(shipped):
    page = shipped.html()
    assert page.startswith("<!DOCTYPE html>") or page.lstrip().lower().startswith("<!doctype")
    for item in shipped.dataset.interactions:
        assert json.dumps(item.id) in page


def test_write_html_writes_the_page(shipped, tmp_path):
    positions = json.loads(POSITIONS.read_text())
    path = shipped.write_html(tmp_path / "page.html", positions=positions)
    assert path == tmp_path / "page.html"
    assert path.read_text(encoding="utf-8") == PAGE.read_text(encoding="utf-8")


def test_write_html_embed_writes_the_page_for_an_iframe(shipped, tmp_path):
    path = shipped.write_html(tmp_path / "embed.html", positions=POSITIONS, embed=True)
    page = path.read_text(encoding="utf-8")
    assert '<body class="embed">' in page and 'id="full-page"' in page
    assert '<body class="embed">' not in PAGE.read_text(encoding="utf-8")
    assert all(json.dumps(item.id) in page for item in shipped.dataset.interactions)


def test_exports_read_back(shipped, tmp_path):
    data = shipped.dataset
    written = shipped.export("csv", tmp_path / "csv")
    actors = pd.read_csv(tmp_path / "csv" / "actors.csv")
    assert len(written) == 4 and len(actors) == len(data.actors)

    shipped.export("json", tmp_path / "g.json")
    graph = nx.node_link_graph(json.loads((tmp_path / "g.json").read_text()), edges="edges")
    assert graph.number_of_edges() == len(data.interactions)

    assert nx.read_gexf(shipped.export("gexf", tmp_path / "g.gexf")[0]).number_of_nodes() == len(
        data.actors)

    lines = shipped.export("ftm", tmp_path / "g.ftm.json")[0].read_text().splitlines()
    assert sum(json.loads(line)["id"].startswith("gva-actor-") for line in lines) == len(
        data.actors)


def test_every_listed_format_exports(shipped, tmp_path):
    formats = graphviz_app.export_formats()
    assert {"csv", "json", "graphml", "gexf", "annotations", "cameo", "ftm"} <= set(formats)
    for fmt in formats:
        assert all(p.exists() for p in shipped.export(fmt, tmp_path / fmt))


def test_api_and_cli_write_the_same_bytes(shipped, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    for fmt in ("gexf", "ftm"):
        result = CliRunner().invoke(cli, ["export", "--format", fmt, "-o", str(tmp_path / fmt)])
        assert result.exit_code == 0, result.output
        api_file = shipped.export(fmt, tmp_path / f"api.{fmt}")[0]
        assert api_file.read_bytes() == (tmp_path / fmt).read_bytes()


def test_unknown_format_names_the_known_ones(shipped, tmp_path):
    with pytest.raises(ValueError, match="use one of: csv"):
        shipped.export("dot", tmp_path / "x.dot")
    assert not (tmp_path / "x.dot").exists()


class _Iframes(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[dict] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "iframe":
            self.found.append(dict(attrs))


def test_jupyter_shows_the_page_in_an_offline_sandboxed_iframe(make_project):
    project = graphviz_app.load(make_project())
    shown = project._repr_html_()
    parser = _Iframes()
    parser.feed(shown)
    assert parser.tags == ["iframe"] and len(parser.found) == 1
    frame = parser.found[0]
    assert "src" not in frame  # nothing is fetched: the page travels in srcdoc
    assert frame["sandbox"] == "allow-scripts"
    assert frame["srcdoc"] == project.html()  # the parser unescapes the attribute


def test_an_invalid_project_gives_problems_not_exceptions(make_project, tmp_path):
    project = graphviz_app.load(make_project(MINI.replace("type: call", "type: cal")))
    assert not project.ok
    assert [p.code for p in project.errors] == ["S104"]
    assert "S104" in project.report() and "meeting" not in repr(project)
    shown = project._repr_html_()
    assert shown.startswith("<pre>") and "S104" in shown and "<iframe" not in shown
    with pytest.raises(graphviz_app.ProjectError, match="S104"):
        project.html()
    with pytest.raises(graphviz_app.ProjectError):
        project.export("csv", tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_warnings_leave_a_project_ok(make_project):
    unused = "  - id: nobody\n    name: Nobody\n    kind: person\n    side: x\ninteractions:\n"
    project = graphviz_app.load(make_project(MINI.replace("interactions:\n", unused, 1)))
    assert [p.code for p in project.warnings] == ["R209"]
    assert project.ok and "<iframe" in project._repr_html_()


def test_a_missing_file_raises_oserror(tmp_path):
    with pytest.raises(FileNotFoundError):
        graphviz_app.load(tmp_path / "nothing.yaml")


def test_root_can_be_given(make_project, tmp_path):
    data = make_project()
    moved = tmp_path / "elsewhere.yaml"
    moved.write_text(data.read_text())
    assert graphviz_app.load(moved, root=tmp_path).ok
    # without --root, the nearest folder with a seeds/ folder is the root
    assert graphviz_app.load(moved).ok


def test_importing_the_package_stays_light():
    probe = ("import sys, graphviz_app; "
             "print(sorted(m for m in ('pydantic', 'networkx', 'pandas', 'followthemoney') "
             "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True, cwd=ROOT).stdout
    assert out.strip() == "[]"


def test_the_api_never_writes_over_the_data_or_a_seed(make_project):
    from graphviz_app.build import OutputFailed

    data = make_project()
    project = graphviz_app.load(data)
    before = data.read_bytes()
    with pytest.raises(OutputFailed, match="the data file"):
        project.write_html(data)
    with pytest.raises(OutputFailed, match="seed"):
        project.export("json", data.parent.parent / "seeds" / "a1.txt")
    assert data.read_bytes() == before

"""The optional `wikidata:` id on actors: checked for form, carried by every export."""

from __future__ import annotations

import json

import networkx as nx
import pandas as pd
import pytest
from click.testing import CliRunner
from conftest import MINI

from graphviz_app.checks import validate
from graphviz_app.cli import cli
from graphviz_app.export import EXPORTERS

WITH_ID = MINI.replace("    aliases: [Gantz]\n", "    aliases: [Gantz]\n    wikidata: Q21511\n")


def with_wikidata(value: str) -> str:
    return MINI.replace("    aliases: [Gantz]\n", f"    aliases: [Gantz]\n    wikidata: {value}\n")


@pytest.mark.parametrize("value", ["Q1", "Q21511"])
def test_a_q_and_digits_is_accepted(make_project, value):
    checked = validate(make_project(with_wikidata(value)))
    assert checked.ok(), checked.problems
    assert checked.dataset.actors[0].wikidata == value


@pytest.mark.parametrize("value", ["'21511'", "q21511", "Q", "Q0", "Q01", "P31",
                                   "https://www.wikidata.org/wiki/Q21511", "'Q21511 '"])
def test_a_malformed_id_is_an_s103_on_its_line(make_project, value):
    data = make_project(with_wikidata(value))
    checked = validate(data)
    assert [p.code for p in checked.errors] == ["S103"]
    line = data.read_text().splitlines().index(f"    wikidata: {value}") + 1
    assert checked.errors[0].line == line


def test_a_number_is_a_wrong_type(make_project):
    checked = validate(make_project(with_wikidata("21511")))
    assert [p.code for p in checked.errors] == ["S103"]


def test_validate_explains_the_form(make_project):
    result = CliRunner().invoke(cli, ["validate", str(make_project(with_wikidata("q42")))])
    assert result.exit_code == 1
    assert 'bad Wikidata id "q42"' in result.output
    assert "write a Wikidata id as Q followed by digits" in result.output


@pytest.fixture
def checked(make_project):
    checked = validate(make_project(WITH_ID))
    assert checked.ok(), checked.problems
    return checked


def test_csv_has_a_wikidata_column(checked, tmp_path):
    written = EXPORTERS["csv"](checked, tmp_path)
    actors = pd.read_csv(tmp_path / "actors.csv", dtype=str, keep_default_na=False)
    assert tmp_path / "actors.csv" in written
    assert dict(zip(actors.id, actors.wikidata, strict=True)) == {
        "gantz": "Q21511", "abbas": "", "hamas": ""}


def test_json_carries_it_on_the_node(checked, tmp_path):
    EXPORTERS["json"](checked, tmp_path / "g.json")
    graph = nx.node_link_graph(json.loads((tmp_path / "g.json").read_text()), edges="edges")
    assert graph.nodes["gantz"]["wikidata"] == "Q21511"
    assert graph.nodes["abbas"]["wikidata"] is None


@pytest.mark.parametrize("fmt, read", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_graph_formats_carry_it_and_omit_it_when_absent(checked, tmp_path, fmt, read):
    path = tmp_path / f"g.{fmt}"
    EXPORTERS[fmt](checked, path)
    graph = read(path)
    assert graph.nodes["gantz"]["wikidata"] == "Q21511"
    assert "wikidata" not in graph.nodes["abbas"]


"""Summary tables: counts by type, side pair and month; centrality; per-article counts."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest
from click.testing import CliRunner
from conftest import MINI, SEED
from test_export import RICH, SEED2

from graphviz_app.checks import validate
from graphviz_app.cli import cli
from graphviz_app.stats import summarise


@pytest.fixture
def rich_data(make_project):
    return make_project(RICH, {"a1.txt": SEED, "a2.txt": SEED2})


@pytest.fixture
def tables(rich_data):
    return summarise(validate(rich_data))


def rows(frame: pd.DataFrame, key: str) -> dict:
    return frame.set_index(key).to_dict(orient="index")


def test_interactions_by_type(tables):
    counts = dict(zip(tables["by_type"].type, tables["by_type"].interactions, strict=True))
    assert counts == {"accusation": 1, "call": 1, "condemnation": 1, "meeting": 1,
                      "rejection": 1}


def test_side_pairs_order_symmetric_types_alphabetically(tables):
    pairs = {(r.source_side, r.target_side): r.interactions
             for r in tables["by_side_pair"].itertuples()}
    # the call gantz -> abbas is symmetric: counted as israel / palestinian-authority;
    # the meeting leaf -> abbas as palestinian-authority / us
    assert pairs == {("hamas", "israel"): 1, ("hamas", "palestinian-authority"): 1,
                     ("israel", "palestinian-authority"): 1,
                     ("palestinian-authority", "us"): 2}
    assert tables["by_side_pair"].interactions.iloc[0] == 2  # most frequent first


def test_interactions_by_month_in_calendar_order(tables):
    assert list(tables["by_month"].month) == ["2022", "2022-12", "2023-01", "2023-02"]
    assert list(tables["by_month"].interactions) == [1, 2, 1, 1]


def test_actor_degree_and_betweenness(tables):
    actors = rows(tables["actors"], "actor")
    assert tables["actors"].actor.iloc[0] == "abbas"
    assert actors["abbas"]["degree"] == 4 and actors["abbas"]["partners"] == 4
    assert actors["hamas"]["degree"] == 2
    # abbas bridges gantz, leaf, usa and hamas; hamas bridges abbas and israel
    assert actors["abbas"]["betweenness"] > actors["hamas"]["betweenness"] > 0
    assert actors["gantz"]["betweenness"] == 0
    assert set(actors) == {"abbas", "gantz", "hamas", "usa", "leaf", "israel"}


def test_betweenness_is_networkx_betweenness_centrality_computed_faster():
    import networkx as nx

    from graphviz_app.stats import _betweenness

    path = nx.path_graph(["a", "b", "c", "d"])  # b lies on a-c and a-d: 2 of 3 pairs
    assert _betweenness(path) == pytest.approx({"a": 0, "b": 2 / 3, "c": 2 / 3, "d": 0})
    assert _betweenness(nx.Graph([("a", "b")])) == {"a": 0.0, "b": 0.0}
    assert _betweenness(nx.Graph()) == {}
    # components apart, a star, cycles and leaves: the same as networkx on every node
    graph = nx.disjoint_union_all([nx.gnm_random_graph(40, 90, seed=3), nx.star_graph(6),
                                   nx.cycle_graph(5), nx.path_graph(3)])
    graph = nx.relabel_nodes(graph, {n: f"n{n}" for n in graph})
    expected = nx.betweenness_centrality(graph)
    assert _betweenness(graph) == pytest.approx(expected, abs=1e-12)


def test_interactions_and_quotes_per_article(tables):
    articles = rows(tables["articles"], "article")
    assert articles["a1"]["interactions"] == 2 and articles["a1"]["quotes"] == 2
    assert articles["a2"]["interactions"] == 3 and articles["a2"]["quotes"] == 3
    assert list(tables["articles"].article) == ["a1", "a2"]  # by publication date


def test_cli_text_has_every_table(rich_data):
    result = CliRunner().invoke(cli, ["stats", str(rich_data)])
    assert result.exit_code == 0
    for title in ("Interactions by type", "by side pair", "by month", "betweenness",
                  "per article"):
        assert title in result.stdout
    assert "Barbara Leaf" in result.stdout


def test_cli_csv_is_one_long_table(rich_data):
    result = CliRunner().invoke(cli, ["stats", "--format", "csv", str(rich_data)])
    assert result.exit_code == 0
    frame = pd.read_csv(io.StringIO(result.stdout), dtype={"value": str})
    assert list(frame.columns) == ["table", "key", "measure", "value"]
    assert set(frame.table) == {"by_type", "by_side_pair", "by_month", "actors", "articles"}
    degree = frame[(frame.table == "actors") & (frame.measure == "degree")]
    assert dict(zip(degree.key, degree.value, strict=True))["abbas"] == "4"  # counts stay integral
    pair = frame[frame.table == "by_side_pair"]
    assert "palestinian-authority -> us" in set(pair.key)


def test_cli_json_round_trips(rich_data):
    result = CliRunner().invoke(cli, ["stats", "--format", "json", str(rich_data)])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert {r["type"]: r["interactions"] for r in data["by_type"]}["meeting"] == 1
    assert data["actors"][0]["actor"] == "abbas"


def test_cli_refuses_data_with_errors(make_project):
    data = make_project(MINI.replace("source: hamas", "source: hamass"))
    result = CliRunner().invoke(cli, ["stats", str(data)])
    assert result.exit_code == 1
    assert "R201" in result.stderr and result.stdout == ""

"""The graph: a node per actor, an edge per interaction keyed by its id, quotes with offsets."""

from __future__ import annotations

from graphviz_app.checks import validate
from graphviz_app.graph import build_graph


def test_nodes_edges_and_evidence(make_project):
    checked = validate(make_project())
    graph = build_graph(checked)
    assert list(graph.nodes) == ["gantz", "abbas", "hamas"]
    edges = {key: attrs for _, _, key, attrs in graph.edges(keys=True, data=True)}
    assert list(edges) == ["gantz-abbas-call", "hamas-condemns-call"]
    call = edges["gantz-abbas-call"]
    assert call["symmetric"] is True and call["articles"] == ["a1"]
    assert edges["hamas-condemns-call"]["about"] == "gantz-abbas-call"
    [evidence] = call["evidence"]
    text = checked.texts["a1"].text
    assert text[evidence["start"]:evidence["end"]].startswith("Benny Gantz on Wednesday told")
    assert graph.nodes["abbas"]["aliases"] == ["Abbas"]

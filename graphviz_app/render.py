"""Graph -> one self-contained interactive HTML page."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .checks import Checked


def render_html(checked: Checked) -> str:
    """The page as a string (first version: pyvis defaults, inline resources)."""
    from pyvis.network import Network

    from .graph import build_graph

    graph = build_graph(checked)
    net = Network(height="800px", width="100%", directed=True, cdn_resources="in_line")
    for node, attrs in graph.nodes(data=True):
        net.add_node(node, label=attrs.get("name", node), title=attrs.get("role") or "")
    for source, target, key, attrs in graph.edges(keys=True, data=True):
        net.add_edge(source, target, id=key, title=attrs["summary"])
    return net.generate_html()

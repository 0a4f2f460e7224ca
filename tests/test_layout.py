"""Positions: deterministic, kept across builds, new actors placed beside their neighbours."""

from __future__ import annotations

import itertools
import math
import os
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

import networkx as nx

from graphviz_app import layout


def star_graph(leaves: int = 12, extra: tuple[str, ...] = ()) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    graph.add_node("hub")
    for i in range(leaves):
        graph.add_edge("hub", f"leaf-{i}", key=f"i{i}")
    graph.add_edge("hub", "leaf-0", key="again")
    graph.add_edge("island-a", "island-b", key="island")
    for node in extra:
        graph.add_node(node)
    return graph


def closest_pair(positions: dict) -> float:
    return min(math.dist(a, b) for a, b in itertools.combinations(positions.values(), 2))


def test_fresh_layout_is_deterministic_integer_and_uncrowded():
    first = layout.compute_positions(star_graph())
    again = layout.compute_positions(star_graph())
    assert first == again
    assert set(first) == set(star_graph())
    assert all(isinstance(v, int) for xy in first.values() for v in xy)
    assert closest_pair(first) >= layout.SPACING - 1


def test_known_actors_keep_their_place_and_a_new_one_lands_beside_its_neighbour():
    graph = star_graph()
    known = layout.compute_positions(graph)
    known["leaf-3"] = (5000, -4000)  # a curator's arrangement, however odd
    graph.add_edge("leaf-3", "newcomer", key="new")
    placed = layout.compute_positions(graph, known)
    assert {n: placed[n] for n in known} == known
    assert math.dist(placed["newcomer"], known["leaf-3"]) < 3 * layout.EDGE
    assert min(math.dist(placed["newcomer"], p) for p in known.values()) >= layout.SPACING - 1


def test_new_component_goes_beside_the_known_ones():
    graph = star_graph()
    known = layout.compute_positions(graph)
    graph.add_edge("far-a", "far-b", key="far")
    placed = layout.compute_positions(graph, known)
    right = max(x for x, _ in known.values())
    assert placed["far-a"][0] > right and placed["far-b"][0] > right


def test_forgotten_actors_are_not_kept():
    graph = star_graph()
    known = layout.compute_positions(graph) | {"gone": (1, 2)}
    assert "gone" not in layout.compute_positions(graph, known)


def test_positions_file_round_trip(tmp_path):
    positions = {"b": (10, -20), "a": (0, 5)}
    path = tmp_path / "network.positions.json"
    path.write_text(layout.positions_json(positions), encoding="utf-8")
    assert layout.read_positions(path) == positions
    text = path.read_text(encoding="utf-8")
    assert text.index('"a"') < text.index('"b"')


def test_unreadable_positions_file_means_a_fresh_layout(tmp_path):
    path = tmp_path / "p.json"
    assert layout.read_positions(path) == {}
    path.write_text("{not json", encoding="utf-8")
    assert layout.read_positions(path) == {}
    path.write_text('{"a": [1, "x"], "b": [1, 2, 3], "c": [3, 4]}', encoding="utf-8")
    assert layout.read_positions(path) == {"c": (3, 4)}


def test_big_component_is_laid_out_through_a_backbone():
    graph = nx.MultiDiGraph()
    nodes = [f"n{i}" for i in range(layout.BACKBONE + 60)]
    for i, node in enumerate(nodes[1:], start=1):
        graph.add_edge(nodes[(i * 7) % i], node, key=f"e{i}")
    positions = layout.compute_positions(graph)
    assert set(positions) == set(nodes)
    assert positions == layout.compute_positions(graph)


def test_hubs_of_a_big_network_sit_in_the_middle_with_room_around_everyone():
    pairs = nx.barabasi_albert_graph(layout.BACKBONE + 200, 3, seed=7)
    graph = nx.MultiDiGraph()
    for a, b in pairs.edges():
        graph.add_edge(f"n{a}", f"n{b}", key=f"{a}-{b}")
    positions = layout.compute_positions(graph)
    xs, ys = zip(*positions.values(), strict=True)
    centre = (sum(xs) / len(xs), sum(ys) / len(ys))
    radius = {node: math.dist(xy, centre) for node, xy in positions.items()}
    hubs = sorted(pairs, key=pairs.degree, reverse=True)[:10]
    typical = statistics.median(radius.values())
    assert statistics.median(radius[f"n{h}"] for h in hubs) < 0.5 * typical
    assert max(radius.values()) < 3 * typical  # no far-flung stragglers
    assert closest_pair(positions) >= 0.5 * layout.SPACING


ROOT = Path(__file__).resolve().parent.parent

BIG_NETWORK = """
import random, sys
import networkx as nx
from graphviz_app.layout import fresh_layout, positions_json

rng = random.Random(7)
graph = nx.MultiDiGraph()
names = [f"actor-{i:03d}" for i in range(520)]
for i, name in enumerate(names[:460]):  # one big component: laid out backbone first
    for _ in range(2):
        graph.add_edge(name, names[rng.randrange(max(i, 1))], key=f"{name}-{_}")
for a, b in zip(names[460::2], names[461::2]):  # and small ones, packed beside it
    graph.add_edge(a, b, key=a)
sys.stdout.write(positions_json(fresh_layout(graph)))
"""


def under_hash_seed(seed: int, args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = os.environ | {"PYTHONHASHSEED": str(seed), "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, *args], cwd=cwd, env=env, capture_output=True,
                          check=True)


def test_fresh_layout_of_a_big_network_does_not_depend_on_the_hash_seed(tmp_path):
    outputs = {under_hash_seed(seed, ["-c", BIG_NETWORK], tmp_path).stdout for seed in (1, 2, 3)}
    assert len(outputs) == 1
    assert outputs.pop().count(b"actor-") == 520


def test_build_of_the_shipped_data_gives_the_same_bytes_under_any_hash_seed(tmp_path):
    """Without a positions cache, the page comes from a fresh layout."""
    built = []
    for seed in (1, 2):
        project = tmp_path / f"project-{seed}"
        shutil.copytree(ROOT / "data", project / "data")
        shutil.copytree(ROOT / "seeds", project / "seeds")
        under_hash_seed(seed, ["-m", "graphviz_app", "build", "data/network.yaml",
                               "-o", "docs/network.html"], project)
        built.append(((project / "docs" / "network.html").read_bytes(),
                      (project / "docs" / "network.positions.json").read_bytes()))
    assert built[0] == built[1]

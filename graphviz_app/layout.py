"""Deterministic positions for the page, computed at build time.

The page draws every actor where this module puts it, with physics off, so nothing moves
on load. Positions are cached beside the page: known actors keep their place and only new
ones are placed, next to the actors they interact with, so a small edit to the data does not
reshuffle the picture. A fresh layout runs networkx's spring layout on each connected
component (on a backbone of the best-connected actors for big components, whose other
actors are then placed beside their neighbours and settled with a few more iterations),
scales big components so that every actor has room before overlaps are pushed apart, and
packs the components in rows.
"""

from __future__ import annotations

import hashlib
import json
import math
import statistics
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx

Position = tuple[int, int]

SEED = 20221228
SPACING = 90  # pixels: the least distance between two actors' centres, so labels fit
EDGE = 150  # pixels: the median length of an edge
SMALL = 150  # up to this many actors a component gets the (costlier) stress layout
STRESS_ITERATIONS = 300  # at most; the stress layout usually settles far sooner
STRESS_TOLERANCE = 1e-5  # stop when an iteration lowers the stress by less than this share
BACKBONE = 400  # above this many actors a component is laid out backbone first
SETTLE_ITERATIONS = 6  # spring iterations over a whole big component after placing
ROOM = 1.2  # big components: room per actor, in SPACING, so that few need pushing apart
STRAGGLE = 0.3  # how much of their distance beyond the rest far-out actors keep
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))


def compute_positions(graph: nx.MultiDiGraph, known: dict[str, Position] | None = None
                      ) -> dict[str, Position]:
    """Integer positions for every actor of ``graph``, keeping those in ``known``."""
    kept = {node: known[node] for node in graph if known and node in known}
    if not kept:
        return fresh_layout(graph)
    return extend_layout(graph, kept)


def pair_graph(graph: nx.MultiDiGraph) -> nx.Graph:
    """One undirected edge per pair of actors, heavier for pairs that interact more."""
    import networkx as nx

    counts: dict[tuple[str, str], int] = defaultdict(int)
    for source, target in graph.edges():
        counts[tuple(sorted((source, target)))] += 1
    pairs = nx.Graph()
    pairs.add_nodes_from(graph)
    for (a, b), count in counts.items():
        pairs.add_edge(a, b, weight=1 + math.log2(count))
    return pairs


def fresh_layout(graph: nx.MultiDiGraph) -> dict[str, Position]:
    """Lay out every component from scratch and pack them, biggest first."""
    import networkx as nx

    pairs = pair_graph(graph)
    order = {node: i for i, node in enumerate(graph)}
    components = [sorted(c, key=order.__getitem__) for c in nx.connected_components(pairs)]
    components.sort(key=lambda c: (-len(c), order[c[0]]))
    blocks = [_component_layout(induced(pairs, c)) for c in components]
    return _pack(blocks)


def induced(graph: nx.Graph, nodes: list[str]) -> nx.Graph:
    """The subgraph on ``nodes``, as a copy whose nodes and edges follow the order given.

    ``graph.subgraph`` iterates the node *set* it is given, in an order that changes with
    ``PYTHONHASHSEED``; the layouts number nodes in iteration order, so a view would make
    the same data give other positions in another process.
    """
    keep = set(nodes)
    sub = graph.__class__()
    sub.add_nodes_from((node, graph.nodes[node]) for node in nodes)
    for node in nodes:
        for other, data in graph.adj[node].items():
            if other not in keep:
                continue
            if graph.is_multigraph():
                sub.add_edges_from((node, other, key, attrs) for key, attrs in data.items())
            else:
                sub.add_edge(node, other, **data)
    return sub


def _component_layout(component: nx.Graph) -> dict[str, tuple[float, float]]:
    """Positions in pixels, centred on the origin, for one connected component."""
    nodes = list(component)
    if len(nodes) <= 2:
        return {node: (i * EDGE, 0.0) for i, node in enumerate(nodes)}
    if len(nodes) <= SMALL:
        pos = _stress_layout(component)
    elif len(nodes) <= BACKBONE:
        pos = _spring(component, iterations=60)
    else:
        pos = _backbone_layout(component)
    # scale by the typical edge, not the extent: one long chain must not crush the rest
    scale = EDGE / (statistics.median(math.dist(pos[a], pos[b]) for a, b in component.edges()) or 1)
    if len(nodes) > SMALL:
        # a dense network's edges span it: make room for every actor, or pushing them apart
        # afterwards scatters the structure (the hubs end up anywhere but in the middle)
        scale = max(scale, _room_scale(pos))
    scaled = {node: (float(pos[node][0]) * scale, float(pos[node][1]) * scale) for node in nodes}
    rounds = 40 if len(nodes) <= BACKBONE else 10
    return _spread(_pull_in_stragglers(scaled), SPACING, rounds=rounds)


def _room_scale(pos: dict) -> float:
    """The scale at which the disc holding 90 % of the actors has room for them all."""
    centre = _centre(pos.values())
    radius = _quantile([math.dist(p, centre) for p in pos.values()], 0.9)
    needed = ROOM * SPACING * math.sqrt(0.9 * len(pos) / math.pi)
    return needed / (radius or 1)


def _pull_in_stragglers(pos: dict) -> dict:
    """Bring actors far beyond the rest closer, so the picture has no wide empty margins."""
    if len(pos) <= SMALL:
        return pos
    centre = _centre(pos.values())
    edge = _quantile([math.dist(p, centre) for p in pos.values()], 0.95)
    out = {}
    for node, (x, y) in pos.items():
        r = math.dist((x, y), centre)
        k = (edge + STRAGGLE * (r - edge)) / r if r > edge else 1.0
        out[node] = (centre[0] + (x - centre[0]) * k, centre[1] + (y - centre[1]) * k)
    return out


def _centre(points) -> tuple[float, float]:
    xs, ys = zip(*points, strict=True)
    return statistics.fmean(xs), statistics.fmean(ys)


def _quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def _spread(pos: dict[str, tuple[float, float]], gap: float, rounds: int) -> dict:
    """Push apart actors closer than ``gap``, a few rounds: spring layouts crowd hubs' leaves."""
    points = {node: list(xy) for node, xy in pos.items()}
    for _ in range(rounds):
        grid = _Grid(gap)
        for node, xy in points.items():
            grid.add(tuple(xy), node)
        moved = False
        for node, xy in points.items():
            for other, (ox, oy) in grid.near(tuple(xy)):
                if other <= node:
                    continue  # each pair once, in a fixed order
                dist = math.dist(xy, (ox, oy))
                if dist >= gap:
                    continue
                angle = math.atan2(oy - xy[1], ox - xy[0]) if dist else _angle(node + other)
                push = (gap - dist) / 2
                xy[0] -= push * math.cos(angle)
                xy[1] -= push * math.sin(angle)
                points[other][0] += push * math.cos(angle)
                points[other][1] += push * math.sin(angle)
                moved = True
        if not moved:
            break
    return {node: (xy[0], xy[1]) for node, xy in points.items()}


def _stress_layout(graph: nx.Graph) -> dict:
    """Even edge lengths, which small networks read best with; seeded by a spring layout.

    Stress majorisation (SMACOF): distances on the page approach the number of steps
    between actors, as in Kamada-Kawai, which minimises nearly the same energy. It needs
    only numpy, where networkx's Kamada-Kawai needs scipy's optimiser (importing
    ``scipy.optimize`` costs more than a small network's whole build).
    """
    import networkx as nx
    import numpy as np

    nodes = list(graph)
    index = {node: i for i, node in enumerate(nodes)}
    start = _spring(graph, iterations=50)
    steps = np.zeros((len(nodes), len(nodes)))
    for source, lengths in nx.all_pairs_shortest_path_length(graph):
        for target, length in lengths.items():
            steps[index[source], index[target]] = length
    weights = np.divide(1.0, steps ** 2, out=np.zeros_like(steps), where=steps > 0)
    laplacian = np.diag(weights.sum(axis=1)) - weights
    inverse = np.linalg.pinv(laplacian)
    x = np.array([start[node] for node in nodes], dtype=float)
    x *= np.median(steps[steps > 0]) / (np.median(_distances(x)[steps == 1]) or 1)
    stress = _stress(x, steps, weights)
    for _ in range(STRESS_ITERATIONS):
        distances = _distances(x)
        ratio = np.divide(weights * steps, distances, out=np.zeros_like(steps),
                          where=distances > 1e-12)
        guttman = np.diag(ratio.sum(axis=1)) - ratio
        x = inverse @ guttman @ x
        previous, stress = stress, _stress(x, steps, weights)
        if previous - stress < STRESS_TOLERANCE * previous:
            break
    return {node: (float(x[i, 0]), float(x[i, 1])) for node, i in index.items()}


def _distances(x):
    import numpy as np

    return np.sqrt(((x[:, None, :] - x[None, :, :]) ** 2).sum(axis=-1))


def _stress(x, steps, weights) -> float:
    return float((weights * (_distances(x) - steps) ** 2).sum() / 2)


def _spring(graph: nx.Graph, iterations: int, pos: dict | None = None) -> dict:
    import networkx as nx

    # "force" on big graphs too: networkx's "energy" method costs twice as much per iteration
    return nx.spring_layout(graph, pos=pos, iterations=iterations, weight="weight", seed=SEED,
                            method="force")


def _backbone_layout(component: nx.Graph) -> dict:
    """Spring-lay the best-connected actors, place the rest beside them, settle briefly.

    A full spring layout of thousands of actors costs seconds per dozen iterations; the
    backbone carries the structure and the rest only needs to sit near its neighbours.
    """
    nodes = list(component)
    order = {node: i for i, node in enumerate(nodes)}
    rank = sorted(nodes, key=lambda n: (-component.degree(n, weight="weight"), order[n]))
    backbone = induced(component, rank[:BACKBONE])
    pos = {n: tuple(p) for n, p in _spring(backbone, iterations=60).items()}
    step = 2 / math.sqrt(len(nodes))  # the spring layout's own unit distance, about
    pos = _place_near_neighbours(component, pos, step, gap=0.6 * step)
    return _spring(component, iterations=SETTLE_ITERATIONS, pos=pos)


def extend_layout(graph: nx.MultiDiGraph, known: dict[str, Position]) -> dict[str, Position]:
    """Keep ``known`` as it is; put new actors beside their neighbours or, failing that, aside."""
    pairs = pair_graph(graph)
    pos = {node: (float(x), float(y)) for node, (x, y) in known.items()}
    pos = _place_near_neighbours(pairs, pos, EDGE, gap=SPACING)
    rest = [node for node in graph if node not in pos]
    if rest:
        left, top, right, _ = _bounds(pos.values())
        island = fresh_layout(induced(graph, rest))
        i_left, i_top, _, _ = _bounds(island.values())
        dx, dy = right + EDGE - i_left, top - i_top
        pos |= {node: (x + dx, y + dy) for node, (x, y) in island.items()}
    return {node: _rounded(pos[node]) for node in graph}


def _place_near_neighbours(graph: nx.Graph, pos: dict, step: float, gap: float) -> dict:
    """Place unplaced nodes, nearest to the placed ones first, in free spots by their neighbours."""
    pos = dict(pos)
    grid = _Grid(gap)
    for point in pos.values():
        grid.add(point)
    frontier = [n for n in graph if n not in pos and any(m in pos for m in graph[n])]
    while frontier:
        for node in frontier:
            around = [pos[m] for m in graph[node] if m in pos]
            xs, ys = zip(*around, strict=True)
            centre = (sum(xs) / len(xs), sum(ys) / len(ys))
            pos[node] = grid.free_spot(centre, step, _angle(node))
            grid.add(pos[node])
        frontier = [n for n in graph if n not in pos and any(m in pos for m in graph[n])]
    return pos


def _angle(node: str) -> float:
    """A direction that depends only on the actor's id, the same on every machine."""
    digest = hashlib.sha256(node.encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "big") / 2**32 * 2 * math.pi


class _Grid:
    """Points in square cells of side ``gap``, to find those nearer than ``gap`` quickly."""

    def __init__(self, gap: float) -> None:
        self.gap = gap
        self.cells: dict[tuple[int, int], list[tuple[str, tuple[float, float]]]] = defaultdict(list)

    def _cell(self, point: tuple[float, float]) -> tuple[int, int]:
        return math.floor(point[0] / self.gap), math.floor(point[1] / self.gap)

    def add(self, point: tuple[float, float], name: str = "") -> None:
        self.cells[self._cell(point)].append((name, point))

    def near(self, point: tuple[float, float]):
        """Named points in the cells around ``point`` (a superset of those nearer than gap)."""
        cx, cy = self._cell(point)
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                yield from self.cells.get((cx + dx, cy + dy), ())

    def is_free(self, point: tuple[float, float]) -> bool:
        return not any(math.dist(point, other) < self.gap for _, other in self.near(point))

    def free_spot(self, centre: tuple[float, float], step: float,
                  angle: float) -> tuple[float, float]:
        """The first free point on a widening spiral around ``centre``."""
        for k in range(64):
            radius = step * (1 + 0.25 * k)
            theta = angle + k * GOLDEN_ANGLE
            point = (centre[0] + radius * math.cos(theta), centre[1] + radius * math.sin(theta))
            if self.is_free(point):
                return point
        return point


def _bounds(points) -> tuple[float, float, float, float]:
    xs, ys = zip(*points, strict=True)
    return min(xs), min(ys), max(xs), max(ys)


def _pack(blocks: list[dict[str, tuple[float, float]]]) -> dict[str, Position]:
    """The biggest component, and the others in rows in a column to its right."""
    if not blocks:
        return {}
    boxes = [_bounds(block.values()) for block in blocks]
    sizes = [(right - left + EDGE, bottom - top + EDGE) for left, top, right, bottom in boxes]
    placed = _shift(blocks[0], boxes[0], 0, 0)
    column = max([w for w, _ in sizes[1:]] + [math.sqrt(sum(w * h for w, h in sizes[1:]))])
    x0 = x = sizes[0][0]
    y = row_height = 0.0
    for block, box, (width, height) in zip(blocks[1:], boxes[1:], sizes[1:], strict=True):
        if x > x0 and x + width > x0 + column:
            x, y, row_height = x0, y + row_height, 0.0
        placed |= _shift(block, box, x, y)
        x, row_height = x + width, max(row_height, height)
    return placed


def _shift(block: dict, box: tuple, x: float, y: float) -> dict[str, Position]:
    """A block moved so that its top left corner is at (x, y)."""
    return {n: _rounded((px - box[0] + x, py - box[1] + y)) for n, (px, py) in block.items()}


def _rounded(point: tuple[float, float]) -> Position:
    return round(point[0]), round(point[1])


def read_positions(path: Path) -> dict[str, Position]:
    """Cached positions, or none if the file is missing or not what we wrote."""
    try:
        raw = json.loads(Path(path).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(raw, dict):
        return {}
    return {
        node: (int(xy[0]), int(xy[1])) for node, xy in raw.items()
        if isinstance(node, str) and isinstance(xy, list) and len(xy) == 2
        and all(isinstance(v, (int, float)) and math.isfinite(v) for v in xy)
    }


def positions_json(positions: dict[str, Position]) -> str:
    """The cache file's text: one actor per line, sorted, so that edits diff well."""
    lines = [f"  {json.dumps(node)}: [{x}, {y}]" for node, (x, y) in sorted(positions.items())]
    return "{\n" + ",\n".join(lines) + "\n}\n" if lines else "{}\n"

"""Graph -> one SVG picture of the whole network, for print and for papers.

The picture is drawn where the page draws it: from the positions the build caches beside
the default page, so the printed network looks like the one on screen. Actors are coloured
by side and shaped by kind, interactions coloured by type with an arrow unless the type is
symmetric, and parallel interactions bend apart with the page's own curvature. A legend
lists the types, sides and kinds present. The file is plain SVG 1.1: no scripts, fonts or
images from anywhere, every text escaped and stripped of what XML 1.0 forbids, and the
same graph and positions always give the same bytes.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .render import EDGE_OPACITY, FONT, HEAVY, THIN, TITLE, edge_curves, node_size, side_colours
from .vocabulary import actor_kinds, interaction_types

if TYPE_CHECKING:
    import networkx as nx

    from .checks import Checked
    from .layout import Position

POSITIONS_FILE = Path("docs", "network.positions.json")  # the default page's cache
WIDTH = 1600  # px: the width attribute; the height follows the picture's aspect
MARGIN = 40  # units around the network and the legend
LABEL_SIZE = 15  # the page's label font size, in network units
LABEL_LINE = 17
LABEL_WRAP = 20  # characters: the page wraps labels at 160 px, about this many
CHAR_WIDTH = 0.58  # of the font size: a generous average, to keep text inside the bounds
ARROW_LENGTH, ARROW_WIDTH = 12.0, 9.0
LEGEND_BASE = 1100  # units: wider networks get a proportionally bigger legend and title
TEXT_COLOUR, MUTED, HALO = "#1f2933", "#52606d", "#ffffff"

SVG_NS = "http://www.w3.org/2000/svg"
# characters XML 1.0 does not allow at all: C0 controls but tab and newlines, lone
# surrogates, and the two non-characters U+FFFE and U+FFFF
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

Point = tuple[float, float]


def xml_text(value: object) -> str:
    """``value`` as text that XML 1.0 can hold: forbidden characters become U+FFFD.

    ElementTree escapes ``<``, ``&`` and quotes but writes control characters as they are,
    which no XML parser accepts afterwards.
    """
    return _NOT_XML.sub("\ufffd", str(value))


def num(value: float) -> str:
    """A coordinate with one decimal at most, the same text on every machine."""
    text = f"{value:.1f}".removesuffix(".0")
    return "0" if text == "-0" else text


# --- shapes -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mark:
    """An actor's shape where it is drawn: vis's shape name, centre and size."""

    shape: str
    x: float
    y: float
    size: float

    def outline(self) -> list[Point] | None:
        """The polygon vis draws for this shape, or None for a circle."""
        x, y, r = self.x, self.y, self.size
        if self.shape == "square":
            return [(x - r, y - r), (x + r, y - r), (x + r, y + r), (x - r, y + r)]
        if self.shape == "diamond":
            return [(x, y - r), (x + r, y), (x, y + r), (x - r, y)]
        if self.shape == "triangle":
            inner = math.sqrt(3) / 3 * r  # vis: side 2r, centred on the inscribed circle
            return [(x, y - 2 * inner), (x + r, y + inner), (x - r, y + inner)]
        return None

    def bottom(self) -> float:
        points = self.outline()
        return max(p[1] for p in points) if points else self.y + self.size

    def contains(self, point: Point) -> bool:
        points = self.outline()
        if points is None:
            return math.dist(point, (self.x, self.y)) <= self.size
        crossings = [_cross(a, b, point) for a, b in zip(points, points[1:] + points[:1],
                                                          strict=True)]
        return all(c >= 0 for c in crossings) or all(c <= 0 for c in crossings)

    def element(self, fill: str) -> ET.Element:
        points = self.outline()
        attrs = {"fill": fill, "stroke": darker(fill), "stroke-width": "1.5"}
        if points is None:
            return ET.Element("circle", {"cx": num(self.x), "cy": num(self.y),
                                         "r": num(self.size), **attrs})
        return ET.Element("polygon", {"points": _points(points), **attrs})


def _cross(a: Point, b: Point, p: Point) -> float:
    return (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0])


def _points(points: list[Point]) -> str:
    return " ".join(f"{num(x)},{num(y)}" for x, y in points)


def darker(colour: str, amount: float = 0.25) -> str:
    """A ``#rrggbb`` colour mixed with black, for outlines; other colours as they are."""
    if not re.fullmatch(r"#[0-9a-fA-F]{6}", colour):
        return colour
    channels = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(c * (1 - amount)):02x}" for c in channels)


# --- edges ------------------------------------------------------------------------------------


def control_point(start: Point, end: Point, curve: object) -> Point:
    """The quadratic Bezier control point vis uses for a ``curvedCW``/``curvedCCW`` edge.

    A straight edge (``curve`` False) gets the midpoint, so every edge is one quadratic.
    """
    if not curve:
        return ((start[0] + end[0]) / 2, (start[1] + end[1]) / 2)
    roundness = curve["roundness"]
    sign = 1 if curve["type"] == "curvedCW" else -1
    dx, dy = end[0] - start[0], start[1] - end[1]  # vis measures angles with y up
    reach = (0.5 * roundness + 0.5) * math.hypot(dx, dy)
    angle = math.atan2(dy, dx) + (0.5 * sign * roundness + 0.5) * math.pi
    return (start[0] + reach * math.sin(angle), start[1] + reach * math.cos(angle))


def _bezier(p0: Point, p1: Point, p2: Point, t: float) -> Point:
    u = 1 - t
    return (u * u * p0[0] + 2 * u * t * p1[0] + t * t * p2[0],
            u * u * p0[1] + 2 * u * t * p1[1] + t * t * p2[1])


def _bisect(test, low: float, high: float, steps: int = 30) -> float:
    """The t in [low, high] where ``test`` turns from False to True."""
    for _ in range(steps):
        middle = (low + high) / 2
        low, high = (low, middle) if test(middle) else (middle, high)
    return high


def edge_path(start: Point, via: Point, end: Point, straight: bool,
              target: Mark | None = None) -> str:
    """SVG path data of one edge; with ``target`` it stops where an arrow at its outline starts.

    The curve is cut with de Casteljau's construction, so the part drawn is exactly the
    page's curve, and the arrow (a marker at the path's end) touches the target's outline.
    """
    if target is not None and not target.contains(start):
        def point(t: float) -> Point:
            return _bezier(start, via, end, t)

        tip_t = _bisect(lambda t: target.contains(point(t)), 0.0, 1.0)
        tip = point(tip_t)
        cut = _bisect(lambda t: math.dist(point(t), tip) <= ARROW_LENGTH, 0.0, tip_t)
        end = point(cut)
        via = (start[0] + cut * (via[0] - start[0]), start[1] + cut * (via[1] - start[1]))
    head = f"M{num(start[0])},{num(start[1])}"
    if straight:
        return f"{head}L{num(end[0])},{num(end[1])}"
    return f"{head}Q{num(via[0])},{num(via[1])} {num(end[0])},{num(end[1])}"


def loop_path(mark: Mark) -> str:
    """A small circle beside the actor, for an interaction of an actor with itself."""
    radius = mark.size * 0.9
    cx, cy = mark.x + mark.size, mark.y - mark.size
    return (f"M{num(cx - radius)},{num(cy)}a{num(radius)},{num(radius)} 0 1,0 "
            f"{num(2 * radius)},0a{num(radius)},{num(radius)} 0 1,0 {num(-2 * radius)},0")


# --- text -------------------------------------------------------------------------------------


def label_lines(name: str, width: int = LABEL_WRAP) -> list[str]:
    """The name in lines of about ``width`` characters, broken at spaces as the page does.

    Joining the lines with single spaces gives the name back exactly.
    """
    if len(name) <= width:
        return [name]
    lines: list[list[str]] = [[]]
    for word in name.split(" "):
        if lines[-1] and len(" ".join([*lines[-1], word])) > width:
            lines.append([])
        lines[-1].append(word)
    return [" ".join(words) for words in lines]


def text_width(text: str, size: float) -> float:
    """A generous estimate of how wide ``text`` is drawn, for bounds and the legend's width."""
    return len(text) * CHAR_WIDTH * size


def _text(parent: ET.Element, x: float, y: float, content: str, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, "text", {"x": num(x), "y": num(y), **attrs})
    element.text = xml_text(content)
    return element


def label_element(actor: str, name: str, x: float, top: float) -> ET.Element:
    """The actor's name centred under its shape, one ``tspan`` per line when it wraps."""
    lines = label_lines(xml_text(name))
    text = ET.Element("text", {"class": "label", "data-actor": xml_text(actor),
                               "x": num(x), "y": num(top + LABEL_SIZE * 0.8)})
    if len(lines) == 1:
        text.text = lines[0]
        return text
    for i, line in enumerate(lines):
        span = ET.SubElement(text, "tspan", {"x": num(x), "dy": "0" if i == 0 else str(LABEL_LINE)})
        # the space between words stays in the text, so that copying it gives the name
        span.text = line + (" " if i < len(lines) - 1 else "")
    return text


# --- the picture ------------------------------------------------------------------------------


@dataclass
class Box:
    """A growing bounding box."""

    left: float = math.inf
    top: float = math.inf
    right: float = -math.inf
    bottom: float = -math.inf

    def add(self, x: float, y: float) -> None:
        self.left, self.right = min(self.left, x), max(self.right, x)
        self.top, self.bottom = min(self.top, y), max(self.bottom, y)

    def empty(self) -> bool:
        return self.left > self.right


def render_svg(graph: nx.MultiDiGraph, positions: dict[str, Position], colours: dict[str, str],
               title: str = TITLE, description: str | None = None) -> str:
    """The whole network as an SVG document; ``positions`` must place every actor.

    A pure function: the same graph, positions, colours and title give the same text.
    """
    kinds, types = actor_kinds(), interaction_types()
    marks = {node: Mark(kinds[attrs["kind"]].shape if attrs["kind"] in kinds else "dot",
                        float(positions[node][0]), float(positions[node][1]),
                        node_size(graph.degree(node)))
             for node, attrs in graph.nodes(data=True)}
    box = Box()
    edges = _edges(graph, marks, types, box)
    marks_group, labels_group = _actors(graph, marks, colours, box)
    if box.empty():
        box.add(0, 0)
    scale = max(1.0, (box.right - box.left) / LEGEND_BASE)
    legend = _legend(graph, colours, types, kinds, box.right + MARGIN * scale, box.top, scale)
    heading = _heading(graph, title, box.left, box.top, scale)

    left = box.left - MARGIN
    top = box.top - heading.height - MARGIN * scale
    right = max(legend.right, box.left + heading.width) + MARGIN * scale
    bottom = max(box.bottom, legend.bottom) + MARGIN * scale
    width, height = right - left, bottom - top
    svg = ET.Element("svg", {
        "xmlns": SVG_NS, "version": "1.1", "width": str(WIDTH),
        "height": str(round(WIDTH * height / width)),
        "viewBox": " ".join(num(v) for v in (left, top, width, height)),
        "font-family": FONT, "role": "img",
    })
    ET.SubElement(svg, "title").text = xml_text(title)
    ET.SubElement(svg, "desc").text = xml_text(description or _description(graph))
    ET.SubElement(svg, "rect", {"class": "background", "x": num(left), "y": num(top),
                                "width": num(width), "height": num(height), "fill": "#ffffff"})
    svg.append(_markers(graph, types))
    svg.extend([edges, marks_group, labels_group, legend.element, heading.element])
    _indent(svg)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(svg, encoding="unicode") + "\n"


def _edges(graph: nx.MultiDiGraph, marks: dict[str, Mark], types, box: Box) -> ET.Element:
    """Every interaction, in data order, as a path coloured by its type."""
    group = ET.Element("g", {"class": "interactions", "fill": "none",
                             "stroke-opacity": str(EDGE_OPACITY)})
    curves, arrows = edge_curves(graph), _arrow_ids(graph, types)
    for source, target, key, attrs in graph.edges(keys=True, data=True):
        kind = types[attrs["interaction_type"]]
        a, b = marks[source], marks[target]
        start, end = (a.x, a.y), (b.x, b.y)
        via = control_point(start, end, curves[key])
        box.add(*_bezier(start, via, end, 0.5))
        directed = not attrs["symmetric"] and source != target
        if source == target:
            path = loop_path(a)
            box.add(a.x + 2 * a.size, a.y - 2 * a.size)
        else:
            path = edge_path(start, via, end, not curves[key], b if directed else None)
        element = ET.SubElement(group, "path", {
            "class": "interaction", "data-interaction": xml_text(key),
            "data-type": xml_text(kind.id), "d": path, "stroke": kind.colour,
            "stroke-width": str(HEAVY if len(attrs["articles"]) >= 2 else THIN),
        })
        if directed:
            element.set("marker-end", f"url(#{arrows[kind.colour]})")
    return group


def _arrow_ids(graph: nx.MultiDiGraph, types) -> dict[str, str]:
    """One marker id per colour of a directed type present, in the vocabulary's order."""
    present = {t for _, _, t in graph.edges(data="interaction_type")}
    colours = dict.fromkeys(t.colour for t in types.values() if t.id in present and not t.symmetric)
    return {colour: f"arrow-{i}" for i, colour in enumerate(colours)}


def _markers(graph: nx.MultiDiGraph, types) -> ET.Element:
    defs = ET.Element("defs")
    half = ARROW_WIDTH / 2
    for colour, marker_id in _arrow_ids(graph, types).items():
        marker = ET.SubElement(defs, "marker", {
            "id": marker_id, "viewBox": f"0 {num(-half)} {num(ARROW_LENGTH)} {num(ARROW_WIDTH)}",
            "refX": "0.5", "refY": "0", "markerUnits": "userSpaceOnUse",
            "markerWidth": num(ARROW_LENGTH), "markerHeight": num(ARROW_WIDTH), "orient": "auto",
        })
        ET.SubElement(marker, "path", {"d": f"M0,{num(-half)}L{num(ARROW_LENGTH)},0L0,{num(half)}z",
                                       "fill": colour})
    return defs


def _actors(graph: nx.MultiDiGraph, marks: dict[str, Mark], colours: dict[str, str],
            box: Box) -> tuple[ET.Element, ET.Element]:
    """The actors' shapes, and their names in a group drawn over everything else."""
    shapes = ET.Element("g", {"class": "actors"})
    labels = ET.Element("g", {
        "class": "labels", "font-size": str(LABEL_SIZE), "text-anchor": "middle",
        "fill": TEXT_COLOUR, "stroke": HALO, "stroke-width": "3", "stroke-linejoin": "round",
        "paint-order": "stroke",
    })
    for node, attrs in graph.nodes(data=True):
        mark = marks[node]
        element = mark.element(colours.get(attrs["side"], "#7f7f7f"))
        element.set("class", "actor")
        element.set("data-actor", xml_text(node))
        shapes.append(element)
        top = mark.bottom() + 4
        lines = label_lines(attrs["name"])
        labels.append(label_element(node, attrs["name"], mark.x, top))
        half = max(text_width(line, LABEL_SIZE) for line in lines) / 2
        box.add(mark.x - max(half, mark.size), mark.y - 1.2 * mark.size)
        box.add(mark.x + max(half, mark.size), top + len(lines) * LABEL_LINE)
    return shapes, labels


@dataclass
class Placed:
    """A drawn block and where it ends."""

    element: ET.Element
    right: float = 0.0
    bottom: float = 0.0
    width: float = 0.0
    height: float = 0.0


def _legend(graph: nx.MultiDiGraph, colours: dict[str, str], types, kinds, x: float, y: float,
            scale: float) -> Placed:
    """A box listing the types, sides and kinds present, with their counts."""
    type_counts = Counter(t for _, _, t in graph.edges(data="interaction_type"))
    side_counts = Counter(side for _, side in graph.nodes(data="side"))
    kind_counts = Counter(kind for _, kind in graph.nodes(data="kind"))
    declared = graph.graph.get("sides", {})
    side_labels = {s: declared.get(s, {}).get("label") or s for s in side_counts}
    sections = [
        ("Interactions", "type", [(t.id, t.label, type_counts[t.id], t) for t in types.values()
                                  if t.id in type_counts]),
        ("Sides", "side", [(s, side_labels[s], side_counts[s], colours.get(s, "#7f7f7f"))
                           for s in [*colours, *sorted(set(side_counts) - set(colours))]
                           if s in side_counts]),
        ("Shapes", "kind", [(k.id, k.label, kind_counts[k.id], k) for k in kinds.values()
                            if k.id in kind_counts]),
    ]
    size, row, pad, swatch = 14 * scale, 22 * scale, 14 * scale, 30 * scale
    labels = [label for _, _, entries in sections for _, label, _, _ in entries]
    widest = max([text_width(xml_text(label), size) for label in labels] or [0.0])
    width = 2 * pad + swatch + 10 * scale + widest + 10 * scale + text_width("0000", size)
    group = ET.Element("g", {"class": "legend", "font-size": num(size), "fill": TEXT_COLOUR})
    frame = ET.SubElement(group, "rect", {"x": num(x), "y": num(y), "width": num(width),
                                          "rx": num(6 * scale), "fill": "#ffffff",
                                          "stroke": "#cbd2d9", "stroke-width": num(scale)})
    cursor = y + pad
    for heading, attribute, entries in sections:
        if not entries:
            continue
        _text(group, x + pad, cursor + 0.8 * size, heading.upper(), **{
            "class": "legend-heading", "font-size": num(12 * scale), "font-weight": "bold",
            "letter-spacing": num(scale), "fill": MUTED})
        cursor += row
        for entry_id, label, count, what in entries:
            entry = ET.SubElement(group, "g", {"class": "legend-entry",
                                               f"data-{attribute}": xml_text(entry_id)})
            middle = cursor + row / 2
            entry.append(_swatch(attribute, what, x + pad, middle, swatch, scale))
            _text(entry, x + pad + swatch + 10 * scale, middle + 0.35 * size, label)
            _text(entry, x + width - pad, middle + 0.35 * size, str(count),
                  **{"text-anchor": "end", "fill": MUTED})
            cursor += row
        cursor += row / 2
    height = cursor - y + pad - row / 2
    frame.set("height", num(height))
    return Placed(group, right=x + width, bottom=y + height, width=width, height=height)


def _swatch(attribute: str, what, x: float, middle: float, width: float,
            scale: float) -> ET.Element:
    """A type's line (with its arrow if directed), a side's dot or a kind's shape."""
    if attribute == "side":
        return ET.Element("circle", {"cx": num(x + width / 2), "cy": num(middle),
                                     "r": num(6 * scale), "fill": what, "stroke": darker(what)})
    if attribute == "kind":
        return Mark(what.shape, x + width / 2, middle, 7 * scale).element("#9aa5b1")
    group = ET.Element("g", {"fill": what.colour, "stroke": what.colour})
    end = x + width - (0 if what.symmetric else 8 * scale)
    ET.SubElement(group, "path", {"d": f"M{num(x)},{num(middle)}H{num(end)}",
                                  "stroke-width": num(2.5 * scale)})
    if not what.symmetric:
        half = 4.5 * scale
        ET.SubElement(group, "path", {
            "stroke": "none",
            "d": f"M{num(end)},{num(middle - half)}L{num(x + width)},{num(middle)}"
                 f"L{num(end)},{num(middle + half)}z"})
    return group


def _heading(graph: nx.MultiDiGraph, title: str, x: float, network_top: float,
             scale: float) -> Placed:
    """The title and a line of counts above the network."""
    size, small = 26 * scale, 15 * scale
    height = size + 10 * scale + small + 30 * scale
    top = network_top - height
    group = ET.Element("g", {"class": "heading", "fill": TEXT_COLOUR})
    _text(group, x, top + 0.8 * size, title, **{"class": "title", "font-size": num(size),
                                                "font-weight": "bold"})
    subtitle = _counts(graph)
    _text(group, x, top + size + 10 * scale + 0.8 * small, subtitle,
          **{"class": "subtitle", "font-size": num(small), "fill": MUTED})
    width = max(text_width(xml_text(title), size), text_width(subtitle, small))
    return Placed(group, width=width, height=height)


def _counts(graph: nx.MultiDiGraph) -> str:
    dates = sorted(str(d) for _, _, d in graph.edges(data="date") if d)
    parts = [f"{graph.number_of_nodes()} actors", f"{graph.number_of_edges()} interactions"]
    if dates:
        parts.append(dates[0] if dates[0] == dates[-1] else f"{dates[0]} to {dates[-1]}")
    return " \u00b7 ".join(parts)


def _description(graph: nx.MultiDiGraph) -> str:
    return (f"A network of {graph.number_of_nodes()} actors and {graph.number_of_edges()} "
            "interactions. Colour is the actor's side, shape its kind; each line is an "
            "interaction coloured by its type, with an arrow towards the party acted on unless "
            "the type is symmetric.")


def _indent(element: ET.Element, depth: int = 0) -> None:
    """One element per line, without touching the inside of text elements (spaces show there)."""
    if element.tag == "text" or not len(element):
        return
    element.text = "\n" + " " * (depth + 1)
    for child in element:
        _indent(child, depth + 1)
        child.tail = "\n" + " " * (depth + 1)
    element[-1].tail = "\n" + " " * depth


# --- export -----------------------------------------------------------------------------------


def svg_positions(checked: Checked, graph: nx.MultiDiGraph) -> dict[str, Position]:
    """The build's positions: the default page's cache, with any new actors placed beside.

    Reading only: the cache belongs to ``build``, so an export never changes what the next
    build draws.
    """
    from .layout import compute_positions, read_positions

    return compute_positions(graph, read_positions(checked.loaded.root / POSITIONS_FILE))


def to_svg(checked: Checked) -> str:
    """The network as a printable SVG picture, titled with the project's title."""
    from .graph import build_graph

    graph = build_graph(checked)
    data = checked.dataset
    return render_svg(graph, svg_positions(checked, graph), side_colours(graph),
                      getattr(data, "title", None) or TITLE, getattr(data, "description", None))

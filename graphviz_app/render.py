"""Graph -> one self-contained interactive HTML page.

The network is what pyvis would hand vis-network (nodes, edges, options), filled directly;
our own Jinja template wraps it with the filters, the search and the evidence panel.
Everything is inlined (vis-network, our script and style, the data and the article texts),
so the page works from ``file://`` with no network, and a Content-Security-Policy forbids
any outside source. The output is a pure function of the data and the positions: the same
input gives the same bytes.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
from bisect import bisect_left
from collections import defaultdict
from collections.abc import MutableMapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from .vocabulary import actor_kinds, interaction_types

if TYPE_CHECKING:
    import networkx as nx

    from .checks import Checked
    from .layout import Position

TITLE = "Who met, pressed or condemned whom"
VIS_JS = Path("templates", "lib", "vis-9.1.2", "vis-network.min.js")  # inside the pyvis package
FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'
PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e",
           "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f")
FULL_PAGE = "network.html"  # what an embedded page's title links to: the page beside it
AGGREGATE_ABOVE = 1500  # interactions: above this the page opens with one edge per pair
BIG_GRAPH = 3000  # edges: above this, edges are hidden while dragging or zooming
THIN, HEAVY = 1.5, 3.5  # edge widths: one article, two or more articles
EDGE_OPACITY = 0.9  # the page dims the network by lowering it while an actor is in focus

# The page's script, one file per concern in templates/page/, joined in this order into one
# closure. Later files use what earlier ones declare; main.js starts the page.
PAGE_SCRIPTS = ("dom.js", "model.js", "url-state.js", "vis-adapter.js", "state.js", "view.js",
                "selection.js", "panel.js", "table.js", "drawer.js", "keyboard.js", "controls.js",
                "timeline.js", "picture.js", "sources.js", "links.js", "live.js", "main.js")
# The page's style, one file per part of the page in templates/page/, joined in this order
# (later rules win over earlier ones: phone.css, the small screens, comes last).
PAGE_STYLES = ("base.css", "layout.css", "filters.css", "panel.css", "reader.css", "table.css",
               "share.css", "phone.css")
PAGE_SCRIPT_HEAD = """\
/* The page's behaviour: filters, search, focus, and the evidence panel, joined from
 * templates/page/ (see render.PAGE_SCRIPTS). Globals as pyvis names them: `network`, the
 * DataSets `nodes` and `edges` it draws, `allNodes` and `allEdges` by id; and `graphPage`.
 */
"use strict";

var network, nodes, edges, allNodes, allEdges, graphPage;

(function () {
"""
PAGE_SCRIPT_TAIL = "})();\n"


@dataclass(frozen=True)
class Page:
    """A rendered page and the positions it used (to cache for the next build)."""

    html: str
    positions: dict[str, Position]


def render_html(checked: Checked, positions: dict[str, Position] | None = None,
                embed: bool = False) -> str:
    """The page as a string; ``positions`` are cached places to keep (see ``layout``)."""
    return build_page(checked, positions, embed).html


def build_page(checked: Checked, known: dict[str, Position] | None = None,
               embed: bool = False, fragments: MutableMapping | None = None) -> Page:
    """Lay out, fill the vis network, and render our template around it.

    ``embed`` gives the page for an iframe in an article: the network, its counts and the
    evidence on click, without the filters and the header's tools. ``fragments`` keeps each
    interaction's JSON between rebuilds (see ``incremental``): the page is the same with or
    without it.
    """
    from .graph import build_graph
    from .layout import compute_positions

    graph = build_graph(checked)
    positions = compute_positions(graph, known)
    colours = side_colours(graph)
    net = _network(graph, positions, colours)
    script, style = page_script(), page_style()
    html = _template().render(
        title=page_title(checked),
        description=checked.dataset.description or "",
        embed=embed,
        full_page=FULL_PAGE,
        css=style,
        app_js=script,
        vis_js=_vis_js(),
        vis_data=script_json({"nodes": net.nodes, "edges": net.edges, "options": net.options}),
        page_data=page_data_json(checked, graph, colours, fragments),
        csp=content_security_policy(_vis_js(), script, style),
    )
    return Page(html, positions)


def page_title(checked: Checked) -> str:
    """The project's own title when the data file names one, else the generic headline."""
    return checked.dataset.title or TITLE


# --- what the network looks like -------------------------------------------------------------


def side_colours(graph: nx.MultiDiGraph) -> dict[str, str]:
    """Each side's colour: the one the data gives, else the next of a fixed palette."""
    declared = graph.graph["sides"]
    order = list(declared) + [a["side"] for _, a in graph.nodes(data=True)]
    colours: dict[str, str] = {}
    for side in dict.fromkeys(order):
        given = declared.get(side, {}).get("colour")
        colours[side] = given or PALETTE[len(colours) % len(PALETTE)]
    return colours


def node_size(interactions: int) -> float:
    """Bigger for actors in more interactions, on a square-root scale so hubs do not swamp."""
    return round(min(10 + 4 * math.sqrt(interactions), 42), 1)


def curve_offsets(count: int) -> list[float]:
    """Signed curvature for ``count`` parallel edges: 0 is straight, the sign picks the side."""
    if count == 1:
        return [0.0]
    spacing = min(0.3, 1.6 / (count - 1))
    return [round((i - (count - 1) / 2) * spacing, 3) for i in range(count)]


def edge_curves(graph: nx.MultiDiGraph) -> dict[str, object]:
    """vis ``smooth`` per interaction, so that edges between the same pair fan out."""
    pairs: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for source, target, key in graph.edges(keys=True):
        pairs[tuple(sorted((source, target)))].append((key, source))
    curves: dict[str, object] = {}
    for (first, _), members in pairs.items():
        for (key, source), offset in zip(members, curve_offsets(len(members)), strict=True):
            # the same curvature bends to the other side when drawn from the other end
            clockwise = (offset > 0) == (source == first)
            curves[key] = False if offset == 0 else {
                "enabled": True, "type": "curvedCW" if clockwise else "curvedCCW",
                "roundness": abs(offset),
            }
    return curves


def _network(graph: nx.MultiDiGraph, positions: dict[str, Position],
             colours: dict[str, str]) -> VisNetwork:
    kinds = actor_kinds()
    nodes = [{"id": node, "label": attrs["name"] or node, "shape": kinds[attrs["kind"]].shape,
              "color": colours[attrs["side"]], "size": node_size(graph.degree(node)),
              "x": positions[node][0], "y": positions[node][1]}
             for node, attrs in graph.nodes(data=True)]
    types, curves = interaction_types(), edge_curves(graph)
    edges = []
    for source, target, key, attrs in graph.edges(keys=True, data=True):
        colour = types[attrs["interaction_type"]].colour
        edges.append({"from": source, "to": target, "id": key, "smooth": curves[key],
                      "color": {"color": colour, "highlight": colour},
                      "width": HEAVY if len(attrs["articles"]) >= 2 else THIN,
                      "arrows": {"to": {"enabled": not attrs["symmetric"], "scaleFactor": 0.6}}})
    return VisNetwork(nodes, edges, network_options(graph.number_of_edges()))


@dataclass(frozen=True)
class VisNetwork:
    """What vis-network draws: its nodes, edges and options, as pyvis would hand them over.

    Filled directly rather than through ``pyvis.network.Network``: importing that module
    imports IPython, and its ``add_edge`` looks every endpoint up in a list (quadratic).
    """

    nodes: list[dict]
    edges: list[dict]
    options: dict


def network_options(edge_count: int) -> dict:
    """vis options: drawn where the layout put it, no physics, calm text."""
    big = edge_count > BIG_GRAPH
    font = {"face": FONT, "strokeWidth": 3, "strokeColor": "#ffffff"}
    return {
        "autoResize": True,
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False},
        "interaction": {"hover": False, "hideEdgesOnDrag": big, "hideEdgesOnZoom": big,
                        "keyboard": False, "multiselect": False, "selectConnectedEdges": False},
        "nodes": {"borderWidth": 1.5, "borderWidthSelected": 3,
                  "font": font | {"size": 15, "color": "#1f2933"},
                  "widthConstraint": {"maximum": 160},
                  "scaling": {"label": {"drawThreshold": 6}}},
        "edges": {"selectionWidth": 2.5, "hoverWidth": 0,
                  "color": {"inherit": False, "opacity": EDGE_OPACITY},
                  "font": font | {"size": 12, "color": "#374151", "align": "middle"},
                  "scaling": {"label": {"drawThreshold": 7}}},
    }


# --- what the panel, the filters and the search read -------------------------------------------


def page_data(checked: Checked, graph: nx.MultiDiGraph, colours: dict[str, str],
              interactions: bool = True) -> dict:
    """Everything our script needs, each article's text once, offsets in UTF-16 units."""
    data = checked.dataset
    cited = {article for _, _, a in graph.edges(data="articles") for article in a}
    used_types = {t for _, _, t in graph.edges(data="interaction_type")}
    used_sides = {a.side for a in data.actors}
    used_campaigns = {c for _, _, c in graph.edges(data="campaign") if c}
    declared_sides = {s.id: s.label for s in data.sides}
    astral = article_astral(checked) if interactions else {}
    return {
        "actors": [actor.model_dump() for actor in data.actors],
        "interactions": [_interaction(checked, item, astral) for item in data.interactions]
        if interactions else [],
        "articles": {a.id: _article(checked, a) for a in data.articles if a.id in cited},
        "types": [{"id": t.id, "label": t.label, "colour": t.colour, "symmetric": t.symmetric}
                  for t in interaction_types().values() if t.id in used_types],
        "sides": [{"id": s, "label": declared_sides.get(s, s), "colour": c}
                  for s, c in colours.items() if s in used_sides],
        "kinds": [{"id": k.id, "label": k.label, "shape": k.shape} for k in actor_kinds().values()
                  if k.id in {a.kind for a in data.actors}],
        "campaigns": [{"id": c.id, "label": c.label} for c in data.campaigns
                      if c.id in used_campaigns]
        + [{"id": c, "label": c} for c in sorted(used_campaigns - {c.id for c in data.campaigns})],
        "aggregate_above": AGGREGATE_ABOVE,
    }


def page_data_json(checked: Checked, graph: nx.MultiDiGraph, colours: dict[str, str],
                   fragments: MutableMapping | None = None) -> str:
    """``script_json(page_data(...))``, reusing the JSON of interactions that did not change.

    The interactions are most of the page data: each one's JSON is kept by the identity of
    its record (the same object while its text in the data file is the same) and where its
    quotes were found. Keys are sorted, so the text is put together around them exactly
    as ``json.dumps`` would write the whole.
    """
    if fragments is None:
        return script_json(page_data(checked, graph, colours))
    data = page_data(checked, graph, colours, interactions=False)
    astral = article_astral(checked, fragments)
    items = ",".join(_interaction_json(checked, item, astral, fragments)
                     for item in checked.dataset.interactions)
    before = {k: v for k, v in data.items() if k < "interactions"}
    after = {k: v for k, v in data.items() if k > "interactions"}
    parts = [script_json(before)[1:-1] if before else None, f'"interactions":[{items}]',
             script_json(after)[1:-1] if after else None]
    return "{" + ",".join(part for part in parts if part is not None) + "}"


def _interaction_json(checked: Checked, item, astral: dict[str, list[int]],
                      fragments: MutableMapping) -> str:
    spans = tuple(checked.spans.get((item.id, i)) for i in range(len(item.evidence)))
    key = (id(item), spans, tuple(tuple(astral.get(ev.article, ())) for ev in item.evidence))
    known = fragments.get(key)
    if known is not None and known[0] is item:
        return known[1]
    text = script_json(_interaction(checked, item, astral))
    fragments[key] = (item, text)
    return text


def _interaction(checked: Checked, item, astral: dict[str, list[int]]) -> dict:
    from .graph import evidence_records

    record = item.model_dump(exclude={"evidence"})
    evidence = evidence_records(checked, item)
    for ev in evidence:
        wide = astral.get(ev["article"], [])
        if ev["start"] is not None:
            ev["start"], ev["end"] = utf16_offset(wide, ev["start"]), utf16_offset(wide, ev["end"])
    return record | {"evidence": evidence}


def _article(checked: Checked, article) -> dict:
    text = checked.texts.get(article.id)
    record = article.model_dump(include={"title", "outlet", "url", "published"})
    return record | {"text": text.text if text else ""}


def article_astral(checked: Checked, cache: MutableMapping | None = None) -> dict[str, list[int]]:
    """Each article's ``astral_positions``; ``cache`` keeps them by text between rebuilds."""
    if cache is None:
        return {aid: astral_positions(text.text) for aid, text in checked.texts.items()}
    found = {}
    for aid, text in checked.texts.items():
        key = (None, text.text)  # no interaction's key starts with None
        known = cache.get(key)
        if known is None:
            known = cache[key] = astral_positions(text.text)
        found[aid] = known
    return found


def astral_positions(text: str) -> list[int]:
    """Where the text has characters beyond U+FFFF (JavaScript counts each of them twice)."""
    if max(text, default="") <= "\uffff":
        return []
    return [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]


def utf16_offset(astral: list[int], offset: int) -> int:
    """A Python string index as a JavaScript one, given the text's ``astral_positions``."""
    return offset + bisect_left(astral, offset)


# --- safe embedding ---------------------------------------------------------------------------

_SCRIPT_ESCAPES = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                   ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))


def script_json(value) -> str:
    """JSON that can sit inside <script>: no `</script>`, `<!--` or line separators survive.

    Keys are sorted so that the same data always gives the same bytes.
    """
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                      allow_nan=False)
    for char, escape in _SCRIPT_ESCAPES:  # str.replace is many times faster than translate
        if char in text:
            text = text.replace(char, escape)
    return text


def csp_hash(source: str) -> str:
    """The CSP source expression allowing exactly this inline script or style."""
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def content_security_policy(*scripts_then_style: str) -> str:
    """No outside source at all; only our own inline scripts and style, by their hashes."""
    *scripts, style = scripts_then_style
    return "; ".join([
        "default-src 'none'",
        "script-src " + " ".join(csp_hash(s) for s in scripts),
        "style-src " + csp_hash(style),
        "img-src data:",
        "base-uri 'none'",
        "form-action 'none'",
    ])


# --- files ------------------------------------------------------------------------------------


@cache
def _asset(*parts: str) -> str:
    return resources.files(__package__).joinpath("templates", *parts).read_text("utf-8")


@cache
def page_script() -> str:
    """The page's script: the files of ``PAGE_SCRIPTS`` in order, inside one closure."""
    script = PAGE_SCRIPT_HEAD + "\n".join(_asset("page", name) for name in PAGE_SCRIPTS)
    if "</script" in script.lower() or "<!--" in script:
        raise ValueError("the page script cannot be inlined: it contains a script terminator")
    return script + PAGE_SCRIPT_TAIL


@cache
def page_style() -> str:
    """The page's style: the files of ``PAGE_STYLES`` in order."""
    style = "\n".join(_asset("page", name) for name in PAGE_STYLES)
    if "</style" in style.lower():
        raise ValueError("the page style cannot be inlined: it contains a style terminator")
    return style


@cache
def _vis_js() -> str:
    from importlib.util import find_spec

    # the script ships inside the pyvis package: find its folder without importing pyvis
    # (whose __init__ imports IPython, a third of a small build's time)
    spec = find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("pyvis is not installed: it provides vis-network's script")
    folder = Path(next(iter(spec.submodule_search_locations)))
    source = folder.joinpath(VIS_JS).read_text("utf-8")
    if "</script" in source.lower() or "<!--" in source:
        raise ValueError("vis-network cannot be inlined: it contains a script terminator")
    return source


@cache
def _template():
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    env = Environment(loader=PackageLoader(__package__, "templates"), undefined=StrictUndefined,
                      autoescape=select_autoescape(["html", "j2"]), keep_trailing_newline=True)
    return env.get_template("page.html.j2")

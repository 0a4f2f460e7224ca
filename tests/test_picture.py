"""The SVG picture: well-formed XML, one mark and one name per actor, the page's drawing rules."""

from __future__ import annotations

import json
import math
import os
import re
import subprocess
import sys
import xml.dom.minidom
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT

from graphviz_app.checks import validate
from graphviz_app.cli import cli
from graphviz_app.graph import build_graph
from graphviz_app.layout import compute_positions
from graphviz_app.picture import ARROW_LENGTH, POSITIONS_FILE, render_svg, to_svg
from graphviz_app.render import HEAVY, THIN, TITLE, node_size, side_colours
from graphviz_app.vocabulary import interaction_types

SVG = "{http://www.w3.org/2000/svg}"
MARK_TAGS = {f"{SVG}circle", f"{SVG}rect", f"{SVG}polygon"}


def parse(text: str) -> ET.Element:
    """Parse as strictly as two XML parsers can: ElementTree and minidom (expat)."""
    xml.dom.minidom.parseString(text.encode("utf-8"))
    return ET.fromstring(text.encode("utf-8"))


def with_class(root: ET.Element, name: str) -> list[ET.Element]:
    return [e for e in root.iter() if e.get("class") == name]


def labels(root: ET.Element) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for text in with_class(root, "label"):
        found.setdefault(text.get("data-actor"), []).append("".join(text.itertext()))
    return found


def path_end(d: str) -> tuple[float, float]:
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", d)]
    return numbers[-2], numbers[-1]


@pytest.fixture(scope="module")
def shipped():
    checked = validate(ROOT / "data" / "network.yaml")
    assert checked.ok(), checked.errors
    return checked, parse(to_svg(checked))


@pytest.fixture
def mini(make_project):
    checked = validate(make_project())
    assert checked.ok(), checked.problems
    return checked


def draw(graph, positions=None, title=TITLE) -> str:
    return render_svg(graph, positions or compute_positions(graph), side_colours(graph), title)


def test_shipped_picture_has_one_name_and_one_mark_per_actor(shipped):
    checked, root = shipped
    actors = {a.id: a.name for a in checked.dataset.actors}
    assert labels(root) == {actor: [name] for actor, name in actors.items()}
    marks = with_class(root, "actor")
    assert sorted(m.get("data-actor") for m in marks) == sorted(actors)
    assert {m.tag for m in marks} <= MARK_TAGS


def test_shipped_picture_has_a_line_per_interaction_and_arrows_only_when_directed(shipped):
    checked, root = shipped
    types = interaction_types()
    paths = {p.get("data-interaction"): p for p in with_class(root, "interaction")}
    assert sorted(paths) == sorted(i.id for i in checked.dataset.interactions)
    markers = {m.get("id"): m for m in root.iter(f"{SVG}marker")}
    for item in checked.dataset.interactions:
        path = paths[item.id]
        assert path.get("stroke") == types[item.type].colour
        if types[item.type].symmetric:
            assert path.get("marker-end") is None
        else:
            marker = markers[path.get("marker-end").removeprefix("url(#").removesuffix(")")]
            assert marker.find(f"{SVG}path").get("fill") == types[item.type].colour
    directed = {types[i.type].colour for i in checked.dataset.interactions
                if not types[i.type].symmetric}
    assert len(markers) == len(directed)  # one marker per colour used, none unused


def test_legend_lists_the_types_sides_and_kinds_present(shipped):
    checked, root = shipped
    data = checked.dataset
    entries = with_class(root, "legend-entry")
    in_legend = {kind: [e.get(f"data-{kind}") for e in entries if e.get(f"data-{kind}")]
                 for kind in ("type", "side", "kind")}
    used = {i.type for i in data.interactions}
    assert in_legend["type"] == [t for t in interaction_types() if t in used]
    assert sorted(in_legend["side"]) == sorted({a.side for a in data.actors})
    assert sorted(in_legend["kind"]) == sorted({a.kind for a in data.actors})


def test_legend_and_title_stay_clear_of_the_network(shipped):
    _, root = shipped
    frame = next(e for e in with_class(root, "legend")[0] if e.tag == f"{SVG}rect")
    legend_left, legend_top = float(frame.get("x")), float(frame.get("y"))
    title_y = float(with_class(root, "title")[0].get("y"))
    for mark in with_class(root, "actor"):
        if mark.tag == f"{SVG}circle":
            right = float(mark.get("cx")) + float(mark.get("r"))
            top = float(mark.get("cy")) - float(mark.get("r"))
        else:
            points = [tuple(map(float, p.split(","))) for p in mark.get("points").split()]
            right, top = max(x for x, _ in points), min(y for _, y in points)
        assert right < legend_left
        assert top > title_y
    assert legend_top > title_y


def test_picture_is_a_print_sized_titled_document(shipped):
    checked, root = shipped
    title = checked.dataset.title or TITLE  # the project's title where the data names one
    assert root.tag == f"{SVG}svg"
    assert root.get("width") == "1600"
    _, _, width, height = map(float, root.get("viewBox").split())
    assert int(root.get("height")) == round(1600 * height / width)
    assert root.find(f"{SVG}title").text == title
    assert root.find(f"{SVG}desc").text
    assert with_class(root, "title")[0].text == title
    # nothing that fetches or runs anything
    tags = {e.tag for e in root.iter()}
    assert not tags & {f"{SVG}script", f"{SVG}image", f"{SVG}foreignObject", f"{SVG}style"}
    assert not any(k.endswith("href") or k.startswith("on") for e in root.iter() for k in e.attrib)


def test_picture_uses_the_cached_positions_and_never_writes_them(mini):
    cache = mini.loaded.root / POSITIONS_FILE
    cache.parent.mkdir()
    cache.write_text(json.dumps({"gantz": [5000, 7000], "abbas": [5150, 7000]}), "utf-8")
    before = cache.read_bytes()
    root = parse(to_svg(mini))
    marks = {m.get("data-actor"): m for m in with_class(root, "actor")}
    assert (marks["gantz"].get("cx"), marks["gantz"].get("cy")) == ("5000", "7000")
    assert marks["abbas"].get("cx") == "5150"
    assert "hamas" in marks  # not in the cache: placed beside its neighbours
    assert cache.read_bytes() == before


def test_picture_without_a_cache_lays_out_and_writes_nothing(mini):
    assert len(with_class(parse(to_svg(mini)), "actor")) == 3
    assert not (mini.loaded.root / "docs").exists()


def test_arrow_ends_at_the_target_outline(mini):
    graph = build_graph(mini)
    positions = {"gantz": (0, 0), "abbas": (300, 0), "hamas": (300, 300)}
    root = parse(draw(graph, positions))
    path = next(p for p in with_class(root, "interaction")
                if p.get("data-interaction") == "hamas-condemns-call")
    end = path_end(path.get("d"))
    radius = node_size(graph.degree("abbas"))  # abbas is a person: a circle
    # the marker's base is where the path ends; its tip, ARROW_LENGTH further, on the outline
    assert math.dist(end, (300, 0)) == pytest.approx(radius + ARROW_LENGTH, abs=0.2)
    assert end[0] == pytest.approx(300, abs=0.1)


def test_parallel_interactions_bend_apart_and_heavy_ones_are_thicker(mini):
    graph = build_graph(mini)
    graph.add_edge("gantz", "abbas", key="gantz-abbas-meeting", id="gantz-abbas-meeting",
                   interaction_type="meeting", symmetric=True, date="2023-01",
                   articles=["a1", "a2"])
    root = parse(draw(graph))
    paths = {p.get("data-interaction"): p for p in with_class(root, "interaction")}
    call, meeting = paths["gantz-abbas-call"], paths["gantz-abbas-meeting"]
    assert "Q" in call.get("d") and "Q" in meeting.get("d")
    control = [re.search(r"Q(-?[\d.]+),(-?[\d.]+)", p.get("d")).groups() for p in (call, meeting)]
    assert control[0] != control[1]
    assert "L" in paths["hamas-condemns-call"].get("d")  # alone between its pair: straight
    assert (call.get("stroke-width"), meeting.get("stroke-width")) == (str(THIN), str(HEAVY))


@pytest.mark.parametrize("name", [
    "<script>alert(1)</script>",
    'Tom & Jerry "quoted" \'single\' ]]> <!-- -->',
    "control\x00\x01\x08\x0b\x0c\x1f\x7f chars",
    "\u202eright-to-left override\u202c and \u05e2\u05d1\u05e8\u05d9\u05ea",
    "lone surrogate \ud800 and \ufffe non-character",
    "A very long actor name that the picture has to wrap over several lines",
])
def test_hostile_names_stay_well_formed_text(mini, name):
    graph = build_graph(mini)
    graph.nodes["gantz"]["name"] = name
    text = draw(graph, title=name)
    root = parse(text)
    expected = re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]", "\ufffd", name)
    assert labels(root)["gantz"] == [expected]
    assert root.find(f"{SVG}title").text == expected
    assert not list(root.iter(f"{SVG}script"))
    text.encode("utf-8")  # no lone surrogate left behind


def test_same_data_gives_the_same_bytes(mini):
    assert to_svg(mini) == to_svg(mini)


def test_bytes_do_not_depend_on_hash_randomisation(make_project, tmp_path):
    data = make_project()
    outputs = []
    for seed in ("1", "2"):
        output = tmp_path / f"seed{seed}.svg"
        subprocess.run([sys.executable, "-m", "graphviz_app", "export", "--format", "svg",
                        "--output", str(output), str(data)], check=True, capture_output=True,
                       cwd=ROOT, env={**os.environ, "PYTHONHASHSEED": seed})
        outputs.append(output.read_bytes())
    assert outputs[0] == outputs[1]
    parse(outputs[0].decode("utf-8"))


def test_cli_exports_svg(make_project, tmp_path):
    data = make_project()
    output = tmp_path / "x.svg"
    result = CliRunner().invoke(cli, ["export", "--format", "svg", "--output", str(output),
                                      str(data)])
    assert result.exit_code == 0, result.output
    assert f"wrote {output}" in result.stdout
    root = parse(Path(output).read_text("utf-8"))
    assert sorted(labels(root)) == ["abbas", "gantz", "hamas"]

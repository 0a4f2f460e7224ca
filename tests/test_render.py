"""The page: self-contained, deterministic, safe to embed, and written atomically."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from click.testing import CliRunner
from conftest import MINI, SEED

from graphviz_app import render
from graphviz_app.checks import validate
from graphviz_app.cli import cli
from graphviz_app.layout import positions_json, read_positions

ROOT = Path(__file__).resolve().parent.parent

PARALLEL = """\
sides:
  - id: israel
    label: Israel
    colour: "#123456"
articles:
  - id: a1
    file: seeds/a1.txt
    title: Gantz tells Abbas to keep the channel open
    published: 2022-12-28
  - id: a2
    file: seeds/a2.txt
    title: A second report
    outlet: Example Times
    published: 2022-12-29
actors:
  - {id: gantz, name: Benny Gantz, kind: person, side: israel, aliases: [Gantz]}
  - {id: abbas, name: Mahmoud Abbas, kind: person, side: palestinian-authority, aliases: [Abbas]}
  - {id: hamas, name: Hamas, kind: organization, side: hamas}
interactions:
  - id: call-1
    type: call
    source: gantz
    target: abbas
    date: 2022-12-28
    summary: Gantz urges Abbas to keep security coordination going.
    evidence:
      - article: a1
        quote: "Benny Gantz on Wednesday told Mahmoud Abbas that it is of utmost importance"
      - article: a2
        quote: "Gantz and Abbas spoke again \U0001F4DE about the security channel"
  - id: call-2
    type: pressure
    source: abbas
    target: gantz
    date: 2022-12-28
    summary: A second exchange between the same two.
    evidence:
      - article: a1
        quote: "Hamas condemned the call between Gantz and Abbas as a betrayal"
  - id: condemn
    type: condemnation
    source: hamas
    target: abbas
    date: 2022-12
    summary: Hamas condemns the call.
    evidence:
      - article: a1
        quote: "Hamas condemned the call between Gantz and Abbas as a betrayal"
"""

SEED_2 = (" date 2022-12-29 A second report\n\n"
          "\U0001F4F0 Gantz and Abbas spoke again \U0001F4DE about the security channel.\n")


def build(make_project, data: str | None = None, **seeds):
    path = make_project(data, {"a1.txt": SEED, **seeds}) if data else make_project()
    checked = validate(path)
    assert checked.ok(), checked.problems
    return checked


def embedded(html: str, block: str) -> dict:
    pattern = rf'<script type="application/json" id="{block}">(.*?)</script>'
    return json.loads(re.search(pattern, html).group(1))


def vis_data(html: str) -> dict:
    return embedded(html, "vis-data")


def page_data(html: str) -> dict:
    return embedded(html, "page-data")


def test_same_data_same_bytes_and_nothing_from_outside(make_project):
    checked = build(make_project)
    html = render.render_html(checked)
    assert html == render.render_html(validate(checked.loaded.path))
    assert str(checked.loaded.root) not in html
    assert "<link" not in html and not re.search(r"<script[^>]*\bsrc=", html)
    assert "bootstrap" not in html.lower()
    assert "var network, nodes, edges" in html


def test_csp_allows_exactly_our_inline_scripts_and_style(make_project):
    html = render.render_html(build(make_project))
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
    assert "default-src 'none'" in csp and "unsafe" not in csp and "http" not in csp
    scripts = re.findall(r"<script>(.*?)</script>", html, flags=re.S)
    style = re.search(r"<style>(.*?)</style>", html, flags=re.S).group(1)
    assert len(scripts) == 2
    for source in scripts:
        assert render.csp_hash(source) in csp.split("script-src")[1].split(";")[0]
    assert render.csp_hash(style) in csp.split("style-src")[1].split(";")[0]


def test_script_json_cannot_end_the_script():
    text = render.script_json({"name": "</script><script>alert(1)</script><!-- \u2028 & >"})
    assert "</" not in text and "<!--" not in text and "\u2028" not in text and "&" not in text
    assert json.loads(text) == {"name": "</script><script>alert(1)</script><!-- \u2028 & >"}


def test_payloads_in_the_data_stay_inside_their_json(make_project):
    evil = MINI.replace("name: Hamas", 'name: "</script><script>window.pwned=1</script><!--"')
    html = render.render_html(build(make_project, evil))
    assert "<script>window.pwned" not in html
    assert page_data(html)["actors"][2]["name"] == "</script><script>window.pwned=1</script><!--"


def test_each_interaction_is_an_edge_styled_by_type_and_evidence(make_project):
    html = render.render_html(build(make_project, PARALLEL, **{"a2.txt": SEED_2}))
    edges = {e["id"]: e for e in vis_data(html)["edges"]}
    assert list(edges) == ["call-1", "call-2", "condemn"]
    assert edges["call-1"]["arrows"]["to"]["enabled"] is False  # calls are symmetric
    assert edges["condemn"]["arrows"]["to"]["enabled"] is True
    assert edges["call-1"]["width"] > edges["call-2"]["width"]  # two articles against one
    assert edges["condemn"]["smooth"] is False
    one, two = edges["call-1"]["smooth"], edges["call-2"]["smooth"]
    # drawn from opposite ends, the same curve type would overlap: they must bend apart
    assert one["type"] == two["type"] and one["roundness"] == two["roundness"] > 0
    assert edges["call-1"]["from"] != edges["call-2"]["from"]
    assert vis_data(html)["options"]["physics"]["enabled"] is False


def test_nodes_by_side_kind_and_activity(make_project):
    html = render.render_html(build(make_project, PARALLEL, **{"a2.txt": SEED_2}))
    nodes = {n["id"]: n for n in vis_data(html)["nodes"]}
    assert nodes["gantz"]["color"] == "#123456"  # declared
    assert nodes["abbas"]["color"] == render.PALETTE[1]  # first undeclared side, next colour
    assert nodes["hamas"]["shape"] == "square" and nodes["gantz"]["shape"] == "dot"
    assert nodes["abbas"]["size"] > nodes["hamas"]["size"]
    assert all(isinstance(n["x"], int) and isinstance(n["y"], int) for n in nodes.values())
    assert nodes["abbas"]["label"] == "Mahmoud Abbas"


def test_legend_lists_only_what_is_present(make_project):
    data = page_data(render.render_html(build(make_project, PARALLEL, **{"a2.txt": SEED_2})))
    assert [t["id"] for t in data["types"]] == ["call", "pressure", "condemnation"]
    assert [s["id"] for s in data["sides"]] == ["israel", "palestinian-authority", "hamas"]
    assert [k["id"] for k in data["kinds"]] == ["person", "organization"]


def test_articles_embedded_once_with_javascript_offsets(make_project):
    data = page_data(render.render_html(build(make_project, PARALLEL, **{"a2.txt": SEED_2})))
    assert sorted(data["articles"]) == ["a1", "a2"]
    text = data["articles"]["a2"]["text"]
    ev = data["interactions"][0]["evidence"][1]
    units = text.encode("utf-16-le")
    quoted = units[2 * ev["start"]:2 * ev["end"]].decode("utf-16-le")
    assert quoted == "Gantz and Abbas spoke again \U0001F4DE about the security channel"


def test_utf16_offsets():
    text = "a\U0001F600b\U0001F600c"
    astral = render.astral_positions(text)
    assert [render.utf16_offset(astral, i) for i in range(len(text) + 1)] == [0, 1, 3, 4, 6, 7]
    assert render.astral_positions("plain") == []


def test_build_writes_page_and_positions_and_keeps_cached_places(make_project, tmp_path):
    data = make_project()
    out = tmp_path / "site" / "network.html"
    result = CliRunner().invoke(cli, ["build", str(data), "-o", str(out)])
    assert result.exit_code == 0, result.output
    cache = out.with_name("network.positions.json")
    positions = read_positions(cache)
    assert set(positions) == {"gantz", "abbas", "hamas"}
    cache.write_text(positions_json(positions | {"hamas": (4321, -1234)}), encoding="utf-8")
    assert CliRunner().invoke(cli, ["build", str(data), "-o", str(out)]).exit_code == 0
    nodes = {n["id"]: n for n in vis_data(out.read_text(encoding="utf-8"))["nodes"]}
    assert (nodes["hamas"]["x"], nodes["hamas"]["y"]) == (4321, -1234)
    relayout = CliRunner().invoke(cli, ["build", str(data), "-o", str(out), "--relayout"])
    assert relayout.exit_code == 0
    assert read_positions(cache)["hamas"] != (4321, -1234)


def test_failed_build_leaves_the_previous_page_untouched(make_project, tmp_path, monkeypatch):
    out = tmp_path / "network.html"
    out.write_text("previous page", encoding="utf-8")
    broken = MINI.replace("target: abbas", "target: nobody", 1)
    data = make_project(broken)
    result = CliRunner().invoke(cli, ["build", str(data), "-o", str(out)])
    assert result.exit_code == 1 and "left unchanged" in result.output
    assert out.read_text(encoding="utf-8") == "previous page"

    def explode(*args, **kwargs):
        raise RuntimeError("rendering failed")

    monkeypatch.setattr(render, "build_page", explode)
    result = CliRunner().invoke(cli, ["build", str(make_project()), "-o", str(out)])
    assert result.exit_code != 0
    assert out.read_text(encoding="utf-8") == "previous page"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_shipped_page_is_up_to_date(tmp_path):
    """docs/network.html is what `graphviz-app build` makes of the shipped data today."""
    page, cache = ROOT / "docs" / "network.html", ROOT / "docs" / "network.positions.json"
    checked = validate(ROOT / "data" / "network.yaml")
    assert checked.ok(), "the shipped data has errors: run `graphviz-app validate`"
    assert page.exists(), "docs/network.html is missing: run `graphviz-app build`"
    shutil.copy(cache, tmp_path / "positions.json")
    fresh = render.build_page(checked, read_positions(tmp_path / "positions.json"))
    stale = "docs/network.html is stale: run `graphviz-app build`"
    assert fresh.html.encode("utf-8") == page.read_bytes(), stale
    assert positions_json(fresh.positions) == cache.read_text(encoding="utf-8")


def test_the_page_script_joins_every_file_of_templates_page_in_the_declared_order():
    folder = Path(render.__file__).parent / "templates" / "page"
    assert sorted(render.PAGE_SCRIPTS) == sorted(p.name for p in folder.glob("*.js"))
    script = render.page_script()
    texts = [(folder / name).read_text("utf-8") for name in render.PAGE_SCRIPTS]
    places = [script.index(text) for text in texts]
    assert places == sorted(places)
    assert script.startswith(render.PAGE_SCRIPT_HEAD) and script.endswith(render.PAGE_SCRIPT_TAIL)


def test_the_page_style_joins_every_css_file_of_templates_page_in_the_declared_order(make_project):
    folder = Path(render.__file__).parent / "templates" / "page"
    assert sorted(render.PAGE_STYLES) == sorted(p.name for p in folder.glob("*.css"))
    style = render.page_style()
    places = [style.index((folder / name).read_text("utf-8")) for name in render.PAGE_STYLES]
    assert places == sorted(places)
    html = render.render_html(validate(make_project(MINI)))
    inline = re.search(r"<style>(.*?)</style>", html, flags=re.S).group(1)
    assert inline == style
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
    assert csp.split("style-src ")[1].split(";")[0] == render.csp_hash(style)

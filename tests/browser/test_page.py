"""The page in headless Chromium: evidence on click, actor cards, filters, search, safety."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import MINI, ROOT, SEED

from graphviz_app import render
from graphviz_app.checks import validate

pytestmark = pytest.mark.browser

SEED_2 = (
    " date 2023-01-20 Abbas and Gantz meet again\n\n"
    "Abbas met Gantz again in Ramallah to discuss the security channel, officials said.\n\n"
    "Washington pressed Abbas to resume full security coordination after the meeting.\n"
)

RICH = """\
sides:
  - {id: israel, label: Israel, colour: "#1f77b4"}
  - {id: palestinian-authority, label: Palestinian Authority, colour: "#2ca02c"}
  - {id: hamas, label: Hamas, colour: "#d62728"}
  - {id: united-states, label: United States, colour: "#ff7f0e"}
campaigns:
  - {id: keep-coordinating, label: Pressure to keep coordinating}
articles:
  - {id: a1, file: seeds/a1.txt, title: Gantz tells Abbas to keep the channel open,
     published: 2022-12-28}
  - {id: a2, file: seeds/a2.txt, title: Abbas and Gantz meet again, outlet: Example Post,
     published: 2023-01-20}
actors:
  - {id: gantz, name: Benny Gantz, kind: person, side: israel, aliases: [Gantz]}
  - {id: abbas, name: Mahmoud Abbas, kind: person, side: palestinian-authority,
     role: President of the Palestinian Authority, aliases: [Abbas, Abu Mazen]}
  - {id: hamas, name: Hamas, kind: organization, side: hamas}
  - {id: usa, name: United States, kind: state, side: united-states, aliases: [Washington]}
interactions:
  - id: gantz-abbas-call
    type: call
    source: gantz
    target: abbas
    date: 2022-12-28
    campaign: keep-coordinating
    summary: Gantz urges Abbas to keep security coordination going.
    evidence:
      - article: a1
        quote: "Benny Gantz on Wednesday told Mahmoud Abbas that it is of utmost importance"
  - id: hamas-condemns-call
    type: condemnation
    source: hamas
    target: abbas
    date: 2022-12-28
    about: gantz-abbas-call
    summary: Hamas condemns the call.
    evidence:
      - {article: a1, quote: "Hamas condemned the call between Gantz and Abbas as a betrayal"}
  - id: abbas-gantz-meeting
    type: meeting
    source: abbas
    target: gantz
    date: 2023-01-15
    summary: Abbas and Gantz meet in Ramallah.
    evidence:
      - {article: a2, quote: "Abbas met Gantz again in Ramallah to discuss the security channel"}
  - id: us-presses-abbas
    type: pressure
    source: usa
    target: abbas
    date: 2023-01
    campaign: keep-coordinating
    summary: Washington presses Abbas to resume coordination.
    evidence:
      - {article: a2, quote: "Washington pressed Abbas to resume full security coordination"}
"""

XSS = [
    "<img src=x onerror=window.pwned=1>",
    "</script><script>window.pwned=2</script>",
    "javascript:window.pwned=3",
    "<!-- {{7*7}} <b onmouseover=window.pwned=4>bold</b>",
]


def build_page(make_project, data: str, seeds: dict[str, str]) -> Path:
    checked = validate(make_project(data, seeds))
    assert checked.ok(), checked.problems
    out = checked.loaded.root / "docs" / "network.html"
    out.parent.mkdir()
    out.write_text(render.render_html(checked), encoding="utf-8")
    return out


@pytest.fixture
def rich(make_project, open_page):
    return open_page(build_page(make_project, RICH, {"a1.txt": SEED, "a2.txt": SEED_2}))


ALL_EDGES = sorted(
    ["gantz-abbas-call", "hamas-condemns-call", "abbas-gantz-meeting", "us-presses-abbas"])


def test_page_loads_offline_with_a_node_per_actor_and_an_edge_per_interaction(rich):
    assert rich.errors == []
    assert rich.js("network.body.data.nodes.length") == 4
    assert rich.visible("nodes") == ["abbas", "gantz", "hamas", "usa"]
    assert rich.visible("edges") == ALL_EDGES
    assert rich.page.locator("#counts").inner_text() == "4 of 4 interactions · 4 of 4 actors"
    legend = rich.page.locator("#type-filter").inner_text()
    assert "Condemnation" in legend and "Accusation" not in legend  # only the types present


def test_clicking_an_edge_shows_its_quote_in_its_paragraph(rich):
    rich.click_edge("hamas-condemns-call")
    text = rich.panel_text()
    assert "Hamas condemns the call." in text
    assert "Gantz tells Abbas to keep the channel open" in text  # the article's title
    marks = rich.page.locator("#panel-body .evidence mark").all_inner_texts()
    assert marks == ["Hamas condemned the call between Gantz and Abbas as a betrayal"]
    assert "of the Palestinian people." in rich.page.locator("#panel-body .context").inner_text()
    call = "Gantz urges Abbas to keep security coordination going."
    rich.page.get_by_role("button", name=call).click()
    assert "reactions" in rich.panel_text().lower()
    assert "Hamas condemns the call." in rich.panel_text()
    rich.page.get_by_role("button", name="Read the whole article").click()
    reader = rich.page.locator("#reader")
    assert reader.is_visible()
    assert reader.locator("mark").inner_text().startswith("Benny Gantz on Wednesday told")
    assert rich.errors == []


def test_clicking_an_actor_opens_its_card_and_dims_the_rest(rich):
    rich.click_node("gantz")
    card = rich.panel_text()
    assert "Benny Gantz" in card and "Also called" in card
    assert card.index("Gantz urges Abbas") < card.index("Abbas and Gantz meet in")  # by date
    quotes = rich.page.locator("#panel-body .items .quote").all_inner_texts()
    assert "Abbas met Gantz again in Ramallah to discuss the security channel" in quotes
    assert rich.js("network.getSelectedNodes()") == ["gantz"]
    opacity = "id => network.body.nodes[id].getFormattingValues().opacity ?? 1"
    assert rich.js(opacity, "hamas") < 0.5 and rich.js(opacity, "abbas") == 1
    rich.page.locator(".items .row").first.click()
    mark = rich.page.locator("#panel-body mark").first
    assert "Benny Gantz on Wednesday told" in mark.inner_text()
    rich.click_empty()  # clears the focus
    assert rich.page.locator("#panel").is_hidden()
    assert rich.js(opacity, "hamas") == 1


def test_new_data_with_new_vis_options_keeps_a_focused_actor_dimmed_around_it(rich):
    """New options put back vis's own look; the page dims the rest again over them."""
    rich.click_node("gantz")
    look = ("() => [network.body.nodes.hamas.getFormattingValues().opacity,"
            " network.body.edges[network.body.edgeIndices[0]].options.color.opacity,"
            " network.body.nodes.hamas.options.font.color]")
    dimmed = rich.js(look)
    rich.js("""() => {
      const vis = JSON.parse(document.getElementById('vis-data').textContent);
      vis.options.interaction.hideEdgesOnDrag = true;  // as when a network outgrows 3,000 edges
      graphPage.replaceData(vis, JSON.parse(document.getElementById('page-data').textContent));
    }""")
    assert rich.js("network.getSelectedNodes()") == ["gantz"]
    assert rich.js(look) == dimmed
    assert rich.js("network.body.nodes.hamas.getFormattingValues().opacity") < 0.5


def test_new_data_with_new_vis_options_and_the_focused_actor_gone_undims_the_network(rich):
    """New options do not say how opaque nodes are: the dimmed look must be undone by hand."""
    rich.click_node("hamas")
    assert rich.js("network.body.nodes.gantz.getFormattingValues().opacity") < 0.5
    rich.js("""() => {
      const vis = JSON.parse(document.getElementById('vis-data').textContent);
      const data = JSON.parse(document.getElementById('page-data').textContent);
      vis.options.interaction.hideEdgesOnDrag = true;  // as when a network outgrows 3,000 edges
      vis.nodes = vis.nodes.filter((n) => n.id !== 'hamas');
      vis.edges = vis.edges.filter((e) => e.from !== 'hamas' && e.to !== 'hamas');
      data.actors = data.actors.filter((a) => a.id !== 'hamas');
      data.interactions = data.interactions.filter((it) => it.source !== 'hamas');
      data.sides = data.sides.filter((s) => s.id !== 'hamas');
      graphPage.replaceData(vis, data);
    }""")
    assert rich.js("graphPage.state.focus") is None
    assert rich.js("['gantz', 'abbas', 'usa'].map("
                   "(id) => network.body.nodes[id].getFormattingValues().opacity)") == [1, 1, 1]


def drawn_as_listed(page) -> bool:
    """The network draws exactly what its DataSets list as shown."""
    return all(page.drawn(kind) == page.visible(kind) for kind in ("nodes", "edges"))


def test_filters_hide_what_they_should_and_combine(rich):
    page = rich.page
    page.get_by_label("Condemnation").uncheck()
    assert "hamas-condemns-call" not in rich.visible("edges")
    assert "hamas" not in rich.visible("nodes")
    assert drawn_as_listed(rich)
    assert page.locator("#counts").inner_text().startswith("3 of 4 interactions")
    page.get_by_label("Condemnation").check()
    page.locator("#side-filter").get_by_label("United States").uncheck()
    assert "usa" not in rich.visible("nodes") and "us-presses-abbas" not in rich.visible("edges")
    page.locator("#side-filter").get_by_label("United States").check()
    page.select_option("#campaign", "keep-coordinating")
    assert rich.visible("edges") == ["gantz-abbas-call", "us-presses-abbas"]
    page.locator("#date-from").fill("1")  # January 2023 onwards
    from playwright.sync_api import expect

    expect(page.locator("#counts")).to_contain_text("1 of 4 interactions")  # applied next frame
    assert rich.visible("edges") == ["us-presses-abbas"]
    assert page.locator("#date-label").inner_text() == "Jan 2023 – Jan 2023"
    page.select_option("#campaign", "")
    assert rich.visible("edges") == ["abbas-gantz-meeting", "us-presses-abbas"]
    assert drawn_as_listed(rich)
    page.get_by_role("button", name="Reset view and filters").click()
    assert rich.visible("edges") == ALL_EDGES and len(rich.visible("nodes")) == 4
    assert rich.drawn("edges") == ALL_EDGES and len(rich.drawn("nodes")) == 4
    assert rich.errors == []


def test_each_change_draws_the_network_once(rich):
    rich.js("() => { window.draws = 0; network.on('afterDrawing', () => { window.draws += 1; }); }")
    steps = [lambda: rich.page.get_by_label("Condemnation").uncheck(),
             lambda: rich.page.get_by_role("button", name="Reset view and filters").click(),
             lambda: rich.page.select_option("#campaign", "keep-coordinating"),
             lambda: rich.page.get_by_label("One edge per pair of actors").check()]
    for step in steps:
        rich.js("() => { window.draws = 0; }")
        step()
        rich.page.wait_for_timeout(150)  # room for any drawing requested for the next frames
        assert rich.js("window.draws") == 1


COUNT_DRAWINGS = """(() => { let current; window.draws = 0;
  Object.defineProperty(window, 'network', {configurable: true, get() { return current; },
    set(value) { current = value; value.on('afterDrawing', () => { window.draws += 1; }); }});
})();"""


def test_the_page_draws_once_as_it_loads(make_project, browser):
    path = build_page(make_project, RICH, {"a1.txt": SEED, "a2.txt": SEED_2})
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.add_init_script(COUNT_DRAWINGS)
    page.goto(path.resolve().as_uri())
    page.wait_for_function("() => document.body.dataset.ready === 'true'")
    page.wait_for_timeout(300)  # room for any drawing requested for the next frames
    assert page.evaluate("window.draws") == 1
    context.close()


def test_search_finds_an_actor_by_alias_and_focuses_it(rich):
    suggestions = rich.js("[...document.querySelectorAll('#actor-names option')].map(o => o.value)")
    assert "Abu Mazen" in suggestions
    rich.page.fill("#search", "abu maz")
    rich.page.press("#search", "Enter")
    card = rich.panel_text()
    assert "Mahmoud Abbas" in card and "President of the Palestinian Authority" in card
    assert rich.js("network.getSelectedNodes()") == ["abbas"]
    rich.page.fill("#search", "nobody at all")
    rich.page.press("#search", "Enter")
    assert rich.page.locator("#search-note").inner_text() == "No actor by that name"


def test_parallel_edges_curve_apart_and_can_be_grouped(rich):
    smooth = rich.js("['gantz-abbas-call', 'abbas-gantz-meeting'].map(id => edges.get(id).smooth)")
    assert all(s["enabled"] for s in smooth)
    rich.page.get_by_label("One edge per pair of actors").check()
    assert "pair:abbas|gantz" in rich.visible("edges")
    assert "gantz-abbas-call" not in rich.visible("edges")
    assert rich.js("edges.get('pair:abbas|gantz').label") == "2"
    rich.click_edge("pair:abbas|gantz")
    assert "2 interactions" in rich.panel_text()
    rich.page.get_by_role("button", name="Show them as separate lines").click()
    assert {"gantz-abbas-call", "abbas-gantz-meeting"} <= set(rich.visible("edges"))


def test_markup_and_script_in_the_data_stay_inert_text(make_project, open_page):
    tag, script, link, comment = XSS
    article = f"title: '{script}'\n    outlet: '{comment}'\n    url: '{link}'"
    data = (MINI.replace("name: Hamas", f"name: '{tag} Hamas'")
            .replace("title: Gantz tells Abbas to keep the channel open", article)
            .replace("    aliases: [Gantz]", f"    aliases: [Gantz, '{script}']\n    role: '{tag}'")
            .replace("summary: Hamas condemns the call.", f"summary: '{tag} {script} {comment}'")
            .replace('quote: "Hamas condemned', f'quote: "{tag} Hamas condemned'))
    seed = SEED.replace("Hamas condemned the call", f"{tag} Hamas condemned the call")
    page = open_page(build_page(make_project, data, {"a1.txt": seed}))
    page.click_edge("hamas-condemns-call")
    page.page.get_by_role("button", name="Read the whole article").click()
    page.page.locator("#reader-close").click()
    page.click_node("gantz")
    page.page.fill("#search", script)
    page.page.press("#search", "Enter")
    assert page.js("window.pwned") is None
    assert page.dialogs == [] and page.errors == []
    assert page.js("document.querySelectorAll('img, b, a[href^=javascript]').length") == 0
    page.click_edge("hamas-condemns-call")
    text = page.panel_text()
    assert f"{tag} {script} {comment}" in text and script in text and comment in text
    assert page.page.locator("#panel-body mark").inner_text().startswith(tag)
    assert page.js("window.pwned") is None


def test_the_shipped_page_loads_with_all_actors(open_page):
    checked = validate(ROOT / "data" / "network.yaml")
    page = open_page(ROOT / "docs" / "network.html")
    assert page.errors == []
    assert len(page.visible("nodes")) == len(checked.dataset.actors)
    shown = page.js("graphPage.shown().length")
    assert shown == len(checked.dataset.interactions)

"""graphviz-app serve in a real browser: a save updates the open tab, keeping its view."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import MINI, ROOT, SEED

pytestmark = pytest.mark.browser

TIMEOUT = 30


def wait_for(condition, timeout: float = TIMEOUT):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = condition()
        except Exception:  # the page is reloading: its context is gone for a moment
            value = None
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError("timed out")


def save(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def start_serve(data: Path, port: int = 0, wait_for_build: bool = True):
    """`serve` of the project of ``data``: (its url, the process, its output file)."""
    root = data.parent.parent
    out = root / f"serve-{time.monotonic_ns()}.out"
    with out.open("wb") as stdout:
        process = subprocess.Popen(
            [sys.executable, "-m", "graphviz_app", "serve", str(data), "-o",
             str(root / "docs" / "network.html"), "--port", str(port), "--no-open"],
            cwd=root, stdout=stdout, stderr=subprocess.STDOUT,
            env={**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(ROOT)})
    try:
        found = wait_for(lambda: re.search(r"serving (http://127\.0\.0\.1:\d+/)", out.read_text()))
        if wait_for_build:
            wait_for(lambda: "wrote" in out.read_text())  # the first build is published
    except BaseException:
        process.kill()
        raise
    return found.group(1), process, out


def stop_serve(process) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(TIMEOUT)


@pytest.fixture
def served(make_project):
    """A running `serve` of a small project: (data file, url, process, its stdout file)."""
    data = make_project()
    url, process, out = start_serve(data)
    try:
        yield data, url, process, out
    finally:
        stop_serve(process)


def open_tab(browser, url: str):
    """A tab on the preview, its console errors and any request it makes elsewhere."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    errors, elsewhere = [], []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: r.url.startswith(url) or elsewhere.append(r.url))
    page.goto(url)
    page.wait_for_function("() => document.body.dataset.ready === 'true'", timeout=20000)
    return context, page, errors, elsewhere


def shows_build(page, build: int) -> bool:
    return page.evaluate("n => document.body.dataset.previewBuild === String(n)", build)


def test_a_save_updates_the_tab_in_place_keeping_the_view_and_errors_show_over_it(browser, served):
    data, url, process, out = served
    context, page, errors, elsewhere = open_tab(browser, url)
    loads = []
    page.on("load", lambda _: loads.append(True))

    # a view to keep: an open panel, a type filtered out, a zoom and position of one's own
    page.evaluate("graphPage.openInteraction('gantz-abbas-call')")
    page.locator('input[data-group="types"][value="condemnation"]').uncheck()
    page.wait_for_timeout(300)  # the panel settles the view two frames after opening
    page.evaluate("network.moveTo({position: {x: 40, y: -25}, scale: 1.7})")
    page.locator("#search").focus()
    assert page.evaluate("graphPage.state.types.has('condemnation')") is False
    page.evaluate("window.draws = 0; network.on('afterDrawing', () => { window.draws += 1; })")

    save(data, MINI.replace("Gantz urges Abbas to keep security coordination going.",
                            "Gantz presses Abbas on coordination."))
    wait_for(lambda: shows_build(page, 2))
    assert loads == []  # taken in place: the page did not load again
    assert "Gantz presses Abbas on coordination." in page.locator("#panel-body").inner_text()
    assert page.evaluate("document.getElementById('panel-body').dataset.interaction") \
        == "gantz-abbas-call"
    assert page.evaluate("network.getScale()") == pytest.approx(1.7, rel=1e-3)
    position = page.evaluate("network.getViewPosition()")
    assert position["x"] == pytest.approx(40, abs=1) and position["y"] == pytest.approx(-25, abs=1)
    assert page.evaluate("graphPage.state.types.has('condemnation')") is False
    assert not page.locator('input[data-group="types"][value="condemnation"]').is_checked()
    assert page.evaluate("document.activeElement.id") == "search"  # focus stays where it was
    assert page.evaluate("window.draws") == 0  # a summary is not drawn: the network is as it was

    # a save with an error: listed over the network as it was
    drawn = page.evaluate("network.body.nodeIndices.slice().sort()")
    save(data, MINI.replace("type: call", "type: cal"))
    overlay = page.locator("#preview-problems")
    overlay.wait_for(timeout=TIMEOUT * 1000)
    text = overlay.inner_text()
    line = MINI.split("type: cal")[0].count("\n") + 1
    assert re.search(rf"network\.yaml:{line}:\d+: S104 unknown interaction type \"cal\"", text)
    assert "= help:" in text and "call" in text.split("= help:")[1]
    assert page.evaluate("network.body.nodeIndices.slice().sort()") == drawn

    # the fix clears it, in place again
    save(data, MINI)
    wait_for(lambda: shows_build(page, 3) and not page.locator("#preview-problems").count())
    assert "Gantz urges Abbas" in page.locator("#panel-body").inner_text()
    assert loads == [] and errors == [] and elsewhere == []
    context.close()

    process.send_signal(signal.SIGINT)
    assert process.wait(TIMEOUT) == 0
    printed = out.read_text()
    assert "this computer only" in printed and "fixed: all checks pass" in printed
    assert printed.rstrip().endswith("stopped serving") and "Traceback" not in printed


# What a reader sees, read from vis-network's own items and the controls: equal snapshots
# mean two tabs show the same network, legend, counts and panel.
SNAPSHOT = """() => {
  const body = network.body;
  const nodeLook = (id) => {
    const n = body.nodes[id], o = n.options;
    return [id, o.label, o.shape, o.size, o.color.background, o.opacity,
      Math.round(n.x), Math.round(n.y)];
  };
  const edgeLook = (id) => {
    const e = body.edges[id], o = e.options;
    return [id, e.fromId, e.toId, o.label || "", o.width, o.color.color, o.color.opacity,
      o.arrows.to.enabled,
      JSON.stringify(o.smooth && o.smooth.enabled ? [o.smooth.type, o.smooth.roundness] : null)];
  };
  const text = (id) => document.getElementById(id).innerText;
  return {
    nodes: body.nodeIndices.slice().sort().map(nodeLook),
    edges: body.edgeIndices.slice().sort().map(edgeLook),
    filters: text("filters"), counts: text("counts"), panel: text("panel-body"),
    names: [...document.querySelectorAll("#actor-names option")]
      .map((o) => o.value + "|" + o.label),
    histogram: [...document.querySelectorAll("#histogram .bar")].map((b) => b.title + b.className),
    timelineHidden: document.getElementById("timeline").hidden,
    campaignHidden: document.getElementById("campaign-section").hidden,
    state: JSON.stringify(graphPage.viewState()),
  };
}"""

GROWN = MINI.replace("  - id: hamas\n    name: Hamas\n", """\
  - id: shin-bet
    name: Shin Bet
    kind: organization
    side: israel
  - id: hamas
    name: Hamas Movement
""").replace("summary: Hamas condemns the call.",
            "summary: Hamas condemns the call.\n    campaign: talks") + """\
  - id: shin-bet-meets-abbas
    type: meeting
    source: shin-bet
    target: abbas
    date: 2022-11
    summary: The Shin Bet chief meets Abbas.
    evidence:
      - article: a1
        quote: "Benny Gantz on Wednesday told Mahmoud Abbas that it is of utmost importance"
"""


@pytest.mark.parametrize("edit", ["grow", "shrink"])
def test_new_data_in_place_looks_as_a_fresh_tab_of_the_same_build(browser, served, edit):
    """Actors and interactions added, renamed, restyled and deleted, months and a campaign
    gained or lost: the tab that took the data in place shows what a fresh tab shows."""
    data, url, process, out = served
    if edit == "shrink":  # start from the larger data and take things away
        save(data, GROWN)
        wait_for(lambda: out.read_text().count(" wrote ") >= 2)
    context, page, errors, _ = open_tab(browser, url)
    page.locator('input[data-group="sides"][value="hamas"]').uncheck()  # a filter to carry
    page.evaluate("graphPage.focusActor('abbas')")  # focused, its card open
    page.wait_for_timeout(400)
    build = int(page.evaluate("document.body.dataset.previewBuild"))
    page.evaluate("window.draws = 0; network.on('afterDrawing', () => { window.draws += 1; })")
    save(data, GROWN if edit == "grow" else MINI)
    wait_for(lambda: shows_build(page, build + 1))
    assert page.evaluate("window.draws") >= 1  # the network changed: it is drawn again
    in_place = page.evaluate(SNAPSHOT)
    assert ("Shin Bet" in in_place["filters"] + str(in_place["names"])) == (edit == "grow")
    fresh_context, fresh, fresh_errors, _ = open_tab(browser, url)
    fresh.evaluate("view => graphPage.restoreView(view)", json.loads(in_place["state"]))
    fresh.wait_for_timeout(300)
    again = fresh.evaluate(SNAPSHOT)
    for key in in_place:
        assert in_place[key] == again[key], key
    assert errors == [] and fresh_errors == []
    context.close()
    fresh_context.close()


def test_a_new_title_reloads_the_tab_keeping_the_view(browser, served):
    data, url, process, out = served
    context, page, errors, _ = open_tab(browser, url)
    page.evaluate("graphPage.openInteraction('hamas-condemns-call')")
    page.wait_for_timeout(300)
    page.evaluate("network.moveTo({position: {x: 10, y: 5}, scale: 1.3})")
    page.evaluate("window.beforeTheSave = true")
    save(data, "title: Coordination talks\n" + MINI)
    wait_for(lambda: page.evaluate("document.body.dataset.previewRestored === 'true'"))
    assert page.evaluate("window.beforeTheSave") is None  # the page loaded again
    assert page.locator("h1").inner_text() == "Coordination talks"
    assert page.evaluate("document.getElementById('panel-body').dataset.interaction") \
        == "hamas-condemns-call"
    assert page.evaluate("network.getScale()") == pytest.approx(1.3, rel=1e-3)
    assert errors == []
    context.close()


PAIRED = MINI + """\
  - id: gantz-abbas-channel
    type: appeal
    source: gantz
    target: abbas
    date: 2022-12-28
    summary: Gantz asks Abbas to keep the channel open.
    evidence:
      - article: a1
        quote: "continue maintaining an open channel of security coordination"
"""


@pytest.mark.parametrize("title", [False, True], ids=["in place", "reloaded"])
def test_the_panel_of_a_pair_and_the_one_edge_per_pair_view_are_kept(browser, served, title):
    data, url, process, out = served
    builds = out.read_text().count(" wrote ")
    save(data, PAIRED)  # two interactions between Gantz and Abbas: one edge for the pair
    wait_for(lambda: out.read_text().count(" wrote ") > builds)
    context, page, errors, _ = open_tab(browser, url)
    page.locator("#aggregate").check()
    pair = page.evaluate("edges.getIds().find((id) => id.startsWith('pair:'))")
    assert pair is not None
    page.evaluate("id => network.emit('click', {nodes: [], edges: [id]})", pair)
    assert page.evaluate("document.getElementById('panel-body').dataset.pair") == pair[5:]

    edited = PAIRED.replace("Hamas condemns the call.", "Hamas denounces the call.")
    save(data, ("title: Pairs\n" if title else "") + edited)
    wait_for(lambda: shows_build(page, 3))
    assert page.evaluate("graphPage.state.aggregate") is True
    assert page.locator("#aggregate").is_checked()
    assert page.evaluate("document.getElementById('panel-body').dataset.pair") == pair[5:]
    assert errors == []
    context.close()


def test_a_tab_that_outlives_its_server_takes_the_next_servers_build(browser, make_project):
    data = make_project()
    url, process, _ = start_serve(data)
    port = int(url.rsplit(":", 1)[1].strip("/"))
    context, page, errors, _ = open_tab(browser, url)
    page.evaluate("graphPage.openInteraction('gantz-abbas-call')")
    stop_serve(process)
    save(data, MINI.replace("Gantz urges Abbas to keep security coordination going.",
                            "Gantz presses Abbas on coordination."))
    _, process, _ = start_serve(data, port)  # its first build is build 1 again
    try:
        wait_for(lambda: "Gantz presses Abbas" in page.locator("#panel-body").inner_text())
    finally:
        stop_serve(process)
        context.close()


def test_errors_before_any_good_build_show_on_the_placeholder_until_fixed(browser, make_project):
    data = make_project(MINI.replace("type: call", "type: cal"))
    url, process, out = start_serve(data, wait_for_build=False)
    try:
        wait_for(lambda: "left unchanged" in out.read_text())
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        page = context.new_page()
        loads = []
        page.on("load", lambda _: loads.append(True))
        page.goto(url)
        page.locator("#preview-problems").wait_for(timeout=TIMEOUT * 1000)
        assert "S104" in page.locator("#preview-problems").inner_text()
        page.wait_for_timeout(1500)
        assert len(loads) == 1  # it waits: no reloading over and over
        save(data, MINI)
        wait_for(lambda: page.evaluate("document.body.dataset.ready === 'true'"))
        assert not page.locator("#preview-problems").count()
        context.close()
    finally:
        stop_serve(process)


def test_new_data_leaves_focus_and_typing_where_they_were(browser, served):
    data, url, process, out = served
    context, page, errors, _ = open_tab(browser, url)
    page.evaluate("graphPage.openActor('abbas')")
    row = page.locator('#panel-body button.row[data-interaction="hamas-condemns-call"]')
    row.focus()
    save(data, MINI.replace("Hamas condemns the call.", "Hamas denounces the call."))
    wait_for(lambda: shows_build(page, 2))
    assert "Hamas denounces the call." in page.locator("#panel-body").inner_text()
    assert page.evaluate("document.activeElement.dataset.interaction") == "hamas-condemns-call"

    page.locator("#search").fill("Mahmoud ")  # a name half typed, with its space
    save(data, MINI)
    wait_for(lambda: shows_build(page, 3))
    assert page.locator("#search").input_value() == "Mahmoud "
    assert page.evaluate("document.activeElement.id") == "search"

    page.evaluate("document.activeElement.blur()")  # nothing focused: the panel takes none
    save(data, MINI.replace("Hamas condemns the call.", "Hamas decries the call."))
    wait_for(lambda: shows_build(page, 4))
    assert page.evaluate("document.activeElement === document.body")
    assert errors == []
    context.close()


def test_an_open_article_shows_its_new_text_with_the_quote_still_marked(browser, served):
    data, url, process, out = served
    context, page, errors, _ = open_tab(browser, url)
    page.evaluate("graphPage.openInteraction('hamas-condemns-call')")
    page.get_by_role("button", name="Read the whole article").click()
    assert page.locator("#reader").is_visible()
    seed = data.parent.parent / "seeds" / "a1.txt"
    edited = SEED.replace("\n\nHamas condemned",
                          "\n\nA new paragraph comes first.\n\nHamas condemned")
    save(seed, edited)
    wait_for(lambda: shows_build(page, 2))
    text = page.locator("#reader-text").inner_text()
    assert "A new paragraph comes first." in text
    assert page.locator("#reader-text mark").inner_text() \
        == "Hamas condemned the call between Gantz and Abbas as a betrayal"
    assert page.locator("#reader").is_visible() and errors == []
    context.close()


def in_process_server(port: int = 0):
    """A preview server in this process, serving until stopped."""
    from graphviz_app.serve import PreviewServer

    server = PreviewServer(port=port)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server


def built_html(data: Path) -> str:
    from graphviz_app.build import build_page_files

    built = build_page_files(data, data.parent.parent / "docs" / "network.html")
    assert built.written, built.checked.problems
    return built.html


def test_a_tab_opened_while_the_first_build_runs_waits_for_it(browser, make_project):
    """The placeholder shown during the first build waits: it does not reload over and over."""
    html = built_html(make_project())
    server = in_process_server()
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        loads = []
        page.on("load", lambda _: loads.append(True))
        page.goto(server.url)
        assert "Building the page" in page.locator("body").inner_text()
        page.wait_for_timeout(1500)
        assert len(loads) == 1
        server.publish(html)
        page.wait_for_function("() => document.body.dataset.ready === 'true'", timeout=20000)
    finally:
        context.close()
        server.stop()


def test_a_tab_kept_across_a_restart_keeps_its_view_while_the_new_server_builds(browser,
                                                                                make_project):
    html = built_html(make_project())
    first = in_process_server()
    port = first.server_address[1]
    first.publish(html)
    context, page, errors, _ = open_tab(browser, first.url)
    loads = []
    page.on("load", lambda _: loads.append(True))
    page.evaluate("graphPage.openInteraction('gantz-abbas-call')")
    first.stop()
    second = in_process_server(port)  # its first build takes a while
    try:
        page.evaluate("delete document.body.dataset.preview")
        # the tab reconnects (after about 3 s) and hears that nothing is built yet
        wait_for(lambda: loads or page.evaluate("() => document.body.dataset.preview === 'ok'"))
        page.wait_for_timeout(500)
        assert loads == []  # nothing to take yet: the tab stays as it was
        second.publish(html)
        wait_for(lambda: shows_build(page, 1))
        assert page.evaluate("document.getElementById('panel-body').dataset.interaction") \
            == "gantz-abbas-call"
        assert errors == []
    finally:
        context.close()
        second.stop()


def test_a_build_stopped_before_it_had_problems_says_why_over_the_network(browser, make_project):
    html = built_html(make_project())
    server = in_process_server()
    server.publish(html)
    context, page, errors, _ = open_tab(browser, server.url)
    try:
        server.publish(None, (), "data/network.yaml does not exist")
        overlay = page.locator("#preview-problems")
        overlay.wait_for(timeout=TIMEOUT * 1000)
        assert overlay.inner_text().startswith("1 error: the page shows the last good build")
        assert "data/network.yaml does not exist" in overlay.inner_text()
        server.publish(html)
        wait_for(lambda: shows_build(page, 2) and not overlay.count())
        assert errors == []
    finally:
        context.close()
        server.stop()


def test_a_reload_for_a_new_title_keeps_the_table_shown_and_its_order(browser, served):
    data, url, process, out = served
    context, page, errors, _ = open_tab(browser, url)
    page.evaluate("graphPage.showView('table')")
    page.evaluate("graphPage.showTableOf('actors')")
    page.get_by_role("button", name="Name").click()  # sorted by name, A to Z
    order = page.locator("#table-holder tbody tr").all_inner_texts()
    page.evaluate("window.beforeTheSave = true")
    save(data, "title: Coordination talks\n" + MINI)
    wait_for(lambda: page.evaluate("document.body.dataset.previewRestored === 'true'"))
    assert page.evaluate("window.beforeTheSave") is None  # the page loaded again
    assert page.evaluate("[graphPage.getView(), graphPage.table.kind]") == ["table", "actors"]
    assert page.locator("#table-holder tbody tr").all_inner_texts() == order
    assert errors == []
    context.close()

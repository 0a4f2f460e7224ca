"""graphviz-app serve in a real browser: a save updates the open tab, keeping its view."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import MINI, ROOT

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


@pytest.fixture
def served(make_project):
    """A running `serve` of a small project: (data file, url, process, its stdout file)."""
    data = make_project()
    root = data.parent.parent
    out = root / "serve.out"
    with out.open("wb") as stdout:
        process = subprocess.Popen(
            [sys.executable, "-m", "graphviz_app", "serve", str(data), "-o",
             str(root / "docs" / "network.html"), "--port", "0", "--no-open"],
            cwd=root, stdout=stdout, stderr=subprocess.STDOUT,
            env={**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(ROOT)})
    try:
        found = wait_for(lambda: re.search(r"serving (http://127\.0\.0\.1:\d+/)", out.read_text()))
        wait_for(lambda: "wrote" in out.read_text())  # the first build is published
        yield data, found.group(1), process, out
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(TIMEOUT)


def test_a_save_updates_the_tab_keeping_the_view_and_errors_show_over_it(browser, served):
    data, url, process, out = served
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    errors, elsewhere = [], []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: r.url.startswith(url) or elsewhere.append(r.url))
    page.goto(url)
    page.wait_for_function("document.body.dataset.ready === 'true'", timeout=20000)

    # a view to keep: an open panel, a type filtered out, a zoom and position of one's own
    page.evaluate("graphPage.openInteraction('gantz-abbas-call')")
    page.locator('input[data-group="types"][value="condemnation"]').uncheck()
    page.wait_for_timeout(300)  # the panel settles the view two frames after opening
    page.evaluate("network.moveTo({position: {x: 40, y: -25}, scale: 1.7})")
    assert page.evaluate("graphPage.state.types.has('condemnation')") is False

    save(data, MINI.replace("Gantz urges Abbas to keep security coordination going.",
                            "Gantz presses Abbas on coordination."))
    wait_for(lambda: page.evaluate("document.body.dataset.previewRestored === 'true'"))
    assert "Gantz presses Abbas on coordination." in page.locator("#panel-body").inner_text()
    assert page.evaluate("document.getElementById('panel-body').dataset.interaction") \
        == "gantz-abbas-call"
    assert page.evaluate("network.getScale()") == pytest.approx(1.7, rel=1e-3)
    position = page.evaluate("network.getViewPosition()")
    assert position["x"] == pytest.approx(40, abs=1) and position["y"] == pytest.approx(-25, abs=1)
    assert page.evaluate("graphPage.state.types.has('condemnation')") is False
    assert not page.locator('input[data-group="types"][value="condemnation"]').is_checked()

    # a save with an error: listed over the network as it was, without a reload
    page.evaluate("window.beforeTheError = true")
    drawn = page.evaluate("network.body.nodeIndices.slice().sort()")
    save(data, MINI.replace("type: call", "type: cal"))
    overlay = page.locator("#preview-problems")
    overlay.wait_for(timeout=TIMEOUT * 1000)
    text = overlay.inner_text()
    line = MINI.split("type: cal")[0].count("\n") + 1
    assert re.search(rf"network\.yaml:{line}:\d+: S104 unknown interaction type \"cal\"", text)
    assert "= help:" in text and "call" in text.split("= help:")[1]
    assert page.evaluate("window.beforeTheError") is True
    assert page.evaluate("network.body.nodeIndices.slice().sort()") == drawn

    # the fix clears it
    save(data, MINI)
    wait_for(lambda: page.evaluate("document.body.dataset.previewRestored === 'true' "
                                   "&& !document.getElementById('preview-problems')"))
    assert page.evaluate("window.beforeTheError") is None
    assert errors == [] and elsewhere == []
    context.close()

    process.send_signal(signal.SIGINT)
    assert process.wait(TIMEOUT) == 0
    printed = out.read_text()
    assert "this computer only" in printed and "fixed: all checks pass" in printed
    assert printed.rstrip().endswith("stopped serving") and "Traceback" not in printed


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


def test_the_panel_of_a_pair_and_the_one_edge_per_pair_view_are_kept(browser, served):
    data, url, process, out = served
    builds = out.read_text().count(" wrote ")
    save(data, PAIRED)  # two interactions between Gantz and Abbas: one edge for the pair
    wait_for(lambda: out.read_text().count(" wrote ") > builds)
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(url)
    page.wait_for_function("document.body.dataset.ready === 'true'", timeout=20000)
    page.locator("#aggregate").check()
    pair = page.evaluate("edges.getIds().find((id) => id.startsWith('pair:'))")
    assert pair is not None
    page.evaluate("id => network.emit('click', {nodes: [], edges: [id]})", pair)
    assert page.evaluate("document.getElementById('panel-body').dataset.pair") == pair[5:]

    save(data, PAIRED.replace("Hamas condemns the call.", "Hamas denounces the call."))
    wait_for(lambda: page.evaluate("document.body.dataset.previewRestored === 'true'"))
    assert page.evaluate("graphPage.state.aggregate") is True
    assert page.locator("#aggregate").is_checked()
    assert page.evaluate("document.getElementById('panel-body').dataset.pair") == pair[5:]
    context.close()

"""Phones and tablets, with touch: the network fills the screen, the filters are a drawer,
the panel a sheet over the network, nothing scrolls sideways, and taps, pinches and drags
reach the network."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from browser.conftest import PHONE, TABLET
from browser.test_page import RICH, SEED, SEED_2, build_page

pytestmark = pytest.mark.browser


@pytest.fixture
def project_page(make_project):
    return build_page(make_project, RICH, {"a1.txt": SEED, "a2.txt": SEED_2})


def box(page, selector: str) -> dict:
    return page.page.locator(selector).bounding_box()


def assert_fits_the_screen(page, width: int) -> None:
    assert page.js("innerWidth") == width  # laid out at the device's width, not zoomed out
    assert page.js("document.documentElement.scrollWidth") <= width
    assert page.js("document.body.scrollWidth") <= width
    search = box(page, "#search")
    assert search["x"] >= 0 and search["x"] + search["width"] <= width and search["width"] >= 200


def edge_middle(page, edge_id: str) -> tuple[float, float]:
    """Where an edge's middle is on the screen."""
    point = page.js("""id => {
        const e = edges.get(id);
        const p = network.getPositions([e.from, e.to]);
        const a = p[e.from], b = p[e.to];
        return network.canvasToDOM({x: (a.x + b.x) / 2, y: (a.y + b.y) / 2});
    }""", edge_id)
    canvas = box(page, "#mynetwork canvas")
    return canvas["x"] + point["x"], canvas["y"] + point["y"]


def node_place(page, node_id: str) -> tuple[float, float]:
    point = page.js("id => network.canvasToDOM(network.getPositions([id])[id])", node_id)
    canvas = box(page, "#mynetwork canvas")
    return canvas["x"] + point["x"], canvas["y"] + point["y"]


def test_on_a_phone_the_network_fills_the_screen_under_the_top_bar(open_page, project_page):
    page = open_page(project_page, device=PHONE)
    assert_fits_the_screen(page, 390)
    network = box(page, "#mynetwork")
    assert network["width"] == 390 and network["height"] >= 0.75 * 844
    assert network["y"] + network["height"] == pytest.approx(844, abs=1)
    assert page.page.locator("#filters").is_hidden()  # in the closed drawer
    assert page.page.locator("#drawer-open").is_visible()
    font = page.js("parseFloat(getComputedStyle(document.querySelector('#counts')).fontSize)")
    assert font >= 12
    assert page.errors == []


def test_the_filter_drawer_opens_closes_and_gives_focus_back(open_page, project_page):
    page = open_page(project_page, device=PHONE)
    page.page.locator("#drawer-open").tap()
    filters = page.page.locator("#filters")
    assert filters.is_visible()
    page.page.wait_for_timeout(300)  # the drawer slides in
    drawer = box(page, "#filters")
    assert drawer["x"] == pytest.approx(0, abs=1) and drawer["width"] <= 390
    assert page.js("document.activeElement.id") == "drawer-close"
    assert page.js("document.getElementById('graph').inert") is True
    assert page.page.locator("#drawer-open").get_attribute("aria-expanded") == "true"
    page.page.get_by_label("Condemnation").tap()  # the filters work from the drawer
    assert "hamas-condemns-call" not in page.visible("edges")
    page.page.keyboard.press("Escape")
    expect(filters).to_be_hidden()  # once it has slid out
    assert page.js("document.activeElement.id") == "drawer-open"
    assert page.js("document.getElementById('graph').inert") is False
    page.page.locator("#drawer-open").tap()
    page.page.get_by_role("button", name="Close the filters").tap()
    expect(filters).to_be_hidden()
    assert_fits_the_screen(page, 390)


def test_tapping_an_edge_opens_a_sheet_that_scrolls_and_closes(open_page, project_page):
    page = open_page(project_page, device=PHONE)
    network_before = box(page, "#mynetwork")
    page.page.touchscreen.tap(*edge_middle(page, "us-presses-abbas"))
    panel = page.page.locator("#panel")
    assert panel.is_visible()
    assert "Washington presses Abbas to resume coordination." in page.panel_text()
    sheet = box(page, "#panel")
    assert sheet["width"] == pytest.approx(390, abs=1)
    assert sheet["y"] + sheet["height"] == pytest.approx(844, abs=1)  # along the bottom
    assert sheet["height"] <= 0.65 * 844  # the network stays in view above it
    assert box(page, "#mynetwork") == network_before  # over the network, which keeps its size
    assert page.js("getComputedStyle(document.getElementById('panel')).overflowY") == "auto"
    assert_fits_the_screen(page, 390)
    page.page.get_by_role("button", name="Close the panel").tap()
    assert panel.is_hidden()
    page.page.touchscreen.tap(*node_place(page, "gantz"))
    assert panel.is_visible() and "Benny Gantz" in page.panel_text()
    assert page.js("network.getSelectedNodes()") == ["gantz"]
    assert page.errors == []


def test_a_long_sheet_scrolls_inside_itself(open_page, project_page):
    page = open_page(project_page, device=PHONE)
    page.js("graphPage.focusActor('abbas')")  # the card lists every quote of four interactions
    sizes = page.js("(() => { const p = document.getElementById('panel');"
                    " return [p.scrollHeight, p.clientHeight]; })()")
    assert sizes[0] > sizes[1]
    page.page.locator("#panel").evaluate("p => p.scrollTo(0, p.scrollHeight)")
    assert page.js("document.getElementById('panel').scrollTop") > 0
    assert page.js("document.documentElement.scrollTop") == 0  # the page itself stays put


def touch(cdp, kind: str, points: list[tuple[float, float]]) -> None:
    cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": [
        {"x": x, "y": y, "id": i} for i, (x, y) in enumerate(points)]})


def test_pinch_zooms_and_a_drag_pans_the_network(open_page, project_page):
    page = open_page(project_page, device=PHONE)
    cdp = page.context.new_cdp_session(page.page)
    network = box(page, "#mynetwork")
    cx, cy = network["x"] + network["width"] / 2, network["y"] + network["height"] / 2
    x0, y0 = network["x"] + 20, network["y"] + 20  # empty: a drag there pans, not moves a node
    assert page.js("p => !network.getNodeAt(p) && !network.getEdgeAt(p)", {"x": 20, "y": 20})
    view = page.js("network.getViewPosition()")
    touch(cdp, "touchStart", [(x0, y0)])
    for step in range(1, 11):
        touch(cdp, "touchMove", [(x0 + 8 * step, y0 + 4 * step)])
        page.page.wait_for_timeout(16)
    touch(cdp, "touchEnd", [])
    assert page.js("network.getViewPosition()")["x"] < view["x"] - 10  # dragged right
    assert page.js("document.documentElement.scrollLeft") == 0
    page.page.wait_for_timeout(300)
    scale = page.js("network.getScale()")
    touch(cdp, "touchStart", [(cx - 30, cy), (cx + 30, cy)])
    for step in range(1, 11):
        touch(cdp, "touchMove", [(cx - 30 - 8 * step, cy), (cx + 30 + 8 * step, cy)])
        page.page.wait_for_timeout(16)
    touch(cdp, "touchEnd", [])
    assert page.js("network.getScale()") > 1.5 * scale
    assert page.js("visualViewport.scale") == 1  # the network zoomed, not the page
    assert page.errors == []


def test_on_a_tablet_the_filters_stay_and_the_panel_lies_over_the_network(open_page, project_page):
    page = open_page(project_page, device=TABLET)
    assert_fits_the_screen(page, 768)
    assert page.page.locator("#filters").is_visible()
    assert page.page.locator("#drawer-open").is_hidden()
    network_before = box(page, "#mynetwork")
    assert network_before["width"] >= 500
    page.page.touchscreen.tap(*edge_middle(page, "us-presses-abbas"))
    assert page.page.locator("#panel").is_visible()
    panel = box(page, "#panel")
    assert panel["x"] + panel["width"] == pytest.approx(768, abs=1)
    assert panel["width"] <= 0.75 * network_before["width"]
    assert box(page, "#mynetwork") == network_before
    assert_fits_the_screen(page, 768)


@pytest.mark.parametrize("device", [PHONE, TABLET], ids=["phone", "tablet"])
def test_the_table_fits_small_screens_and_a_tap_opens_a_row(open_page, project_page, device):
    page = open_page(project_page, device=device)
    page.page.get_by_role("button", name="Table", exact=True).tap()
    rows = page.page.locator("#interactions-table tbody tr")
    assert rows.count() == 4
    assert_fits_the_screen(page, device["viewport"]["width"])
    assert page.js("(() => { const h = document.getElementById('table-holder');"
                   " return h.scrollWidth <= h.clientWidth; })()")
    rows.first.tap()
    assert page.page.locator("#panel").is_visible()

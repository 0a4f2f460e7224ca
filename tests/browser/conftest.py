"""Headless Chromium for the browser tests, offline: any request off file:// fails the test.

Without Chromium, Playwright or axe-core (`npm install` at the repository's root) the tests
that need them are skipped, except under CI=true, where anything missing is a failure.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True,
         "device_scale_factor": 3}
TABLET = {"viewport": {"width": 768, "height": 1024}, "is_mobile": True, "has_touch": True,
          "device_scale_factor": 2}
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _unavailable(reason: str):
    if os.environ.get("CI") == "true":
        pytest.fail(f"browser tests cannot run under CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    """One Chromium for the whole session."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed")
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is missing")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield chromium
        chromium.close()


class Page:
    """A loaded page and what went wrong on it: console errors, page errors, outside requests."""

    def __init__(self, browser, path: Path, size=(1280, 800), device: dict | None = None):
        self.errors: list[str] = []
        self.outside: list[str] = []
        self.dialogs: list[str] = []
        self.context = browser.new_context(
            **(device or {"viewport": {"width": size[0], "height": size[1]}}))
        self.page = self.context.new_page()
        self.page.route("**/*", self._route)
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", self._dialog)
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_function("() => document.body.dataset.ready === 'true'", timeout=20000)

    def _route(self, route):
        url = route.request.url
        if url.startswith(("file:", "data:")):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def js(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)

    def click_canvas(self, point: dict) -> None:
        """A real mouse click at a point of the network's canvas coordinates."""
        dom = self.js("p => network.canvasToDOM(p)", point)
        box = self.page.locator("#mynetwork canvas").bounding_box()
        self.page.mouse.click(box["x"] + dom["x"], box["y"] + dom["y"])

    def click_empty(self) -> None:
        """A real click on the canvas where there is neither a node nor an edge."""
        box = self.page.locator("#mynetwork canvas").bounding_box()
        assert self.js("p => !network.getNodeAt(p) && !network.getEdgeAt(p)", {"x": 6, "y": 6})
        self.page.mouse.click(box["x"] + 6, box["y"] + 6)

    def click_node(self, node_id: str) -> None:
        self.click_canvas(self.js("id => network.getPosition(id)", node_id))

    def click_edge(self, edge_id: str) -> None:
        """Click the middle of a straight edge, away from both nodes."""
        self.click_canvas(self.js("""id => {
            const e = edges.get(id), a = network.getPosition(e.from), b = network.getPosition(e.to);
            return {x: (a.x + b.x) / 2, y: (a.y + b.y) / 2};
        }""", edge_id))

    def panel_text(self) -> str:
        return self.page.locator("#panel-body").inner_text()

    def visible(self, kind: str) -> list[str]:
        return sorted(self.js(f"{kind}.get({{filter: x => !x.hidden}}).map(x => x.id)"))

    def drawn(self, kind: str) -> list[str]:
        """What the network itself draws (its visible indices), not what its DataSet says."""
        index = "nodeIndices" if kind == "nodes" else "edgeIndices"
        return sorted(self.js(f"network.body.{index}"))

    def close(self) -> None:
        assert self.outside == [], f"the page tried to reach {self.outside}"
        self.context.close()


@pytest.fixture
def open_page(browser):
    """open_page(path) -> Page; checks on teardown that nothing went off file://."""
    pages = []

    def open_(path: Path, size=(1280, 800), device: dict | None = None) -> Page:
        pages.append(Page(browser, path, size, device))
        return pages[-1]

    yield open_
    for page in pages:
        page.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core's script, to evaluate in a page (the page's CSP does not apply to evaluate)."""
    if not AXE.exists():
        _unavailable(f"axe-core is missing ({AXE}): run `npm install` at the repository root")
    return AXE.read_text(encoding="utf-8")

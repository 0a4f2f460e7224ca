"""The notebook view: the page inside an iframe's srcdoc works offline and sandboxed."""

from __future__ import annotations

import pytest
from conftest import MINI

import graphviz_app

pytestmark = pytest.mark.browser


def test_the_inline_iframe_draws_the_network_offline(browser, make_project, tmp_path):
    project = graphviz_app.load(make_project(MINI))
    host = tmp_path / "notebook.html"
    host.write_text(f"<!DOCTYPE html><html><body>{project._repr_html_()}</body></html>",
                    encoding="utf-8")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors, outside = [], []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.route("**/*", lambda route: route.continue_()
               if route.request.url.startswith(("file:", "data:", "about:"))
               else (outside.append(route.request.url), route.abort()))
    page.goto(host.resolve().as_uri())
    frame = page.frame_locator("iframe")
    inner = next(f for f in page.frames if f != page.main_frame)
    inner.wait_for_function("() => document.body.dataset.ready === 'true'", timeout=20000)
    assert inner.evaluate("network.body.nodeIndices.length") == len(project.dataset.actors)
    assert inner.evaluate("edges.length") == len(project.dataset.interactions)
    assert frame.locator("#mynetwork canvas").count() == 1
    assert errors == [] and outside == []
    context.close()

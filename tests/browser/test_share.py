"""Sharing a view: links that reopen it, Back and Forward, the timeline, the picture, the
Sources panel, the project's title, and the embedded page."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from conftest import SEED

from graphviz_app import render
from graphviz_app.checks import validate

from .test_page import RICH, SEED_2, build_page

pytestmark = pytest.mark.browser

SEEDS = {"a1.txt": SEED, "a2.txt": SEED_2}
READY = "() => document.body.dataset.ready === 'true'"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def rich_path(make_project):
    return build_page(make_project, RICH, SEEDS)


@pytest.fixture
def rich(rich_path, open_page):
    return open_page(rich_path)


def checked_boxes(page) -> list[str]:
    return page.js("[...document.querySelectorAll('input[data-group]:checked')].map(b => b.value)")


def wait_for_hash(page, fragment: str) -> None:
    page.page.wait_for_function("f => location.hash.includes(f)", arg=fragment)


def test_a_link_reopens_the_same_interaction_and_filters_in_a_new_tab(rich):
    rich.page.get_by_label("Condemnation").uncheck()
    rich.page.select_option("#campaign", "keep-coordinating")
    rich.click_edge("us-presses-abbas")
    wait_for_hash(rich, "open=i:us-presses-abbas")
    link = rich.js("location.href")
    assert "campaign=keep-coordinating" in link and "types=" in link
    shown = rich.visible("edges")
    tab = rich.context.new_page()  # a new tab of the same browser
    tab.goto(link)
    tab.wait_for_function(READY)
    body = tab.locator("#panel-body")
    assert body.get_attribute("data-interaction") == "us-presses-abbas"
    assert "Washington presses Abbas to resume coordination." in body.inner_text()
    assert tab.locator("#campaign").input_value() == "keep-coordinating"
    assert not tab.get_by_label("Condemnation").is_checked()
    assert tab.evaluate("edges.get({filter: x => !x.hidden}).map(x => x.id).sort()") == shown
    assert tab.evaluate("network.getSelectedEdges()") == ["us-presses-abbas"]
    assert tab.locator("#link-note").is_hidden()
    tab.close()


def test_an_actor_link_focuses_the_actor(rich_path, open_page):
    page = open_page(rich_path)
    page.page.goto(rich_path.resolve().as_uri() + "#q=abbas&open=a:abbas&pairs=1")
    page.page.reload()
    page.page.wait_for_function(READY)
    assert page.page.locator("#panel-body").get_attribute("data-actor") == "abbas"
    assert page.page.locator("#search").input_value() == "abbas"
    assert page.page.get_by_label("One edge per pair of actors").is_checked()
    assert page.js("network.getSelectedNodes()") == ["abbas"]
    assert page.js("graphPage.state.focus") == "abbas"


def test_back_and_forward_step_through_the_views(rich):
    start, entries = rich.js("location.href"), rich.js("history.length")
    rich.page.get_by_label("Condemnation").uncheck()
    wait_for_hash(rich, "types=")
    rich.click_edge("us-presses-abbas")
    wait_for_hash(rich, "open=i:us-presses-abbas")
    assert rich.js("history.length") == entries + 2
    rich.page.go_back()
    rich.page.wait_for_function("() => document.getElementById('panel').hidden")
    assert "condemnation" not in checked_boxes(rich)
    assert "hamas-condemns-call" not in rich.visible("edges")
    rich.page.go_back()
    rich.page.wait_for_function("() => !location.hash")
    assert rich.js("location.href") == start
    assert "condemnation" in checked_boxes(rich)
    assert "hamas-condemns-call" in rich.visible("edges")
    rich.page.go_forward()
    rich.page.wait_for_function("() => location.hash.includes('types=')")
    assert "condemnation" not in checked_boxes(rich)
    rich.page.go_forward()
    rich.page.wait_for_function("() => !document.getElementById('panel').hidden")
    assert rich.page.locator("#panel-body").get_attribute("data-interaction") == "us-presses-abbas"
    assert rich.errors == []


def test_typing_a_search_replaces_one_history_entry(rich):
    entries = rich.js("history.length")
    rich.page.locator("#search").press_sequentially("Mahmoud", delay=20)
    rich.page.wait_for_function("() => location.hash.includes('q=Mahmoud')")
    assert rich.js("history.length") == entries + 1  # one entry for the whole word


def test_a_link_naming_what_the_page_lacks_opens_the_rest_and_says_so(rich_path, open_page):
    page = open_page(rich_path)
    page.page.goto(rich_path.resolve().as_uri() + "#types=call,gone&open=a:nobody&from=2023-01")
    page.page.reload()
    page.page.wait_for_function(READY)
    note = page.page.locator("#link-note")
    assert note.is_visible()
    assert note.inner_text().startswith(
        "This link names 2 things this page does not have: interaction type gone, actor nobody")
    assert checked_boxes(page)[:1] == ["call"] and "meeting" not in checked_boxes(page)
    assert page.page.locator("#date-label").inner_text() == "Jan 2023 – Jan 2023"
    assert page.visible("edges") == []  # the call was in December
    assert page.page.locator("#panel").is_hidden()
    assert page.errors == []


def test_copy_link_puts_the_link_on_the_clipboard_or_offers_it_to_copy(rich):
    rich.js("() => { window.copied = []; navigator.clipboard.writeText = t => "
            "{ window.copied.push(t); return Promise.resolve(); }; }")
    rich.page.get_by_label("Condemnation").uncheck()
    rich.page.get_by_role("button", name="Copy link").click()
    rich.page.wait_for_function("() => document.getElementById('share-status').textContent"
                                " === 'Link copied'")
    assert rich.js("window.copied") == [rich.js("location.href")]
    assert "types=" in rich.js("window.copied[0]")
    rich.js("() => { navigator.clipboard.writeText = () => Promise.reject(new Error('no')); "
            "document.execCommand = () => false; }")
    rich.page.get_by_role("button", name="Copy link").click()
    field = rich.page.locator("#link-field")
    field.wait_for(state="visible")
    assert field.input_value() == rich.js("location.href")
    assert "Ctrl+C" in rich.page.locator("#share-status").inner_text()


def counts_during_play(page, mode: str, speed: str = "10") -> list[str]:
    page.page.select_option("#play-mode", mode)
    page.page.select_option("#play-speed", speed)
    page.js("""() => { window.seen = []; window.watching?.disconnect();
      const counts = document.getElementById('counts');
      window.watching = new MutationObserver(() => window.seen.push(counts.textContent));
      window.watching.observe(counts, {childList: true, characterData: true, subtree: true}); }""")
    page.page.get_by_role("button", name="Play").click()
    page.page.wait_for_function("() => document.getElementById('play').textContent"
                                ".includes('Play')")
    return page.js("window.seen")


def test_playing_steps_the_date_range_and_the_counts_through_the_months(rich):
    seen = counts_during_play(rich, "all")
    assert [s.split(" · ")[0] for s in seen] == ["2 of 4 interactions", "4 of 4 interactions"]
    assert rich.js("window.timelineSteps.length") == 2
    bars = rich.page.locator("#histogram .bar")
    assert bars.nth(1).get_attribute("class").split() == ["bar", "current"]
    assert "current" not in bars.nth(0).get_attribute("class")
    seen = counts_during_play(rich, "1")  # the month alone: December, then January
    assert [s.split(" · ")[0] for s in seen] == ["2 of 4 interactions", "2 of 4 interactions"]
    assert rich.visible("edges") == ["abbas-gantz-meeting", "us-presses-abbas"]
    assert rich.page.locator("#date-label").inner_text() == "Jan 2023 – Jan 2023"
    wait_for_hash(rich, "from=2023-01")  # the last step stays in the address


def test_pause_leaves_the_view_where_it_is(rich):
    rich.page.select_option("#play-speed", "1")
    rich.page.get_by_role("button", name="Play").click()
    rich.page.get_by_role("button", name="Pause").click()
    rich.page.wait_for_timeout(1300)  # longer than a step
    assert rich.js("window.timelineSteps.length") == 1
    assert rich.page.locator("#date-label").inner_text() == "Dec 2022 – Dec 2022"
    assert rich.page.locator("#counts").inner_text().startswith("2 of 4 interactions")
    wait_for_hash(rich, "to=2022-12")


def test_sources_lists_every_article_and_opens_each_in_the_reader(rich):
    rich.page.get_by_role("button", name="Sources").click()
    rows = rich.page.locator("#panel-body .sources li")
    assert rows.count() == 2
    first, second = rows.nth(0).inner_text(), rows.nth(1).inner_text()
    assert "Gantz tells Abbas to keep the channel open" in first and "28 Dec 2022" in first
    assert "Abbas and Gantz meet again" in second and "Example Post" in second
    assert "backs 2 interactions" in first and "backs 2 interactions" in second
    rows.nth(1).get_by_role("button").click()
    reader = rich.page.locator("#reader")
    assert reader.is_visible()
    assert rich.page.locator("#reader-title").inner_text() == "Abbas and Gantz meet again"
    assert "Washington pressed Abbas" in rich.page.locator("#reader-text").inner_text()
    assert reader.locator("mark").count() == 0


def test_a_link_reopens_the_sources_panel(rich):
    rich.page.get_by_role("button", name="Sources").click()
    wait_for_hash(rich, "open=s:all")
    tab = rich.context.new_page()
    tab.goto(rich.js("location.href"))
    tab.wait_for_function(READY)
    assert tab.locator("#panel-body").get_attribute("data-sources") == "true"
    assert tab.locator("#panel-body .sources li").count() == 2
    tab.close()


def test_sources_link_out_safely(make_project, open_page):
    data = RICH.replace("outlet: Example Post,", "outlet: Example Post, url: 'https://example.org/a2',")
    page = open_page(build_page(make_project, data, SEEDS))
    page.page.get_by_role("button", name="Sources").click()
    link = page.page.locator("#panel-body .sources a")
    assert link.count() == 1
    assert link.get_attribute("href") == "https://example.org/a2"
    assert link.get_attribute("rel") == "noopener noreferrer"


def download(page, button: str):
    page.page.get_by_text("Download picture").click()
    with page.page.expect_download() as info:
        page.page.get_by_role("button", name=button).click()
    return info.value


def test_download_picture_saves_the_current_view_as_svg(rich, tmp_path):
    rich.page.get_by_label("Condemnation").uncheck()  # hides Hamas
    saved = download(rich, "SVG drawing")
    assert saved.suggested_filename == "network.svg"
    path = tmp_path / "view.svg"
    saved.save_as(path)
    root = ET.parse(path).getroot()
    assert root.tag == f"{SVG}svg"
    labels = sorted(" ".join(t.itertext()) for t in root.iter(f"{SVG}text")
                    if t.get("class") == "label")  # wrapped into lines as on the page
    assert labels == ["Benny Gantz", "Mahmoud Abbas", "United States"]
    assert len([p for p in root.iter(f"{SVG}path") if p.get("class") == "edge"]) == 3
    legend = [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "legend-type"]
    assert legend == ["Meeting", "Call", "Pressure"]
    title = [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "title"]
    assert title == [render.TITLE]
    assert rich.errors == []


def test_download_picture_saves_the_current_view_as_png(rich, tmp_path):
    saved = download(rich, "PNG image")
    assert saved.suggested_filename == "network.png"
    path = tmp_path / "view.png"
    saved.save_as(path)
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    canvas = rich.js("[network.canvas.frame.canvas.width, network.canvas.frame.canvas.height]")
    assert width == canvas[0] and height > canvas[1]  # the title and legend add to the network


TITLED = ("title: Security coordination, as reported\n"
          "description: Who met, pressed or condemned whom, in five articles.\n" + RICH)


def test_the_projects_title_and_description_show(make_project, open_page):
    page = open_page(build_page(make_project, TITLED, SEEDS))
    assert page.page.title() == "Security coordination, as reported"
    assert page.page.locator("h1").inner_text() == "Security coordination, as reported"
    assert page.page.locator("#description").inner_text() == (
        "Who met, pressed or condemned whom, in five articles.")
    meta = "n => document.querySelector(n).getAttribute('content')"
    assert page.js(meta, 'meta[name="description"]').startswith("Who met, pressed")
    assert page.js(meta, 'meta[property="og:title"]') == "Security coordination, as reported"
    assert page.js(meta, 'meta[property="og:description"]').startswith("Who met, pressed")


def test_the_embedded_page_shows_the_network_and_still_opens_evidence(make_project, open_page):
    checked = validate(make_project(RICH, SEEDS))
    out = checked.loaded.root / "docs" / "embed.html"
    out.parent.mkdir()
    out.write_text(render.render_html(checked, embed=True), encoding="utf-8")
    page = open_page(out, size=(640, 420))
    assert page.js("document.body.classList.contains('embed')")
    for hidden in ("#filters", "#search", "#share-tools"):
        assert page.page.locator(hidden).is_hidden()
    assert page.page.locator("#counts").is_visible()
    page.page.get_by_label("Condemnation", exact=False).count()  # present, though hidden
    page.click_edge("hamas-condemns-call")
    assert "Hamas condemns the call." in page.panel_text()
    link = page.page.locator("#full-page")
    assert link.get_attribute("href") == "network.html#open=i:hamas-condemns-call"
    assert page.errors == []


def test_a_fragment_flag_embeds_any_page(rich_path, open_page):
    page = open_page(rich_path)
    page.page.goto(rich_path.resolve().as_uri() + "#embed=1")
    page.page.reload()
    page.page.wait_for_function(READY)
    assert page.page.locator("#filters").is_hidden()
    page.click_edge("hamas-condemns-call")
    wait_for_hash(page, "open=i:hamas-condemns-call")
    assert "embed=1" in page.js("location.hash")  # the flag stays in the link
    assert "Hamas condemns the call." in page.panel_text()


def test_the_embedded_page_works_inside_an_iframe(make_project, browser):
    checked = validate(make_project(RICH, SEEDS))
    docs = checked.loaded.root / "docs"
    docs.mkdir()
    (docs / "embed.html").write_text(render.render_html(checked, embed=True), encoding="utf-8")
    (docs / "article.html").write_text(
        "<!DOCTYPE html><p>An article about the talks.</p>"
        '<iframe src="embed.html" width="720" height="460" title="The network"></iframe>',
        encoding="utf-8")
    context = browser.new_context(viewport={"width": 900, "height": 700})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((docs / "article.html").resolve().as_uri())
    frame = page.frame_locator("iframe")
    frame.locator("body[data-ready=true]").wait_for(state="attached", timeout=20000)
    inner = next(f for f in page.frames if f.url.endswith("embed.html"))
    point = inner.evaluate("""() => {
        const e = edges.get('hamas-condemns-call'), a = network.getPosition(e.from),
              b = network.getPosition(e.to);
        return network.canvasToDOM({x: (a.x + b.x) / 2, y: (a.y + b.y) / 2}); }""")
    canvas = frame.locator("#mynetwork canvas").bounding_box()  # in the outer page's pixels
    page.mouse.click(canvas["x"] + point["x"], canvas["y"] + point["y"])
    frame.locator("#panel-body").get_by_text("Hamas condemns the call.").wait_for()
    assert frame.locator("#filters").is_hidden()
    assert errors == []
    context.close()


def test_a_link_restores_the_view_from_a_web_server(rich_path, browser):
    import functools
    import http.server
    import threading

    handler = functools.partial(http.server.SimpleHTTPRequestHandler,
                                directory=str(rich_path.parent))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        context = browser.new_context()
        page = context.new_page()
        url = f"http://127.0.0.1:{server.server_port}/{rich_path.name}"
        page.goto(url + "#types=meeting&open=i:abbas-gantz-meeting")
        page.wait_for_function(READY)
        opened = page.locator("#panel-body").get_attribute("data-interaction")
        assert opened == "abbas-gantz-meeting"
        assert page.evaluate("edges.get({filter: x => !x.hidden}).map(x => x.id)") == [
            "abbas-gantz-meeting"]
        page.locator("#panel-close").click()
        page.wait_for_function("() => location.hash === '#types=meeting'")
        page.go_back()
        page.wait_for_function("() => !document.getElementById('panel').hidden")
        context.close()
    finally:
        server.shutdown()
        server.server_close()

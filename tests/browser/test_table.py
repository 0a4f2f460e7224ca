"""The table view and the keyboard: the interactions and actors that pass the filters,
sortable; Tab reaches a row in a few steps, Enter or Space opens it, Escape comes back."""

from __future__ import annotations

import pytest

from browser.test_page import RICH, SEED, SEED_2, build_page

pytestmark = pytest.mark.browser

BY_DATE = ["gantz-abbas-call", "hamas-condemns-call", "us-presses-abbas", "abbas-gantz-meeting"]


@pytest.fixture
def rich(make_project, open_page):
    return open_page(build_page(make_project, RICH, {"a1.txt": SEED, "a2.txt": SEED_2}))


def sort_of(page, column: str) -> str | None:
    return page.locator("#interactions-table th", has_text=column).get_attribute("aria-sort")


def row_ids(page, table: str = "interactions") -> list[str]:
    return page.js(f"[...document.querySelectorAll('#{table}-table tbody tr')]"
                   ".map(tr => tr.dataset.key.slice(2))")


def focused(page) -> dict:
    return page.js("""(() => { const a = document.activeElement;
        return {tag: a.tagName, id: a.id, key: a.dataset.key || null, text: a.textContent}; })()""")


def test_the_table_lists_what_passes_the_filters_with_every_column(rich):
    page = rich.page
    page.get_by_role("button", name="Table", exact=True).click()
    assert page.locator("#table-view").is_visible()
    assert page.locator("#view-table").get_attribute("aria-pressed") == "true"
    assert rich.js("document.getElementById('mynetwork').inert") is True
    headers = page.locator("#interactions-table thead th").all_inner_texts()
    assert headers == ["Date", "Type", "From", "To", "Summary", "Quotes", "Articles"]
    assert sorted(row_ids(rich)) == sorted(BY_DATE)
    first = page.locator("#interactions-table tbody tr").first.locator("td").all_inner_texts()
    assert first == ["28 Dec 2022", "Call", "Benny Gantz", "Mahmoud Abbas",
                     "Gantz urges Abbas to keep security coordination going.", "1",
                     "Gantz tells Abbas to keep the channel open"]
    page.get_by_label("Condemnation").uncheck()
    assert "hamas-condemns-call" not in row_ids(rich)
    page.get_by_label("Condemnation").check()
    page.select_option("#campaign", "keep-coordinating")
    assert sorted(row_ids(rich)) == ["gantz-abbas-call", "us-presses-abbas"]
    page.select_option("#campaign", "")
    page.locator("#date-from").fill("1")  # January 2023 onwards
    page.wait_for_function(
        "() => document.querySelectorAll('#interactions-table tbody tr').length === 2")
    assert sorted(row_ids(rich)) == ["abbas-gantz-meeting", "us-presses-abbas"]
    page.get_by_role("button", name="Reset view and filters").click()
    rich.page.fill("#search", "Hamas")
    rich.page.press("#search", "Enter")  # the search focuses an actor: the table follows
    assert row_ids(rich) == ["hamas-condemns-call"]
    assert "of Hamas" in page.locator("#table-note").inner_text()
    page.get_by_role("button", name="Show every actor's").click()
    assert len(row_ids(rich)) == 4
    assert rich.errors == []


def test_every_column_sorts_both_ways(rich):
    page = rich.page
    rich.js("graphPage.showView('table')")
    assert row_ids(rich)[:2] == ["gantz-abbas-call", "hamas-condemns-call"]  # by date, then id
    page.get_by_role("button", name="From", exact=True).click()
    froms = page.locator("#interactions-table .c-from").all_inner_texts()
    assert froms == sorted(froms)
    assert sort_of(page, "From") == "ascending"
    page.get_by_role("button", name="From", exact=True).click()
    descending = page.locator("#interactions-table .c-from").all_inner_texts()
    assert descending == sorted(froms, reverse=True)
    assert sort_of(page, "From") == "descending"
    page.get_by_role("button", name="Date", exact=True).click()
    assert sort_of(page, "Date") == "ascending"
    assert row_ids(rich)[-1] == "abbas-gantz-meeting"


def test_the_actors_table_counts_interactions_and_partners(rich):
    page = rich.page
    rich.js("graphPage.showView('table')")
    page.get_by_role("button", name="Actors", exact=True).click()
    rows = {tr[0]: tr[1:] for tr in rich.js(
        "[...document.querySelectorAll('#actors-table tbody tr')]"
        ".map(tr => [...tr.cells].map(td => td.textContent.trim()))")}
    assert rows["Mahmoud Abbas"] == ["Palestinian Authority", "Person", "4", "3"]
    assert rows["Hamas"] == ["Hamas", "Organization", "1", "1"]
    assert row_ids(rich, "actors")[0] == "abbas"  # most interactions first
    page.get_by_label("Condemnation").uncheck()
    assert "hamas" not in row_ids(rich, "actors")
    page.locator("#actors-table tbody tr", has_text="Benny Gantz").click()
    assert "Benny Gantz" in rich.panel_text() and "Also called" in rich.panel_text()


def test_a_keyboard_walk_through_the_table_to_the_evidence_and_back(rich):
    page = rich.page
    steps = 0
    while focused(rich)["id"] != "view-table":
        page.keyboard.press("Tab")
        steps += 1
        assert steps < 6, "the Table button should be among the first stops"
    page.keyboard.press("Enter")
    assert page.locator("#table-view").is_visible()
    steps = 0
    while focused(rich)["tag"] != "TR":
        page.keyboard.press("Tab")
        steps += 1
        assert focused(rich)["tag"] != "INPUT" or focused(rich)["id"] == "search", \
            "tabbed into the filters before reaching the table"
        assert steps < 15
    assert focused(rich)["key"] == "i:" + BY_DATE[0]
    assert rich.js("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("ArrowDown")
    assert focused(rich)["key"] == "i:" + BY_DATE[1]
    page.keyboard.press("Enter")
    panel = page.locator("#panel")
    assert panel.is_visible()
    assert focused(rich)["id"] == "panel-title"
    assert focused(rich)["text"] == "Hamas condemns the call."
    labelled_by = rich.js("document.getElementById('panel').getAttribute('aria-labelledby')")
    assert labelled_by == "panel-title"
    page.keyboard.press("Tab")  # into the panel's own controls, not back to the page
    assert rich.js("document.getElementById('panel').contains(document.activeElement)")
    page.keyboard.press("Escape")
    assert panel.is_hidden()
    assert focused(rich)["key"] == "i:" + BY_DATE[1]  # back on the row it came from
    page.keyboard.press("ArrowDown")
    page.keyboard.press(" ")  # Space opens a row too
    assert "Washington presses Abbas" in rich.panel_text()
    while focused(rich)["text"] != "Read the whole article":
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.locator("#reader").is_visible()
    page.keyboard.press("Escape")
    assert page.locator("#reader").is_hidden()
    assert focused(rich)["text"] == "Read the whole article"
    page.keyboard.press("Escape")
    assert panel.is_hidden()
    assert focused(rich)["key"] == "i:" + BY_DATE[2]
    assert rich.errors == []


def test_the_network_is_a_labelled_tab_stop_that_points_to_the_table(rich):
    label = rich.page.locator("#mynetwork").get_attribute("aria-label")
    assert label == ("Network of 4 actors and 4 interactions; use the Table view to browse them "
                     "with the keyboard")
    rich.page.get_by_label("Condemnation").uncheck()
    label = rich.page.locator("#mynetwork").get_attribute("aria-label")
    assert "3 actors and 3 interactions" in label
    assert rich.js("document.getElementById('mynetwork').tabIndex") == 0


def test_escape_closes_a_card_opened_on_the_network_and_focus_returns(rich):
    rich.page.locator("#mynetwork").focus()
    rich.click_node("gantz")
    assert rich.page.locator("#panel").is_visible()
    rich.page.keyboard.press("Escape")
    assert rich.page.locator("#panel").is_hidden()
    assert rich.js("network.getSelectedNodes()") == []
    assert focused(rich)["id"] == "mynetwork"

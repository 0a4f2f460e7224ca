"""axe-core in the page: no serious or critical violation on load, with the panel open, with
the reader open, in the table view and with the filter drawer open on a phone.

axe-core is a test tool only (package.json, `npm install`): it is evaluated into the page
here and is never part of the built page.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from browser.conftest import PHONE, TABLET
from browser.test_page import RICH, SEED, SEED_2, build_page

pytestmark = pytest.mark.browser

SHIPPED = Path(__file__).resolve().parents[2] / "docs" / "network.html"
BLOCKING = ("serious", "critical")


def violations(page, axe_source: str) -> list[str]:
    """axe's serious and critical violations on the page as it is now, as readable lines."""
    if not page.js("typeof axe !== 'undefined'"):
        page.js(axe_source)
    found = page.js("""async () => {
        const result = await axe.run(document, {resultTypes: ['violations']});
        return result.violations.map(v => ({id: v.id, impact: v.impact,
            nodes: v.nodes.map(n => n.target.join(' ') + ': ' + n.failureSummary)}));
    }""")
    return [f"{v['id']} ({v['impact']}): {node}" for v in found if v["impact"] in BLOCKING
            for node in v["nodes"]]


def open_everything(page, axe_source: str) -> dict[str, list[str]]:
    """Violations on load, with an interaction's panel, with the reader, in the table."""
    seen = {"load": violations(page, axe_source)}
    first = page.js("JSON.parse(document.getElementById('page-data').textContent)"
                    ".interactions[0].id")
    page.js("id => graphPage.openInteraction(id)", first)
    seen["panel"] = violations(page, axe_source)
    page.page.get_by_role("button", name="Read the whole article").first.click()
    assert page.page.locator("#reader").is_visible()
    seen["reader"] = violations(page, axe_source)
    page.page.keyboard.press("Escape")
    page.page.get_by_role("button", name="Close the panel").click()
    page.page.get_by_role("button", name="Table", exact=True).click()
    seen["interactions table"] = violations(page, axe_source)
    page.page.get_by_role("button", name="Actors", exact=True).click()
    seen["actors table"] = violations(page, axe_source)
    return seen


def assert_clean(seen: dict[str, list[str]]) -> None:
    bad = {state: found for state, found in seen.items() if found}
    assert bad == {}, "axe-core found serious or critical violations: " + repr(bad)


def test_axe_finds_no_serious_violation_on_the_shipped_page(open_page, axe_source):
    assert_clean(open_everything(open_page(SHIPPED), axe_source))


@pytest.mark.parametrize("device", [PHONE, TABLET], ids=["phone", "tablet"])
def test_axe_finds_no_serious_violation_on_small_screens(open_page, axe_source, device):
    page = open_page(SHIPPED, device=device)
    seen = open_everything(page, axe_source)
    if page.page.locator("#drawer-open").is_visible():
        page.page.locator("#drawer-open").click()
        seen["drawer"] = violations(page, axe_source)
    assert_clean(seen)


def test_axe_finds_no_serious_violation_with_an_actor_card(make_project, open_page, axe_source):
    page = open_page(build_page(make_project, RICH, {"a1.txt": SEED, "a2.txt": SEED_2}))
    page.js("graphPage.focusActor('abbas')")
    seen = {"actor card": violations(page, axe_source)}
    page.js("() => { graphPage.showView('table'); graphPage.showTableOf('actors'); }")
    assert page.page.locator('#actors-table tr[aria-current="true"]').count() == 1
    seen["actors table, one chosen"] = violations(page, axe_source)
    page.js("graphPage.showTableOf('interactions')")  # only the chosen actor's interactions
    seen["interactions table of one actor"] = violations(page, axe_source)
    assert_clean(seen)


def test_axe_itself_reports_a_contrast_failure(open_page, axe_source):
    """The check can fail: grey text on white below 4.5:1 is reported as serious."""
    page = open_page(SHIPPED)
    page.js("""() => { const p = document.createElement('p'); p.textContent = 'faint';
        p.style.color = '#b0b0b0'; document.querySelector('.heading').append(p); }""")
    assert any(line.startswith("color-contrast (serious)") for line in violations(page, axe_source))

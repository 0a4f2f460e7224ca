"""Ids that are also names on Object.prototype work in every role on the page.

`constructor` is a valid id in the data; `__proto__`, `toString` and `hasOwnProperty` are not
(ids are lowercase slugs), but the page must not depend on that: the page is built from
placeholders and the ids are then swapped into its data, which no CSP hash covers.
"""

from __future__ import annotations

import json
import re

import pytest

from graphviz_app import render
from graphviz_app.checks import validate

pytestmark = pytest.mark.browser

# placeholder in the data -> the id the page gets
AWKWARD = {"constructor": "constructor", "zzproto": "__proto__", "zztostring": "toString",
           "zzhasown": "hasOwnProperty"}
ORDER = list(AWKWARD)
TYPES = ["call", "meeting", "pressure", "condemnation"]


def _quote(i: int) -> str:
    return f"Officials said round {i + 1} of the talks on security coordination went ahead"


def _seed(i: int) -> str:
    return f" date 2023-0{i + 1}-10 Talks number {i + 1}\n\n{_quote(i)}, people said.\n"


def _data() -> str:
    lines = ["sides:"]
    lines += [f"  - {{id: {s}, label: Side {i + 1}}}" for i, s in enumerate(ORDER)]
    lines += ["campaigns:"] + [f"  - {{id: {c}, label: Campaign {i + 1}}}"
                               for i, c in enumerate(ORDER[:2])]
    lines += ["articles:"]
    lines += [f"  - {{id: {a}, file: seeds/{a}.txt, title: Talks number {i + 1}, "
              f"published: 2023-0{i + 1}-10}}" for i, a in enumerate(ORDER)]
    lines += ["actors:"]
    lines += [f"  - {{id: {a}, name: Actor {i + 1}, kind: organization, side: {a}, "
              f"member_of: [{ORDER[(i + 1) % 4]}]}}" for i, a in enumerate(ORDER)]
    lines += ["interactions:"]
    for i, it in enumerate(ORDER):
        lines += [f"  - id: {it}", f"    type: {TYPES[i]}", f"    source: {it}",
                  f"    target: {ORDER[(i + 1) % 4]}", f"    date: 2023-0{i + 1}",
                  f"    summary: Interaction {i + 1} happens."]
        if i < 2:
            lines.append(f"    campaign: {it}")
        if i == 1:
            lines.append("    about: constructor")
        lines += ["    evidence:", f"      - {{article: {it}, quote: \"{_quote(i)}\"}}"]
    return "\n".join(lines) + "\n"


def _with_awkward_ids(html: str) -> str:
    """Every placeholder id, wherever the page data holds it as a JSON string, swapped."""
    pattern = re.compile('"(' + "|".join(ORDER[1:]) + ')"')
    return pattern.sub(lambda m: json.dumps(AWKWARD[m.group(1)]), html)


@pytest.fixture
def awkward(make_project, open_page, monkeypatch):
    checked = validate(make_project(_data(), {f"{a}.txt": _seed(i) for i, a in enumerate(ORDER)}))
    assert checked.ok(), checked.problems
    plain = render.page_data

    def with_wikidata(*args):
        data = plain(*args)
        extra = {"zztostring": "Q42", "zzhasown": "javascript:alert(1)"}
        for actor in data["actors"]:
            if actor["id"] in extra:
                actor["wikidata"] = extra[actor["id"]]
        return data

    monkeypatch.setattr(render, "page_data", with_wikidata)
    out = checked.loaded.root / "docs" / "network.html"
    out.parent.mkdir()
    out.write_text(_with_awkward_ids(render.render_html(checked)), encoding="utf-8")
    return open_page(out)


IDS = sorted(AWKWARD.values())


def test_the_page_draws_every_awkward_id(awkward):
    assert awkward.errors == []
    assert awkward.visible("nodes") == IDS and awkward.drawn("nodes") == IDS
    assert awkward.visible("edges") == IDS and awkward.drawn("edges") == IDS
    counts = awkward.page.locator("#counts").inner_text()
    assert counts == "4 of 4 interactions · 4 of 4 actors"


def test_opening_interaction_constructor_shows_its_evidence(awkward):
    awkward.js("graphPage.openInteraction('constructor')")
    text = awkward.panel_text()
    assert "Interaction 1 happens." in text
    assert "Campaign: Campaign 1" in text
    assert "Talks number 1" in text  # article `constructor`'s title
    marks = awkward.page.locator("#panel-body .evidence mark").all_inner_texts()
    assert marks == [_quote(0)]
    assert "Interaction 2 happens." in text  # its reaction
    assert awkward.js("network.getSelectedEdges()") == ["constructor"]
    awkward.click_edge("__proto__")
    assert "reacts to" in awkward.panel_text().lower()
    assert awkward.errors == []


def test_filters_by_side_and_campaign_proto(awkward):
    awkward.page.locator('#side-filter input[value="__proto__"]').uncheck()
    assert awkward.visible("nodes") == ["constructor", "hasOwnProperty", "toString"]
    assert awkward.visible("edges") == ["hasOwnProperty", "toString"]
    assert awkward.drawn("edges") == ["hasOwnProperty", "toString"]
    awkward.page.locator('#side-filter input[value="__proto__"]').check()
    awkward.page.select_option("#campaign", "__proto__")
    assert awkward.visible("edges") == ["__proto__"]
    awkward.page.get_by_label("One edge per pair of actors").check()
    awkward.js("graphPage.reset()")
    assert awkward.visible("edges") == IDS
    assert awkward.errors == []


def test_actor_cards_and_search_for_awkward_ids(awkward):
    awkward.click_node("toString")
    card = awkward.panel_text()
    assert "Actor 3" in card and "Side 3" in card
    assert "Member of" in card and "Actor 4" in card  # hasOwnProperty
    assert "Members" in card and "Actor 2" in card  # __proto__
    link = awkward.page.locator("#panel-body a.wikidata")
    assert link.get_attribute("href") == "https://www.wikidata.org/wiki/Q42"
    assert link.inner_text() == "Q42"
    assert link.get_attribute("target") == "_blank"
    assert link.get_attribute("rel") == "noopener noreferrer"
    awkward.js("graphPage.openActor('hasOwnProperty')")
    assert "Wikidata" not in awkward.panel_text()  # not an item id: no link
    assert awkward.js("graphPage.search('actor 2')") == "__proto__"
    assert awkward.js("network.getSelectedNodes()") == ["__proto__"]
    assert awkward.errors == []

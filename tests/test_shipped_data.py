"""Invariants of the shipped data file, data/network.yaml, checked against the seeds.

These tests read the YAML with ruamel.yaml directly and re-implement the few checks they
need (quote folding, date comparison), so they do not depend on the package's internals:
if the package and the data drift apart, one side of the disagreement shows up here.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parent.parent
DATA_FILE = ROOT / "data" / "network.yaml"

# Lower bounds: the counts curated so far. Raise them when the data grows.
MIN_ARTICLES = 5
MIN_ACTORS = 35
MIN_INTERACTIONS = 57
MIN_QUOTES = 76
MIN_CAMPAIGNS = 4

TYPES = {
    "meeting",
    "call",
    "statement",
    "cooperation",
    "appeal",
    "pressure",
    "rejection",
    "condemnation",
    "accusation",
    "threat",
    "suspension",
    "legal_action",
    "military_action",
}
KINDS = {"person", "organization", "state", "group"}
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
EVENT_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
DATE_LINE = re.compile(r"\A\ufeff?\s*date (\d{4}-\d{2}-\d{2})(?:\s|\Z)")
MIN_QUOTE_WORDS = 6

_FOLD = {ord(c): "'" for c in "\u2018\u2019\u201a\u201b\u2032\u02bc`\u00b4"}
_FOLD |= {ord(c): '"' for c in "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"}
_FOLD |= {ord(c): "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"}
_FOLD |= {ord(c): None for c in "\u200b\u2060\ufeff\u00ad"}
_FOLD[0x2026] = "..."


def fold(text: str) -> str:
    """NFC, one kind of quote mark and dash, single spaces: how quotes are matched."""
    text = unicodedata.normalize("NFC", text).translate(_FOLD)
    return re.sub(r"\s+", " ", text).strip()


def as_date(value) -> str:
    """YAML may load an unquoted date as datetime.date; compare everything as text."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    return str(value)


def compare(a: str, b: str) -> int:
    """Compare two dates of possibly different precision (YYYY, YYYY-MM, YYYY-MM-DD).

    Only the precision both share counts: "2023-01" equals "2023-01-26".
    """
    n = min(len(a), len(b))
    return (a[:n] > b[:n]) - (a[:n] < b[:n])


def _load() -> dict:
    return YAML(typ="safe").load(DATA_FILE.read_text(encoding="utf-8"))


DATA = _load()
ARTICLES = {a["id"]: a for a in DATA["articles"]}
ACTORS = {a["id"]: a for a in DATA["actors"]}
INTERACTIONS = {i["id"]: i for i in DATA["interactions"]}
CAMPAIGNS = {c["id"]: c for c in DATA.get("campaigns") or []}
SIDES = {s["id"]: s for s in DATA.get("sides") or []}
RAW = {aid: (ROOT / a["file"]).read_text(encoding="utf-8") for aid, a in ARTICLES.items()}
TEXTS = {aid: fold(raw) for aid, raw in RAW.items()}
EVIDENCE = [
    (i["id"], n, ev) for i in DATA["interactions"] for n, ev in enumerate(i.get("evidence") or [])
]


# --- the helpers themselves ---------------------------------------------------------


def test_fold_folds_typography_and_space():
    assert fold("Israel\u2019s  \u201cgood\u201d \u2013 news\n") == 'Israel\'s "good" - news'


def test_compare_uses_the_shared_precision():
    assert compare("2023-01", "2023-01-26") == 0
    assert compare("2023-02-03", "2023-02") == 0
    assert compare("2023-01-27", "2023-01-26") == 1
    assert compare("2022", "2023-01-26") == -1


# --- counts and shape ----------------------------------------------------------------


def test_minimum_counts():
    assert len(ARTICLES) >= MIN_ARTICLES
    assert len(ACTORS) >= MIN_ACTORS
    assert len(INTERACTIONS) >= MIN_INTERACTIONS
    assert len(EVIDENCE) >= MIN_QUOTES
    assert len(CAMPAIGNS) >= MIN_CAMPAIGNS


def test_every_seed_has_exactly_one_article():
    seeds = sorted(p.name for p in (ROOT / "seeds").glob("*.txt"))
    cited = sorted(Path(a["file"]).name for a in DATA["articles"])
    assert cited == seeds


@pytest.mark.parametrize("section", ["articles", "actors", "interactions", "campaigns", "sides"])
def test_ids_are_unique_slugs(section):
    ids = [r["id"] for r in DATA.get(section) or []]
    assert [i for i, n in Counter(ids).items() if n > 1] == []
    assert [i for i in ids if not SLUG.match(i)] == []


def test_actor_kinds_and_sides_are_declared():
    assert {a["id"]: a["kind"] for a in ACTORS.values() if a["kind"] not in KINDS} == {}
    assert {a["id"]: a["side"] for a in ACTORS.values() if a["side"] not in SIDES} == {}


def test_sides_have_labels_and_distinct_colours():
    colours = [s["colour"].lower() for s in SIDES.values()]
    assert all(re.fullmatch(r"#[0-9a-f]{6}", c) for c in colours)
    assert len(set(colours)) == len(colours)
    assert all(s.get("label") for s in SIDES.values())


def test_interaction_types_are_in_the_vocabulary():
    assert {i["id"]: i["type"] for i in INTERACTIONS.values() if i["type"] not in TYPES} == {}


# --- references ------------------------------------------------------------------------


def test_sources_and_targets_exist_and_differ():
    for i in INTERACTIONS.values():
        assert i["source"] in ACTORS, i["id"]
        assert i["target"] in ACTORS, i["id"]
        assert i["source"] != i["target"], i["id"]


def test_member_of_names_other_actors():
    for a in ACTORS.values():
        for m in a.get("member_of") or []:
            assert m in ACTORS and m != a["id"], (a["id"], m)


def test_about_names_another_interaction():
    for i in INTERACTIONS.values():
        if "about" in i:
            assert i["about"] in INTERACTIONS and i["about"] != i["id"], i["id"]


def test_campaigns_are_declared_and_each_groups_several_interactions():
    used = Counter(i["campaign"] for i in INTERACTIONS.values() if "campaign" in i)
    assert set(used) <= set(CAMPAIGNS)
    assert {c: used[c] for c in CAMPAIGNS if used[c] < 2} == {}


def test_evidence_cites_known_articles():
    assert [(iid, ev["article"]) for iid, _, ev in EVIDENCE if ev["article"] not in ARTICLES] == []


# --- coverage --------------------------------------------------------------------------


def test_every_interaction_cites_at_least_one_quote():
    assert [i["id"] for i in INTERACTIONS.values() if not i.get("evidence")] == []


def test_every_article_supports_an_interaction():
    cited = {ev["article"] for _, _, ev in EVIDENCE}
    assert sorted(set(ARTICLES) - cited) == []


def test_every_actor_takes_part_in_an_interaction():
    used = {i["source"] for i in INTERACTIONS.values()} | {
        i["target"] for i in INTERACTIONS.values()
    }
    assert sorted(set(ACTORS) - used) == []


# --- dates -----------------------------------------------------------------------------


@pytest.mark.parametrize("article_id", sorted(ARTICLES))
def test_published_matches_the_seed_date_line(article_id):
    article = ARTICLES[article_id]
    match = DATE_LINE.match(RAW[article_id])
    if match:
        assert as_date(article["published"]) == match.group(1)
    else:
        assert (article.get("published_note") or "").strip(), "undated seed needs a published_note"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", as_date(article["published"]))


def test_event_dates_are_well_formed():
    bad = [i["id"] for i in INTERACTIONS.values() if not EVENT_DATE.match(as_date(i["date"]))]
    assert bad == []


def test_no_interaction_postdates_an_article_that_cites_it():
    late = [
        (i["id"], ev["article"])
        for i in INTERACTIONS.values()
        for ev in i["evidence"]
        if compare(as_date(i["date"]), as_date(ARTICLES[ev["article"]]["published"])) > 0
    ]
    assert late == []


def test_no_reaction_is_dated_before_what_it_reacts_to():
    early = [
        (i["id"], i["about"])
        for i in INTERACTIONS.values()
        if "about" in i
        and compare(as_date(i["date"]), as_date(INTERACTIONS[i["about"]]["date"])) < 0
    ]
    assert early == []


# --- quotes ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "interaction_id,index,evidence", EVIDENCE, ids=[f"{i}[{n}]" for i, n, _ in EVIDENCE]
)
def test_quote_occurs_exactly_once_in_its_article(interaction_id, index, evidence):
    quote = fold(evidence["quote"])
    assert len(quote.split()) >= MIN_QUOTE_WORDS, "quote too short to carry a claim"
    assert TEXTS[evidence["article"]].count(quote) == 1


def test_no_interaction_cites_the_same_quote_twice():
    for i in INTERACTIONS.values():
        keys = [(ev["article"], fold(ev["quote"])) for ev in i["evidence"]]
        assert len(keys) == len(set(keys)), i["id"]

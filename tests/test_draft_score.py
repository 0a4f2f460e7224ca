"""The leave-one-out scorer of drafts: what it leaves out, and what it counts."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from graphviz_app.checks import validate

SCORER = Path(__file__).resolve().parent.parent / "benchmarks" / "draft_score.py"

DATA = """\
articles:
  - id: a1
    file: seeds/a1.txt
    title: One
    published: 2023-02-04
  - id: a2
    file: seeds/a2.txt
    title: Two
    published: 2023-02-05
actors:
  - {id: berg, name: Karl Berg, kind: person, side: x, aliases: [Berg]}
  - {id: front, name: Northern Front, kind: organization, side: y}
  - {id: lopez, name: Ana Lopez, kind: person, side: z}
interactions:
  - id: front-condemns-berg
    type: condemnation
    source: front
    target: berg
    date: 2023-02-03
    summary: s
    evidence:
      - {article: a1, quote: "The Northern Front condemned Karl Berg on Friday"}
  - id: berg-meets-lopez
    type: meeting
    source: berg
    target: lopez
    date: 2023-02-05
    summary: s
    evidence:
      - {article: a2, quote: "Karl Berg met with Ana Lopez on Sunday in the capital"}
"""

SEEDS = {
    "a1.txt": " date 2023-02-04 H\n\nThe Northern Front condemned Karl Berg on Friday over "
              "the border.\nThe Northern Front also rejected Karl Berg as a mediator.\n",
    "a2.txt": " date 2023-02-05 H\n\nKarl Berg met with Ana Lopez on Sunday in the capital.\n",
}


@pytest.fixture(scope="module")
def scorer():
    spec = importlib.util.spec_from_file_location("draft_score", SCORER)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    yield module
    sys.modules.pop(spec.name, None)


def test_leaving_an_article_out_drops_its_interactions_and_its_own_actors(scorer,
                                                                          make_project):
    checked = validate(make_project(DATA, SEEDS))
    reduced, curated = scorer.leave_out(checked.dataset, "a2")
    assert [i.id for i in curated] == ["berg-meets-lopez"]
    assert [i.id for i in reduced.interactions] == ["front-condemns-berg"]
    assert [a.id for a in reduced.actors] == ["berg", "front"]  # Lopez only in a2


def test_scores_count_matches_both_ways(scorer, make_project):
    rows = {r["article"]: r for r in scorer.score(make_project(DATA, SEEDS))}
    a1, a2 = rows["a1"], rows["a2"]
    # a1: the condemnation is found; the rejection is a draft that matches nothing
    assert (a1["curated"], a1["drafts"], a1["found"], a1["right"]) == (1, 2, 1, 1)
    # a2: Lopez is proposed as a new actor and identified with the one left out
    assert (a2["curated"], a2["drafts"], a2["found"], a2["right"]) == (1, 1, 1, 1)
    table = scorer.table(list(rows.values()))
    assert "| **total** | 2 | 3 | 2 | 2 | 100% | 67% |" in table

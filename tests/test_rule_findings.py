"""The rule families a watching process answers from earlier rebuilds find, after every kind
of edit, exactly the problems a fresh ``validate`` finds: same rules, text, lines and paths."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphviz_app import rules
from graphviz_app.checks import validate
from graphviz_app.incremental import BuildCaches

SEED = (
    "date 2024-01-10 Alpha and Beta trade threats\n\n"
    "Alpha Group condemned Beta Council on Monday over the closure of the crossing.\n\n"
    "Officials said Beta Council threatened Alpha Group with an end to security coordination.\n\n"
    "In a later statement AG appealed to the envoys to reopen the crossing at once.\n"
)

DATA = """\
articles:
  - id: a1
    file: seeds/a1.txt
    title: Alpha and Beta trade threats
    published: 2024-01-10
actors:
  - id: alpha
    name: Alpha Group
    kind: organization
    side: israel
    aliases: ["AG"]
  - id: beta
    name: Beta Council
    kind: organization
    side: palestinian-authority
  - id: gamma
    name: Gamma Office
    kind: organization
    side: international
interactions:
  - id: alpha-condemns-beta
    type: condemnation
    source: alpha
    target: beta
    date: 2024-01-08
    summary: Alpha condemns Beta.
    evidence:
      - article: a1
        quote: "Alpha Group condemned Beta Council on Monday over the closure"
  - id: beta-threatens-alpha
    type: threat
    source: beta
    target: alpha
    date: 2024-01-09
    summary: Beta threatens Alpha.
    about: alpha-condemns-beta
    evidence:
      - article: a1
        quote: "Beta Council threatened Alpha Group with an end to security coordination"
  - id: alpha-appeals-to-gamma
    type: appeal
    source: alpha
    target: gamma
    date: 2024-01-10
    summary: Alpha appeals to the envoys.
    evidence:
      - article: a1
        quote: "AG appealed to the envoys to reopen the crossing at once"
"""


class Watching:
    """A process that keeps its caches between validations, checked against fresh ones."""

    def __init__(self, data: Path) -> None:
        self.data = data
        self.caches = BuildCaches()

    def validate(self) -> set[str]:
        """Validate both ways; assert the same problems; return the codes found."""
        self.caches.next_build()
        kept = validate(self.data, caches=self.caches).problems
        fresh = validate(self.data).problems
        assert [p.to_dict() for p in kept] == [p.to_dict() for p in fresh]
        return {p.code for p in kept}

    def edit(self, old: str, new: str) -> None:
        text = self.data.read_text(encoding="utf-8")
        assert text.count(old) == 1, old
        self.data.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def watching(make_project) -> Watching:
    return Watching(make_project(DATA, {"a1.txt": SEED}))


def test_cached_families_find_what_a_fresh_validation_finds_after_every_edit(watching):
    seed = watching.data.parent.parent / "seeds" / "a1.txt"
    assert watching.validate() == set()

    # an actor other records refer to: without its alias, the third quote names no party
    watching.edit('aliases: ["AG"]', 'aliases: ["Alpha"]')
    assert "Q304" in watching.validate()
    # and an alias that no article uses
    watching.edit('aliases: ["Alpha"]', 'aliases: ["Alpha", "Omega Front"]')
    assert {"Q304", "R213"} <= watching.validate()

    # a seed: the alias now occurs, and every quote after the new line has moved
    seed.write_text(SEED.replace("\n\n", "\n\nOmega Front stayed silent.\n\n", 1),
                    encoding="utf-8")
    found = watching.validate()
    assert "R213" not in found and "Q304" in found

    # a hidden character, written as a YAML escape, in one record
    watching.edit("summary: Beta threatens Alpha.", 'summary: "Beta threatens\\x07 Alpha."')
    assert "S109" in watching.validate()

    # a TODO spelled with an escape is looked for only once the file has a TODO at all,
    # so a record that did not change gains a problem from an edit elsewhere
    watching.edit("summary: Alpha appeals to the envoys.", 'summary: "\\x54ODO: the envoys"')
    assert "S108" not in watching.validate()
    watching.edit("summary: Alpha condemns Beta.", "summary: TODO")
    found = watching.validate()
    assert "S108" in found

    # a deletion: every problem after it moves up, to other lines and document paths
    first = DATA[DATA.index("  - id: alpha-condemns-beta"):DATA.index("  - id: beta-threatens")]
    watching.edit(first.replace("Alpha condemns Beta.", "TODO"), "")
    found = watching.validate()
    assert {"S109", "R203", "Q304"} <= found and "S108" not in found

    # two interactions with one id: the later one's quote is where the id's quote is found
    watching.edit("  - id: alpha-appeals-to-gamma\n",
                  "  - id: beta-threatens-alpha\n    type: appeal\n    source: alpha\n"
                  "    target: gamma\n    date: 2024-01-10\n    summary: Again.\n"
                  "    evidence:\n      - article: a1\n"
                  '        quote: "In a later statement AG appealed to the envoys"\n'
                  "  - id: alpha-appeals-to-gamma\n")
    assert "R204" in watching.validate()

    # and back: the actor's alias restored
    watching.edit('aliases: ["Alpha", "Omega Front"]', 'aliases: ["AG"]')
    assert "Q304" not in watching.validate()


def test_a_rebuild_reuses_the_findings_of_records_that_did_not_change(watching):
    watching.validate()
    kept = watching.caches.findings.kept
    first = {key: found for key, (_, _, found) in kept.items()}
    watching.edit("summary: Alpha condemns Beta.", "summary: Alpha condemns Beta again.")
    watching.validate()
    again = {key: found for key, (_, _, found) in kept.items()}
    reused = [key for key in first if key in again and again[key] is first[key]]
    families = {find for find, _ in reused}
    assert {rules._evidence_findings, rules._text_findings, rules._runs_used} <= families
    # the edited record was looked at again: its texts are found anew
    assert len([k for k in again if k not in first]) >= 1


def test_runs_of_words_sharing_a_first_word_are_each_found_or_not():
    from graphviz_app.corpus import ArticleText

    texts = (ArticleText(Path("a.txt"), "The Popular Front met the Popular Resistance Committees."),
             ArticleText(Path("b.txt"), "Later, the Front spoke; Abu Mazen did not."))
    runs = frozenset({("the", "popular", "front"), ("the", "popular", "resistance", "committees"),
                      ("the", "front"), ("the", "popular", "army"), ("abu", "mazen"),
                      ("mazen", "did", "not", "."), ("the",), ("front", "spoke", ";", "abu")})
    assert rules._runs_used(runs, texts) == runs - {("the", "popular", "army")}
    # a run is found within one article, never across the end of one and the start of the next
    assert rules._runs_used(frozenset({("committees", ".", "later")}), texts) == set()

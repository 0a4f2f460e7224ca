"""A drafted actor's side: read from its name or title when plain, else left to choose."""

from __future__ import annotations

from click.testing import CliRunner
from test_draft import DATA, SEED

from graphviz_app.checks import validate
from graphviz_app.cli import cli
from graphviz_app.drafting.names import Actor
from graphviz_app.drafting.sides import with_guessed_sides
from graphviz_app.model import Dataset

SIDES = [{"id": "north", "label": "Northern Front and NLA"},
         {"id": "ruri-gov", "label": "Ruritanian government"},
         {"id": "ruri-opp", "label": "Ruritanian opposition"},
         {"id": "hashemite", "label": "Kingdom"}]


def dataset(sides=SIDES) -> Dataset:
    return Dataset.model_validate({"sides": sides, "actors": [
        {"id": "jordan", "name": "Jordan", "kind": "state", "side": "hashemite"},
        {"id": "front", "name": "Northern Front", "kind": "organization", "side": "north"}]})


def guessed(name: str, kind: str = "organization", role: str | None = None,
            data: Dataset | None = None) -> Actor:
    [actor] = with_guessed_sides([Actor("x", name, kind, True, role)], data or dataset())
    return actor


def test_a_state_named_or_its_demonym_gives_that_state_s_side():
    assert guessed("Jordanian Defence Ministry").side == "hashemite"
    assert guessed("Ana Lopez", "person", role="Foreign Minister of Jordan").side == "hashemite"
    assert guessed("Jordanian Defence Ministry").side_guessed


def test_an_acronym_or_demonym_that_one_side_s_label_holds_gives_that_side():
    assert guessed("NLA Executive Committee").side == "north"


def test_a_word_several_sides_share_or_an_ordinary_word_gives_no_side():
    assert guessed("Ruritanian security services").side is None  # two sides say Ruritanian
    assert guessed("Northern Council").side is None  # "Northern" is an ordinary word
    assert guessed("Jordanian NLA office").side is None  # two sides: not plain
    assert not guessed("Ruritanian security services").side_guessed


def test_a_person_s_name_alone_says_nothing_and_a_given_side_stays():
    assert guessed("NLA Smith", "person").side is None
    [kept] = with_guessed_sides([Actor("x", "Jordanian office", "organization", True,
                                       side="north")], dataset())
    assert (kept.side, kept.side_guessed) == ("north", False)


def test_a_side_nothing_shows_is_left_to_choose(make_project):
    data = make_project(DATA, {"n1.txt": SEED})
    before = {(p.code, p.message) for p in validate(data).problems}
    result = CliRunner().invoke(cli, ["draft", "n1", str(data), "--append"])
    assert result.exit_code == 0, result.output
    text = data.read_text(encoding="utf-8")
    assert "    side: unknown  # choose one of the sides declared in `sides:`\n" in text
    # the file declares no sides, so no side is undeclared: only the drafts are reported
    assert {p.code for p in validate(data).problems if (p.code, p.message) not in before} \
        == {"R214"}


def test_validate_lists_the_declared_sides_to_choose_from(make_project):
    sides = "sides:\n" + "".join(f"  - id: {s}\n    label: {s.title()}\n"
                                 for s in ("borduria", "front", "ruritania"))
    data = make_project(sides + DATA, {"n1.txt": SEED})
    result = CliRunner().invoke(cli, ["draft", "n1", str(data), "--append"])
    assert result.exit_code == 0, result.output
    [r208] = [p for p in validate(data).problems if p.code == "R208"]  # Ana Lopez's
    assert r208.path[:2] == ("actors", 5) and r208.message == \
        'side "unknown" is not declared in `sides:`'
    assert r208.help == ("choose one of the declared sides (borduria, front, ruritania), or "
                         "add it to `sides:` with a label")

"""Validation as stages that return values: each reads what the one before returned."""

from __future__ import annotations

import dataclasses
import json

import pytest
from click.testing import CliRunner
from conftest import MINI

from graphviz_app import corpus
from graphviz_app.checks import validate
from graphviz_app.cli import cli
from graphviz_app.loader import load_dataset
from graphviz_app.problems import RULES
from graphviz_app.quotes import locate_quotes
from graphviz_app.rules import FAMILIES, Context, run_rules
from graphviz_app.seeds import read_seeds

MISQUOTED = MINI.replace("as a betrayal", "as treason")


def test_each_stage_returns_what_the_next_reads(make_project):
    loaded = load_dataset(make_project(MISQUOTED))
    seeds = read_seeds(loaded)
    assert list(seeds.texts) == ["a1"] and seeds.problems == ()
    quotes = locate_quotes(loaded, seeds.texts)
    assert list(quotes.spans) == [("gantz-abbas-call", 0)]
    assert [p.code for p in quotes.problems] == ["Q301"]
    text = seeds.texts["a1"].text
    span = quotes.spans["gantz-abbas-call", 0]
    assert text[span.start:span.end].startswith("Benny Gantz on Wednesday")


def test_rule_families_are_pure_and_run_in_any_order(make_project):
    loaded = load_dataset(make_project(MINI.replace("source: hamas", "source: hamass")))
    seeds = read_seeds(loaded)
    context = Context(loaded, seeds.texts, locate_quotes(loaded, seeds.texts).spans)
    forwards = sorted(p for family in FAMILIES for p in family(context))
    backwards = sorted(p for family in reversed(FAMILIES) for p in family(context))
    assert forwards == backwards == sorted(run_rules(context))
    assert sorted(p.code for p in forwards) == ["R201", "R209"]  # and hamas is unused


def test_checked_is_assembled_once_and_frozen(make_project):
    checked = validate(make_project(MISQUOTED))
    with pytest.raises(dataclasses.FrozenInstanceError):
        checked.problems = ()  # type: ignore[misc]
    assert isinstance(checked.problems, tuple)
    assert [p.code for p in checked.problems] == ["Q301"]


def test_find_reads_the_seeds_without_validating(make_project, monkeypatch):
    data = make_project(MISQUOTED)  # a quote that is not found costs a fuzzy search in validate
    monkeypatch.chdir(data.parent.parent)

    def forbidden(*_args):
        raise AssertionError("find must not look for closest passages of every quote")

    monkeypatch.setattr(corpus, "closest_passage", forbidden)
    result = CliRunner().invoke(cli, ["find", "utmost importance"])
    assert result.exit_code == 0, result.output
    assert "a1 line 3" in result.output


def test_json_diagnostics_carry_the_document_path(make_project, monkeypatch):
    data = make_project(MINI.replace("target: abbas\n    date: 2022-12-28\n    summary: Hamas",
                                     "target: abas\n    date: 2022-12-28\n    summary: Hamas"))
    monkeypatch.chdir(data.parent.parent)
    result = CliRunner().invoke(cli, ["validate", "--format", "json"])
    [record] = json.loads(result.output)
    assert record["code"] == "R201"
    assert record["path"] == ["interactions", 1, "target"]


def test_schema_problems_carry_the_path_too(make_project, monkeypatch):
    data = make_project(MINI.replace("type: call", "type: meating"))
    [problem] = validate(data).problems
    assert problem.code == "S104" and problem.path == ("interactions", 0, "type")


@pytest.mark.parametrize("ignore", [["Q301"], ["Q30"], ["quote-not-found"], ["R209,Q301"],
                                    ["R209", "q301"]])
def test_ignoring_the_only_error_passes(make_project, monkeypatch, ignore):
    data = make_project(MISQUOTED)
    monkeypatch.chdir(data.parent.parent)
    assert CliRunner().invoke(cli, ["validate"]).exit_code == 1
    args = [arg for code in ignore for arg in ("--ignore", code)]
    result = CliRunner().invoke(cli, ["validate", *args])
    assert result.exit_code == 0 and result.output == "All checks passed.\n"


def test_ignoring_another_rule_keeps_the_error(make_project, monkeypatch):
    data = make_project(MISQUOTED)
    monkeypatch.chdir(data.parent.parent)
    result = CliRunner().invoke(cli, ["validate", "--ignore", "Q303"])
    assert result.exit_code == 1 and "Q301" in result.output


def test_ignoring_an_unknown_rule_is_a_usage_error(make_project, monkeypatch):
    data = make_project(MINI)
    monkeypatch.chdir(data.parent.parent)
    result = CliRunner().invoke(cli, ["validate", "--ignore", "Z999"])
    assert result.exit_code == 2 and "'Z999' names no rule" in result.stderr


def test_every_rule_is_declared_once_beside_its_check():
    from graphviz_app import loader, quotes, rules, seeds, source
    from graphviz_app.drafting import review

    declared = [value.code for module in (source, loader, seeds, quotes, rules, review)
                for value in vars(module).values() if isinstance(value, type(RULES["Y001"]))]
    assert sorted(declared) == sorted(RULES) and len(declared) == len(set(declared))
    families = [code[0] for code in RULES]
    assert families == sorted(families, key="YSRAQC".index)  # the order `rules` lists them

"""The rule registry and the three output formats."""

from __future__ import annotations

import json
import re

from graphviz_app.problems import (
    RULES,
    Problem,
    Severity,
    explain_rule,
    find_rule,
    format_github,
    format_json,
    format_rules,
    format_text,
    quoted,
    rule_suggestions,
    source_excerpt,
)

ERROR = Problem("data/network.yaml", 3, 11, "Q301", 'quote not found in article "a1"',
                'closest passage (90% similar): "Gantz told Abbas"')
WARNING = Problem("data/network.yaml", 1, 1, "R209", 'actor "x" takes part in no interaction')
SOURCE = {"data/network.yaml": ["actors:", "  - id: x", "    quote: Gantz told Abas"]}


def test_registry_codes_names_and_severities_are_well_formed():
    names = [r.name for r in RULES.values()]
    assert len(set(names)) == len(names)
    for code, rule in RULES.items():
        assert rule.code == code and re.fullmatch(r"[YSRAQC]\d{3}", code)
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.name)
        assert rule.severity in (Severity.ERROR, Severity.WARNING)
        assert rule.summary and rule.explanation


def test_problems_sort_by_file_line_column():
    later = Problem("data/network.yaml", 3, 2, "S101", "m")
    other = Problem("b.yaml", 1, 1, "S101", "m")
    assert sorted([ERROR, later, WARNING, other]) == [other, WARNING, later, ERROR]


def test_text_format_shows_location_source_caret_and_help():
    out = format_text([ERROR], SOURCE)
    assert out == (
        'data/network.yaml:3:11: Q301 quote not found in article "a1"\n'
        "  |\n"
        "3 |     quote: Gantz told Abas\n"
        "  |           ^\n"
        '  = help: closest passage (90% similar): "Gantz told Abbas"\n'
        "\n"
        "Found 1 error and 0 warnings.\n"
    )
    assert "\x1b[" not in out


def test_text_format_colours_only_when_asked():
    assert "\x1b[31;1mQ301\x1b[0m" in format_text([ERROR], SOURCE, colour=True)
    assert "\x1b[33;1mR209" in format_text([WARNING], SOURCE, colour=True)


def test_text_format_without_problems():
    assert format_text([], {}) == "All checks passed.\n"


def test_source_excerpt_follows_tabs_and_cuts_long_lines():
    assert source_excerpt("\tkey: value", 7) == ("    key: value", 9)
    line = "x" * 5000 + "HERE" + "y" * 5000
    text, caret = source_excerpt(line, 5001)
    assert len(text) == 100 and text[caret:caret + 4] == "HERE"
    assert text.startswith("\u2026") and text.endswith("\u2026")


def test_control_characters_never_reach_the_terminal():
    problem = Problem("f.yaml", 1, 3, "Y001", "bad \x1b[2J here")
    out = format_text([problem], {"f.yaml": ["a\x1b[2Jb"]})
    assert "\x1b" not in out


def test_json_format_is_the_library_records():
    records = json.loads(format_json([WARNING, ERROR]))
    assert records[1] == {**ERROR.to_dict(), "name": "quote-not-found", "severity": "error"}
    assert set(records[0]) == {"file", "line", "column", "code", "name", "severity", "message",
                               "help", "path"}


def test_github_format_escapes_properties_and_newlines():
    problem = Problem("dir,x/a:b.yaml", 2, 5, "S101", "50% off\nnext", "try: this")
    assert format_github([problem]) == (
        "::error file=dir%2Cx/a%3Ab.yaml,line=2,col=5,title=S101 unknown-key::"
        "50%25 off%0Anext%0A= help: try: this\n")
    assert format_github([WARNING]).startswith("::warning ")


def test_quoted_escapes_and_cuts():
    assert quoted('say "hi"') == '"say \\"hi\\""'
    assert len(quoted("x" * 500)) == 82


def test_rule_lookup_by_code_or_name():
    assert find_rule("q301") is RULES["Q301"]
    assert find_rule("quote-not-found") is RULES["Q301"]
    assert find_rule("nothing-like-it") is None
    assert "quote-not-found" in rule_suggestions("quote-not-fund")


def test_rules_listing_and_explanations():
    listing = format_rules()
    for rule in RULES.values():
        assert re.search(rf"^{rule.code}  {rule.name} +{rule.severity.value} +", listing, re.M)
    vocabulary = explain_rule(RULES["S104"])
    assert "meeting" in vocabulary and "organization" in vocabulary
    assert explain_rule(RULES["Q301"]).startswith("Q301 quote-not-found (error)")

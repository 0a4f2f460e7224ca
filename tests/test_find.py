"""graphviz-app find: searching the seeds the way the validator matches quotes."""

from __future__ import annotations

import io

from click.testing import CliRunner
from conftest import SEED
from ruamel.yaml import YAML
from test_export import RICH, SEED2

from graphviz_app.checks import validate
from graphviz_app.cli import cli
from graphviz_app.search import find_phrase, searchable_texts


def find(data, *args):
    return CliRunner().invoke(cli, ["find", *args, str(data)])


def evidence_items(output: str) -> list[dict]:
    """The evidence snippets printed by find, parsed as YAML."""
    snippets = [block for block in output.split("\n\n") if block.lstrip().startswith("- article:")]
    return [YAML(typ="safe").load(io.StringIO(snippet))[0] for snippet in snippets]


def test_typed_straight_quotes_find_curly_ones_case_insensitively(make_project):
    data = make_project()
    result = find(data, "israel's DEFENSE minister")
    assert result.exit_code == 0
    assert result.stdout.startswith("a1 line 3: Israel\u2019s defense minister Benny Gantz")
    # the whole sentence, verbatim: curly quotes kept
    assert "open channel of security coordination.\u201d" in result.stdout


def test_snippet_is_a_quote_the_validator_accepts(make_project):
    data = make_project()
    [item] = evidence_items(find(data, "betrayal of the").stdout)
    assert item["article"] == "a1"
    text = validate(data).texts["a1"]
    assert len(text.locate(item["quote"])) == 1
    assert item["quote"] == ("Hamas condemned the call between Gantz and Abbas as a betrayal "
                             "of the Palestinian people.")


def test_each_sentence_once_in_text_order(make_project):
    data = make_project(RICH, {"a1.txt": SEED, "a2.txt": SEED2})
    result = find(data, "abbas")
    assert result.exit_code == 0
    headers = [line for line in result.stdout.splitlines() if " line " in line
               and not line.startswith(" ")]
    # articles in data-file order (a2 is listed first), sentences in text order
    assert [h.split(":")[0] for h in headers] == [
        "a2 line 1", "a2 line 3", "a2 line 5", "a1 line 1", "a1 line 3", "a1 line 5"]


def test_opening_date_line_is_not_part_of_the_sentence(make_project):
    result = find(make_project(), "keep the channel open")
    assert result.exit_code == 0
    assert result.stdout.startswith("a1 line 1: Gantz tells Abbas to keep the channel open")
    assert "date 2022" not in result.stdout


def test_article_option_restricts_the_search(make_project):
    data = make_project(RICH, {"a1.txt": SEED, "a2.txt": SEED2})
    result = find(data, "--article", "a1", "Abbas")
    assert result.exit_code == 0
    assert "a2 line" not in result.stdout and "a1 line" in result.stdout


def test_unknown_article_is_a_usage_error(make_project):
    result = find(make_project(), "--article", "a9", "Abbas")
    assert result.exit_code == 2
    assert "no article 'a9'" in result.stderr


def test_nothing_found_shows_the_closest_passage(make_project):
    result = find(make_project(), "Gantz phoned Abbas to keep the channel")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "no match for" in result.stderr
    assert "closest in a1" in result.stderr and "Gantz tells Abbas to keep the channel" in \
        result.stderr


def test_seeds_not_listed_yet_are_searched_by_path(make_project):
    data = make_project(seeds={"a1.txt": SEED, "new.txt": SEED2})
    result = find(data, "Barbara Leaf met Abbas")
    assert result.exit_code == 0
    assert result.stdout.startswith("seeds/new.txt line 5: In January, US envoy Barbara Leaf")
    assert "add-article seeds/new.txt" in result.stdout


def test_find_phrase_returns_offsets_free_records(make_project):
    checked = validate(make_project())
    texts = searchable_texts(checked.loaded, checked.texts)
    [found] = find_phrase(texts, "utmost   importance")  # runs of spaces fold too
    assert (found.article, found.line, found.listed) == ("a1", 3, True)
    assert find_phrase(texts, "   ") == []


def test_several_hits_in_one_sentence_give_one_result(make_project):
    checked = validate(make_project())
    texts = searchable_texts(checked.loaded, checked.texts)
    found = find_phrase(texts, "co")  # "continue" and "coordination" on line 3
    assert [f.line for f in found].count(3) == 1


# a seed that tries to drive the terminal: set its title, clear it, colour it (C1 CSI), and
# reverse what follows (RLO)
ESCAPING_SEED = SEED.replace(
    "Hamas condemned the call",
    "Hamas\x1b]0;pwned\x07 condemned\x1b[2J the\x9b31m call\u202e", 1)


def test_find_prints_no_terminal_controls_from_a_seed(make_project):
    data = make_project(seeds={"a1.txt": ESCAPING_SEED})
    result = find(data, "betrayal of the")
    assert result.exit_code == 0
    for control in ("\x1b", "\x07", "\x9b", "\u202e"):
        assert control not in result.output
    assert "a1 line 5: Hamas\ufffd]0;pwned\ufffd condemned\ufffd[2J the\ufffd31m call" in (
        result.stdout)


def test_the_escaped_snippet_still_quotes_the_seed_verbatim(make_project):
    data = make_project(seeds={"a1.txt": ESCAPING_SEED})
    [item] = evidence_items(find(data, "betrayal of the").stdout)
    assert item["quote"].startswith("Hamas\x1b]0;pwned\x07 condemned\x1b[2J the\x9b31m call\u202e")
    assert len(validate(data).texts["a1"].locate(item["quote"])) == 1


def test_a_seed_with_carriage_returns_only_has_lines_and_sentences(make_project):
    data = make_project(seeds={"a1.txt": SEED.replace("\n", "\r")})
    result = find(data, "betrayal of the")
    assert result.exit_code == 0
    assert result.stdout.startswith("a1 line 5: Hamas condemned the call between Gantz")
    checked = validate(data)
    [found] = find_phrase(searchable_texts(checked.loaded, checked.texts), "told Mahmoud Abbas")
    assert found.line == 3 and found.quote.startswith("Israel\u2019s defense minister")
    assert "Hamas" not in found.quote

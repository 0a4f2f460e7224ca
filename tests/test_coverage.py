"""`graphviz-app coverage`: which sentences are cited, and which look like missed interactions."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from conftest import MINI

from graphviz_app.checks import validate
from graphviz_app.cli import cli
from graphviz_app.corpus import fold_text
from graphviz_app.drafting.coverage import coverage

SEED = (
    " date 2022-12-28 Gantz tells Abbas to keep the channel open\n\n"
    "Israel\u2019s defense minister Benny Gantz on Wednesday told Mahmoud Abbas that it is of "
    "utmost importance to \u201ccontinue maintaining an open channel of security "
    "coordination.\u201d\n\n"
    "Hamas condemned the call between Gantz and Abbas as a betrayal of the Palestinian people.\n"
    "Abbas later rejected a demand by Hamas to end all contacts with Israel.\n"
    "The weather in the region was mild for the season.\n"
    "Gantz condemned the violence of recent weeks in strong terms.\n\n"
    "Hamas accuses Abbas of collaboration pic.twitter.com/abc \u2014 Some Outlet (@outlet) "
    "December 28, 2022\n"
)


@pytest.fixture
def project(make_project):
    return make_project(MINI, {"a1.txt": SEED})


def rows(project):
    (article,) = coverage(validate(project))
    return {" ".join(fold_text(s.text).split()[:2]): s for s in article.sentences}


def test_cited_sentences_name_the_interactions_that_quote_them(project):
    found = rows(project)
    assert found["Israel's defense"].cited_by == ["gantz-abbas-call"]
    assert found["Hamas condemned"].cited_by == ["hamas-condemns-call"]
    assert not found["The weather"].cited and not found["The weather"].likely_miss


def test_an_uncited_sentence_with_two_actors_and_a_lexicon_verb_is_a_likely_miss(project):
    found = rows(project)
    miss = found["Abbas later"]
    assert miss.likely_miss and not miss.cited
    assert "rejection" in miss.types and miss.actors == ["abbas", "hamas"]
    assert not found["Gantz condemned"].likely_miss  # one actor only
    assert found["Gantz tells"].likely_miss  # the headline reports the call too


def test_an_embedded_post_is_covered_like_any_sentence(project):
    post = rows(project)["Hamas accuses"]
    assert post.likely_miss and "accusation" in post.types


def test_one_article_or_all(project):
    checked = validate(project)
    assert [a.article for a in coverage(checked, "a1")] == ["a1"]
    assert coverage(checked, "nope") == []


def run(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_text_output(project):
    result = run("coverage", "a1", str(project))
    assert result.exit_code == 0, result.output
    assert "a1: 2 of 7 sentences cited, 3 likely misses" in result.output
    assert "MISS? Abbas later rejected" in result.output
    assert "[gantz-abbas-call]" in result.output


def test_json_output(project):
    result = run("coverage", "a1", str(project), "--format", "json")
    assert result.exit_code == 0, result.output
    (article,) = json.loads(result.output)
    assert article["article"] == "a1" and article["likely_misses"] == 3
    first = article["sentences"][0]
    assert set(first) >= {"line", "start", "end", "text", "cited", "cited_by", "likely_miss",
                          "types", "actors"}
    assert sum(s["cited"] for s in article["sentences"]) == article["cited"] == 2


def test_a_data_file_alone_is_the_data(project):
    result = run("coverage", str(project))
    assert result.exit_code == 0, result.output
    assert result.output.startswith("a1: 2 of 7 sentences cited")


def test_an_unknown_article_is_a_usage_error(project):
    result = run("coverage", "a2", str(project))
    assert result.exit_code == 2 and "no article 'a2'" in result.output


def test_the_shipped_data_is_reviewed():
    """Every likely miss of the shipped data is discussed in docs/curation.md."""
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    review = (root / "docs" / "curation.md").read_text(encoding="utf-8")
    for article in coverage(validate(root / "data" / "network.yaml")):
        for s in article.misses:
            assert f"{article.article} line {s.line}" in review, (article.article, s.text)

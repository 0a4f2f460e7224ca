"""graphviz-app add-article: a record for a new seed, printed or appended in place."""

from __future__ import annotations

import difflib
import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import MINI
from ruamel.yaml import YAML

from graphviz_app.checks import validate
from graphviz_app.cli import cli
from graphviz_app.scaffold import propose_id, read_headline, slugify

DATED = " date 2023-03-02 Abbas rebuffs US pressure over coordination\n\nMahmoud Abbas said no.\n"
UNDATED = "Palestinian officials said on Saturday that the halt stands.\nMore text.\n"

STYLED = """\
# yaml-language-server: $schema=../docs/network.schema.json
# The network, curated by hand.

articles:
  - id: a1   # the first article
    file: seeds/a1.txt
    title: 'Gantz tells Abbas to keep the channel open'
    published: 2022-12-28

# who is who
actors:
  - id: gantz
    name: "Benny Gantz"
    kind: person
    side: israel
    aliases: [Gantz]
"""


@pytest.fixture
def project(make_project):
    data = make_project()
    (data.parent.parent / "seeds" / "new.txt").write_text(DATED, encoding="utf-8")
    (data.parent.parent / "seeds" / "undated.txt").write_text(UNDATED, encoding="utf-8")
    return data


def add(data, seed: str, *args: str):
    return CliRunner().invoke(cli, ["add-article", str(data.parent.parent / "seeds" / seed),
                                    *args, str(data)])


def parse(text: str) -> dict:
    [record] = YAML(typ="safe").load(io.StringIO(text))
    return record


def test_dated_seed_gives_its_date_and_headline(project):
    result = add(project, "new.txt")
    assert result.exit_code == 0
    record = parse(result.stdout)
    assert record["id"] == "art-2023-03-02-abbas-rebuffs-us-pressure"
    assert record["file"] == "seeds/new.txt"
    assert record["title"] == "Abbas rebuffs US pressure over coordination"
    assert str(record["published"]) == "2023-03-02" and "published_note" not in record
    assert result.stdout.startswith("  - id: ")  # ready to paste under `articles:`


def test_undated_seed_gets_placeholders_that_fail_validation(project):
    result = add(project, "undated.txt")
    assert result.exit_code == 0
    record = parse(result.stdout)
    # a first line ending in a full stop is the lede, not a headline
    assert record["title"] == "" and "TODO: the headline" in result.stdout
    assert record["published"] == "YYYY-MM-DD"
    assert record["published_note"].startswith("TODO")
    assert record["id"] == "art-undated-undated"


def test_outlet_and_date_name_the_id(project):
    result = add(project, "new.txt", "--outlet", "Times of Israel", "--url", "https://x.test/1")
    record = parse(result.stdout)
    assert record["id"] == "art-2023-03-02-abbas-rebuffs-us-pressure"  # never the outlet
    assert (record["outlet"], record["url"]) == ("Times of Israel", "https://x.test/1")


def test_proposed_ids_are_unique_and_slugs():
    assert slugify("Israel\u2019s PM: \u201cno\u201d to talks") == "israels-pm-no-to-talks"
    taken = {"art-2023-03-02-halt", "art-2023-03-02-halt-2"}
    assert propose_id(taken, "The halt", "2023-03-02", Path("x.txt")) == "art-2023-03-02-halt-3"
    assert propose_id((), None, "2023-03-02", Path("005_New Seed.txt")) == \
        "art-2023-03-02-005-new-seed"


def test_a_listed_seed_is_refused(project):
    result = add(project, "a1.txt")
    assert result.exit_code == 2
    assert "already listed as article 'a1'" in result.stderr


def test_a_seed_outside_the_project_is_refused(project, tmp_path_factory):
    outside = tmp_path_factory.mktemp("elsewhere") / "x.txt"
    outside.write_text(DATED, encoding="utf-8")
    result = CliRunner().invoke(cli, ["add-article", str(outside), str(project)])
    assert result.exit_code == 2
    assert "outside the project root" in result.stderr


def test_append_adds_lines_and_changes_none(project):
    project.write_text(STYLED, encoding="utf-8")
    result = add(project, "new.txt", "--append")
    assert result.exit_code == 0, result.output
    after = project.read_text(encoding="utf-8")
    diff = [line for line in difflib.ndiff(STYLED.splitlines(), after.splitlines())
            if line[:1] in "+-"]
    assert all(line.startswith("+ ") for line in diff)
    assert len(diff) == 4
    # the new record sits right after the last article, before the blank line and comment
    assert "    published: 2022-12-28\n  - id: art-2023-03-02-abbas-rebuffs" in after
    assert "published: 2023-03-02\n\n# who is who\nactors:" in after


def test_appended_record_loads_as_an_article(project):
    result = add(project, "new.txt", "--append")
    assert result.exit_code == 0
    checked = validate(project)
    assert [a.id for a in checked.dataset.articles] == [
        "a1", "art-2023-03-02-abbas-rebuffs-us-pressure"]
    assert checked.texts["art-2023-03-02-abbas-rebuffs-us-pressure"].date_line == "2023-03-02"


def test_append_that_would_reformat_is_refused(project):
    flow = MINI.replace("articles:\n  - id: a1\n    file: seeds/a1.txt\n    title: Gantz tells "
                        "Abbas to keep the channel open\n    published: 2022-12-28\n",
                        "articles: [{id: a1, file: seeds/a1.txt, title: Gantz tells Abbas, "
                        "published: 2022-12-28}]\n")
    assert flow != MINI
    project.write_text(flow, encoding="utf-8")
    result = add(project, "new.txt", "--append")
    assert result.exit_code == 2
    assert "paste the stub by hand" in result.stderr
    assert "- id: art-2023-03-02-abbas-rebuffs" in result.stdout  # the stub is still shown
    assert project.read_text(encoding="utf-8") == flow


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_the_headline_is_the_first_line_whatever_the_line_endings(newline):
    from pathlib import Path

    from graphviz_app.corpus import ArticleText

    text = newline.join(["date 2023-01-04", "Abbas rejects Hamas call", "",
                         "Palestinian Authority President Mahmoud Abbas on Wednesday rejected."])
    assert read_headline(ArticleText(Path("seed.txt"), text)) == "Abbas rejects Hamas call"


SIXTH = (" date 2023-01-26 Palestinian Authority halts security coordination after Jenin raid\n\n"
         "Palestinian Authority President Mahmoud Abbas halted security coordination with "
         "Israel on Thursday after a deadly raid in Jenin, his office said.\n")


@pytest.fixture
def shipped(tmp_path):
    """A copy of the shipped project: its data file and seeds, byte for byte."""
    import shutil

    from conftest import ROOT

    for folder in ("data", "seeds"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    return tmp_path / "data" / "network.yaml"


def test_the_readme_command_works_on_the_shipped_data(shipped):
    root = shipped.parent.parent
    before = shipped.read_text(encoding="utf-8")
    seed = root / "seeds" / "005_new.txt"
    seed.write_text(SIXTH, encoding="utf-8")
    result = CliRunner().invoke(cli, ["add-article", str(seed), "--outlet", "WAFA", "--append",
                                      str(shipped)])
    assert result.exit_code == 0, result.output
    after = shipped.read_text(encoding="utf-8")
    added = [line[2:] for line in difflib.ndiff(before.splitlines(), after.splitlines())
             if line[:1] in "+-"]
    assert all(line.startswith(" ") for line in added) and len(added) == 5  # lines added only
    checked = validate(shipped)
    assert checked.ok(), checked.errors
    assert [p.code for p in checked.problems] == ["A404"]  # merely unused, a warning
    [new] = [a for a in checked.dataset.articles if a.file == "seeds/005_new.txt"]
    assert new.id == "art-2023-01-26-palestinian-authority-halts-security"
    assert new.outlet == "WAFA" and new.published == "2023-01-26"
    sums = (root / "seeds" / "SHA256SUMS").read_text(encoding="utf-8")
    assert "005_new.txt" in sums and sums.count("\n") == 6


@pytest.mark.parametrize("ending", [
    "    published_note: >-\n      inferred from the text,\n      as the guide says\n\n",
    "    published_note: |\n      a note\n\n      with a blank line\n",
    "    outlet: 'quoted'   # a comment\n",
    "    url: https://x.test/1\n# a comment at the margin\n\n",
])
def test_append_works_whatever_the_last_record_ends_with(project, ending):
    data = MINI.replace("    published: 2022-12-28\nactors:",
                        "    published: 2022-12-28\n" + ending + "actors:")
    project.write_text(data, encoding="utf-8")
    assert not validate(project).errors
    result = add(project, "new.txt", "--append")
    assert result.exit_code == 0, result.output
    checked = validate(project)
    assert checked.dataset.articles[-1].id == "art-2023-03-02-abbas-rebuffs-us-pressure"
    assert not checked.errors
    assert project.read_text(encoding="utf-8").count("\n") == data.count("\n") + 4


def test_a_todo_left_in_fails_validation(project):
    add(project, "undated.txt", "--append")
    codes = {p.code for p in validate(project).errors}
    assert "S108" in codes  # the published_note placeholder

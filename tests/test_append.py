"""`draft --append` and `add-article --append`: records inserted as text, all else kept."""

from __future__ import annotations

import difflib
import json
import re
import shutil

import pytest
from click.testing import CliRunner
from conftest import ROOT
from test_draft import DATA, SEED

from graphviz_app.append import AppendError, append_records, split_lines
from graphviz_app.checks import validate
from graphviz_app.cli import cli

LAST_INTERACTION_END = ('        quote: "The Northern Front condemned President Karl Berg of '
                        'Borduria on January 30"\n')


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def only_insertions(before: bytes, after: bytes) -> list[bytes]:
    """The lines ``after`` adds to ``before``; fails if any line of ``before`` changed."""
    old, new = _lines(before), _lines(after)
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    codes = matcher.get_opcodes()
    assert all(tag in ("equal", "insert") for tag, *_ in codes), \
        [c for c in codes if c[0] not in ("equal", "insert")]
    first = next(i1 for tag, i1, *_ in codes if tag == "insert")
    prefix = sum(len(line) for line in old[:first])
    assert after[:prefix] == before[:prefix]  # every byte before the insertion point
    return [line for tag, _a, _b, j1, j2 in codes if tag == "insert" for line in new[j1:j2]]


def _lines(data: bytes) -> list[bytes]:
    return re.findall(rb"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$", data)


def drafted(project) -> dict:
    result = run("draft", "n1", str(project), "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def appended_ids(project) -> tuple[list[str], list[str]]:
    """The ids of the actors and interactions marked for review, as the file reads back."""
    checked = validate(project)
    assert checked.dataset is not None, checked.errors
    return ([a.id for a in checked.dataset.actors if a.review],
            [i.id for i in checked.dataset.interactions if i.review])


def expected_ids(drafts: dict) -> tuple[list[str], list[str]]:
    new = [d for d in drafts["drafts"] if "same_as" not in d]
    used = {x for d in new for x in (d["source"], d["target"])}
    return [a["id"] for a in drafts["new_actors"] if a["id"] in used], [d["id"] for d in new]


@pytest.fixture
def project(make_project):
    return make_project(DATA, {"n1.txt": SEED})


def append_to(project, text: str) -> tuple[bytes, bytes, object]:
    """Write ``text`` as the data file byte for byte, draft --append; return before, after."""
    project.write_bytes(text.encode("utf-8"))
    before = project.read_bytes()
    drafts = drafted(project)
    result = run("draft", "n1", str(project), "--append")
    assert result.exit_code == 0, result.output
    return before, project.read_bytes(), drafts


def test_records_read_back_as_drafted_and_quotes_join_their_interaction(project):
    before, after, drafts = append_to(project, DATA)
    added = only_insertions(before, after)
    assert appended_ids(project) == expected_ids(drafts)
    assert all(actor in b"".join(added).decode() for actor in expected_ids(drafts)[0])
    [old] = [i for i in validate(project).dataset.interactions if i.id == "front-condemns-berg"]
    assert [e.review for e in old.evidence] == [None, "draft"]  # the quote joined its list
    assert "again condemned Karl Berg" in old.evidence[-1].quote


def test_a_crlf_file_keeps_crlf_on_every_line(project):
    before, after, drafts = append_to(project, DATA.replace("\n", "\r\n"))
    only_insertions(before, after)
    assert after.count(b"\n") == after.count(b"\r\n") > before.count(b"\r\n")
    assert appended_ids(project) == expected_ids(drafts)


def test_comments_after_the_last_record_stay_after_the_new_ones(project):
    tail = "\n# interactions above; the next curator adds more\n"
    text = DATA.replace("actors:\n", "\n# who is who\nactors:\n") + tail
    before, after, drafts = append_to(project, text)
    only_insertions(before, after)
    decoded = after.decode()
    assert decoded.endswith('series of raids"\n' + tail)
    assert "    review: draft\n\n# who is who\nactors:" not in decoded  # actors go in actors
    assert re.search(r"review: draft\ninteractions:", decoded)
    assert appended_ids(project) == expected_ids(drafts)


def test_a_missing_interactions_section_is_added_at_the_end(project):
    text = DATA[:DATA.index("interactions:")]
    before, after, drafts = append_to(project, text)
    added = only_insertions(before, after)
    assert b"interactions:\n" in added and after.startswith(before)
    actors, interactions = appended_ids(project)
    assert (actors, interactions) == expected_ids(drafts) and interactions


def test_sections_in_another_order_get_the_records_each_in_its_own(project):
    actors = DATA[DATA.index("actors:"):DATA.index("interactions:")]
    text = DATA.replace(actors, "") + actors
    before, after, drafts = append_to(project, text)
    only_insertions(before, after)
    assert appended_ids(project) == expected_ids(drafts)


def test_a_file_without_a_final_line_break_gets_one_before_the_records(project):
    text = DATA.rstrip("\n")
    before, after, drafts = append_to(project, text)
    only_insertions(before + b"\n", after)  # the one byte added to what was there
    assert (LAST_INTERACTION_END + "      - article: n1\n").encode() in after
    assert appended_ids(project) == expected_ids(drafts)


def test_a_byte_order_mark_is_kept(project):
    before, after, drafts = append_to(project, "\ufeff" + DATA)
    assert after.startswith("\ufeff".encode()) and after.count("\ufeff".encode()) == 1
    only_insertions(before, after)


def test_the_shipped_data_gets_only_added_lines(tmp_path):
    for folder in ("data", "seeds"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    data = tmp_path / "data" / "network.yaml"
    before = data.read_bytes()
    checked = validate(data)
    article = checked.dataset.articles[0].id
    result = run("draft", article, str(data), "--append")
    assert result.exit_code == 0, result.output
    added = only_insertions(before, data.read_bytes())
    assert added and all(line.startswith(b"  ") for line in added)
    after = validate(data)
    assert len(after.dataset.interactions) > len(checked.dataset.interactions)
    assert {p.code for p in after.errors} == {"R214"}


def test_a_flow_style_list_is_refused_with_where_and_what_to_do(project):
    text = DATA.replace("interactions:\n", "interactions: [{id: x, type: meeting, source: "
                        "ruritania, target: borduria, date: 2023-01-01, summary: s, "
                        "evidence: [{article: n1, quote: q}]}]\nunused:\n", 1)
    text = text[:text.index("unused:")]
    project.write_bytes(text.encode("utf-8"))
    line = text[:text.index("interactions:")].count("\n") + 1
    result = run("draft", "n1", str(project), "--append")
    assert result.exit_code == 2
    assert f"{project}:{line}: `interactions` is written in flow style" in result.stderr
    assert "paste the drafts printed above by hand" in result.stderr
    assert "Traceback" not in result.output and "review: draft" in result.stdout
    assert project.read_bytes() == text.encode("utf-8")


def test_records_that_would_not_read_back_are_refused(project):
    # a block text that keeps its trailing blank line (`|+`): a record inserted before the
    # blank line would take it from the text, so the read-back check refuses
    text = DATA.replace("    side: front\ninteractions:",
                        "    side: front\n    role: |+\n      armed group\n\ninteractions:")
    project.write_bytes(text.encode("utf-8"))
    result = run("draft", "n1", str(project), "--append")
    assert result.exit_code == 2, result.output
    assert re.search(rf"{re.escape(str(project))}:\d+: the records added here would not read "
                     "back as written", result.stderr)
    assert project.read_bytes() == text.encode("utf-8")


def test_a_failed_write_leaves_the_file_as_it_was(project, monkeypatch):
    import graphviz_app.append as append

    def refuse(path, data):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(append, "write_atomic", refuse)
    with pytest.raises(AppendError, match="Permission denied; it is unchanged"):
        append_records(project, [(("actors",), [{"id": "x", "name": "X", "kind": "state",
                                                  "side": "x"}])], "paste it instead")
    assert project.read_text(encoding="utf-8") == DATA


def test_add_article_shares_it_a_crlf_file_with_no_articles(make_project):
    data = make_project(DATA[DATA.index("actors:"):].replace("\n", "\r\n"), {"n1.txt": SEED})
    before = data.read_bytes()
    result = run("add-article", str(data.parent.parent / "seeds" / "n1.txt"), "--append",
                 str(data))
    assert result.exit_code == 0, result.output
    added = only_insertions(before, data.read_bytes())
    assert added[:2] == [b"\r\n", b"articles:\r\n"]
    assert [a.file for a in validate(data).dataset.articles] == ["seeds/n1.txt"]


def test_lines_split_where_yaml_counts_them():
    assert split_lines("a\r\nb\rc\nd") == ["a\r\n", "b\r", "c\n", "d"]
    assert split_lines("") == []

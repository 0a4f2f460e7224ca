"""Rebuilding with caches gives, after every kind of edit, the page a fresh build gives."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import ROOT

from graphviz_app.build import build_page_files, positions_path
from graphviz_app.incremental import BuildCaches, QuietCollector, Recent
from graphviz_app.loader import load_dataset


@pytest.fixture
def shipped(tmp_path) -> Path:
    """A copy of the shipped data and seeds, to edit."""
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    (tmp_path / "data").mkdir()
    shutil.copy2(ROOT / "data" / "network.yaml", tmp_path / "data" / "network.yaml")
    return tmp_path / "data" / "network.yaml"


class Twins:
    """One process that keeps its caches, and a fresh build beside it from the same state."""

    def __init__(self, data: Path) -> None:
        self.data = data
        self.kept = data.parent.parent / "kept" / "network.html"
        self.fresh = data.parent.parent / "fresh" / "network.html"
        self.caches = BuildCaches()

    def build(self):
        """Build both ways from the same cached positions; return the kept build."""
        if positions_path(self.kept).exists():
            self.fresh.parent.mkdir(exist_ok=True)
            shutil.copy2(positions_path(self.kept), positions_path(self.fresh))
        kept = build_page_files(self.data, self.kept, caches=self.caches)
        fresh = build_page_files(self.data, self.fresh)
        assert kept.written == fresh.written
        assert kept.checked.problems == fresh.checked.problems
        if kept.written:
            assert self.kept.read_bytes() == self.fresh.read_bytes()
            assert positions_path(self.kept).read_bytes() == positions_path(self.fresh).read_bytes()
        return kept


def edit(data: Path, old: str, new: str) -> None:
    text = data.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    data.write_text(text.replace(old, new), encoding="utf-8")


def value_line(data: Path, path: tuple) -> tuple[int, int]:
    return load_dataset(data).at(path)


def replace_value(data: Path, path: tuple, value: str) -> None:
    """Replace a one-line scalar in place, wherever it is."""
    line, column = value_line(data, path)
    lines = data.read_text(encoding="utf-8").split("\n")
    lines[line - 1] = lines[line - 1][: column - 1] + json.dumps(value)
    data.write_text("\n".join(lines), encoding="utf-8")


def unreferenced_interaction(data: Path) -> tuple[int, str]:
    dataset = load_dataset(data).dataset
    about = {item.about for item in dataset.interactions}
    return next((i, item.id) for i, item in enumerate(dataset.interactions)
                if item.id not in about and i)


def test_every_kind_of_edit_rebuilds_the_page_a_fresh_build_writes(shipped):
    twins = Twins(shipped)
    first = twins.build()
    assert first.written
    dataset = first.checked.dataset

    # a quote: a shorter one, still in its article
    text = shipped.read_text(encoding="utf-8")
    quote = next(ev.quote for item in dataset.interactions for ev in item.evidence
                 if len(ev.quote.split()) >= 10 and text.count(ev.quote) == 1)
    edit(shipped, quote, quote.rsplit(" ", 1)[0])
    assert twins.build().written

    # an actor's name
    replace_value(shipped, ("actors", 0, "name"), dataset.actors[0].name + " (renamed)")
    built = twins.build()
    assert built.checked.dataset.actors[0].name.endswith("(renamed)")

    # a seed: a paragraph appended to the article, and a character beyond U+FFFF near its
    # start, which moves every quote after it in the page's (UTF-16) offsets
    seed = shipped.parent.parent / dataset.articles[0].file
    head, rest = seed.read_text(encoding="utf-8").split("\n", 1)
    seed.write_text(f"{head}\n\U0001F4F0 {rest}\nA paragraph added later.\n", encoding="utf-8")
    built = twins.build()
    assert built.html is not None and "A paragraph added later." in built.html

    # a deletion: one interaction that nothing refers to
    position, deleted = unreferenced_interaction(shipped)
    start, _ = value_line(shipped, ("interactions", position))
    end, _ = value_line(shipped, ("interactions", position + 1))
    lines = shipped.read_text(encoding="utf-8").split("\n")
    # from the line of the record's "- " to the line before the next record's
    shipped.write_text("\n".join(lines[: start - 1] + lines[end - 1:]), encoding="utf-8")
    built = twins.build()
    assert deleted not in {item.id for item in built.checked.dataset.interactions}

    # a new actor (unused: a warning, the page is still written)
    edit(shipped, "\nactors:\n", "\nactors:\n  - id: newcomer\n    name: A Newcomer\n"
         "    kind: person\n    side: israel\n")
    built = twins.build()
    assert "newcomer" in {a.id for a in built.checked.dataset.actors}

    # a save with an error keeps the page; the fix rebuilds it
    good = twins.kept.read_bytes()
    edit(shipped, "name: A Newcomer", "nam: A Newcomer")
    assert not twins.build().written
    assert twins.kept.read_bytes() == good
    edit(shipped, "nam: A Newcomer", "name: A Newcomer")
    assert twins.build().written


def test_caches_keep_only_what_the_last_builds_used():
    recent = Recent()
    recent["a"] = 1
    recent.next_build()
    recent["b"] = 2
    assert recent["a"] == 1  # used again: carried into this build
    recent.next_build()
    recent.next_build()
    assert "b" not in recent and "a" not in recent


TRICKY = {
    "indentless list": "actors:\n- id: a\n  name: A\n",
    "comments between records": "actors:\n  # one\n  - id: a\n\n  # two\n  - id: b\n# end\n",
    "anchor and alias": "actors:\n  - &x {id: a}\n  - *x\n",
    "duplicate key": "actors:\n  - id: a\n    id: b\n",
    "duplicate section": "actors:\n  - id: a\nactors:\n  - id: b\n",
    "tag": "actors:\n  - !!python/object {id: a}\n",
    "no newline at the end": "title: T\nactors:\n  - id: a\n    name: A",
    "flow section": "actors: [{id: a}, {id: b}]\nsides:\n  israel: {}\n",
    "block scalar": "actors:\n  - id: a\n    role: |\n      one\n\n      - two\n",
    "syntax error in a record": "actors:\n  - id: a\n    name: \"open\n  - id: b\n",
    "key beside the items": "actors:\n  - id: a\n  name: b\n",
    "tab": "actors:\n  - id: a\n    name:\tA\n",
    "crlf": "actors:\r\n  - id: a\r\n",
    "document marker": "---\nactors:\n  - id: a\n",
    "list document": "- id: a\n",
    "empty": "",
    "only a comment": "# nothing\n",
    "byte order mark": "\ufeffactors:\n  - id: a\n",
}


def same_source(path: Path, raw: bytes) -> None:
    from graphviz_app.incremental import read_source_by_records
    from graphviz_app.source import read_source

    parts = Recent()
    whole = read_source(path, "d.yaml", raw)
    for pieces in (read_source_by_records(path, "d.yaml", raw, parts),
                   read_source_by_records(path, "d.yaml", raw, parts)):  # cold, then cached
        assert pieces.document == whole.document
        assert pieces.problems == whole.problems
        for where in whole.positions.values:
            assert pieces.positions.of_value(where) == whole.positions.of_value(where), where
        for where in whole.positions.keys:
            assert pieces.positions.of_key(where) == whole.positions.of_key(where), where
        for where in [("actors", 99), ("interactions", 0, "evidence", 7, "quote"), ("nope",)]:
            assert pieces.positions.of_value(where) == whole.positions.of_value(where), where


@pytest.mark.parametrize("name", sorted(TRICKY))
def test_a_file_read_a_record_at_a_time_is_the_file_read_whole(name, tmp_path):
    same_source(tmp_path / "d.yaml", TRICKY[name].encode("utf-8"))


@pytest.mark.parametrize("path", [ROOT / "data" / "network.yaml",
                                  *sorted((ROOT / "tests" / "cases").glob("*.yaml"))],
                         ids=lambda p: p.name)
def test_the_shipped_data_and_every_case_read_a_record_at_a_time(path):
    same_source(path, path.read_bytes())


def test_a_rebuild_reuses_what_did_not_change(shipped):
    caches = BuildCaches()
    out = shipped.parent.parent / "out" / "network.html"
    first = build_page_files(shipped, out, caches=caches)
    edit(shipped, "\nactors:\n", "\nactors:\n  - id: newcomer\n    name: A Newcomer\n"
         "    kind: person\n    side: israel\n")
    second = build_page_files(shipped, out, caches=caches)
    before, after = first.checked.dataset, second.checked.dataset
    assert after.interactions[0] is before.interactions[0]  # neither parsed nor validated again
    assert after.actors[1] is before.actors[0]
    assert all(second.checked.texts[a] is first.checked.texts[a] for a in first.checked.texts)


def test_the_collection_a_build_puts_off_runs_when_asked_or_before_the_next_build():
    import gc

    collector = QuietCollector()
    assert gc.isenabled()
    try:
        with collector:
            assert not gc.isenabled()  # no collection while a page is made
        assert not gc.isenabled() and collector.due  # ... nor while it goes to the tab
        frozen = gc.get_freeze_count()
        collector.collect()  # the watcher is idle
        assert gc.isenabled() and not collector.due and gc.get_freeze_count() >= frozen
        collector.collect()  # nothing due: nothing done
        assert gc.isenabled()
        with collector:
            pass
        with collector:  # no idle moment between two builds: collected as the next starts
            assert not collector.due and not gc.isenabled()
        collector.collect()
    finally:
        gc.unfreeze()
        gc.enable()
    assert gc.isenabled()

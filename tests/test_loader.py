"""The loader: positions for every value, and problems (never exceptions) for any input."""

from __future__ import annotations

import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphviz_app.loader import load_dataset
from graphviz_app.problems import RULES

SMALL = "articles:\n  - id: a1\n    file: seeds/a1.txt\n    title: T\n    published: 2022-12-28\n"


def load_text(tmp_path, data: bytes | str):
    path = tmp_path / "data" / "network.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return load_dataset(path, root=tmp_path)


def codes(loaded) -> list[str]:
    return [p.code for p in loaded.problems]


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "Y004"),
        (b"# nothing\n", "Y004"),
        (b"- a\n- b\n", "Y003"),
        (b"just text\n", "Y003"),
        (bytes(range(256)), "Y005"),
        (b"\x00\x01\x02binary", "Y001"),
        (b"articles: [\x01]\n", "Y001"),
        (b"articles:\n\t- id: x\n", "Y001"),
        (b"a: 1\n---\nb: 2\n", "Y001"),
        (b'articles: [{id: "a1}]\n', "Y001"),
        (b"articles: " + b"[" * 600 + b"]" * 600 + b"\n", "Y006"),
        (b"a:\n" + b"".join(b" " * i + b"b:\n" for i in range(1, 700)), "Y006"),
        (b"articles: &a\n  - *a\n", None),
        (b"articles: !!python/object/apply:os.system [ls]\n", "Y007"),
        (b"articles:\n  - !custom {id: a1}\n", "Y007"),
        (b"articles:\n  - {1: 2, id: a1, file: f, title: t, published: 2022-12-28}\n", "S101"),
        (b"articles:\n  - ? [a, b]\n    : c\n", "S101"),
        (b"7: 8\n", "S101"),
        (b"articles: {}\n", "S103"),
        (b"articles: [1, null, [2]]\n", "S103"),
        (b"articles: [" + b"x" * 1_000_000 + b"]\n", "S103"),
        (b"articles:\n  - id: 99999999999999999999999999999999\n", "S103"),
        (b"articles:\n  - id: .nan\n", "S103"),
        (b"actors: []\nactors: []\n", "Y002"),
    ],
    ids=lambda value: repr(value[:24]) if isinstance(value, bytes) else str(value),
)
def test_hostile_input_gives_problems_not_exceptions(tmp_path, data, code):
    loaded = load_text(tmp_path, data)
    assert all(p.code in RULES and p.line >= 1 and p.column >= 1 for p in loaded.problems)
    if code is None:
        assert loaded.problems  # any problem will do, as long as nothing raised
    else:
        assert code in codes(loaded)


def test_recursive_alias_is_refused(tmp_path):
    loaded = load_text(tmp_path, "sides: &s\n  - id: x\n    label: *s\n")
    assert codes(loaded) in (["Y006"], ["S103"])


def test_every_duplicate_key_is_reported_and_checking_goes_on(tmp_path):
    data = SMALL + "    title: Again\n    published: 2022-12-29\n    tilte: x\n"
    loaded = load_text(tmp_path, data)
    assert [(p.line, p.column, p.code) for p in loaded.problems] == [
        (6, 5, "Y002"), (7, 5, "Y002"), (8, 5, "S101")]
    assert "title" in loaded.problems[0].message


def test_positions_point_at_the_value(tmp_path):
    loaded = load_text(tmp_path, SMALL)
    assert loaded.at(("articles", 0, "file")) == (3, 11)
    assert loaded.source.positions.of_key(("articles", 0, "file")) == (3, 5)
    assert loaded.at(("articles", 0)) == (2, 5)
    assert loaded.at(("articles", 0, "missing", 3)) == (2, 5)  # nearest known parent


def test_positions_inside_flow_collections(tmp_path):
    line = "  - {id: x, aliases: [Aa, Bb, 'Cc']}"
    loaded = load_text(tmp_path, f"actors:\n{line}\n")
    assert loaded.at(("actors", 0, "aliases", 2)) == (2, line.index("'Cc'") + 1)
    assert loaded.at(("actors", 0, "id")) == (2, line.index("x") + 1)


def test_wrong_type_inside_a_flow_list_points_at_the_item(tmp_path):
    line = "  - {id: x, name: X, kind: person, side: s, aliases: [Aa, 7]}"
    [problem] = load_text(tmp_path, f"actors:\n{line}\n").problems
    assert (problem.line, problem.column, problem.code) == (2, line.index("7") + 1, "S103")


def test_block_scalar_value_is_folded_and_positioned(tmp_path):
    data = ("interactions:\n  - id: i\n    type: call\n    source: a\n    target: b\n"
            "    date: 2022\n    summary: >-\n      two\n      lines\n    evidence:\n"
            "      - article: a1\n        quote: |\n          kept\n          apart\n")
    loaded = load_text(tmp_path, data)
    assert loaded.problems == ()
    item = loaded.dataset.interactions[0]
    assert item.summary == "two lines" and item.evidence[0].quote == "kept\napart\n"
    assert item.date == "2022"  # YAML reads a bare year as a number; it is a year here
    assert loaded.at(("interactions", 0, "evidence", 0, "quote")) == (12, 16)


@pytest.mark.parametrize("prefix", [b"", b"\xef\xbb\xbf"])
@pytest.mark.parametrize("newline", [b"\n", b"\r\n", b"\r"])
def test_columns_survive_bom_and_line_endings(tmp_path, prefix, newline):
    line = b"  - {id: a1, file: f, title: t, published: 2022-02-30}"
    data = prefix + b"articles:\n" + line + b"\n"
    [problem] = load_text(tmp_path, data.replace(b"\n", newline)).problems
    assert (problem.line, problem.column, problem.code) == (2, line.index(b"2022") + 1, "S105")
    assert not load_text(tmp_path, data).source.text.startswith("\ufeff")


def test_tab_in_a_value_does_not_shift_columns(tmp_path):
    line = '  - {title: "a\tb", id: B}'
    problem = next(p for p in load_text(tmp_path, f"articles:\n{line}\n").problems
                   if p.code == "S106")
    assert (problem.line, problem.column) == (2, line.index("B") + 1)


def test_not_utf8_points_at_the_byte(tmp_path):
    [problem] = load_text(tmp_path, "x: ok\nname: caf\u00e9 ".encode() + b"\xff\n").problems
    assert (problem.line, problem.column, problem.code) == (2, 12, "Y005")


def test_control_character_is_positioned(tmp_path):
    [problem] = load_text(tmp_path, "a: 1\nb: [x\x07]\n").problems
    assert (problem.line, problem.column, problem.code) == (2, 6, "Y001")
    assert "U+0007" in problem.message


def test_unknown_section_suggests_the_closest(tmp_path):
    [problem] = load_text(tmp_path, "actros: []\n").problems
    assert problem.code == "S101" and '"actors"' in problem.help


def test_invalid_records_still_count_their_ids(tmp_path):
    loaded = load_text(tmp_path, "actors:\n  - id: x\n    name: X\n")
    assert loaded.ids == {"actors": ["x"]} and loaded.dataset.actors == []
    assert {p.code for p in loaded.problems} == {"S102"}


# --- fuzzing: whatever the input, problems come back and nothing raises ----------------

KEYS = st.sampled_from(["articles", "actors", "interactions", "sides", "campaigns", "id", "file",
                        "title", "published", "name", "kind", "side", "aliases", "member_of",
                        "type", "source", "target", "date", "summary", "about", "evidence",
                        "article", "quote", "x"])
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
                    st.text(max_size=20), st.sampled_from(["2022-12-28", "2021-02-30", "call",
                                                           "person", "a1", "Bad Id", ""]))
STRUCTURES = st.recursive(SCALARS, lambda children: st.one_of(
    st.lists(children, max_size=4), st.dictionaries(KEYS, children, max_size=5)), max_leaves=25)
FUZZ = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])
YAMLISH = st.text(alphabet=string.printable + "\u00e9\u2019\ufeff\u2028\x85-:[]{}&*!|>'\"#",
                  max_size=300)


@FUZZ
@given(text=YAMLISH)
def test_loader_never_raises_on_arbitrary_text(tmp_path, text):
    loaded = load_text(tmp_path, text)
    assert all(p.code in RULES and p.line >= 1 and p.column >= 1 for p in loaded.problems)


@FUZZ
@given(data=st.binary(max_size=200))
def test_loader_never_raises_on_arbitrary_bytes(tmp_path, data):
    loaded = load_text(tmp_path, data)
    assert all(p.code in RULES for p in loaded.problems)


@FUZZ
@given(document=STRUCTURES)
def test_validator_never_raises_on_arbitrary_structures(tmp_path, document):
    import io

    from ruamel.yaml import YAML

    from graphviz_app.checks import validate

    stream = io.StringIO()
    YAML().dump({"interactions": document, "actors": document} if not isinstance(document, dict)
                else document, stream)
    path = tmp_path / "data" / "network.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(stream.getvalue(), encoding="utf-8")
    checked = validate(path, root=tmp_path)
    assert all(p.code in RULES and p.line >= 1 for p in checked.problems)


def test_bad_escape_in_double_quotes_gets_escape_help(tmp_path):
    loaded = load_text(tmp_path, 'articles:\n  - id: a\n    title: "C:\\path\\ud800"\n')
    [problem] = loaded.problems
    assert (problem.code, problem.line) == ("Y001", 3)
    assert "escape" in problem.help and "single quotes" in problem.help


def test_a_large_file_written_out_is_never_refused_as_an_alias_bomb(tmp_path):
    from graphviz_app.source import MAX_EXPANDED

    names = ", ".join(f"n{i}" for i in range(MAX_EXPANDED + 10))
    loaded = load_text(tmp_path, "actors:\n  - {id: x, name: X, kind: person, side: s, "
                                 f"aliases: [{names}]}}\n")
    assert "Y006" not in codes(loaded)
    assert len(loaded.dataset.actors[0].aliases) == MAX_EXPANDED + 10


def test_aliases_that_expand_past_the_limit_are_refused_with_advice(tmp_path):
    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    levels += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 7)]
    [problem] = load_text(tmp_path, "\n".join(levels) + "\n").problems
    assert problem.code == "Y006" and "aliases" in problem.help


def test_a_key_indented_too_far_is_said_so(tmp_path):
    [problem] = load_text(tmp_path, SMALL.replace("    title: T", "      title: T")).problems
    assert problem.code == "Y001"
    assert problem.help.startswith("this key is indented further than the key above it")


def test_a_value_with_a_colon_is_still_told_to_be_quoted(tmp_path):
    [problem] = load_text(tmp_path, SMALL.replace("title: T", "title: Abbas: no")).problems
    assert problem.help == "a value holding ': ' must be quoted"


def test_a_double_quote_inside_double_quotes_is_explained(tmp_path):
    data = SMALL.replace("title: T", 'title: "He said "no" to talks"')
    [problem] = load_text(tmp_path, data).problems
    assert problem.code == "Y001" and '\\"' in problem.help and "single quotes" in problem.help


def test_a_copy_of_the_data_elsewhere_finds_the_project_with_seeds(tmp_path, monkeypatch):
    from graphviz_app.loader import default_root

    (tmp_path / "project" / "seeds").mkdir(parents=True)
    (tmp_path / "copies").mkdir()
    copy = tmp_path / "copies" / "network.yaml"
    monkeypatch.chdir(tmp_path / "project")
    assert default_root(copy) == (tmp_path / "project").resolve()
    (tmp_path / "copies" / "seeds").mkdir()
    assert default_root(copy) == (tmp_path / "copies").resolve()
    assert default_root(tmp_path / "x" / "data" / "network.yaml") == (tmp_path / "x").resolve()

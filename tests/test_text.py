"""Finding and neutralising characters that must not reach an output unchanged."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from hypothesis import given
from hypothesis import strategies as st

from graphviz_app.text import (
    bidi_controls,
    character_problem,
    control_characters,
    describe,
    printable,
    walk_texts,
    xml_forbidden,
    xml_safe,
)


def test_xml_forbidden_names_each_offending_character_with_its_offset():
    text = "a\x01b\x00c\x07d\ufffee\ud800f\tg\nh\ri\U0001f600"
    assert xml_forbidden(text) == [(1, "\x01"), (3, "\x00"), (5, "\x07"), (7, "\ufffe"),
                                   (9, "\ud800")]
    assert [describe(c) for _, c in xml_forbidden(text)] == ["U+0001", "U+0000", "U+0007",
                                                             "U+FFFE", "U+D800"]
    assert xml_forbidden("Gantz \u201ctold\u201d Abbas\u00a0\u2014 \u05e9\u05dc\u05d5\u05dd") == []


@given(st.text())
def test_xml_safe_text_always_parses_as_xml(text):
    safe = xml_safe(text)
    assert xml_forbidden(safe) == []
    assert len(safe) == len(text)
    element = ET.fromstring(f"<t>{safe.replace('&', '&amp;').replace('<', '&lt;')}</t>")
    assert (element.text or "") == safe.replace("\r\n", "\n").replace("\r", "\n")


def test_bidi_controls_finds_overrides_embeddings_and_isolates_but_not_marks():
    text = "Abbas \u202erejected\u202c the \u2067call\u2069, \u200fsaid \u200e"
    assert bidi_controls(text) == [(6, "\u202e"), (15, "\u202c"), (21, "\u2067"), (26, "\u2069")]
    assert bidi_controls("\u05d0\u05d1\u05d2 plain") == []


def test_printable_neutralises_terminal_controls_and_keeps_text():
    seed = "title\x1b]0;owned\x07 text\x1b[2J\r\nline\rnext\tcol \x9b31m \u202eevil"
    assert printable(seed) == ("title\ufffd]0;owned\ufffd text\ufffd[2J\nline\nnext\tcol "
                               "\ufffd31m \ufffdevil")
    assert printable("Israel\u2019s \u201ccoordination\u201d \u05e9\u05dc\u05d5\u05dd") == (
        "Israel\u2019s \u201ccoordination\u201d \u05e9\u05dc\u05d5\u05dd")


def test_control_characters_adds_del_and_c1_to_what_xml_forbids():
    text = "a\x7fb\x9bc\x85d\ufeffe\u00a0f"
    assert control_characters(text) == [(1, "\x7f"), (3, "\x9b"), (5, "\x85")]
    assert control_characters("tab\tand\r\nbreaks \u05e9\u05dc\u05d5\u05dd \U0001f600") == []


def test_character_problem_names_the_character_and_its_position():
    code, message, hint = character_problem("Gantz urges\x07 Abbas\x00")
    assert code == "S109"
    assert message == "the text holds U+0007, a control character, at character 12 (and 1 more)"
    assert hint.startswith("delete it")
    assert character_problem("a\ufffeb")[1] == ("the text holds U+FFFE, a non-character, at "
                                                "character 2")
    code, message, _ = character_problem("Abbas \u202erejected\u202c it")
    assert code == "S110"
    assert message == ("the text holds U+202E RIGHT-TO-LEFT OVERRIDE, at character 7 "
                       "(and 1 more)")
    assert character_problem("Israel\u2019s \u201cdefense\u201d \u200fminister\n") is None


def test_walk_texts_yields_every_string_with_its_document_path():
    raw = {"actors": [{"id": "a", "aliases": ["x", "y"]}],
           "interactions": [{"evidence": [{"quote": "q", "n": 3}]}]}
    assert list(walk_texts(raw)) == [
        (("actors", 0, "id"), "a"), (("actors", 0, "aliases", 0), "x"),
        (("actors", 0, "aliases", 1), "y"), (("interactions", 0, "evidence", 0, "quote"), "q")]


def test_character_problem_reports_exactly_the_control_and_bidi_characters():
    for code in [*range(0x250), *range(0x2000, 0x2100), *range(0xd7f0, 0xe010),
                 *range(0xfff0, 0x10010), 0x10ffff]:
        char = chr(code)
        expected = bool(control_characters(char) or bidi_controls(char))
        assert (character_problem(f"a {char} b") is not None) is expected, hex(code)

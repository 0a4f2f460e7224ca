"""Finding and neutralising characters that must not reach an output unchanged."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from hypothesis import given
from hypothesis import strategies as st

from graphviz_app.text import bidi_controls, describe, printable, xml_forbidden, xml_safe


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

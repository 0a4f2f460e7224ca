"""Characters that a text must not carry into an output unchanged.

Three kinds: characters XML 1.0 forbids (C0 controls, lone surrogates, U+FFFE/U+FFFF), which
make GraphML and GEXF unreadable; bidirectional controls, which reorder what a reader sees
so that it differs from what was checked; and terminal controls, which let a seed's text
drive the terminal that ``find`` prints it to. The finders are pure, for validation rules;
the cleaners are for the outputs.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

REPLACEMENT = "\ufffd"

# XML 1.0, production [2] Char:
# #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

# The explicit embeddings and overrides (LRE RLE PDF LRO RLO) and isolates (LRI RLI FSI PDI):
# they reorder the text around them. The implicit marks (LRM, RLM, ALM) only nudge neutral
# characters and are left alone.
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_BIDI = re.compile(f"[{BIDI_CONTROLS}]")

# What a terminal may act on: C0 controls but tab and newline, DEL, C1 controls (CSI is
# U+009B), and the bidirectional controls.
_UNPRINTABLE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{BIDI_CONTROLS}]")


# What no data text should hold: everything XML 1.0 forbids, and DEL and the C1 controls,
# which XML allows but which are never text and which terminals act on.
_CONTROL = re.compile("[^\t\n\r\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


# What neither kind above can be: a text made only of these has no problem, and one search
# says so (nearly every text of the data), where finding each kind takes a pass of its own.
_CLEAN = re.compile("[\t\n\r\x20-\x7e\xa0-\u2029\u202f-\u2065\u206a-\ud7ff\ue000-\ufffd"
                    "\U00010000-\U0010ffff]*")


def describe(char: str) -> str:
    """A character as a message names it: ``U+0007``."""
    return f"U+{ord(char):04X}"


def xml_forbidden(text: str) -> list[tuple[int, str]]:
    """(offset, character) of every character XML 1.0 does not allow, in text order."""
    return [(m.start(), m.group()) for m in _NOT_XML.finditer(text)]


def xml_safe(text: str) -> str:
    """The text with every character XML 1.0 does not allow replaced by U+FFFD."""
    return _NOT_XML.sub(REPLACEMENT, text)


def bidi_controls(text: str) -> list[tuple[int, str]]:
    """(offset, character) of every bidirectional embedding, override or isolate."""
    return [(m.start(), m.group()) for m in _BIDI.finditer(text)]


def printable(text: str) -> str:
    """The text safe to print to a terminal: control characters but newline and tab, and
    bidirectional controls, shown as U+FFFD, so escape sequences in a seed stay inert."""
    return _UNPRINTABLE.sub(REPLACEMENT, text.replace("\r\n", "\n").replace("\r", "\n"))


def control_characters(text: str) -> list[tuple[int, str]]:
    """(offset, character) of every control character, non-character U+FFFE/U+FFFF or lone
    surrogate: what XML forbids, plus DEL and the C1 controls. Tab and line breaks are text."""
    return [(m.start(), m.group()) for m in _CONTROL.finditer(text)]


def _kind(char: str) -> str:
    if "\ud800" <= char <= "\udfff":
        return "a lone surrogate"
    if char in "\ufffe\uffff":
        return "a non-character"
    return "a control character"


def character_problem(text: str) -> tuple[str, str, str] | None:
    """(code, message, help) for the first character a data text must not hold, or None.

    S109: a control character (see ``control_characters``): GraphML and GEXF cannot hold
    it, a terminal acts on it, and no reader sees it. S110: a bidirectional embedding,
    override or isolate: the folded quote ignores it, but a browser reorders the text
    around it, so the reader would see something other than what was checked.
    """
    if _CLEAN.fullmatch(text):
        return None
    found = control_characters(text)
    if found:
        char = found[0][1]
        return ("S109", f"the text holds {describe(char)}, {_kind(char)}, {_where(found)}",
                "delete it: it is not text, and exports and terminals cannot show it")
    found = bidi_controls(text)
    if found:
        char = found[0][1]
        return ("S110", f"the text holds {describe(char)} {unicodedata.name(char)}, "
                f"{_where(found)}", "delete it: it reorders the text around it when shown, so "
                "readers would see other words than those checked")
    return None


def _where(found: list[tuple[int, str]]) -> str:
    more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
    return f"at character {found[0][0] + 1}{more}"


def walk_texts(value: object, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """(document path, text) for every string in nested mappings and lists, in order.

    The paths are those ``Loaded.problem`` takes: ``("interactions", 3, "evidence", 0,
    "quote")``. Mapping keys are not walked: unknown keys are reported by their own rule.
    """
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from walk_texts(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from walk_texts(item, (*path, index))

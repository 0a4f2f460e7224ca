"""The data file as YAML: decode it, compose plain data, and note where every value is.

``read_source`` never raises for bad text: an undecodable byte, a syntax error, a duplicate
key, a tag or an alias bomb comes back as a ``Problem`` (rules Y001-Y007) with the document
it could compose, if any. Only a file that cannot be read at all raises ``OSError``.

Positions are 1-based and count characters (not bytes) after a leading byte order mark,
so they agree with what an editor shows, whatever the line endings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .files import DATA_LIMIT, read_regular
from .problems import ERROR, Problem, quoted, rule

DocPath = tuple  # where a value sits in the document: ("interactions", 3, "evidence", 0, "quote")
Position = tuple[int, int]  # 1-based (line, column)

# the line breaks of YAML 1.2, as the parser counts lines
LINE_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")
MAX_EXPANDED = 200_000  # values that aliases may add to a document; guards against alias bombs
MAX_DEPTH = 64  # records nest a few levels deep; far deeper is hostile, whatever the stack allows
BOM = "\ufeff"
# YAML reads `date: 2023` as an integer; to us it is a year
DATE_KEYS = ("date", "published")

YAML_SYNTAX = rule(
    "Y001", "yaml-syntax", ERROR, "the file is not valid YAML",
    "The YAML parser stopped here. Look at the line shown and the one before it: an "
    "unclosed quote, a tab used for indentation or a missing colon are the usual causes.")
DUPLICATE_KEY = rule(
    "Y002", "duplicate-key", ERROR, "a key appears twice in the same mapping",
    "YAML keeps only one of two equal keys, so one value would be lost silently. "
    "Delete or rename one of them.")
NOT_A_MAPPING = rule(
    "Y003", "not-a-mapping", ERROR, "the document is not a mapping of sections",
    "The file must be a mapping with the sections articles, actors and interactions "
    "(and optionally sides and campaigns), each a list.")
EMPTY_FILE = rule(
    "Y004", "empty-file", ERROR, "the file holds no data",
    "The file is empty or holds only comments. Start from the data format in the README.")
NOT_UTF8 = rule(
    "Y005", "not-utf8", ERROR, "the file is not UTF-8 text",
    "Save the file as UTF-8. The position shown is the first byte that is not UTF-8.")
TOO_COMPLEX = rule(
    "Y006", "too-complex", ERROR, "anchors and aliases expand to too much data",
    "Aliases (*name) repeat the data they point at; here they nest so deeply or so "
    "often that the document would be enormous, or they refer to themselves. "
    "Write the data out instead.")
YAML_TAG = rule(
    "Y007", "yaml-tag", ERROR, "a YAML tag (!name or !!type) on a value",
    "The data file holds plain texts, lists and mappings. Tags such as "
    "`!!python/object` or `!custom` ask a YAML reader to build other objects; they "
    "are never honoured here. Delete the tag.")


@dataclass
class Positions:
    """Where each value and each mapping key of the document starts."""

    values: dict[DocPath, Position] = field(default_factory=dict)
    keys: dict[DocPath, Position] = field(default_factory=dict)

    def of_value(self, path: DocPath) -> Position:
        """The value at ``path``, or its nearest parent that has a position."""
        while path and path not in self.values:
            path = path[:-1]
        return self.values.get(path, (1, 1))

    def of_key(self, path: DocPath) -> Position:
        """The key at the end of ``path`` (else its value)."""
        return self.keys.get(path) or self.of_value(path)


@dataclass(frozen=True)
class Source:
    """A data file as YAML: its text, the composed document and where everything is."""

    path: Path
    display: str  # the path as shown in diagnostics
    text: str
    document: Any  # None when nothing could be composed
    positions: Positions
    problems: tuple[Problem, ...]

    def lines(self) -> list[str]:
        """The file's lines, split where the YAML parser counts a new line."""
        return LINE_BREAK.split(self.text)

    def problem(self, path: DocPath, code: str, message: str, help: str | None = None,
                on_key: bool = False) -> Problem:
        """A problem positioned at the value (or the key) at ``path``."""
        line, column = self.positions.of_key(path) if on_key else self.positions.of_value(path)
        return Problem(self.display, line, column, code, message, help, path)


def read_source(path: Path, display: str | None = None, data: bytes | None = None) -> Source:
    """Decode and compose a data file. Raises OSError only if it cannot be read."""
    path = Path(path)
    display = display or str(path)
    raw = read_regular(path, DATA_LIMIT) if data is None else data
    text, problems = _decode(display, raw)
    positions = Positions()
    document = None
    if text is not None:
        document, problems = _compose(display, text, positions)
    return Source(path, display, text or "", document, positions, tuple(problems))


def _decode(display: str, raw: bytes) -> tuple[str | None, list[Problem]]:
    """The file as text without its byte order mark, or None and a Y005 problem."""
    raw = raw.removeprefix(BOM.encode("utf-8"))
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as err:
        line_start = raw.rfind(b"\n", 0, err.start) + 1
        line = raw.count(b"\n", 0, err.start) + 1
        column = len(raw[line_start:err.start].decode("utf-8", "replace")) + 1
        return None, [Problem(display, line, column, NOT_UTF8,
                              f"byte 0x{raw[err.start]:02x} is not valid UTF-8",
                              "re-save the file with UTF-8 encoding")]


# --- composing ----------------------------------------------------------------------------
#
# We compose plain data from the parser's event stream ourselves instead of using
# ruamel's round-trip loader: the events carry every position we need, the C parser
# makes this about 13 times faster than the round-trip loader on the 10,000-interaction
# benchmark project, and it lets one pass note every duplicate key and tag while resolving
# scalars by the YAML 1.2 core schema (so `no` stays text and dates stay as typed).

_CORE = "tag:yaml.org,2002:"
_NULL = re.compile(r"~|null|Null|NULL|")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False,
         "FALSE": False}
_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?"
                    r"|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)")


def _compose(display: str, text: str, positions: Positions) -> tuple[Any, list[Problem]]:
    """The document as plain data (or None) and the problems met on the way."""
    from ruamel.yaml import YAML

    composer = _Composer(display, positions, YAML(typ="safe", pure=False).parse(text))
    problems: list[Problem] = []
    try:
        document = composer.document()
    except _TooComplex as err:
        problems.append(Problem(display, *composer.where, TOO_COMPLEX, str(err),
                                "aliases (*name) may repeat data, but not this much: "
                                "write the repeated parts out, or use fewer aliases"))
        document = None
    except Exception as err:  # the parser has more error types than it documents
        problems.append(syntax_problem(display, text, err))
        document = None
    else:
        if document is None:
            problems.append(Problem(display, 1, 1, EMPTY_FILE, "the file holds no data",
                                    "add the sections articles, actors and interactions"))
    return document, problems + composer.notes


class _TooComplex(Exception):
    pass


class _Composer:
    """Events -> plain dicts, lists and scalars, with positions, duplicates and tags noted.

    Aliases are the only way a small file becomes a huge document, so only what they add
    is counted against ``MAX_EXPANDED``: a large file that is written out is never refused.
    """

    def __init__(self, display: str, positions: Positions, events):
        self.display = display
        self.positions = positions
        self.events = iter(events)
        self.anchors: dict[str, Any] = {}
        self.sizes: dict[int, int] = {}  # values in each composed collection, nested ones too
        self.open: set[int] = set()  # collections being composed: an alias to one is a cycle
        self.expanded = 0  # values that aliases have added so far
        self.notes: list[Problem] = []
        self.where: Position = (1, 1)

    def _next(self):
        event = next(self.events)
        mark = event.start_mark
        if mark is not None:
            self.where = (mark.line + 1, mark.column + 1)
        return event

    def document(self) -> Any:
        from ruamel.yaml import events as ev

        self._next()  # stream start
        start = self._next()
        if isinstance(start, ev.StreamEndEvent):
            return None
        root = self.node(self._next(), ())
        self._next()  # document end
        if not isinstance(self._next(), ev.StreamEndEvent):
            from ruamel.yaml.composer import ComposerError

            raise ComposerError("expected a single document in the stream", None,
                                "but found another document", self._mark())
        return root

    def _mark(self):
        from ruamel.yaml.error import StreamMark

        return StreamMark(self.display, 0, self.where[0] - 1, self.where[1] - 1)

    def node(self, event, path: DocPath) -> Any:
        from ruamel.yaml import events as ev

        if len(path) > MAX_DEPTH:
            raise _TooComplex(f"the document nests more than {MAX_DEPTH} levels deep")
        if isinstance(event, ev.AliasEvent):
            return self._alias(event)
        self._check_tag(event, path)
        if isinstance(event, ev.ScalarEvent):
            value = self._scalar(event, path)
        elif isinstance(event, ev.SequenceStartEvent):
            value = self._sequence(event, path)
        else:
            value = self._mapping(event, path)
        if event.anchor:
            self.anchors[event.anchor] = value
        return value

    def _alias(self, event) -> Any:
        from ruamel.yaml.composer import ComposerError

        if event.anchor not in self.anchors:
            raise ComposerError(None, None, f"found undefined alias {event.anchor!r}",
                                event.start_mark)
        value = self.anchors[event.anchor]
        if id(value) in self.open:
            raise _TooComplex("an alias refers to the mapping or list that contains it")
        self.expanded += self._size(value)
        if self.expanded > MAX_EXPANDED:
            raise _TooComplex(f"aliases expand the document by more than {MAX_EXPANDED:,} "
                              "values")
        return value

    def _check_tag(self, event, path: DocPath) -> None:
        tag = event.tag
        if tag in (None, "!") or (tag.startswith(_CORE) and tag[len(_CORE):] in
                                  ("str", "int", "float", "bool", "null", "map", "seq")):
            return
        shown = tag.replace(_CORE, "!!")
        self.notes.append(Problem(
            self.display, *self.where, YAML_TAG, f"unsupported tag {quoted(shown)}",
            "delete the tag: the data file holds plain texts, lists and mappings only", path))

    def _scalar(self, event, path: DocPath) -> Any:
        text = event.value
        if event.tag == _CORE + "str" or event.style or not event.implicit[0]:
            return text
        if _NULL.fullmatch(text):
            return None
        if text in _BOOL:
            return _BOOL[text]
        if _INT.fullmatch(text):
            number = int(text, 0) if text[:2] in ("0o", "0x") else int(text)
            return text if path and path[-1] in DATE_KEYS else number
        if _FLOAT.fullmatch(text):
            return float(text.lower().replace(".inf", "inf").replace(".nan", "nan"))
        return text

    def _opening(self, event, value) -> None:
        """Register a collection before its children, so a self-referencing alias is caught."""
        self.open.add(id(value))
        if event.anchor:
            self.anchors[event.anchor] = value

    def _closing(self, value, children: int) -> None:
        self.open.discard(id(value))
        self.sizes[id(value)] = 1 + children

    def _size(self, value: Any) -> int:
        return self.sizes.get(id(value), 1)

    def _sequence(self, event, path: DocPath) -> list:
        from ruamel.yaml import events as ev

        items: list = []
        self._opening(event, items)
        total = 0
        while not isinstance(event := self._next(), ev.SequenceEndEvent):
            child = path + (len(items),)
            self.positions.values.setdefault(child, self.where)
            items.append(self.node(event, child))
            total += self._size(items[-1])
        self._closing(items, total)
        return items

    def _mapping(self, event, path: DocPath) -> dict:
        from ruamel.yaml import events as ev

        mapping: dict = {}
        self._opening(event, mapping)
        total = 0
        while not isinstance(event := self._next(), ev.MappingEndEvent):
            key_at = self.where
            key = key_text(self.node(event, path + ("<key>",)))
            value_event = self._next()
            child = path + (key,)
            if key in mapping:
                self.notes.append(Problem(
                    self.display, *key_at, DUPLICATE_KEY, f"duplicate key {quoted(key)}",
                    "keep one of the two; the first one is the one checked", child))
                self.node(value_event, path + ("<duplicate>",))
                continue
            self.positions.keys[child] = key_at
            self.positions.values[child] = self.where
            mapping[key] = self.node(value_event, child)
            total += self._size(mapping[key])
        self._closing(mapping, total)
        return mapping


def key_text(key: Any) -> str:
    """Keys as text: a key YAML reads as a number or a list is still a key the user typed."""
    return key if isinstance(key, str) else str(key)


# --- syntax errors, in words a curator can act on ------------------------------------------


def syntax_problem(display: str, text: str, err: Exception) -> Problem:
    """The Y001 (or Y006) problem for an exception the parser raised."""
    from ruamel.yaml.error import MarkedYAMLError
    from ruamel.yaml.reader import ReaderError

    if isinstance(err, RecursionError):
        return Problem(display, 1, 1, TOO_COMPLEX, "the document nests too deeply",
                       "flatten the structure: records nest at most a few levels")
    if isinstance(err, ReaderError) and isinstance(err.character, int):
        line, column = _line_column(text, err.position)
        return Problem(display, line, column, YAML_SYNTAX,
                       f"control character U+{err.character:04X} is not allowed",
                       "delete the character (it is invisible in most editors)")
    if isinstance(err, MarkedYAMLError):
        mark = err.problem_mark or err.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = " ".join(_one_line(x) for x in (err.context, err.problem) if x) or "invalid YAML"
        return Problem(display, line, column, YAML_SYNTAX, what,
                       syntax_help(what, _line(text, line), _line(text, line - 1), column))
    return Problem(display, 1, 1, YAML_SYNTAX, f"invalid YAML: {_one_line(str(err))}",
                   "fix the syntax of the file")


def _one_line(text: str) -> str:
    return " ".join(str(text).split())[:200]


def _line(text: str, number: int) -> str:
    lines = LINE_BREAK.split(text)
    return lines[number - 1] if 0 < number <= len(lines) else ""


def _line_column(text: str, offset: int) -> Position:
    """1-based line and column of a character offset, counting lines as the parser does."""
    lines = LINE_BREAK.split(text[: max(0, offset)])
    return len(lines), len(lines[-1]) + 1


_KEY = re.compile(r"(\s*)(?:- )?[\w-]+:(?:\s|$)")
_DOUBLE_QUOTED = re.compile(r'\s*(?:- )?[\w-]+:\s+"')


def syntax_help(what: str, line: str = "", before: str = "", column: int = 0) -> str:
    """The fix for a parser message, in the curator's terms, given the line it points at
    and the line before it."""
    if "tab" in what:
        return "indent with spaces, not tabs"
    if "escape" in what:
        return ("a backslash in double quotes starts an escape: write \\\\ for a backslash, "
                "or put the text in single quotes")
    if _DOUBLE_QUOTED.match(line) and line.count('"') - line.count('\\"') > 2 \
            and "expected" in what:
        return ('a " inside a text in double quotes ends the text: write it as \\" or put the '
                "whole text in single quotes ('...', where a ' is written '')")
    if "quoted scalar" in what or "end of stream" in what:
        return "a quote is not closed: check that every opening quote has its closing quote"
    if "mapping values are not allowed" in what:
        return _mapping_value_help(line, before)
    if "single document" in what:
        return "keep one document: delete the `---` line and merge the sections"
    if "alias" in what:
        return "define the anchor (&name) before using the alias (*name), or write the data out"
    return "fix the syntax at the position shown (or on the line before it)"


def _mapping_value_help(line: str, before: str) -> str:
    """A key indented further than the one above it, or a value that holds ': '."""
    here, above = _KEY.match(line), _KEY.match(before)
    if here and above and len(here.group(1)) > len(above.group(1)) + (2 * before.lstrip()
                                                                       .startswith("- ")):
        width = len(above.group(1)) + (2 if before.lstrip().startswith("- ") else 0)
        return (f"this key is indented further than the key above it: indent it by {width} "
                "spaces, like the other keys of the record")
    return "a value holding ': ' must be quoted"

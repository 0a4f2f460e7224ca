"""YAML -> Dataset, with a line and column for every node and problems as data.

The loader never raises for bad data: syntax errors, duplicate keys, wrong shapes and
schema violations come back as ``Problem`` records pointing at the offending line. Only a
file that cannot be read at all raises ``OSError``.

Positions are 1-based and count characters (not bytes) after a leading byte order mark,
so they agree with what an editor shows, whatever the line endings.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .model import SECTIONS, Dataset
from .problems import Problem, quoted
from .suggest import did_you_mean
from .vocabulary import actor_kinds, interaction_types

Path_ = tuple  # a path into the document: ("interactions", 3, "evidence", 0, "quote")

# the line breaks of YAML 1.2, as the parser counts lines
LINE_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")
MAX_NODES = 200_000  # expanded size of the document; guards against alias bombs
MAX_DEPTH = 64  # records nest a few levels deep; far deeper is hostile, whatever the stack allows
BOM = "\ufeff"
# YAML reads `date: 2023` as an integer; to us it is a year
DATE_KEYS = ("date", "published")


@dataclass
class Loaded:
    """A data file as loaded: the dataset (None when unusable), problems, positions."""

    path: Path
    display: str  # the path as shown in diagnostics
    root: Path  # project root: seeds and article files are relative to it
    text: str = ""
    dataset: Dataset | None = None
    problems: list[Problem] = field(default_factory=list)
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    # for each section, the document index of each record that passed the schema
    indices: dict[str, list[int]] = field(default_factory=dict)
    # every record as plain data, valid or not: usage checks count references from all
    raw: dict[str, list[Any]] = field(default_factory=dict)

    @property
    def ids(self) -> dict[str, list[str]]:
        """The ids of every record that has one, valid or not, by section.

        Counting invalid records too keeps one schema error from cascading into "unknown
        id" errors everywhere that record is referenced.
        """
        found = {
            section: [item["id"] for item in items
                      if isinstance(item, dict) and isinstance(item.get("id"), str)]
            for section, items in self.raw.items()
        }
        return {section: ids for section, ids in found.items() if ids}

    def at(self, path: Path_) -> tuple[int, int]:
        """1-based (line, column) of the value at ``path``, or of its nearest parent."""
        while path and path not in self.values:
            path = path[:-1]
        return self.values.get(path, (1, 1))

    def record_path(self, section: str, position: int, *rest) -> Path_:
        """The document path of the ``position``-th valid record of a section."""
        return (section, self.indices[section][position], *rest)

    def key_at(self, path: Path_) -> tuple[int, int]:
        """1-based (line, column) of the key at the end of ``path`` (else of its value)."""
        return self.keys.get(path) or self.at(path)

    def problem(self, path: Path_, code: str, message: str, help: str | None = None,
                on_key: bool = False) -> Problem:
        """A problem positioned at the value (or the key) at ``path``."""
        line, column = self.key_at(path) if on_key else self.at(path)
        return Problem(self.display, line, column, code, message, help)

    def source_lines(self) -> list[str]:
        """The file's lines, split where the YAML parser counts a new line."""
        return LINE_BREAK.split(self.text)

    def problem_at(self, line: int, column: int, code: str, message: str,
                   help: str | None = None) -> Problem:
        """A problem at an explicit 1-based position."""
        return Problem(self.display, line, column, code, message, help)


def default_root(data_path: Path) -> Path:
    """The project root: the folder that holds the data folder."""
    return data_path.resolve().parent.parent


def load_dataset(path: Path, root: Path | None = None, display: str | None = None) -> Loaded:
    """Load and schema-check a data file. Raises OSError only if it cannot be read."""
    raw = Path(path).read_bytes()
    loaded = Loaded(Path(path), display or str(path), root or default_root(Path(path)))
    text = _decode(loaded, raw)
    if text is None:
        return loaded
    loaded.text = text
    document = _parse(loaded)
    if document is not None:
        _check_document(loaded, document)
    return loaded


def _decode(loaded: Loaded, raw: bytes) -> str | None:
    """The file as text without its byte order mark, or None and a Y005 problem."""
    raw = raw.removeprefix(BOM.encode("utf-8"))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line_start = raw.rfind(b"\n", 0, err.start) + 1
        line = raw.count(b"\n", 0, err.start) + 1
        column = len(raw[line_start:err.start].decode("utf-8", "replace")) + 1
        loaded.problems.append(loaded.problem_at(
            line, column, "Y005", f"byte 0x{raw[err.start]:02x} is not valid UTF-8",
            "re-save the file with UTF-8 encoding"))
        return None


# --- parsing ----------------------------------------------------------------------------
#
# We compose plain data from the parser's event stream ourselves instead of using
# ruamel's round-trip loader: the events carry every position we need, the C parser
# makes this about fifty times faster on large files, and it lets one pass note every
# duplicate key and tag while resolving scalars by the YAML 1.2 core schema (so `no` stays
# text and dates stay as the curator typed them).

_CORE = "tag:yaml.org,2002:"
_NULL = re.compile(r"~|null|Null|NULL|")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False,
         "FALSE": False}
_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?"
                    r"|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)")


def _parse(loaded: Loaded) -> Any:
    """The document as plain data, or None with the reason recorded as a problem."""
    from ruamel.yaml import YAML

    composer = _Composer(loaded, YAML(typ="safe", pure=False).parse(loaded.text))
    try:
        document = composer.document()
    except _TooComplex as err:
        loaded.problems.append(loaded.problem_at(
            *composer.where, "Y006", str(err),
            "write the data out instead of repeating or nesting it"))
        document = None
    except Exception as err:  # the parser has more error types than it documents
        loaded.problems.append(_syntax_problem(loaded, err))
        document = None
    else:
        if document is None:
            loaded.problems.append(loaded.problem_at(
                1, 1, "Y004", "the file holds no data",
                "add the sections articles, actors and interactions"))
    loaded.problems.extend(composer.notes)
    return document


class _Composer:
    """Events -> plain dicts, lists and scalars, with positions, duplicates and tags noted."""

    def __init__(self, loaded: Loaded, events):
        self.loaded = loaded
        self.events = iter(events)
        self.anchors: dict[str, Any] = {}
        self.sizes: dict[int, int] = {}  # expanded size of each composed collection
        self.open: set[int] = set()  # collections being composed: an alias to one is a cycle
        self.notes: list[Problem] = []
        self.where = (1, 1)

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

        return StreamMark(self.loaded.display, 0, self.where[0] - 1, self.where[1] - 1)

    def node(self, event, path: Path_) -> Any:
        from ruamel.yaml import events as ev

        if len(path) > MAX_DEPTH:
            raise _TooComplex(f"the document nests more than {MAX_DEPTH} levels deep")
        if isinstance(event, ev.AliasEvent):
            return self._alias(event)
        self._check_tag(event)
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
        return value

    def _check_tag(self, event) -> None:
        tag = event.tag
        if tag in (None, "!") or (tag.startswith(_CORE) and tag[len(_CORE):] in
                                  ("str", "int", "float", "bool", "null", "map", "seq")):
            return
        shown = tag.replace(_CORE, "!!")
        self.notes.append(self.loaded.problem_at(
            *self.where, "Y007", f"unsupported tag {quoted(shown)}",
            "delete the tag: the data file holds plain texts, lists and mappings only"))

    def _scalar(self, event, path: Path_) -> Any:
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

    def _collection(self, value, children: int) -> None:
        size = 1 + children
        if size > MAX_NODES:
            raise _TooComplex(f"the document expands to more than {MAX_NODES:,} values")
        self.sizes[id(value)] = size

    def _size(self, value: Any) -> int:
        return self.sizes.get(id(value), 1)

    def _sequence(self, event, path: Path_) -> list:
        from ruamel.yaml import events as ev

        items: list = []
        self._opening(event, items)
        total = 0
        while not isinstance(event := self._next(), ev.SequenceEndEvent):
            child = path + (len(items),)
            self.loaded.values.setdefault(child, self.where)
            items.append(self.node(event, child))
            total += self._size(items[-1])
            if total > MAX_NODES:
                raise _TooComplex(f"the document expands to more than {MAX_NODES:,} values")
        self.open.discard(id(items))
        self._collection(items, total)
        return items

    def _mapping(self, event, path: Path_) -> dict:
        from ruamel.yaml import events as ev

        mapping: dict = {}
        self._opening(event, mapping)
        total = 0
        while not isinstance(event := self._next(), ev.MappingEndEvent):
            key_at = self.where
            key = _key_text(self.node(event, path + ("<key>",)))
            value_event = self._next()
            child = path + (key,)
            if key in mapping:
                self.notes.append(self.loaded.problem_at(
                    *key_at, "Y002", f"duplicate key {quoted(key)}",
                    "keep one of the two; the first one is the one checked"))
                self.node(value_event, path + ("<duplicate>",))
                continue
            self.loaded.keys[child] = key_at
            self.loaded.values[child] = self.where
            mapping[key] = self.node(value_event, child)
            total += self._size(mapping[key])
            if total > MAX_NODES:
                raise _TooComplex(f"the document expands to more than {MAX_NODES:,} values")
        self.open.discard(id(mapping))
        self._collection(mapping, total)
        return mapping


def _syntax_problem(loaded: Loaded, err: Exception) -> Problem:
    from ruamel.yaml.error import MarkedYAMLError
    from ruamel.yaml.reader import ReaderError

    if isinstance(err, RecursionError):
        return loaded.problem_at(1, 1, "Y006", "the document nests too deeply",
                                 "flatten the structure: records nest at most a few levels")
    if isinstance(err, ReaderError) and isinstance(err.character, int):
        line, column = _line_column(loaded.text, err.position)
        return loaded.problem_at(line, column, "Y001",
                                 f"control character U+{err.character:04X} is not allowed",
                                 "delete the character (it is invisible in most editors)")
    if isinstance(err, MarkedYAMLError):
        mark = err.problem_mark or err.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = " ".join(_one_line(x) for x in (err.context, err.problem) if x) or "invalid YAML"
        return loaded.problem_at(line, column, "Y001", what, _syntax_help(what))
    return loaded.problem_at(1, 1, "Y001", f"invalid YAML: {_one_line(str(err))}",
                             "fix the syntax of the file")


def _one_line(text: str) -> str:
    return " ".join(str(text).split())[:200]


def _line_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset, counting lines as the parser does."""
    lines = LINE_BREAK.split(text[: max(0, offset)])
    return len(lines), len(lines[-1]) + 1


def _syntax_help(what: str) -> str:
    if "tab" in what:
        return "indent with spaces, not tabs"
    if "escape" in what:
        return ("a backslash in double quotes starts an escape: write \\\\ for a backslash, "
                "or put the text in single quotes")
    if "quoted scalar" in what or "end of stream" in what:
        return "a quote is not closed: check that every opening quote has its closing quote"
    if "mapping values are not allowed" in what:
        return "a value holding ': ' must be quoted"
    if "single document" in what:
        return "keep one document: delete the `---` line and merge the sections"
    if "alias" in what:
        return "define the anchor (&name) before using the alias (*name), or write the data out"
    return "fix the syntax at the position shown (or on the line before it)"


# --- the document -----------------------------------------------------------------------


def _check_document(loaded: Loaded, document: Any) -> None:
    if not isinstance(document, dict):
        loaded.problems.append(loaded.problem(
            (), "Y003", f"expected a mapping of sections, found {_kind(document)}",
            "start the file with `articles:`, `actors:` and `interactions:`"))
        return
    sections: dict[str, list] = {}
    for key, value in document.items():
        records = _check_section(loaded, key, value)
        if records is not None:
            sections[key] = records
    loaded.dataset = Dataset.model_construct(**sections)


def _check_section(loaded: Loaded, key: Any, value: Any) -> list | None:
    """The valid records of one top-level section, or None if it is unusable."""
    if not isinstance(key, str) or key not in SECTIONS:
        hint = did_you_mean(str(key), SECTIONS) or f"known sections: {', '.join(SECTIONS)}"
        loaded.problems.append(loaded.problem(
            (_key_text(key),), "S101", f"unknown section {quoted(key)}", hint, on_key=True))
        return None
    if value is None:
        return []
    if not isinstance(value, list):
        loaded.problems.append(loaded.problem(
            (key,), "S103", f"`{key}` must be a list, found {_kind(value)}",
            f"write each item on its own line under `{key}:` as `- id: ...`"))
        return None
    checked = [(i, _validate_item(loaded, key, i, item)) for i, item in enumerate(value)]
    loaded.indices[key] = [i for i, record in checked if record is not None]
    return [record for _, record in checked if record is not None]


def _validate_item(loaded: Loaded, section: str, index: int, item: Any):
    model = SECTIONS[section]
    path = (section, index)
    loaded.raw.setdefault(section, []).append(item)
    if not isinstance(item, dict):
        loaded.problems.append(loaded.problem(
            path, "S103", f"each item of `{section}` must be a mapping, found {_kind(item)}",
            "write the item as `- id: ...` followed by its keys, indented"))
        return None
    try:
        return model.model_validate(item)
    except ValidationError as err:
        loaded.problems.extend(_schema_problems(loaded, model, path, err))
        return None


class _TooComplex(Exception):
    pass


def _key_text(key: Any) -> str:
    """Keys as text: a key YAML reads as a number or a list is still a key the user typed."""
    return key if isinstance(key, str) else str(key)


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, str):
        return f"the text {quoted(value)}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, (list, tuple)):
        return "a list"
    return f"a value of type {type(value).__name__}"


# --- schema errors -> problems ----------------------------------------------------------


def _schema_problems(loaded: Loaded, model, path: Path_, err: ValidationError) -> Iterator[Problem]:
    for e in err.errors(include_url=False):
        loc = tuple(x for x in e["loc"] if not (isinstance(x, str) and x in ("str", "none")))
        error = _SchemaError(loaded, model, path, loc, e)
        handler = _SCHEMA_HANDLERS.get(e["type"], _wrong_type)
        yield handler(error)


@dataclass
class _SchemaError:
    """One pydantic error, with what the messages need to know about where it is."""

    loaded: Loaded
    model: Any
    record_path: Path_
    loc: tuple
    error: dict

    @property
    def where(self) -> Path_:
        return self.record_path + self.loc

    @property
    def field(self) -> str:
        return next((x for x in reversed(self.loc) if isinstance(x, str)), "")

    @property
    def value(self) -> Any:
        return self.error.get("input")

    def owner(self) -> str:
        """The name of the record the error sits in: article, evidence, ..."""
        inner = _model_at(self.model, self.loc[:-1]) or self.model
        return inner.__name__.lower()

    def problem(self, code: str, message: str, help: str | None = None, **kw) -> Problem:
        return self.loaded.problem(self.where, code, message, help, **kw)


def _unknown_key(e: _SchemaError) -> Problem:
    parent = _model_at(e.model, e.loc[:-1])
    known = list(parent.model_fields) if parent else []
    key = e.loc[-1]
    return e.problem("S101", f"unknown key {quoted(key)} in {e.owner()}",
                     did_you_mean(str(key), known) or f"known keys: {', '.join(known)}",
                     on_key=True)


def _missing_key(e: _SchemaError) -> Problem:
    owner = e.owner()
    return e.loaded.problem(e.where[:-1], "S102", f"missing key {quoted(e.loc[-1])} in {owner}",
                            f"add `{e.loc[-1]}:` to this {owner}")


def _unknown_type(e: _SchemaError) -> Problem:
    return _unknown_value(e, "interaction type", interaction_types())


def _unknown_kind(e: _SchemaError) -> Problem:
    return _unknown_value(e, "actor kind", actor_kinds())


def _unknown_value(e: _SchemaError, what: str, vocabulary) -> Problem:
    return e.problem("S104", f"unknown {what} {quoted(e.value)}",
                     did_you_mean(str(e.value), vocabulary)
                     or f"use one of: {', '.join(vocabulary)}")


def _bad_date(e: _SchemaError) -> Problem:
    partial = "" if e.field == "published" else ", YYYY-MM or YYYY"
    return e.problem("S105", f"bad date {quoted(e.value)} in `{e.field}`: {e.error['msg']}",
                     f"write the date as YYYY-MM-DD{partial}")


def _bad_id(e: _SchemaError) -> Problem:
    return e.problem("S106", f"malformed id {quoted(e.value)} in `{e.field}`",
                     "use lowercase letters, digits and single hyphens, e.g. "
                     f"{quoted(_slugify(str(e.value)))}")


def _empty(e: _SchemaError) -> Problem:
    if e.field == "evidence":
        return e.problem("S107", f"empty evidence list in {e.owner()}",
                         "cite at least one quote: `- article: ...` and `quote: ...`")
    return e.problem("S107", f"`{e.field}` is blank in {e.owner()}",
                     f"give `{e.field}` a value, or delete the key if it is optional")


def _bad_colour(e: _SchemaError) -> Problem:
    return e.problem("S103", f"bad colour {quoted(e.value)}",
                     'write a colour as "#rrggbb" (quoted: # starts a comment)')


def _bad_wikidata(e: _SchemaError) -> Problem:
    return e.problem("S103", f"bad Wikidata id {quoted(e.value)}",
                     "write a Wikidata id as Q followed by digits, e.g. Q42 "
                     "(the id at the end of the item's wikidata.org address)")


def _wrong_type(e: _SchemaError) -> Problem:
    expected = {"string_type": "a text", "list_type": "a list", "model_type": "a mapping",
                "dict_type": "a mapping", "model_attributes_type": "a mapping",
                "string_sub_type": "a text"}.get(e.error["type"], _one_line(e.error["msg"]).lower())
    value = e.value
    scalar = value is not None and not isinstance(value, (dict, list))
    hint = 'put the value in quotes: "..."' if e.error["type"] == "string_type" and scalar else None
    name = e.field or e.model.__name__.lower()
    return e.problem("S103", f"`{name}` must be {expected}, found {_kind(value)}", hint)


_SCHEMA_HANDLERS = {
    "extra_forbidden": _unknown_key,
    "missing": _missing_key,
    "unknown_type": _unknown_type,
    "unknown_kind": _unknown_kind,
    "bad_date": _bad_date,
    "bad_id": _bad_id,
    "blank": _empty,
    "too_short": _empty,
    "bad_colour": _bad_colour,
    "bad_wikidata": _bad_wikidata,
}


def _model_at(model, loc: tuple):
    """The model class that a location inside ``model`` points into."""
    for part in loc:
        if isinstance(part, int):
            continue
        annotation = model.model_fields[part].annotation if part in model.model_fields else None
        inner = [a for a in getattr(annotation, "__args__", ()) if hasattr(a, "model_fields")]
        inner += [b for a in getattr(annotation, "__args__", ())
                  for b in getattr(a, "__args__", ()) if hasattr(b, "model_fields")]
        model = inner[0] if inner else None
        if model is None:
            return None
    return model


def _slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "my-id"

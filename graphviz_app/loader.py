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
    # ids of every record that had one, valid or not, so one schema error does not
    # cascade into "unknown id" errors everywhere it is referenced
    ids: dict[str, list[str]] = field(default_factory=dict)
    # for each section, the document index of each record that passed the schema
    indices: dict[str, list[int]] = field(default_factory=dict)
    # every record as plain data, valid or not: usage checks count references from all
    raw: dict[str, list[Any]] = field(default_factory=dict)

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


def _yaml():
    from ruamel.yaml import YAML
    from ruamel.yaml.constructor import RoundTripConstructor

    class Constructor(RoundTripConstructor):
        """Keeps dates as typed text, and notes duplicate keys and tags instead of failing.

        Noting rather than raising lets one pass report every duplicate key and still
        check the rest of the file.
        """

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.duplicates: list[tuple[Any, Any]] = []
            self.tags: list[tuple[str, Any]] = []

        def check_mapping_key(self, node, key_node, mapping, key, value) -> bool:
            if key in mapping:
                self.duplicates.append((key, key_node.start_mark))
                return False  # keep the first value
            return True

        def construct_unknown(self, node):
            self.tags.append((node.tag, node.start_mark))
            yield from super().construct_unknown(node)

    Constructor.add_constructor("tag:yaml.org,2002:timestamp",
                                RoundTripConstructor.construct_yaml_str)
    for tag in (None, *(f"tag:yaml.org,2002:{t}" for t in ("binary", "omap", "pairs", "set"))):
        Constructor.add_constructor(tag, Constructor.construct_unknown)
    yaml = YAML(typ="rt")
    yaml.Constructor = Constructor
    return yaml


def _parse(loaded: Loaded) -> Any:
    """The document, or None with the reason recorded as a problem."""
    yaml = _yaml()
    try:
        document = yaml.load(loaded.text)
    except Exception as err:  # the parser has more error types than it documents
        loaded.problems.append(_syntax_problem(loaded, err))
        document = None
    else:
        if document is None:
            loaded.problems.append(loaded.problem_at(
                1, 1, "Y004", "the file holds no data",
                "add the sections articles, actors and interactions"))
    finally:
        loaded.problems.extend(_constructor_notes(loaded, yaml))
    return document


def _constructor_notes(loaded: Loaded, yaml) -> Iterator[Problem]:
    constructor = getattr(yaml, "_constructor", None)
    for key, mark in getattr(constructor, "duplicates", ()):
        yield loaded.problem_at(mark.line + 1, mark.column + 1, "Y002",
                                f"duplicate key {quoted(key)}",
                                "keep one of the two; the first one is the one checked")
    for tag, mark in getattr(constructor, "tags", ()):
        shown = str(tag).replace("tag:yaml.org,2002:", "!!")
        yield loaded.problem_at(mark.line + 1, mark.column + 1, "Y007",
                                f"unsupported tag {quoted(shown)}",
                                "delete the tag: the data file holds plain texts, lists and "
                                "mappings only")


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
    try:
        _record_positions(loaded, document, (), set(), [0])
    except (RecursionError, _TooComplex) as err:
        loaded.problems.append(loaded.problem(
            (), "Y006", str(err) or "the document nests too deeply",
            "write the data out instead of repeating it with aliases"))
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
    plain = _plain(item)
    loaded.raw.setdefault(section, []).append(plain)
    if isinstance(plain, dict) and isinstance(plain.get("id"), str):
        loaded.ids.setdefault(section, []).append(plain["id"])
    if not isinstance(plain, dict):
        loaded.problems.append(loaded.problem(
            path, "S103", f"each item of `{section}` must be a mapping, found {_kind(item)}",
            "write the item as `- id: ...` followed by its keys, indented"))
        return None
    try:
        return model.model_validate(plain)
    except ValidationError as err:
        loaded.problems.extend(_schema_problems(loaded, model, path, err))
        return None


class _TooComplex(Exception):
    pass


def _record_positions(loaded: Loaded, node: Any, path: Path_, active: set[int],
                      size: list[int]) -> None:
    """Walk the document once, noting positions, refusing cycles and alias bombs."""
    size[0] += 1
    if size[0] > MAX_NODES:
        raise _TooComplex(f"the document expands to more than {MAX_NODES:,} values")
    if not isinstance(node, (dict, list)):
        return
    if id(node) in active:
        raise _TooComplex("an alias refers to the mapping or list that contains it")
    if len(path) > MAX_DEPTH:
        raise _TooComplex(f"the document nests more than {MAX_DEPTH} levels deep")
    active.add(id(node))
    if isinstance(node, dict):
        for key in node:
            child = path + (_key_text(key),)
            _note(loaded.keys, child, _pos(getattr(node, "lc", None), "key", key))
            _note(loaded.values, child, _pos(getattr(node, "lc", None), "value", key))
            _record_positions(loaded, node[key], child, active, size)
    else:
        for i, item in enumerate(node):
            _note(loaded.values, path + (i,), _pos(getattr(node, "lc", None), "item", i))
            _record_positions(loaded, item, path + (i,), active, size)
    active.discard(id(node))


def _note(positions: dict, path: Path_, pos: tuple[int, int] | None) -> None:
    if pos is not None:
        positions.setdefault(path, pos)


def _pos(lc, which: str, key) -> tuple[int, int] | None:
    try:
        line, column = getattr(lc, which)(key)
    except (KeyError, IndexError, TypeError, AttributeError, ValueError):
        return None
    return line + 1, column + 1


def _key_text(key: Any) -> str:
    """Keys as text: a key YAML reads as a number or a list is still a key the user typed."""
    return key if isinstance(key, str) else str(key)


def _plain(node: Any, key: Any = None) -> Any:
    """ruamel's round-trip types -> plain dicts, lists and scalars for pydantic."""
    from ruamel.yaml.comments import TaggedScalar

    if isinstance(node, dict):
        return {_key_text(k): _plain(v, k) for k, v in node.items()}
    if isinstance(node, (list, tuple)):
        return [_plain(v) for v in node]
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, str):
        return str(node)
    if isinstance(node, int):
        return str(int(node)) if key in DATE_KEYS else int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, TaggedScalar):  # its tag is reported as Y007; check the value
        return node.value
    return node


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

"""YAML -> Dataset, with a line and column for every node and problems as data.

The loader never raises for bad data: syntax errors, duplicate keys, wrong shapes and
schema violations come back as ``Problem`` records pointing at the offending line. Only a
file that cannot be read at all raises ``OSError``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .model import SECTIONS, Dataset
from .problems import Problem
from .suggest import did_you_mean
from .vocabulary import actor_kinds, interaction_types

Path_ = tuple  # a path into the document: ("interactions", 3, "evidence", 0, "quote")

MAX_NODES = 200_000  # expanded size of the document; guards against alias bombs


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

    def at(self, path: Path_) -> tuple[int, int]:
        """1-based (line, column) of the value at ``path``, or of its nearest parent."""
        while path and path not in self.values:
            path = path[:-1]
        return self.values.get(path, (1, 1))

    def record_path(self, section: str, position: int, *rest) -> Path_:
        """The document path of the ``position``-th valid record of a section."""
        return (section, self.indices[section][position], *rest)

    def key_at(self, path: Path_) -> tuple[int, int]:
        return self.keys.get(path) or self.at(path)

    def problem(self, path: Path_, code: str, message: str, help: str | None = None,
                on_key: bool = False) -> Problem:
        line, column = self.key_at(path) if on_key else self.at(path)
        return Problem(self.display, line, column, code, message, help)


def default_root(data_path: Path) -> Path:
    """The project root: the folder that holds the data folder."""
    return data_path.resolve().parent.parent


def load_dataset(path: Path, root: Path | None = None, display: str | None = None) -> Loaded:
    """Load and schema-check a data file. Raises OSError only if it cannot be read."""
    raw = Path(path).read_bytes()
    loaded = Loaded(Path(path), display or str(path), root or default_root(Path(path)))
    try:
        loaded.text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        column = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        loaded.problems.append(Problem(loaded.display, line, column, "Y005",
                                       f"byte 0x{raw[err.start]:02x} is not valid UTF-8",
                                       "re-save the file with UTF-8 encoding"))
        return loaded
    document = _parse(loaded)
    if document is not None:
        _check_document(loaded, document)
    return loaded


def _yaml():
    from ruamel.yaml import YAML
    from ruamel.yaml.constructor import RoundTripConstructor

    class Constructor(RoundTripConstructor):
        """Keeps dates as the text the curator typed; our models check them."""

    Constructor.add_constructor("tag:yaml.org,2002:timestamp", RoundTripConstructor.construct_yaml_str)
    yaml = YAML(typ="rt")
    yaml.Constructor = Constructor
    return yaml


def _parse(loaded: Loaded) -> Any:
    from ruamel.yaml.constructor import DuplicateKeyError
    from ruamel.yaml.error import MarkedYAMLError

    text = loaded.text
    try:
        document = _yaml().load(text)
    except DuplicateKeyError as err:
        mark = err.problem_mark
        key = (err.problem or "").split('"')[1] if '"' in (err.problem or "") else "a key"
        loaded.problems.append(Problem(loaded.display, mark.line + 1, mark.column + 1, "Y002",
                                       f"duplicate key {key!r}",
                                       "keep one of the two; YAML would silently drop the other"))
        return None
    except MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = " ".join(x for x in (err.context, err.problem) if x) or "invalid YAML"
        loaded.problems.append(Problem(loaded.display, line, column, "Y001", what,
                                       _syntax_help(what)))
        return None
    except RecursionError:
        loaded.problems.append(Problem(loaded.display, 1, 1, "Y006", "the document nests too deeply"))
        return None
    except Exception as err:  # the parser has more error types than it documents
        loaded.problems.append(Problem(loaded.display, 1, 1, "Y001", f"invalid YAML: {err}"))
        return None
    if document is None:
        loaded.problems.append(Problem(loaded.display, 1, 1, "Y004", "the file holds no data",
                                       "add the sections articles, actors and interactions"))
    return document


def _syntax_help(what: str) -> str:
    if "tab" in what:
        return "indent with spaces, not tabs"
    if "quoted scalar" in what or "end of stream" in what:
        return "a quote is not closed: check that every opening quote has its closing quote"
    if "mapping values are not allowed" in what:
        return "a value holding ': ' must be quoted"
    return "fix the syntax at the position shown (or on the line before it)"


def _check_document(loaded: Loaded, document: Any) -> None:
    from ruamel.yaml.comments import CommentedMap

    if not isinstance(document, CommentedMap):
        loaded.problems.append(loaded.problem((), "Y003",
                                              f"expected a mapping of sections, found {_kind(document)}",
                                              "start the file with `articles:`, `actors:` and `interactions:`"))
        return
    try:
        _record_positions(loaded, document, (), set(), [0])
    except (RecursionError, _TooComplex) as err:
        loaded.problems.append(loaded.problem((), "Y006", str(err) or "the document nests too deeply"))
        return
    sections: dict[str, list] = {}
    for key, value in document.items():
        if not isinstance(key, str) or key not in SECTIONS:
            hint = did_you_mean(str(key), SECTIONS)
            loaded.problems.append(loaded.problem((key,), "S101", f"unknown section {str(key)!r}",
                                                  hint, on_key=True))
        elif value is None:
            sections[key] = []
        elif not isinstance(value, list):
            loaded.problems.append(loaded.problem((key,), "S103",
                                                  f"`{key}` must be a list, found {_kind(value)}",
                                                  f"write each item on its own line under `{key}:` as `- id: ...`"))
        else:
            records = [(i, _validate_item(loaded, key, i, item)) for i, item in enumerate(value)]
            sections[key] = [record for _, record in records if record is not None]
            loaded.indices[key] = [i for i, record in records if record is not None]
    loaded.dataset = Dataset.model_construct(**sections)


def _validate_item(loaded: Loaded, section: str, index: int, item: Any):
    model = SECTIONS[section]
    path = (section, index)
    if isinstance(item, dict) and isinstance(item.get("id"), str):
        loaded.ids.setdefault(section, []).append(item["id"])
    if not isinstance(item, dict):
        loaded.problems.append(loaded.problem(path, "S103", f"each item of `{section}` must be a mapping, "
                                              f"found {_kind(item)}", "write the item as `- id: ...` "
                                              "followed by its keys, indented"))
        return None
    try:
        return model.model_validate(_plain(item))
    except ValidationError as err:
        loaded.problems.extend(_schema_problems(loaded, model, path, err))
        return None


class _TooComplex(Exception):
    pass


def _record_positions(loaded: Loaded, node: Any, path: Path_, active: set[int], size: list[int]) -> None:
    """Walk the document once, noting positions, refusing cycles and alias bombs."""
    size[0] += 1
    if size[0] > MAX_NODES:
        raise _TooComplex(f"the document expands to more than {MAX_NODES:,} nodes")
    if not isinstance(node, (dict, list)):
        return
    if id(node) in active:
        raise _TooComplex("an alias refers to the mapping or list that contains it")
    active.add(id(node))
    if isinstance(node, dict):
        for key in node:
            child = path + (key,)
            if (pos := _pos(node.lc.key, key)) is not None:
                loaded.keys[child] = pos
            if (pos := _pos(node.lc.value, key)) is not None:
                loaded.values[child] = pos
            _record_positions(loaded, node[key], child, active, size)
    else:
        for i, item in enumerate(node):
            if (pos := _pos(node.lc.item, i)) is not None:
                loaded.values[path + (i,)] = pos
            _record_positions(loaded, item, path + (i,), active, size)
    active.discard(id(node))


def _pos(getter, key) -> tuple[int, int] | None:
    try:
        line, column = getter(key)
    except (KeyError, IndexError, TypeError, AttributeError):
        return None
    return line + 1, column + 1


def _plain(node: Any) -> Any:
    """ruamel's round-trip types -> plain dicts, lists and scalars for pydantic."""
    if isinstance(node, dict):
        return {key if isinstance(key, str) else _plain(key): _plain(v) for key, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, str):
        return str(node)
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    return node


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, str):
        return f"the text {value[:40]!r}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


def _schema_problems(loaded: Loaded, model, path: Path_, err: ValidationError) -> Iterator[Problem]:
    for e in err.errors(include_url=False):
        loc = tuple(x for x in e["loc"] if not (isinstance(x, str) and x in ("str", "none")))
        yield _schema_problem(loaded, model, path, loc, e)


def _schema_problem(loaded: Loaded, model, path: Path_, loc: tuple, e: dict) -> Problem:
    where = path + loc
    field_name = next((x for x in reversed(loc) if isinstance(x, str)), "")
    kind = e["type"]
    value = e.get("input")
    record = model.__name__.lower()
    if kind == "extra_forbidden":
        parent = _model_at(model, loc[:-1])
        known = list(parent.model_fields) if parent else []
        return loaded.problem(where, "S101", f"unknown key {loc[-1]!r} in {record}",
                              did_you_mean(str(loc[-1]), known) or f"known keys: {', '.join(known)}",
                              on_key=True)
    if kind == "missing":
        return loaded.problem(path + loc[:-1], "S102", f"missing key {loc[-1]!r} in {record}",
                              f"add `{loc[-1]}:` to this {record}")
    if kind == "value_error" and field_name == "type":
        return loaded.problem(where, "S104", f"unknown interaction type {value!r}",
                              did_you_mean(str(value), interaction_types())
                              or f"use one of: {', '.join(interaction_types())}")
    if kind == "value_error" and field_name == "kind":
        return loaded.problem(where, "S104", f"unknown actor kind {value!r}",
                              did_you_mean(str(value), actor_kinds())
                              or f"use one of: {', '.join(actor_kinds())}")
    if field_name in ("date", "published") and isinstance(value, str):
        msg = e["msg"].removeprefix("Value error, ")
        if kind == "string_pattern_mismatch":
            msg = "expected a full date as YYYY-MM-DD"
        return loaded.problem(where, "S105", f"bad date {value!r} in `{field_name}`: {msg}",
                              "write the date as YYYY-MM-DD" + (", YYYY-MM or YYYY" if field_name == "date" else ""))
    if kind == "string_pattern_mismatch":
        if field_name == "colour":
            return loaded.problem(where, "S103", f"bad colour {value!r}", "write a colour as #rrggbb")
        return loaded.problem(where, "S106", f"malformed id {value!r} in `{field_name}`",
                              f"use lowercase letters, digits and hyphens, e.g. {_slugify(str(value))!r}")
    if kind in ("string_too_short", "too_short"):
        what = "evidence list" if field_name == "evidence" else f"`{field_name}`"
        return loaded.problem(where, "S107", f"empty {what} in {record}",
                              "cite at least one quote" if field_name == "evidence" else f"give `{field_name}` a value")
    expected = {"string_type": "a text", "list_type": "a list", "model_type": "a mapping",
                "dict_type": "a mapping", "model_attributes_type": "a mapping"}.get(kind, e["msg"])
    return loaded.problem(where, "S103", f"`{field_name or record}` must be {expected}, found {_kind(value)}",
                          'put the value in quotes: "..."' if kind == "string_type" and value is not None
                          and not isinstance(value, (dict, list)) else None)


def _model_at(model, loc: tuple):
    """The model class that a location inside ``model`` points into."""
    for part in loc:
        if isinstance(part, int):
            continue
        annotation = model.model_fields[part].annotation if part in model.model_fields else None
        model = next((a for a in getattr(annotation, "__args__", ()) if hasattr(a, "model_fields")), None)
        if model is None:
            return None
    return model


def _slugify(text: str) -> str:
    import re

    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "my-id"

"""The records of a data file: sections -> pydantic records, with problems as data.

``load_dataset`` reads the YAML (``source``), then checks each section and record against
the data model. It never raises for bad data: wrong shapes and schema violations come back
as ``Problem`` records (rules S101-S107) pointing at the offending value. Only a file that
cannot be read at all raises ``OSError``.
"""

from __future__ import annotations

from collections.abc import Iterator, MutableMapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .model import PROJECT_FIELDS, SECTIONS, Dataset, slugify
from .problems import ERROR, Problem, quoted, rule
from .source import DocPath, Source, key_text, read_source
from .suggest import did_you_mean
from .vocabulary import actor_kinds, interaction_types

UNKNOWN_KEY = rule(
    "S101", "unknown-key", ERROR, "a key that the data format does not know",
    "Unknown keys are usually typos. The help line names the closest known key; the "
    "data format in the README lists them all.")
MISSING_KEY = rule(
    "S102", "missing-key", ERROR, "a required key is missing",
    "Add the key to the record the position points at.")
WRONG_TYPE = rule(
    "S103", "wrong-type", ERROR, "a value of the wrong type",
    "Texts are strings, lists are YAML lists ([a, b] or one '- item' per line) and "
    "records are mappings. Quote a value that YAML reads as a number or a boolean.")
UNKNOWN_VALUE = rule(
    "S104", "unknown-value", ERROR, "a value outside its vocabulary",
    "Interaction types and actor kinds come from a fixed vocabulary: "
    "`graphviz-app rules S104` lists them below, and the help line suggests the closest.")
BAD_DATE = rule(
    "S105", "bad-date", ERROR, "a malformed or impossible date",
    "Dates are YYYY-MM-DD (articles: always a full date), or YYYY-MM or YYYY for an "
    "interaction whose article is vague. The date must exist (no 2021-02-30).")
BAD_ID = rule(
    "S106", "bad-id", ERROR, "a malformed id or slug",
    "Ids and slugs are lowercase letters and digits, joined by single hyphens or "
    "underscores: `gantz-abbas-call-2022-12-28`.")
EMPTY_VALUE = rule(
    "S107", "empty-value", ERROR, "a value that must not be empty",
    "Give the key a value, or delete it if it is optional. Every interaction needs at "
    "least one evidence quote.")


@dataclass(frozen=True)
class Loaded:
    """A data file as loaded: its source, the valid records and the problems found."""

    source: Source
    root: Path  # project root: seeds and article files are relative to it
    dataset: Dataset | None  # None when the file is unusable
    # for each section, the document index of each record that passed the schema
    indices: dict[str, list[int]]
    # every record as plain data, valid or not: usage checks count references from all
    raw: dict[str, list[Any]]
    problems: tuple[Problem, ...]

    @property
    def path(self) -> Path:
        return self.source.path

    @property
    def display(self) -> str:
        return self.source.display

    @cached_property  # rules ask for it once per section they check; read it, never change it
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

    def record_path(self, section: str, position: int, *rest) -> DocPath:
        """The document path of the ``position``-th valid record of a section."""
        return (section, self.indices[section][position], *rest)

    def at(self, path: DocPath) -> tuple[int, int]:
        """1-based (line, column) of the value at ``path``, or of its nearest parent."""
        return self.source.positions.of_value(path)

    def problem(self, path: DocPath, code: str, message: str, help: str | None = None,
                on_key: bool = False) -> Problem:
        """A problem positioned at the value (or the key) at ``path``."""
        return self.source.problem(path, code, message, help, on_key)

    def source_lines(self) -> list[str]:
        return self.source.lines()


def default_root(data_path: Path) -> Path:
    """The project root that article files are relative to, when --root does not say.

    The folder holding ``data/`` when the file is in one (the layout the README gives);
    else the nearest folder, from the file's own upwards, that has a ``seeds/`` folder; else
    the working directory when it has one (validating a copy of the data kept elsewhere
    against the project one works in); else the folder above the file's.
    """
    folder = Path(data_path).resolve().parent
    if folder.name == "data":
        return folder.parent
    for candidate in (folder, *folder.parents, Path.cwd().resolve()):
        if (candidate / "seeds").is_dir():
            return candidate
    return folder.parent


def load_dataset(path: Path, root: Path | None = None, display: str | None = None,
                 data: bytes | None = None, source: Source | None = None,
                 validated: MutableMapping | None = None) -> Loaded:
    """Read and schema-check a data file. Raises OSError only if it cannot be read.

    A rebuild may pass the ``source`` it composed itself and ``validated``, the valid
    records of earlier builds by the identity of their composed value (a record whose
    text did not change is composed to the very same object).
    """
    source = source if source is not None else read_source(path, display, data)
    records = _Records(source, validated)
    if source.document is not None:
        records.check_document(source.document)
    return Loaded(source, Path(root) if root else default_root(Path(path)),
                  records.dataset, records.indices, records.raw,
                  source.problems + tuple(records.problems))


class _Records:
    """The sections of a composed document checked against the model, one record at a time."""

    def __init__(self, source: Source, validated: MutableMapping | None = None) -> None:
        self.source = source
        self.validated = validated
        self.dataset: Dataset | None = None
        self.indices: dict[str, list[int]] = {}
        self.raw: dict[str, list[Any]] = {}
        self.problems: list[Problem] = []

    def report(self, path: DocPath, code, message: str, help: str | None = None,
               on_key: bool = False) -> None:
        self.problems.append(self.source.problem(path, code, message, help, on_key))

    def check_document(self, document: Any) -> None:
        if not isinstance(document, dict):
            from .source import NOT_A_MAPPING

            self.report((), NOT_A_MAPPING, f"expected a mapping of sections, found "
                        f"{_kind(document)}",
                        "start the file with `articles:`, `actors:` and `interactions:`")
            return
        fields: dict[str, Any] = {}
        for key, value in document.items():
            if key in PROJECT_FIELDS:
                fields[key] = self._project_field(key, value)
                continue
            records = self._section(key, value)
            if records is not None:
                fields[key] = records
        self.dataset = Dataset.model_construct(**fields)

    def _project_field(self, key: str, value: Any) -> str | None:
        """``title`` and ``description``: one text each."""
        if not isinstance(value, str):
            self.report((key,), WRONG_TYPE, f"`{key}` must be a text, found {_kind(value)}",
                        'put the value in quotes: "..."' if value is not None else None)
            return None
        if not value.strip():
            self.report((key,), EMPTY_VALUE, f"`{key}` is blank",
                        f"give `{key}` a value, or delete the key")
            return None
        return value

    def _section(self, key: Any, value: Any) -> list | None:
        """The valid records of one top-level section, or None if it is unusable."""
        if not isinstance(key, str) or key not in SECTIONS:
            known = [*SECTIONS, *PROJECT_FIELDS]
            hint = did_you_mean(str(key), known) or f"known sections: {', '.join(known)}"
            self.report((key_text(key),), UNKNOWN_KEY, f"unknown section {quoted(key)}", hint,
                        on_key=True)
            return None
        if value is None:
            return []
        if not isinstance(value, list):
            self.report((key,), WRONG_TYPE, f"`{key}` must be a list, found {_kind(value)}",
                        f"write each item on its own line under `{key}:` as `- id: ...`")
            return None
        checked = [(i, self._record(key, i, item)) for i, item in enumerate(value)]
        self.indices[key] = [i for i, record in checked if record is not None]
        return [record for _, record in checked if record is not None]

    def _record(self, section: str, index: int, item: Any):
        model = SECTIONS[section]
        path = (section, index)
        self.raw.setdefault(section, []).append(item)
        if not isinstance(item, dict):
            self.report(path, WRONG_TYPE,
                        f"each item of `{section}` must be a mapping, found {_kind(item)}",
                        "write the item as `- id: ...` followed by its keys, indented")
            return None
        known = self.validated.get(id(item)) if self.validated is not None else None
        if known is not None and known[0] is item and known[1] is model:
            return known[2]
        try:
            record = model.model_validate(item)
        except ValidationError as err:
            self.problems.extend(schema_problems(self.source, model, path, err))
            return None
        if self.validated is not None:
            self.validated[id(item)] = (item, model, record)
        return record


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


def schema_problems(source: Source, model, path: DocPath,
                    err: ValidationError) -> Iterator[Problem]:
    """One problem for each pydantic error of a record, in the curator's terms."""
    for e in err.errors(include_url=False):
        loc = tuple(x for x in e["loc"] if not (isinstance(x, str) and x in ("str", "none")))
        error = _SchemaError(source, model, path, loc, e)
        handler = _SCHEMA_HANDLERS.get(e["type"], _wrong_type)
        yield handler(error)


@dataclass
class _SchemaError:
    """One pydantic error, with what the messages need to know about where it is."""

    source: Source
    model: Any
    record_path: DocPath
    loc: tuple
    error: dict

    @property
    def where(self) -> DocPath:
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

    def problem(self, code, message: str, help: str | None = None, **kw) -> Problem:
        return self.source.problem(self.where, code, message, help, **kw)


def _unknown_key(e: _SchemaError) -> Problem:
    parent = _model_at(e.model, e.loc[:-1])
    known = list(parent.model_fields) if parent else []
    key = e.loc[-1]
    return e.problem(UNKNOWN_KEY, f"unknown key {quoted(key)} in {e.owner()}",
                     did_you_mean(str(key), known) or f"known keys: {', '.join(known)}",
                     on_key=True)


def _missing_key(e: _SchemaError) -> Problem:
    owner = e.owner()
    return e.source.problem(e.where[:-1], MISSING_KEY,
                            f"missing key {quoted(e.loc[-1])} in {owner}",
                            f"add `{e.loc[-1]}:` to this {owner}")


def _unknown_type(e: _SchemaError) -> Problem:
    return _unknown_value(e, "interaction type", interaction_types())


def _unknown_kind(e: _SchemaError) -> Problem:
    return _unknown_value(e, "actor kind", actor_kinds())


def _unknown_value(e: _SchemaError, what: str, vocabulary) -> Problem:
    return e.problem(UNKNOWN_VALUE, f"unknown {what} {quoted(e.value)}",
                     did_you_mean(str(e.value), vocabulary)
                     or f"use one of: {', '.join(vocabulary)}")


def _bad_date(e: _SchemaError) -> Problem:
    partial = "" if e.field == "published" else ", YYYY-MM or YYYY"
    return e.problem(BAD_DATE, f"bad date {quoted(e.value)} in `{e.field}`: {e.error['msg']}",
                     f"write the date as YYYY-MM-DD{partial}")


def _bad_id(e: _SchemaError) -> Problem:
    return e.problem(BAD_ID, f"malformed id {quoted(e.value)} in `{e.field}`",
                     "use lowercase letters, digits and single hyphens, e.g. "
                     f"{quoted(slugify(str(e.value)) or 'my-id')}")


def _empty(e: _SchemaError) -> Problem:
    if e.field == "evidence":
        return e.problem(EMPTY_VALUE, f"empty evidence list in {e.owner()}",
                         "cite at least one quote: `- article: ...` and `quote: ...`")
    return e.problem(EMPTY_VALUE, f"`{e.field}` is blank in {e.owner()}",
                     f"give `{e.field}` a value, or delete the key if it is optional")


def _bad_colour(e: _SchemaError) -> Problem:
    return e.problem(WRONG_TYPE, f"bad colour {quoted(e.value)}",
                     'write a colour as "#rrggbb" (quoted: # starts a comment)')


def _bad_wikidata(e: _SchemaError) -> Problem:
    return e.problem("S103", f"bad Wikidata id {quoted(e.value)}",
                     "write a Wikidata id as Q followed by digits, e.g. Q42 "
                     "(the id at the end of the item's wikidata.org address)")


def _wrong_type(e: _SchemaError) -> Problem:
    expected = {"string_type": "a text", "list_type": "a list", "model_type": "a mapping",
                "dict_type": "a mapping", "model_attributes_type": "a mapping",
                "string_sub_type": "a text"}.get(e.error["type"], _one_line(e.error["msg"]))
    value = e.value
    scalar = value is not None and not isinstance(value, (dict, list))
    hint = 'put the value in quotes: "..."' if e.error["type"] == "string_type" and scalar else None
    name = e.field or e.model.__name__.lower()
    return e.problem(WRONG_TYPE, f"`{name}` must be {expected}, found {_kind(value)}", hint)


def _one_line(text: str) -> str:
    return " ".join(str(text).split())[:200].lower()


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

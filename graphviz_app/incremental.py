"""What a long-running ``watch`` or ``serve`` keeps between rebuilds.

A rebuild after a one-line edit should not redo what the edit did not touch: the records
whose text is the same (parsed and validated), the seed texts (read and folded), where
each quote was found, what the costly rule families found in each record, each
interaction's JSON in the page, the positions of the actors. Each
cache is keyed by the content it was computed from (never by a file's time stamp), so a
rebuild gives the page a fresh ``build`` would give, byte for byte; only faster.

Entries not used by a build are dropped after the next one, so a long session does not
grow with every edit.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterator, MutableMapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .corpus import ArticleText
    from .layout import Position
    from .loader import Loaded


_MISSING = object()


class Recent(MutableMapping):
    """A dict that keeps only what the last two builds used.

    ``next_build`` starts a generation: what the build before it did not ask for is dropped.
    """

    def __init__(self) -> None:
        self._current: dict = {}
        self._previous: dict = {}

    def next_build(self) -> None:
        self._previous, self._current = self._current, {}

    def __getitem__(self, key):
        value = self.get(key, _MISSING)
        if value is _MISSING:
            raise KeyError(key)
        return value

    def get(self, key, default=None):
        value = self._current.get(key, _MISSING)
        if value is _MISSING:
            value = self._previous.get(key, _MISSING)
            if value is _MISSING:
                return default
            self._current[key] = value
        return value

    def __setitem__(self, key, value) -> None:
        self._current[key] = value

    def __delitem__(self, key) -> None:
        self._current.pop(key, None)
        self._previous.pop(key, None)

    def __iter__(self) -> Iterator:
        return iter(self._previous.keys() | self._current.keys())

    def __len__(self) -> int:
        return len(self._previous.keys() | self._current.keys())


class QuietCollector:
    """Keep Python's cyclic garbage collector from walking every cached object each build.

    A rebuild allocates a great deal, which sets off full collections; each one walks
    the millions of objects the caches hold (half a second at 10,000 interactions).
    During a build the collector waits, and it goes on waiting until ``collect`` is
    called once the watcher is idle, so that the page reaches the open tab first (the
    collection took 0.1-0.17 s after each rebuild at 10,000 interactions, and held back
    the tab's request for the new data); or, at the latest, when the next build starts.
    What survived is then frozen (``gc.freeze``) so later collections skip it, and now
    and then everything is collected for real.
    """

    FULL_EVERY = 20  # builds between full collections (that also free frozen cycles)

    def __init__(self) -> None:
        self.builds = 0
        self.due = False
        self.was_enabled = True

    def __enter__(self) -> None:
        import gc

        self.collect()
        self.was_enabled = gc.isenabled()
        gc.disable()

    def __exit__(self, *_) -> None:
        self.builds += 1
        self.due = True

    def collect(self) -> None:
        """The collection a build put off, if one is due."""
        import gc

        if not self.due:
            return
        self.due = False
        if self.builds % self.FULL_EVERY == 0:
            gc.unfreeze()
        gc.collect()
        gc.freeze()
        if self.was_enabled:
            gc.enable()


class Findings:
    """What the costly rule families found in each record, for ``rules.Context.recall``.

    An entry is keyed by the family's finder and the record object's identity, and holds
    the record itself (so its id cannot be reused while the entry lives) with the other
    inputs the finder read: it is used again only for the very same record object and equal
    inputs, which is what a fresh validation would compute the finding from.
    """

    def __init__(self) -> None:
        self.kept = Recent()

    def next_build(self) -> None:
        self.kept.next_build()

    def recall(self, find: Callable[..., Any], inputs: tuple, record: object) -> Any:
        key = (find, id(record))
        known = self.kept.get(key)
        if known is not None and known[0] is record and known[1] == inputs:
            return known[2]
        found = find(*inputs)
        self.kept[key] = (record, inputs, found)
        return found


class BuildCaches:
    """The caches of one watching process, passed to ``validate`` and ``build_page_files``."""

    def __init__(self) -> None:
        self.articles = Recent()  # (seed path, sha256 of its bytes) -> ArticleText
        self.quotes = Recent()  # (article text, quote) -> matches
        # positions file -> (the text this process wrote there, the positions it holds)
        self.positions: dict[Path, tuple[str, dict[str, Position]]] = {}
        self.parts = Recent()  # (kind, section, text of a record) -> its composed value
        self.records = Recent()  # id of a composed record -> (it, its model, the valid record)
        self.fragments = Recent()  # an interaction's record and quotes -> its JSON in the page
        self.findings = Findings()  # (rule finder, a record) -> what it found there

    def next_build(self) -> None:
        """Call before each build: entries the previous build did not use are let go."""
        for cache in (self.articles, self.quotes, self.parts, self.records, self.fragments,
                      self.findings):
            cache.next_build()

    def read_article(self, path: Path, root: Path | None = None) -> ArticleText:
        """``corpus.read_article``, reusing the text (and its folded view) of an unchanged seed.

        The seed is read with the same checks (a regular file within the size limit, inside
        ``root``), and its bytes, not its time stamp, say whether it changed.
        """
        from .corpus import ArticleText
        from .files import SEED_LIMIT, InputRefused, read_regular, resolves_inside

        if root is not None and not resolves_inside(path, root):
            raise InputRefused(path, "is a link to a file outside the project")
        raw = read_regular(path, SEED_LIMIT)
        key = (str(path), hashlib.sha256(raw).digest())
        text = self.articles.get(key)
        if text is None:
            text = self.articles[key] = ArticleText(Path(path), raw.decode("utf-8"))
        return text

    def load_dataset(self, path: Path, root: Path | None, display: str | None) -> Loaded:
        """``loader.load_dataset``: the same records and problems, reusing unchanged records."""
        from .files import DATA_LIMIT, read_regular
        from .loader import load_dataset

        raw = read_regular(path, DATA_LIMIT)
        source = read_source_by_records(Path(path), display or str(path), raw, self.parts)
        return load_dataset(path, root, display, raw, source=source, validated=self.records)

    def read_positions(self, path: Path) -> dict[str, Position]:
        """``layout.read_positions``, without parsing again the file this process wrote."""
        from .layout import read_positions

        written = self.positions.get(Path(path).resolve())
        try:
            if written is not None and Path(path).read_text("utf-8") == written[0]:
                return dict(written[1])
        except (OSError, ValueError):
            pass
        return read_positions(path)

    def wrote_positions(self, path: Path, text: str, positions: dict[str, Position]) -> None:
        self.positions[Path(path).resolve()] = (text, dict(positions))


# --- the data file, a record at a time -------------------------------------------------------
#
# Parsing the YAML is most of a rebuild after a one-line edit (about 4 s of 10 on the 10,000
# interaction project). A block-style data file is a sequence of records, each starting at
# a `- ` at its section's indentation, and a record parses alone exactly as it parses in
# the file: the same values, and the same positions once shifted by the lines before it.
# So each record's text is parsed once and kept; only records whose text changed are parsed
# again. Whatever this splitting is not sure about (flow style at the top, anchors and
# aliases, tags, duplicate keys, syntax errors, other line breaks than \n) is parsed whole,
# as ``source.read_source`` always does, so the outcome never differs.

_HEADER = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*):[ \t]*(?:#.*)?")  # `actors:` and nothing after


class _Unsure(Exception):
    """The text is not one this module splits: parse it whole."""


@dataclass(frozen=True)
class _Part:
    """One composed piece (a record, or a whole top-level entry) with its positions.

    Lines are counted from the piece's first line (1-based), paths from inside the record.
    """

    value: Any
    values: dict[tuple, tuple[int, int]]
    keys: dict[tuple, tuple[int, int]]
    start: tuple[int, int] = (1, 1)  # where the record's value starts
    dash: tuple[int, int] = (1, 1)  # where its `- ` is: a first record's is its section's


class _PieceComposer:
    """Compose one piece of a data file with ``source``'s own composer."""

    @staticmethod
    def record(section: str, text: str, display: str) -> _Part:
        """A record's lines (`  - id: ...` and what follows), composed as in its section."""
        from ruamel.yaml import events as ev

        from .source import Positions, _Composer

        positions = Positions()
        composer = _Composer(display, positions, _events(text))
        try:
            composer._next()  # stream start
            composer._next()  # document start
            start = composer._next()
            if not isinstance(start, ev.SequenceStartEvent) or start.anchor or start.tag:
                raise _Unsure
            dash = composer.where
            first = composer._next()
            at = composer.where
            value = composer.node(first, (section, 0))
            rest = [type(composer._next()) for _ in range(3)]
        except _Unsure:
            raise
        except Exception as err:  # a syntax error, an alias, anything: parse the whole file
            raise _Unsure from err
        if rest != [ev.SequenceEndEvent, ev.DocumentEndEvent, ev.StreamEndEvent]:
            raise _Unsure
        if composer.notes or composer.anchors:
            raise _Unsure
        values = {path[2:]: where for path, where in positions.values.items()}
        keys = {path[2:]: where for path, where in positions.keys.items()}
        return _Part(value, values, keys, at, dash)

    @staticmethod
    def entry(text: str, display: str) -> _Part:
        """A top-level entry that is not a list of records (`title: ...`, `sides: []`)."""
        from .source import Positions, _compose

        positions = Positions()
        document, problems = _compose(display, text, positions)
        if problems or not isinstance(document, dict) or len(document) != 1:
            raise _Unsure
        return _Part(document, dict(positions.values), dict(positions.keys))


def _events(text: str) -> Iterator:
    """The C parser's events, as ``YAML(typ="safe").parse`` gives them, set up more cheaply
    (a YAML object costs more to make than a record costs to parse)."""
    from ruamel.yaml.cyaml import CParser
    from ruamel.yaml.events import StreamEndEvent

    parser = CParser(text)
    try:
        while True:
            event = parser.get_event()
            yield event
            if isinstance(event, StreamEndEvent):
                return
    finally:
        parser.dispose()


_TOP = re.compile(r"^[^ #\n-]", re.M)  # a line that starts a top-level entry
_MARKERS = re.compile(r"^(?:---|\.\.\.|%)", re.M)  # document markers and directives
_CONTENT = re.compile(r"^( *)[^ \n#]", re.M)  # a line with something on it but a comment


def _split(text: str) -> Iterator[tuple[str, int, int, str | None]]:
    """The file's pieces: (kind, start, end, section), as character offsets into ``text``.

    kind is "entry" (one top-level entry, parsed whole), "header" (a section's `name:`
    line) or "record" (one record of the section before it). Raises _Unsure for a file it
    cannot split with certainty.
    """
    if any(c in text for c in "\r\x85\u2028\u2029\t") or _MARKERS.search(text):
        raise _Unsure
    tops = [m.start() for m in _TOP.finditer(text)]
    if not tops or _CONTENT.search(text, 0, tops[0]):
        raise _Unsure  # a document that is a list, or text before the first section
    tops.append(len(text))
    for top, end in zip(tops, tops[1:], strict=False):
        eol = text.find("\n", top, end)
        eol = end if eol == -1 else eol + 1
        header = _HEADER.fullmatch(text, top, eol - (text[eol - 1:eol] == "\n"))
        records = _record_starts(text, eol, end) if header else None
        if not records:
            yield "entry", top, end, None
            continue
        yield "header", top, records[0], header.group(1)
        for start, stop in zip(records, records[1:] + [end], strict=True):
            yield "record", start, stop, header.group(1)


def _record_starts(text: str, begin: int, end: int) -> list[int] | None:
    """Where a section's records start, or None if its value is not a block list."""
    first = _CONTENT.search(text, begin, end)
    if first is None:
        return None
    indent = len(first.group(1))
    dash = re.compile(rf"^ {{{indent}}}-(?: |$)", re.M)
    if indent == 0 or not dash.match(text, first.start(), end):
        return None
    shallower = re.compile(rf"^ {{0,{indent - 1}}}[^ \n#]", re.M)
    beside = re.compile(rf"^ {{{indent}}}(?!- |-$)[^ \n#]", re.M)
    if shallower.search(text, begin, end) or beside.search(text, begin, end):
        raise _Unsure  # something beside the list's items: not a plain list
    return [m.start() for m in dash.finditer(text, begin, end)]


class _PiecePositions:
    """``source.Positions`` for a file put together from pieces: looked up, not copied."""

    def __init__(self, top_values: dict, top_keys: dict,
                 records: dict[str, list[tuple[_Part, int]]]) -> None:
        self.values, self.keys, self.records = top_values, top_keys, records

    def _record(self, path: tuple) -> tuple[_Part, int] | None:
        if len(path) < 2 or not isinstance(path[1], int) or path[0] not in self.records:
            return None
        records = self.records[path[0]]
        return records[path[1]] if 0 <= path[1] < len(records) else None

    def of_value(self, path: tuple) -> tuple[int, int]:
        found = self._record(path)
        if found is None:
            while path and path not in self.values:
                path = path[:-1]
            return self.values.get(path, (1, 1))
        part, offset = found
        inner = path[2:]
        while inner and inner not in part.values:
            inner = inner[:-1]
        line, column = part.values[inner] if inner else part.start
        return line + offset, column

    def of_key(self, path: tuple) -> tuple[int, int]:
        found = self._record(path)
        if found is None:
            return self.keys.get(path) or self.of_value(path)
        part, offset = found
        at = part.keys.get(path[2:])
        return (at[0] + offset, at[1]) if at else self.of_value(path)


def read_source_by_records(path: Path, display: str, raw: bytes, parts: MutableMapping):
    """``source.read_source`` of ``raw``, composing only the records not in ``parts``."""
    from .source import BOM, read_source

    try:
        if raw.startswith(BOM.encode("utf-8")):
            raise _Unsure
        text = raw.decode("utf-8")
        return _assemble(path, display, text, parts)
    except (_Unsure, UnicodeDecodeError, RecursionError):
        return read_source(path, display, raw)


def _assemble(path: Path, display: str, text: str, parts: MutableMapping):
    from .source import Source

    document: dict = {}
    values: dict = {}
    keys: dict = {}
    records: dict[str, list[tuple[_Part, int]]] = {}
    line, counted = 0, 0  # lines before offset `counted` (0-based line of that offset)
    for kind, start, end, section in _split(text):
        line += text.count("\n", counted, start)
        counted = start
        if kind == "header":
            if section in document:
                raise _Unsure  # a section twice: the duplicate is reported by a whole parse
            document[section] = []
            records[section] = []
            keys[(section,)] = (line + 1, 1)
            continue
        piece = text[start:end]
        cache_key = (kind, section, piece)
        part = parts.get(cache_key)
        if part is None:
            part = parts[cache_key] = (_PieceComposer.record(section, piece, display)
                                       if kind == "record" else
                                       _PieceComposer.entry(piece, display))
        if kind == "record":
            if not records[section]:
                values[(section,)] = (part.dash[0] + line, part.dash[1])
            document[section].append(part.value)
            records[section].append((part, line))
            continue
        (name, value), = part.value.items()
        if name in document:
            raise _Unsure
        document[name] = value
        values.update({p: (n + line, column) for p, (n, column) in part.values.items()})
        keys.update({p: (n + line, column) for p, (n, column) in part.keys.items()})
    if not document:
        raise _Unsure
    positions = _PiecePositions(values, keys, records)
    return Source(Path(path), display, text, document, positions, ())

"""Adding records to the data file as text, keeping every byte that was already there.

``add-article --append`` and ``draft --append`` both come here. The new records are
rendered as YAML in the file's own indentation and inserted as text after the last line of
each list they join (``articles:``, ``actors:``, an interaction's ``evidence:``); a top-level
list the file lacks is added at its end. The file keeps its line endings, comments, quoting,
block texts and the order of its sections. The result is read back and written (atomically)
only if it holds exactly what the file held plus the new records; otherwise nothing is
written and ``AppendError`` says which line is in the way and what to do.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from io import StringIO
from pathlib import Path
from typing import Any

from .files import DATA_LIMIT, read_regular, write_atomic
from .source import BOM, LINE_BREAK, DocPath

DEFAULT_COLUMNS = (2, 4)  # `  - key: value` / `    key: value` when the file shows none
# what a section's additions are: (list path, records) pairs, or a function of the document
# as read that returns them (to find, say, the index of the interaction a quote joins)
Additions = Sequence[tuple[DocPath, list]] | Callable[[Any], Sequence[tuple[DocPath, list]]]


class AppendError(Exception):
    """The records cannot be added to this file as text; the message says why and where."""


def append_records(data: Path, additions: Additions, instead: str) -> str:
    """Insert ``records`` at the end of each list ``path`` names; return the new text.

    ``records`` are mappings (ruamel's, to keep their comments and quoting); a path is
    ``("actors",)`` or ``("interactions", 4, "evidence")``. ``instead`` is what the user
    can do when the records cannot be added ("paste the stub by hand instead"). The file
    is written only when reading it back gives the old document plus the new records.
    """
    from .loader import load_dataset

    raw = read_regular(data, DATA_LIMIT)
    bom = raw.startswith(BOM.encode("utf-8"))
    before = load_dataset(data, data=raw)
    document = before.source.document
    _refuse_unreadable(before, data, instead)
    text = before.source.text
    lines = split_lines(text)
    planned = additions(document) if callable(additions) else additions
    planned = [(tuple(path), list(records)) for path, records in planned if records]
    if not planned:
        return text
    newline = _newline(text)
    inserts = [(*_insert(before, lines, path, records, data, instead), len(path))
               for path, records in planned]
    updated = _stitch(lines, inserts, newline)
    _refuse_other_changes(before, updated, planned, data, instead,
                          min(min(insert[0] for insert in inserts), len(lines)) + 1)
    try:
        write_atomic(Path(data), (BOM if bom else "") + updated)
    except OSError as err:
        raise AppendError(f"cannot write {data}: {err.strerror or err}; it is unchanged") from None
    return updated


def split_lines(text: str) -> list[str]:
    """The text's lines with their line breaks, split where the YAML parser counts lines."""
    lines, start = [], 0
    for found in LINE_BREAK.finditer(text):
        lines.append(text[start:found.end()])
        start = found.end()
    if start < len(text):
        lines.append(text[start:])
    return lines


def _newline(text: str) -> str:
    """The file's line break (the first one it uses), so added lines match the rest."""
    found = LINE_BREAK.search(text)
    return found.group() if found else "\n"


def _refuse_unreadable(loaded, data: Path, instead: str) -> None:
    if loaded.source.document is None or not isinstance(loaded.source.document, dict):
        problem = next(iter(loaded.source.problems), None)
        where = f"{data}:{problem.line}: {problem.message}" if problem else \
            f"{data} is not a mapping of sections"
        raise AppendError(f"{where}; fix it first, or {instead}")


# --- where each list ends -----------------------------------------------------------------


def _insert(loaded, lines: list[str], path: DocPath, records: list, data: Path,
            instead: str) -> tuple[int, str]:
    """The 0-based line index to insert before and the text (with ``\\n`` breaks) to insert.

    A new section's index is one past the end, so that what joins the file's last list
    still goes under that list and the new section after it.
    """
    positions = loaded.source.positions
    document = loaded.source.document
    if len(path) == 1 and path[0] not in document:
        return len(lines) + 1, _new_section(loaded, lines, path[0], records)
    value = _at(document, path)
    key_line, key_column = positions.keys.get(path, (1, 1))
    where = f"{data}:{key_line}"
    if value is not None and not isinstance(value, list):
        raise AppendError(f"{where}: `{path[-1]}` holds {_kind(value)}, not a list to add "
                          f"to; {instead}")
    line, column = positions.values[path]
    if lines[line - 1][column - 1:column] == "[":
        raise AppendError(f"{where}: `{path[-1]}` is written in flow style ([...]); write it "
                          f"as a block list, one `- ` item per line, or {instead}")
    end = _last_line(positions, path, lines, key_column)
    if value:
        first_line, first_column = positions.values[path + (0,)]
        key = first_column - 1
        dash = max(lines[first_line - 1].rfind("-", 0, key), 0)
    else:  # the key with nothing under it yet
        offset, sequence = _file_columns(loaded, lines)
        dash, key = key_column - 1 + offset, key_column - 1 + sequence
    block = render(path[-1], records, dash - (key_column - 1), key - (key_column - 1))
    shift = " " * (key_column - 1)
    text = "".join(shift + line for line in block.splitlines(keepends=True)[1:])
    return end, text


def _at(document, path: DocPath):
    for step in path:
        document = document[step]
    return document


def _kind(value) -> str:
    return "a mapping" if isinstance(value, dict) else f"the value {value!r}"


def _last_line(positions, path: DocPath, lines: list[str], key_column: int) -> int:
    """The 1-based last line of the list at ``path``: before whatever follows it, less
    the blank lines and comments (at most as indented as its key) that head what follows."""
    inside = [at for p, at in _all_positions(positions) if p[:len(path)] == path]
    inside.append(positions.keys.get(path, (1, 1)))
    last = max(inside)
    later = [at for p, at in _all_positions(positions) if at > last and p[:len(path)] != path]
    end = min(later)[0] - 1 if later else len(lines)
    while end > last[0] and _heads_what_follows(lines[end - 1], key_column):
        end -= 1
    return end


def _all_positions(positions) -> Iterable[tuple[DocPath, tuple[int, int]]]:
    yield from positions.values.items()
    yield from positions.keys.items()


def _heads_what_follows(line: str, key_column: int) -> bool:
    """Blank lines, and comments no deeper than the list's key, belong to what follows."""
    stripped = line.strip()
    indent = len(line) - len(line.lstrip(" "))
    return not stripped or (stripped.startswith("#") and indent < key_column)


def _file_columns(loaded, lines: list[str]) -> tuple[int, int]:
    """Where the file's top-level lists put an item's dash and its keys (else 2 and 4)."""
    positions = loaded.source.positions
    for section, value in loaded.source.document.items():
        if isinstance(value, list) and value and (section, 0) in positions.values:
            line, column = positions.values[(section, 0)]
            if lines[line - 1][column - 1:column] == "[" or line == positions.keys[(section,)][0]:
                continue
            dash = max(lines[line - 1].rfind("-", 0, column - 1), 0)
            return dash, column - 1
    return DEFAULT_COLUMNS


def _new_section(loaded, lines: list[str], section: str, records: list) -> str:
    """A top-level list the file lacks, added at its end after a blank line."""
    offset, sequence = _file_columns(loaded, lines)
    lead = "\n" if lines and lines[-1].strip() else ""
    return lead + render(section, records, offset, sequence)


def _stitch(lines: list[str], inserts: list[tuple[int, str, int]], newline: str) -> str:
    """The lines with each text inserted before its line index, in the file's line breaks.

    Where two lists end on the same line (the last interaction's evidence and the
    interactions), the deeper one's records go first, so that each stays in its list.
    """
    out, start = [], 0
    for at, text, _depth in sorted(inserts, key=lambda insert: (insert[0], -insert[2])):
        out.extend(lines[start:at])
        if out and not LINE_BREAK.search(out[-1][-2:]):
            out[-1] += newline  # the file ended without a line break
        out.append(text.replace("\n", newline))
        start = at
    out.extend(lines[start:])
    return "".join(out)


# --- rendering ----------------------------------------------------------------------------


def render(section: str, records: list, offset: int = 2, sequence: int = 4) -> str:
    """``section:`` and its records as a block list: dashes ``offset`` columns in, keys
    ``sequence`` columns in; never re-wrapping a long text."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=max(sequence, offset + 2), offset=offset)
    out = StringIO()
    yaml.dump({section: list(records)}, out)
    return out.getvalue()


def plain(value) -> Any:
    """A record as the loader reads it back: dicts, lists, texts (dates as YYYY-MM-DD)."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return str(value)
    return value


# --- the check ----------------------------------------------------------------------------


def _refuse_other_changes(before, updated: str, planned, data: Path, instead: str,
                          line: int) -> None:
    """The text must read back as the old document with the new records added, nothing else."""
    from .loader import load_dataset

    expected = copy.deepcopy(before.source.document)
    for path, records in planned:
        if len(path) == 1 and path[0] not in expected:
            expected[path[0]] = []
        target = _at(expected, path[:-1])
        if target[path[-1]] is None:
            target[path[-1]] = []
        target[path[-1]].extend(plain(r) for r in records)
    after = load_dataset(data, data=updated.encode("utf-8"))
    codes = sorted(p.code for p in before.source.problems)
    if after.source.document != expected or sorted(p.code for p in after.source.problems) \
            != codes or (before.dataset is not None and after.dataset is None):
        raise AppendError(f"{data}:{line}: the records added here would not read back as "
                          f"written (the lines around it are laid out unusually); {instead}")

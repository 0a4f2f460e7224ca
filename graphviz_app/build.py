"""Building the page: validate, lay out, render, and write the page with its positions.

``build_page_files`` is what ``build``, ``watch`` and the preview server call. It returns
what happened instead of printing it: when the data has errors nothing is written and the
previous page stays as it was.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .checks import Checked, validate

if TYPE_CHECKING:
    from .incremental import BuildCaches


class OutputError(Exception):
    """An output cannot be written where it was asked for; the message says why."""


@dataclass(frozen=True)
class Built:
    """The outcome of one build."""

    checked: Checked
    output: Path
    positions: Path
    written: bool  # False when the data has errors (the old page is untouched)
    html: str | None = None  # the page written, when it was


def positions_path(output: Path) -> Path:
    """The positions cache beside a page: docs/network.html -> docs/network.positions.json."""
    return output.with_name(f"{output.stem}.positions.json")


def input_files(checked: Checked) -> list[Path]:
    """Every file a validation read: the data file and the seeds."""
    return [checked.loaded.path, *(text.path for text in checked.texts.values())]


def refuse_inputs(outputs: Iterable[Path], inputs: Iterable[Path]) -> None:
    """Raise OutputError if an output is one of the inputs, or two outputs are one file."""
    seen: dict[Path, Path] = {}
    for path in inputs:
        seen.setdefault(_identity(path), path)
    for output in outputs:
        key = _identity(output)
        if key in seen:
            raise OutputError(f"{output} is {seen[key]}, which this command reads; "
                              "writing it would destroy it: choose another output path")
        seen[key] = output


def _identity(path: Path) -> Path:
    return Path(path).resolve()


def build_page_files(data: Path, output: Path, positions: Path | None = None,
                     root: Path | None = None, relayout: bool = False,
                     display: str | None = None, caches: BuildCaches | None = None) -> Built:
    """Validate ``data`` and, if it has no errors, write the page and its positions cache.

    ``caches`` are kept by a watching process between builds (see ``incremental``); the
    page is the same with or without them. Raises OSError when the data file cannot be
    read and OutputError when an output cannot be written (or would overwrite an input).
    """
    from .layout import positions_json, read_positions
    from .render import build_page

    positions = positions or positions_path(output)
    if caches is not None:
        caches.next_build()
    checked = validate(data, root=root, display=display, caches=caches)
    refuse_inputs([output, positions], input_files(checked))
    if not checked.ok():
        return Built(checked, output, positions, written=False)
    read = caches.read_positions if caches is not None else read_positions
    page = build_page(checked, None if relayout else read(positions),
                      caches.fragments if caches is not None else None)
    cached = positions_json(page.positions)
    write_outputs({output: page.html, positions: cached})
    if caches is not None:
        caches.wrote_positions(positions, cached, page.positions)
    return Built(checked, output, positions, written=True, html=page.html)


def write_outputs(outputs: dict[Path, str | bytes]) -> None:
    """Write each output atomically; raise OutputError naming the one that failed."""
    from .files import write_atomic

    for path, content in outputs.items():
        try:
            write_atomic(path, content)
        except OSError as err:
            raise OutputError(f"cannot write {path}: {err.strerror or err}") from err

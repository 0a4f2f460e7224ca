"""Building the page: validate, lay out, render, and write the page with its positions.

``build_page_files`` is what ``build``, ``watch`` and the preview server call. It returns
what happened instead of printing it: when the data has errors nothing is written and the
previous page stays as it was.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .checks import Checked, validate


class OutputError(Exception):
    """An output cannot be written where it was asked for; the message says why."""


@dataclass(frozen=True)
class Built:
    """The outcome of one build."""

    checked: Checked
    output: Path
    positions: Path
    written: bool  # False when the data has errors (the old page is untouched)


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
                     display: str | None = None, embed: bool = False) -> Built:
    """Validate ``data`` and, if it has no errors, write the page and its positions cache.

    ``embed`` writes the page for an iframe (see ``render.build_page``); unless told
    otherwise it shares the positions of the full page beside it, so both look alike.

    Raises OSError when the data file cannot be read and OutputError when an output
    cannot be written (or would overwrite an input).
    """
    from .layout import positions_json, read_positions
    from .render import FULL_PAGE, build_page

    positions = positions or positions_path(output.with_name(FULL_PAGE) if embed else output)
    checked = validate(data, root=root, display=display)
    refuse_inputs([output, positions], input_files(checked))
    if not checked.ok():
        return Built(checked, output, positions, written=False)
    page = build_page(checked, None if relayout else read_positions(positions), embed)
    write_outputs({output: page.html, positions: positions_json(page.positions)})
    return Built(checked, output, positions, written=True)


def write_outputs(outputs: dict[Path, str | bytes]) -> None:
    """Write each output atomically; raise OutputError naming the one that failed."""
    from .files import write_atomic

    for path, content in outputs.items():
        try:
            write_atomic(path, content)
        except OSError as err:
            raise OutputError(f"cannot write {path}: {err.strerror or err}") from err

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
from .problems import quoted

if TYPE_CHECKING:
    from .incremental import BuildCaches


class OutputFailed(Exception):
    """An output cannot be written where it was asked for; the message says why."""


@dataclass(frozen=True)
class Built:
    """The outcome of one build."""

    checked: Checked
    output: Path
    positions: Path | None  # None when the page went to a device
    written: bool  # False when the data has errors (the old page is untouched)
    html: str | None = None  # the page written, when it was


def positions_path(output: Path) -> Path | None:
    """The positions cache beside a page: docs/network.html -> docs/network.positions.json.

    None when the page goes to a device (``-o /dev/stdout``): there is no folder to keep
    a cache beside it.
    """
    if not Path(output).name:
        raise OutputFailed(f"{str(output)!r} is not a file name; give the page's path")
    if Path(output).exists() and not Path(output).is_file():
        return None
    return output.with_name(f"{output.stem}.positions.json")


def input_files(checked: Checked) -> dict[Path, str]:
    """Every file a validation read, with what it is: the data file and the seeds."""
    files = {checked.loaded.path: "the data file"}
    files |= {text.path: f"the seed of article {quoted(aid)}" for aid, text in
              checked.texts.items()}
    return files


def refuse_inputs(outputs: Iterable[Path], inputs: dict[Path, str]) -> None:
    """Raise OutputFailed if an output is one of the inputs, or two outputs are one file."""
    seen: dict[Path, str] = {}
    for path, what in inputs.items():
        seen.setdefault(_identity(path), what)
    for output in outputs:
        key = _identity(output)
        if key in seen:
            raise OutputFailed(f"refusing to write {output}: it is {seen[key]}, which this "
                               "command reads, and writing it would destroy it; choose "
                               "another output path")
        seen[key] = "another output of this command"


def _identity(path: Path) -> Path:
    return Path(path).resolve()


def build_page_files(data: Path, output: Path, positions: Path | None = None,
                     root: Path | None = None, relayout: bool = False,
                     display: str | None = None, outside_seeds: bool = False,
                     embed: bool = False, caches: BuildCaches | None = None) -> Built:
    """Validate ``data`` and, if it has no errors, write the page and its positions cache.

    ``embed`` writes the page for an iframe (see ``render.build_page``); unless told
    otherwise it shares the positions of the full page beside it, so both look alike.
    ``caches`` are kept by a watching process between builds (see ``incremental``); the
    page is the same with or without them.

    Raises OSError when the data file cannot be read and OutputFailed when an output
    cannot be written (or would overwrite an input).
    """
    from .layout import positions_json, read_positions
    from .render import FULL_PAGE, build_page

    positions = positions or positions_path(output.with_name(FULL_PAGE) if embed else output)
    if caches is not None:
        caches.next_build()
    checked = validate(data, root=root, display=display, outside_seeds=outside_seeds,
                       caches=caches)
    refuse_inputs([output, *([positions] if positions else [])], input_files(checked))
    if not checked.ok():
        return Built(checked, output, positions, written=False)
    read = caches.read_positions if caches is not None else read_positions
    known = None if relayout or positions is None else read(positions)
    page = build_page(checked, known, embed, caches.fragments if caches is not None else None)
    outputs = {output: page.html}
    if positions is not None:
        outputs[positions] = positions_json(page.positions)
    write_outputs(outputs)
    if caches is not None and positions is not None:
        caches.wrote_positions(positions, outputs[positions], page.positions)
    return Built(checked, output, positions, written=True, html=page.html)


def write_outputs(outputs: dict[Path, str | bytes]) -> None:
    """Write every output or none; raise OutputFailed naming the one that failed."""
    from .files import write_together

    try:
        write_together(outputs)
    except OSError as err:
        failed = err.filename or next(iter(outputs))
        raise OutputFailed(f"cannot write {failed}: {err.strerror or err}; nothing was "
                          "written") from err

"""The library for notebooks and scripts: load a project, then graph, render or export it.

    >>> import graphviz_app
    >>> project = graphviz_app.load("data/network.yaml")
    >>> project.ok, len(project.problems)
    >>> graph = project.graph()                    # networkx.MultiDiGraph
    >>> project.write_html("network.html")
    >>> project.export("gexf", "network.gexf")

In Jupyter, a project as the last expression of a cell shows the interactive page inline
(or its problems, when it has errors). The command line runs these same functions.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from .checks import Checked, validate

if TYPE_CHECKING:
    import networkx as nx

    from .layout import Position
    from .model import Dataset
    from .problems import Problem

INLINE_HEIGHT = 720  # pixels: room for the network and the evidence panel side by side

Positions = Mapping[str, "Position"] | str | Path | None


class ProjectError(ValueError):
    """The project has data errors, so it cannot be drawn or exported."""


def load(path: str | Path = "data/network.yaml", root: str | Path | None = None) -> Project:
    """Load and check a data file; problems are collected, not raised.

    ``root`` is the folder article files are relative to (default: the folder holding the
    data file's folder). Raises ``OSError`` only when the data file cannot be read.
    """
    path = Path(path)
    checked = validate(path, Path(root) if root is not None else None, display=str(path))
    return Project(checked)


def _read_positions(positions: Positions) -> dict[str, Position] | None:
    """Known actor positions from a mapping, or from a cache file written by ``build``."""
    if positions is None or isinstance(positions, Mapping):
        return dict(positions) if positions is not None else None
    from .layout import read_positions

    return read_positions(Path(positions))


class Project:
    """A checked project: its data, its problems, and what can be made from it."""

    def __init__(self, checked: Checked):
        self.checked = checked

    # --- what was loaded ---------------------------------------------------------------

    @property
    def dataset(self) -> Dataset:
        """The records that passed the schema (sides, campaigns, articles, actors, ...)."""
        return self.checked.dataset

    @property
    def problems(self) -> tuple[Problem, ...]:
        """Every error and warning, sorted by file, line and column."""
        return self.checked.problems

    @property
    def errors(self) -> list[Problem]:
        return self.checked.errors

    @property
    def warnings(self) -> list[Problem]:
        return self.checked.warnings

    @property
    def ok(self) -> bool:
        """True when there are no errors (warnings allowed, as ``validate`` without --strict)."""
        return self.checked.ok()

    def report(self) -> str:
        """The problems as ``graphviz-app validate`` prints them, without colour."""
        from .problems import format_text

        loaded = self.checked.loaded
        return format_text(self.problems, {loaded.display: loaded.source_lines()})

    def _require_ok(self, what: str) -> None:
        if not self.ok:
            raise ProjectError(f"cannot {what}: the data has {len(self.errors)} error(s)\n\n"
                               + self.report())

    # --- what can be made from it ------------------------------------------------------

    def graph(self) -> nx.MultiDiGraph:
        """Actors as nodes, each interaction its own edge keyed by its id."""
        from .graph import build_graph

        return build_graph(self.checked)

    def html(self, positions: Positions = None, embed: bool = False) -> str:
        """The interactive page as a string.

        ``positions`` keeps actors where a cache file (``docs/network.positions.json``) or
        a mapping of actor id to (x, y) puts them; by default the layout is computed afresh.
        ``embed`` gives the page for an iframe, as ``build --embed`` does.
        """
        from .render import render_html

        self._require_ok("render the page")
        return render_html(self.checked, _read_positions(positions), embed)

    def write_html(self, path: str | Path, positions: Positions = None,
                   embed: bool = False) -> Path:
        """Write the page to ``path`` atomically; returns the path.

        Raises ``build.OutputFailed`` rather than write over the data file or a seed.
        """
        from .build import input_files, refuse_inputs, write_outputs

        page = self.html(positions, embed)
        refuse_inputs([Path(path)], input_files(self.checked))  # never over the data or a seed
        write_outputs({Path(path): page})
        return Path(path)

    def export(self, format: str, path: str | Path) -> list[Path]:
        """Export as ``graphviz-app export --format`` does; returns the files written.

        ``format`` is one of ``export_formats()``; ``csv`` writes a folder, the others a file.
        """
        from .export import EXPORTERS

        if format not in EXPORTERS:
            raise ValueError(f"unknown export format {format!r}; "
                             f"use one of: {', '.join(EXPORTERS)}")
        from .build import input_files, refuse_inputs

        self._require_ok(f"export {format}")
        refuse_inputs([Path(path)], input_files(self.checked))  # never over the data or a seed
        return EXPORTERS[format](self.checked, Path(path))

    # --- how it shows itself -----------------------------------------------------------

    def __repr__(self) -> str:
        data = self.dataset
        return (f"<Project {self.checked.loaded.display}: {len(data.actors)} actors, "
                f"{len(data.interactions)} interactions, {len(data.articles)} articles, "
                f"{len(self.errors)} errors, {len(self.warnings)} warnings>")

    def _repr_html_(self) -> str:
        """Jupyter's view: the page in a sandboxed iframe (offline: its srcdoc holds all of
        it), or the problems when the data has errors."""
        if not self.ok:
            return f"<pre>{html.escape(self.report())}</pre>"
        return iframe(self.html())


def iframe(page: str, height: int = INLINE_HEIGHT) -> str:
    """A page inline in a notebook: everything in ``srcdoc``, scripts allowed, nothing else."""
    return (f'<iframe srcdoc="{html.escape(page, quote=True)}" sandbox="allow-scripts" '
            f'style="width: 100%; height: {height}px; border: 1px solid #ddd" '
            f'title="Interaction network"></iframe>')


def export_formats() -> list[str]:
    """The formats ``Project.export`` writes."""
    from .export import EXPORTERS

    return list(EXPORTERS)

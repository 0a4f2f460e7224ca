"""The ``graphviz-app`` command line: thin commands over the library.

This is the only module that prints or exits. Commands resolve paths, call one library
function, format the result and choose the exit code: 0 clean, 1 data errors, 2 usage
errors or unreadable input.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from . import __version__

DEFAULT_DATA = Path("data/network.yaml")
DEFAULT_PAGE = Path("docs/network.html")
EXIT_CLEAN, EXIT_DATA, EXIT_USAGE = 0, 1, 2


def data_argument(command):
    """The DATA argument and --root, shared by every command that reads the data file."""
    command = click.option(
        "--root", type=click.Path(file_okay=False, path_type=Path), default=None,
        help="Project root that article files are relative to [default: the folder holding DATA's folder].",
    )(command)
    return click.argument(
        "data", type=click.Path(dir_okay=False, path_type=Path), default=DEFAULT_DATA, required=False,
    )(command)


def _display(path: Path) -> str:
    """A path as diagnostics show it: relative to the working directory where possible."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _fail_usage(message: str) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(EXIT_USAGE)


def check_data(data: Path, root: Path | None):
    """Validate DATA, exiting with code 2 if it cannot be read at all."""
    from .checks import validate

    if root is not None and not root.is_dir():
        _fail_usage(f"--root {root} is not a folder")
    try:
        return validate(data, root=root, display=_display(data))
    except IsADirectoryError:
        _fail_usage(f"{data} is a folder; give the path of the data file")
    except FileNotFoundError:
        _fail_usage(f"{data} does not exist (run from the project root, or give the data file's path)")
    except OSError as err:
        _fail_usage(f"cannot read {data}: {err.strerror or err}")


def _colour(stream) -> bool:
    return stream.isatty() and "NO_COLOR" not in os.environ


def report(checked, fmt: str = "text", err: bool = False) -> None:
    """Print the problems of a checked dataset in one of the formats."""
    from .problems import FORMATTERS

    problems = checked.problems
    if fmt == "text":
        stream = sys.stderr if err else sys.stdout
        sources = {checked.loaded.display: checked.loaded.text.splitlines()}
        click.echo(FORMATTERS["text"](problems, sources, colour=_colour(stream)), nl=False, err=err)
    else:
        click.echo(FORMATTERS[fmt](problems), nl=False, err=err)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="graphviz-app")
def cli() -> None:
    """Evidence-backed networks of who met, pressed or condemned whom.

    Reads the curated data file (default data/network.yaml), checks every quote against the
    seed articles, and draws the interactive page (default docs/network.html).
    """


@cli.command()
@data_argument
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github"]), default="text",
              show_default=True, help="text for people, json for programs, github for CI annotations.")
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
def validate(data: Path, root: Path | None, fmt: str, strict: bool) -> None:
    """Check the data file against the schema and the seed articles.

    Exit code 0 when clean (warnings allowed unless --strict), 1 when the data has errors,
    2 for usage errors or a file that cannot be read.

    Example:

        graphviz-app validate --format github data/network.yaml
    """
    checked = check_data(data, root)
    report(checked, fmt)
    sys.exit(EXIT_CLEAN if checked.ok(strict) else EXIT_DATA)


@cli.command()
@data_argument
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=DEFAULT_PAGE,
              show_default=True, help="Where to write the page.")
def build(data: Path, root: Path | None, output: Path) -> None:
    """Validate, then write the interactive HTML page.

    The page is written atomically: if the data has errors, nothing is written and the
    previous page stays as it was.

    Example:

        graphviz-app build -o docs/network.html
    """
    from .files import write_atomic
    from .render import render_html

    checked = check_data(data, root)
    if not checked.ok():
        report(checked, err=True)
        click.echo(f"build: {output} left unchanged", err=True)
        sys.exit(EXIT_DATA)
    if checked.problems:
        report(checked, err=True)
    try:
        write_atomic(output, render_html(checked))
    except OSError as err:
        _fail_usage(f"cannot write {output}: {err.strerror or err}")
    click.echo(f"wrote {output} ({len(checked.dataset.actors)} actors, "
               f"{len(checked.dataset.interactions)} interactions)")


@cli.command()
@data_argument
@click.option("--format", "fmt", type=click.Choice(["csv"]), default="csv", show_default=True,
              help="Export format.")
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True,
              help="Output folder (csv) or file.")
def export(data: Path, root: Path | None, fmt: str, output: Path) -> None:
    """Export the data as tables or graph formats.

    csv writes articles.csv, actors.csv, interactions.csv and evidence.csv into the
    output folder (lists joined with ';').

    Example:

        graphviz-app export --format csv --output out/
    """
    from .export import EXPORTERS

    checked = check_data(data, root)
    if not checked.ok():
        report(checked, err=True)
        sys.exit(EXIT_DATA)
    try:
        written = EXPORTERS[fmt](checked, output)
    except OSError as err:
        _fail_usage(f"cannot write {output}: {err.strerror or err}")
    for path in written:
        click.echo(f"wrote {path}")


def main() -> None:
    """Entry point: never show a traceback to a user."""
    try:
        cli()
    except Exception as err:  # a bug of ours: say so plainly
        click.echo(f"graphviz-app: internal error: {type(err).__name__}: {err}", err=True)
        click.echo("This is a bug in graphviz-app; please report it with the input that caused it.", err=True)
        sys.exit(EXIT_USAGE)

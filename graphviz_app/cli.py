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
EXIT_DATA, EXIT_USAGE = 1, 2  # and 0 when clean


def data_argument(command):
    """DATA, --root and --outside-seeds, shared by every command that reads the data file.

    --outside-seeds is kept in the context (``_outside_seeds``) rather than passed to each
    command: only the functions that read seeds need it.
    """
    command = click.option(
        "--outside-seeds",
        is_flag=True,
        expose_value=False,
        callback=lambda ctx, _param, value: ctx.meta.__setitem__("outside_seeds", value),
        help="Read seeds that are links to files outside the project (a seeds folder "
        "linked elsewhere on purpose). Without it such a seed is refused, so that a cloned "
        "project cannot publish other files of this machine.",
    )(command)
    command = click.option(
        "--root",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help="Project root that article files are relative to [default: the folder "
        "holding DATA's data/ folder, else the nearest folder with a seeds/ folder].",
    )(command)
    return click.argument(
        "data",
        type=click.Path(dir_okay=False, path_type=Path),
        default=DEFAULT_DATA,
        required=False,
    )(command)


def _display(path: Path) -> str:
    """A path as diagnostics show it: relative to the working directory where possible."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


class InputError(click.ClickException):
    """A usage or input error: a path that cannot be read or written. Exit code 2."""

    exit_code = EXIT_USAGE

    def show(self, file=None) -> None:
        click.echo(f"error: {self.format_message()}", err=True)


class DataError(click.ClickException):
    """The data has errors (already reported). Exit code 1."""

    exit_code = EXIT_DATA

    def show(self, file=None) -> None:
        if self.message:
            click.echo(self.message, err=True)


def _read_failure(data: Path, err: OSError) -> InputError:
    if isinstance(err, IsADirectoryError):
        return InputError(f"{data} is a folder; give the path of the data file")
    if isinstance(err, FileNotFoundError):
        return InputError(f"{data} does not exist (run from the project root, or give the "
                          "data file's path)")
    return InputError(f"cannot read {data}: {err.strerror or err}")


def _outside_seeds() -> bool:
    context = click.get_current_context(silent=True)
    return bool(context and context.meta.get("outside_seeds"))


def _check_root(root: Path | None) -> None:
    if root is not None and not root.is_dir():
        raise InputError(f"--root {root} is not a folder")


def check_data(data: Path, root: Path | None, ignore: tuple[str, ...] = ()):
    """Validate DATA; an unreadable file or an unknown --ignore is an input error."""
    from .checks import validate

    _check_root(root)
    try:
        return validate(data, root=root, display=_display(data), ignore=ignore,
                        outside_seeds=_outside_seeds())
    except KeyError as err:
        raise InputError(f"--ignore {err.args[0]!r} names no rule; `graphviz-app rules` "
                         "lists them") from None
    except OSError as err:
        raise _read_failure(data, err) from None


def load_data(data: Path, root: Path | None):
    """Load DATA's records without checking the seeds and quotes (for find and add-article)."""
    from .loader import load_dataset

    _check_root(root)
    try:
        return load_dataset(data, root, _display(data))
    except OSError as err:
        raise _read_failure(data, err) from None


def require_valid(checked, after: str | None = None):
    """Go on only if the data has no errors: else report them and exit 1.

    Warnings are reported (on stderr) and do not stop the command.
    """
    if not checked.ok():
        report(checked, err=True)
        raise DataError(after)
    if checked.problems:
        report(checked, err=True)
    return checked


def write_output(path: Path, content: str | bytes, reads: dict[Path, str] | None = None) -> None:
    """Write one output atomically, never over a file the command reads."""
    from .build import OutputFailed, refuse_inputs, write_outputs

    try:
        refuse_inputs([path], reads or {})
        write_outputs({path: content})
    except OutputFailed as err:
        raise InputError(str(err)) from None


def _installed(module: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(module) is not None


def _colour(stream) -> bool:
    return stream.isatty() and "NO_COLOR" not in os.environ


def report(checked, fmt: str = "text", err: bool = False) -> None:
    """Print the problems of a checked dataset in one of the formats."""
    from .problems import FORMATTERS

    problems = checked.problems
    if fmt == "text":
        stream = sys.stderr if err else sys.stdout
        sources = {checked.loaded.display: checked.loaded.source_lines()}
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
              show_default=True,
              help="text for people, json for programs, github for CI annotations.")
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.option("--ignore", "ignore", multiple=True, metavar="CODE",
              help="Leave out a rule: a code (Q303), a prefix (Q30) or a name; repeat it or "
                   "separate codes with commas.")
def validate(data: Path, root: Path | None, fmt: str, strict: bool,
             ignore: tuple[str, ...]) -> None:
    """Check the data file against the schema and the seed articles.

    Prints one diagnostic a problem, sorted by line: `file:line:column: CODE message`, then
    the fix on a `= help:` line. `graphviz-app rules` lists the rules and explains each.
    Exit code 0 when clean (warnings allowed unless --strict), 1 when the data has errors,
    2 for usage errors or a file that cannot be read. --ignore leaves rules out, as
    ruff's and flake8's do: ignoring the only error makes the data pass.

    Example:

        graphviz-app validate --format github data/network.yaml
        graphviz-app validate --ignore Q303,R209
    """
    selectors = tuple(part for option in ignore for part in option.split(",") if part.strip())
    checked = check_data(data, root, selectors)
    report(checked, fmt)
    if not checked.ok(strict):
        raise DataError(None)


@cli.command()
@data_argument
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              default=DEFAULT_PAGE, show_default=True, help="Where to write the page.")
@click.option("--positions", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Cache of actor positions, kept between builds "
                   "[default: beside the page, e.g. docs/network.positions.json].")
@click.option("--relayout", is_flag=True, help="Ignore the cached positions and lay out afresh.")
@click.option("--embed", is_flag=True,
              help="A page for an iframe in an article: the network and its evidence, without "
                   "the filters; its title links to network.html beside it.")
def build(data: Path, root: Path | None, output: Path, positions: Path | None,
          relayout: bool, embed: bool) -> None:
    """Validate, then write the interactive HTML page.

    The page is written atomically: if the data has errors, nothing is written and the
    previous page stays as it was. Actors keep the places cached in the positions file;
    only new actors are placed (beside those they interact with), and the cache is updated.
    With --embed the page leaves out the filters and tools, for an iframe in an article
    (any page shows the same with `#embed=1` at the end of its address).

    Example:

        graphviz-app build -o docs/network.html
        graphviz-app build --embed -o docs/embed.html
    """
    built = build_once(data, root, output, positions, relayout, embed)
    require_valid(built.checked, f"build: {output} left unchanged")
    click.echo(f"wrote {output} ({len(built.checked.dataset.actors)} actors, "
               f"{len(built.checked.dataset.interactions)} interactions)")


def build_once(data: Path, root: Path | None, output: Path, positions: Path | None = None,
               relayout: bool = False, embed: bool = False, caches=None):
    """The library's build, with its failures as this command line's errors."""
    from .build import OutputFailed, build_page_files

    _check_root(root)
    try:
        return build_page_files(data, output, positions, root, relayout, _display(data),
                                _outside_seeds(), embed, caches)
    except OutputFailed as err:
        raise InputError(str(err)) from None
    except OSError as err:
        raise _read_failure(data, err) from None


@cli.command()
@data_argument
@click.option("--format", "fmt", default="csv", show_default=True,
              type=click.Choice(["csv", "json", "graphml", "gexf", "annotations", "cameo", "svg",
                                 "ftm"]),
              help="Export format.")
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True,
              help="Output folder (csv) or file.")
def export(data: Path, root: Path | None, fmt: str, output: Path) -> None:
    """Export the data as tables or graph formats.

    \b
    csv          articles.csv, actors.csv, interactions.csv, evidence.csv in a folder
    json         networkx node-link JSON, every attribute and quote included
    graphml      for Gephi, Cytoscape and yEd (lists joined with ';')
    gexf         dynamic GEXF: Gephi's timeline plays the interactions by date
    annotations  W3C Web Annotations anchoring each quote in its article
    cameo        tab-separated events with CAMEO and PLOVER codes, one row per dyad
    svg          the whole network as a picture for print, drawn where the page draws it
    ftm          FollowTheMoney entities, one JSON object a line (Aleph, ftm tools)

    Example:

        graphviz-app export --format gexf --output out/network.gexf
        graphviz-app export --format svg --output out/network.svg
    """
    from .build import OutputFailed, input_files, refuse_inputs
    from .export import EXPORTERS

    if fmt == "ftm" and not _installed("followthemoney"):
        raise InputError("the ftm export needs the followthemoney package: "
                         "pip install 'graphviz-app[ftm]' (see the README)")
    checked = require_valid(check_data(data, root))
    try:
        refuse_inputs([output], input_files(checked))
        written = EXPORTERS[fmt](checked, output)
    except OutputFailed as err:
        raise InputError(str(err)) from None
    except OSError as err:
        raise InputError(f"cannot write {output}: {err.strerror or err}") from None
    for path in written:
        click.echo(f"wrote {path}")


@cli.command()
@click.argument("rule", required=False)
def rules(rule: str | None) -> None:
    """List the rules validate applies, or explain one (by code or by name).

    Each rule has a stable code, a kebab-case name and a severity: errors fail
    validation, warnings fail it only with --strict. `rules S104` also lists the
    vocabulary of interaction types and actor kinds.

    Example:

        graphviz-app rules
        graphviz-app rules Q301
        graphviz-app rules quote-not-found
    """
    from .problems import explain_rule, find_rule, format_rules, rule_suggestions

    if rule is None:
        click.echo(format_rules(), nl=False)
        return
    found = find_rule(rule)
    if found is None:
        close = rule_suggestions(rule)
        hint = (f"; did you mean {' or '.join(close)}?" if close
                else "; `graphviz-app rules` lists them")
        raise InputError(f"no rule {rule!r}{hint}")
    click.echo(explain_rule(found), nl=False)


@cli.command()
@click.argument("phrase")
@data_argument
@click.option("--article", "article_id", metavar="ID",
              help="Search only this article (an id, or a seed's path).")
def find(phrase: str, data: Path, root: Path | None, article_id: str | None) -> None:
    """Find a phrase in the seed articles, to quote it as evidence.

    Matching ignores case and typography as validate does (curly quotes, dashes, spaces).
    Each hit prints its article and line, the whole sentence verbatim from the article
    and an evidence item ready to paste. Seeds that no article lists yet are searched
    too. Exit code 0 when found; 1 when not, after the closest passages.

    Example:

        graphviz-app find "open channel of security and civilian coordination"
    """
    from .search import find_phrase, nearest_passages, project_texts, restrict

    texts = project_texts(load_data(data, root), _outside_seeds())
    if article_id is not None:
        chosen = restrict(texts, article_id)
        if not chosen:
            from .suggest import did_you_mean

            hint = did_you_mean(article_id, texts)
            raise InputError(f"no article {article_id!r}" + (f"; {hint}" if hint else ""))
        texts = chosen
    found = find_phrase(texts, phrase)
    for item in found:
        click.echo(f"{item.article} line {item.line}: {item.sentence}\n\n{item.evidence_yaml()}")
    if found:
        return
    click.echo(f"no match for {phrase!r}", err=True)
    for near in nearest_passages(texts, phrase):
        click.echo(f"  closest in {near.article} ({near.score:.0f}% similar): {near.passage}",
                   err=True)
    raise DataError(None)


@cli.command()
@data_argument
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              default=DEFAULT_PAGE, show_default=True, help="Where to write the page.")
def watch(data: Path, root: Path | None, output: Path) -> None:
    """Rebuild the page whenever the data file or a seed article changes.

    Builds once, then again after every save in data/ or seeds/, each time with how long
    it took. A save with errors prints them and keeps the last good page; the next good
    build says "fixed". What a save did not change (records, seed texts, located quotes,
    positions) is kept between builds, so a rebuild is quicker than a fresh `build` and
    writes the same page. Stop with Ctrl-C.

    Example:

        graphviz-app watch -o docs/network.html
    """
    folders, inputs = _watched(data, root)
    click.echo(f"watching {_display(data)} and the seeds in "
               + ", ".join(_display(f).rstrip("/") + "/" for f in folders) + " (Ctrl-C stops)")
    _watch_loop(folders, inputs, _Rebuilder(data, root, output))
    click.echo("stopped watching")


@cli.command()
@data_argument
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              default=DEFAULT_PAGE, show_default=True, help="Where to write the page.")
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True,
              help="Port to serve on (0: any free port).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to serve on. Anything but 127.0.0.1 lets other machines read "
                   "the page.")
@click.option("--no-open", is_flag=True, help="Do not open the page in a browser.")
def serve(data: Path, root: Path | None, output: Path, port: int, host: str,
          no_open: bool) -> None:
    """Build, serve the page locally, and update the open tab on every save.

    Builds as `watch` does and serves the page at http://127.0.0.1:PORT/, reachable from
    this computer only. Each save of the data file or a seed rebuilds it, and the open
    tab reloads by itself, keeping its zoom, filters and open panel. A save with errors
    lists them over the last good network (file:line:column, code, message and help);
    the fix clears them. The page served is the built file plus the preview's script.
    Stop with Ctrl-C.

    Example:

        graphviz-app serve
        graphviz-app serve data/network.yaml --port 8000 --no-open
    """
    from .serve import LOCAL_HOST, PreviewServer

    folders, inputs = _watched(data, root)
    try:
        server = PreviewServer(host, port)
    except OSError as err:
        raise InputError(f"cannot serve on {host}:{port}: {err.strerror or err}"
                         + ("; choose another --port" if port else "")) from None
    if host != LOCAL_HOST:
        click.echo(f"warning: serving on {host}: other machines that reach this address can "
                   "read the page and its articles", err=True)
    import threading

    opened = threading.Event()

    def publish(html: str | None, problems, failure: str = "") -> None:
        server.publish(html, problems, failure)
        if not (no_open or opened.is_set()):  # open the tab on the first outcome only
            opened.set()
            import webbrowser

            # aside: without a display, webbrowser may run a text browser until it quits
            threading.Thread(target=webbrowser.open, args=(server.url,), daemon=True).start()

    threading.Thread(target=server.serve_forever, name="preview", daemon=True).start()
    where = "this computer only" if host == LOCAL_HOST else f"any machine that reaches {host}"
    click.echo(f"serving {server.url} to {where}; watching "
               + ", ".join(_display(f) + "/" for f in folders) + " (Ctrl-C stops)")
    try:
        _watch_loop(folders, inputs, _Rebuilder(data, root, output, publish=publish))
    finally:
        server.stop()
    click.echo("stopped serving")


def _watched(data: Path, root: Path | None):
    """The folders to watch and the filter of the changes that count."""
    from .loader import default_root
    from .watch import InputContents, input_filter, watched_folders

    _check_root(root)
    project = root or default_root(data)
    folders = watched_folders(data, project)
    if not folders:
        raise InputError(f"nothing to watch: {data.parent} and {project / 'seeds'} do not exist")
    return folders, (input_filter(data, project), InputContents(data, project))


def _watch_loop(folders, inputs, rebuild) -> None:
    from .watch import watch_and_rebuild

    is_input, contents = inputs
    try:
        watch_and_rebuild(folders, rebuild, is_input, contents=contents,
                          when_idle=rebuild.collector.collect)
    except KeyboardInterrupt:
        pass
    finally:
        rebuild.collector.collect()  # a collection still put off: the collector back on


class _Rebuilder:
    """One build after each save, reported with its time; a fix after a failure is said.

    It keeps the caches of its builds (``incremental.BuildCaches``), and hands each
    outcome to ``publish`` (the preview server's) when given one.
    """

    def __init__(self, data: Path, root: Path | None, output: Path, publish=None) -> None:
        from .incremental import BuildCaches, QuietCollector

        self.data, self.root, self.output = data, root, output
        self.caches = BuildCaches()
        self.collector = QuietCollector()
        self.publish = publish
        self.failing = False

    def __call__(self) -> None:
        with self.collector:  # collects once the watcher is idle, not while a page is made
            self._rebuild()

    def _rebuild(self) -> None:
        import time

        stamp = time.strftime("%H:%M:%S")
        started = time.perf_counter()
        try:
            built = build_once(self.data, self.root, self.output, caches=self.caches)
        except click.ClickException as err:
            click.echo(f"[{stamp}] ", nl=False, err=True)
            err.show()
            self._publish(None, (), err.format_message())
            self.failing = True
            return
        seconds = time.perf_counter() - started
        if not built.written:
            report(built.checked, err=True)
            click.echo(f"[{stamp}] build: {self.output} left unchanged", err=True)
            self._publish(None, built.checked.problems)
            self.failing = True
            return
        self._publish(built.html, built.checked.problems)  # the tab first, then the terminal
        if built.checked.problems:
            report(built.checked, err=True)
        if self.failing:
            click.echo(f"[{stamp}] fixed: all checks pass")
        self.failing = False
        click.echo(f"[{stamp}] wrote {self.output} ({len(built.checked.dataset.actors)} actors, "
                   f"{len(built.checked.dataset.interactions)} interactions) in {seconds:.2f} s")

    def _publish(self, html: str | None, problems, failure: str = "") -> None:
        if self.publish is not None:
            self.publish(html, problems, failure)


@cli.command()
@data_argument
@click.option("--format", "fmt", type=click.Choice(["text", "csv", "json"]), default="text",
              show_default=True, help="text for people; csv (table, key, measure, value) or json.")
def stats(data: Path, root: Path | None, fmt: str) -> None:
    """Summarise the network: what happened, between which sides, when, and who is central.

    Interactions by type, by side pair and by month; each actor's degree (interactions
    taken part in), distinct partners and betweenness centrality; interactions and
    quotes per article.

    Example:

        graphviz-app stats --format csv > stats.csv
    """
    from .stats import FORMATS, summarise

    checked = require_valid(check_data(data, root))
    click.echo(FORMATS[fmt](summarise(checked)), nl=False)


@cli.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the schema to this file instead of printing it.")
def schema(output: Path | None) -> None:
    """Print the JSON Schema of the data file, generated from the data model.

    Editors use it to complete and check data/network.yaml as you type (its first line
    points at docs/network.schema.json).

    Example:

        graphviz-app schema -o docs/network.schema.json
    """
    from .export import schema_json

    text = schema_json()
    if output is None:
        click.echo(text, nl=False)
        return
    _refuse_non_json(output)
    write_output(output, text)
    click.echo(f"wrote {output}")


def _refuse_non_json(output: Path) -> None:
    """The schema replaces only a JSON file: never the YAML data or an article by mistake."""
    import json

    if not output.is_file():
        return
    try:
        json.loads(output.read_bytes())
    except ValueError:
        raise InputError(f"{output} exists and is not a JSON file; the schema would replace "
                         "it: choose another output path") from None


@cli.command("add-article")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@data_argument
@click.option("--append", is_flag=True,
              help="Add the record to the data file's articles instead of printing it.")
@click.option("--outlet", help="The outlet that published it (also names the id).")
@click.option("--url", help="Where the article was published.")
def add_article(file: Path, data: Path, root: Path | None, append: bool, outlet: str | None,
                url: str | None) -> None:
    """Propose the articles record for a new seed (FILE, inside the project).

    Reads the seed's date line and headline, proposes an id that is not taken, and
    marks what only you can fill in with TODO. With --append the record is added to the
    end of the articles list, keeping every other line of the data file as it was.

    Example:

        graphviz-app add-article seeds/005_new.txt --outlet "Times of Israel" --append
    """
    from .append import AppendError
    from .loader import default_root
    from .scaffold import ScaffoldError, append_article, article_stub, stub_yaml

    loaded = load_data(data, root)
    project = root or default_root(data)
    articles = loaded.dataset.articles if loaded.dataset else []
    try:
        stub = article_stub(file, project, articles, loaded.ids.get("articles", ()), outlet, url)
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(f"cannot read {file}: {getattr(err, 'strerror', None) or err}") from None
    except ScaffoldError as err:
        raise InputError(str(err)) from None
    if not append:
        click.echo(stub_yaml(stub), nl=False)
        return
    try:
        append_article(data, stub)
    except (ScaffoldError, AppendError) as err:
        click.echo(stub_yaml(stub), nl=False)
        raise InputError(str(err)) from None
    click.echo(f"added article {stub['id']!r} to {_display(data)}:\n")
    click.echo(stub_yaml(stub), nl=False)
    _record_checksum(file, project)
    todo = "fill in every TODO, then " if "TODO" in stub_yaml(stub) else ""
    click.echo(f"\nnext: {todo}`graphviz-app draft {_display(file)}` proposes its interactions, "
               "`graphviz-app find PHRASE` finds the words to quote")


def _record_checksum(seed: Path, project: Path) -> None:
    """Add a seed in seeds/ to seeds/SHA256SUMS, the record that seeds are never edited."""
    from .scaffold import ScaffoldError, add_checksum

    sums = project / "seeds" / "SHA256SUMS"
    if seed.resolve().parent != sums.parent.resolve():
        return
    try:
        if add_checksum(seed, sums):
            click.echo(f"recorded its SHA-256 in {_display(sums)}")
    except ScaffoldError as err:
        click.echo(f"warning: {err}", err=True)
    except OSError as err:
        click.echo(f"warning: cannot update {_display(sums)}: {err.strerror or err}", err=True)


@cli.command()
@click.argument("seed", metavar="SEED")
@data_argument
@click.option("--format", "fmt", type=click.Choice(["yaml", "json"]), default="yaml",
              show_default=True, help="yaml to paste into the data file, json for programs.")
@click.option("--append", is_flag=True,
              help="Add the drafts to the data file, each marked `review: draft`.")
@click.option("--date", "date", metavar="YYYY-MM-DD",
              help="The article's date, for a seed that no article lists and that has no "
                   "date line.")
def draft(seed: str, data: Path, root: Path | None, fmt: str, append: bool,
          date: str | None) -> None:
    """Propose the actors and interactions an article reports (SEED: an id or a seed file).

    Reads the article against the data: the actors it names (also by alias, possessive,
    near-miss spelling and title), the people, organisations and states it names that
    the data lacks, and for each clause that reports an interaction its type, parties,
    date, a summary and the shortest quote that validates. A draft of an event the data
    already holds becomes a quote to add to that interaction instead. With --append the
    drafts are added to the data file marked `review: draft`, and validate fails (R214)
    on each until you have checked it and deleted that line.

    Example:

    \b
        graphviz-app draft seeds/005_new.txt
        graphviz-app draft art-2023-02-04-leadership-rebuffs-pressure --format json
        graphviz-app draft seeds/005_new.txt --append
    """
    from .append import AppendError
    from .drafting.extract import draft_article
    from .drafting.output import append_drafts, as_json, as_yaml
    from .loader import default_root

    checked = check_data(data, root)
    if checked.loaded.dataset is None:
        report(checked, err=True)
        raise DataError(None)
    chosen = _article_to_draft(checked, seed, root or default_root(data), date)
    drafted = draft_article(chosen.text, chosen.id, checked.dataset, date or chosen.date)
    if not append:
        click.echo(as_json(drafted) if fmt == "json" else as_yaml(drafted), nl=False)
        return
    if not chosen.listed:
        raise InputError(f"{seed} is not listed in {_display(data)}; add it first with "
                         f"`graphviz-app add-article {seed} --append`")
    try:
        actors, interactions, quotes = append_drafts(data, drafted)
    except AppendError as err:
        click.echo(as_yaml(drafted), nl=False)
        raise InputError(str(err)) from None
    click.echo(f"added {interactions} draft interaction{'s' * (interactions != 1)}, {actors} "
               f"new actor{'s' * (actors != 1)} and {quotes} quote{'s' * (quotes != 1)} to "
               f"{_display(data)}, each marked `review: draft`")
    click.echo("next: check each draft, delete its `review:` line, then "
               "`graphviz-app validate`")


def _article_to_draft(checked, seed: str, project: Path, date: str | None):
    """The article SEED names (an id or a seed's path), as an input error if none."""
    import datetime as dt

    from .drafting.articles import choose_article

    if date is not None:
        try:
            dt.date.fromisoformat(date)
        except ValueError:
            raise InputError(f"--date {date!r} is not a date as YYYY-MM-DD") from None
    try:
        return choose_article(checked, seed, project)
    except LookupError:
        from .suggest import did_you_mean

        hint = did_you_mean(seed, [a.id for a in checked.dataset.articles])
        raise InputError(f"{seed!r} is neither an article id nor a file"
                         + (f"; {hint}" if hint else "")) from None
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(f"cannot read {seed}: {getattr(err, 'strerror', None) or err}") from None


@cli.command()
@click.argument("article_id", metavar="[ARTICLE]", required=False)
@data_argument
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="text for people, json for programs.")
def coverage(article_id: str | None, data: Path, root: Path | None, fmt: str) -> None:
    """Show which sentences of each article (or of ARTICLE) the data cites.

    Each sentence is `cited` (with the interactions quoting it), `MISS?` when it is
    uncited but names two actors and holds a verb or phrase of the lexicon (a likely
    interaction nobody curated), or neither. Curate each likely miss, or say in
    docs/curation.md why not. A single argument ending in .yaml is taken as DATA.

    Example:

    \b
        graphviz-app coverage
        graphviz-app coverage art-2023-02-04-leadership-rebuffs-pressure --format json
    """
    from .drafting.coverage import as_json, as_text
    from .drafting.coverage import coverage as article_coverage

    if article_id is not None and data == DEFAULT_DATA and \
            Path(article_id).suffix in (".yaml", ".yml") and Path(article_id).is_file():
        article_id, data = None, Path(article_id)  # `coverage other/network.yaml`
    checked = check_data(data, root)
    if checked.loaded.dataset is None:
        report(checked, err=True)
        raise DataError(None)
    if article_id is not None and article_id not in checked.texts:
        from .suggest import did_you_mean

        hint = did_you_mean(article_id, checked.texts)
        raise InputError(f"no article {article_id!r}" + (f"; {hint}" if hint else ""))
    found = article_coverage(checked, article_id)
    click.echo(as_json(found) if fmt == "json" else as_text(found), nl=False)


def main() -> None:
    """Entry point: never show a traceback to a user."""
    try:
        cli(standalone_mode=True)
    except Exception as err:  # a bug of ours: say so plainly
        click.echo(f"graphviz-app: internal error: {type(err).__name__}: {err}", err=True)
        click.echo(
            "This is a bug in graphviz-app; please report it with the input that caused it.",
            err=True,
        )
        sys.exit(EXIT_USAGE)

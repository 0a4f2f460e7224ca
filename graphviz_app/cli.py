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
        "--root",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help="Project root that article files are relative to "
        "[default: the folder holding DATA's folder].",
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
        _fail_usage(
            f"{data} does not exist (run from the project root, or give the data file's path)"
        )
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
def validate(data: Path, root: Path | None, fmt: str, strict: bool) -> None:
    """Check the data file against the schema and the seed articles.

    Prints one diagnostic a problem, sorted by line: `file:line:column: CODE message`, then
    the fix on a `= help:` line. `graphviz-app rules` lists the rules and explains each.
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
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              default=DEFAULT_PAGE, show_default=True, help="Where to write the page.")
@click.option("--positions", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Cache of actor positions, kept between builds "
                   "[default: beside the page, e.g. docs/network.positions.json].")
@click.option("--relayout", is_flag=True, help="Ignore the cached positions and lay out afresh.")
def build(data: Path, root: Path | None, output: Path, positions: Path | None,
          relayout: bool) -> None:
    """Validate, then write the interactive HTML page.

    The page is written atomically: if the data has errors, nothing is written and the
    previous page stays as it was. Actors keep the places cached in the positions file;
    only new actors are placed (beside those they interact with), and the cache is updated.

    Example:

        graphviz-app build -o docs/network.html
    """
    from .files import write_atomic
    from .layout import positions_json, read_positions
    from .render import build_page

    positions = positions or output.with_name(f"{output.stem}.positions.json")
    checked = check_data(data, root)
    if not checked.ok():
        report(checked, err=True)
        click.echo(f"build: {output} left unchanged", err=True)
        sys.exit(EXIT_DATA)
    if checked.problems:
        report(checked, err=True)
    page = build_page(checked, None if relayout else read_positions(positions))
    try:
        write_atomic(output, page.html)
        write_atomic(positions, positions_json(page.positions))
    except OSError as err:
        _fail_usage(f"cannot write {output}: {err.strerror or err}")
    click.echo(f"wrote {output} ({len(checked.dataset.actors)} actors, "
               f"{len(checked.dataset.interactions)} interactions)")


@cli.command()
@data_argument
@click.option("--format", "fmt", default="csv", show_default=True,
              type=click.Choice(["csv", "json", "graphml", "gexf", "annotations", "cameo"]),
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

    Example:

        graphviz-app export --format gexf --output out/network.gexf
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
        _fail_usage(f"no rule {rule!r}{hint}")
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
    from .search import find_phrase, nearest_passages, restrict, searchable_texts

    texts = searchable_texts(check_data(data, root))
    if article_id is not None:
        chosen = restrict(texts, article_id)
        if not chosen:
            from .suggest import did_you_mean

            hint = did_you_mean(article_id, texts)
            _fail_usage(f"no article {article_id!r}" + (f"; {hint}" if hint else ""))
        texts = chosen
    found = find_phrase(texts, phrase)
    for item in found:
        click.echo(f"{item.article} line {item.line}: {item.sentence}\n\n{item.evidence_yaml()}")
    if found:
        sys.exit(EXIT_CLEAN)
    click.echo(f"no match for {phrase!r}", err=True)
    for near in nearest_passages(texts, phrase):
        click.echo(f"  closest in {near.article} ({near.score:.0f}% similar): {near.passage}",
                   err=True)
    sys.exit(EXIT_DATA)


def _build_once(ctx: click.Context, data: Path, root: Path | None, output: Path) -> None:
    """Run the build command itself, so watch and build never drift apart."""
    try:
        ctx.invoke(build, data=data, root=root, output=output)
    except SystemExit:
        pass  # build printed the problems and kept the last good page


@cli.command()
@data_argument
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              default=DEFAULT_PAGE, show_default=True, help="Where to write the page.")
@click.pass_context
def watch(ctx: click.Context, data: Path, root: Path | None, output: Path) -> None:
    """Rebuild the page whenever the data file or a seed article changes.

    Builds once, then again after every save in data/ or seeds/. A save with errors
    prints them and keeps the last good page. Stop with Ctrl-C.

    Example:

        graphviz-app watch -o docs/network.html
    """
    from .loader import default_root
    from .watch import input_filter, watch_and_rebuild, watched_folders

    project = root or default_root(data)
    folders = watched_folders(data, project)
    if not folders:
        _fail_usage(f"nothing to watch: {data.parent} and {project / 'seeds'} do not exist")
    click.echo("watching " + ", ".join(_display(f) + "/" for f in folders) + " (Ctrl-C stops)")
    try:
        watch_and_rebuild(folders, lambda: _build_once(ctx, data, root, output),
                          input_filter(data, project))
    except KeyboardInterrupt:
        pass
    click.echo("stopped watching")
    sys.exit(EXIT_CLEAN)


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

    checked = check_data(data, root)
    if not checked.ok():
        report(checked, err=True)
        sys.exit(EXIT_DATA)
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
    from .files import write_atomic

    try:
        write_atomic(output, text)
    except OSError as err:
        _fail_usage(f"cannot write {output}: {err.strerror or err}")
    click.echo(f"wrote {output}")


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
    from .loader import default_root
    from .scaffold import ScaffoldError, append_article, article_stub, stub_yaml

    checked = check_data(data, root)
    project = root or default_root(data)
    try:
        stub = article_stub(file, project, checked.dataset.articles,
                            checked.loaded.ids.get("articles", ()), outlet, url)
    except (OSError, UnicodeDecodeError) as err:
        _fail_usage(f"cannot read {file}: {getattr(err, 'strerror', None) or err}")
    except ScaffoldError as err:
        _fail_usage(str(err))
    if not append:
        click.echo(stub_yaml(stub), nl=False)
        return
    try:
        append_article(data, stub)
    except ScaffoldError as err:
        click.echo(stub_yaml(stub), nl=False)
        _fail_usage(str(err))
    click.echo(f"added article {stub['id']!r} to {_display(data)}:\n")
    click.echo(stub_yaml(stub), nl=False)
    click.echo("\nnext: fill in any TODO, then `graphviz-app find PHRASE` to quote it")


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
    drafts are added to the data file marked `review: draft`, and validate fails (R213)
    on each until you have checked it and deleted that line.

    Example:

    \b
        graphviz-app draft seeds/005_new.txt
        graphviz-app draft art-2023-02-04-leadership-rebuffs-pressure --format json
        graphviz-app draft seeds/005_new.txt --append
    """
    import datetime as dt

    from .drafting.articles import choose_article
    from .drafting.extract import draft_article
    from .drafting.output import AppendError, append_drafts, as_json, as_yaml
    from .loader import default_root

    checked = check_data(data, root)
    if checked.loaded.dataset is None:
        report(checked, err=True)
        sys.exit(EXIT_DATA)
    if date is not None:
        try:
            dt.date.fromisoformat(date)
        except ValueError:
            _fail_usage(f"--date {date!r} is not a date as YYYY-MM-DD")
    project = root or default_root(data)
    try:
        chosen = choose_article(checked, seed, project)
    except LookupError:
        from .suggest import did_you_mean

        hint = did_you_mean(seed, [a.id for a in checked.dataset.articles])
        _fail_usage(f"{seed!r} is neither an article id nor a file"
                    + (f"; {hint}" if hint else ""))
    except (OSError, UnicodeDecodeError) as err:
        _fail_usage(f"cannot read {seed}: {getattr(err, 'strerror', None) or err}")
    drafted = draft_article(chosen.text, chosen.id, checked.dataset, date or chosen.date)
    if not append:
        click.echo(as_json(drafted) if fmt == "json" else as_yaml(drafted), nl=False)
        return
    if not chosen.listed:
        _fail_usage(f"{seed} is not listed in {_display(data)}; add it first with "
                    f"`graphviz-app add-article {seed} --append`")
    try:
        actors, interactions, quotes = append_drafts(data, drafted)
    except AppendError as err:
        click.echo(as_yaml(drafted), nl=False)
        _fail_usage(str(err))
    click.echo(f"added {interactions} draft interaction{'s' * (interactions != 1)}, {actors} "
               f"new actor{'s' * (actors != 1)} and {quotes} quote{'s' * (quotes != 1)} to "
               f"{_display(data)}, each marked `review: draft`")
    click.echo("next: check each draft, delete its `review:` line, then "
               "`graphviz-app validate`")


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
        sys.exit(EXIT_DATA)
    if article_id is not None and article_id not in checked.texts:
        from .suggest import did_you_mean

        hint = did_you_mean(article_id, checked.texts)
        _fail_usage(f"no article {article_id!r}" + (f"; {hint}" if hint else ""))
    found = article_coverage(checked, article_id)
    click.echo(as_json(found) if fmt == "json" else as_text(found), nl=False)


def main() -> None:
    """Entry point: never show a traceback to a user."""
    try:
        cli()
    except Exception as err:  # a bug of ours: say so plainly
        click.echo(f"graphviz-app: internal error: {type(err).__name__}: {err}", err=True)
        click.echo(
            "This is a bug in graphviz-app; please report it with the input that caused it.",
            err=True,
        )
        sys.exit(EXIT_USAGE)

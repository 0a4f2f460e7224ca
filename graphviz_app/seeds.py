"""Stage two of validation: read the seed article of every listed article.

``read_seeds`` returns the texts (by article id) and the problems of reading them (rules
A401-A403 and A405-A407). Commands that only need the texts, such as ``find``, call it
without running the other rules.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .corpus import ArticleText, read_article
from .loader import Loaded
from .problems import ERROR, Problem, quoted, rule

SEED_MISSING = rule(
    "A401", "seed-missing", ERROR, "the article's seed file cannot be read",
    "`file` is relative to the project root (the folder holding data/). Check the "
    "name, or copy the article into seeds/.")
PUBLISHED_MISMATCH = rule(
    "A402", "published-mismatch", ERROR, "`published` disagrees with the seed's date line",
    "The seed opens with its own `date YYYY-MM-DD` line; `published` must equal it.")
PUBLISHED_NOTE_MISSING = rule(
    "A403", "published-note-missing", ERROR, "an undated seed without `published_note`",
    "The seed has no date line, so the date was inferred: say how in `published_note`.")
SEED_NOT_UTF8 = rule(
    "A405", "seed-not-utf8", ERROR, "the seed file is not UTF-8 text",
    "Seeds are read as UTF-8. Re-save the article as UTF-8 (never edit its words).")
SEED_OUTSIDE_ROOT = rule(
    "A406", "seed-outside-root", ERROR, "`file` points outside the project",
    "Article files are relative paths inside the project root, such as "
    "`seeds/000_031d9b9ace0ce4f6.txt`. Absolute paths and paths that climb out with "
    "`..` are refused, so a data file can never make the tool read other files.")
SEED_EMPTY = rule(
    "A407", "seed-empty", ERROR, "the seed file holds no text",
    "An empty article cannot support any quote. Copy the article's text into it.")


@dataclass(frozen=True)
class Seeds:
    """The readable seed texts by article id, and what went wrong reading the others."""

    texts: dict[str, ArticleText]
    problems: tuple[Problem, ...]


def read_seeds(loaded: Loaded, outside_seeds: bool = False,
               read: Callable[..., ArticleText] = read_article) -> Seeds:
    """Read every listed article's seed once (the first article listing a file wins).

    A seed that resolves outside the project (a link to /etc/passwd, or into a folder
    elsewhere) is refused unless ``outside_seeds`` says the project links there on purpose.
    ``read`` reads one seed as ``corpus.read_article`` does; a rebuild passes one that keeps
    the texts of seeds that did not change.
    """
    texts: dict[str, ArticleText] = {}
    problems: list[Problem] = []
    if loaded.dataset is None:
        return Seeds(texts, ())
    for position, article in enumerate(loaded.dataset.articles):
        path = loaded.record_path("articles", position)
        text = _read_seed(loaded, path, article, outside_seeds, read)
        if isinstance(text, Problem):
            problems.append(text)
            continue
        texts.setdefault(article.id, text)
        problems.extend(_date_problems(loaded, path, article, text))
    return Seeds(texts, tuple(problems))


def seed_path(root: Path, file: str) -> Path | None:
    """The seed's path, or None if ``file`` is absolute or climbs out of the root.

    The test is on the path as written: the data file must not reach outside the project.
    """
    normal = posixpath.normpath(file.replace("\\", "/"))
    if posixpath.isabs(normal) or re.match(r"^[A-Za-z]:", normal) or normal.split("/")[0] == "..":
        return None
    return root / normal


def _read_seed(loaded: Loaded, path: tuple, article,
               outside_seeds: bool = False,
               read: Callable[..., ArticleText] = read_article) -> ArticleText | Problem:
    """The seed's text, or the problem that makes it unusable."""
    where = path + ("file",)
    file = seed_path(loaded.root, article.file)
    if file is None:
        return loaded.problem(where, SEED_OUTSIDE_ROOT, f"{quoted(article.file)} is outside the "
                             "project", "give a path relative to the project root, such as "
                             "seeds/name.txt, without `..`")
    if "\0" in article.file:  # no file system takes it: S109 reports the character
        return loaded.problem(where, SEED_MISSING, f"cannot read seed {quoted(article.file)}: "
                              "a file name cannot hold a NUL character",
                              "delete the character from `file`")
    try:
        text = read(file, root=None if outside_seeds else loaded.root)
    except UnicodeDecodeError as err:
        return loaded.problem(where, SEED_NOT_UTF8, f"{quoted(article.file)} is not UTF-8 "
                             f"({err.reason} at byte {err.start})", "re-save the article as UTF-8")
    except OSError as err:
        return loaded.problem(where, SEED_MISSING, f"cannot read seed {quoted(article.file)}: "
                              f"{err.strerror or err}", _missing_help(loaded.root))
    if not text.folded.view:
        return loaded.problem(where, SEED_EMPTY, f"seed {quoted(article.file)} holds no text",
                             "copy the article's text into the file")
    return text


def _missing_help(root: Path) -> str:
    """Where article files are looked for, said so that the fix is plain."""
    shown = _shown(root)
    if not (root / "seeds").is_dir():
        return (f"paths are relative to the project root, here {shown}, which has no seeds/ "
                "folder: give the project's folder with --root, or check the file name")
    return f"paths are relative to the project root ({shown}); check the file name"


def _shown(root: Path) -> str:
    try:
        relative = root.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return root.resolve().as_posix().rstrip("/") + "/"
    return "the working directory" if relative == "." else relative + "/"


def _date_problems(loaded: Loaded, path: tuple, article, text: ArticleText) -> Iterator[Problem]:
    if text.date_line and text.date_line != article.published:
        yield loaded.problem(path + ("published",), PUBLISHED_MISMATCH,
                             f"published {article.published} but the seed is dated "
                             f"{text.date_line}", f"set `published: {text.date_line}`")
    if not text.date_line and not (article.published_note or "").strip():
        yield loaded.problem(path, PUBLISHED_NOTE_MISSING, f"article {quoted(article.id)} has an "
                             "undated seed and no `published_note`",
                             "add `published_note:` saying how the date was inferred")

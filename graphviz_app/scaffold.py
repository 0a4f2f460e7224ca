"""A new seed article -> the YAML record that lists it in the data file.

``article_stub`` reads what the seed says about itself (its ``date`` line, a headline on
its first line) and proposes a unique id; ``stub_yaml`` shows the record and
``append_article`` adds it to the data file's ``articles:`` list through a ruamel
round trip, so the curator's comments and formatting stay as they were.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from collections.abc import Iterable
from io import StringIO
from pathlib import Path

from .corpus import DATE_LINE, ArticleText, read_article
from .files import write_atomic

HEADLINE_MAX_WORDS = 25
ID_WORDS = 6
UNDATED = "YYYY-MM-DD"  # fails validation until the curator replaces it


class ScaffoldError(Exception):
    """The article cannot be added as asked (outside the project, already listed, ...)."""


def slugify(text: str, max_words: int = ID_WORDS) -> str:
    """Lowercase ASCII words joined by hyphens: "Israel’s PM" -> "israels-pm"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", re.sub(r"['\u2019]", "", ascii_text.lower()))
    return "-".join(words[:max_words])


def read_headline(text: ArticleText) -> str | None:
    """The first line when it reads as a headline: short, and not a sentence of the lede."""
    first = re.split(r"[\r\n]", DATE_LINE.sub("", text.text, count=1).strip(), maxsplit=1)[0]
    first = first.strip()
    if not first or len(first.split()) > HEADLINE_MAX_WORDS or first[-1] in ".!?:;,":
        return None
    return first


def propose_id(existing: Iterable[str], headline: str | None, outlet: str | None,
               date: str | None, file: Path) -> str:
    """outlet + date when both are known, else the headline's first words, made unique."""
    if outlet and date:
        base = f"{slugify(outlet, 3)}-{date}"
    elif headline and slugify(headline):
        base = slugify(headline)
    else:
        base = slugify(f"article {date or file.stem}", 8)
    taken, candidate, n = set(existing), base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def relative_file(file: Path, root: Path) -> str:
    """The seed's path relative to the project root, as ``file:`` needs it."""
    try:
        return Path(file).resolve().relative_to(Path(root).resolve()).as_posix()
    except ValueError:
        raise ScaffoldError(f"{file} is outside the project root {root}; copy it into "
                            "seeds/ first") from None


def article_stub(file: Path, root: Path, articles: Iterable, taken: Iterable[str] = (),
                 outlet: str | None = None, url: str | None = None) -> dict:
    """The record for a new seed: id, file, title, outlet, url, published (and its note).

    ``articles`` are the listed articles; ``taken`` more ids to avoid (records that failed
    the schema still own their id).
    """
    relative = relative_file(file, root)
    articles = list(articles)
    for article in articles:
        if (Path(root) / article.file).resolve() == Path(file).resolve():
            raise ScaffoldError(f"{relative} is already listed as article {article.id!r}")
    text = read_article(Path(file))
    headline = read_headline(text)
    ids = {a.id for a in articles} | set(taken)
    stub = {"id": propose_id(ids, headline, outlet, text.date_line, Path(file)),
            "file": relative, "title": headline or ""}
    stub |= {key: value for key, value in (("outlet", outlet), ("url", url)) if value}
    stub["published"] = text.date_line or UNDATED
    if not text.date_line:
        stub["published_note"] = "TODO: how the date was inferred"
    return stub


def _yaml(mapping: int = 2, sequence: int = 4, offset: int = 2):
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap a long title or quote
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    return yaml


def _record(stub: dict):
    """The stub as a ruamel mapping, with a TODO comment on every placeholder."""
    from ruamel.yaml.comments import CommentedMap

    record = CommentedMap()
    for key, value in stub.items():
        record[key] = dt.date.fromisoformat(value) if key == "published" and value != UNDATED \
            else value
    if not stub["title"]:
        record.yaml_add_eol_comment("# TODO: the headline (the seed has none)", "title", column=0)
    if stub["published"] == UNDATED:
        record.yaml_add_eol_comment("# TODO: the seed has no date line", "published", column=0)
    return record


def stub_yaml(stub: dict) -> str:
    """The record as YAML, indented to paste under ``articles:``."""
    out = StringIO()
    _yaml().dump([_record(stub)], out)
    return out.getvalue()


def _pop_trailing_comment(node):
    """Detach the comment (blank lines, the next section's heading) that trails a node."""
    if isinstance(node, dict) and node:
        key, position = list(node)[-1], 2
    elif isinstance(node, list) and node:
        key, position = len(node) - 1, 0
    else:
        return None
    slots = node.ca.items.get(key)
    if slots and slots[position] is not None:
        token, slots[position] = slots[position], None
        return token
    return _pop_trailing_comment(node[key])


def append_article(data: Path, stub: dict) -> None:
    """Add the record at the end of ``articles:``, leaving every other line as it was."""
    from ruamel.yaml.comments import CommentedSeq
    from ruamel.yaml.util import load_yaml_guess_indent

    original = Path(data).read_text(encoding="utf-8")
    _document, sequence, offset = load_yaml_guess_indent(original)
    offset = offset or 0
    # the guess is the indent of sequence items; keys of a mapping sit that far from the dash
    yaml = _yaml(max(sequence - offset, 2), sequence, offset)
    document = yaml.load(original)  # again, with the loader that keeps quotes as written
    if not isinstance(document, dict) or "articles" not in document:
        raise ScaffoldError(f"{data} has no `articles:` list to append to; paste the stub")
    if document["articles"] is None:  # `articles:` with nothing under it yet
        document["articles"] = CommentedSeq()
    articles, record = document["articles"], _record(stub)
    trailing = _pop_trailing_comment(articles)
    articles.append(record)
    if trailing is not None:  # the blank line and comment before the next section move down
        record.ca.items[list(record)[-1]] = [None, None, trailing, None]
    out = StringIO()
    yaml.dump(document, out)
    _refuse_reformatting(original, out.getvalue(), data)
    write_atomic(Path(data), out.getvalue())


def _refuse_reformatting(before: str, after: str, data: Path) -> None:
    """Only added lines are acceptable: anything else would rewrite the curator's file."""
    matcher = difflib.SequenceMatcher(None, before.splitlines(), after.splitlines(), autojunk=False)
    if any(tag != "equal" and tag != "insert" for tag, *_ in matcher.get_opcodes()):
        raise ScaffoldError(f"appending would reformat other lines of {data}; paste the stub "
                            "by hand instead")

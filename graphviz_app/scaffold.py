"""A new seed article -> the YAML record that lists it in the data file.

``article_stub`` reads what the seed says about itself (its ``date`` line, a headline on
its first line) and proposes a unique id; ``stub_yaml`` shows the record and
``append_article`` inserts it after the last article as lines of text, so every other
line of the curator's file (comments, quoting, block texts) stays as it was.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from io import StringIO
from pathlib import Path

from .corpus import DATE_LINE, ArticleText, read_article
from .files import write_atomic
from .model import slugify

HEADLINE_MAX_WORDS = 25
TOPIC_WORDS = 4  # content words of the headline in a proposed id
# words that carry no topic: left out of proposed ids
_MINOR_WORDS = frozenset("a an and as at by for from in into of on or over the to with".split())
UNDATED = "YYYY-MM-DD"  # fails validation until the curator replaces it


class ScaffoldError(Exception):
    """The article cannot be added as asked (outside the project, already listed, ...)."""


def read_headline(text: ArticleText) -> str | None:
    """The first line when it reads as a headline: short, and not a sentence of the lede."""
    first = re.split(r"[\r\n]", DATE_LINE.sub("", text.text, count=1).strip(), maxsplit=1)[0]
    first = first.strip()
    if not first or len(first.split()) > HEADLINE_MAX_WORDS or first[-1] in ".!?:;,":
        return None
    return first


def propose_id(existing: Iterable[str], headline: str | None, date: str | None,
               file: Path) -> str:
    """``art-YYYY-MM-DD-short-topic`` (the curation guide's id), made unique.

    The topic is the headline's first content words, else the seed's file name; the outlet
    never goes into the id.
    """
    words = [w for w in slugify(headline or "").split("-") if w and w not in _MINOR_WORDS]
    topic = "-".join(words[:TOPIC_WORDS]) or slugify(Path(file).stem, TOPIC_WORDS) or "article"
    base = f"art-{date or 'undated'}-{topic}"
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
    stub = {"id": propose_id(ids, headline, text.date_line, Path(file)),
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


def append_article(data: Path, stub: dict) -> str:
    """Add the record at the end of ``articles:``, leaving every other line as it was.

    The record is inserted as text (``append.append_records``), and the file is written
    only if it reads back as before plus the new article. Returns the new text.
    """
    from .append import append_records

    return append_records(data, [(("articles",), [_record(stub)])],
                          "paste the stub by hand instead")


def add_checksum(seed: Path, sums: Path) -> bool:
    """Record the seed's SHA-256 in ``sums`` (sha256sum's format), keeping the lines sorted.

    Returns False when the file already lists the seed. Raises ScaffoldError when it lists
    another digest for it: the seed was changed after it was recorded.
    """
    import hashlib

    digest = hashlib.sha256(Path(seed).read_bytes()).hexdigest()
    name = Path(seed).name
    lines = sums.read_text(encoding="utf-8").splitlines() if sums.exists() else []
    listed = {line.split(None, 1)[1].lstrip("*"): line.split(None, 1)[0]
              for line in lines if len(line.split(None, 1)) == 2}
    if name in listed:
        if listed[name] != digest:
            raise ScaffoldError(f"{sums} lists another SHA-256 for {name}: the seed changed "
                                "after it was recorded; seeds are never edited")
        return False
    lines = sorted([*lines, f"{digest}  {name}"], key=lambda line: line.split(None, 1)[-1])
    write_atomic(sums, "\n".join(lines) + "\n")
    return True

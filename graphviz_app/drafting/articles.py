"""Which article a command means: a listed article's id, a listed seed's path, or a seed
that no article lists yet."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..corpus import ArticleText, read_article


@dataclass
class Chosen:
    """The article to draft: its id (proposed when unlisted), text and date."""

    id: str
    text: ArticleText
    date: str | None
    listed: bool


def choose_article(checked, seed: str, root: Path) -> Chosen:
    """The article ``seed`` names. Raises LookupError if there is none, OSError or
    UnicodeDecodeError if an unlisted seed cannot be read."""
    from ..scaffold import propose_id, read_headline

    articles = checked.dataset.articles
    for article in articles:
        if article.id == seed and article.id in checked.texts:
            return Chosen(article.id, checked.texts[article.id], article.published, True)
    path = Path(seed)
    if not path.is_file():
        raise LookupError(seed)
    for article in articles:
        if (root / article.file).resolve() == path.resolve() and article.id in checked.texts:
            return Chosen(article.id, checked.texts[article.id], article.published, True)
    text = read_article(path, root=root)
    taken = checked.loaded.ids.get("articles", ())
    return Chosen(propose_id(taken, read_headline(text), text.date_line, path), text,
                  text.date_line, False)

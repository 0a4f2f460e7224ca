"""Searching the seed texts for a phrase, the way the validator matches quotes.

A curator looking for the words to quote types a phrase; ``find_phrase`` folds it as
``corpus.fold`` folds the articles (quote marks, dashes, spaces), ignores case, and returns
each sentence holding it verbatim from the original text, ready to paste as evidence.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .corpus import DATE_LINE, ArticleText, closest_passage, fold_text, read_article
from .text import BIDI_CONTROLS, printable

if TYPE_CHECKING:
    from .loader import Loaded


@dataclass(frozen=True)
class Found:
    """A sentence of an article that holds the phrase."""

    article: str  # article id, or the seed's path when no article cites it yet
    listed: bool  # whether the data file lists the article
    line: int
    quote: str  # the sentence verbatim, as evidence must cite it

    @property
    def sentence(self) -> str:
        """The sentence as a terminal may show it: control characters made inert."""
        return printable(self.quote)

    def evidence_yaml(self) -> str:
        """The evidence item to paste under an interaction's ``evidence:``."""
        article = self.article
        if not self.listed:
            article = f"NEW-ID  # first: graphviz-app add-article {self.article}"
        return f"      - article: {article}\n        quote: {yaml_string(self.quote)}\n"


def yaml_string(text: str) -> str:
    """A YAML double-quoted scalar holding exactly ``text``, safe to print to a terminal.

    A JSON string is a valid YAML double-quoted scalar, escapes and all; JSON leaves C1
    controls and bidirectional controls as they are, so those are escaped too.
    """
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}",
                               json.dumps(text, ensure_ascii=False))


_UNSAFE_IN_JSON = re.compile(f"[\x7f-\x9f\u2028\u2029{BIDI_CONTROLS}]")


@dataclass(frozen=True)
class Near:
    """A passage that resembles the phrase, offered when nothing matches exactly."""

    article: str
    passage: str
    score: float


def searchable_texts(loaded: Loaded, listed_texts: dict[str, ArticleText],
                     outside_seeds: bool = False) -> dict[str, tuple[ArticleText, bool]]:
    """The listed articles by id, then the seeds no article lists yet, by path."""
    texts = {aid: (text, True) for aid, text in listed_texts.items()}
    root = loaded.root
    articles = loaded.dataset.articles if loaded.dataset else []
    listed = {(root / a.file).resolve() for a in articles}
    for path in sorted((root / "seeds").glob("*.txt")):
        if path.resolve() not in listed:
            try:
                text = read_article(path, root=None if outside_seeds else root)
                texts[path.relative_to(root).as_posix()] = (text, False)
            except (OSError, UnicodeDecodeError):  # also FIFOs, huge files, links out
                continue  # an unreadable seed is the validator's to report
    return texts


def _sentence(text: ArticleText, start: int, end: int) -> str:
    sentence = text.sentence_around(start, end)
    if DATE_LINE.match(sentence):  # the opening "date YYYY-MM-DD" is not part of the article
        sentence = DATE_LINE.sub("", sentence, count=1).strip()
    return sentence


def find_phrase(texts: dict[str, tuple[ArticleText, bool]], phrase: str) -> list[Found]:
    """Every sentence holding the phrase, case and typography ignored, in text order."""
    needle = fold_text(phrase)
    if not needle:
        return []
    pattern = re.compile(re.escape(needle), re.IGNORECASE)  # keeps view offsets intact
    found: list[Found] = []
    for article, (text, listed) in texts.items():
        for hit in pattern.finditer(text.folded.view):
            start, end = text.folded.span(hit.start(), hit.end())
            item = Found(article, listed, text.line_of(start), _sentence(text, start, end))
            if item not in found:  # two hits in one sentence give one result
                found.append(item)
    return found


def nearest_passages(texts: dict[str, tuple[ArticleText, bool]], phrase: str,
                     limit: int = 3) -> list[Near]:
    """The passages most like the phrase across the articles, best first."""
    near = []
    for article, (text, _listed) in texts.items():
        passage = closest_passage(text, phrase)
        if passage is not None:
            near.append(Near(article, printable(passage[0]), passage[1]))
    return sorted(near, key=lambda n: (-n.score, n.article))[:limit]


def restrict(texts: dict[str, tuple[ArticleText, bool]], article: str) -> dict:
    """Only the article with this id (or seed path); empty if there is none."""
    wanted = Path(article).as_posix()
    return {key: value for key, value in texts.items() if key in (article, wanted)}


def project_texts(loaded: Loaded, outside_seeds: bool = False
                  ) -> dict[str, tuple[ArticleText, bool]]:
    """Every seed of a project to search, read without running the other rules."""
    from .seeds import read_seeds

    return searchable_texts(loaded, read_seeds(loaded, outside_seeds).texts, outside_seeds)

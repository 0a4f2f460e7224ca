"""An article as sentences in paragraphs, each with a folded view for matching.

Sentences are cut where ``corpus.ArticleText.sentence_around`` cuts them, so a quote
drafted from one sentence is checked (Q304) against that same sentence. Matching runs on
each sentence's folded view (one kind of quote mark and dash, single spaces); spans map
back to offsets into the original text, from which quotes are copied verbatim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..corpus import DATE_LINE, ArticleText, Folded, fold

# the same cuts as corpus.ArticleText.sentence_around, so Q304 sees the quote's sentence
SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*\s+|\n+")
WORD = re.compile(r"[\w$%@][\w'$%@.,-]*[\w%]|[\w$%@]")


@dataclass
class Sentence:
    """One sentence: where it is in the article and its folded view."""

    index: int
    paragraph: int
    start: int  # offset of the sentence in the article text
    end: int
    folded: Folded = field(repr=False)

    @property
    def plain(self) -> str:
        """The folded view, where all matching happens."""
        return self.folded.view

    def original(self, start: int, end: int) -> str:
        """The article's own text for a span [start, end) of the folded view."""
        a, b = self.folded.span(start, end)
        return self.folded_source[a:b]

    folded_source: str = field(default="", repr=False)

    def offsets(self, start: int, end: int) -> tuple[int, int]:
        """A span of the folded view as offsets into the article text."""
        a, b = self.folded.span(start, end)
        return self.start + a, self.start + b


def sentences(article: ArticleText) -> list[Sentence]:
    """The article's sentences in order, skipping the ``date YYYY-MM-DD`` prefix."""
    text = article.text
    head = DATE_LINE.match(text)
    begin = head.end() if head else 0
    found: list[Sentence] = []
    paragraph, cursor = 0, begin
    for cut in SENTENCE_END.finditer(text, begin):
        _add(found, text, cursor, cut.end(), paragraph)
        if "\n" in cut.group(0):
            paragraph += 1
        cursor = cut.end()
    _add(found, text, cursor, len(text), paragraph)
    return found


def _add(found: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped or not any(c.isalpha() for c in stripped):
        return
    lead = len(chunk) - len(chunk.lstrip())
    start, end = start + lead, start + lead + len(stripped)
    folded = fold(text[start:end])
    found.append(Sentence(len(found), paragraph, start, end, folded, text[start:end]))


def words(plain: str) -> list[tuple[int, int]]:
    """The word spans of a folded sentence."""
    return [(m.start(), m.end()) for m in WORD.finditer(plain)]


def quote_regions(plain: str) -> list[tuple[int, int]]:
    """Spans inside double quotes; an unclosed quote runs to the end of the sentence."""
    regions, opened = [], None
    for i, ch in enumerate(plain):
        if ch != '"':
            continue
        if opened is None:
            opened = i
        else:
            regions.append((opened, i + 1))
            opened = None
    if opened is not None:
        regions.append((opened, len(plain)))
    return regions

"""Stage three of validation: find every evidence quote in the text of its article.

``locate_quotes`` returns where each quote is (offsets into the original article text, by
interaction id and evidence index) and the problems of finding it (rules Q301, Q302,
Q306-Q309). A quote that is not found comes with its fix: the article that has it, or the
closest passage, computed only then.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, MutableMapping
from dataclasses import dataclass

from .corpus import (
    MAX_QUOTE_CHARS,
    MIN_EVIDENCE_WORDS,
    ArticleText,
    Match,
    fold_text,
    quote_size_problem,
)
from .loader import Loaded
from .problems import ERROR, WARNING, Problem, quoted, rule

PASSAGE_LIMIT = 400  # a suggested passage is shown whole, ready to paste, up to this length

QUOTE_NOT_FOUND = rule(
    "Q301", "quote-not-found", ERROR, "the quote is not in the article",
    "Quotes must be verbatim. Typography is folded (curly quotes, dashes, spaces), "
    "but every word and punctuation mark must match. The help line shows the closest "
    "passage in the article cited and how similar it is, or names the article that does "
    "contain the quote.")
QUOTE_AMBIGUOUS = rule(
    "Q302", "quote-ambiguous", WARNING, "the quote occurs more than once in the article",
    "A quote that occurs twice cannot be shown at one place. Lengthen it until it is "
    "unique.")
QUOTE_NO_WORDS = rule(
    "Q306", "quote-no-words", ERROR, "the quote holds no words",
    "A quote made only of spaces, punctuation or invisible characters says nothing "
    "and matches almost anywhere. Quote the words of the article.")

QUOTE_ACROSS_PARAGRAPHS = rule(
    "Q307", "quote-across-paragraphs", ERROR, "the quote runs from one paragraph into the next",
    "The page shows each quote inside its paragraph, so a quote that runs across a line "
    "break would be shown glued into one block that the article never printed. Cite each "
    "paragraph's words as an evidence item of its own.")

QUOTE_TOO_LONG = rule(
    "Q308", "quote-too-long", ERROR, "the quote is longer than a quote can be",
    f"Evidence is the sentence or two that states an interaction, at most "
    f"{MAX_QUOTE_CHARS:,} characters after folding. A longer quote is a passage pasted "
    "whole, and finding its closest match in the article would cost minutes.")
QUOTE_FRAGMENT = rule(
    "Q309", "quote-fragment", ERROR, "the quote is too short to be evidence of anything",
    f"A quote of fewer than {MIN_EVIDENCE_WORDS} words (\"Abbas\") occurs in every article "
    "about its subject and proves nothing. Quote the clause that states the interaction.")

LINE_BREAKS = re.compile(r"[\n\r\x85\u2028\u2029]")

SpanKey = tuple[str, int]  # (interaction id, evidence index)


@dataclass(frozen=True)
class Quotes:
    """Where each quote was found (its first occurrence), and the problems of finding them."""

    spans: dict[SpanKey, Match]
    problems: tuple[Problem, ...]


def locate_quotes(loaded: Loaded, texts: dict[str, ArticleText],
                  cache: MutableMapping | None = None) -> Quotes:
    """Look up each quote of each valid interaction in its article's text.

    ``cache`` keeps the matches of (article text, quote) pairs between rebuilds.
    """
    spans: dict[SpanKey, Match] = {}
    problems: list[Problem] = []
    if loaded.dataset is None:
        return Quotes(spans, ())
    for position, item in enumerate(loaded.dataset.interactions):
        for i, ev in enumerate(item.evidence):
            where = loaded.record_path("interactions", position, "evidence", i, "quote")
            matches = _matches(loaded, where, ev, texts, problems, cache)
            if matches:
                spans[item.id, i] = matches[0]
    return Quotes(spans, tuple(problems))


def _matches(loaded: Loaded, where: tuple, ev, texts: dict[str, ArticleText],
             problems: list[Problem], cache: MutableMapping | None) -> list[Match]:
    has_words, size = _shape(ev.quote, cache)
    if not has_words:
        problems.append(loaded.problem(where, QUOTE_NO_WORDS, "the quote holds no words",
                                       "quote the words of the article"))
        return []
    if size is not None:
        problems.append(loaded.problem(where, *size))
        if size[0] == QUOTE_TOO_LONG.code:
            return []
    text = texts.get(ev.article)
    if text is None:
        return []  # missing article or seed: reported by its own rule
    matches = _locate(text, ev.quote, cache)
    problems.extend(_location_problems(loaded, where, ev, texts, matches))
    return matches


def _shape(quote: str, cache: MutableMapping | None) -> tuple[bool, tuple | None]:
    """Whether the quote holds words, and its ``quote_size_problem``: kept by quote in ``cache``
    (folding the 15,000 quotes of 10,000 interactions again took 0.43 s of each rebuild)."""
    key = (None, quote)  # the matches' keys start with a text, never None
    found = cache.get(key) if cache is not None else None
    if found is None:
        found = (any(ch.isalnum() for ch in fold_text(quote)), quote_size_problem(quote))
        if cache is not None:
            cache[key] = found
    return found


def _locate(text: ArticleText, quote: str, cache: MutableMapping | None) -> list[Match]:
    if cache is None:
        return text.locate(quote)
    key = (text.text, quote)  # the same text object when the seed did not change: cheap
    found = cache.get(key)
    if found is None:
        found = cache[key] = text.locate(quote)
    return found


def _location_problems(loaded: Loaded, where: tuple, ev, texts: dict[str, ArticleText],
                       matches: list[Match]) -> Iterator[Problem]:
    if not matches:
        yield loaded.problem(where, QUOTE_NOT_FOUND, f"quote not found in article "
                             f"{quoted(ev.article)}", not_found_help(texts, ev.article, ev.quote))
        return
    text = texts[ev.article]
    first = matches[0]
    if LINE_BREAKS.search(text.text, first.start, first.end):
        yield loaded.problem(where, QUOTE_ACROSS_PARAGRAPHS, "the quote runs across paragraphs "
                             f"(lines {text.line_of(first.start)} to "
                             f"{text.line_of(first.end - 1)} of the article)",
                             "split it into two evidence items, one for each paragraph")
    if len(matches) > 1:
        lines = ", ".join(str(text.line_of(m.start)) for m in matches)
        yield loaded.problem(where, QUOTE_AMBIGUOUS, f"quote occurs {len(matches)} times in "
                             f"article {quoted(ev.article)} (lines {lines})",
                             "lengthen the quote until it occurs once")


def not_found_help(texts: dict[str, ArticleText], article_id: str, quote: str) -> str:
    """The fix for a quote missing from its article: the article that has it, or the closest."""
    from .corpus import closest_passage

    elsewhere = [aid for aid, t in texts.items() if aid != article_id and t.locate(quote)]
    if elsewhere:
        return f"the quote is in article {quoted(elsewhere[0])}: cite that article instead"
    passage = closest_passage(texts[article_id], quote)
    if passage is None:
        return "no similar passage in that article; check the article id"
    if fold_text(passage[0]).casefold() == fold_text(quote).casefold():
        return f"the article has it with other capitals: {quoted(passage[0], PASSAGE_LIMIT)}"
    return f"closest passage ({passage[1]:.0f}% similar): {quoted(passage[0], PASSAGE_LIMIT)}"

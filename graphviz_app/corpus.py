"""Seed article texts: read them, fold them for matching, and locate quotes.

Matching happens on a *folded view* of the text (NFC, one kind of quote mark and dash,
no invisible characters, single spaces) that keeps a map back to the original, so every
offset we report is a Python string index into the original decoded file.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

DATE_LINE = re.compile(r"\A\ufeff?\s*date (\d{4}-\d{2}-\d{2})(?:\s|\Z)")

_SINGLE = "\u2018\u2019\u201a\u201b\u2032\u02bc`\u00b4"
_DOUBLE = "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_INVISIBLE = ("\u200b\u2060\ufeff\u00ad\u200e\u200f"
              "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_TRANSLATE = {ord(c): "'" for c in _SINGLE}
_TRANSLATE |= {ord(c): '"' for c in _DOUBLE}
_TRANSLATE |= {ord(c): "-" for c in _DASHES}
_TRANSLATE |= {ord(c): None for c in _INVISIBLE}
_TRANSLATE[0x2026] = "..."
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*\s+|\n+")


@dataclass(frozen=True)
class Folded:
    """A matching view of a text; view char ``i`` came from ``text[starts[i]:ends[i]]``."""

    view: str
    starts: list[int]
    ends: list[int]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a non-empty view span [start, end) back to the original text."""
        return self.starts[start], self.ends[end - 1]


# Printable ASCII that folds to itself (the backtick folds to '), in runs joined by single
# spaces. A run never takes the character before a non-ASCII one, which may be a combining
# mark that has to be normalised together with it.
_PLAIN_RUN = re.compile(r"[!-_a-~]+(?: [!-_a-~]+)*(?![^\x00-\x7f])")


def fold(text: str) -> Folded:
    """Fold typography that typing cannot reproduce reliably, keeping an index map.

    A base character and the combining marks after it are normalised together (NFC), so
    the map stays exact even where composition changes the number of characters. Runs of
    plain ASCII, most of any English text, are copied whole.
    """
    view: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    space_from: int | None = None
    i, n = 0, len(text)
    while i < n:
        run = _PLAIN_RUN.match(text, i)
        if run:
            j, mapped = run.end(), None
        elif text[i].isspace():
            space_from = i if space_from is None else space_from
            i += 1
            continue
        else:
            j = i + 1
            while j < n and unicodedata.combining(text[j]):
                j += 1
            mapped = unicodedata.normalize("NFC", text[i:j]).translate(_TRANSLATE)
            if not mapped:
                i = j
                continue
        if space_from is not None and view:
            view.append(" ")
            starts.append(space_from)
            ends.append(i)
        space_from = None
        if mapped is None:
            view.append(text[i:j])
            starts.extend(range(i, j))
            ends.extend(range(i + 1, j + 1))
        else:
            view.append(mapped)
            starts.extend([i] * len(mapped))
            ends.extend([j] * len(mapped))
        i = j
    return Folded("".join(view), starts, ends)


@lru_cache(maxsize=1 << 16)
def fold_text(text: str) -> str:
    """Only the folded view, for a quote or a search phrase.

    Cached: validation folds each quote and actor name several times (to find it, to
    count its words, to look for a party's name), and a watching process every rebuild.
    """
    return fold(text).view


@dataclass(frozen=True)
class Match:
    start: int
    end: int


@dataclass
class ArticleText:
    """One seed article's text, with what we can read off it."""

    path: Path
    text: str
    folded: Folded = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.folded = fold(self.text)

    @cached_property
    def date_line(self) -> str | None:
        """The ``date YYYY-MM-DD`` the seed opens with, if it has one."""
        found = DATE_LINE.match(self.text)
        return found.group(1) if found else None

    def locate(self, quote: str) -> list[Match]:
        """Every place the quote occurs (after folding), as offsets into ``text``."""
        needle = fold_text(quote)
        if not needle:
            return []
        matches, at = [], self.folded.view.find(needle)
        while at != -1:
            start, end = self.folded.span(at, at + len(needle))
            matches.append(Match(start, end))
            at = self.folded.view.find(needle, at + 1)
        return matches

    def line_of(self, offset: int) -> int:
        """1-based line number of an offset."""
        return self.text.count("\n", 0, offset) + 1

    @cached_property
    def _boundaries(self) -> list[int]:
        return [m.end() for m in _SENTENCE_END.finditer(self.text)]

    def sentence_around(self, start: int, end: int) -> str:
        """The sentence(s) holding a span, for context."""
        cuts = self._boundaries
        left = cuts[bisect_right(cuts, start) - 1] if bisect_right(cuts, start) else 0
        after = bisect_left(cuts, end)
        right = cuts[after] if after < len(cuts) else len(self.text)
        return self.text[left:right].strip()


def read_article(path: Path) -> ArticleText:
    """Read a seed as UTF-8; raises OSError or UnicodeDecodeError for the caller to report."""
    return ArticleText(path, path.read_bytes().decode("utf-8"))


def closest_passage(article: ArticleText, quote: str) -> tuple[str, float] | None:
    """The passage of the article most like the quote, snapped to words, and its similarity.

    Only called when a quote is not found, so the cost of fuzzy matching is never paid on
    the happy path.
    """
    from rapidfuzz import fuzz

    needle = fold_text(quote).casefold()
    haystack = article.folded.view.casefold()
    if not needle or not haystack:
        return None
    found = fuzz.partial_ratio_alignment(needle, haystack)
    if found is None or found.score < 40:
        return None
    # the raw window can clip the first and last words: widen it and snap to word edges
    pad = max(len(needle) // 8, 3)
    start = max(found.dest_start - pad, 0)
    end = min(found.dest_end + pad, len(haystack))
    while start > 0 and haystack[start - 1] != " ":
        start -= 1
    while end < len(haystack) and haystack[end] != " ":
        end += 1
    start, end = _tighten(needle, haystack, start, end)
    begin, finish = article.folded.span(start, end)
    snippet = " ".join(article.text[begin:finish].split())
    return snippet, fuzz.ratio(needle, fold_text(snippet).casefold())


def _tighten(needle: str, haystack: str, start: int, end: int) -> tuple[int, int]:
    """Drop whole words from either end of the window while that makes it more similar."""
    from rapidfuzz import fuzz

    def score(a: int, b: int) -> float:
        return fuzz.ratio(needle, haystack[a:b])

    best = score(start, end)
    improved = True
    while improved:
        improved = False
        shorter = ((_next_word(haystack, start, end), end),
                   (start, _prev_word(haystack, start, end)))
        for a, b in shorter:
            if a < b and (s := score(a, b)) > best:
                best, start, end, improved = s, a, b, True
                break
    return start, end


def _next_word(text: str, start: int, end: int) -> int:
    """The start of the second word in text[start:end]."""
    cut = text.find(" ", start, end)
    return end if cut == -1 else cut + 1


def _prev_word(text: str, start: int, end: int) -> int:
    """The end of the last-but-one word in text[start:end]."""
    cut = text.rfind(" ", start, end)
    return start if cut == -1 else cut

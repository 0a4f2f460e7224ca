"""Seed article texts: read them, fold them for matching, and locate quotes.

Matching happens on a *folded view* of the text (NFC, one kind of quote mark and dash,
no invisible characters, single spaces) that keeps a map back to the original, so every
offset we report is a Python string index into the original decoded file.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from .files import SEED_LIMIT, InputRefused, read_regular, resolves_inside

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
# a line break ends a sentence too, whichever convention the seed uses (\n, \r\n or a lone \r)
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*\s+|[\r\n]+")


@dataclass(frozen=True)
class Folded:
    """A matching view of a text; view char ``i`` came from ``text[starts[i]:ends[i]]``."""

    view: str
    starts: array  # of int; an array costs 8 bytes an entry, a list of ints about 36
    ends: array

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
    starts, ends = array("q"), array("q")
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
        """1-based line number of an offset; ``\n``, ``\r\n`` and a lone ``\r`` end a line."""
        text = self.text
        breaks = text.count("\n", 0, offset) + text.count("\r", 0, offset)
        return breaks - text.count("\r\n", 0, offset) + 1

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


def read_article(path: Path, limit: int = SEED_LIMIT, root: Path | None = None) -> ArticleText:
    """Read a seed as UTF-8; raises OSError or UnicodeDecodeError for the caller to report.

    Only a regular file of at most ``limit`` bytes is read: anything else raises
    ``files.InputRefused`` (an ``OSError`` whose ``strerror`` says why) rather than hang on a
    FIFO or a device, or exhaust memory on a huge file. Given ``root``, a seed that resolves
    outside it (a link to ``/etc/passwd``) is refused the same way.
    """
    if root is not None and not resolves_inside(path, root):
        raise InputRefused(path, "is a link to a file outside the project")
    return ArticleText(path, read_regular(path, limit).decode("utf-8"))


# A quote is a sentence or two: the longest shipped quote is 252 characters. A proposed rule
# refuses quotes longer than this; the search below never costs more than for this length.
MAX_QUOTE_CHARS = 2000
# Fuzzy alignment costs grow with the cube of the phrase's length (1,000 characters against
# a seed: 0.04 s; 2,000: 0.3 s; 10,000: 3 s), so only the phrase's opening is aligned and the
# window is then stretched to the whole phrase.
ALIGN_CHARS = 400
TIGHTEN_STEPS = 200  # words dropped from the ends of the window, at most


MIN_EVIDENCE_WORDS = 3  # fewer words than this are a fragment, not evidence of anything


def quote_size_problem(quote: str) -> tuple[str, str, str] | None:
    """(code, message, help) when a quote is too long or too short to be evidence, or None.

    Q308: longer than ``MAX_QUOTE_CHARS`` after folding. Q309: fewer than
    ``MIN_EVIDENCE_WORDS`` words: "Abbas" occurs in every article about him, and proves
    nothing. (Q303 stays the warning for quotes short of a full clause.)
    """
    folded = fold_text(quote)
    if len(folded) > MAX_QUOTE_CHARS:
        return ("Q308", f"quote is {len(folded):,} characters long", f"quote at most "
                f"{MAX_QUOTE_CHARS:,} characters: the sentence that states the interaction")
    words = sum(any(ch.isalnum() for ch in word) for word in folded.split())  # not "--"
    if 0 < words < MIN_EVIDENCE_WORDS:
        return ("Q309", f"quote has {words} word{'s' * (words != 1)}; that is not evidence",
                f"quote at least {MIN_EVIDENCE_WORDS} words, best the clause that states the "
                "interaction")
    return None


def closest_passage(article: ArticleText, quote: str) -> tuple[str, float] | None:
    """The passage of the article most like the quote, snapped to words, and its similarity.

    Only called when a quote is not found, so the cost of fuzzy matching is never paid on
    the happy path. The cost is bounded whatever the quote: only its first
    ``MAX_QUOTE_CHARS`` characters are compared, and only its first ``ALIGN_CHARS`` are
    aligned against the whole article.
    """
    from rapidfuzz import fuzz

    needle = fold_text(quote).casefold()[:MAX_QUOTE_CHARS]
    haystack = article.folded.view.casefold()
    if not needle or not haystack:
        return None
    found = fuzz.partial_ratio_alignment(needle[:ALIGN_CHARS], haystack)
    if found is None or found.score < 40:
        return None
    # where the whole needle would lie, given where its opening aligned
    start = max(found.dest_start - found.src_start, 0)
    end = min(max(found.dest_end, start + len(needle)), len(haystack))
    # the raw window can clip the first and last words: widen it and snap to word edges
    pad = max(len(needle) // 8, 3)
    start = max(start - pad, 0)
    end = min(end + pad, len(haystack))
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
    for _ in range(TIGHTEN_STEPS):
        shorter = ((_next_word(haystack, start, end), end),
                   (start, _prev_word(haystack, start, end)))
        better = [(s, a, b) for a, b in shorter if a < b and (s := score(a, b)) > best]
        if not better:
            break
        best, start, end = better[0]
    return start, end


def _next_word(text: str, start: int, end: int) -> int:
    """The start of the second word in text[start:end]."""
    cut = text.find(" ", start, end)
    return end if cut == -1 else cut + 1


def _prev_word(text: str, start: int, end: int) -> int:
    """The end of the last-but-one word in text[start:end]."""
    cut = text.rfind(" ", start, end)
    return start if cut == -1 else cut

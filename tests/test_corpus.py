"""Seed texts: folding typography, locating quotes with exact offsets, suggestions."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graphviz_app.corpus import ArticleText, closest_passage, fold, fold_text, read_article


def article(text: str) -> ArticleText:
    return ArticleText(Path("seed.txt"), text)


# (article text, quote as typed, the exact original slice the match must cover)
TYPOGRAPHY = [
    ("He said \u201cyes, we will\u201d today.", 'said "yes, we will"',
     "said \u201cyes, we will\u201d"),
    ("Israel\u2019s minister spoke.", "Israel's minister", "Israel\u2019s minister"),
    ("the 2020\u20132021 talks", "2020-2021 talks", "2020\u20132021 talks"),
    ("security \u2014 and civil \u2014 ties", "security - and civil - ties",
     "security \u2014 and civil \u2014 ties"),
    ("open\u00a0channel of coordination", "open channel of", "open\u00a0channel of"),
    ("open\u200b channel", "open channel", "open\u200b channel"),
    ("coordi\u00adnation resumed", "coordination resumed", "coordi\u00adnation resumed"),
    ("caf\u00e9 talks", "cafe\u0301 talks", "caf\u00e9 talks"),  # NFC article, NFD quote
    ("cafe\u0301 talks", "caf\u00e9 talks", "cafe\u0301 talks"),  # NFD article, NFC quote
    ("and so on\u2026 he said", "so on... he", "so on\u2026 he"),
    ("first line\r\nsecond line", "line second", "line\r\nsecond"),
    ("many    spaces\t\there", "many spaces here", "many    spaces\t\there"),
    ("\ufeffdate line", "date line", "date line"),
    ("\u00abquoted\u00bb text", '"quoted" text', "\u00abquoted\u00bb text"),
    ("the \u2066PA\u2069 said", "the PA said", "the \u2066PA\u2069 said"),
]


@pytest.mark.parametrize(("text", "quote", "expected"), TYPOGRAPHY)
def test_quote_offsets_slice_the_original_text(text, quote, expected):
    [match] = article(text).locate(quote)
    assert text[match.start:match.end] == expected
    assert fold_text(text[match.start:match.end]) == fold_text(quote)


def test_case_is_kept_when_matching():
    assert article("Gantz told Abbas").locate("gantz told abbas") == []


def test_every_occurrence_is_found():
    matches = article("talks go on. Then talks go on.").locate("talks go on")
    assert [(m.start, m.end) for m in matches] == [(0, 11), (18, 29)]


def test_blank_quote_matches_nothing():
    assert article("text").locate(" \u200b ") == []


def test_date_line_even_after_a_byte_order_mark():
    assert article("\ufeff date 2022-12-28 Headline\n").date_line == "2022-12-28"
    assert article("date 2022-12-28").date_line == "2022-12-28"
    assert article("Headline\n date 2022-12-28").date_line is None


def test_line_of_and_sentence_around():
    text = article("First line.\nSecond sentence here. Third one!\nLast.")
    start = text.text.index("sentence")
    assert text.line_of(start) == 2
    assert text.sentence_around(start, start + 8) == "Second sentence here."


def test_closest_passage_is_snapped_to_words_and_scored():
    text = article("Gantz on Wednesday told Abbas that it is of utmost importance to keep going.")
    snippet, score = closest_passage(text, "Gantz on Tuesday told Abbas that it is")
    assert snippet == "Gantz on Wednesday told Abbas that it is"
    assert 80 <= score < 100


def test_closest_passage_gives_up_on_nothing_alike():
    assert closest_passage(article("aaaa bbbb cccc"), "zzzz yyyy") is None


def test_read_article_decodes_utf8(tmp_path):
    (tmp_path / "a.txt").write_bytes("caf\u00e9".encode())
    (tmp_path / "b.txt").write_bytes(b"caf\xe9")
    assert read_article(tmp_path / "a.txt").text == "caf\u00e9"
    with pytest.raises(UnicodeDecodeError):
        read_article(tmp_path / "b.txt")


@given(st.text(max_size=200))
def test_folding_is_idempotent_and_maps_back(text):
    folded = fold(text)
    assert fold_text(folded.view) == folded.view
    assert len(folded.starts) == len(folded.ends) == len(folded.view)
    assert all(0 <= s < e <= len(text) for s, e in zip(folded.starts, folded.ends, strict=True))


@given(st.text(max_size=80), st.text(min_size=1, max_size=40), st.text(max_size=80))
def test_a_planted_quote_is_always_found(before, quote, after):
    if not fold_text(quote).strip():
        return
    text = before + " " + quote + " " + after
    matches = article(text).locate(quote)
    assert matches
    assert any(fold_text(text[m.start:m.end]) == fold_text(quote) for m in matches)
    assert all(unicodedata.normalize("NFC", fold_text(text[m.start:m.end])) == fold_text(quote)
               for m in matches)


SHIPPED_SEED = Path(__file__).resolve().parent.parent / "seeds" / "003_95383a19cb279dd7.txt"


def near_miss(text: str, length: int) -> str:
    """Runs of the article's words, each with one word changed, as long as ``length``."""
    words, quote, size, i = text.split(), [], 0, 0
    while size < length:
        run = words[i % (len(words) - 20):][:20]
        quote.append(" ".join(run[:10] + ["different"] + run[11:]))
        size, i = size + len(quote[-1]) + 1, i + 37
    return " ".join(quote)[:length]


def test_closest_passage_stays_fast_for_a_huge_near_miss():
    """Fuzzy alignment grew with the cube of the quote: 1 MB took minutes."""
    import threading

    text = read_article(SHIPPED_SEED)
    outcome = []
    worker = threading.Thread(target=lambda: outcome.append(
        closest_passage(text, near_miss(text.text, 1_000_000))), daemon=True)
    worker.start()
    worker.join(10)
    assert not worker.is_alive(), "closest_passage took over 10 s on a 1 MB quote"
    assert outcome and outcome[0] is not None


def test_closest_passage_of_a_long_quote_starts_where_the_quote_does():
    text = read_article(SHIPPED_SEED)
    words = " ".join(text.text.split()[40:400])
    typo = words.replace(" the ", " teh ", 1)
    snippet, score = closest_passage(text, typo)
    assert fold_text(snippet).startswith(fold_text(words)[:60])
    assert score > 95


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_lines_and_sentences_end_at_any_line_break(newline):
    text = article(newline.join(["Headline without a stop", "", "First line", "Second line."]))
    start = text.text.index("Second")
    assert text.line_of(start) == 4
    assert text.line_of(text.text.index("First")) == 3
    assert text.sentence_around(start, start + 6) == "Second line."
    assert text.sentence_around(0, 8) == "Headline without a stop"


def test_quote_size_problem_refuses_fragments_and_walls_of_text():
    from graphviz_app.corpus import MAX_QUOTE_CHARS, quote_size_problem

    assert quote_size_problem("Abbas")[:2] == ("Q309", "quote has 1 word; that is not evidence")
    assert quote_size_problem("Abbas \u201crejected\u201d")[0] == "Q309"
    assert quote_size_problem("Abbas rejected pressure") is None
    long = "word " * (MAX_QUOTE_CHARS // 5 + 1)
    assert quote_size_problem(long)[:2] == ("Q308", f"quote is {MAX_QUOTE_CHARS + 4:,} "
                                            "characters long")
    assert quote_size_problem(" \u201c \u201d ") is None  # no words: Q306's to report


def test_folding_a_seed_costs_a_bounded_amount_of_memory_per_character():
    """The offset maps were lists of ints, about 80 bytes per character of seed."""
    import tracemalloc

    text = (SHIPPED_SEED.read_text("utf-8") * 50)[:200_000]
    tracemalloc.start()
    try:
        ArticleText(SHIPPED_SEED, text)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak / len(text) < 30

"""The lexicon of interaction verbs and phrases, shipped as data, compiled to patterns.

Each entry of ``lexicon.json`` is a phrase of words: ``a|b`` is a choice, ``word?`` is
optional and ``*`` stands for up to five words. In ``verbs`` the first word is a verb
lemma and is matched in all its forms (urge, urges, urged, urging); ``phrases`` match as
written. ``reversed`` entries name the acting party after the phrase ("pressure from X"); in
``said_of`` entries the party named before the phrase is acted on and whoever says it
acts ("Israel must stop ...," the minister said).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

GAP = r"(?:\s+[\w'$%.,-]+){0,5}?"  # what `*` stands for: up to five words
ADVERB = r"(?:\s+\w+ly)?"  # "firmly condemned", "strongly urged"


@dataclass(frozen=True)
class Trigger:
    """One compiled lexicon entry."""

    type: str
    phrase: str
    pattern: re.Pattern
    reversed: bool  # the acting party comes after the phrase
    said_of: bool  # the party before it is acted on; whoever says it acts ("X must stop")
    verb: bool  # the first word is an inflected verb
    participles: frozenset[str]  # forms that read as passive after "was", "were", ...
    first_words: frozenset[str]  # the words a match can start with, to skip patterns fast


@cache
def _raw() -> dict:
    text = resources.files("graphviz_app").joinpath("lexicon.json").read_text("utf-8")
    return json.loads(text)


def _syllables(word: str) -> int:
    return len(re.findall(r"[aeiouy]+", word))


def inflections(lemma: str, irregular: dict[str, list[str]] | None = None) -> dict[str, str]:
    """The forms of a verb: base, third person (s), past (ed), past participle (en), -ing.

    Regular English rules (urge -> urged, urging; stop -> stopped; ally -> allied), with
    the lexicon's list of irregular verbs taking precedence.
    """
    irregular = _raw()["irregular"] if irregular is None else irregular
    if lemma in irregular:
        s, ed, en, ing = irregular[lemma]
        return {"base": lemma, "s": s, "ed": ed, "en": en, "ing": ing}
    if re.search(r"(s|x|z|ch|sh|o)$", lemma):
        s = lemma + "es"
    elif re.search(r"[^aeiou]y$", lemma):
        s = lemma[:-1] + "ies"
    else:
        s = lemma + "s"
    if lemma.endswith("ee"):
        ed, ing = lemma + "d", lemma + "ing"
    elif lemma.endswith("e"):
        ed, ing = lemma + "d", lemma[:-1] + "ing"
    elif re.search(r"[^aeiou]y$", lemma):
        ed, ing = lemma[:-1] + "ied", lemma + "ing"
    elif _syllables(lemma) == 1 and re.search(r"[^aeiou][aeiou][^aeiouwxy]$", lemma):
        ed, ing = lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"
    else:
        ed, ing = lemma + "ed", lemma + "ing"
    return {"base": lemma, "s": s, "ed": ed, "en": ed, "ing": ing}


def _word(token: str) -> str:
    return "(?:" + "|".join(re.escape(t) for t in token.split("|")) + ")"


def _compile(phrase: str, verb: bool) -> tuple[re.Pattern, frozenset[str], frozenset[str]]:
    tokens = phrase.split()
    participles: set[str] = set()
    first_words: set[str] = set()
    parts: list[str] = []
    pending_gap = False
    for i, token in enumerate(tokens):
        if token == "*":
            pending_gap = True
            continue
        optional = token.endswith("?")
        token = token.rstrip("?")
        if i == 0 and verb:
            forms = [inflections(lemma) for lemma in token.split("|")]
            participles |= {f["en"] for f in forms}
            words = sorted({w for f in forms for w in f.values()}, key=len, reverse=True)
            first_words |= {w.split()[0].casefold() for w in words}
            piece = "(?:" + "|".join(re.escape(w) for w in words) + ")" + ADVERB
        else:
            piece = _word(token)
            if not parts:
                first_words |= {t.casefold() for t in token.split("|")}
        sep = "" if not parts else (GAP + r"\s+" if pending_gap else r"\s+")
        parts.append(f"(?:{sep}{piece})?" if optional and parts else sep + piece)
        pending_gap = False
    body = "".join(parts)
    pattern = re.compile(r"(?<![\w-])" + body + r"(?![\w-])", re.IGNORECASE)
    return pattern, frozenset(participles), frozenset(first_words)


@cache
def triggers() -> tuple[Trigger, ...]:
    """Every entry of every interaction type, compiled."""
    found = []
    for type_id, entry in _raw()["types"].items():
        for key, verb in (("verbs", True), ("phrases", False), ("reversed", False),
                          ("said_of", False)):
            for phrase in entry.get(key, []):
                pattern, participles, first = _compile(phrase, verb)
                found.append(Trigger(type_id, phrase, pattern, key == "reversed",
                                     key == "said_of", verb, participles, first))
    return tuple(found)


@cache
def _by_first_word() -> dict[str, tuple[Trigger, ...]]:
    table: dict[str, list[Trigger]] = {}
    for t in triggers():
        for word in t.first_words:
            table.setdefault(word, []).append(t)
    return {w: tuple(ts) for w, ts in table.items()}


def triggers_in(text: str) -> list[Trigger]:
    """The entries that can match in ``text``: those whose first word occurs in it."""
    table = _by_first_word()
    seen: dict[int, Trigger] = {}
    for word in set(re.findall(r"[\w'-]+", text.casefold())):
        for t in table.get(word, ()):
            seen[id(t)] = t
    return [t for t in triggers() if id(t) in seen]


@cache
def summary_templates() -> dict[str, str]:
    """The one-line summary template of each type: "{source} condemns {target}"."""
    return {t: e["summary"] for t, e in _raw()["types"].items()}


@cache
def states() -> dict[str, tuple[str, ...]]:
    """Country names and their demonyms ("Egypt": ("Egyptian",))."""
    return {name: tuple(forms) for name, forms in _raw()["states"].items()}


@cache
def collectives() -> tuple[str, ...]:
    """Parties named without capitals or title: "the international community"."""
    return tuple(_raw().get("collectives", ()))


def lexicon_types() -> list[str]:
    """The interaction types the lexicon covers."""
    return list(_raw()["types"])

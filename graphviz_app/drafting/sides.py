"""A side for a new actor, when its name and title make it plain; else none (to choose).

A drafted actor takes the side of the organisation it belongs to (``member_of``). Failing
that, its name and title are read for the states the data lists ("Israeli Defence
Ministry": Israel's side) and, for a body, for a demonym or an acronym that one declared
side's label holds ("PLO Executive Committee": the side whose label says PLO). Ordinary
words ("Foreign", "United", "International") are never read this way: they name too many
bodies. The side is guessed only when every such word points at the same one side;
"Palestinian security services" names a word that three sides' labels share, so it is
left for the curator to choose.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..corpus import fold_text
from . import names as nm
from .lexicon import states

_WORD = re.compile(r"[A-Z][\w'’-]*")


def with_guessed_sides(new_actors: list[nm.Actor], dataset) -> list[nm.Actor]:
    """The new actors, each without a side given one where it is plain (``side_guessed``)."""
    declared = {s.id for s in dataset.sides}
    by_state = _state_words(dataset.actors, declared)
    by_label = _label_words(dataset.sides)
    out = []
    for actor in new_actors:
        side = None if actor.side else _guess(actor, by_state, by_label)
        out.append(replace(actor, side=side, side_guessed=True) if side else actor)
    return out


def _guess(actor: nm.Actor, by_state: dict[str, set[str]],
           by_label: dict[str, set[str]]) -> str | None:
    text = fold_text(" ".join(filter(None, (actor.name, actor.role)))).casefold()
    found = set().union(*(sides for phrase, sides in by_state.items()
                          if re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text)))
    if actor.kind != "person":  # a person's name says nothing of a side
        words = [w.casefold() for w in _WORD.findall(actor.name)
                 if nm.is_demonym(w) or nm.ACRONYM.match(w)]
        found |= set().union(*(by_label.get(w, set()) for w in words))
    return next(iter(found)) if len(found) == 1 else None


def _state_words(actors, declared: set[str]) -> dict[str, set[str]]:
    """The names, aliases and demonyms of the data's states -> the sides they are on."""
    country = {fold_text(name).casefold(): forms for name, forms in states().items()}
    words: dict[str, set[str]] = {}
    for a in actors:
        if a.kind != "state" or not a.side or (declared and a.side not in declared):
            continue
        for name in (a.name, *a.aliases):
            folded = fold_text(name).casefold()
            for word in (folded, *(fold_text(d).casefold() for d in country.get(folded, ()))):
                words.setdefault(word, set()).add(a.side)
    return words


def _label_words(sides) -> dict[str, set[str]]:
    """Each word of a declared side's label or id -> the sides it names."""
    words: dict[str, set[str]] = {}
    for side in sides:
        text = f"{side.label} {side.id.replace('-', ' ')}"
        for word in re.findall(r"[\w'’]+", fold_text(text).casefold()):
            words.setdefault(word, set()).add(side.id)
    return words

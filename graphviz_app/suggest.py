"""Did-you-mean suggestions, computed only when something is already wrong."""

from __future__ import annotations

import json
from collections.abc import Iterable


def closest(word: str, choices: Iterable[str], limit: int = 3, cutoff: float = 60) -> list[str]:
    """The choices most like ``word``, best first (only those nearly as close as the best)."""
    from rapidfuzz import fuzz, process

    found = process.extract(word.casefold(), {c: c.casefold() for c in choices},
                            scorer=fuzz.ratio, limit=limit, score_cutoff=cutoff)
    if not found:
        return []
    best = found[0][1]
    return [key for _value, score, key in found if score >= best - 8]


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """A help line naming the closest choices, or None."""
    best = closest(word, choices)
    if not best:
        return None
    return "did you mean " + " or ".join(json.dumps(c, ensure_ascii=False) for c in best) + "?"


def did_you_mean_actor(word: str, actors: Iterable, ids: Iterable[str] = ()) -> str | None:
    """A help line naming the actors whose id, name, alias or initials are closest.

    ``target: un`` finds the actor named "United Nations"; ``ids`` adds ids of records that
    failed the schema, which can only be matched by id.
    """
    by_label: dict[str, str] = {}  # casefolded id, name, alias or initials -> actor id
    names: dict[str, str] = {}
    for actor in actors:
        names[actor.id] = actor.name
        for label in (actor.id, actor.name, *actor.aliases, initials(actor.name)):
            if label:
                by_label.setdefault(label.casefold(), actor.id)
    for record_id in ids:
        by_label.setdefault(record_id.casefold(), record_id)
    found = list(dict.fromkeys(by_label[label] for label in closest(word, by_label)))
    if not found:
        return None
    shown = [json.dumps(i, ensure_ascii=False) + (f" ({names[i]})" if names.get(i, i) != i
                                                  else "") for i in found]
    return "did you mean " + " or ".join(shown) + "?"


def initials(name: str) -> str:
    """"United Nations" -> "UN", "Palestinian Authority" -> "PA" (words of two letters up)."""
    words = [w for w in name.replace("-", " ").split() if len(w) > 2 or w[:1].isupper()]
    return "".join(w[0] for w in words) if len(words) > 1 else ""

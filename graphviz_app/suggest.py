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

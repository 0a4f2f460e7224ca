"""R214: a drafted record that nobody has reviewed yet fails validation.

``graphviz-app draft --append`` marks every record it adds with ``review: draft``; a
curator checks the record against the article and deletes that line. Until then this
rule reports it as an error, so drafts never reach the page unread.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..problems import ERROR, Problem, quoted, rule

MARK = "draft"

DRAFT_UNREVIEWED = rule(
    "R214", "draft-unreviewed", ERROR, "a drafted record that nobody has reviewed",
    "`graphviz-app draft --append` adds actors, interactions and evidence marked "
    "`review: draft`. Check each against its article (the parties, the type, the "
    "date, the quote), correct what is wrong, then delete the `review:` line.")


def unreviewed_drafts(checked) -> Iterator[Problem]:
    """R214 for every actor, interaction and evidence item that still has ``review:``.

    Reads the raw records, so a draft with other errors is still reported as a draft.
    """
    loaded = checked.loaded
    for section in ("actors", "interactions"):
        for index, item in enumerate(loaded.raw.get(section, [])):
            if not isinstance(item, dict):
                continue
            if "review" in item:
                yield loaded.problem((section, index, "review"), DRAFT_UNREVIEWED,
                                     f"{section[:-1]} {_name(item, index)} is a draft that "
                                     "nobody has reviewed", _HELP)
            evidence = item.get("evidence") if section == "interactions" else None
            for i, ev in enumerate(evidence if isinstance(evidence, list) else []):
                if isinstance(ev, dict) and "review" in ev:
                    yield loaded.problem((section, index, "evidence", i, "review"),
                                         DRAFT_UNREVIEWED, f"evidence {i + 1} of "
                                         f"{_name(item, index)} is a draft that nobody has "
                                         "reviewed", _HELP)


def _name(item: dict, index: int) -> str:
    """The record as a message names it (quoted only for the few drafts: it costs)."""
    return quoted(item.get("id", f"#{index + 1}"))


_HELP = ("check it against the article (parties, type, date, quote), then delete its "
         "`review: draft` line")

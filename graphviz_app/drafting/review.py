"""R213: a drafted record that nobody has reviewed yet fails validation.

``graphviz-app draft --append`` marks every record it adds with ``review: draft``; a
curator checks the record against the article and deletes that line. Until then this
rule reports it as an error, so drafts never reach the page unread.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..problems import Problem, quoted

MARK = "draft"


def unreviewed_drafts(checked) -> Iterator[Problem]:
    """R213 for every actor, interaction and evidence item that still has ``review:``.

    Reads the raw records, so a draft with other errors is still reported as a draft.
    """
    loaded = checked.loaded
    for section in ("actors", "interactions"):
        for index, item in enumerate(loaded.raw.get(section, [])):
            if not isinstance(item, dict):
                continue
            name = quoted(item.get("id", f"#{index + 1}"))
            if "review" in item:
                yield loaded.problem((section, index, "review"), "R213",
                                     f"{section[:-1]} {name} is a draft that nobody has "
                                     "reviewed", _HELP)
            evidence = item.get("evidence") if section == "interactions" else None
            for i, ev in enumerate(evidence if isinstance(evidence, list) else []):
                if isinstance(ev, dict) and "review" in ev:
                    yield loaded.problem((section, index, "evidence", i, "review"), "R213",
                                         f"evidence {i + 1} of {name} is a draft that nobody "
                                         "has reviewed", _HELP)


_HELP = ("check it against the article (parties, type, date, quote), then delete its "
         "`review: draft` line")

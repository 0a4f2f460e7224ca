"""Drafts as paste-ready YAML, as JSON for programs, and appended to the data file.

Every record a draft proposes carries ``review: draft``, so that ``validate`` fails on it
(R214) until a curator has checked it and deleted that line. Appending inserts the
records as text at the end of their lists, as ``add-article`` does (``append.py``), so
every other byte of the data file stays as it was.
"""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO
from pathlib import Path

from .extract import Draft, Drafted
from .names import Actor
from .review import MARK

SIDE_PLACEHOLDER = "unknown"  # not a declared side: the curator chooses one


def _new_drafts(drafted: Drafted) -> list[Draft]:
    return [d for d in drafted.drafts if d.same_as is None]


def _more_evidence(drafted: Drafted) -> list[Draft]:
    return [d for d in drafted.drafts if d.same_as is not None and not d.cited]


def used_actors(drafted: Drafted) -> list[Actor]:
    """The proposed new actors that some new draft involves, in the order proposed."""
    used = {x for d in _new_drafts(drafted) for x in (d.source, d.target)}
    return [a for a in drafted.new_actors if a.id in used]


def as_json(drafted: Drafted) -> str:
    """``{"article", "date", "new_actors", "aliases", "drafts"}`` as stable, indented JSON."""
    document = {
        "article": drafted.article,
        "date": drafted.date,
        "new_actors": [_actor_json(a) for a in drafted.new_actors],
        "aliases": [{"actor": actor, "alias": alias}
                    for actor, spellings in drafted.aliases.items() for alias in spellings],
        "drafts": [_draft_json(d) for d in drafted.drafts],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _actor_json(a: Actor) -> dict:
    out = {"id": a.id, "name": a.name, "kind": a.kind, "side": a.side}
    if a.side_guessed:
        out["side_guessed"] = True
    if a.role:
        out["role"] = a.role
    if a.aliases:
        out["aliases"] = list(a.aliases)
    if a.member_of:
        out["member_of"] = list(a.member_of)
    return out


def _draft_json(d: Draft) -> dict:
    out = {"id": d.id, "type": d.type, "source": d.source, "target": d.target, "date": d.date,
           "summary": d.summary, "quote": d.quote}
    if d.more_quotes:
        out["more_quotes"] = list(d.more_quotes)
    if d.same_as:
        out["same_as"] = d.same_as
        out["cited"] = d.cited
    return out


# --- YAML -------------------------------------------------------------------------------


def _yaml():
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.width = 4096  # never wrap a quote
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _quoted(text: str):
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    return DoubleQuotedScalarString(text)


def _date_value(date: str):
    """A full date as YAML writes it (2023-01-26); a year or month quoted, as a string."""
    if len(date) == 10 and date[0].isdigit():
        return dt.date.fromisoformat(date)
    return _quoted(date)


def _flow(items) -> object:
    """A short list written on one line, as the data file writes aliases: [A, B]."""
    from ruamel.yaml.comments import CommentedSeq

    seq = CommentedSeq(items)
    seq.fa.set_flow_style()
    return seq


def actor_record(a: Actor, marked: bool = True):
    from ruamel.yaml.comments import CommentedMap

    record = CommentedMap()
    record["id"] = a.id
    record["name"] = a.name
    record["kind"] = a.kind
    record["side"] = a.side or SIDE_PLACEHOLDER
    if a.role:
        record["role"] = a.role
    if a.aliases:
        record["aliases"] = _flow(a.aliases)
    if a.member_of:
        record["member_of"] = _flow(a.member_of)
    if marked:
        record["review"] = MARK
    if not a.side:
        record.yaml_add_eol_comment("# choose one of the sides declared in `sides:`", "side")
    elif a.side_guessed:
        record.yaml_add_eol_comment("# read from its name or title: check it", "side")
    return record


def evidence_record(article: str, quote: str, marked: bool = False):
    from ruamel.yaml.comments import CommentedMap

    record = CommentedMap()
    record["article"] = article
    record["quote"] = _quoted(quote)
    if marked:
        record["review"] = MARK
    return record


def interaction_record(d: Draft, article: str, marked: bool = True):
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    record = CommentedMap()
    record["id"] = d.id
    record["type"] = d.type
    record["source"] = d.source
    record["target"] = d.target
    record["date"] = _date_value(d.date)
    record["summary"] = _quoted(d.summary)
    if marked:
        record["review"] = MARK
    evidence = CommentedSeq()
    for quote in (d.quote, *d.more_quotes):
        evidence.append(evidence_record(article, quote))
    record["evidence"] = evidence
    return record


def as_yaml(drafted: Drafted) -> str:
    """Paste-ready YAML: ``actors:`` and ``interactions:`` to paste under the data file's
    own, every record marked ``review: draft``; quotes for events already in the data and
    spellings to add as aliases follow as comments."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    new, more = _new_drafts(drafted), _more_evidence(drafted)
    actors = used_actors(drafted)
    out = StringIO()
    out.write(f"# drafts for article {drafted.article}: {len(new)} interaction"
              f"{'s' * (len(new) != 1)}, {len(actors)} new actor{'s' * (len(actors) != 1)}, "
              f"{len(more)} more quote{'s' * (len(more) != 1)} for interactions in the data\n"
              "# paste each list under the data file's own; check every record, then delete "
              "its `review: draft` line\n")
    if drafted.date is None:
        out.write("# the article has no date line and no --date: dates are YYYY-MM-DD, to fill "
                  "in (or draft again with --date)\n")
    for actor, spellings in drafted.aliases.items():
        for alias in spellings:
            out.write(f"# the article spells {actor} as {json.dumps(alias)}: add it to its "
                      "aliases\n")
    document = CommentedMap()
    if actors:
        document["actors"] = CommentedSeq(actor_record(a) for a in actors)
    if new:
        document["interactions"] = CommentedSeq(interaction_record(d, drafted.article)
                                                for d in new)
    if document:
        _yaml().dump(document, out)
    for d in more:
        out.write(f"# same event as {d.same_as} ({d.type}, {d.date}): add to its evidence\n")
        for quote in (d.quote, *d.more_quotes):
            out.write(f"#   - article: {drafted.article}\n"
                      f"#     quote: {json.dumps(quote, ensure_ascii=False)}\n")
    if not document and not more:
        out.write("# nothing to draft: no clause of the article reports an interaction "
                  "between named parties that the data lacks\n")
    return out.getvalue()


# --- appending --------------------------------------------------------------------------


def append_drafts(data: Path, drafted: Drafted) -> tuple[int, int, int]:
    """Add the drafts to the data file, marked for review; return the counts added
    (actors, interactions, evidence items).

    New actors go at the end of ``actors:``, new interactions at the end of
    ``interactions:`` and quotes for interactions already in the data at the end of their
    ``evidence:``, all inserted as text (``append.append_records``): every other byte of
    the file stays as it was. Raises ``AppendError`` when that cannot be done.
    """
    from ..append import append_records

    actors, new, more = used_actors(drafted), _new_drafts(drafted), _more_evidence(drafted)
    added_evidence = 0

    def additions(document) -> list:
        nonlocal added_evidence
        planned = [(("actors",), [actor_record(a) for a in actors]),
                   (("interactions",), [interaction_record(d, drafted.article) for d in new])]
        interactions = document.get("interactions")
        listed = {i.get("id"): n for n, i in enumerate(interactions or [])
                  if isinstance(i, dict)} if isinstance(interactions, list) else {}
        for d in more:
            n = listed.get(d.same_as)
            if n is None or not isinstance(interactions[n].get("evidence"), list):
                continue
            quotes = [evidence_record(drafted.article, q, True) for q in (d.quote, *d.more_quotes)]
            planned.append((("interactions", n, "evidence"), quotes))
            added_evidence += len(quotes)
        return planned

    append_records(data, additions, "paste the drafts printed above by hand instead")
    return len(actors), len(new), added_evidence

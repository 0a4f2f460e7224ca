"""Drafts as paste-ready YAML, as JSON for programs, and appended to the data file.

Every record a draft proposes carries ``review: draft``, so that ``validate`` fails on it
(R214) until a curator has checked it and deleted that line. Appending goes through a
ruamel round trip that refuses to change any line already in the file, and writes the
result atomically.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
from io import StringIO
from pathlib import Path

from .extract import Draft, Drafted
from .names import Actor
from .review import MARK

SIDE_PLACEHOLDER = "unknown"  # not a declared side: the curator chooses one


class AppendError(Exception):
    """The drafts cannot be appended to this data file; paste them instead."""


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
        record.yaml_add_eol_comment("# choose the side", "side")
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
    (actors, interactions, evidence items). Every other line stays as it was."""
    from ruamel.yaml.util import load_yaml_guess_indent

    from ..files import write_atomic

    original = Path(data).read_text(encoding="utf-8")
    _document, sequence, offset = load_yaml_guess_indent(original)
    offset = offset or 0
    yaml = _yaml()
    yaml.indent(mapping=max(sequence - offset, 2), sequence=sequence, offset=offset)
    yaml.preserve_quotes = True
    document = yaml.load(original)
    if not isinstance(document, dict) or "interactions" not in document \
            or "actors" not in document:
        raise AppendError(f"{data} has no `actors:` and `interactions:` lists to append to; "
                          "paste the drafts instead")
    actors, new, more = used_actors(drafted), _new_drafts(drafted), _more_evidence(drafted)
    _append(document, "actors", [actor_record(a) for a in actors], _pop_trailing_comment)
    _append(document, "interactions", [interaction_record(d, drafted.article) for d in new],
            _pop_trailing_comment)
    added_evidence = 0
    for d in more:
        target = next((i for i in document["interactions"] or []
                       if isinstance(i, dict) and i.get("id") == d.same_as), None)
        if target is None or not isinstance(target.get("evidence"), list):
            continue
        for quote in (d.quote, *d.more_quotes):
            _append_to(target["evidence"], evidence_record(drafted.article, quote, True),
                       _pop_trailing_comment)
            added_evidence += 1
    out = StringIO()
    yaml.dump(document, out)
    _refuse_reformatting(original, out.getvalue(), data)
    write_atomic(Path(data), out.getvalue())
    return len(actors), len(new), added_evidence


def _append(document, section: str, records: list, pop) -> None:
    from ruamel.yaml.comments import CommentedSeq

    if not records:
        return
    if document[section] is None:
        document[section] = CommentedSeq()
    for record in records:
        _append_to(document[section], record, pop)


def _append_to(sequence, record, pop) -> None:
    """Append, moving the comment that trailed the list (the next section's heading) down."""
    trailing = pop(sequence)
    sequence.append(record)
    if trailing is not None:
        record.ca.items[list(record)[-1]] = [None, None, trailing, None]


def _pop_trailing_comment(node):
    """Detach the comment (blank lines, the next section's heading) that trails a node."""
    if isinstance(node, dict) and node:
        key, position = list(node)[-1], 2
    elif isinstance(node, list) and node:
        key, position = len(node) - 1, 0
    else:
        return None
    slots = node.ca.items.get(key)
    if slots and slots[position] is not None:
        token, slots[position] = slots[position], None
        return token
    return _pop_trailing_comment(node[key])


def _refuse_reformatting(before: str, after: str, data: Path) -> None:
    """Only added lines are acceptable: anything else would rewrite the curator's file."""
    matcher = difflib.SequenceMatcher(None, before.splitlines(), after.splitlines(), autojunk=False)
    if any(tag != "equal" and tag != "insert" for tag, *_ in matcher.get_opcodes()):
        raise AppendError(f"appending would reformat other lines of {data}; paste the stub "
                            "by hand instead")

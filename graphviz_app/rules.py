"""Stage four of validation: the rules over the whole dataset, as pure functions.

Each family reads a ``Context`` (the loaded records, the seed texts and the located
quotes) and yields ``Problem`` records; none of them changes anything, so they can run in
any order. Each rule is declared beside the family that finds it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, TypeVar

from .corpus import MIN_EVIDENCE_WORDS, ArticleText, Match, fold_text
from .drafting.review import unreviewed_drafts
from .loader import Loaded
from .model import Dataset, Interaction, date_span
from .problems import ERROR, WARNING, Problem, Rule, quoted, rule
from .suggest import did_you_mean, did_you_mean_actor
from .text import character_problem, walk_texts

if TYPE_CHECKING:
    from .incremental import Findings

MIN_QUOTE_WORDS = 6

T = TypeVar("T")
# what a family found in one record, before it is placed in the file:
# (document path inside the record, rule, message, help)
Finding = tuple[tuple, Rule, str, str | None]


@dataclass(frozen=True)
class Context:
    """What the rules read: never changed by them."""

    loaded: Loaded
    texts: dict[str, ArticleText]  # article id -> text
    spans: dict[tuple[str, int], Match]  # (interaction id, evidence index) -> first match
    # kept by ``watch`` and ``serve`` between rebuilds: what the costly families found before
    findings: Findings | None = None

    @property
    def dataset(self) -> Dataset:
        return self.loaded.dataset or Dataset()

    def problem(self, path: tuple, found: Rule, message: str, help: str | None = None) -> Problem:
        return self.loaded.problem(path, found, message, help)

    def recall(self, find: Callable[..., T], *inputs: Any, record: object = None) -> T:
        """``find(*inputs)``, or what it returned in an earlier rebuild for the very same
        ``record`` object (one record keeps its object while its text is unchanged) and
        equal inputs. ``find`` must read nothing but its inputs, and return nothing that
        depends on where the record is in the file: the caller places what it found."""
        if self.findings is None:
            return find(*inputs)
        return self.findings.recall(find, inputs, record)


def run_rules(context: Context) -> list[Problem]:
    """Every family's problems (none when the file itself is unusable)."""
    if context.loaded.dataset is None:
        return []
    return [problem for family in FAMILIES for problem in family(context)]


def _records(c: Context, section: str):
    """(document path of the record, record) for each valid record of a section."""
    records = getattr(c.dataset, section)
    for index, record in zip(c.loaded.indices.get(section, ()), records, strict=True):
        yield (section, index), record


def _raw_items(c: Context, section: str):
    """(document path, plain mapping) for every record of a section, valid or not."""
    for index, item in enumerate(c.loaded.raw.get(section, [])):
        if isinstance(item, dict):
            yield (section, index), item


# --- ids and references -----------------------------------------------------------------


DUPLICATE_ID = rule(
    "R204", "duplicate-id", ERROR, "two records share an id",
    "Ids must be unique within their section. Rename one of them.")


def check_ids(c: Context) -> Iterator[Problem]:
    """R204: ids are unique within their section (counting records with other errors too)."""
    for section in ("sides", "campaigns", "articles", "actors", "interactions"):
        first: dict[str, tuple] = {}
        for path, item in _raw_items(c, section):
            record_id = item.get("id")
            if not isinstance(record_id, str):
                continue
            if record_id in first:
                line, _ = c.loaded.at(first[record_id] + ("id",))
                yield c.problem(path + ("id",), DUPLICATE_ID,
                                f"duplicate {section[:-1]} id {quoted(record_id)}",
                                f"first defined on line {line}; rename one of them")
            else:
                first[record_id] = path


def _known(c: Context, section: str) -> set[str]:
    return set(c.loaded.ids.get(section, ()))


def _unknown(c: Context, path: tuple, found: Rule, what: str, value: str,
             known: set[str], close: str | None = None) -> Problem:
    """An unknown id, with ``close`` (else the closest ids) as the fix."""
    hint = close or did_you_mean(value, known) or (
        f"no {what}s are defined yet" if not known else
        f"define it in the {what}s list, or check the spelling")
    return c.problem(path, found, f"unknown {what} {quoted(value)}", hint)


UNKNOWN_MEMBER_OF = rule(
    "R205", "unknown-member-of", ERROR, "`member_of` names no actor",
    "`member_of` lists actor ids: the organisation, government or movement the actor "
    "belongs to.")
UNDECLARED_SIDE = rule(
    "R208", "undeclared-side", WARNING, "a side missing from `sides:`",
    "When the file has a `sides:` list, every side used should be declared there "
    "with a label (and a colour).")
SELF_REFERENCE = rule(
    "R210", "self-reference", ERROR, "a record refers to itself",
    "An interaction cannot react to itself, and an actor cannot be a member of itself.")


def check_actor_references(c: Context) -> Iterator[Problem]:
    """R205, R208, R210: member_of and side name what exists, and never the actor itself."""
    actors, sides = _known(c, "actors"), _known(c, "sides")
    has_sides = "sides" in c.loaded.indices
    for path, actor in _records(c, "actors"):
        for i, parent in enumerate(actor.member_of):
            if parent == actor.id:
                yield c.problem(path + ("member_of", i), SELF_REFERENCE,
                                f"actor {quoted(actor.id)} is listed as a member of itself",
                                "delete it from its own `member_of`")
            elif parent not in actors:
                yield _unknown(c, path + ("member_of", i), UNKNOWN_MEMBER_OF, "actor", parent,
                               actors)
        if has_sides and actor.side not in sides:
            yield c.problem(path + ("side",), UNDECLARED_SIDE,
                            f"side {quoted(actor.side)} is not declared in `sides:`",
                            did_you_mean(actor.side, sides) or _declared_sides(sides))


def _declared_sides(sides: set[str], shown: int = 8) -> str:
    """Help for a side that resembles none: the sides to choose from, or declaring it."""
    names = sorted(sides)
    listed = ", ".join(names[:shown]) + (", ..." if len(names) > shown else "")
    return (f"choose one of the declared sides ({listed}), or add it to `sides:` with a label"
            if names else "add it to `sides:` with a label")


UNKNOWN_ACTOR = rule(
    "R201", "unknown-actor", ERROR, "source or target names no actor",
    "Every source and target must be the id of an actor in the actors list. The help "
    "line names the closest ids.")
UNKNOWN_ARTICLE = rule(
    "R202", "unknown-article", ERROR, "evidence cites no known article",
    "Every evidence item must cite the id of an article in the articles list.")
UNKNOWN_INTERACTION = rule(
    "R203", "unknown-interaction", ERROR, "`about` names no interaction",
    "`about` must be the id of another interaction: the one this one reacts to.")
SELF_INTERACTION = rule(
    "R206", "self-interaction", ERROR, "source and target are the same actor",
    "An interaction is between two parties. If a party acts on a part of itself, "
    "model that part as its own actor.")
UNDECLARED_CAMPAIGN = rule(
    "R207", "undeclared-campaign", WARNING, "a campaign missing from `campaigns:`",
    "When the file has a `campaigns:` list, every campaign used should be declared "
    "there with a label.")


def _unknown_actor(c: Context, path: tuple, value: str, known: set[str]) -> Problem:
    """R201, matching names, aliases and initials too (``un`` -> United Nations)."""
    return _unknown(c, path, UNKNOWN_ACTOR, "actor", value, known,
                    did_you_mean_actor(value, c.dataset.actors, known))


def check_interaction_references(c: Context) -> Iterator[Problem]:
    """R201-R203, R206, R207, R210: parties, articles, `about` and campaigns exist."""
    actors, articles = _known(c, "actors"), _known(c, "articles")
    interactions, campaigns = _known(c, "interactions"), _known(c, "campaigns")
    has_campaigns = "campaigns" in c.loaded.indices
    for path, item in _records(c, "interactions"):
        for role in ("source", "target"):
            if getattr(item, role) not in actors:
                yield _unknown_actor(c, path + (role,), getattr(item, role), actors)
        if item.source == item.target:
            yield c.problem(path + ("target",), SELF_INTERACTION,
                            f"source and target are both {quoted(item.source)}",
                            "an interaction is between two parties")
        if item.about == item.id:
            yield c.problem(path + ("about",), SELF_REFERENCE,
                            f"interaction {quoted(item.id)} reacts to itself",
                            "`about` names the interaction this one reacts to")
        elif item.about is not None and item.about not in interactions:
            yield _unknown(c, path + ("about",), UNKNOWN_INTERACTION, "interaction", item.about,
                           interactions)
        if item.campaign is not None and has_campaigns and item.campaign not in campaigns:
            yield c.problem(path + ("campaign",), UNDECLARED_CAMPAIGN,
                            f"campaign {quoted(item.campaign)} is not declared in "
                            "`campaigns:`", did_you_mean(item.campaign, campaigns)
                            or "add it to `campaigns:` with a label")
        for i, ev in enumerate(item.evidence):
            if ev.article not in articles:
                yield _unknown(c, path + ("evidence", i, "article"), UNKNOWN_ARTICLE, "article",
                               ev.article, articles)


ABOUT_CYCLE = rule(
    "R211", "about-cycle", ERROR, "`about` links that go round in a circle",
    "A reaction comes after what it reacts to, so following `about` from one "
    "interaction to the next must end somewhere. The message lists the circle; "
    "remove the link that points the wrong way.")


def check_about_cycles(c: Context) -> Iterator[Problem]:
    """R211: following `about` from any interaction ends somewhere.

    Each cycle is reported once, at the member that comes first in the file.
    """
    about = {i.id: i.about for i in c.dataset.interactions if i.about and i.about != i.id}
    paths = {i.id: path for path, i in _records(c, "interactions")}
    reported: set[frozenset] = set()
    for start in about:
        cycle = _cycle_from(start, about)
        if cycle and frozenset(cycle) not in reported:
            reported.add(frozenset(cycle))
            ring = " -> ".join(quoted(x) for x in [*cycle, cycle[0]])
            yield c.problem(paths[start] + ("about",), ABOUT_CYCLE,
                            f"`about` goes round: {ring}", "a reaction points at what came "
                            "before it; remove the link that points the wrong way")


def _cycle_from(start: str, about: dict[str, str]) -> list[str] | None:
    """The cycle that ``start`` lies on, in link order, or None."""
    seen, node = [], start
    while node in about and node not in seen:
        seen.append(node)
        node = about[node]
    return seen if node == start else None


DUPLICATE_INTERACTION = rule(
    "R212", "duplicate-interaction", WARNING, "two interactions with the same type, parties "
    "and date",
    "Two records describing the same event split its evidence and draw two edges. "
    "Merge them into one interaction with all the quotes, or tell them apart.")


def check_duplicate_interactions(c: Context) -> Iterator[Problem]:
    """R212: two interactions with the same type, parties and date are probably one event."""
    first: dict[tuple, str] = {}
    for path, item in _records(c, "interactions"):
        key = (item.type, item.source, item.target, item.date)
        if key in first:
            yield c.problem(path + ("id",), DUPLICATE_INTERACTION,
                            f"{quoted(item.id)} has the same type, parties and date as "
                            f"{quoted(first[key])}",
                            "merge the two into one interaction with all the quotes")
        else:
            first[key] = item.id


# --- evidence ---------------------------------------------------------------------------

QUOTE_TOO_SHORT = rule(
    "Q303", "quote-too-short", WARNING, "the quote is too short to carry a claim",
    "Quote a full clause (at least six words) that states the interaction itself.")
QUOTE_NO_PARTY = rule(
    "Q304", "quote-no-party", WARNING, "neither party is named near the quote",
    "Neither the source's nor the target's name or aliases appear in the quote or its "
    "sentence. Quote the sentence that names them, or add the name the article uses "
    "to the actor's aliases.")
QUOTE_REPEATED = rule(
    "Q305", "quote-repeated", WARNING, "the same quote is cited twice for one interaction",
    "Cite each passage once.")


def check_evidence(c: Context) -> Iterator[Problem]:
    """Q303-Q305: each quote is cited once, is long enough and is near a party's name."""
    names = {a.id: (a.name, *a.aliases) for a in c.dataset.actors}
    for path, item in _records(c, "interactions"):
        parties = names.get(item.source, ()) + names.get(item.target, ())
        located = tuple((c.spans.get((item.id, i)), c.texts.get(ev.article))
                        for i, ev in enumerate(item.evidence))
        for where, *found in c.recall(_evidence_findings, item, parties, located, record=item):
            yield c.problem(path + where, *found)


def _evidence_findings(item: Interaction, parties: tuple[str, ...],
                       located: tuple[tuple[Match | None, ArticleText | None], ...]
                       ) -> tuple[Finding, ...]:
    """Q303-Q305 in one interaction: ``located`` holds each quote's first match and text."""
    found: list[Finding] = []
    seen: dict[tuple[str, str], int] = {}
    for i, (ev, (span, text)) in enumerate(zip(item.evidence, located, strict=True)):
        where = ("evidence", i, "quote")
        folded = fold_text(ev.quote)
        if not any(ch.isalnum() for ch in folded):
            continue  # Q306, found while locating the quotes
        if (ev.article, folded) in seen:
            found.append((where, QUOTE_REPEATED, "this quote is already cited as "
                          f"evidence {seen[ev.article, folded] + 1}", "delete one of the two"))
        seen.setdefault((ev.article, folded), i)
        if span is not None and text is not None:
            found.extend(_found_quote(where, folded, span, text, parties))
    return tuple(found)


def _found_quote(where: tuple, folded: str, span: Match, text: ArticleText,
                 parties: tuple[str, ...]) -> Iterator[Finding]:
    words = len(folded.split())
    if MIN_EVIDENCE_WORDS <= words < MIN_QUOTE_WORDS:  # fewer: Q309, found with the quotes
        yield (where, QUOTE_TOO_SHORT, f"quote has {words} word{'s' * (words != 1)}; a claim "
               "needs a full clause", f"quote at least {MIN_QUOTE_WORDS} words: the clause "
               "that states the interaction")
    context = fold_text(text.sentence_around(span.start, span.end)).casefold()
    if parties and not any(_names_in(n, context) for n in parties):
        yield (where, QUOTE_NO_PARTY, "neither party is named in the quote or its sentence",
               "quote the sentence that names a party, or add the name the article uses to "
               "that actor's aliases")


def _names_in(name: str, context: str) -> bool:
    """Whole-word match, so the alias "PA" is not found inside "Palestinian"."""
    pattern = _name_pattern(name)
    return pattern is not None and pattern.search(context) is not None


@lru_cache(maxsize=1 << 16)
def _name_pattern(name: str) -> re.Pattern | None:
    # compiled once per name: with thousands of actors, re's own cache would thrash
    needle = fold_text(name).casefold()
    return re.compile(r"(?<!\w)" + re.escape(needle) + r"(?!\w)") if needle else None

# --- chronology -------------------------------------------------------------------------


AFTER_ARTICLE = rule(
    "C501", "after-article", ERROR, "the interaction is dated after an article reporting it",
    "An event cannot postdate the article that reports it. Check the interaction's "
    "date (the event's own date, not the article's) and the article's `published`.")
REACTION_BEFORE_ORIGINAL = rule(
    "C502", "reaction-before-original", ERROR, "a reaction is dated before what it reacts to",
    "An interaction with `about` reacts to another one, so it cannot be earlier. "
    "Check both dates, or the `about` link.")


def check_chronology(c: Context) -> Iterator[Problem]:
    """C501-C502: events never postdate their reports, reactions never precede their cause."""
    published = {a.id: a.published for a in c.dataset.articles}
    dates = {i.id: i.date for i in c.dataset.interactions}
    for path, item in _records(c, "interactions"):
        earliest, latest = date_span(item.date)
        reported = set()
        for ev in item.evidence:
            day = published.get(ev.article)
            if day and earliest > day and ev.article not in reported:
                reported.add(ev.article)
                yield c.problem(path + ("date",), AFTER_ARTICLE,
                                f"dated {item.date}, after article {quoted(ev.article)} "
                                f"(published {day}) reports it",
                                "use the event's own date, on or before the article's")
        cause = dates.get(item.about or "")
        if cause and latest < date_span(cause)[0]:
            yield c.problem(path + ("date",), REACTION_BEFORE_ORIGINAL,
                            f"dated {item.date}, before {quoted(item.about)} ({cause}) "
                            "that it reacts to", "check both dates, or the `about` link")


# --- usage ------------------------------------------------------------------------------


ACTOR_UNUSED = rule(
    "R209", "actor-unused", WARNING, "an actor takes part in no interaction",
    "An actor that no interaction names is drawn as a lone node. Add the interaction "
    "that involves it, or delete the actor.")
ARTICLE_UNUSED = rule(
    "A404", "article-unused", WARNING, "no interaction cites the article",
    "Every article should support at least one interaction. Cite it, or remove it.")


def check_usage(c: Context) -> Iterator[Problem]:
    """R209, A404: every actor and article takes part in something.

    References are counted from every interaction, even one with a schema error, so that
    one typo does not also make its parties and articles look unused.
    """
    used: set[str] = set()
    cited: set[str] = set()
    for _, item in _raw_items(c, "interactions"):
        used.update(x for x in (item.get("source"), item.get("target")) if isinstance(x, str))
        evidence = item.get("evidence")
        for ev in evidence if isinstance(evidence, list) else ():
            if isinstance(ev, dict) and isinstance(ev.get("article"), str):
                cited.add(ev["article"])
    for path, actor in _records(c, "actors"):
        if actor.id not in used:
            yield c.problem(path + ("id",), ACTOR_UNUSED,
                            f"actor {quoted(actor.id)} takes part in no interaction",
                            "add an interaction that involves it, or delete it")
    for path, article in _records(c, "articles"):
        if article.id not in cited:
            yield c.problem(path + ("id",), ARTICLE_UNUSED,
                            f"no interaction cites article {quoted(article.id)}",
                            "cite it as evidence, or remove it")


# --- placeholders and aliases -------------------------------------------------------------

PLACEHOLDER_LEFT = rule(
    "S108", "placeholder-left", ERROR, "a TODO placeholder is still in the data",
    "`add-article` and `draft` mark what only a person can fill in with TODO (a headline, "
    "how a date was inferred). The data is not done until every TODO is replaced by what "
    "the article says.")
ALIAS_UNUSED = rule(
    "R213", "alias-unused", WARNING, "no article uses an actor's alias",
    "Aliases are the other names the articles use for an actor; quotes are checked for "
    "them. An alias that no article contains is usually a typo, or a name from memory "
    "rather than from the sources. Correct it or delete it.")

_TODO = re.compile(r"\s*TODO\b")


CONTROL_CHARACTER = rule(
    "S109", "control-character", ERROR, "a control character in a text of the data",
    "Control characters (NUL, BEL, ESC, ...), the non-characters U+FFFE and U+FFFF and lone "
    "surrogates are not text: no reader sees them, a terminal acts on them, and GraphML "
    "and GEXF cannot hold them. YAML's double-quoted escapes (\\x01, \\e) let them in "
    "unseen. Delete them.")
BIDI_CONTROL = rule(
    "S110", "bidi-control", ERROR, "a bidirectional override in a text of the data",
    "Bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) are "
    "ignored when quotes are checked, but a browser reorders the text around them, so "
    "the page would show other words than those checked. Delete them.")


def check_texts(c: Context) -> Iterator[Problem]:
    """S108-S110: no text of any record, valid or not, is a TODO or hides characters."""
    todo = "TODO" in c.loaded.source.text
    for section, items in c.loaded.raw.items():
        for index, item in enumerate(items):
            for where, *found in c.recall(_text_findings, item, todo, record=item):
                yield c.problem((section, index, *where), *found)


def _text_findings(item: object, todo: bool) -> tuple[Finding, ...]:
    """S108-S110 in one record (``todo``: the file has a TODO somewhere to look for)."""
    found: list[Finding] = []
    for where, value in walk_texts(item):
        if todo and _TODO.match(value):
            found.append((where, PLACEHOLDER_LEFT, f"placeholder left: {quoted(value)}",
                          "replace the TODO with what the article says"))
        problem = character_problem(value)
        if problem is not None:
            found.append((where, *problem))
    return tuple(found)


def check_aliases(c: Context) -> Iterator[Problem]:
    """R213: each alias is a name that some article uses (whole words, any case)."""
    aliases = [(path + ("aliases", i), alias, _words(alias))
               for path, actor in _records(c, "actors") for i, alias in enumerate(actor.aliases)]
    if not aliases or not c.texts:
        return
    used = c.recall(_runs_used, frozenset(words for *_, words in aliases if words),
                    tuple(c.texts.values()))
    for where, alias, words in aliases:
        if words and words not in used:
            yield c.problem(where, ALIAS_UNUSED, f"no article uses the alias {quoted(alias)}",
                            "correct it to the name an article uses, or delete it")


@lru_cache(maxsize=1 << 16)
def _words(text: str) -> tuple[str, ...]:
    return tuple(re.findall(r"\w+|[^\w\s]", fold_text(text).casefold()))


def _runs_used(runs: frozenset[tuple[str, ...]], texts: tuple[ArticleText, ...]
               ) -> set[tuple[str, ...]]:
    """Which runs of words occur in the texts: one pass over each text's words, trying at
    each word only the lengths of the runs that start with it, each a set lookup. Scanning
    every run that starts with a word grew with the square of the data, as many aliases
    share a first word the texts use often: under the profiler that took 2.7 s at 30,000
    interactions and 75.4 s at 100,000, and this takes 1.1 s and 3.9 s."""
    lengths: dict[str, set[int]] = {}
    for run in runs:
        lengths.setdefault(run[0], set()).add(len(run))
    used: set[tuple[str, ...]] = set()
    for text in texts:
        words = re.findall(r"\w+|[^\w\s]", text.folded.view.casefold())
        for i, word in enumerate(words):
            for size in lengths.get(word, ()):
                run = tuple(words[i:i + size])
                if run in runs:
                    used.add(run)
        if len(used) == len(runs):
            break
    return used


FAMILIES = (check_ids, check_actor_references, check_interaction_references, check_about_cycles,
            check_duplicate_interactions, check_evidence, check_chronology, check_usage,
            check_texts, check_aliases, unreviewed_drafts)

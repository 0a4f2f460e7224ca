"""The rules that need the whole dataset or the article texts.

Each rule family is a function that yields ``Problem`` records; ``validate`` loads a data
file, runs every family and returns a ``Checked`` result: the dataset, the located quotes
(with offsets into the original article text) and the sorted problems.
"""

from __future__ import annotations

import posixpath
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .corpus import ArticleText, Match, fold_text, read_article
from .drafting.review import unreviewed_drafts
from .loader import Loaded, load_dataset
from .model import Dataset
from .problems import Problem, Severity, quoted
from .suggest import did_you_mean

MIN_QUOTE_WORDS = 6
PASSAGE_LIMIT = 400  # a suggested passage is shown whole, ready to paste, up to this length


@dataclass
class Checked:
    """The outcome of validation: what later stages build on."""

    loaded: Loaded
    texts: dict[str, ArticleText] = field(default_factory=dict)  # article id -> text
    spans: dict[tuple[str, int], Match] = field(default_factory=dict)  # (interaction, i) -> match
    problems: list[Problem] = field(default_factory=list)

    @property
    def dataset(self) -> Dataset:
        return self.loaded.dataset or Dataset()

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]

    def ok(self, strict: bool = False) -> bool:
        """True when nothing fails: no errors (and, if strict, no warnings)."""
        return not (self.problems if strict else self.errors)


def validate(path: Path, root: Path | None = None, display: str | None = None) -> Checked:
    """Load a data file and run every rule. Raises OSError only if it cannot be read."""
    loaded = load_dataset(path, root, display)
    checked = Checked(loaded)
    if loaded.dataset is not None:
        for family in FAMILIES:
            checked.problems.extend(family(checked))
    checked.problems = sorted(set(loaded.problems + checked.problems))
    return checked


def _records(c: Checked, section: str):
    """(document path of the record, record) for each valid record of a section."""
    for position, record in enumerate(getattr(c.dataset, section)):
        yield c.loaded.record_path(section, position), record


def _raw_items(c: Checked, section: str):
    """(document path, plain mapping) for every record of a section, valid or not."""
    for index, item in enumerate(c.loaded.raw.get(section, [])):
        if isinstance(item, dict):
            yield (section, index), item


# --- ids and references -----------------------------------------------------------------


def check_ids(c: Checked) -> Iterator[Problem]:
    """R204: ids are unique within their section (counting records with other errors too)."""
    for section in ("sides", "campaigns", "articles", "actors", "interactions"):
        first: dict[str, tuple] = {}
        for path, item in _raw_items(c, section):
            record_id = item.get("id")
            if not isinstance(record_id, str):
                continue
            if record_id in first:
                line, _ = c.loaded.at(first[record_id] + ("id",))
                yield c.loaded.problem(path + ("id",), "R204",
                                       f"duplicate {section[:-1]} id {quoted(record_id)}",
                                       f"first defined on line {line}; rename one of them")
            else:
                first[record_id] = path


def _known(c: Checked, section: str) -> set[str]:
    return set(c.loaded.ids.get(section, ()))


def _unknown(c: Checked, path: tuple, code: str, what: str, value: str, known: set[str]) -> Problem:
    hint = did_you_mean(value, known) or (f"no {what}s are defined yet" if not known else
                                          f"define it in the {what}s list, or check the spelling")
    return c.loaded.problem(path, code, f"unknown {what} {quoted(value)}", hint)


def check_actor_references(c: Checked) -> Iterator[Problem]:
    """R205, R208, R210: member_of and side name what exists, and never the actor itself."""
    actors, sides = _known(c, "actors"), _known(c, "sides")
    has_sides = "sides" in c.loaded.indices
    for path, actor in _records(c, "actors"):
        for i, parent in enumerate(actor.member_of):
            if parent == actor.id:
                yield c.loaded.problem(path + ("member_of", i), "R210",
                                       f"actor {quoted(actor.id)} is listed as a member of itself",
                                       "delete it from its own `member_of`")
            elif parent not in actors:
                yield _unknown(c, path + ("member_of", i), "R205", "actor", parent, actors)
        if has_sides and actor.side not in sides:
            yield c.loaded.problem(path + ("side",), "R208",
                                   f"side {quoted(actor.side)} is not declared in `sides:`",
                                   did_you_mean(actor.side, sides)
                                   or "add it to `sides:` with a label")


def check_interaction_references(c: Checked) -> Iterator[Problem]:
    """R201-R203, R206, R207, R210: parties, articles, `about` and campaigns exist."""
    actors, articles = _known(c, "actors"), _known(c, "articles")
    interactions, campaigns = _known(c, "interactions"), _known(c, "campaigns")
    has_campaigns = "campaigns" in c.loaded.indices
    for path, item in _records(c, "interactions"):
        for role in ("source", "target"):
            if getattr(item, role) not in actors:
                yield _unknown(c, path + (role,), "R201", "actor", getattr(item, role), actors)
        if item.source == item.target:
            yield c.loaded.problem(path + ("target",), "R206",
                                   f"source and target are both {quoted(item.source)}",
                                   "an interaction is between two parties")
        if item.about == item.id:
            yield c.loaded.problem(path + ("about",), "R210",
                                   f"interaction {quoted(item.id)} reacts to itself",
                                   "`about` names the interaction this one reacts to")
        elif item.about is not None and item.about not in interactions:
            yield _unknown(c, path + ("about",), "R203", "interaction", item.about, interactions)
        if item.campaign is not None and has_campaigns and item.campaign not in campaigns:
            yield c.loaded.problem(path + ("campaign",), "R207",
                                   f"campaign {quoted(item.campaign)} is not declared in "
                                   "`campaigns:`", did_you_mean(item.campaign, campaigns)
                                   or "add it to `campaigns:` with a label")
        for i, ev in enumerate(item.evidence):
            if ev.article not in articles:
                yield _unknown(c, path + ("evidence", i, "article"), "R202", "article",
                               ev.article, articles)


def check_about_cycles(c: Checked) -> Iterator[Problem]:
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
            yield c.loaded.problem(paths[start] + ("about",), "R211", f"`about` goes round: {ring}",
                                   "a reaction points at what came before it; remove the link "
                                   "that points the wrong way")


def _cycle_from(start: str, about: dict[str, str]) -> list[str] | None:
    """The cycle that ``start`` lies on, in link order, or None."""
    seen, node = [], start
    while node in about and node not in seen:
        seen.append(node)
        node = about[node]
    return seen if node == start else None


def check_duplicate_interactions(c: Checked) -> Iterator[Problem]:
    """R212: two interactions with the same type, parties and date are probably one event."""
    first: dict[tuple, str] = {}
    for path, item in _records(c, "interactions"):
        key = (item.type, item.source, item.target, item.date)
        if key in first:
            yield c.loaded.problem(path + ("id",), "R212",
                                   f"{quoted(item.id)} has the same type, parties and date as "
                                   f"{quoted(first[key])}",
                                   "merge the two into one interaction with all the quotes")
        else:
            first[key] = item.id


# --- articles ---------------------------------------------------------------------------


def _seed_path(root: Path, file: str) -> Path | None:
    """The seed's path, or None if ``file`` is absolute or climbs out of the root.

    The test is on the path as written: the data file must not reach outside the project,
    while links the project itself sets up (a seeds folder linked elsewhere) still work.
    """
    normal = posixpath.normpath(file.replace("\\", "/"))
    if posixpath.isabs(normal) or re.match(r"^[A-Za-z]:", normal) or normal.split("/")[0] == "..":
        return None
    return root / normal


def check_articles(c: Checked) -> Iterator[Problem]:
    """A401-A403, A405-A407: seeds are inside the project, readable, non-empty, dated right."""
    for path, article in _records(c, "articles"):
        text = yield from _read_seed(c, path, article)
        if text is None:
            continue
        c.texts.setdefault(article.id, text)
        if text.date_line and text.date_line != article.published:
            yield c.loaded.problem(path + ("published",), "A402",
                                   f"published {article.published} but the seed is dated "
                                   f"{text.date_line}", f"set `published: {text.date_line}`")
        if not text.date_line and not (article.published_note or "").strip():
            yield c.loaded.problem(path, "A403", f"article {quoted(article.id)} has an undated "
                                   "seed and no `published_note`",
                                   "add `published_note:` saying how the date was inferred")


def _read_seed(c: Checked, path: tuple, article) -> Iterator[Problem]:
    """Yields the problems of reading a seed; returns its text, or None if unusable."""
    where = path + ("file",)
    file = _seed_path(c.loaded.root, article.file)
    if file is None:
        yield c.loaded.problem(where, "A406", f"{quoted(article.file)} is outside the project",
                               "give a path relative to the project root, such as "
                               "seeds/name.txt, without `..`")
        return None
    try:
        text = read_article(file)
    except UnicodeDecodeError as err:
        yield c.loaded.problem(where, "A405", f"{quoted(article.file)} is not UTF-8 "
                               f"({err.reason} at byte {err.start})",
                               "re-save the article as UTF-8")
        return None
    except OSError as err:
        yield c.loaded.problem(where, "A401", f"cannot read seed {quoted(article.file)}: "
                               f"{err.strerror or err}", "paths are relative to the project root "
                               f"({c.loaded.root.name or c.loaded.root}/); check the file name")
        return None
    if not text.folded.view:
        yield c.loaded.problem(where, "A407", f"seed {quoted(article.file)} holds no text",
                               "copy the article's text into the file")
        return None
    return text


# --- evidence ---------------------------------------------------------------------------


def check_evidence(c: Checked) -> Iterator[Problem]:
    """Q301-Q306: each quote has words, is in its article once, long, near a party's name."""
    names = {a.id: [a.name, *a.aliases] for a in c.dataset.actors}
    for path, item in _records(c, "interactions"):
        seen: dict[tuple[str, str], int] = {}
        for i, ev in enumerate(item.evidence):
            where = path + ("evidence", i, "quote")
            folded = fold_text(ev.quote)
            if not any(ch.isalnum() for ch in folded):
                yield c.loaded.problem(where, "Q306", "the quote holds no words",
                                       "quote the words of the article")
                continue
            if (ev.article, folded) in seen:
                yield c.loaded.problem(where, "Q305", "this quote is already cited as evidence "
                                       f"{seen[ev.article, folded] + 1}", "delete one of the two")
            seen.setdefault((ev.article, folded), i)
            parties = names.get(item.source, []) + names.get(item.target, [])
            yield from _check_quote(c, where, (item.id, i), ev, parties)


def _check_quote(c: Checked, where: tuple, key: tuple[str, int], ev, parties) -> Iterator[Problem]:
    text = c.texts.get(ev.article)
    if text is None:
        return  # missing article or seed: reported by its own rule
    matches = text.locate(ev.quote)
    if not matches:
        yield _quote_not_found(c, where, ev.article, ev.quote)
        return
    c.spans[key] = matches[0]
    if len(matches) > 1:
        lines = ", ".join(str(text.line_of(m.start)) for m in matches)
        yield c.loaded.problem(where, "Q302", f"quote occurs {len(matches)} times in article "
                               f"{quoted(ev.article)} (lines {lines})",
                               "lengthen the quote until it occurs once")
    words = len(fold_text(ev.quote).split())
    if words < MIN_QUOTE_WORDS:
        yield c.loaded.problem(where, "Q303", f"quote has {words} word{'s' * (words != 1)}; "
                               "a claim needs a full clause",
                               f"quote at least {MIN_QUOTE_WORDS} words: the clause that states "
                               "the interaction")
    context = fold_text(text.sentence_around(matches[0].start, matches[0].end)).casefold()
    if parties and not any(_names_in(n, context) for n in parties):
        yield c.loaded.problem(where, "Q304", "neither party is named in the quote or its sentence",
                               "quote the sentence that names a party, or add the name the "
                               "article uses to that actor's aliases")


def _names_in(name: str, context: str) -> bool:
    """Whole-word match, so the alias "PA" is not found inside "Palestinian"."""
    pattern = _name_pattern(name)
    return pattern is not None and pattern.search(context) is not None


@lru_cache(maxsize=1 << 16)
def _name_pattern(name: str) -> re.Pattern | None:
    # compiled once per name: with thousands of actors, re's own cache would thrash
    needle = fold_text(name).casefold()
    return re.compile(r"(?<!\w)" + re.escape(needle) + r"(?!\w)") if needle else None


def _quote_not_found(c: Checked, where: tuple, article_id: str, quote: str) -> Problem:
    """Q301, with the fix: the article that has the quote, or the closest passage."""
    from .corpus import closest_passage

    message = f"quote not found in article {quoted(article_id)}"
    elsewhere = [aid for aid, t in c.texts.items() if aid != article_id and t.locate(quote)]
    passage = closest_passage(c.texts[article_id], quote)
    if elsewhere:
        hint = f"the quote is in article {quoted(elsewhere[0])}: cite that article instead"
    elif passage is None:
        hint = "no similar passage in that article; check the article id"
    elif fold_text(passage[0]).casefold() == fold_text(quote).casefold():
        hint = f"the article has it with other capitals: {quoted(passage[0], PASSAGE_LIMIT)}"
    else:
        hint = f"closest passage ({passage[1]:.0f}% similar): {quoted(passage[0], PASSAGE_LIMIT)}"
    return c.loaded.problem(where, "Q301", message, hint)


# --- chronology -------------------------------------------------------------------------


def _date_key(date: str, upper: bool) -> str:
    """Compare partial dates by the span they cover: 2023-01 runs from 2023-01-01 to 2023-01-31."""
    return date + ("-99-99"[: 10 - len(date)] if upper else "-00-00"[: 10 - len(date)])


def check_chronology(c: Checked) -> Iterator[Problem]:
    """C501-C502: events never postdate their reports, reactions never precede their cause."""
    published = {a.id: a.published for a in c.dataset.articles}
    dates = {i.id: i.date for i in c.dataset.interactions}
    for path, item in _records(c, "interactions"):
        earliest = _date_key(item.date, upper=False)
        reported = set()
        for ev in item.evidence:
            day = published.get(ev.article)
            if day and earliest > day and ev.article not in reported:
                reported.add(ev.article)
                yield c.loaded.problem(path + ("date",), "C501",
                                       f"dated {item.date}, after article {quoted(ev.article)} "
                                       f"(published {day}) reports it",
                                       "use the event's own date, on or before the article's")
        cause = dates.get(item.about or "")
        if cause and _date_key(item.date, upper=True) < _date_key(cause, upper=False):
            yield c.loaded.problem(path + ("date",), "C502",
                                   f"dated {item.date}, before {quoted(item.about)} ({cause}) "
                                   "that it reacts to", "check both dates, or the `about` link")


# --- usage ------------------------------------------------------------------------------


def check_usage(c: Checked) -> Iterator[Problem]:
    """R209, A404: every actor and article takes part in something.

    References are counted from every interaction, even one with a schema error, so that
    one typo does not also make its parties and articles look unused.
    """
    used: Counter[str] = Counter()
    cited: Counter[str] = Counter()
    for _, item in _raw_items(c, "interactions"):
        used.update(x for x in (item.get("source"), item.get("target")) if isinstance(x, str))
        evidence = item.get("evidence")
        for ev in evidence if isinstance(evidence, list) else []:
            if isinstance(ev, dict) and isinstance(ev.get("article"), str):
                cited[ev["article"]] += 1
    for path, actor in _records(c, "actors"):
        if actor.id not in used:
            yield c.loaded.problem(path + ("id",), "R209",
                                   f"actor {quoted(actor.id)} takes part in no interaction",
                                   "add an interaction that involves it, or delete it")
    for path, article in _records(c, "articles"):
        if article.id not in cited:
            yield c.loaded.problem(path + ("id",), "A404",
                                   f"no interaction cites article {quoted(article.id)}",
                                   "cite it as evidence, or remove it")


FAMILIES = (check_ids, check_actor_references, check_interaction_references, check_about_cycles,
            check_duplicate_interactions, check_articles, check_evidence, check_chronology,
            check_usage, unreviewed_drafts)

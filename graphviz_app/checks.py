"""The rules that need the whole dataset or the article texts.

Each rule family is a function that yields ``Problem`` records; ``validate`` loads a data
file, runs every family and returns a ``Checked`` result: the dataset, the located quotes
(with offsets into the original article text) and the sorted problems.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .corpus import ArticleText, Match, fold_text, read_article
from .loader import Loaded, load_dataset
from .model import Dataset
from .problems import Problem, Severity
from .suggest import did_you_mean

MIN_QUOTE_WORDS = 6


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


def check_ids(c: Checked) -> Iterator[Problem]:
    """R204: ids are unique within their section."""
    for section in ("sides", "campaigns", "articles", "actors", "interactions"):
        first: dict[str, tuple] = {}
        for path, record in _records(c, section):
            if record.id in first:
                line, _ = c.loaded.at(first[record.id] + ("id",))
                yield c.loaded.problem(path + ("id",), "R204",
                                       f"duplicate {section[:-1]} id {record.id!r}",
                                       f"first defined on line {line}; rename one of them")
            else:
                first[record.id] = path


def _known(c: Checked, section: str) -> set[str]:
    return set(c.loaded.ids.get(section, ()))


def _unknown(c: Checked, path: tuple, code: str, what: str, value: str, known: set[str]) -> Problem:
    hint = did_you_mean(value, known) or (f"no {what}s are defined yet" if not known else
                                          f"define it in the {what}s list, or check the spelling")
    return c.loaded.problem(path, code, f"unknown {what} {value!r}", hint)


def check_references(c: Checked) -> Iterator[Problem]:
    """R201-R208, R210: every id a record names exists, and no record names itself."""
    actors, articles = _known(c, "actors"), _known(c, "articles")
    interactions, campaigns, sides = (_known(c, s) for s in ("interactions", "campaigns", "sides"))
    has_campaigns, has_sides = "campaigns" in c.loaded.indices, "sides" in c.loaded.indices
    for path, actor in _records(c, "actors"):
        for i, parent in enumerate(actor.member_of):
            if parent == actor.id:
                yield c.loaded.problem(path + ("member_of", i), "R210",
                                       f"actor {actor.id!r} is listed as a member of itself")
            elif parent not in actors:
                yield _unknown(c, path + ("member_of", i), "R205", "actor", parent, actors)
        if has_sides and actor.side not in sides:
            yield c.loaded.problem(path + ("side",), "R208", f"side {actor.side!r} is not declared in `sides:`",
                                   did_you_mean(actor.side, sides) or "add it to `sides:` with a label")
    for path, item in _records(c, "interactions"):
        for role in ("source", "target"):
            if getattr(item, role) not in actors:
                yield _unknown(c, path + (role,), "R201", "actor", getattr(item, role), actors)
        if item.source == item.target:
            yield c.loaded.problem(path + ("target",), "R206",
                                   f"source and target are both {item.source!r}")
        if item.about == item.id:
            yield c.loaded.problem(path + ("about",), "R210", f"interaction {item.id!r} reacts to itself")
        elif item.about is not None and item.about not in interactions:
            yield _unknown(c, path + ("about",), "R203", "interaction", item.about, interactions)
        if item.campaign is not None and has_campaigns and item.campaign not in campaigns:
            yield c.loaded.problem(path + ("campaign",), "R207",
                                   f"campaign {item.campaign!r} is not declared in `campaigns:`",
                                   did_you_mean(item.campaign, campaigns) or "add it to `campaigns:` with a label")
        for i, ev in enumerate(item.evidence):
            if ev.article not in articles:
                yield _unknown(c, path + ("evidence", i, "article"), "R202", "article", ev.article, articles)


def check_articles(c: Checked) -> Iterator[Problem]:
    """A401-A403, A405: seeds exist and are UTF-8; dates agree with the seed."""
    for path, article in _records(c, "articles"):
        file = c.loaded.root / article.file
        try:
            text = read_article(file)
        except UnicodeDecodeError as err:
            yield c.loaded.problem(path + ("file",), "A405", f"{article.file} is not UTF-8 ({err.reason} "
                                   f"at byte {err.start})", "re-save the article as UTF-8")
            continue
        except OSError as err:
            yield c.loaded.problem(path + ("file",), "A401", f"cannot read seed {article.file!r}: "
                                   f"{err.strerror or err}", "paths are relative to the project root "
                                   f"({c.loaded.root.name or c.loaded.root}/); check the file name")
            continue
        c.texts.setdefault(article.id, text)
        if text.date_line and text.date_line != article.published:
            yield c.loaded.problem(path + ("published",), "A402",
                                   f"published {article.published} but the seed is dated {text.date_line}",
                                   f"set `published: {text.date_line}`")
        if not text.date_line and not (article.published_note or "").strip():
            yield c.loaded.problem(path, "A403", f"article {article.id!r} has an undated seed and no "
                                   "`published_note`", "add `published_note:` saying how the date was inferred")


def check_evidence(c: Checked) -> Iterator[Problem]:
    """Q301-Q305: each quote is in its article, once, long enough and near a party's name."""
    names = {a.id: [a.name, *a.aliases] for a in c.dataset.actors}
    for path, item in _records(c, "interactions"):
        seen: dict[str, int] = {}
        for i, ev in enumerate(item.evidence):
            where = path + ("evidence", i, "quote")
            folded = fold_text(ev.quote)
            if folded in seen:
                yield c.loaded.problem(where, "Q305", f"this quote is already cited as evidence {seen[folded] + 1}")
            seen.setdefault(folded, i)
            text = c.texts.get(ev.article)
            if text is None:
                continue  # missing article or seed: reported by its own rule
            matches = text.locate(ev.quote)
            if not matches:
                yield _quote_not_found(c, where, ev.article, ev.quote)
                continue
            c.spans[(item.id, i)] = matches[0]
            if len(matches) > 1:
                lines = ", ".join(str(text.line_of(m.start)) for m in matches)
                yield c.loaded.problem(where, "Q302", f"quote occurs {len(matches)} times in "
                                       f"article {ev.article!r} (lines {lines})",
                                       "lengthen the quote until it occurs once")
            if len(folded.split()) < MIN_QUOTE_WORDS:
                yield c.loaded.problem(where, "Q303", f"quote has {len(folded.split())} words; "
                                       "a claim needs a full clause",
                                       f"quote at least {MIN_QUOTE_WORDS} words: the clause that "
                                       "states the interaction")
            context = fold_text(text.sentence_around(matches[0].start, matches[0].end)).casefold()
            parties = names.get(item.source, []) + names.get(item.target, [])
            if parties and not any(_names_in(n, context) for n in parties):
                yield c.loaded.problem(where, "Q304", f"neither {item.source!r} nor {item.target!r} "
                                       "is named in the quote or its sentence",
                                       "quote the sentence that names a party, or add the name the "
                                       "article uses to that actor's aliases")


def _names_in(name: str, context: str) -> bool:
    """Whole-word match, so the alias "PA" is not found inside "Palestinian"."""
    pattern = r"(?<!\w)" + re.escape(fold_text(name).casefold()) + r"(?!\w)"
    return re.search(pattern, context) is not None


def _quote_not_found(c: Checked, where: tuple, article_id: str, quote: str) -> Problem:
    from .corpus import closest_passage

    message = f"quote not found in article {article_id!r}"
    elsewhere = [aid for aid, t in c.texts.items() if aid != article_id and t.locate(quote)]
    if elsewhere:
        return c.loaded.problem(where, "Q301", message,
                                f"the quote is in article {elsewhere[0]!r}: cite that article instead")
    passage = closest_passage(c.texts[article_id], quote)
    if passage is None:
        return c.loaded.problem(where, "Q301", message, "no similar passage in that article; "
                                "`graphviz-app find` searches all articles")
    snippet, score = passage
    return c.loaded.problem(where, "Q301", message,
                            f"closest passage ({score:.0f}% similar): \"{snippet}\"")


def _date_key(date: str, upper: bool) -> str:
    """Compare partial dates by the span they cover: 2023-01 runs from 2023-01-01 to 2023-01-31."""
    return date + ("-99-99"[: 10 - len(date)] if upper else "-00-00"[: 10 - len(date)])


def check_chronology(c: Checked) -> Iterator[Problem]:
    """C501-C502: events never postdate their reports, reactions never precede their cause."""
    published = {a.id: a.published for a in c.dataset.articles}
    dates = {i.id: i.date for i in c.dataset.interactions}
    for path, item in _records(c, "interactions"):
        earliest = _date_key(item.date, upper=False)
        for i, ev in enumerate(item.evidence):
            day = published.get(ev.article)
            if day and earliest > day:
                yield c.loaded.problem(path + ("date",), "C501",
                                       f"dated {item.date}, after article {ev.article!r} "
                                       f"(published {day}) reports it",
                                       "use the event's own date, which is on or before the article's")
        cause = dates.get(item.about or "")
        if cause and _date_key(item.date, upper=True) < _date_key(cause, upper=False):
            yield c.loaded.problem(path + ("date",), "C502",
                                   f"dated {item.date}, before {item.about!r} ({cause}) that it reacts to",
                                   "check both dates, or the `about` link")


def check_usage(c: Checked) -> Iterator[Problem]:
    """R209, A404: every actor and article takes part in something."""
    used_actors = {x for i in c.dataset.interactions for x in (i.source, i.target)}
    cited = {ev.article for i in c.dataset.interactions for ev in i.evidence}
    members = defaultdict(list)
    for a in c.dataset.actors:
        for parent in a.member_of:
            members[parent].append(a.id)
    for path, actor in _records(c, "actors"):
        if actor.id not in used_actors:
            yield c.loaded.problem(path + ("id",), "R209", f"actor {actor.id!r} takes part in no interaction",
                                   "add an interaction that involves it, or delete it")
    for path, article in _records(c, "articles"):
        if article.id not in cited:
            yield c.loaded.problem(path + ("id",), "A404", f"no interaction cites article {article.id!r}",
                                   "cite it as evidence, or remove it")


FAMILIES = (check_ids, check_references, check_articles, check_evidence, check_chronology, check_usage)

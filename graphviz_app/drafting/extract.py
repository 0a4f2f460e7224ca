"""One article -> the actors it names and the interactions its clauses report.

For each sentence: find who is named (``names``), which lexicon phrase reports an
interaction (``lexicon``), then who acts and who is acted on. The acting party is the
one named before the phrase (after it for "pressure from X" and passives "condemned by
X"; the speaker for "Israel must stop ..., he said"); the party acted on is the one named
after it. "He" and "she" are the person just named or the last speaker, "the official"
the last person introduced with that title, "we" inside a quotation its speaker, "it"
before a verb the state or organisation just named, and "the Palestinians" who decide
or boycott the body of that people named last. A clause that names the party acted on
only as a place ("a blockade on the Strip, which is controlled by X") or as the doer
of what a case is about ("committed by X") acts on that party.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace

from ..corpus import ArticleText, fold_text
from ..vocabulary import interaction_types
from . import names as nm
from .dates import date_near, not_after
from .lexicon import Trigger, collectives, states, summary_templates, triggers_in
from .sides import with_guessed_sides
from .text import Sentence, quote_regions, sentences, words

MAX_QUOTE_WORDS = 32
MIN_QUOTE_WORDS = 6
PRONOUN = re.compile(r"\b(?P<p>[Hh]e|[Ss]he|him|[Hh]er|[Hh]is)\b(?!\s+(?:own|self))")
# "it" acting ("it has maintained", "it would end"), not the "it" of "it is important"
IT_ACTS = re.compile(r"\b(?P<p>[Ii]t)\s+(?:has|had|will|would|could|can|must|also|"
                     r"\w+ed)\b(?!\s+(?:been|to\s+be)\b)")
FIRST_PERSON = re.compile(r"\b(?:[Ww]e|[Oo]ur|[Uu]s|I|[Mm]y|[Mm]e)\b")
DEFINITE = re.compile(r"\b[Tt]he\s+(?:[\w-]+\s+){0,3}?(?P<noun>official|spokesman|spokeswoman|"
                      r"spokesperson|minister|president|envoy|ambassador|diplomat|commander|"
                      r"premier|chief|leader|prime minister)\b")
SPEECH = re.compile(rf"\b(?:{nm.SPEECH_VERBS})\b")
BE_BEFORE = re.compile(r"\b(?:is|are|was|were|be|been|being|get|got)\s+(?:\w+\s+and\s+)?"
                       r"(?:\w+ly\s+)?$", re.IGNORECASE)
BY_AGENT = re.compile(r"^\s+(?:\w+\s+){0,3}?by\s+", re.IGNORECASE)
CONJUNCTION = re.compile(r"^\s*(?:,\s*)?(?:and|&|as well as)\s+(?:the\s+|other\s+)*$")
INCLUDING = re.compile(r"^[\s,]*(?:[\w,]+\s+){0,6}?(?:including|such as|namely)\s+"
                       r"(?:(?:the|of|[A-Z][\w-]*)\s+){0,4}$")
EVENT_NOUN = re.compile(r"\b(?:the|this|that|his|her|their)\s+(?:\w+\s+)?(?P<noun>visit|"
                        r"meeting|talks|call|conversation|decision|move|announcement|plan|"
                        r"remarks|declaration|speech|statement|operation|raid|attack|trip|"
                        r"pressure|demands?)\b",
                        re.IGNORECASE)
BARE_EVENT = re.compile(r"^\s*(?P<noun>pressure|demands?|threats?|attacks?|raids?)\b",
                        re.IGNORECASE)
EVENT_TYPES = {"threat": "threat", "threats": "threat", "attacks": "military_action",
               "raids": "military_action", "visit": "meeting", "meeting": "meeting",
               "talks": "meeting", "trip": "meeting",
               "call": "call", "conversation": "call", "operation": "military_action",
               "raid": "military_action", "attack": "military_action", "pressure": "pressure",
               "demand": "pressure", "demands": "pressure"}
TWEET = re.compile(r"\s-\s*(?P<name>[^()\-]{2,60}?)\s*\(@(?P<handle>\w+)\)\s*"
                   r"(?P<date>[A-Z][a-z]+\.? \d{1,2}, \d{4})\s*$")
HARD_STOP = re.compile(r";|\s-\s|:\s")
OBJECT_GAP = 12  # a meeting/cooperation noun this close after another verb is its object
OBJECT_TYPES = {"meeting", "call", "cooperation", "pressure", "threat"}
SOURCE_GAP = {True: 14, False: 6}  # words from the acting party to a verb / to a noun phrase
TARGET_GAP = {True: 10, False: 4}  # words from a verb / a noun phrase to the party acted on
DETERMINER = re.compile(r"\b(?:the|a|an|this|that|their|his|her|its|our|another|every|"
                        r"[\w-]+'s?)\s+$", re.IGNORECASE)
INFINITIVE = re.compile(r",\s+(?:and\s+)?(?:not\s+)?to\s+(?:\w+ly\s+)?$")
APPOSITION = re.compile(r",\s+(?:a\s+|the\s+|another\s+)?(?:[\w'-]+\s+){0,3}?(?:"
                        + "|".join(sorted(nm.TITLE_NOUNS)) + r")\b[^,;\"]{0,120}?"
                        r"(?:\([^)]*\)[^,;\"]{0,40}?)?(?=,)", re.IGNORECASE)


@dataclass
class Draft:
    """A proposed interaction, with the verbatim quote that attests it."""

    id: str
    type: str
    source: str
    target: str
    date: str
    summary: str
    quote: str
    trigger: str
    sentence: int
    more_quotes: list[str] = field(default_factory=list)
    same_as: str | None = None
    cited: bool = False  # the quote is already evidence of ``same_as``


@dataclass
class Drafted:
    """What ``draft_article`` proposes for one article."""

    article: str
    date: str | None
    new_actors: list[nm.Actor]
    drafts: list[Draft]
    aliases: dict[str, list[str]]  # known actor id -> spellings the article uses


@dataclass
class _Found:
    trigger: Trigger
    start: int
    end: int


@dataclass
class _Context:
    """What earlier sentences tell later ones: who spoke, who was named, what happened."""

    index: nm.NameIndex
    article: ArticleText
    today: dt.date | None
    article_date: str | None
    last_speaker: str | None = None
    persons: list[str] = field(default_factory=list)  # person ids in order of mention
    subjects: list[str] = field(default_factory=list)  # each sentence's first person
    roles: dict[str, str] = field(default_factory=dict)  # person id -> title it came with
    drafts: list[Draft] = field(default_factory=list)
    # "rejected the pressure" before the article says whose: resolved once all is read
    pending: list[tuple] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    bodies: list[str] = field(default_factory=list)  # organisation/state ids as named
    # the acting parties of the last phrase drafted: (sentence index, phrase end, parties)
    last_acting: tuple[int, int, list] | None = None


def draft_article(article: ArticleText, article_id: str, dataset, date: str | None = None
                  ) -> Drafted:
    """Propose the actors and interactions a curator would write for ``article``.

    ``dataset`` supplies the known actors and interactions (for same-event detection);
    ``date`` is the article's publication date (YYYY-MM-DD) when known, else the seed's
    date line is used; relative dates ("on Tuesday") need one of them.
    """
    date = date or article.date_line
    today = dt.date.fromisoformat(date) if date else None
    index = nm.index_for(dataset.actors)
    sents = sentences(article)
    new_actors = _discover(sents, index, {a.id for a in dataset.actors})
    ctx = _Context(index, article, today, date, sentences=sents)
    for paragraph in _paragraphs(sents):
        _draft_paragraph(paragraph, ctx)
    _resolve_pending(ctx)
    drafts = _fold_statements(_merge(_without_headline_echoes(ctx.drafts,
                                                              _headline(article, sents))))
    _same_events(drafts, dataset, article_id, ctx)
    new_actors = with_guessed_sides(
        [replace(a, aliases=tuple(index.new_aliases(a.id))) for a in new_actors], dataset)
    used = {d.source for d in drafts} | {d.target for d in drafts}
    ordered_new = [a for a in new_actors if a.id in used] + [a for a in new_actors
                                                              if a.id not in used]
    aliases = {k: sorted(v) for k, v in sorted(index.alias_proposals.items())}
    return Drafted(article_id, date, ordered_new, drafts, aliases)


# --- who is named ------------------------------------------------------------------------


def _discover(sents: list[Sentence], index: nm.NameIndex, taken: set[str]) -> list[nm.Actor]:
    """Add near misses and new actors to the index; return the new actors in text order."""
    new: list[nm.Actor] = []
    ids = set(taken)
    singles: dict[str, bool] = {}  # lone capitalised words: do they ever act?
    # words the article shows are not names: a lone capital it also writes in lower case
    # opens a sentence ("Security coordination ..."); places are added as they are met
    not_names = {w for s in sents for w in re.findall(r"(?<![\w-])[a-z][a-z'-]*", s.plain)}
    for s in sents:
        plain = s.plain
        known = index.find(plain)
        for run in nm.NAME_RUN.finditer(plain):
            inside = [k for k in known if run.start() < k.end and k.start < run.end()]
            if inside and not _extends_known(run, inside):
                # "US Secretary of State Mike Pompeo": what follows the known name
                tail = nm.NAME_RUN.match(plain, inside[-1].end + 1) \
                    if plain[inside[-1].end:inside[-1].end + 1] == " " else None
                if tail is None or tail.end() > run.end():
                    continue
                run = tail
            if len(index.find(run.group(0))) and index.find(run.group(0))[0].end >= \
                    len(run.group(0)) - 2:
                continue  # named by an alias registered earlier in this sentence
            _consider_run(run, plain, index, new, ids, known, singles, not_names)
        for _, _, office in nm.heads_of(plain):
            if not index.find(office):
                _register(office, "person", None, index, new, ids, office)
        for pattern, kind in ((nm.COLLECTIVE, "group"), (nm.ANONYMOUS, "person")):
            for m in pattern.finditer(plain):
                if any(m.start() < k.end and k.start < m.end() for k in index.find(plain)):
                    continue
                phrase = m.group(0) if kind == "group" else m.group("phrase")
                phrase = re.sub(r"^other\s+", "", phrase)
                _register(phrase, kind, None, index, new, ids, phrase if kind == "person"
                          else None)
        named = index.find(plain)
        for phrase in collectives():
            at = re.search(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])(?!\s+(?-i:[A-Z]))", plain,
                           re.IGNORECASE)
            if at and not any(k.start < at.end() and at.start() < k.end for k in named):
                _register(phrase, "group", None, index, new, ids)
        tweet = TWEET.search(plain)
        if tweet:
            found = [k for k in index.find(plain) if k.start >= tweet.start("name")]
            if found:
                index.add("@" + tweet.group("handle"), found[0].actor)
    for word, acts in singles.items():
        if acts and word.casefold() not in not_names:
            _register(word, "organization", None, index, new, ids)
    return new


def _extends_known(run: re.Match, inside: list[nm.Mention]) -> bool:
    """"United Nations Security Council" is more than the known "United Nations"."""
    tokens = run.group(0).split()
    return (len(inside) == 1 and inside[0].end - inside[0].start < len(run.group(0))
            and tokens[-1].casefold() in nm.ORG_WORDS
            and run.group(0).startswith(inside[0].text))


def _acts_after(plain: str, end: int) -> bool:
    """Whether a verb of the lexicon or of speech follows: "Hamas condemned", "Kan reported"."""
    rest = re.sub(r"^\s*(?:,\s*(?:which|who)\s+)?(?:\w+ly\s+|also\s+|has\s+|have\s+|had\s+)*",
                  " ", plain[end:end + 80])
    if re.match(rf"\s(?:{nm.SPEECH_VERBS}|reported)\b", rest):
        return True
    return any(t.verb and t.pattern.match(rest, 1) for t in triggers_in(rest[:30]))


def _consider_run(run: re.Match, plain: str, index: nm.NameIndex, new: list[nm.Actor],
                  ids: set[str], known: list[nm.Mention], singles: dict[str, bool],
                  not_names: set[str] | None = None) -> None:
    not_names = set() if not_names is None else not_names
    tokens = run.group(0).split()
    while tokens and tokens[0].casefold() in nm.NOT_ACTORS:
        tokens = tokens[1:]
    if tokens:
        tokens[-1] = nm.POSSESSIVE.sub("", tokens[-1])
    title, rest = nm.strip_title(tokens)
    if nm.classify(tokens) == "organization" and nm.classify(rest) != "person":
        title, rest = [], tokens  # "Palestinian Communist Party" is the party's name
    if not rest or (len(rest) == 1 and not title and rest[0].casefold() in not_names):
        return
    name = " ".join(rest)
    state = nm.state_named(name)
    if state is not None:
        name = state
    if re.match(r"\s+(?:party|movement|faction|militia|group)\b", plain[run.end():]):
        _register(name, "organization", None, index, new, ids)
        return
    actor = nm.near_miss(name, index)
    if actor is not None:
        index.add(name, actor)
        index.alias_proposals.setdefault(actor, set()).add(name)
        return
    if (nm.PLACE_BEFORE.search(plain[: run.start()]) or nm.PLACE_AFTER.match(plain[run.end():])) \
            and not title:
        if len(rest) == 1:
            not_names.add(name.casefold())  # a place, wherever else it stands
        return
    kind = nm.classify(rest)
    if kind is None:
        if len(rest) == 1 and not title and len(name) > 2 and name.casefold() not in \
                nm.NOT_ACTORS and not nm.is_demonym(name):
            singles[name] = singles.get(name, False) or _acts_after(plain, run.end())
        return
    role, parent = _role_before(plain, run.start(), title, known, index)
    if kind == "person" and role is None:
        role, parent = _role_after(plain, run.end(), index)
    _register(name, kind, role, index, new, ids, None, parent)
    acronym = re.match(r"\s*\((?P<a>[A-Z]{2,6})\)", plain[run.end():])
    if acronym and kind == "organization" and new and new[-1].name == name:
        index.add(acronym.group("a"), new[-1].id)


def _role_before(plain: str, start: int, title: list[str], known: list[nm.Mention],
                 index: nm.NameIndex) -> tuple[str | None, str | None]:
    """The title a name is introduced with ("Hamas spokesman"), and the party it names."""
    head = plain[:start]
    lead = re.search(r"((?:[\w'.-]+\s+){0,6})$", head)
    words_before = lead.group(1).split() if lead else []
    picked: list[str] = []
    for word in reversed(words_before):
        bare = nm.POSSESSIVE.sub("", word.strip(",")).casefold()
        if word.endswith(",") or not (bare in nm.TITLE_WORDS or word[:1].isupper()):
            break
        picked.insert(0, word)
    phrase = " ".join(picked + title).strip()
    if not phrase or not any(w.casefold().rstrip(".") in nm.TITLE_NOUNS
                             for w in phrase.split()):
        return None, None
    begin = start - len(" ".join(picked)) - 1 if picked else start
    parent = next((k.actor for k in known if begin - 1 <= k.start < start
                   and index.actors.get(k.actor) and index.actors[k.actor].kind != "person"),
                  None)
    return phrase, parent


def _role_after(plain: str, end: int, index: nm.NameIndex) -> tuple[str | None, str | None]:
    """An appositive title after a name: "Hazem Qassem, Hamas spokesperson in Gaza, said"."""
    after = re.match(r",\s+([^,;:\"]{3,60}?)(?:,|\s+said)", plain[end:])
    if not after:
        return None, None
    phrase = after.group(1)
    if not any(w.casefold() in nm.TITLE_NOUNS for w in phrase.split()):
        return None, None
    parent = next((k.actor for k in index.find(phrase)
                   if index.actors[k.actor].kind != "person"), None)
    return phrase, parent


def _register(name: str, kind: str, role: str | None, index: nm.NameIndex,
              new: list[nm.Actor], ids: set[str], anonymous_role: str | None = None,
              parent: str | None = None) -> None:
    from ..scaffold import slugify

    name = name.strip()
    if any(a.name.casefold() == name.casefold() for a in new):
        return
    base = slugify(name, 5) or "actor"
    actor_id, n = base, 2
    while actor_id in ids:
        actor_id, n = f"{base}-{n}", n + 1
    ids.add(actor_id)
    side = index.actors[parent].side if parent and parent in index.actors else None
    actor = nm.Actor(actor_id, name[0].upper() + name[1:], kind, True,
                     role or anonymous_role, (parent,) if parent else (), side)
    new.append(actor)
    index.actors[actor_id] = actor
    index.add(name, actor_id)
    if kind == "state":  # "Russian" names the new state as weakly as "Israeli" a known one
        for demonym in states().get(name, ()):
            index.add(demonym, actor_id, weak=True)
    parts = name.split()
    if kind == "person" and len(parts) > 1 and not anonymous_role and len(parts[-1]) >= 4:
        index.add(parts[-1], actor_id)
        bare = re.sub(r"^(?:al|el|bin|ibn|abu|de)-", "", parts[-1], flags=re.IGNORECASE)
        if bare != parts[-1] and len(bare) >= 4:
            index.add(bare, actor_id)
        if len(parts) > 2 and parts[-2][:1].isupper():
            index.add(" ".join(parts[-2:]), actor_id)


# --- who is named where, sentence by sentence ----------------------------------------


def _paragraphs(sents: list[Sentence]) -> list[list[Sentence]]:
    out: list[list[Sentence]] = []
    for s in sents:
        if out and out[-1][0].paragraph == s.paragraph:
            out[-1].append(s)
        else:
            out.append([s])
    return out


def _mentions(s: Sentence, ctx: _Context, speaker: str | None) -> list[nm.Mention]:
    plain = s.plain
    found = _drop_modifiers(ctx.index.find(plain), plain, ctx.index)
    for start, end, office in nm.heads_of(plain):
        named = ctx.index.find(office)
        if named:
            found = [m for m in found if not (m.start < end and start < m.end)]
            found.append(nm.Mention(start, end, named[0].actor, plain[start:end]))
    found.sort(key=lambda m: m.start)
    taken = [(m.start, m.end) for m in found]
    for p in PRONOUN.finditer(plain):
        if any(a <= p.start() < b for a, b in taken):
            continue
        actor = _resolve_pronoun(p.start(), found, ctx,
                                 possessive=p.group("p").casefold() in ("his", "her"))
        if actor:
            found.append(nm.Mention(p.start(), p.end(), actor, p.group(0), pronoun=True))
    for p in IT_ACTS.finditer(plain):
        actor = _resolve_it(p.start(), found, ctx)
        if actor:
            found.append(nm.Mention(p.start(), p.start() + 2, actor, p.group("p"),
                                    pronoun=True))
    for d in DEFINITE.finditer(plain):
        if any(a <= d.start() < b or d.start() <= a < d.end() for a, b in taken
               if not any(m.weak and (m.start, m.end) == (a, b) for m in found)):
            continue
        found = [m for m in found if not (m.weak and d.start() <= m.start < d.end())]
        noun = d.group("noun").casefold()
        actor = next((p for p in reversed(ctx.persons) if noun in (ctx.roles.get(p) or "")
                      .casefold() or noun in ctx.index.actors[p].name.casefold()), None) \
            or (ctx.subjects[-1] if ctx.subjects else None)
        if actor:
            found.append(nm.Mention(d.start(), d.end(), actor, d.group(0), pronoun=True))
    if speaker:
        for region in quote_regions(plain) or ([(0, len(plain))] if speaker else []):
            for f in FIRST_PERSON.finditer(plain, region[0], region[1]):
                if not any(m.start <= f.start() < m.end for m in found):
                    found.append(nm.Mention(f.start(), f.end(), speaker, f.group(0),
                                            pronoun=True))
    return sorted(found, key=lambda m: m.start)


def _drop_modifiers(found: list[nm.Mention], plain: str, index: nm.NameIndex
                    ) -> list[nm.Mention]:
    """Drop a party named only as a title's owner: "Hamas spokesman Hazem Qassem"."""
    found = [m for i, m in enumerate(found)  # "Central Intelligence Agency (CIA)": one name
             if not (i and plain[found[i - 1].end:m.start] == " (" and
                     plain[m.end:m.end + 1] == ")")]
    drop: set[int] = set()
    for i, (a, b) in enumerate(zip(found, found[1:], strict=False)):
        gap = plain[a.end:b.start]
        b_person = index.actors[b.actor].kind == "person"
        if (b_person or a.possessive) and _title_gap(gap, need_noun=not a.possessive):
            if index.actors[a.actor].kind != "person" or a.possessive:
                drop.add(i)
        elif b_person is False and index.actors[a.actor].kind == "person" and \
                re.fullmatch(r",\s*", gap):
            tail = re.match(r"([^,;\"]{0,40})", plain[b.end:]).group(1)
            if any(w.casefold() in nm.TITLE_NOUNS for w in tail.split()):
                drop.add(i + 1)
    for i, m in enumerate(found):  # "Benny Gantz's Blue and White": Gantz owns a name
        if m.possessive and re.match(r"\s+[A-Z]", plain[m.end:]) and not any(
                k.start == m.end + 1 for k in found):
            drop.add(i)
    for m in found:  # "Bassam al-Salhi, member of the PLO Executive Committee and ..., said"
        if index.actors[m.actor].kind != "person":
            continue
        apposition = APPOSITION.match(plain, m.end)
        if apposition:
            drop |= {i for i, k in enumerate(found)
                     if apposition.start() <= k.start < apposition.end()}
    return [m for i, m in enumerate(found) if i not in drop]


def _title_gap(gap: str, need_noun: bool) -> bool:
    tokens = gap.replace("(", " ").replace(")", " ").replace(",", " ").split()
    if len(tokens) > 7:
        return False
    if not tokens:
        return not need_noun
    for t in tokens:
        bare = t.casefold().rstrip(".")
        if not (bare in nm.TITLE_WORDS or t[:1].isupper() or bare in ("'s", "'")):
            return False
    return not need_noun or any(t.casefold() in nm.TITLE_NOUNS for t in tokens)


def _resolve_pronoun(at: int, found: list[nm.Mention], ctx: _Context,
                     possessive: bool = False) -> str | None:
    """He/she: the person named first in the sentence (its subject); his/her: the person
    named last before it; else the last speaker, or the last person named."""
    before = [m for m in found if m.end <= at and ctx.index.actors[m.actor].kind == "person"]
    if before:
        return before[-1 if possessive else 0].actor
    return ctx.last_speaker if ctx.last_speaker and ctx.index.actors[
        ctx.last_speaker].kind == "person" else (ctx.persons[-1] if ctx.persons else None)


def _resolve_it(at: int, found: list[nm.Mention], ctx: _Context) -> str | None:
    """"Israel pulled out, but it has maintained ...": the state or organisation named
    last before "it" in the sentence; a sentence that opens with "It", the one the
    sentence before named last."""
    kinds = ("organization", "state", "group")
    before = [m for m in found if m.end <= at and not m.pronoun
              and ctx.index.actors[m.actor].kind in kinds]
    if before:
        return before[-1].actor
    if at == 0 and ctx.bodies:
        return ctx.bodies[-1]
    return None


def _speaker(s: Sentence, found: list[nm.Mention]) -> str | None:
    """Who the sentence quotes: "..., Salhi said", "Pompeo said that ...", "said Abbas"."""
    plain = s.plain
    best = None
    for verb in SPEECH.finditer(plain):
        before = [m for m in found if m.end <= verb.start()
                  and (len(plain[m.end:verb.start()].split()) <= 4
                       or APPOSITION.match(plain, m.end) and APPOSITION.match(plain, m.end)
                       .end() + 2 >= verb.start())
                  and '"' not in plain[m.end:verb.start()]]
        if before:
            best = before[-1].actor
            if not plain[verb.end():].lstrip().startswith(("that", "to ")) or best:
                return best
        after = [m for m in found if 0 <= m.start - verb.end() <= 6]
        if after and best is None:
            best = after[0].actor
    return best


def _draft_paragraph(paragraph: list[Sentence], ctx: _Context) -> None:
    tweet = TWEET.search(paragraph[-1].plain)
    tweet_speaker, tweet_date = None, None
    if tweet:
        named = ctx.index.find(tweet.group("name"))
        tweet_speaker = named[0].actor if named else None
        tweet_date = date_near(tweet.group("date"), 0, 1, ctx.today or dt.date.max)
    open_quote = False
    for s in paragraph:
        plain = s.plain
        raw = _drop_modifiers(ctx.index.find(plain), plain, ctx.index)
        speaker = _speaker(s, raw) or (ctx.last_speaker if open_quote else None) \
            or tweet_speaker
        found = _mentions(s, ctx, speaker if (open_quote or '"' in plain or tweet_speaker)
                          else None)
        speaker = _speaker(s, found) or speaker or (
            ctx.last_speaker if plain.startswith('"') and s is not paragraph[0] else None)
        regions = quote_regions(plain)
        if open_quote:
            regions = [(0, regions[0][1] if regions and plain.find('"') >= 0 else len(plain))] \
                + regions[1:]
        found_triggers = find_triggers(plain, found)
        drafted_before = len(ctx.drafts)
        for trig in found_triggers:
            _draft_from(trig, s, found, regions, speaker, ctx, tweet_date, found_triggers)
        if len(ctx.drafts) == drafted_before and speaker:
            _account_of_talks(s, found, speaker, ctx, tweet_date)
        if len(ctx.drafts) == drafted_before and speaker:
            _quoted_topic(s, found, regions, speaker, ctx, tweet_date)
        first = next((m.actor for m in found if ctx.index.actors[m.actor].kind == "person"),
                     None)
        if first:
            ctx.subjects.append(first)
        ctx.bodies.extend(m.actor for m in found if not (m.pronoun or m.weak) and
                          ctx.index.actors[m.actor].kind in ("organization", "state"))
        for m in found:
            if ctx.index.actors[m.actor].kind == "person" and not m.pronoun:
                ctx.persons.append(m.actor)
                role = _role_of(m, plain, ctx)
                if role:
                    ctx.roles[m.actor] = role
        if speaker:
            ctx.last_speaker = speaker
        if plain.count('"') % 2:
            open_quote = not open_quote


# what a speaker says with no phrase of the lexicon: a statement
SAID = Trigger("statement", "", re.compile(""), False, False, False, frozenset(), frozenset())
THE_TALKS = re.compile(r"\b(?:the|that|this|their)\s+(?:meeting|talks|call|conversation|visit)\b"
                       r"|\bthe\s+two\s+(?:sides\s+|men\s+|leaders\s+)?(?:discussed|agreed|"
                       r"talked|spoke)\b", re.IGNORECASE)


def _sides_of(actor: str, plain: str, found: list[nm.Mention], ctx: _Context) -> set[str]:
    """The side an actor speaks for: its side in the data, and the demonyms of its names,
    role and the words before it ("Palestinian official X", "Israeli Defense Minister")."""
    known = ctx.index.actors[actor]
    text = " ".join(filter(None, [known.role, ctx.roles.get(actor), *ctx.index.names_of(actor)]
                           + [" ".join(plain[:m.start].split()[-5:]) for m in found
                              if m.actor == actor and not m.pronoun]))
    demonyms = {w.casefold() for w in re.findall(r"[A-Z][a-z]+", text) if nm.is_demonym(w)}
    return demonyms | ({known.side} if known.side else set())


def _account_of_talks(s: Sentence, found: list[nm.Mention], speaker: str, ctx: _Context,
                      tweet_date: str | None) -> None:
    """"Palestinian official X said the two discussed ...": one side's account of talks
    just reported, by someone not at them, is a statement to the other side."""
    plain = s.plain
    talk = THE_TALKS.search(plain)
    if not talk or ctx.index.actors[speaker].kind != "person":
        return
    # "the meeting" is the one reported last, however far back (as for "the visit")
    talks = next((d for d in reversed(ctx.drafts) if d.type in ("meeting", "call")), None)
    if talks is None or speaker in (talks.source, talks.target):
        return
    mine = _sides_of(speaker, plain, found, ctx)
    parties = {p: _sides_of(p, plain, found, ctx) for p in (talks.source, talks.target)}
    own = [p for p, sides in parties.items() if mine & sides]
    other = [p for p in parties if p not in own]
    if len(own) != 1 or len(other) != 1:
        return  # whose account it is cannot be told
    speaker_at = next((m for m in found if m.actor == speaker and not m.pronoun), None)
    _add_draft(_Found(SAID, talk.start(), talk.end()), s, speaker_at or speaker, other[0],
               ctx, tweet_date)


TOPIC_WORDS = 3  # a party this near a quotation's start is what the quotation is about
TOPIC_LEAD = re.compile(r"^(?:if|when|once|unless|the|a|an)$", re.IGNORECASE)


def _quoted_topic(s: Sentence, found: list[nm.Mention], regions: list[tuple[int, int]],
                  speaker: str, ctx: _Context, tweet_date: str | None) -> None:
    """"'If the Authority is stronger, the militants will be weaker,' X said": a quotation
    that opens on a party, with no phrase of any type, is the speaker's statement on it."""
    plain = s.plain
    for a, b in regions:
        inside = [m for m in found if a <= m.start < b and not m.weak]
        if not inside or inside[0].pronoun or inside[0].actor == speaker:
            continue
        lead = plain[a:inside[0].start].strip(' "').split()
        if len(lead) > TOPIC_WORDS or any(not TOPIC_LEAD.match(w) for w in lead):
            continue
        _add_draft(_Found(SAID, inside[0].start, inside[0].end), s, speaker, inside[0],
                   ctx, tweet_date)
        return


def _role_of(m: nm.Mention, plain: str, ctx: _Context) -> str | None:
    actor = ctx.index.actors[m.actor]
    lead = re.search(r"((?:[\w'.-]+\s+){0,5})$", plain[: m.start])
    words_before = lead.group(1) if lead else ""
    role = " ".join(w for w in words_before.split()
                    if w.casefold().rstrip(".") in nm.TITLE_WORDS or w[:1].isupper())
    return " ".join(x for x in (actor.role or "", role) if x) or None


# --- what happens ------------------------------------------------------------------------


def find_triggers(plain: str, found: list[nm.Mention]) -> list[_Found]:
    """Lexicon matches not inside a name, longest first, minus nouns that are objects."""
    hits = []
    for t in triggers_in(plain):
        for m in t.pattern.finditer(plain):
            words_at = [w for w in re.finditer(r"\S+", m.group(0))]
            edges = [(m.start() + w.start(), m.start() + w.end())
                     for w in (words_at[0], words_at[-1])]
            if any(a < k.end and k.start < b and not k.pronoun and not _court_in(t, k)
                   for k in found for a, b in edges):
                continue
            first = m.group(0).split()[0].casefold()
            if t.verb and DETERMINER.search(plain[: m.start()]) and not first.endswith("ed") \
                    and first not in ("met", "held", "told", "sent", "spoke"):
                continue  # "the meeting", "a press conference": a noun, not the verb
            hits.append(_Found(t, m.start(), m.end()))
    hits.sort(key=lambda h: (-(h.end - h.start), not h.trigger.verb, h.start))
    kept: list[_Found] = []
    for h in hits:
        if all(h.end <= k.start or h.start >= k.end for k in kept):
            kept.append(h)
    kept.sort(key=lambda h: h.start)
    halted = any(k.trigger.type in ("suspension", "rejection") for k in kept)
    out = []
    for h in kept:
        if h.trigger.verb or h.trigger.type not in OBJECT_TYPES:
            out.append(h)
            continue
        if halted and h.trigger.type in ("cooperation", "meeting", "call"):
            continue  # "ended security coordination with Israel" is no cooperation
        if h.trigger.said_of:
            out.append(h)
            continue
        governed = any(k.start < h.start and k.trigger.type != h.trigger.type
                       and (k.trigger.verb or k.trigger.said_of)
                       and not any(k.end <= m.start and m.end <= h.start for m in found)
                       and len(plain[k.end:h.start].split()) <= OBJECT_GAP
                       and not HARD_STOP.search(plain[k.end:h.start]) for k in kept)
        if not governed:
            out.append(h)
    return out


def _court_in(t: Trigger, m: nm.Mention) -> bool:
    """"Go to the International Criminal Court": the court a case goes to may be named as
    a party and still be part of the phrase."""
    return t.type == "legal_action" and "court" in m.text.casefold()


def _window(plain: str, trig: _Found, regions: list[tuple[int, int]],
            others: list[_Found]) -> tuple[int, int]:
    """The clause around a trigger: inside its quotation, between hard stops, and before
    the next phrase of another type."""
    left, right = 0, len(plain)
    for a, b in regions:
        if a <= trig.start < b:
            left, right = a, b
    for stop in HARD_STOP.finditer(plain):
        if left <= stop.start() < trig.start:
            left = stop.end()
        elif trig.end <= stop.start() < right:
            right = stop.start()
            break
    return left, right


def _in_other_quote(m: nm.Mention, trig: _Found, regions: list[tuple[int, int]]) -> bool:
    inside = [r for r in regions if r[0] <= m.start < r[1]]
    return bool(inside) and not any(r[0] <= trig.start < r[1] for r in inside)


def _group(m: nm.Mention, mentions: list[nm.Mention], plain: str) -> list[nm.Mention]:
    """A mention with those joined to it: "Hamas and other Gaza militants"."""
    i = mentions.index(m)
    group = [m]
    j = i
    while j + 1 < len(mentions) and _joined(plain[mentions[j].end:mentions[j + 1].start]):
        j += 1
        group.append(mentions[j])
    j = i
    while j > 0 and _joined(plain[mentions[j - 1].end:mentions[j].start]):
        j -= 1
        group.insert(0, mentions[j])
    # "US officials, including Blinken and Burns": the named members stand for the group
    last = mentions.index(group[-1])
    if last + 1 < len(mentions) and INCLUDING.match(plain[group[-1].end:
                                                          mentions[last + 1].start]):
        return _group(mentions[last + 1], mentions, plain)
    return group


def _joined(gap: str) -> bool:
    """"A and B", "A and the B", "A and CIA Director B": two parties side by side."""
    if CONJUNCTION.match(gap):
        return True
    rest = re.match(r"^\s*(?:,\s*)?and\s+(?:the\s+)?(.*)$", gap)
    return bool(rest) and bool(rest.group(1).strip()) and _title_gap(rest.group(1), True)


def _strong(ms: list[nm.Mention]) -> list[nm.Mention]:
    strong = [m for m in ms if not m.weak]
    return strong or ms


LIGHT_WORDS = {"a", "an", "the", "its", "their", "his", "her", "our", "another", "new", "joint",
               "fresh", "firm", "strong", "first", "second", "hold", "holds", "held", "had",
               "has", "have", "launched", "launch", "launches", "carried", "out", "made", "make",
               "issued", "imposed", "maintained", "maintains", "conducted", "began", "started",
               "resumed", "opened", "led", "staged", "waged", "announced", "expressed",
               "voiced", "also", "and", "which", "who", ",", "is", "was", "will", "would"}
BENEFICIARY = re.compile(r"\b(?:for|from|about|over|than|like|by)\s+(?:the\s+|a\s+|an\s+)?$",
                         re.IGNORECASE)


def _light(gap: str) -> bool:
    """A noun phrase's actor stands right before it: "Israel launched a deadly campaign"."""
    return all(w.casefold() in LIGHT_WORDS or w.endswith(("ly", "'s", "'")) or
               any(c.isdigit() for c in w) or "-" in w for w in gap.split())


NEW_CLAUSE = re.compile(rf"\b(?:and|but|while)\s+(?:\w+ly\s+)?(?:{nm.SPEECH_VERBS}|\w+ed)\b")


def _reaches(gap: str, trigger: str) -> bool:
    """The party after a phrase is what it acts on: no comma, no "for" or "of" between,
    unless the phrase itself ends in one ("killing of"), and no new clause ("and said")."""
    if "," in gap or '"' in gap and trigger[-1:] != '"' or NEW_CLAUSE.search(gap):
        return False
    return not BENEFICIARY.search(gap) or not gap.strip()


def _gap(plain: str, a: int, b: int) -> int:
    return len(plain[a:b].split())


def _draft_from(trig: _Found, s: Sentence, found: list[nm.Mention],
                regions: list[tuple[int, int]], speaker: str | None, ctx: _Context,
                tweet_date: str | None, others: list[_Found]) -> None:
    plain = s.plain
    t = trig.trigger
    left_edge, right_edge = _window(plain, trig, regions, others)
    usable = [m for m in found if not _in_other_quote(m, trig, regions)]
    if t.type == "legal_action":  # a court is where a case goes, not whom it is against
        usable = [m for m in usable if "court" not in ctx.index.actors[m.actor].name.casefold()]
    left = [m for m in usable if left_edge <= m.start and m.end <= trig.start
            and not (m.possessive and t.verb and _gap(plain, m.end, trig.start) > 0)
            and _gap(plain, m.end, trig.start) <= SOURCE_GAP[t.verb or t.reversed]
            and (t.verb or t.reversed or _light(plain[m.end:trig.start]))]
    right = [m for m in usable if trig.end <= m.start and m.end <= right_edge
             and _gap(plain, trig.end, m.start) <= TARGET_GAP[t.verb]
             and _reaches(plain[trig.end:m.start], plain[trig.start:trig.end])]
    symmetric = interaction_types()[t.type].symmetric
    sources: list[nm.Mention | str] = []
    targets: list[nm.Mention | str] = []
    in_quote = any(a <= trig.start < b for a, b in regions)
    passive = t.verb and plain[trig.start:trig.end].split()[0].casefold() in t.participles \
        and BE_BEFORE.search(plain[: trig.start])
    if t.said_of:
        subject = [m for m in usable if left_edge <= m.start and m.end <= trig.start
                   and m.actor != speaker]
        said = [v.end() for v in SPEECH.finditer(plain, left_edge, trig.start)]
        if said and any(m.start >= said[-1] for m in subject):
            subject = [m for m in subject if m.start >= said[-1]]
        if subject and speaker:
            sources, targets = [speaker], _group(_strong(subject)[0], found, plain)
    elif t.reversed or passive:
        agent = right
        if passive:
            by = BY_AGENT.match(plain[trig.end:])
            agent = [m for m in usable if by and trig.end + by.end() - 1 <= m.start
                     and _gap(plain, trig.end + by.end(), m.start) <= 3]
        if agent:
            sources = _group(agent[0], found, plain)
        elif passive and in_quote and speaker:
            sources = [speaker]
        if left:
            targets = _group(_strong(left)[-1], found, plain)
        else:
            targets = _event_party(plain[left_edge:trig.start], ctx)
    elif symmetric and (re.search(r"\bbetween\s*$", plain[trig.start:trig.end]) or not left
                        and not re.search(r"\b(?:with|to)\s*$", plain[trig.start:trig.end])):
        pair = [m for m in usable if trig.end <= m.start and m.end <= right_edge]
        if len(pair) >= 2 and _gap(plain, trig.end, pair[0].start) <= TARGET_GAP[t.verb] \
                and _gap(plain, pair[0].end, pair[1].start) <= 8:
            sources, targets = [pair[0]], [m for m in _group(pair[1], found, plain)
                                           if m.actor != pair[0].actor]
    else:
        shared = _conjoined_subject(plain, trig, s, ctx)
        if shared:
            sources = shared  # "decided to approach the Council and go to the court"
        elif left and speaker and INFINITIVE.search(plain[left[-1].end:trig.start] + re.sub(
                r"^(not\s+)?to\b.*", r"\1to ", plain[trig.start:trig.end])):
            sources = [speaker]  # "..., to stop the coordination": the speaker's decision
        elif left:
            subject = _relative_subject(plain, usable, left_edge, trig) or _strong(left)[-1]
            sources = _group(subject, found, plain)
        elif speaker and (in_quote or t.verb and not left):
            sources = [speaker]
        chosen = {_actor_of(x) for x in sources}
        if symmetric and len(chosen) >= 2 and not right and all(
                isinstance(x, nm.Mention) and x.end <= trig.start for x in sources) and \
                _gap(plain, sources[-1].end, trig.start) <= 3 and \
                "," not in plain[sources[-1].end:trig.start]:
            for tgt in sources[1:]:  # "Abbas and Gantz met on Tuesday"
                _add_draft(trig, s, sources[0], tgt, ctx, tweet_date)
            return
        inner = [m for m in usable if trig.start < m.start and m.end < trig.end]
        pool = [m for m in inner + right if m.actor not in chosen
                and not (m.possessive and t.verb and t.type == "statement")]
        if pool:
            targets = _group(_strong(pool)[0], found, plain)
            if re.search(r"\bbetween\s+(?:\w+\s+){0,2}$", plain[trig.end:targets[0].start]):
                targets = targets[:1]  # "condemned a meeting between A and B": A's side
        elif sources and (held := _holder_of_place(plain, usable, trig, right_edge)):
            targets = [held]
        elif sources and t.type == "legal_action" and (
                accused := _accused(plain, found, trig, ctx)):
            targets = [accused]
        elif sources:
            targets = _event_party(plain[trig.end:right_edge], ctx,
                                   later=(trig, s, sources, tweet_date))
            if not targets and symmetric:
                targets = _partner_of_we(sources, ctx)
    if t.type == "military_action":
        if not sources and targets:
            sources = _attacker_after(plain, usable, trig)
    else:  # a people that attacks is its fighters; one that decides, its government
        sources = [_body_for_people(x, ctx) for x in sources]
    if t.type == "statement" and targets:
        trig = _rejudged(trig, plain, right_edge)
    if sources:
        ctx.last_acting = (s.index, trig.end, sources)
    for src in sources:
        for tgt in targets:
            _add_draft(trig, s, src, tgt, ctx, tweet_date)


CONJOINED = re.compile(r"\b(?:and|or)\s+(?:then\s+|also\s+)?(?:to\s+)?$")
CONJOINED_WORDS = 12  # the verb before "and" is this near the phrase


def _conjoined_subject(plain: str, trig: _Found, s: Sentence, ctx: _Context) -> list:
    """"The leaders decided to approach the Council and go to the court": a verb joined by
    "and" to the one before has that verb's acting party, not the party named between."""
    if not trig.trigger.verb or ctx.last_acting is None:
        return []
    index, end, sources = ctx.last_acting
    head = plain[end:trig.start]
    if index != s.index or end > trig.start or not CONJOINED.search(head) or \
            len(head.split()) > CONJOINED_WORDS or HARD_STOP.search(head) or '"' in head:
        return []
    return sources


COMMITTED_BY = re.compile(r"\b(?:committed|perpetrated|carried\s+out)\s+by\s+(?:the\s+)?$",
                          re.IGNORECASE)


def _accused(plain: str, found: list[nm.Mention], trig: _Found, ctx: _Context
             ) -> str | None:
    """A case taken to court "over the massacre committed by the army" (quoted or not) is
    against the state whose army it is: courts hear states, a state's forces act for it."""
    for m in found:
        if m.start >= trig.end and COMMITTED_BY.search(plain[trig.end:m.start]):
            actor = ctx.index.actors[m.actor]
            states_of = [p for p in actor.member_of
                         if p in ctx.index.actors and ctx.index.actors[p].kind == "state"]
            return states_of[0] if actor.kind != "state" and states_of else m.actor
    return None


BRIEFING = re.compile(r"^(?:brief|address|updat)", re.IGNORECASE)
IN_A_MEETING = re.compile(r"^(?:[^,;]*?\s)?(?:during|at|in)\s+(?:[\w'’-]+\s+){0,3}?"
                          r"(?:meeting|meetings|session|talks|summit)\b", re.IGNORECASE)
WARNING = re.compile(r"^\s*(?:[\w'.-]+\s+){0,6}?that\s+[^;]*?\b(?:will|would|could|might)\s+"
                     r"\"?(?:\w+ly\s+)?(?:harm|hurt|damage|undermine|cost|"
                     r"backfire|jeopardi[sz]e|endanger|destroy|isolate)\b", re.IGNORECASE)
MEETING_WORDS = 12  # how far after a briefing verb its meeting may be named


def _rejudged(trig: _Found, plain: str, right_edge: int) -> _Found:
    """The type a statement takes from its clause: "briefed X during the meeting" is
    the meeting; "stressed to X that its moves will harm ..." is a warning, pressure."""
    rest = plain[trig.end:right_edge]
    said = plain[trig.start:trig.end]
    if BRIEFING.match(said) and IN_A_MEETING.match(" ".join(rest.split()[:MEETING_WORDS])):
        return replace(trig, trigger=replace(trig.trigger, type="meeting"))
    if WARNING.match(plain[trig.end:]):
        return replace(trig, trigger=replace(trig.trigger, type="pressure"))
    return trig


HELD_BY = re.compile(r"\s*(?:the\s+|a\s+)?(?:[\w'-]+\s+){0,3}?(?:[\w'-]+),\s+(?:which|that)\s+"
                     r"(?:is|are|was|were|has\s+been|had\s+been)\s+(?:\w+\s+){0,2}?"
                     r"(?:controlled|ruled|run|governed|held|administered)\s+by\s+",
                     re.IGNORECASE)
HOLDER_WORDS = 5  # "... controlled by Palestinian resistance movement Hamas"


def _holder_of_place(plain: str, usable: list[nm.Mention], trig: _Found, right_edge: int
                     ) -> nm.Mention | None:
    """"A blockade on the Strip, which is controlled by Hamas": a measure against a place
    acts on whoever holds it."""
    held = HELD_BY.match(plain, trig.end, right_edge)
    if not held:
        return None
    return next((m for m in usable if held.end() <= m.start < right_edge
                 and _gap(plain, held.end(), m.start) <= HOLDER_WORDS), None)


PEOPLE = re.compile(r"^(?:the\s+)?(?P<adjective>[A-Z][a-z]+)s$")


def _body_for_people(x: nm.Mention | str, ctx: _Context) -> nm.Mention | str:
    """"The Palestinians have rejected the plan": a people that decides, boycotts or
    appeals acts through its governing body, the one of that people the article named
    last ("the Palestinian Authority", "Israel" for "the Israelis")."""
    if not isinstance(x, nm.Mention) or x.pronoun:
        return x
    people = PEOPLE.match(x.text)
    if not people or not nm.is_demonym(people.group("adjective")):
        return x
    adjective = people.group("adjective").casefold()
    country = next((c.casefold() for c, forms in states().items()
                    if people.group("adjective") in forms), None)
    for actor in reversed(ctx.bodies):
        names = [fold_text(n).casefold() for n in ctx.index.names_of(actor)]
        state = ctx.index.actors[actor].kind == "state"
        if any(n.split()[0] == adjective and len(n.split()) > 1 or
               state and (n == country if country else adjective.startswith(n))
               for n in names):  # a country the lexicon lacks: Ruritania, Ruritanians
            return actor
    return x


ATTACKER = re.compile(r"\b(?:by|during|in|with)\s+(?:an?\s+|the\s+)?(?:\w+\s+){0,2}?$",
                      re.IGNORECASE)
ARMED = re.compile(r"^(?:'s)?\s+(?:military|army|air|drone|missile|forces|troops|strike|strikes|"
                   r"airstrike|airstrikes|raid|raids|operation|attack|bombing|shelling|fire)\b",
                   re.IGNORECASE)


def _attacker_after(plain: str, usable: list[nm.Mention], trig: _Found) -> list[nm.Mention]:
    """"The killing of nine Palestinians during an Israeli military operation": whose."""
    for m in usable:
        if m.start >= trig.end and _gap(plain, trig.end, m.start) <= 12 and \
                ATTACKER.search(plain[trig.end:m.start]) and ARMED.match(plain[m.end:]):
            return [m]
    return []


RELATIVE = re.compile(r",\s+(?:who|which)\b")


def _relative_subject(plain: str, usable: list[nm.Mention], left_edge: int,
                      trig: _Found) -> nm.Mention | None:
    """"The Palestinians, who have boycotted X since ..., have rejected Y": the party
    before the relative clause acts, not the last one named inside it."""
    if not trig.trigger.verb:
        return None
    head = plain[left_edge:trig.start]
    close = head.rfind(",")
    if close < 0 or len(head[close + 1:].split()) > 3:
        return None
    for rel in RELATIVE.finditer(head):
        if rel.start() >= close:
            break
        before = [m for m in usable if left_edge <= m.start and m.end <= left_edge + rel.start()
                  and not plain[m.end:left_edge + rel.start()].strip()]
        if before:
            return before[-1]
    return None


def _partner_of_we(sources: list, ctx: _Context) -> list[str]:
    """"We discussed ...", said by one party to a meeting or call just reported: we are
    the speaker and the one met."""
    if len(sources) != 1 or not isinstance(sources[0], nm.Mention) or \
            sources[0].text.casefold() not in ("we", "our", "us"):
        return []
    speaker = sources[0].actor
    for d in reversed(ctx.drafts):
        if d.type in ("meeting", "call") and speaker in (d.source, d.target):
            return [d.target if d.source == speaker else d.source]
    return []


def _event_party(text: str, ctx: _Context, later: tuple | None = None) -> list[str]:
    """"The visit was condemned": the party that made the visit drafted just before. When
    none was, and the event has a type ("rejected the pressure"), wait for one later."""
    event = EVENT_NOUN.search(text) or (BARE_EVENT.search(text) if later else None)
    if not event:
        return []
    wanted = EVENT_TYPES.get(event.group("noun").casefold())
    for d in reversed(ctx.drafts):
        if wanted is None or d.type == wanted:
            return [d.source]
    if later is not None and wanted is not None:
        ctx.pending.append((*later, wanted))
    return []


def _resolve_pending(ctx: _Context) -> None:
    for trig, s, sources, tweet_date, wanted in ctx.pending:
        events = [d for d in ctx.drafts if d.type == wanted]
        if not events:
            continue
        nearest = min(events, key=lambda d: abs(d.sentence - s.index))
        for src in sources:
            _add_draft(trig, s, src, nearest.source, ctx, tweet_date)


def _actor_of(x: nm.Mention | str) -> str:
    return x if isinstance(x, str) else x.actor


def _add_draft(trig: _Found, s: Sentence, src, tgt, ctx: _Context,
               tweet_date: str | None) -> None:
    source, target = _actor_of(src), _actor_of(tgt)
    if source == target:
        return
    in_sentence = [m for m in (src, tgt) if isinstance(m, nm.Mention)]
    quote = _quote(s, trig, in_sentence, ctx.article)
    if quote is not None and not any(_named(s.plain, a, ctx.index) for a in (source, target)):
        quote = _reach_back(s, quote, (source, target), ctx)  # Q304 needs a party's name
    if quote is None:
        return
    date = _date(s, trig, ctx, tweet_date)
    t = trig.trigger.type
    actors = ctx.index.actors
    summary = summary_templates()[t].format(source=actors[source].name,
                                            target=actors[target].name)
    ctx.drafts.append(Draft("", t, source, target, date, summary + ".", quote,
                            s.plain[trig.start:trig.end], s.index))


def _named(plain: str, actor: str, index: nm.NameIndex) -> bool:
    """Whether validate (Q304) finds one of the actor's names in the text."""
    text = plain.casefold()
    return any(re.search(r"(?<!\w)" + re.escape(fold_text(n).casefold()) + r"(?!\w)", text)
               for n in index.names_of(actor))


REACH_BACK_WORDS = 60


def _reach_back(s: Sentence, quote: str, parties: tuple[str, str], ctx: _Context
                ) -> str | None:
    """A quote whose sentence names neither party ("This visit is rejected", in a speech
    begun a sentence earlier) starts instead at the last name of a party in the sentence
    before, if that is near; else there is no quote that validates."""
    if s.index == 0:
        return None
    before = ctx.sentences[s.index - 1]
    if before.paragraph != s.paragraph:
        return None
    at = ctx.article.locate(quote)
    starts = [m.start() for a in parties for n in ctx.index.names_of(a)
              for m in re.finditer(r"(?<!\w)" + re.escape(fold_text(n).casefold()) + r"(?!\w)",
                                   before.plain.casefold())]
    if not at or not starts:
        return None
    begin, _ = before.offsets(max(starts), max(starts) + 1)
    text = ctx.article.text[begin:at[0].end]
    if len(text.split()) > REACH_BACK_WORDS or len(ctx.article.locate(text)) != 1:
        return None
    return " ".join(text.split())


def _date(s: Sentence, trig: _Found, ctx: _Context, tweet_date: str | None) -> str:
    if ctx.today is None:
        return tweet_date or "YYYY-MM-DD"
    found = date_near(s.plain, trig.start, trig.end, ctx.today)
    if found and not_after(found, ctx.today):
        return found
    return tweet_date or ctx.article_date or "YYYY-MM-DD"


def _quote(s: Sentence, trig: _Found, parties: list[nm.Mention], article: ArticleText
           ) -> str | None:
    """The shortest span of the sentence around the trigger and the parties it names that
    has at least six words and occurs once in the article."""
    spans = words(s.plain)
    if not spans:
        return None
    near = sorted(parties, key=lambda m: min(abs(m.start - trig.end), abs(trig.start - m.end)))
    for chosen in (parties, near[:1], []):
        lo = min([trig.start] + [m.start for m in chosen])
        hi = max([trig.end] + [m.end for m in chosen])
        first = next(i for i, (a, b) in enumerate(spans) if b > lo)
        last = max(i for i, (a, b) in enumerate(spans) if a < hi)
        if last - first + 1 <= MAX_QUOTE_WORDS:
            break
    while True:
        if last - first + 1 >= MIN_QUOTE_WORDS:
            text = _clean(s.original(spans[first][0], spans[last][1]))
            if len(article.locate(text)) == 1:
                last = _clause_end(s.plain, spans, last)
                return _clean(s.original(spans[first][0], spans[last][1]))
        if last + 1 < len(spans):
            last += 1
        elif first > 0:
            first -= 1
        else:
            text = _clean(s.original(spans[first][0], spans[last][1]))
            return text if len(article.locate(text)) == 1 else None


CLAUSE_WORDS = 6  # at most this many words more, to finish the clause


def _clause_end(plain: str, spans: list[tuple[int, int]], last: int) -> int:
    """Extend a quote to the end of its clause (a comma, a quotation mark, the sentence's
    end) when that is near, so it does not stop in the middle of a phrase."""
    for extra in range(CLAUSE_WORDS + 1):
        i = last + extra
        if i >= len(spans) - 1:
            return len(spans) - 1 if extra < CLAUSE_WORDS else last
        between = plain[spans[i][1]:spans[i + 1][0]]
        if any(c in between for c in ',;:."()') or "-" in between.strip():
            return i
    return last


def _clean(text: str) -> str:
    return text.strip().rstrip(",;:")


def _headline(article: ArticleText, sents: list[Sentence]) -> set[int]:
    """The sentences of the article's headline, when its first line reads as one."""
    from ..scaffold import read_headline

    headline = read_headline(article)
    if not headline or not sents:
        return set()
    line = article.line_of(sents[0].start)
    return {s.index for s in sents if article.line_of(s.start) == line}


def _without_headline_echoes(drafts: list[Draft], headline: set[int]) -> list[Draft]:
    """A headline restates the body: drop its drafts between parties the body pairs too."""
    body = {frozenset((d.source, d.target)) for d in drafts if d.sentence not in headline}
    return [d for d in drafts if d.sentence not in headline
            or frozenset((d.source, d.target)) not in body]


# --- the same event --------------------------------------------------------------------


def _pair(d_type: str, a: str, b: str) -> tuple:
    return tuple(sorted((a, b))) if interaction_types()[d_type].symmetric else (a, b)


def _merge(drafts: list[Draft]) -> list[Draft]:
    """One draft per event: a later draft of the same type and pair near in time adds its
    quote to the first."""
    merged: list[Draft] = []
    for d in drafts:
        key = (d.type, _pair(d.type, d.source, d.target))
        same = next((m for m in merged if (m.type, _pair(m.type, m.source, m.target)) == key
                     and near_in_time(m.date, d.date)), None)
        if same is None:
            merged.append(d)
        elif d.quote != same.quote and d.quote not in same.more_quotes:
            same.more_quotes.append(d.quote)
    return merged


def _fold_statements(drafts: list[Draft]) -> list[Draft]:
    """What one party tells another in a meeting or a call is evidence of that meeting or
    call, not a statement of its own."""
    talks = [d for d in drafts if d.type in ("meeting", "call")]
    kept = []
    for d in drafts:
        host = next((t for t in talks if d.type == "statement"
                     and {t.source, t.target} == {d.source, d.target}
                     and near_in_time(t.date, d.date, days=0)), None)
        if host is None:
            kept.append(d)
            continue
        for quote in (d.quote, *d.more_quotes):
            if quote != host.quote and quote not in host.more_quotes:
                host.more_quotes.append(quote)
    return kept


def _range(date: str) -> tuple[dt.date, dt.date]:
    parts = [int(p) for p in date.split("-")]
    if len(parts) == 1:
        return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)
    if len(parts) == 2:
        first = dt.date(parts[0], parts[1], 1)
        nxt = dt.date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
        return first, nxt - dt.timedelta(days=1)
    day = dt.date(*parts)
    return day, day


NEAR_DAYS = 14


def _days_apart(a: str, b: str) -> int:
    a0, a1 = _range(a)
    b0, b1 = _range(b)
    return max((b0 - a1).days, (a0 - b1).days, 0)


def near_in_time(a: str, b: str, days: int = NEAR_DAYS) -> bool:
    """Two partial dates lie within ``days`` of each other (a month overlaps its days)."""
    try:
        a0, a1 = _range(a)
        b0, b1 = _range(b)
    except ValueError:
        return False
    gap = max((b0 - a1).days, (a0 - b1).days, 0)
    return gap <= days


def _same_events(drafts: list[Draft], dataset, article_id: str, ctx: _Context) -> None:
    """Point each draft at an interaction of the data that reports the same event, give
    every other draft an id, and say whether the quote is already cited."""
    from ..scaffold import slugify

    taken = {i.id for i in dataset.interactions}
    actors = {a.id: a for a in dataset.actors}
    for d in drafts:
        near = [i for i in dataset.interactions if i.type == d.type
                and near_in_time(i.date, d.date)]
        candidates = [i for i in near if _pair(i.type, i.source, i.target)
                      == _pair(d.type, d.source, d.target)]
        # "the Palestinian Authority halted ..." reported where the data has "the Palestinian
        # leadership halted ...": the same act by a body of the same side and kind
        candidates = candidates or [i for i in near if not interaction_types()[i.type].symmetric
                                    and i.target == d.target
                                    and _stands_for(actors, i.source, d.source)]
        candidates.sort(key=lambda i: (_days_apart(i.date, d.date), i.date != d.date))
        for item in candidates[:1]:
            d.same_as = item.id
            fresh = [q for q in (d.quote, *d.more_quotes)
                     if not any(ev.article == article_id and _overlaps(ctx.article, ev.quote, q)
                                for ev in item.evidence)]
            d.cited = not fresh
            if fresh:
                d.quote, d.more_quotes = fresh[0], fresh[1:]
        verb = d.type.replace("_", "-")
        base = slugify(f"{d.source} {verb} {d.target} {d.date if d.date[0].isdigit() else ''}",
                       12)
        d.id, n = base, 2
        while d.id in taken:
            d.id, n = f"{base}-{n}", n + 1
        taken.add(d.id)


def _stands_for(actors: dict, known: str, drafted: str) -> bool:
    """Whether two parties may be one actor's two names in two reports: one is a member of
    the other, or both are bodies (not people) of the same side."""
    a, b = actors.get(known), actors.get(drafted)
    if a is None or b is None or a.id == b.id:
        return a is not None and a is b
    if a.id in b.member_of or b.id in a.member_of:
        return True
    return a.kind == b.kind != "person" and a.side == b.side


def _overlaps(article: ArticleText, cited: str, quote: str) -> bool:
    a, b = article.locate(cited), article.locate(quote)
    return any(x.start < y.end and y.start < x.end for x in a for y in b)

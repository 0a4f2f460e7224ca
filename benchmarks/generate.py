"""Generate a synthetic project in the data contract, for timing graphviz-app at scale.

The output is a project root: ``OUT_DIR/data/network.yaml`` and ``OUT_DIR/seeds/*.txt``.
Everything comes from one seeded ``random.Random``, so the same arguments always give
byte-identical files. The project is built to validate with no errors and no warnings:
every actor takes part in an interaction, every article is cited (given at least as many
interactions as actors and articles), every quote is a verbatim clause of its article that
occurs there once and names a party, and no date contradicts an article or a cause.

Example:

    python benchmarks/generate.py big-project --interactions 10000 --articles 1000 --actors 2000
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graphviz_app.model import slugify  # noqa: E402
from graphviz_app.vocabulary import interaction_types  # noqa: E402

SIDES = [
    ("israel", "Israel", "#1f77b4"),
    ("palestinian-authority", "Palestinian Authority", "#2ca02c"),
    ("hamas", "Hamas", "#d62728"),
    ("islamic-jihad", "Islamic Jihad", "#8c564b"),
    ("united-states", "United States", "#9467bd"),
    ("egypt", "Egypt", "#e377c2"),
    ("jordan", "Jordan", "#bcbd22"),
    ("international", "International", "#7f7f7f"),
]
FIRST = """Yossi Avi Dana Noa Eitan Ronit Moshe Tamar Uri Michal Amir Yael Gil Shira Omer Lior
Khalil Rami Samir Layla Nabil Hanan Ziad Rania Marwan Salma Fadi Dalia Tariq Nour Jibril
Hussein Maha Walid Yusuf Amal Karim Lina Bassam Suha James Laura Daniel Claire Thomas
Anna Pierre Sofia Ahmed Mona""".split()
LAST = """Levi Cohen Mizrahi Peretz Biton Dahan Avraham Friedman Shapiro Katz Ben-David Golan
Haddad Khoury Nasser Saleh Barghouti Odeh Hamdan Awad Qasem Darwish Mansour Shaath Jaber
Halabi Zaki Tamimi Rajoub Qurei Sabbagh Miller Carter Dubois Rossi Novak Jensen Larsen
Farouk Nassar Aziz Hakim Bakri Ghanem Salameh Kanaan Zoabi Tibi Sharaf Yassin""".split()
STATES = """Jordan Egypt Qatar Turkey France Germany Norway Russia China Japan Canada Italy
Spain Sweden Brazil India Morocco Tunisia Algeria Lebanon Syria Iraq Iran Oman Kuwait
Bahrain Cyprus Greece Ireland Belgium Austria Denmark Finland Poland Mexico Chile Kenya
Nigeria Indonesia Malaysia""".split()
ORG_A = """Northern Southern Central Joint National Civil Regional Popular Democratic United
Independent Higher Permanent Coastal Eastern Western""".split()
ORG_B = """Security Coordination Liaison Prisoners Refugee Reconstruction Labour Justice Water
Border Crossings Health Education Finance Reform Dialogue""".split()
ORG_C = """Council Committee Authority Office Directorate Commission Front Bureau Movement
Forum""".split()
PLACES = """Ramallah Jenin Nablus Hebron Bethlehem Jericho Tulkarem Qalqilya Gaza Rafah
Jerusalem Amman Cairo Doha Ankara Paris Washington Brussels Geneva Tel-Aviv Haifa Beersheba
Sharm-el-Sheikh Aqaba Istanbul""".split()
TOPICS = """prisoner releases|the tax revenue transfers|security arrangements at the crossings|
the reconstruction of Gaza|water allocation|work permits|the detention of activists|
settlement expansion|the ceasefire terms|fuel deliveries|the return of remains|
joint patrols|intelligence sharing|the border closure|medical referrals|funding cuts|
the election timetable|customs clearance|fishing zones|the arrest campaign""".replace("\n", "")
TOPICS = TOPICS.split("|")
ACTIONS = """resume security coordination|release the detainees|reopen the crossing|halt the raids|
transfer the withheld funds|stop the incitement|return to negotiations|hold elections|
freeze the demolitions|allow the fuel convoys|end the boycott|extend the truce""".replace("\n", "")
ACTIONS = ACTIONS.split("|")
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
ADJECTIVES = "constructive frank difficult useful tense positive serious brief".split()
OUTLETS = [
    "The Daily Ledger",
    "Regional Wire",
    "Middle East Monitor Weekly",
    "Levant Times",
    "Coastal Herald",
    None,
]

# Clauses an article uses for each type; {s} and {t} are the parties as the article names them.
CLAUSES = {
    "meeting": [
        "{s} met {t} in {place} on {day} to discuss {topic}",
        "{s} hosted {t} in {place} for talks on {topic}",
    ],
    "call": [
        "{s} spoke by phone with {t} on {day} about {topic}",
        "{s} told {t} in a call that the talks on {topic} had been \u201c{adj}\u201d",
    ],
    "statement": [
        "{s} said in a message to {t} that {topic} remained \u201c{adj}\u201d",
        "{s} wrote to {t} on {day} about {topic}",
    ],
    "cooperation": [
        "{s} and {t} agreed in {place} to coordinate on {topic}",
        "{s} worked with {t} on {topic} \u2014 a {adj} step, aides said",
    ],
    "appeal": ["{s} urged {t} on {day} to {action}", "{s} called on {t} in {place} to {action}"],
    "pressure": [
        "{s} pressed {t} to {action} before talks on {topic}",
        "{s} demanded on {day} that {t} {action}",
    ],
    "rejection": [
        "{s} rejected a demand from {t} to {action}",
        "{s} turned down the proposal of {t} on {topic} \u2013 calling it \u201c{adj}\u201d",
    ],
    "condemnation": [
        "{s} condemned {t} over {topic} on {day}",
        "{s} denounced the visit of {t} to {place} as a betrayal",
    ],
    "accusation": [
        "{s} accused {t} of obstructing {topic}",
        "{s} accused {t} on {day} of lying about {topic}",
    ],
    "threat": [
        "{s} warned {t} that it would stop {topic} unless it agreed to {action}",
        "{s} threatened {t} on {day} with an end to {topic}",
    ],
    "suspension": [
        "{s} suspended contacts with {t} on {topic} after the events in {place}",
        "{s} halted coordination with {t} on {day} over {topic}",
    ],
    "legal_action": [
        "{s} filed a complaint against {t} over {topic} at the court in {place}",
        "{s} took {t} to an international body on {day} over {topic}",
    ],
    "military_action": [
        "{s} carried out a raid against {t} near {place} on {day}",
        "{s} struck positions held by {t} outside {place}",
    ],
}
SUMMARY_VERBS = {
    "meeting": "meets",
    "call": "speaks by phone with",
    "statement": "addresses",
    "cooperation": "coordinates with",
    "appeal": "urges",
    "pressure": "presses",
    "rejection": "rejects a demand from",
    "condemnation": "condemns",
    "accusation": "accuses",
    "threat": "threatens",
    "suspension": "suspends contacts with",
    "legal_action": "sues",
    "military_action": "strikes",
}
FRAMES = [
    "{c}.",
    "{c}, according to officials.",
    "On {day}, {c}.",
    "Officials confirmed that {c}.",
    "{c} \u2014 a move that drew {adj} reactions.",
]
FILLER = [
    "The {adj} mood in {place} reflected months of uncertainty over {topic}.",
    "Analysts said the debate over {topic} was unlikely to end soon.",
    "Residents of {place} said little had changed on the ground since {day}.",
    "Diplomats in {place} described the atmosphere as \u201c{adj}\u201d but cautious.",
    "The question of {topic} has divided the parties for years \u2014 and still does.",
    "Aid groups in {place} warned that {topic} would shape the coming weeks.",
    "Observers noted that the talks in {place} had been planned for some time.",
]
HEADLINES = [
    "Talks on {topic} stall in {place}",
    "New pressure over {topic}",
    "{place} braces for a {adj} week",
    "Officials weigh {topic} after {day} meeting",
]
CURLY = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2019": "'", "\u2014": "-", "\u2013": "-"})


@dataclass
class Actor:
    id: str
    name: str
    kind: str
    side: str
    aliases: list[str] = field(default_factory=list)
    member_of: list[str] = field(default_factory=list)


@dataclass
class Article:
    id: str
    file: str
    published: dt.date
    title: str = ""
    outlet: str | None = None
    sentences: list[str] = field(default_factory=list)
    quotes: list[str] = field(default_factory=list)  # folded quotes already in the text


@dataclass
class Interaction:
    id: str
    type: str
    source: Actor
    target: Actor
    date: str
    order: str  # the earliest day the date covers, for chronological order
    summary: str
    evidence: list[tuple[str, str]] = field(default_factory=list)
    about: str | None = None
    campaign: str | None = None


def folded(text: str) -> str:
    """The matching view the checker compares in, for the characters this generator writes."""
    return " ".join(text.translate(CURLY).split())


class Generator:
    """Builds one synthetic project from a seed; call ``write`` to put it on disk."""

    def __init__(self, interactions: int, articles: int, actors: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.n_interactions, self.n_articles, self.n_actors = interactions, articles, actors
        self.used_names: set[str] = set()
        self.mentioned: set[str] = set()  # the aliases an article already uses
        self.actors = self.make_actors()
        self.articles = self.make_articles()
        self.campaigns = [f"campaign-{i:03d}" for i in range(max(1, interactions // 200))]
        self.interactions = self.make_interactions()

    # actors ---------------------------------------------------------------------------
    def make_actors(self) -> list[Actor]:
        kinds = self.rng.choices(
            ["person", "organization", "group", "state"], [70, 20, 8, 2], k=self.n_actors
        )
        actors = [self.make_actor(kind, i) for i, kind in enumerate(kinds)]
        organisations = [a for a in actors if a.kind == "organization"]
        for actor in actors:
            same_side = [o for o in organisations if o.side == actor.side]
            if actor.kind == "person" and same_side and self.rng.random() < 0.6:
                actor.member_of = [self.rng.choice(same_side).id]
        return actors

    def make_actor(self, kind: str, index: int) -> Actor:
        name = self.unique_name(kind, index)
        side = self.rng.choice(SIDES)[0]
        actor = Actor(slugify(name), name, kind, side)
        alias = self.alias_for(name, kind)
        if alias and alias not in self.used_names:
            self.used_names.add(alias)
            actor.aliases.append(alias)
        return actor

    def unique_name(self, kind: str, index: int) -> str:
        for _ in range(50):
            name = self.candidate_name(kind)
            if name not in self.used_names:
                self.used_names.add(name)
                return name
        name = f"{self.candidate_name(kind)} {index}"
        self.used_names.add(name)
        return name

    def candidate_name(self, kind: str) -> str:
        rng = self.rng
        if kind == "person":
            return f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        if kind == "state":
            return rng.choice(STATES)
        if kind == "group":
            return f"{rng.choice(LAST)} {rng.choice(['Brigades', 'Battalion', 'Network', 'Cell'])}"
        return f"{rng.choice(ORG_A)} {rng.choice(ORG_B)} {rng.choice(ORG_C)}"

    def alias_for(self, name: str, kind: str) -> str | None:
        words = name.split()
        if kind == "person":
            return f"Minister {words[-1]}" if self.rng.random() < 0.3 else None
        if kind == "organization":
            return "".join(w[0] for w in words).upper() + str(self.rng.randint(1, 99))
        return None

    # articles -------------------------------------------------------------------------
    def make_articles(self) -> list[Article]:
        start = dt.date(2015, 1, 1)
        offsets = sorted(self.rng.randrange(3650) for _ in range(self.n_articles))
        days = [start + dt.timedelta(offset) for offset in offsets]
        width = max(4, len(str(self.n_articles)))
        return [
            Article(
                f"article-{i:0{width}d}",
                f"seeds/{i:0{width}d}.txt",
                day,
                outlet=self.rng.choice(OUTLETS),
            )
            for i, day in enumerate(days)
        ]

    # interactions ---------------------------------------------------------------------
    def make_interactions(self) -> list[Interaction]:
        order = self.actors[:]
        self.rng.shuffle(order)
        hubs = order[: max(2, len(order) // 50)]
        items = [self.make_interaction(k, order, hubs) for k in range(self.n_interactions)]
        items.sort(key=lambda item: (item.order, item.id))
        self.link_reactions(items)
        return items

    def make_interaction(self, k: int, order: list[Actor], hubs: list[Actor]) -> Interaction:
        rng = self.rng
        source = order[k % len(order)] if k < len(order) else self.pick_actor(order, hubs)
        target = source
        while target is source:
            target = self.pick_actor(order, hubs)
        kind = rng.choice(list(interaction_types()))
        n_articles = len(self.articles)
        first = k if k < n_articles else rng.randrange(n_articles)
        date, day_order = self.date_before(self.articles[first].published)
        summary = f"{source.name} {SUMMARY_VERBS[kind]} {target.name}."
        item = Interaction(
            f"{kind.replace('_', '-')}-{k:05d}", kind, source, target, date, day_order, summary
        )
        for index in self.evidence_articles(first):
            item.evidence.append((self.articles[index].id, self.cite(self.articles[index], item)))
        if kind in ("pressure", "appeal", "threat") and rng.random() < 0.5:
            item.campaign = rng.choice(self.campaigns)
        return item

    def pick_actor(self, order: list[Actor], hubs: list[Actor]) -> Actor:
        return self.rng.choice(hubs if self.rng.random() < 0.3 else order)

    def date_before(self, published: dt.date) -> tuple[str, str]:
        """A date on or before an article's, mostly full, sometimes only a month or year."""
        day = published - dt.timedelta(self.rng.choice([0, 0, 0, 1, 1, 2, 3, 7]))
        roll = self.rng.random()
        if roll < 0.05 and day.month == published.month:
            return day.strftime("%Y-%m"), day.strftime("%Y-%m-00")
        if roll < 0.06 and day.year == published.year:
            return str(day.year), f"{day.year}-00-00"
        return day.isoformat(), day.isoformat()

    def evidence_articles(self, first: int) -> list[int]:
        """The first article and up to two more published on the same day or later."""
        count = self.rng.choices([1, 2, 3], [60, 30, 10])[0]
        later = range(first + 1, len(self.articles))
        extra = self.rng.sample(later, min(count - 1, len(later)))
        return [first, *sorted(extra)]

    def link_reactions(self, items: list[Interaction]) -> None:
        """Point some interactions at an earlier one they react to."""
        for position, item in enumerate(items[1:], start=1):
            if self.rng.random() < 0.25:
                item.about = items[self.rng.randrange(max(0, position - 50), position)].id

    # article text ---------------------------------------------------------------------
    def cite(self, article: Article, item: Interaction) -> str:
        """Add a sentence naming the parties to the article and return the quoted clause."""
        for _ in range(100):
            sentence, quote = self.evidence_sentence(item)
            key = folded(quote)
            if key in (folded(q) for _, q in item.evidence):
                continue  # one interaction cites each clause once
            if not any(key in folded(s) for s in article.sentences) and not any(
                q in folded(sentence) for q in article.quotes
            ):
                article.sentences.append(sentence)
                article.quotes.append(key)
                self.mentioned.update(alias for actor in (item.source, item.target)
                                      for alias in actor.aliases if alias in sentence)
                return quote.translate(CURLY) if self.rng.random() < 0.5 else quote
        raise RuntimeError(f"no unique sentence for {item.id} in {article.id}")

    def evidence_sentence(self, item: Interaction) -> tuple[str, str]:
        rng = self.rng
        clause = rng.choice(CLAUSES[item.type]).format(
            s=self.mention(item.source), t=self.mention(item.target), **self.slots()
        )
        frame = rng.choice(FRAMES)
        sentence = frame.format(c=clause, **self.slots())
        sentence = sentence[0].upper() + sentence[1:]
        if frame.startswith("{c} \u2014"):
            return sentence, sentence.rstrip(".")
        return sentence, clause

    def mention(self, actor: Actor) -> str:
        """The actor's name or an alias; an alias no article uses yet comes first (R213)."""
        unused = [alias for alias in actor.aliases if alias not in self.mentioned]
        return unused[0] if unused else self.rng.choice([actor.name, *actor.aliases])

    def slots(self) -> dict[str, str]:
        rng = self.rng
        return {
            "place": rng.choice(PLACES),
            "day": rng.choice(WEEKDAYS),
            "topic": rng.choice(TOPICS),
            "action": rng.choice(ACTIONS),
            "adj": rng.choice(ADJECTIVES),
        }

    def article_text(self, article: Article) -> str:
        """The seed: a date line with a headline, then paragraphs mixing evidence and filler."""
        sentences = article.sentences[:]
        for _ in range(len(sentences) // 2 + 3):
            filler = self.rng.choice(FILLER).format(**self.slots())
            sentences.insert(self.rng.randrange(len(sentences) + 1), filler)
        article.title = self.rng.choice(HEADLINES).format(**self.slots())
        paragraphs, i = [], 0
        while i < len(sentences):
            size = self.rng.randint(2, 4)
            paragraphs.append(" ".join(sentences[i : i + size]))
            i += size
        head = f" date {article.published.isoformat()} {article.title}"
        return "\n\n".join([head, *paragraphs]) + "\n"

    # output ---------------------------------------------------------------------------
    def write(self, out: Path) -> None:
        """Write OUT/seeds/*.txt and OUT/data/network.yaml, replacing earlier output."""
        for sub in ("seeds", "data"):
            shutil.rmtree(out / sub, ignore_errors=True)
            (out / sub).mkdir(parents=True)
        for article in self.articles:
            (out / article.file).write_text(self.article_text(article), encoding="utf-8")
        (out / "data" / "network.yaml").write_text(self.yaml(), encoding="utf-8")

    def yaml(self) -> str:
        lines = ["# Synthetic data generated by benchmarks/generate.py", "sides:"]
        for side, label, colour in SIDES:
            lines += [f"  - id: {side}", f"    label: {q(label)}", f"    colour: {q(colour)}"]
        lines.append("campaigns:")
        for campaign in self.campaigns:
            lines += [f"  - id: {campaign}", f"    label: {q('Campaign ' + campaign[-3:])}"]
        lines.append("articles:")
        lines += [line for a in self.articles for line in article_yaml(a)]
        lines.append("actors:")
        lines += [line for a in self.actors for line in actor_yaml(a)]
        lines.append("interactions:")
        lines += [line for i in self.interactions for line in interaction_yaml(i)]
        return "\n".join(lines) + "\n"


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def article_yaml(article: Article) -> list[str]:
    lines = [f"  - id: {article.id}", f"    file: {article.file}", f"    title: {q(article.title)}"]
    if article.outlet:
        lines.append(f"    outlet: {q(article.outlet)}")
    return lines + [f"    published: {article.published.isoformat()}"]


def actor_yaml(actor: Actor) -> list[str]:
    lines = [
        f"  - id: {actor.id}",
        f"    name: {q(actor.name)}",
        f"    kind: {actor.kind}",
        f"    side: {actor.side}",
    ]
    if actor.aliases:
        lines.append(f"    aliases: [{', '.join(q(a) for a in actor.aliases)}]")
    if actor.member_of:
        lines.append(f"    member_of: [{', '.join(actor.member_of)}]")
    return lines


def interaction_yaml(item: Interaction) -> list[str]:
    date = item.date if "-" in item.date else q(item.date)
    lines = [
        f"  - id: {item.id}",
        f"    type: {item.type}",
        f"    source: {item.source.id}",
        f"    target: {item.target.id}",
        f"    date: {date}",
        f"    summary: {q(item.summary)}",
    ]
    if item.about:
        lines.append(f"    about: {item.about}")
    if item.campaign:
        lines.append(f"    campaign: {item.campaign}")
    lines.append("    evidence:")
    for article, quote in item.evidence:
        lines += [f"      - article: {article}", f"        quote: {q(quote)}"]
    return lines


def generate(out: Path, interactions: int, articles: int, actors: int, seed: int = 1) -> Path:
    """Write a synthetic project under ``out`` and return its data file's path."""
    Generator(interactions, articles, actors, seed).write(out)
    return out / "data" / "network.yaml"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="project root to write (data/ and seeds/)")
    parser.add_argument("--interactions", type=int, default=1000)
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--actors", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if min(args.interactions, args.articles, args.actors) < 2:
        parser.error("--interactions, --articles and --actors must each be at least 2")
    path = generate(args.out, args.interactions, args.articles, args.actors, args.seed)
    print(f"wrote {path} and {args.articles} seeds under {args.out / 'seeds'}")


if __name__ == "__main__":
    main()

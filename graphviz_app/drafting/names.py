"""Who an article names: the known actors, near misses of their names, and new ones.

Known actors are found by name and alias (whole words, possessives included; an alias
in capitals such as "PA" only in capitals). A capitalised name that is not known but
spelled almost like a known one ("Rudainah" for "Rudaineh") is taken as that actor, and
the spelling is proposed as an alias. Any other named person, organisation or state
becomes a proposed new actor, with the title it is introduced by ("Hamas spokesman Hazem
Qassem") as its role.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..corpus import fold_text
from .lexicon import states

NEAR_MISS = 87  # rapidfuzz ratio from which a spelling is taken as a known name
TITLE_WORDS = {
    "president", "presidential", "minister", "ministers", "spokesman", "spokeswoman",
    "spokesperson", "secretary", "secretary-general", "director", "director-general", "chief",
    "head", "leader", "member", "official", "commander", "ambassador", "envoy", "general",
    "adviser", "advisor", "chairman", "chairwoman", "chair", "premier", "king", "queen",
    "prince", "emir", "sheikh", "governor", "mayor", "lawmaker", "mp", "senator", "negotiator",
    "coordinator", "officer", "deputy", "foreign", "defense", "defence", "prime", "interior",
    "affairs", "civil", "executive", "outgoing", "incoming", "former", "acting", "senior",
    "top", "of", "the", "for", "state", "vice", "speaker", "justice", "finance", "army",
    "military", "security", "intelligence", "war", "in", "gaza", "committee", "council",
    "political", "bureau", "chief-of-staff", "staff", "national", "public", "health",
    "dr", "mr", "mrs", "ms", "sir", "lt", "col", "gen", "maj", "capt", "sgt", "rabbi",
    "cardinal", "pope", "judge", "prosecutor", "attorney", "representative", "rep",
    "crown", "supreme", "commissioner", "high",
    "spokesmen", "leaders", "members", "officials",
}
TITLE_NOUNS = {
    "president", "minister", "spokesman", "spokeswoman", "spokesperson", "secretary",
    "secretary-general", "director", "director-general", "chief", "head", "leader",
    "member", "official", "commander", "ambassador", "envoy", "adviser", "advisor",
    "chairman", "chairwoman", "premier", "king", "queen", "prince", "emir", "governor",
    "mayor", "lawmaker", "senator", "negotiator", "coordinator", "officer", "speaker",
    "judge", "prosecutor", "general", "representative",
}
ORG_WORDS = {
    "ministry", "council", "agency", "authority", "party", "forces", "front", "movement",
    "network", "court", "committee", "organization", "organisation", "union", "brigades",
    "brigade", "service", "services", "army", "police", "government", "commission", "fund",
    "group", "office", "department", "league", "assembly", "parliament", "corporation",
    "institute", "foundation", "news", "radio", "station", "channel", "post", "times",
    "store", "company", "association", "federation", "alliance", "coalition", "bureau",
    "administration", "cabinet", "senate", "congress", "nations", "guard", "navy", "command",
    "jihad", "broadcaster", "bank", "centre", "center", "board", "society", "watch",
    "international", "tribunal", "media", "press", "security", "intelligence",
}
NOT_ACTORS = {  # capitalised words that name no party
    "the", "a", "an", "in", "on", "at", "but", "and", "or", "however", "meanwhile", "after",
    "before", "during", "while", "when", "if", "as", "this", "that", "these", "those",
    "he", "she", "it", "they", "we", "i", "his", "her", "their", "our", "its", "there",
    "though", "although", "since", "earlier", "later", "according", "even", "also", "so",
    "subscribe", "read", "click", "watch", "share", "related", "advertisement", "photo",
    "twitter", "facebook", "telegram", "instagram", "youtube", "tiktok", "whatsapp",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "mr", "mrs", "ms", "dr", "discussing", "for", "with",
    "from", "to", "by", "of", "not", "no", "yes", "all", "some", "many", "most", "one",
    "two", "three", "several", "other", "another", "each", "every", "what", "who",
    "tv", "am", "pm", "gmt", "utc", "ok", "ad", "bc", "ce", "faq", "pdf", "url", "ceo",
}
THING_WORDS = {  # a capitalised phrase ending in one of these is a thing, not a party
    "accords", "accord", "agreement", "agreements", "plan", "process", "conference",
    "summit", "conflict", "war", "operation", "day", "camp", "bank", "strip", "valley",
    "city", "street", "square", "mount", "river", "sea", "gulf", "heights", "province",
    "region", "district", "airport", "crossing", "corridor", "hospital", "initiative",
    "deal", "law", "act", "resolution", "treaty", "declaration", "intifada", "uprising",
    "award", "prize", "cup", "games", "olympics", "university", "school", "mosque",
    "church", "synagogue", "temple", "east", "west", "north", "south", "middle",
}
PLACE_BEFORE = re.compile(r"(?:\b(?:in|at|near|into|inside|outside|across|throughout|"
                          r"within|toward|towards|around|of the city of|city of)\s+)$",
                          re.IGNORECASE)
# a name followed by one of these is a place ("the Jenin refugee camp"), not a party
PLACE_AFTER = re.compile(r"^\s+(?:refugee\s+camp|camp|city|town|village|district|governorate|"
                         r"province|region|area|neighbou?rhood|crossing|checkpoint|border|"
                         r"square|street|airport|port|valley|hills?)\b", re.IGNORECASE)
CONNECTORS = r"(?:of|for|the|al|el|bin|ibn|abu|abou|de|da|van|von|le|la|del|du|&)"
CAP = r"(?:(?:al|el|bin|ibn|abu|de)-)?[A-Z](?:[\w']|\.(?=\w))*(?:-[A-Za-z][\w']*)*"
NAME_RUN = re.compile(rf"(?<![\w@#-]){CAP}(?:\s+(?:{CONNECTORS}\s+)*{CAP})*")
ACRONYM = re.compile(r"^[A-Z]{2,6}$")
POSSESSIVE = re.compile(r"'s?$")
COLLECTIVE = re.compile(
    r"(?<![\w-])(?:other\s+)?(?!(?:The|These|Those|Some|Many|All|Other|Several|Two|Three|Its|"
    r"Their|Our|His|Her|Both|Most|Such|Senior|Top|Local|Foreign|Former)\b)(?P<adj>[A-Z][a-z]+)\s+(?P<noun>(?:security\s+)?(?:groups|factions|"
    r"militants|militias|officials|leaders|forces|parties|lawmakers|protesters|activists|"
    r"authorities|diplomats|negotiators|ministers|rebels|fighters|troops|soldiers|police|"
    r"services|apparatus|organizations|organisations|agencies))\b")
DEMONYM_LIKE = re.compile(r"^[A-Z][a-z]{3,}(?:ian|ean|ese|ish|i)$")
ANONYMOUS = re.compile(
    r"\b(?:a|an|one)\s+(?P<phrase>(?:(?:unnamed|anonymous|senior|top|high-ranking|"
    r"high-level|veteran|former|[A-Z][a-z]+(?:an|ian|i|ese|ish))\s+){1,3}"
    r"(?:official|spokesman|spokeswoman|spokesperson|diplomat|source|commander|officer|"
    r"negotiator|adviser|advisor|minister))\b")
HEADS_OF = re.compile(
    r"\b(?:the\s+)?(?P<title>head|heads|chief|chiefs|director|directors)"
    r"\s+of\s+(?:the\s+)?(?P<adjs>[A-Z][a-z]+(?:(?:\s*,\s*|\s+and\s+|,\s+and\s+)[A-Z][a-z]+)*)"
    r"\s+(?P<noun>intelligence|security|military|armed|police|army|navy|air|foreign|defen[cs]e|"
    r"interior)(?:\s+(?:agency|agencies|services?|forces|ministry|ministries|force))?\b")
ADJECTIVE = re.compile(r"[A-Z][a-z]+")


def heads_of(plain: str) -> list[tuple[int, int, str]]:
    """People named by office: "the heads of the Egyptian and Jordanian intelligence
    agencies" -> ("Egyptian" span, "Head of Egyptian intelligence"), and the Jordanian."""
    found = []
    for m in HEADS_OF.finditer(plain):
        title = m.group("title").rstrip("s").capitalize()
        for adj in ADJECTIVE.finditer(m.group("adjs")):
            start = m.start("adjs") + adj.start()
            found.append((start, start + len(adj.group(0)),
                          f"{title} of {adj.group(0)} {m.group('noun').casefold()}"))
    return found


SPEECH_VERBS = ("said|says|say|added|adds|stressed|stresses|told|tells|noted|notes|insisted|"
                "warned|declared|announced|confirmed|wrote|writes|tweeted|stated|explained|"
                "argued|asserted|emphasized|emphasised|reiterated|vowed|conveyed|continued|"
                "concluded|remarked|explained|recalled|replied|responded")


@dataclass(frozen=True)
class Actor:
    """A party an article can name: a known actor, or a new one proposed for it."""

    id: str
    name: str
    kind: str
    new: bool = False
    role: str | None = None
    member_of: tuple[str, ...] = ()
    side: str | None = None
    aliases: tuple[str, ...] = ()  # for a new actor: the other names the article uses
    side_guessed: bool = False  # a new actor's side read from its name or title (sides.py)


@dataclass
class Mention:
    """A span of a sentence's folded view that names an actor."""

    start: int
    end: int
    actor: str  # actor id
    text: str
    weak: bool = False  # a demonym ("Israeli threats"): a party only where nothing better is
    pronoun: bool = False
    possessive: bool = False


@dataclass
class Surface:
    text: str
    actor: str
    weak: bool = False


@dataclass
class NameIndex:
    """Every surface form of every actor an article may name, compiled to patterns."""

    actors: dict[str, Actor]
    surfaces: list[Surface] = field(default_factory=list)
    alias_proposals: dict[str, set[str]] = field(default_factory=dict)  # actor -> spellings
    data_names: dict[str, list[str]] = field(default_factory=dict)  # as the data file has them
    _patterns: tuple | None = None

    def add(self, text: str, actor: str, weak: bool = False) -> None:
        text = fold_text(text).strip()
        if len(text) >= 2 and not any(s.text == text and s.actor == actor for s in self.surfaces):
            self.surfaces.append(Surface(text, actor, weak))
            self._patterns = None

    def names_of(self, actor: str) -> list[str]:
        """The names a record of ``actor`` gives validate: the data's, or for a new actor
        its name and the aliases a draft proposes."""
        if actor in self.data_names:
            return self.data_names[actor]
        return [self.actors[actor].name, *self.new_aliases(actor)]

    def new_aliases(self, actor: str) -> list[str]:
        """Other names of a new actor the article uses (its surname, its acronym)."""
        name = fold_text(self.actors[actor].name).casefold()
        return [s.text for s in self.surfaces
                if s.actor == actor and not s.weak and s.text.casefold() != name]

    def _table(self) -> tuple[dict[str, Surface], dict[str, Surface], int]:
        """Surfaces by their folded text: acronyms as written, other names casefolded."""
        if self._patterns is None:
            exact: dict[str, Surface] = {}
            loose: dict[str, Surface] = {}
            for surface in sorted(self.surfaces, key=lambda s: s.weak, reverse=True):
                key = _key(surface.text)
                if _is_acronym_like(surface.text):
                    exact[key] = surface
                else:
                    loose[key.casefold()] = surface
            longest = max((len(TOKEN.findall(s.text)) for s in self.surfaces), default=1)
            self._patterns = (exact, loose, longest)
        return self._patterns

    def find(self, plain: str) -> list[Mention]:
        """Known names in a folded sentence, longest first, never overlapping."""
        exact, loose, longest = self._table()
        tokens = [(m.start(), m.end()) for m in TOKEN.finditer(plain)]
        found: list[Mention] = []
        i = 0
        while i < len(tokens):
            hit = None
            for j in range(min(len(tokens), i + longest) - 1, i - 1, -1):
                text = plain[tokens[i][0]:tokens[j][1]]
                key = _key(text)
                surface = exact.get(key) or loose.get(key.casefold())
                if surface is not None:
                    hit = (j, surface, text)
                    break
            if hit is None:
                i += 1
                continue
            j, surface, text = hit
            end = tokens[j][1]
            tail = POSSESSIVE_AFTER.match(plain, end)
            possessive = bool(tail)
            if tail:
                end = tail.end()
                while j + 1 < len(tokens) and tokens[j + 1][0] < end:
                    j += 1
            found.append(Mention(tokens[i][0], end, surface.actor, plain[tokens[i][0]:end],
                                 surface.weak, possessive=possessive))
            i = j + 1
        return found


TOKEN = re.compile(r"[\w@]+")
POSSESSIVE_AFTER = re.compile(r"'s?(?!\w)")


def _key(text: str) -> str:
    """A name as looked up: single spaces, no final full stop ("U.S." = "U.S")."""
    return " ".join(text.split()).rstrip(".")


def _is_acronym_like(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(text) <= 8


def index_for(dataset_actors) -> NameIndex:
    """The names of the data's actors, and the demonyms of its states ("Israeli")."""
    actors = {a.id: Actor(a.id, a.name, a.kind, role=a.role, member_of=tuple(a.member_of),
                          side=a.side) for a in dataset_actors}
    index = NameIndex(actors)
    country = {fold_text(name).casefold(): forms for name, forms in states().items()}
    for a in dataset_actors:
        index.data_names[a.id] = [a.name, *a.aliases]
        for name in (a.name, *a.aliases):
            index.add(name, a.id)
        if a.kind == "state":
            for name in (a.name, *a.aliases):
                for demonym in country.get(fold_text(name).casefold(), ()):
                    index.add(demonym, a.id, weak=True)
    return index


def strip_title(tokens: list[str]) -> tuple[list[str], list[str]]:
    """Split "Defense Minister Benny Gantz" into (["Defense", "Minister"], ["Benny", "Gantz"])."""
    cut = 0
    for i, token in enumerate(tokens):
        title_next = i + 1 < len(tokens) and tokens[i + 1].casefold() in TITLE_WORDS
        if token.casefold().rstrip(".") in TITLE_WORDS or is_demonym(token) or (
                title_next and (ACRONYM.match(token) or POSSESSIVE.search(token))):
            cut = i + 1  # "UN Secretary-General", "Jordan's King": the title, not the name
        else:
            break
    return tokens[:cut], tokens[cut:]


def is_demonym(token: str) -> bool:
    if token in states():
        return False
    return bool(DEMONYM_LIKE.match(token)) or any(token == d for forms in states().values()
                                                   for d in forms)


def state_named(name: str) -> str | None:
    """The country an abbreviation names: "US" -> "United States", "UK", "UAE"."""
    for country, forms in states().items():
        if name in forms and _is_acronym_like(name):
            return country
    return None


def classify(tokens: list[str]) -> str | None:
    """person, organization or state for a capitalised name; None if it names no party."""
    words = [t.casefold() for t in tokens]
    name = " ".join(tokens)
    if not words or words[0] in NOT_ACTORS and len(words) == 1:
        return None
    if words[-1] in THING_WORDS or any(c.isdigit() for c in name):
        return None
    if name in states() or state_named(name):
        return "state"
    if any(w in ORG_WORDS for w in words) or (len(tokens) == 1 and ACRONYM.match(tokens[0])):
        return "organization"
    if len(tokens) == 1:
        return None  # a lone capitalised word: too often a place or a common word
    if 2 <= len(tokens) <= 4 and not any(w in NOT_ACTORS or w in ("of", "for", "&")
                                         for w in words):
        return "person"
    return None


def near_miss(candidate: str, index: NameIndex) -> str | None:
    """The known actor whose name or alias is spelled almost like ``candidate``."""
    from rapidfuzz import fuzz

    folded = candidate.casefold()
    best, best_score = None, 0.0
    for surface in index.surfaces:
        if surface.weak or index.actors[surface.actor].new:
            continue
        known = surface.text.casefold()
        if len(known) < 5 or len(folded) < 5 or known[0] != folded[0]:
            continue
        if known.startswith(folded) or folded.startswith(known):
            continue  # Palestinian / Palestinians, Israel / Israeli: other words, not typos
        if len(known.split()) != len(folded.split()):
            continue
        score = fuzz.ratio(folded, known)
        if score >= NEAR_MISS and score > best_score:
            best, best_score = surface.actor, score
    return best

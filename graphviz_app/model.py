"""The records of a dataset, as pydantic models.

The models check shape and types (unknown keys, wrong types, malformed ids and dates,
values outside a vocabulary). Rules that need the whole dataset or the article texts
(references, quotes, chronology) live in ``checks``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from functools import lru_cache
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

from .vocabulary import actor_kinds, interaction_types

SLUG_PATTERN = r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$"
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
FULL_DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
COLOUR_PATTERN = r"^#[0-9a-fA-F]{6}$"
WIKIDATA_PATTERN = r"^Q[1-9][0-9]*$"

# Validators raise errors with their own type names (bad_id, bad_date, blank, ...) so that
# the loader maps each onto a rule code without guessing from field names.


def _fail(kind: str, message: str, **context) -> PydanticCustomError:
    return PydanticCustomError(kind, message, context)


def slugify(text: str, max_words: int | None = None) -> str:
    """Lowercase ASCII words joined by hyphens: "Israel’s PM" -> "israels-pm" (may be empty)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", re.sub(r"['\u2019]", "", ascii_text.lower()))
    return "-".join(words[:max_words])


@lru_cache(maxsize=1 << 14)  # the chronology rules ask for every interaction's, each validation
def date_span(date: str) -> tuple[str, str]:
    """The first and last day a partial date covers: 2023-01 -> 2023-01-01 .. 2023-01-31."""
    parts = [int(p) for p in date.split("-")]
    if len(parts) == 3:
        return date, date
    if len(parts) == 2:
        year, month = parts
        return f"{date}-01", f"{date}-{calendar.monthrange(year, month)[1]:02d}"
    return f"{date}-01-01", f"{date}-12-31"


def check_slug(value: str) -> str:
    """Accept lowercase letters and digits joined by single hyphens or underscores."""
    if not re.fullmatch(SLUG_PATTERN, value):
        raise _fail("bad_id", "malformed id {value!r}", value=value)
    return value


def check_text(value: str) -> str:
    """Accept any text that is not blank."""
    if not value.strip():
        raise _fail("blank", "blank text")
    return value


def check_date(value: str) -> str:
    """Accept YYYY, YYYY-MM or YYYY-MM-DD naming a real calendar date."""
    if not re.fullmatch(DATE_PATTERN, value):
        raise _fail("bad_date", "expected a date as YYYY-MM-DD, YYYY-MM or YYYY")
    parts = [int(p) for p in value.split("-")]
    year, month, day = parts + [1] * (3 - len(parts))
    try:
        dt.date(year, month, day)
    except ValueError as err:
        raise _fail("bad_date", "{value} is not a real date ({why})", value=value,
                    why=str(err)) from None
    return value


def check_full_date(value: str) -> str:
    """Accept only a full YYYY-MM-DD date that exists."""
    if not re.fullmatch(FULL_DATE_PATTERN, value):
        raise _fail("bad_date", "expected a full date as YYYY-MM-DD")
    return check_date(value)


def _check_type(value: str) -> str:
    if value not in interaction_types():
        raise _fail("unknown_type", "unknown interaction type {value!r}", value=value)
    return value


def _check_kind(value: str) -> str:
    if value not in actor_kinds():
        raise _fail("unknown_kind", "unknown actor kind {value!r}", value=value)
    return value


def _check_colour(value: str) -> str:
    if not re.fullmatch(COLOUR_PATTERN, value):
        raise _fail("bad_colour", "expected a colour as #rrggbb")
    return value


def _check_wikidata(value: str) -> str:
    if not re.fullmatch(WIKIDATA_PATTERN, value):
        raise _fail("bad_wikidata", "expected a Wikidata id as Q followed by digits")
    return value


def _string(**constraints) -> WithJsonSchema:
    """The JSON Schema of a checked string: the checks above, as far as JSON Schema says them."""
    return WithJsonSchema({"type": "string", **constraints})


Slug = Annotated[str, AfterValidator(check_slug), _string(pattern=SLUG_PATTERN)]
Text = Annotated[str, AfterValidator(check_text), _string(minLength=1, pattern=r"\S")]
PartialDate = Annotated[str, AfterValidator(check_date), _string(pattern=DATE_PATTERN)]
FullDate = Annotated[str, AfterValidator(check_full_date), _string(pattern=FULL_DATE_PATTERN)]
TypeId = Annotated[str, AfterValidator(_check_type)]
KindId = Annotated[str, AfterValidator(_check_kind)]
Colour = Annotated[str, AfterValidator(_check_colour), _string(pattern=COLOUR_PATTERN)]
WikidataId = Annotated[str, AfterValidator(_check_wikidata), _string(pattern=WIKIDATA_PATTERN)]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class Side(Record):
    """A camp that actors belong to; the page colours and filters by it."""

    id: Slug
    label: Text
    colour: Colour | None = None
    description: str | None = None


class Campaign(Record):
    """Interactions that together form one pressure campaign."""

    id: Slug
    label: Text
    description: str | None = None


class Article(Record):
    """A seed article: metadata as curated, text read from ``file``."""

    id: Slug
    file: Text
    title: Text
    outlet: str | None = None
    url: str | None = None
    published: FullDate
    published_note: str | None = None


class Actor(Record):
    """A party that acts or is acted upon."""

    id: Slug
    name: Text
    kind: KindId
    side: Slug
    role: str | None = None
    aliases: list[Text] = Field(default_factory=list)
    member_of: list[Slug] = Field(default_factory=list)
    wikidata: WikidataId | None = None  # the item's id, e.g. Q42; only one somebody checked
    # set on drafts; validate fails (R214) until it is removed; never exported or drawn
    review: str | None = Field(default=None, exclude=True)


class Evidence(Record):
    """A verbatim quote from one article."""

    article: Slug
    quote: Text
    # set on drafts; validate fails (R214) until it is removed; never exported or drawn
    review: str | None = Field(default=None, exclude=True)


class Interaction(Record):
    """One event between two parties, with the quotes that attest it."""

    id: Slug
    type: TypeId
    source: Slug
    target: Slug
    date: PartialDate
    summary: Text
    about: Slug | None = None
    campaign: Slug | None = None
    evidence: Annotated[list[Evidence], Field(min_length=1)]
    # set on drafts; validate fails (R214) until it is removed; never exported or drawn
    review: str | None = Field(default=None, exclude=True)


class Dataset(Record):
    """A whole data file. Sections are optional so that a partial file still checks."""

    title: Text | None = None  # the project's name: the page's headline
    description: Text | None = None  # one or two sentences: the page's description
    sides: list[Side] = Field(default_factory=list)
    campaigns: list[Campaign] = Field(default_factory=list)
    articles: list[Article] = Field(default_factory=list)
    actors: list[Actor] = Field(default_factory=list)
    interactions: list[Interaction] = Field(default_factory=list)


SECTIONS: dict[str, type[Record]] = {
    "sides": Side,
    "campaigns": Campaign,
    "articles": Article,
    "actors": Actor,
    "interactions": Interaction,
}

# top-level values that are not lists of records
PROJECT_FIELDS = ("title", "description")

SCHEMA_ID = "https://graphviz-app.invalid/network.schema.json"


def json_schema() -> dict:
    """The JSON Schema of the data file, generated from the models."""
    schema = Dataset.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = SCHEMA_ID
    schema["title"] = "graphviz-app network data"
    defs = schema.get("$defs", {})
    defs["Interaction"]["properties"]["type"]["enum"] = list(interaction_types())
    defs["Actor"]["properties"]["kind"]["enum"] = list(actor_kinds())
    return schema


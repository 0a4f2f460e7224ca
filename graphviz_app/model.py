"""The records of a dataset, as pydantic models.

The models check shape and types (unknown keys, wrong types, malformed ids and dates,
values outside a vocabulary). Rules that need the whole dataset or the article texts
(references, quotes, chronology) live in ``checks``.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from .vocabulary import actor_kinds, interaction_types

SLUG_PATTERN = r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$"
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
COLOUR_PATTERN = r"^#[0-9a-fA-F]{6}$"

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=False)]


def check_date(value: str) -> str:
    """Accept YYYY, YYYY-MM or YYYY-MM-DD naming a real calendar date."""
    if not re.fullmatch(DATE_PATTERN, value):
        raise ValueError("expected a date as YYYY-MM-DD, YYYY-MM or YYYY")
    parts = [int(p) for p in value.split("-")]
    year, month, day = parts + [1] * (3 - len(parts))
    try:
        dt.date(year, month, day)
    except ValueError as err:
        raise ValueError(f"{value} is not a real date ({err})") from None
    return value


def _check_type(value: str) -> str:
    if value not in interaction_types():
        raise ValueError(f"unknown interaction type {value!r}")
    return value


def _check_kind(value: str) -> str:
    if value not in actor_kinds():
        raise ValueError(f"unknown actor kind {value!r}")
    return value


PartialDate = Annotated[str, AfterValidator(check_date)]
FullDate = Annotated[
    str, StringConstraints(pattern=r"^\d{4}-\d{2}-\d{2}$"), AfterValidator(check_date)
]
TypeId = Annotated[str, AfterValidator(_check_type)]
KindId = Annotated[str, AfterValidator(_check_kind)]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class Side(Record):
    """A camp that actors belong to; the page colours and filters by it."""

    id: Slug
    label: Text
    colour: Annotated[str, StringConstraints(pattern=COLOUR_PATTERN)] | None = None
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


class Evidence(Record):
    """A verbatim quote from one article."""

    article: Slug
    quote: Text


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


class Dataset(Record):
    """A whole data file. Sections are optional so that a partial file still checks."""

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


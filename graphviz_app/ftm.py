"""Checked data -> FollowTheMoney entities, one JSON object a line.

The entities are built and cleaned by the ``followthemoney`` package itself, so the file is
what its tools (``ftm``, Aleph, yente) read. Which schema each record becomes:

- an actor: ``Person``, ``Organization`` (organizations and armed or political groups) or
  ``PublicBody`` (states: FtM has no country entity that can take part in events);
- a ``member_of`` link: ``Membership`` (an ``UnknownLink`` when the parent is a person,
  which FtM does not let be an organization);
- an article: ``Article``;
- a symmetric interaction (meeting, call, cooperation): ``Event``, with both parties
  ``involved`` and the source as ``organizer``;
- a directed interaction (condemnation, pressure, ...): ``UnknownLink`` from source
  (``subject``) to target (``object``), its type as ``role``, since an Event cannot say
  who acted on whom.

Ids are our slugs with a prefix (``gva-actor-abbas``), so they stay the same from build to
build; FtM ids allow no underscore, so ``_`` becomes ``.``, which slugs never contain.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from .graph import evidence_records
from .vocabulary import interaction_types

if TYPE_CHECKING:
    from followthemoney.proxy import EntityProxy

    from .checks import Checked

ID_PREFIX = "gva"
ACTOR_SCHEMATA = {
    "person": "Person",
    "organization": "Organization",
    "group": "Organization",
    "state": "PublicBody",
}
FALLBACK_ACTOR_SCHEMA = "LegalEntity"  # for a kind a future vocabulary adds


def entity_id(kind: str, *slugs: str) -> str:
    """A stable FtM id: ``gva-<kind>-<slug>``; several slugs are joined by ``--``.

    Slugs never contain ``--`` or ``.``, so the id names exactly one record.
    """
    return f"{ID_PREFIX}-{kind}-" + "--".join(slug.replace("_", ".") for slug in slugs)


def actor_schema(kind: str) -> str:
    """The FtM schema an actor of this kind becomes."""
    return ACTOR_SCHEMATA.get(kind, FALLBACK_ACTOR_SCHEMA)


def _entity(schema: str, entity: str, **properties) -> EntityProxy:
    """An entity with the given properties; None and empty values are left out."""
    from followthemoney import model

    proxy = model.make_entity(schema)
    proxy.id = entity
    for prop, value in properties.items():
        if value is not None and value != [] and value != "":
            proxy.add(prop, value)
    return proxy


def actor_entities(checked: Checked) -> list[EntityProxy]:
    """Each actor as a legal entity, with its names, role, side and Wikidata id."""
    sides = {s.id: s.label for s in checked.dataset.sides}
    entities = []
    for actor in checked.dataset.actors:
        schema = actor_schema(actor.kind)
        entities.append(_entity(
            schema, entity_id("actor", actor.id),
            name=actor.name, alias=actor.aliases, description=actor.role,
            position=actor.role if schema == "Person" else None,
            keywords=sides.get(actor.side, actor.side), wikidataId=actor.wikidata,
        ))
    return entities


def membership_entities(checked: Checked) -> list[EntityProxy]:
    """Each ``member_of`` link as a Membership (or an UnknownLink when the parent is a person)."""
    from followthemoney import model

    kinds = {a.id: a.kind for a in checked.dataset.actors}
    organization = model.get("Organization")
    entities = []
    for actor in checked.dataset.actors:
        for parent in actor.member_of:
            member, group = entity_id("actor", actor.id), entity_id("actor", parent)
            if model.get(actor_schema(kinds[parent])).is_a(organization):
                entities.append(_entity("Membership", entity_id("membership", actor.id, parent),
                                        member=member, organization=group))
            else:
                entities.append(_entity("UnknownLink", entity_id("membership", actor.id, parent),
                                        subject=member, object=group, role="member of"))
    return entities


def article_entities(checked: Checked) -> list[EntityProxy]:
    """Each article with its title, outlet, date, address and full text."""
    entities = []
    for article in checked.dataset.articles:
        text = checked.texts.get(article.id)
        entities.append(_entity(
            "Article", entity_id("article", article.id),
            title=article.title, publisher=article.outlet, publishedAt=article.published,
            sourceUrl=article.url, fileName=article.file, notes=article.published_note,
            bodyText=text.text if text else None,
        ))
    return entities


def _citation(article) -> str:
    """Where a quote comes from, as a reader wants it: title, outlet, date."""
    return ", ".join(x for x in (article.title, article.outlet, article.published) if x)


def interaction_description(checked: Checked, item) -> str:
    """The interaction's quotes with their articles, then what it reacts to and its campaign."""
    articles = {a.id: a for a in checked.dataset.articles}
    interactions = {i.id: i for i in checked.dataset.interactions}
    campaigns = {c.id: c.label for c in checked.dataset.campaigns}
    lines = [f"\u201c{r['quote']}\u201d ({_citation(articles[r['article']])})"
             for r in evidence_records(checked, item)]
    if item.about in interactions:
        lines.append(f"Reacts to: {interactions[item.about].summary} "
                     f"({entity_id('interaction', item.about)})")
    if item.campaign:
        lines.append(f"Campaign: {campaigns.get(item.campaign, item.campaign)}")
    return "\n".join(lines)


def interaction_entities(checked: Checked) -> list[EntityProxy]:
    """Symmetric interactions as Events, directed ones as UnknownLinks (see the module notes)."""
    actors = {a.id: a for a in checked.dataset.actors}
    types = interaction_types()
    entities = []
    for item in checked.dataset.interactions:
        kind = types[item.type]
        source, target = entity_id("actor", item.source), entity_id("actor", item.target)
        common = {
            "date": item.date,
            "summary": item.summary,
            "description": interaction_description(checked, item),
            "proof": sorted({entity_id("article", ev.article) for ev in item.evidence}),
        }
        if kind.symmetric:
            name = f"{kind.label}: {actors[item.source].name} and {actors[item.target].name}"
            entities.append(_entity("Event", entity_id("interaction", item.id), name=name,
                                    organizer=source, involved=[source, target],
                                    keywords=item.type, **common))
        else:
            entities.append(_entity("UnknownLink", entity_id("interaction", item.id),
                                    subject=source, object=target, role=kind.label, **common))
    return entities


def ftm_entities(checked: Checked) -> list[EntityProxy]:
    """Every entity of the export, sorted by id."""
    entities = (actor_entities(checked) + membership_entities(checked)
                + article_entities(checked) + interaction_entities(checked))
    return sorted(entities, key=lambda proxy: proxy.id)


def to_ftm(checked: Checked) -> str:
    """FollowTheMoney entities as line-delimited JSON, the same bytes for the same data."""
    return "".join(json.dumps(proxy.to_dict(), ensure_ascii=False, sort_keys=True) + "\n"
                   for proxy in ftm_entities(checked))

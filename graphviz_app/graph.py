"""Dataset -> networkx.MultiDiGraph: actors are nodes, each interaction its own edge."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .vocabulary import interaction_types

if TYPE_CHECKING:
    import networkx as nx

    from .checks import Checked


def evidence_records(checked: Checked, interaction) -> list[dict]:
    """The interaction's quotes with the offsets where they were found (None if not found)."""
    records = []
    for i, ev in enumerate(interaction.evidence):
        match = checked.spans.get((interaction.id, i))
        records.append({
            "article": ev.article,
            "quote": ev.quote,
            "start": match.start if match else None,
            "end": match.end if match else None,
        })
    return records


def build_graph(checked: Checked) -> nx.MultiDiGraph:
    """A pure function of the checked data; node and edge order follow the data file."""
    import networkx as nx

    data = checked.dataset
    types = interaction_types()
    graph = nx.MultiDiGraph(
        articles={a.id: a.model_dump() for a in data.articles},
        sides={s.id: s.model_dump() for s in data.sides},
        campaigns={c.id: c.model_dump() for c in data.campaigns},
    )
    for actor in data.actors:
        graph.add_node(actor.id, **actor.model_dump(exclude={"id"}))
    for item in data.interactions:
        evidence = evidence_records(checked, item)
        graph.add_edge(
            item.source,
            item.target,
            key=item.id,
            id=item.id,
            interaction_type=item.type,
            symmetric=types[item.type].symmetric,
            date=item.date,
            summary=item.summary,
            about=item.about,
            campaign=item.campaign,
            evidence=evidence,
            articles=sorted({ev["article"] for ev in evidence}),
        )
    return graph

"""Closed vocabularies: interaction types and actor kinds, shipped as data.

Each interaction type carries a label, a colour, whether it is symmetric (no arrow, no
direction), and its codes in the CAMEO and PLOVER event-data standards so that exports
can speak them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class InteractionType:
    id: str
    label: str
    description: str
    symmetric: bool
    colour: str
    cameo: str
    cameo_detail: str
    plover: str


@dataclass(frozen=True)
class ActorKind:
    id: str
    label: str
    shape: str


@cache
def _raw() -> dict:
    text = resources.files(__package__).joinpath("vocabulary.json").read_text("utf-8")
    return json.loads(text)


@cache
def interaction_types() -> dict[str, InteractionType]:
    """All interaction types by id, in their canonical order."""
    return {t["id"]: InteractionType(**t) for t in _raw()["interaction_types"]}


@cache
def actor_kinds() -> dict[str, ActorKind]:
    """All actor kinds by id, in their canonical order."""
    return {k["id"]: ActorKind(**k) for k in _raw()["actor_kinds"]}

"""Shared fixtures: a throwaway project (data file + seeds) built from strings."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def optional_module(name: str, install: str):
    """Import a module that only some tests need: skip them without it, fail under CI=true."""
    import importlib
    import os

    try:
        return importlib.import_module(name)
    except ImportError:
        reason = f"{name} is not installed ({install})"
        if os.environ.get("CI") == "true":
            pytest.fail(f"cannot run under CI: {reason}", pytrace=False)
        pytest.skip(reason, allow_module_level=True)

SEED = (
    " date 2022-12-28 Gantz tells Abbas to keep the channel open\n\n"
    "Israel\u2019s defense minister Benny Gantz on Wednesday told Mahmoud Abbas that it is of "
    "utmost importance to \u201ccontinue maintaining an open channel of security "
    "coordination.\u201d\n\n"
    "Hamas condemned the call between Gantz and Abbas as a betrayal of the Palestinian people.\n"
)

MINI = """\
articles:
  - id: a1
    file: seeds/a1.txt
    title: Gantz tells Abbas to keep the channel open
    published: 2022-12-28
actors:
  - id: gantz
    name: Benny Gantz
    kind: person
    side: israel
    aliases: [Gantz]
  - id: abbas
    name: Mahmoud Abbas
    kind: person
    side: palestinian-authority
    aliases: [Abbas]
  - id: hamas
    name: Hamas
    kind: organization
    side: hamas
interactions:
  - id: gantz-abbas-call
    type: call
    source: gantz
    target: abbas
    date: 2022-12-28
    summary: Gantz urges Abbas to keep security coordination going.
    evidence:
      - article: a1
        quote: "Benny Gantz on Wednesday told Mahmoud Abbas that it is of utmost importance"
  - id: hamas-condemns-call
    type: condemnation
    source: hamas
    target: abbas
    date: 2022-12-28
    summary: Hamas condemns the call.
    about: gantz-abbas-call
    evidence:
      - article: a1
        quote: "Hamas condemned the call between Gantz and Abbas as a betrayal"
"""


@pytest.fixture
def make_project(tmp_path):
    """Write a project (data/network.yaml and seeds/) and return the data file's path."""

    def make(data: str = MINI, seeds: dict[str, str] | None = None) -> Path:
        (tmp_path / "data").mkdir(exist_ok=True)
        (tmp_path / "seeds").mkdir(exist_ok=True)
        for name, text in (seeds if seeds is not None else {"a1.txt": SEED}).items():
            (tmp_path / "seeds" / name).write_text(text, encoding="utf-8")
        data_file = tmp_path / "data" / "network.yaml"
        data_file.write_text(textwrap.dedent(data), encoding="utf-8")
        return data_file

    return make

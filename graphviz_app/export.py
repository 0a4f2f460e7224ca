"""Dataset -> tables (pandas) and standard graph formats."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .files import write_atomic
from .graph import evidence_records

if TYPE_CHECKING:
    import pandas as pd

    from .checks import Checked

LIST_SEPARATOR = ";"


def _join(values) -> str:
    return LIST_SEPARATOR.join(values)


def tables(checked: Checked) -> dict[str, pd.DataFrame]:
    """The four tables of the data contract, keyed by file stem."""
    import pandas as pd

    data = checked.dataset
    articles = pd.DataFrame(
        [{"id": a.id, "file": a.file, "title": a.title, "published": a.published,
          "outlet": a.outlet, "url": a.url, "published_note": a.published_note}
         for a in data.articles],
        columns=["id", "file", "title", "published", "outlet", "url", "published_note"],
    )
    actors = pd.DataFrame(
        [{"id": a.id, "name": a.name, "kind": a.kind, "side": a.side, "role": a.role,
          "aliases": _join(a.aliases), "member_of": _join(a.member_of)} for a in data.actors],
        columns=["id", "name", "kind", "side", "role", "aliases", "member_of"],
    )
    interactions, evidence = [], []
    for item in data.interactions:
        records = evidence_records(checked, item)
        interactions.append({
            "id": item.id, "type": item.type, "source": item.source, "target": item.target,
            "date": item.date, "summary": item.summary, "about": item.about,
            "campaign": item.campaign,
            "articles": _join(sorted({r["article"] for r in records})),
            "evidence_count": len(records),
        })
        evidence += [{"interaction": item.id, **r} for r in records]
    return {
        "articles": articles,
        "actors": actors,
        "interactions": pd.DataFrame(interactions, columns=[
            "id", "type", "source", "target", "date", "summary", "about", "campaign",
            "articles", "evidence_count"]),
        "evidence": pd.DataFrame(evidence, columns=["interaction", "article", "quote", "start", "end"])
        .astype({"start": "Int64", "end": "Int64"}),
    }


def export_csv(checked: Checked, directory: Path) -> list[Path]:
    """Write the four tables as CSV files into ``directory``; returns the paths written."""
    frames = tables(checked)  # build everything before writing anything
    texts = {name: frame.to_csv(index=False, lineterminator="\n") for name, frame in frames.items()}
    written = []
    for name, text in texts.items():
        path = Path(directory) / f"{name}.csv"
        write_atomic(path, text)
        written.append(path)
    return written


EXPORTERS = {"csv": export_csv}

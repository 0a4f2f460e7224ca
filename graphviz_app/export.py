"""Dataset -> tables (pandas) and standard graph formats.

Every format is built completely in memory first and then written atomically, so a
failure never leaves half an export behind. Output is deterministic: the same data gives
the same bytes.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

from .files import write_atomic
from .ftm import to_ftm  # imports followthemoney only when called
from .graph import build_graph, evidence_records
from .model import date_span
from .picture import to_svg
from .text import xml_safe
from .vocabulary import interaction_types

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd

    from .checks import Checked

LIST_SEPARATOR = ";"
QUOTE_SEPARATOR = " | "
CONTEXT_CHARS = 32  # prefix and suffix length of a W3C TextQuoteSelector
ANNOTATION_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
URN = "urn:graphviz-app"


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
          "aliases": _join(a.aliases), "member_of": _join(a.member_of), "wikidata": a.wikidata}
         for a in data.actors],
        columns=["id", "name", "kind", "side", "role", "aliases", "member_of", "wikidata"],
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
        "evidence": pd.DataFrame(
            evidence, columns=["interaction", "article", "quote", "start", "end"]
        ).astype({"start": "Int64", "end": "Int64"}),
    }


# OWASP's advice against CSV injection: a cell starting with one of these is a formula to a
# spreadsheet, so it gets a leading ' (quotes already starting with ' get one more, so that
# removing one ' from every cell matching ^'+[=+\-@\t\r] restores the data exactly).
FORMULA_START = re.compile(r"'*[=+\-@\t\r]")
_ROW_END = re.compile(r'("(?:[^"]|"")*")|\r\n')  # a quoted field, or a row's end outside one


def spreadsheet_safe(value):
    """A text cell with a leading ' if a spreadsheet would run it as a formula."""
    if isinstance(value, str) and FORMULA_START.match(value):
        return "'" + value
    return value


def delimited(frame: pd.DataFrame, sep: str = ",") -> str:
    """A table as CSV (or TSV) that spreadsheets and pandas read back cell for cell.

    Text cells are guarded against formulas (``spreadsheet_safe``). Rows end with ``\\n``,
    and a cell holding a line break of any kind, a bare carriage return included, is quoted:
    Python's csv writer quotes only the characters of its line terminator, so the table is
    written with ``\\r\\n`` and the row ends outside quoted cells are then made ``\\n``.
    """
    from pandas.api.types import is_object_dtype, is_string_dtype

    guarded = frame.copy()
    for column in guarded.columns:
        if is_object_dtype(guarded[column]) or is_string_dtype(guarded[column]):
            guarded[column] = guarded[column].map(spreadsheet_safe)
    text = guarded.to_csv(index=False, sep=sep, lineterminator="\r\n")
    return _ROW_END.sub(lambda m: m.group(1) or "\n", text)


def export_csv(checked: Checked, directory: Path) -> list[Path]:
    """Write the four tables as CSV files into ``directory``; returns the paths written."""
    frames = tables(checked)  # build everything before writing anything
    texts = {name: delimited(frame) for name, frame in frames.items()}
    written = []
    for name, text in texts.items():
        path = Path(directory) / f"{name}.csv"
        write_atomic(path, text)
        written.append(path)
    return written


# -- graph formats -----------------------------------------------------------------------


def to_node_link_json(checked: Checked) -> str:
    """networkx node-link JSON with every attribute, the quotes and their offsets included."""
    import networkx as nx

    data = nx.node_link_data(build_graph(checked), edges="edges")
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _scalars(attrs: dict) -> dict:
    """Attributes that GraphML and GEXF readers accept: lists joined, None and empties dropped.

    Characters XML 1.0 forbids (such as U+0001, or U+FFFE) become U+FFFD: no XML writer
    escapes them, and one of them makes the whole file unreadable.
    """
    flat = {}
    for name, value in attrs.items():
        if isinstance(value, (list, tuple)):
            value = LIST_SEPARATOR.join(str(v) for v in value)
        if value is None or value == "":
            continue
        flat[name] = xml_safe(value) if isinstance(value, str) else value
    return flat


def flat_graph(checked: Checked) -> nx.MultiDiGraph:
    """The graph with scalar attributes only, plus a label on every node and edge."""
    import networkx as nx

    graph = build_graph(checked)
    sides = graph.graph["sides"]
    flat = nx.MultiDiGraph()
    for node, attrs in graph.nodes(data=True):
        side_label = sides.get(attrs["side"], {}).get("label")
        flat.add_node(node, **_scalars({"label": attrs["name"], **attrs, "side_label": side_label}))
    for source, target, key, attrs in graph.edges(keys=True, data=True):
        evidence = attrs.pop("evidence")
        flat.add_edge(source, target, key=key, **_scalars({
            "label": interaction_types()[attrs["interaction_type"]].label, **attrs,
            "evidence_count": len(evidence),
            "quotes": QUOTE_SEPARATOR.join(ev["quote"] for ev in evidence),
        }))
    return flat


def to_graphml(checked: Checked) -> bytes:
    """GraphML for Gephi, Cytoscape and yEd: typed scalar attributes, lists joined with ';'."""
    from io import BytesIO

    import networkx as nx

    buffer = BytesIO()
    nx.write_graphml(flat_graph(checked), buffer, encoding="utf-8")
    return buffer.getvalue()


def dynamic_graph(checked: Checked) -> nx.MultiDiGraph:
    """The flat graph in GEXF's dynamic mode.

    Each edge lives over the days its date covers; each actor from its first interaction on.
    """
    graph = flat_graph(checked)
    graph.graph["mode"] = "dynamic"
    for source, target, attrs in graph.edges(data=True):
        attrs["start"], attrs["end"] = date_span(attrs["date"])
        for actor in (source, target):
            first = graph.nodes[actor].get("start")
            graph.nodes[actor]["start"] = min(first or attrs["start"], attrs["start"])
    return graph


def to_gexf(checked: Checked) -> bytes:
    """Dynamic GEXF 1.2 for Gephi's timeline, byte-identical for the same data."""
    from io import BytesIO

    from networkx.readwrite.gexf import GEXFWriter

    writer = GEXFWriter(version="1.2draft")
    # networkx stamps today's date; the newest article date keeps the output reproducible
    newest = max((a.published for a in checked.dataset.articles), default="1970-01-01")
    writer.xml.find("meta").set("lastmodifieddate", newest)
    writer.add_graph(dynamic_graph(checked))
    buffer = BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


# -- annotations and event data ----------------------------------------------------------


def _text_quote_selector(text: str, start: int, end: int) -> dict:
    return {
        "type": "TextQuoteSelector",
        "exact": text[start:end],
        "prefix": text[max(start - CONTEXT_CHARS, 0):start],
        "suffix": text[end:end + CONTEXT_CHARS],
    }


def _target(checked: Checked, article, record: dict) -> dict:
    """The quote's place in the seed file: its text with context, and its offsets."""
    text = checked.texts.get(article.id)
    if text is None or record["start"] is None:  # not located: the quote is all we have
        selectors = [{"type": "TextQuoteSelector", "exact": record["quote"]}]
    else:
        selectors = [_text_quote_selector(text.text, record["start"], record["end"]),
                     {"type": "TextPositionSelector", "start": record["start"],
                      "end": record["end"]}]
    target = {"source": article.file, "selector": selectors}
    if article.url:
        target["scope"] = article.url
    return target


def _body(item) -> dict:
    """The interaction the quote attests, described in the curator's words."""
    return {
        "id": f"{URN}:interaction:{item.id}",
        "type": "TextualBody",
        "purpose": "describing",
        "format": "text/plain",
        "value": item.summary,
        "interaction_type": item.type,
        "source": item.source,
        "target": item.target,
        "date": item.date,
    }


def _annotation(checked: Checked, articles: dict, item, index: int, record: dict) -> dict:
    return {
        "id": f"{URN}:annotation:{item.id}:{index + 1}",
        "type": "Annotation",
        "motivation": "describing",
        "body": _body(item),
        "target": _target(checked, articles[record["article"]], record),
    }


def to_annotations(checked: Checked) -> str:
    """W3C Web Annotation JSON-LD: one annotation per quote, anchored in its article."""
    articles = {a.id: a for a in checked.dataset.articles}
    items = [
        _annotation(checked, articles, item, i, record)
        for item in checked.dataset.interactions
        for i, record in enumerate(evidence_records(checked, item))
    ]
    collection = {
        "@context": ANNOTATION_CONTEXT,
        "id": f"{URN}:annotations",
        "type": "AnnotationCollection",
        "label": "Quotes attesting the interactions",
        "total": len(items),
        "first": {"id": f"{URN}:annotations:page-1", "type": "AnnotationPage", "startIndex": 0,
                  "items": items},
    }
    return json.dumps(collection, indent=2, ensure_ascii=False) + "\n"


CAMEO_COLUMNS = ["date", "source", "source_name", "source_side", "target", "target_name",
                 "target_side", "interaction", "type", "cameo", "cameo_detail", "plover",
                 "articles"]


def event_rows(checked: Checked) -> list[dict]:
    """One row per directed dyad; a symmetric interaction gives a row each way."""
    actors = {a.id: a for a in checked.dataset.actors}
    types = interaction_types()
    rows = []
    for item in checked.dataset.interactions:
        kind = types[item.type]
        articles = _join(sorted({ev.article for ev in item.evidence}))
        pairs = [(item.source, item.target)]
        if kind.symmetric:
            pairs.append((item.target, item.source))
        for source, target in pairs:
            rows.append({
                "date": item.date, "source": source, "source_name": actors[source].name,
                "source_side": actors[source].side, "target": target,
                "target_name": actors[target].name, "target_side": actors[target].side,
                "interaction": item.id, "type": item.type, "cameo": kind.cameo,
                "cameo_detail": kind.cameo_detail, "plover": kind.plover, "articles": articles,
            })
    return rows


def to_cameo(checked: Checked) -> str:
    """Tab-separated event rows with CAMEO root codes and PLOVER events, for event-data tools."""
    import pandas as pd

    frame = pd.DataFrame(event_rows(checked), columns=CAMEO_COLUMNS)
    # keep codes such as "04" as text: they are codes, not numbers
    return delimited(frame, sep="\t")


# -- writing -----------------------------------------------------------------------------

SINGLE_FILE_FORMATS = {
    "json": to_node_link_json,
    "graphml": to_graphml,
    "gexf": to_gexf,
    "annotations": to_annotations,
    "cameo": to_cameo,
    "svg": to_svg,
    "ftm": to_ftm,
}


def _write_single(render):
    def export(checked: Checked, path: Path) -> list[Path]:
        payload = render(checked)  # build everything before writing anything
        write_atomic(Path(path), payload)
        return [Path(path)]

    export.__doc__ = f"Write {render.__name__.removeprefix('to_')} to ``path``; returns it."
    return export


EXPORTERS = {"csv": export_csv} | {name: _write_single(render)
                                   for name, render in SINGLE_FILE_FORMATS.items()}


def schema_json() -> str:
    """The data file's JSON Schema, generated from the models, as committed in docs/."""
    from .model import json_schema

    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"

"""Exports, each read back with a real reader: pandas, networkx, json."""

from __future__ import annotations

import csv
import io
import json
import textwrap
from pathlib import Path
from xml.etree import ElementTree

import networkx as nx
import pandas as pd
import pytest
from click.testing import CliRunner
from conftest import MINI, SEED

from graphviz_app.checks import validate
from graphviz_app.cli import cli
from graphviz_app.corpus import fold_text
from graphviz_app.export import EXPORTERS, date_span, to_cameo

SEED2 = (
    " date 2023-02-10 Abbas rejects pressure\n\n"
    "Palestinian Authority President Mahmoud Abbas rejected American pressure to resume "
    "security coordination with Israel, officials said.\n\n"
    "In January, US envoy Barbara Leaf met Abbas in Ramallah to discuss the coordination "
    "crisis.\n\n"
    "In 2022 Hamas accused Israel of provoking the crisis in the West Bank cities.\n"
)

# MINI plus sides, a campaign, a member_of link, partial dates and a second article
RICH = MINI.replace("articles:\n", textwrap.dedent("""\
    sides:
      - id: israel
        label: Israel
        colour: "#1f77b4"
      - id: palestinian-authority
        label: Palestinian Authority
        colour: "#2ca02c"
      - id: hamas
        label: Hamas
      - id: us
        label: United States
    campaigns:
      - id: us-pressure-2023
        label: US pressure to resume coordination
    articles:
      - id: a2
        file: seeds/a2.txt
        title: Abbas rejects pressure
        url: https://example.org/a2
        published: 2023-02-10
    """), 1).replace("interactions:\n", textwrap.dedent("""\
      - id: usa
        name: United States
        kind: state
        side: us
        aliases: [US, American]
      - id: leaf
        name: Barbara Leaf
        kind: person
        side: us
        aliases: [Leaf]
        member_of: [usa]
      - id: israel
        name: Israel
        kind: state
        side: israel
    interactions:
      - id: leaf-abbas-meeting
        type: meeting
        source: leaf
        target: abbas
        date: 2023-01
        summary: Leaf meets Abbas in Ramallah.
        campaign: us-pressure-2023
        evidence:
          - article: a2
            quote: "US envoy Barbara Leaf met Abbas in Ramallah to discuss the coordination crisis"
      - id: abbas-rejects-us
        type: rejection
        source: abbas
        target: usa
        date: 2023-02-10
        summary: Abbas rejects US pressure to resume coordination.
        about: leaf-abbas-meeting
        campaign: us-pressure-2023
        evidence:
          - article: a2
            quote: "Mahmoud Abbas rejected American pressure to resume security coordination"
      - id: hamas-accuses-israel
        type: accusation
        source: hamas
        target: israel
        date: "2022"
        summary: Hamas accuses Israel of provoking the crisis.
        evidence:
          - article: a2
            quote: "Hamas accused Israel of provoking the crisis in the West Bank cities"
    """), 1)

FORMATS = ["csv", "json", "graphml", "gexf", "annotations", "cameo", "svg", "ftm"]


@pytest.fixture
def rich(make_project):
    """A checked project with every feature the exports must carry."""
    data = make_project(RICH, {"a1.txt": SEED, "a2.txt": SEED2})
    checked = validate(data)
    assert checked.ok(), checked.problems
    return checked


def export(checked, fmt: str, output: Path) -> list[Path]:
    return EXPORTERS[fmt](checked, output)


def actor_ids(checked) -> set[str]:
    return {a.id for a in checked.dataset.actors}


def interaction_ids(checked) -> set[str]:
    return {i.id for i in checked.dataset.interactions}


def test_rich_project_is_what_the_tests_assume(rich):
    assert len(actor_ids(rich)) == 6 and len(interaction_ids(rich)) == 5


def test_csv_tables_keep_the_contract_and_read_back(rich, tmp_path):
    written = export(rich, "csv", tmp_path / "out")
    assert sorted(p.name for p in written) == ["actors.csv", "articles.csv", "evidence.csv",
                                               "interactions.csv"]
    read = {p.stem: pd.read_csv(p, dtype=str, keep_default_na=False) for p in written}
    assert list(read["articles"].columns[:6]) == ["id", "file", "title", "published", "outlet",
                                                  "url"]
    assert list(read["actors"].columns) == ["id", "name", "kind", "side", "role", "aliases",
                                            "member_of", "wikidata"]
    assert list(read["interactions"].columns) == [
        "id", "type", "source", "target", "date", "summary", "about", "campaign", "articles",
        "evidence_count"]
    assert list(read["evidence"].columns) == ["interaction", "article", "quote", "start", "end"]
    assert set(read["actors"].id) == actor_ids(rich)
    assert set(read["interactions"].id) == interaction_ids(rich)
    leaf = read["actors"].set_index("id").loc["leaf"]
    assert (leaf.aliases, leaf.member_of) == ("Leaf", "usa")
    assert read["interactions"].set_index("id").loc["hamas-accuses-israel"].date == "2022"


def test_csv_evidence_offsets_point_at_the_quote(rich, tmp_path):
    export(rich, "csv", tmp_path)
    evidence = pd.read_csv(tmp_path / "evidence.csv")
    assert len(evidence) == 5
    for row in evidence.itertuples():
        original = rich.texts[row.article].text[row.start:row.end]
        assert fold_text(original) == fold_text(row.quote)


def test_json_is_node_link_with_every_attribute(rich, tmp_path):
    export(rich, "json", tmp_path / "network.json")
    data = json.loads((tmp_path / "network.json").read_text(encoding="utf-8"))
    assert "edges" in data and "links" not in data
    graph = nx.node_link_graph(data, edges="edges")
    assert graph.is_multigraph() and graph.is_directed()
    assert set(graph.nodes) == actor_ids(rich)
    assert {key for _, _, key in graph.edges(keys=True)} == interaction_ids(rich)
    assert graph.nodes["leaf"]["aliases"] == ["Leaf"]
    assert graph.nodes["leaf"]["member_of"] == ["usa"]
    edge = graph.edges["leaf", "abbas", "leaf-abbas-meeting"]
    assert edge["interaction_type"] == "meeting" and edge["symmetric"] is True
    assert edge["campaign"] == "us-pressure-2023" and edge["date"] == "2023-01"
    [evidence] = edge["evidence"]
    text = rich.texts["a2"].text
    assert text[evidence["start"]:evidence["end"]] == evidence["quote"]
    assert set(graph.graph["articles"]) == {"a1", "a2"}


def test_graphml_reads_back_with_typed_scalars(rich, tmp_path):
    export(rich, "graphml", tmp_path / "network.graphml")
    graph = nx.read_graphml(tmp_path / "network.graphml", force_multigraph=True)
    assert set(graph.nodes) == actor_ids(rich)
    assert {key for _, _, key in graph.edges(keys=True)} == interaction_ids(rich)
    assert graph.nodes["leaf"]["label"] == "Barbara Leaf"
    assert graph.nodes["leaf"]["member_of"] == "usa"
    assert graph.nodes["gantz"]["side_label"] == "Israel"
    edge = graph.edges["abbas", "usa", "abbas-rejects-us"]
    assert edge["symmetric"] is False and edge["evidence_count"] == 1
    assert edge["about"] == "leaf-abbas-meeting"
    assert "Mahmoud Abbas rejected American pressure" in edge["quotes"]
    # optional values that are absent are left out, never written as empty data
    assert "about" not in graph.edges["gantz", "abbas", "gantz-abbas-call"]
    assert "role" not in graph.nodes["gantz"]
    assert "<data key=\"d" in (tmp_path / "network.graphml").read_text(encoding="utf-8")
    assert "></data>" not in (tmp_path / "network.graphml").read_text(encoding="utf-8")


@pytest.mark.parametrize(("date", "span"), [
    ("2023-02-10", ("2023-02-10", "2023-02-10")),
    ("2023-01", ("2023-01-01", "2023-01-31")),
    ("2024-02", ("2024-02-01", "2024-02-29")),
    ("2022", ("2022-01-01", "2022-12-31")),
])
def test_partial_dates_span_the_days_they_cover(date, span):
    assert date_span(date) == span


def test_gexf_is_dynamic_with_dates_on_every_edge(rich, tmp_path):
    export(rich, "gexf", tmp_path / "network.gexf")
    text = (tmp_path / "network.gexf").read_text(encoding="utf-8")
    assert 'mode="dynamic"' in text and 'timeformat="date"' in text
    assert 'lastmodifieddate="2023-02-10"' in text  # the newest article, not today
    graph = nx.read_gexf(tmp_path / "network.gexf")
    assert graph.graph["mode"] == "dynamic"
    assert set(graph.nodes) == actor_ids(rich)
    edges = {attrs["id"]: attrs for _, _, attrs in graph.edges(data=True)}
    assert set(edges) == interaction_ids(rich)
    assert (edges["leaf-abbas-meeting"]["start"], edges["leaf-abbas-meeting"]["end"]) == \
        ("2023-01-01", "2023-01-31")
    assert (edges["hamas-accuses-israel"]["start"], edges["hamas-accuses-israel"]["end"]) == \
        ("2022-01-01", "2022-12-31")
    assert edges["gantz-abbas-call"]["start"] == edges["gantz-abbas-call"]["end"] == "2022-12-28"
    assert edges["abbas-rejects-us"]["interaction_type"] == "rejection"
    # an actor enters the timeline with its first interaction
    assert graph.nodes["hamas"]["start"] == "2022-01-01"
    assert graph.nodes["leaf"]["start"] == "2023-01-01"


def test_gexf_is_byte_identical_across_runs(make_project, tmp_path):
    data = make_project(RICH, {"a1.txt": SEED, "a2.txt": SEED2})
    export(validate(data), "gexf", tmp_path / "one.gexf")
    export(validate(data), "gexf", tmp_path / "two.gexf")
    assert (tmp_path / "one.gexf").read_bytes() == (tmp_path / "two.gexf").read_bytes()


def test_annotations_anchor_each_quote_in_its_article(rich, tmp_path):
    export(rich, "annotations", tmp_path / "annotations.jsonld")
    collection = json.loads((tmp_path / "annotations.jsonld").read_text(encoding="utf-8"))
    assert collection["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert collection["type"] == "AnnotationCollection"
    items = collection["first"]["items"]
    assert collection["total"] == len(items) == 5
    files = {a.id: a.file for a in rich.dataset.articles}
    bodies = set()
    for annotation in items:
        assert annotation["type"] == "Annotation"
        quote_selector, position = annotation["target"]["selector"]
        assert quote_selector["type"] == "TextQuoteSelector"
        assert position["type"] == "TextPositionSelector"
        article = next(a for a, f in files.items() if f == annotation["target"]["source"])
        text = rich.texts[article].text
        start, end = position["start"], position["end"]
        assert quote_selector["exact"] == text[start:end]
        assert quote_selector["prefix"] == text[max(start - 32, 0):start]
        assert quote_selector["suffix"] == text[end:end + 32]
        bodies.add(annotation["body"]["id"].rsplit(":", 1)[1])
    assert bodies == interaction_ids(rich)
    meeting = next(a for a in items if a["body"]["interaction_type"] == "meeting")
    assert (meeting["body"]["source"], meeting["body"]["target"]) == ("leaf", "abbas")
    assert meeting["body"]["value"] == "Leaf meets Abbas in Ramallah."
    assert meeting["target"]["scope"] == "https://example.org/a2"


def test_cameo_has_a_row_per_directed_dyad(rich, tmp_path):
    export(rich, "cameo", tmp_path / "events.tsv")
    events = pd.read_csv(tmp_path / "events.tsv", sep="\t", dtype=str, keep_default_na=False)
    assert list(events.columns[:3]) == ["date", "source", "source_name"]
    assert {"cameo", "plover", "interaction", "articles"} <= set(events.columns)
    # two symmetric interactions (call, meeting) give two rows, the three others one
    assert len(events) == 7
    assert set(events.interaction) == interaction_ids(rich)
    call = events[events.interaction == "gantz-abbas-call"]
    assert set(zip(call.source, call.target, strict=True)) == {("gantz", "abbas"),
                                                               ("abbas", "gantz")}
    assert set(call.cameo) == {"04"} and set(call.plover) == {"CONSULT"}
    rejection = events[events.interaction == "abbas-rejects-us"].iloc[0]
    assert (rejection.cameo, rejection.plover, rejection.target_side) == ("12", "REJECT", "us")
    assert rejection.target_name == "United States"


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_is_deterministic(rich, tmp_path, fmt):
    first = export(rich, fmt, tmp_path / "one")
    second = export(rich, fmt, tmp_path / "two")
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]


@pytest.mark.parametrize("fmt", FORMATS)
def test_cli_exports_each_format(make_project, tmp_path, fmt):
    data = make_project()
    output = tmp_path / "out" / f"network.{fmt}"
    result = CliRunner().invoke(cli, ["export", "--format", fmt, "--output", str(output),
                                      str(data)])
    assert result.exit_code == 0, result.output
    assert "wrote" in result.stdout
    assert output.exists()


def test_cli_export_refuses_data_with_errors(make_project, tmp_path):
    data = make_project(MINI.replace("type: call", "type: cal"))
    output = tmp_path / "network.gexf"
    result = CliRunner().invoke(cli, ["export", "--format", "gexf", "-o", str(output), str(data)])
    assert result.exit_code == 1
    assert "S104" in result.stderr
    assert not output.exists()


def test_cli_export_unwritable_output_is_a_usage_error(make_project, tmp_path):
    data = make_project()
    (tmp_path / "blocker").write_text("a file, not a folder")
    result = CliRunner().invoke(cli, ["export", "--format", "json", "-o",
                                      str(tmp_path / "blocker" / "network.json"), str(data)])
    assert result.exit_code == 2
    assert "cannot write" in result.stderr and "Traceback" not in result.output


def test_cli_export_unknown_format_is_a_usage_error(make_project, tmp_path):
    result = CliRunner().invoke(cli, ["export", "--format", "dot", "-o", str(tmp_path / "x"),
                                      str(make_project())])
    assert result.exit_code == 2


# control characters that YAML's double-quoted escapes let into any text, and one from a seed
HOSTILE_SEED = SEED.replace("Hamas condemned", "Hamas\x07 condemned")
HOSTILE = (MINI.replace("name: Benny Gantz", 'name: "Benny\\x01 Gantz"')
           .replace("summary: Gantz urges Abbas to keep security coordination going.",
                    'summary: "Gantz\\0 urges\\uFFFE Abbas to keep security coordination '
                    'going.\\e"')
           .replace('"Hamas condemned', '"Hamas\\a condemned')
           .replace("side: hamas", 'side: hamas\n    role: "armed\\x1b[31m group"'))


@pytest.fixture
def hostile(make_project):
    data = make_project(HOSTILE, {"a1.txt": HOSTILE_SEED})
    assert {p.code for p in validate(data).problems} == {"S109"}  # validation refuses them
    checked = validate(data, ignore=["S109"])  # the exports must be safe all the same
    assert checked.ok(), checked.problems
    gantz = next(a for a in checked.dataset.actors if a.id == "gantz")
    assert gantz.name == "Benny\x01 Gantz"  # the fixture does carry the characters
    return checked


def read_back(fmt: str, written: list[Path]):
    """Each format read with the reader its users have."""
    if fmt == "csv":
        return {p.stem: pd.read_csv(p, dtype=str, keep_default_na=False) for p in written}
    [path] = written
    if fmt == "json":
        return nx.node_link_graph(json.loads(path.read_text("utf-8")), edges="edges")
    if fmt == "graphml":
        return nx.read_graphml(path, force_multigraph=True)
    if fmt == "gexf":
        return nx.read_gexf(path)
    if fmt == "annotations":
        return json.loads(path.read_text("utf-8"))
    if fmt == "svg":
        return ElementTree.parse(path).getroot()
    if fmt == "ftm":
        return [json.loads(line) for line in path.read_text("utf-8").splitlines()]
    return pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False)


def gantz_name(fmt: str, read) -> str:
    """The name of actor "gantz" as the format read back holds it."""
    if fmt == "csv":
        return read["actors"].set_index("id").loc["gantz", "name"]
    if fmt in ("json", "graphml", "gexf"):
        return read.nodes["gantz"]["name" if fmt == "json" else "label"]
    if fmt == "annotations":  # names are not in annotations: the summary is
        [body] = [a["body"] for a in read["first"]["items"] if a["body"]["source"] == "gantz"]
        return body["value"]
    if fmt == "svg":
        [label] = [t for t in read.iter("{http://www.w3.org/2000/svg}text")
                   if t.get("data-actor") == "gantz"]
        return " ".join(label.itertext())
    if fmt == "ftm":
        [entity] = [e for e in read if e["id"].endswith("actor-gantz")]
        return entity["properties"]["name"][0]
    return read.set_index("source").loc["gantz", "source_name"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_reads_back_with_control_characters_in_the_texts(hostile, tmp_path, fmt):
    written = export(hostile, fmt, tmp_path / ("out" if fmt == "csv" else f"network.{fmt}"))
    name = gantz_name(fmt, read_back(fmt, written))
    if fmt in ("graphml", "gexf", "svg"):  # XML cannot hold them at all
        assert name == "Benny\ufffd Gantz"
    elif fmt == "ftm":  # followthemoney cleans names of what is not text
        assert name == "Benny Gantz"
    elif fmt == "annotations":
        assert name == "Gantz\0 urges\ufffe Abbas to keep security coordination going.\x1b"
    else:  # the others keep the text as it is
        assert name == "Benny\x01 Gantz"


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_xml_formats_replace_what_xml_forbids(hostile, tmp_path, fmt):
    [path] = export(hostile, fmt, tmp_path / f"network.{fmt}")
    graph = read_back(fmt, [path])
    assert graph.nodes["gantz"]["label"] == "Benny\ufffd Gantz"
    assert graph.nodes["hamas"]["role"] == "armed\ufffd[31m group"
    summaries = {attrs["summary"] for *_, attrs in graph.edges(data=True)}
    assert "Gantz\ufffd urges\ufffd Abbas to keep security coordination going.\ufffd" in summaries


SPREADSHEET = (MINI.replace("summary: Gantz urges",
                            'summary: "=HYPERLINK(\\"http://x\\")\\rGantz urges')
               .replace("coordination going.\n", 'coordination going."\n', 1)
               .replace("aliases: [Gantz]", "aliases: ['+972 Gantz', \"'@gantz\", Gantz]\n"
                        '    role: "-a \\"minister\\"\\r\\nof defense"')
               .replace("side: hamas", 'side: hamas\n    role: "armed\\rgroup"'))
RAW_SUMMARY = '=HYPERLINK("http://x")\rGantz urges Abbas to keep security coordination going.'


@pytest.fixture
def spreadsheet(make_project):
    checked = validate(make_project(SPREADSHEET))
    assert checked.ok(), checked.problems
    assert checked.dataset.interactions[0].summary == RAW_SUMMARY
    return checked


def strip_guard(frame: pd.DataFrame) -> pd.DataFrame:
    """What the README tells pandas users to do to get the raw values back."""
    return frame.replace(r"^'(?='*[=+\-@\t\r])", "", regex=True)


def test_csv_cells_with_carriage_returns_stay_in_their_row(spreadsheet, tmp_path):
    export(spreadsheet, "csv", tmp_path)
    with open(tmp_path / "interactions.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert len(rows) == 3 and all(len(row) == len(rows[0]) for row in rows)
    frame = pd.read_csv(tmp_path / "interactions.csv", dtype=str, keep_default_na=False)
    assert len(frame) == 2
    actors = pd.read_csv(tmp_path / "actors.csv", dtype=str, keep_default_na=False)
    assert len(actors) == 3
    assert actors.set_index("id").loc["hamas", "role"] == "armed\rgroup"
    assert strip_guard(actors).set_index("id").loc["gantz", "role"] == '-a "minister"\r\nof defense'
    with open(tmp_path / "actors.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert [row[0] for row in rows] == ["id", "gantz", "abbas", "hamas"]
    assert (tmp_path / "actors.csv").read_bytes().count(b"\n") == 5  # 4 row ends, 1 in a cell


def test_csv_guards_formulas_and_the_guard_comes_off_exactly(spreadsheet, tmp_path):
    export(spreadsheet, "csv", tmp_path)
    interactions = pd.read_csv(tmp_path / "interactions.csv", dtype=str, keep_default_na=False)
    actors = pd.read_csv(tmp_path / "actors.csv", dtype=str, keep_default_na=False)
    summary = interactions.set_index("id").loc["gantz-abbas-call", "summary"]
    assert summary == "'" + RAW_SUMMARY  # a spreadsheet shows it as text
    aliases = actors.set_index("id").loc["gantz", "aliases"]
    assert aliases == "'+972 Gantz;'@gantz;Gantz"  # the joined cell starts with +
    assert strip_guard(interactions).set_index("id").loc["gantz-abbas-call", "summary"] == (
        RAW_SUMMARY)
    assert strip_guard(actors).set_index("id").loc["gantz", "aliases"] == "+972 Gantz;'@gantz;Gantz"
    # nothing else is touched
    assert interactions.set_index("id").loc["hamas-condemns-call", "summary"] == (
        "Hamas condemns the call.")


def test_cameo_rows_survive_carriage_returns_and_guard_formulas(make_project):
    data = make_project(SPREADSHEET.replace("name: Benny Gantz", 'name: "@Benny\\rGantz"'))
    text = to_cameo(validate(data))
    frame = pd.read_csv(io.StringIO(text), sep="\t", dtype=str, keep_default_na=False)
    assert len(frame) == 3  # a call gives a row each way, plus the condemnation
    assert set(frame["source_name"]) >= {"'@Benny\rGantz"}

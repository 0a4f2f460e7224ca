"""The FollowTheMoney export, read back and checked with the followthemoney package."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import optional_module
from test_export import RICH, SEED, SEED2

from graphviz_app.checks import validate
from graphviz_app.cli import cli
from graphviz_app.export import EXPORTERS
from graphviz_app.vocabulary import interaction_types

optional_module("followthemoney", "pip install -e '.[ftm]'")

from followthemoney import model  # noqa: E402
from followthemoney.exc import InvalidData  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "data" / "network.yaml"


def read_entities(path: Path) -> list[dict]:
    """Each line as followthemoney reads it: a proxy, plus the raw record."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def export_ftm(checked, path: Path) -> list[dict]:
    assert EXPORTERS["ftm"](checked, path) == [path]
    return read_entities(path)


@pytest.fixture(params=["rich", "shipped"])
def project(request, make_project):
    if request.param == "shipped":
        checked = validate(SHIPPED)
    else:
        checked = validate(make_project(RICH, {"a1.txt": SEED, "a2.txt": SEED2}))
    assert checked.ok(), checked.problems
    return checked


def test_every_entity_validates_and_has_its_required_properties(project, tmp_path):
    for record in export_ftm(project, tmp_path / "out.ftm.json"):
        proxy = model.get_proxy(record, cleaned=False)  # cleans the values again
        schema = proxy.schema
        try:
            schema.validate(record)
        except InvalidData as err:
            pytest.fail(f"{record['id']}: {err.errors}")
        assert set(record["properties"]) <= set(schema.properties), record["id"]
        for prop in schema.required:
            assert proxy.get(prop), f"{record['id']} ({schema.name}) lacks {prop}"
        # cleaning again changes nothing: the values were written as FtM cleans them
        assert proxy.to_dict()["properties"] == record["properties"], record["id"]


def test_every_reference_points_at_an_entity_in_the_file(project, tmp_path):
    records = export_ftm(project, tmp_path / "out.ftm.json")
    ids = [r["id"] for r in records]
    assert len(ids) == len(set(ids))
    schemata = {r["id"]: model.get(r["schema"]) for r in records}
    references = 0
    for record in records:
        proxy = model.get_proxy(record)
        for prop, value in proxy.itervalues():
            if prop.type.name == "entity":
                references += 1
                assert value in schemata, f"{record['id']}.{prop.name} -> {value}"
                assert schemata[value].is_a(prop.range), (
                    f"{record['id']}.{prop.name} -> {value} is not a {prop.range.name}")
    assert references > 0


def test_counts_and_schemata_follow_the_dataset(project, tmp_path):
    data = project.dataset
    records = export_ftm(project, tmp_path / "out.ftm.json")
    by_prefix: dict[str, list[dict]] = {}
    for record in records:
        by_prefix.setdefault(record["id"].split("-")[1], []).append(record)
    assert len(by_prefix["actor"]) == len(data.actors)
    assert len(by_prefix["article"]) == len(data.articles)
    assert len(by_prefix["interaction"]) == len(data.interactions)
    assert len(by_prefix.get("membership", [])) == sum(len(a.member_of) for a in data.actors)
    assert len(records) == (len(data.actors) + len(data.articles) + len(data.interactions)
                            + sum(len(a.member_of) for a in data.actors))
    assert [r["id"] for r in records] == sorted(r["id"] for r in records)

    expected_actor = {"person": "Person", "organization": "Organization",
                      "group": "Organization", "state": "PublicBody"}
    actors = {f"gva-actor-{a.id}": a for a in data.actors}
    for record in by_prefix["actor"]:
        actor = actors[record["id"]]
        assert record["schema"] == expected_actor[actor.kind]
        assert record["properties"]["name"] == [actor.name]
        assert set(record["properties"].get("alias", [])) == set(actor.aliases)
    for record in by_prefix.get("membership", []):
        assert record["schema"] == "Membership"


def test_interactions_keep_parties_date_summary_proof_and_quotes(project, tmp_path):
    records = {r["id"]: r for r in export_ftm(project, tmp_path / "out.ftm.json")}
    types = interaction_types()
    interactions = {i.id: i for i in project.dataset.interactions}
    campaigns = {c.id: c.label for c in project.dataset.campaigns}
    for item in project.dataset.interactions:
        record = records[f"gva-interaction-{item.id}"]
        props = record["properties"]
        source, target = f"gva-actor-{item.source}", f"gva-actor-{item.target}"
        if types[item.type].symmetric:
            assert record["schema"] == "Event"
            assert set(props["involved"]) == {source, target}
            assert props["organizer"] == [source]
        else:
            assert record["schema"] == "UnknownLink"
            assert (props["subject"], props["object"]) == ([source], [target])
            assert props["role"] == [types[item.type].label]
        assert props["date"] == [item.date]
        assert props["summary"] == [item.summary]
        assert set(props["proof"]) == {f"gva-article-{ev.article}" for ev in item.evidence}
        description = props["description"][0]
        for ev in item.evidence:
            assert ev.quote in description
        if item.about:
            assert f"Reacts to: {interactions[item.about].summary}" in description
            assert f"gva-interaction-{item.about}" in description
        if item.campaign:
            assert campaigns.get(item.campaign, item.campaign) in description
    assert any(item.about for item in project.dataset.interactions)


def test_articles_carry_title_publisher_date_and_url(project, tmp_path):
    records = {r["id"]: r for r in export_ftm(project, tmp_path / "out.ftm.json")}
    for article in project.dataset.articles:
        props = records[f"gva-article-{article.id}"]["properties"]
        assert props["title"] == [article.title]
        assert props["publishedAt"] == [article.published]
        assert props.get("publisher") == ([article.outlet] if article.outlet else None)
        assert props.get("sourceUrl") == ([article.url] if article.url else None)
        # FtM trims text values; everything else is the article's text as read
        assert props["bodyText"] == [project.texts[article.id].text.strip()]


def test_wikidata_ids_become_wikidata_id(make_project, tmp_path):
    data = make_project(RICH.replace("    aliases: [US, American]\n",
                                     "    aliases: [US, American]\n    wikidata: Q30\n"),
                        {"a1.txt": SEED, "a2.txt": SEED2})
    checked = validate(data)
    assert checked.ok(), checked.problems
    records = {r["id"]: r for r in export_ftm(checked, tmp_path / "out.ftm.json")}
    assert records["gva-actor-usa"]["properties"]["wikidataId"] == ["Q30"]
    assert "wikidataId" not in records["gva-actor-leaf"]["properties"]


def test_ids_without_underscores_and_a_person_as_parent(make_project, tmp_path):
    """FtM ids allow no underscore, and a person cannot be a Membership's organization."""
    text = (RICH.replace("id: leaf\n", "id: barbara_leaf\n")
            .replace("source: leaf\n", "source: barbara_leaf\n")
            .replace("member_of: [usa]", "member_of: [usa, abbas]"))
    checked = validate(make_project(text, {"a1.txt": SEED, "a2.txt": SEED2}))
    assert checked.ok(), checked.problems
    records = {r["id"]: r for r in export_ftm(checked, tmp_path / "out.ftm.json")}
    assert "gva-actor-barbara.leaf" in records
    assert records["gva-membership-barbara.leaf--usa"]["schema"] == "Membership"
    link = records["gva-membership-barbara.leaf--abbas"]
    assert link["schema"] == "UnknownLink"
    assert link["properties"]["subject"] == ["gva-actor-barbara.leaf"]
    assert link["properties"]["object"] == ["gva-actor-abbas"]


def test_the_same_data_gives_the_same_bytes_in_fresh_processes(tmp_path):
    """Two processes with different string hashing write identical files."""
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"run{seed}.ftm.json"
        subprocess.run([sys.executable, "-m", "graphviz_app", "export", "--format", "ftm",
                        "--output", str(out), str(SHIPPED)], check=True, cwd=ROOT,
                       env={**os.environ, "PYTHONHASHSEED": seed}, capture_output=True)
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1] and outputs[0]


def test_cli_writes_the_ftm_file(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    out = tmp_path / "network.ftm.json"
    result = CliRunner().invoke(cli, ["export", "--format", "ftm", "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert f"wrote {out}" in result.output
    assert len(read_entities(out)) > 0

"""The data file's JSON Schema: generated from the model, committed, and true to the data."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from conftest import MINI
from ruamel.yaml import YAML
from ruamel.yaml.constructor import RoundTripConstructor

from graphviz_app.cli import cli
from graphviz_app.export import schema_json
from graphviz_app.model import json_schema

ROOT = Path(__file__).resolve().parent.parent
COMMITTED = ROOT / "docs" / "network.schema.json"
SHIPPED = ROOT / "data" / "network.yaml"
SCHEMA_LINE = "# yaml-language-server: $schema=../docs/network.schema.json"


def load_yaml(text: str):
    """YAML 1.2 as the loader reads it: dates stay the text the curator typed."""

    class Constructor(RoundTripConstructor):
        pass

    Constructor.add_constructor("tag:yaml.org,2002:timestamp",
                                RoundTripConstructor.construct_yaml_str)
    yaml = YAML(typ="rt")
    yaml.Constructor = Constructor
    return json.loads(json.dumps(yaml.load(text)))  # plain dicts, lists and strings


def errors(document) -> list[str]:
    validator = jsonschema.Draft202012Validator(json_schema())
    return [e.message for e in validator.iter_errors(document)]


def test_committed_schema_is_the_generated_one():
    # regenerate with: graphviz-app schema -o docs/network.schema.json
    assert COMMITTED.read_text(encoding="utf-8") == schema_json()


def test_schema_is_a_valid_draft_2020_12_schema_with_an_id():
    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].endswith("network.schema.json")


def test_cli_prints_the_schema():
    result = CliRunner().invoke(cli, ["schema"])
    assert result.exit_code == 0
    assert result.stdout == schema_json()


def test_cli_writes_the_schema(tmp_path):
    result = CliRunner().invoke(cli, ["schema", "-o", str(tmp_path / "s.json")])
    assert result.exit_code == 0
    assert json.loads((tmp_path / "s.json").read_text(encoding="utf-8")) == json_schema()


def test_example_data_is_valid():
    assert errors(load_yaml(MINI)) == []


@pytest.mark.parametrize(("change", "message"), [
    (("type: call", "type: cal"), "'cal' is not one of"),
    (("kind: person", "kind: human"), "'human' is not one of"),
    (("    target: abbas\n", "    target: abbas\n    tagret: x\n"), "Additional properties"),
    (("published: 2022-12-28", "published: 2022-12"), "does not match"),
])
def test_schema_catches_what_the_model_catches(change, message):
    document = load_yaml(MINI.replace(*change, 1))
    assert any(message in e for e in errors(document)), errors(document)


def test_shipped_data_points_editors_at_the_schema():
    assert SHIPPED.read_text(encoding="utf-8").splitlines()[0] == SCHEMA_LINE


def test_shipped_data_is_valid_against_the_schema():
    assert errors(load_yaml(SHIPPED.read_text(encoding="utf-8"))) == []

"""The synthetic-project generator: deterministic, and its output validates cleanly."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from graphviz_app.checks import validate
from graphviz_app.vocabulary import interaction_types

GENERATOR = Path(__file__).resolve().parent.parent / "benchmarks" / "generate.py"


@pytest.fixture(scope="module")
def generator():
    spec = importlib.util.spec_from_file_location("benchmark_generate", GENERATOR)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being defined
    spec.loader.exec_module(module)
    yield module
    sys.modules.pop(spec.name, None)


def snapshot(root: Path) -> dict[str, bytes]:
    files = sorted(p for p in root.rglob("*") if p.is_file())
    return {str(p.relative_to(root)): p.read_bytes() for p in files}


def test_same_arguments_give_byte_identical_output(generator, tmp_path):
    for name in ("one", "two"):
        generator.main(
            [
                str(tmp_path / name),
                "--interactions",
                "30",
                "--articles",
                "5",
                "--actors",
                "10",
                "--seed",
                "7",
            ]
        )
    first, second = snapshot(tmp_path / "one"), snapshot(tmp_path / "two")
    assert len(first) == 6 and "data/network.yaml" in first
    assert first == second


def test_another_seed_gives_another_project(generator, tmp_path):
    one = generator.generate(tmp_path / "one", 30, 5, 10, seed=1)
    two = generator.generate(tmp_path / "two", 30, 5, 10, seed=2)
    assert one.read_bytes() != two.read_bytes()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_output_validates_without_errors_or_warnings(generator, tmp_path, seed):
    data = generator.generate(tmp_path, 30, 5, 10, seed=seed)
    checked = validate(data)
    assert [str(p) for p in checked.problems] == []
    dataset = checked.dataset
    assert (len(dataset.interactions), len(dataset.articles), len(dataset.actors)) == (30, 5, 10)
    assert len(checked.spans) == sum(len(i.evidence) for i in dataset.interactions)


def test_output_exercises_the_data_contract(generator, tmp_path):
    data = generator.generate(tmp_path, 120, 10, 30, seed=1)
    dataset = validate(data).dataset
    interactions = dataset.interactions
    assert {i.type for i in interactions} <= set(interaction_types())
    assert len({i.type for i in interactions}) >= 8
    assert any(i.about for i in interactions) and any(i.campaign for i in interactions)
    assert any(len(i.date) < 10 for i in interactions), "some dates are only a month or a year"
    assert {len(i.evidence) for i in interactions} >= {1, 2}
    assert any(a.aliases for a in dataset.actors) and any(a.member_of for a in dataset.actors)
    seeds = "".join((tmp_path / a.file).read_text(encoding="utf-8") for a in dataset.articles)
    assert "\u201c" in seeds and "\u2014" in seeds, "seeds carry curly quotes and dashes"
    assert all(
        (tmp_path / a.file).read_text(encoding="utf-8").startswith(f" date {a.published} ")
        for a in dataset.articles
    )

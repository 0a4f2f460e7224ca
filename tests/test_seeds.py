"""The seed articles are the ground truth: byte-identical to their published hashes."""

import hashlib

import pytest
from conftest import ROOT

SEEDS = ROOT / "seeds"


def _sums() -> dict[str, str]:
    lines = (SEEDS / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    return {
        name.strip(): digest for digest, name in (line.split(None, 1) for line in lines if line)
    }


def test_there_are_five_seeds_with_hashes():
    assert len(_sums()) == 5
    assert sorted(p.name for p in SEEDS.glob("*.txt")) == sorted(_sums())


@pytest.mark.parametrize("name", sorted(_sums()))
def test_seed_matches_its_hash(name):
    digest = hashlib.sha256((SEEDS / name).read_bytes()).hexdigest()
    assert digest == _sums()[name]

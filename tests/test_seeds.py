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


SHIPPED = ["000_031d9b9ace0ce4f6.txt", "001_3b28104c1f218ef6.txt", "002_44987d1a5e7ed467.txt",
           "003_95383a19cb279dd7.txt", "004_8ccb6add153b3f39.txt"]


def test_every_seed_has_a_hash_and_the_shipped_ones_are_there():
    # add-article records each new seed here, so a sixth article keeps this green
    assert sorted(p.name for p in SEEDS.glob("*.txt")) == sorted(_sums())
    assert set(SHIPPED) <= set(_sums())


@pytest.mark.parametrize("name", sorted(_sums()))
def test_seed_matches_its_hash(name):
    digest = hashlib.sha256((SEEDS / name).read_bytes()).hexdigest()
    assert digest == _sums()[name]

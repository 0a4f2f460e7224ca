"""The rules, one annotated case file each: the validator must report exactly the
(line, code) pairs that the case's `# E: CODE` / `# W: CODE` comments name."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from graphviz_app.checks import validate
from graphviz_app.problems import RULES, Severity

CASES = Path(__file__).parent / "cases"
CASE_FILES = sorted(CASES.glob("*.yaml"))
ANNOTATION = re.compile(r"#.*?\b([EW]): ?([A-Z]\d{3}(?:, ?[A-Z]\d{3})*)")


def expected(path: Path) -> set[tuple[int, str]]:
    """The (line, code) pairs a case file's comments announce, checking E/W severities."""
    pairs = set()
    text = path.read_bytes().decode("utf-8", "replace")
    for number, line in enumerate(text.splitlines(), start=1):
        for letter, codes in ANNOTATION.findall(line):
            for code in re.split(r", ?", codes):
                severity = Severity.ERROR if letter == "E" else Severity.WARNING
                assert RULES[code].severity is severity, f"{path.name}:{number}: {code}"
                pairs.add((number, code))
    return pairs


def reported(path: Path, root: Path = CASES) -> set[tuple[int, str]]:
    return {(p.line, p.code) for p in validate(path, root=root).problems}


@pytest.mark.parametrize("case", CASE_FILES, ids=[p.stem for p in CASE_FILES])
def test_case_reports_exactly_its_annotations(case):
    assert reported(case) == expected(case)


@pytest.mark.parametrize("case", CASE_FILES, ids=[p.stem for p in CASE_FILES])
def test_crlf_and_bom_change_no_position(case, tmp_path):
    """Windows line endings and a byte order mark leave every line and column as they were."""
    data = case.read_bytes()
    variant = tmp_path / case.name
    variant.write_bytes(b"\xef\xbb\xbf" + data.replace(b"\n", b"\r\n"))
    shutil.copytree(CASES / "seeds", tmp_path / "seeds")  # a link out would be refused
    original = [(p.line, p.column, p.code) for p in validate(case, root=CASES).problems]
    changed = [(p.line, p.column, p.code) for p in validate(variant, root=tmp_path).problems]
    assert changed == original


def test_every_rule_has_a_case():
    covered = {code for case in CASE_FILES for _, code in expected(case)}
    assert set(RULES) - covered == set()


def test_case_files_are_named_after_their_rule():
    for case in CASE_FILES:
        code = case.stem.split("-")[0]
        if code in RULES:
            assert case.stem == f"{code}-{RULES[code].name}"
            assert code in {c for _, c in expected(case)}

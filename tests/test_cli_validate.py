"""`graphviz-app validate` and `graphviz-app rules`: formats, exit codes, start-up cost."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner
from conftest import MINI

from graphviz_app import cli as cli_module
from graphviz_app.cli import cli
from graphviz_app.problems import RULES

BROKEN = MINI.replace("type: call", "type: meating").replace("as a betrayal", "as treason")
TYPE_LINE = BROKEN.splitlines().index("    type: meating") + 1
QUOTE_LINE = next(n for n, line in enumerate(BROKEN.splitlines(), 1) if "as treason" in line)
WARNED = MINI.replace("interactions:", "  - id: idle\n    name: Idle\n    kind: person\n"
                      "    side: israel\ninteractions:")


@pytest.fixture
def run(make_project, monkeypatch):
    """Write a project, run `graphviz-app ARGS` from its root, return the result."""

    def invoke(data: str, *args: str):
        path = make_project(data)
        monkeypatch.chdir(path.parent.parent)
        return CliRunner().invoke(cli, ["validate", *args])

    return invoke


def test_clean_project_exits_0(run):
    result = run(MINI)
    assert result.exit_code == 0 and result.output == "All checks passed.\n"


def test_errors_exit_1_with_sorted_located_diagnostics(run):
    result = run(BROKEN)
    assert result.exit_code == 1
    heads = [line for line in result.output.splitlines() if line.startswith("data/")]
    assert heads == [
        f'data/network.yaml:{TYPE_LINE}:11: S104 unknown interaction type "meating"',
        f'data/network.yaml:{QUOTE_LINE}:16: Q301 quote not found in article "a1"',
    ]
    assert '= help: did you mean "meeting"?' in result.output
    assert f"{TYPE_LINE} |     type: meating\n   |           ^" in result.output
    assert '= help: closest passage (9' in result.output
    assert result.output.endswith("Found 2 errors and 0 warnings.\n")


def test_warnings_pass_unless_strict(run):
    relaxed, strict = run(WARNED), run(WARNED, "--strict")
    assert relaxed.exit_code == 0 and "R209" in relaxed.output
    assert strict.exit_code == 1 and strict.output == relaxed.output


def test_json_format_is_machine_readable(run):
    result = run(BROKEN, "--format", "json")
    records = json.loads(result.output)
    assert result.exit_code == 1
    assert [(r["line"], r["column"], r["code"], r["severity"]) for r in records] == [
        (TYPE_LINE, 11, "S104", "error"), (QUOTE_LINE, 16, "Q301", "error")]
    assert records[0]["name"] == "unknown-value" and records[0]["file"] == "data/network.yaml"


def test_json_format_of_a_clean_project_is_an_empty_list(run):
    result = run(MINI, "--format", "json")
    assert result.exit_code == 0 and json.loads(result.output) == []


def test_github_format_writes_annotations(run):
    result = run(BROKEN, "--format", "github")
    lines = result.output.splitlines()
    assert result.exit_code == 1 and len(lines) == 2
    assert lines[0].startswith(f"::error file=data/network.yaml,line={TYPE_LINE},col=11,"
                               "title=S104 unknown-value::unknown interaction type")


def test_missing_file_exits_2(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["validate", "nowhere.yaml"])
    assert result.exit_code == 2 and "does not exist" in result.output


def test_folder_and_bad_option_exit_2(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert CliRunner().invoke(cli, ["validate", "."]).exit_code == 2
    assert CliRunner().invoke(cli, ["validate", "--format", "xml"]).exit_code == 2
    assert CliRunner().invoke(cli, ["validate", "--root", "missing", "x.yaml"]).exit_code == 2


@pytest.mark.parametrize("data", [b"\x00\xff\xfe", b"- [", b"a: &a [*a]", b"\xef\xbb\xbf\r\n\t"])
def test_broken_files_are_data_errors_not_crashes(make_project, monkeypatch, data):
    path = make_project("")
    path.write_bytes(data)
    monkeypatch.chdir(path.parent.parent)
    result = CliRunner().invoke(cli, ["validate", "--format", "json"])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.exit_code == 1 and json.loads(result.output)


def test_colour_only_on_a_terminal_without_no_color(monkeypatch):
    class Terminal:
        def isatty(self):
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    assert cli_module._colour(Terminal())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not cli_module._colour(Terminal())
    monkeypatch.delenv("NO_COLOR")
    Terminal.isatty = lambda self: False
    assert not cli_module._colour(Terminal())


def test_rules_lists_every_rule():
    result = CliRunner().invoke(cli, ["rules"])
    assert result.exit_code == 0
    listed = [line.split()[:3] for line in result.output.splitlines()]
    assert listed == [[r.code, r.name, r.severity.value] for r in RULES.values()]


@pytest.mark.parametrize("query", ["Q301", "q301", "quote-not-found"])
def test_rules_explains_one(query):
    result = CliRunner().invoke(cli, ["rules", query])
    assert result.exit_code == 0 and result.output.startswith("Q301 quote-not-found (error)")


def test_rules_s104_lists_the_vocabulary():
    result = CliRunner().invoke(cli, ["rules", "S104"])
    assert "meeting" in result.output and "legal_action" in result.output
    assert "organization" in result.output


def test_unknown_rule_exits_2_with_a_suggestion():
    result = CliRunner().invoke(cli, ["rules", "quote-not-fuond"])
    assert result.exit_code == 2 and "did you mean quote-not-found?" in result.output


RUN_CLI = ("from graphviz_app.cli import main; sys.argv = ['graphviz-app', *{args!r}]\n"
           "try:\n    main()\nexcept SystemExit:\n    pass")


@pytest.mark.parametrize("args", [["--help"], ["validate"], ["validate", "--format", "json"],
                                  ["rules", "S104"]])
def test_validate_and_help_import_nothing_heavy(make_project, args):
    path = make_project(BROKEN)
    code = "import sys\n" + RUN_CLI.format(args=args) + "\n" + \
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'networkx', 'pyvis', 'pandas'}))"
    done = subprocess.run([sys.executable, "-c", code], cwd=path.parent.parent,
                          capture_output=True, text=True, timeout=60)
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stderr
    assert "Traceback" not in done.stderr

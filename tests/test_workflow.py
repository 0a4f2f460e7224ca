"""The curator's walk-through from the README: a new article, end to end."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner
from ruamel.yaml import YAML

from graphviz_app.cli import cli

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"

NEW_SEED = (
    " date 2023-01-04 Abbas rejects Hamas call to end coordination\n\n"
    "Palestinian Authority President Mahmoud Abbas on Wednesday rejected a Hamas call to end "
    "security coordination with Israel, his spokesman said.\n\n"
    "Hamas had urged the Palestinian Authority to stop all contacts with Israel.\n"
)

NEW_INTERACTION = """\
  - id: abbas-rejects-hamas-call
    type: rejection
    source: abbas
    target: hamas
    date: 2023-01-04
    summary: Abbas rejects Hamas's call to end security coordination.
    evidence:
{evidence}"""


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_adding_a_sixth_article_end_to_end(make_project):
    data = make_project()
    root = data.parent.parent
    seed = root / "seeds" / "b2.txt"
    seed.write_text(NEW_SEED, encoding="utf-8")

    # 1. list the seed in the data file
    added = run("add-article", str(seed), "--outlet", "WAFA", "--append", str(data))
    assert added.exit_code == 0, added.output
    assert "added article 'art-2023-01-04-abbas-rejects-hamas-call'" in added.stdout

    # 2. find the sentence to quote (typed with a straight apostrophe, any case)
    found = run("find", "rejected a hamas call", str(data))
    assert found.exit_code == 0, found.output
    snippet = found.stdout.split("\n\n", 1)[1].strip("\n") + "\n"
    assert snippet.startswith("      - article: art-2023-01-04-abbas-rejects-hamas-call\n")

    # 3. add the interaction, pasting the evidence as printed
    with data.open("a", encoding="utf-8") as handle:
        handle.write(NEW_INTERACTION.format(evidence=snippet))

    # 4. validate, then build
    checked = run("validate", str(data))
    assert checked.exit_code == 0, checked.output
    page = root / "docs" / "network.html"
    built = run("build", str(data), "-o", str(page))
    assert built.exit_code == 0, built.output
    assert "abbas-rejects-hamas-call" in page.read_text(encoding="utf-8")


def test_walk_through_is_in_the_readme():
    text = README.read_text(encoding="utf-8")
    section = text.split("### Adding an article", 1)[1].split("\n## ", 1)[0]
    for command in ("graphviz-app add-article", "graphviz-app find", "graphviz-app validate",
                    "graphviz-app build"):
        assert command in section


def test_every_curator_command_is_documented_with_an_example():
    text = README.read_text(encoding="utf-8")
    for command in ("export", "find", "watch", "stats", "schema", "add-article"):
        section = re.search(rf"^### {command}\n(.*?)(?=^##)", text, re.S | re.M)
        assert section, f"README has no ### {command} section"
        assert f"graphviz-app {command}" in section.group(1)
        assert "Example:" in run(command, "--help").stdout


def test_pre_commit_hook_runs_validate_on_data_files():
    [hook] = YAML(typ="safe").load(ROOT / ".pre-commit-hooks.yaml")
    assert hook["id"] == "graphviz-app-validate"
    assert hook["entry"] == "graphviz-app validate" and hook["language"] == "python"
    assert hook["pass_filenames"] is False
    files = re.compile(hook["files"])
    assert files.search("data/network.yaml") and files.search("data/extra.yml")
    assert not files.search("docs/network.html") and not files.search("seeds/a.txt")

"""The page names its project, lists every source, and comes in an embeddable form."""

from __future__ import annotations

import html as html_lib
import re

from click.testing import CliRunner
from conftest import MINI

from graphviz_app import render
from graphviz_app.checks import validate
from graphviz_app.cli import cli

TITLED = ("title: Security coordination, as <reported>\n"
          "description: Who met whom & why, in \"five\" articles.\n" + MINI)
def head(html: str) -> str:
    return html.split("</head>")[0]


def meta(html: str, attribute: str, name: str) -> str | None:
    found = re.search(rf'<meta {attribute}="{name}" content="([^"]*)">', head(html))
    return html_lib.unescape(found.group(1)) if found else None


def test_the_datas_title_and_description_name_the_page(make_project):
    checked = validate(make_project(TITLED))
    assert checked.ok(), checked.problems
    page = render.render_html(checked)
    title = "Security coordination, as <reported>"
    description = 'Who met whom & why, in "five" articles.'
    assert re.search(r"<title>(.*)</title>", page).group(1) == html_lib.escape(title)
    assert re.search(r"<h1>(.*)</h1>", page).group(1) == html_lib.escape(title)
    assert meta(page, "property", "og:title") == title
    assert meta(page, "name", "description") == description
    assert meta(page, "property", "og:description") == description
    shown = re.search(r'<p id="description" class="description">(.*)</p>', page).group(1)
    assert html_lib.unescape(shown) == description and "<reported>" not in page
    assert render.TITLE not in page


def test_without_a_title_the_page_keeps_its_generic_headline(make_project):
    page = render.render_html(validate(make_project()))
    assert f"<title>{render.TITLE}</title>" in page
    assert meta(page, "property", "og:title") == render.TITLE
    assert meta(page, "name", "description") is None and 'id="description"' not in page


def test_build_embed_writes_the_embeddable_page_with_the_full_pages_positions(make_project,
                                                                             tmp_path):
    data = make_project()
    site = tmp_path / "site"
    full = CliRunner().invoke(cli, ["build", str(data), "-o", str(site / "network.html")])
    assert full.exit_code == 0, full.output
    cache = (site / "network.positions.json").read_bytes()
    embed = ["build", str(data), "--embed", "-o", str(site / "embed.html")]
    result = CliRunner().invoke(cli, embed)
    assert result.exit_code == 0, result.output
    assert "wrote" in result.output and "embed.html" in result.output
    page = (site / "embed.html").read_text(encoding="utf-8")
    assert '<body class="embed">' in page
    assert '<a id="full-page" href="network.html"' in page
    assert not (site / "embed.positions.json").exists()  # it shares the full page's layout
    assert (site / "network.positions.json").read_bytes() == cache
    full_page = (site / "network.html").read_text(encoding="utf-8")
    assert '<body class="embed">' not in full_page and "<body>" in full_page


def test_build_help_mentions_embed():
    result = CliRunner().invoke(cli, ["build", "--help"])
    assert result.exit_code == 0
    assert "--embed" in result.output and "iframe" in result.output

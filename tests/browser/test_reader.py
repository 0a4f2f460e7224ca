"""The reader and the quote's paragraph: the seed's date line is hidden, paragraphs split at
any line break (LF, CR LF or CR alone), and the marked text is isolated from bidi controls."""

from __future__ import annotations

import pytest
from conftest import MINI

from browser.test_page import RICH, SEED, SEED_2, build_page

pytestmark = pytest.mark.browser

GANTZ = ("Israel's defense minister Benny Gantz on Wednesday told Mahmoud Abbas that it is of "
         "utmost importance to keep talking.")
HAMAS = "Hamas condemned the call between Gantz and Abbas as a betrayal of the Palestinian people."


def reader_paragraphs(page) -> list[str]:
    return page.page.locator("#reader-text p").all_inner_texts()


def open_quote(page, interaction: str) -> None:
    page.js("id => graphPage.openInteraction(id)", interaction)


@pytest.mark.parametrize("newline", ["\n", "\r", "\r\n"], ids=["LF", "CR", "CRLF"])
def test_single_line_breaks_make_paragraphs_and_the_date_line_is_hidden(
        make_project, open_page, newline):
    text = newline.join([" date 2022-12-28 ", GANTZ, HAMAS, "   ", ""])
    data_file = make_project(MINI, {"a1.txt": "placeholder"})
    (data_file.parent.parent / "seeds" / "a1.txt").write_bytes(text.encode("utf-8"))
    page = open_page(build_page(lambda *_: data_file, MINI, {}))
    open_quote(page, "hamas-condemns-call")
    assert page.page.locator("#panel-body .context").inner_text() == HAMAS  # its line alone
    page.page.get_by_role("button", name="Read the whole article").click()
    assert reader_paragraphs(page) == [GANTZ, HAMAS]
    assert page.page.locator("#reader-text mark").inner_text() == (
        "Hamas condemned the call between Gantz and Abbas as a betrayal")
    assert page.errors == []


def test_a_headline_on_the_date_line_stays_as_the_first_paragraph(make_project, open_page):
    page = open_page(build_page(make_project, RICH, {"a1.txt": SEED, "a2.txt": SEED_2}))
    open_quote(page, "abbas-gantz-meeting")
    page.page.get_by_role("button", name="Read the whole article").click()
    paragraphs = reader_paragraphs(page)
    assert paragraphs[0] == "Abbas and Gantz meet again"
    assert not any("date 2023" in p for p in paragraphs)
    assert page.page.locator("#reader-text mark").inner_text() == (
        "Abbas met Gantz again in Ramallah to discuss the security channel")
    page.page.keyboard.press("Escape")
    open_quote(page, "gantz-abbas-call")  # SEED: a headline, then blank-line paragraphs
    context = page.page.locator("#panel-body .context").first.inner_text()
    assert "date 2022" not in context and context.startswith("Israel")


def test_marked_text_is_isolated_from_bidi_controls(make_project, open_page):
    page = open_page(build_page(make_project, RICH, {"a1.txt": SEED, "a2.txt": SEED_2}))
    open_quote(page, "gantz-abbas-call")
    style = "sel => getComputedStyle(document.querySelector(sel)).unicodeBidi"
    assert page.js(style, "#panel-body mark") == "isolate"
    assert page.js(style, "#panel-body .context") == "isolate"


def test_an_open_reader_marks_the_quote_as_new_data_now_cites_it(make_project, open_page):
    """A quote edited while its article is open in the reader: the reader marks the new one."""
    page = open_page(build_page(make_project, RICH, {"a1.txt": SEED, "a2.txt": SEED_2}))
    open_quote(page, "hamas-condemns-call")
    page.page.get_by_role("button", name="Read the whole article").click()
    before = page.page.locator("#reader-text mark").inner_text()
    shorter = before.rsplit(" ", 3)[0]
    page.js("""quote => {
      const vis = JSON.parse(document.getElementById('vis-data').textContent);
      const data = JSON.parse(document.getElementById('page-data').textContent);
      const ev = data.interactions.find((it) => it.id === 'hamas-condemns-call').evidence[0];
      ev.end = ev.start + quote.length;  // as a rebuild finds the shortened quote
      ev.quote = quote;
      graphPage.replaceData(vis, data);
    }""", shorter)
    assert page.page.locator("#reader").is_visible()
    assert page.page.locator("#reader-text mark").inner_text() == shorter
    assert page.errors == []

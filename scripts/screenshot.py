"""Regenerate docs/screenshot.png: the shipped page at 1280x800 with an interaction's evidence open.

Usage: python scripts/screenshot.py [PAGE] [PNG] [--interaction ID]
Needs Playwright for Python and Chromium at /usr/bin/chromium; the page is opened offline.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def offline(route) -> None:
    """Let the page read itself, nothing else."""
    if route.request.url.startswith(("file:", "data:")):
        route.continue_()
    else:
        route.abort()


def busiest_interaction(page) -> str:
    """The interaction with the most quotes (the first of them), to show a full panel."""
    return page.evaluate("""() => {
        const data = JSON.parse(document.getElementById('page-data').textContent);
        return data.interactions.reduce((a, b) => b.evidence.length > a.evidence.length ? b : a).id;
    }""")


def screenshot(page_path: Path, png: Path, interaction: str | None) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
        page = browser.new_page(viewport={"width": 1280, "height": 800}, device_scale_factor=1)
        page.route("**/*", offline)
        page.goto(page_path.resolve().as_uri())
        page.wait_for_function("document.body.dataset.ready === 'true'")
        chosen = interaction or busiest_interaction(page)
        page.evaluate("id => graphPage.openInteraction(id)", chosen)
        page.wait_for_timeout(400)  # the view settles on the chosen edge over two frames
        png.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(png))
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page", nargs="?", type=Path, default=ROOT / "docs" / "network.html")
    parser.add_argument("png", nargs="?", type=Path, default=ROOT / "docs" / "screenshot.png")
    parser.add_argument("--interaction", help="the interaction whose evidence to show")
    args = parser.parse_args()
    screenshot(args.page, args.png, args.interaction)
    print(f"wrote {args.png}")


if __name__ == "__main__":
    main()

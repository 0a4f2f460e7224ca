"""Regenerate the README's screenshots of the shipped page, opened offline.

  desktop  docs/screenshot.png         1280x800, an interaction's evidence in the side panel
  phone    docs/screenshot-phone.png   390x844 with touch, the evidence as a sheet over the network
  tablet   docs/screenshot-tablet.png  768x1024 with touch, the table view beside the filters

Usage: python scripts/screenshot.py [PAGE] [--device desktop|phone|tablet|all] [--png PNG]
       [--interaction ID]
Needs Playwright for Python and Chromium at /usr/bin/chromium.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# name -> (browser context options, what to show, default file)
DEVICES = {
    "desktop": ({"viewport": {"width": 1280, "height": 800}, "device_scale_factor": 1},
                "evidence", "screenshot.png"),
    "phone": ({"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2,
               "is_mobile": True, "has_touch": True}, "evidence", "screenshot-phone.png"),
    "tablet": ({"viewport": {"width": 768, "height": 1024}, "device_scale_factor": 1,
                "is_mobile": True, "has_touch": True}, "table", "screenshot-tablet.png"),
}


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


def screenshot(browser, page_path: Path, png: Path, device: str, interaction: str | None) -> None:
    options, show, _ = DEVICES[device]
    context = browser.new_context(**options)
    page = context.new_page()
    page.route("**/*", offline)
    page.goto(page_path.resolve().as_uri())
    page.wait_for_function("document.body.dataset.ready === 'true'")
    if show == "table":
        page.get_by_role("button", name="Table", exact=True).click()
    else:
        chosen = interaction or busiest_interaction(page)
        page.evaluate("id => graphPage.openInteraction(id)", chosen)
    page.wait_for_timeout(400)  # the view settles on the chosen edge over two frames
    png.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(png))
    context.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page", nargs="?", type=Path, default=ROOT / "docs" / "network.html")
    parser.add_argument("--device", choices=[*DEVICES, "all"], default="all")
    parser.add_argument("--png", type=Path, help="where to write (one device only)")
    parser.add_argument("--interaction", help="the interaction whose evidence to show")
    args = parser.parse_args()
    devices = list(DEVICES) if args.device == "all" else [args.device]
    if args.png and len(devices) > 1:
        parser.error("--png needs a single --device")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
        for device in devices:
            png = args.png or ROOT / "docs" / DEVICES[device][2]
            screenshot(browser, args.page, png, device, args.interaction)
            print(f"wrote {png}")
        browser.close()


if __name__ == "__main__":
    main()

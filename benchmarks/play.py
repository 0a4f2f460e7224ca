"""How fast the page's timeline plays: steps a second at the fastest speed, in Chromium.

Example:

    python benchmarks/generate.py /tmp/b10k --interactions 10000 --articles 1000 \
        --actors 2000 --seed 1
    python -m graphviz_app build /tmp/b10k/data/network.yaml -o /tmp/b10k/docs/network.html
    python benchmarks/play.py /tmp/b10k/docs/network.html --mode all --seconds 10

The page stamps `performance.now()` at the end of every step (each step filters and draws
the network) in `window.timelineSteps`; the rate is the steps after the first over the time
they took, so a slow first step (vis making items it has not drawn before) shows in the
longest gap rather than in the rate.
"""

from __future__ import annotations

import argparse
import statistics
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run"]


def play_rate(page_path: Path, mode: str, seconds: float) -> dict:
    """Play the timeline at its fastest speed for ``seconds``; the steps and their pace."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.goto(page_path.resolve().as_uri())
        page.wait_for_function("() => document.body.dataset.ready === 'true'", timeout=120000)
        fastest = page.evaluate("() => [...document.querySelectorAll('#play-speed option')]"
                                ".map(o => o.value).at(-1)")
        page.select_option("#play-mode", mode)
        page.select_option("#play-speed", fastest)
        page.click("#play")
        page.wait_for_timeout(seconds * 1000)
        stamps = page.evaluate("window.timelineSteps")
        months = page.evaluate("() => document.getElementById('histogram').children.length")
        browser.close()
    gaps = [b - a for a, b in zip(stamps, stamps[1:], strict=False)]
    span = (stamps[-1] - stamps[0]) / 1000 if len(stamps) > 1 else 0
    return {"months": months, "asked": float(fastest), "steps": len(stamps),
            "rate": (len(stamps) - 1) / span if span else 0.0,
            "median_gap_ms": statistics.median(gaps) if gaps else 0.0,
            "max_gap_ms": max(gaps, default=0.0)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("page", type=Path)
    parser.add_argument("--mode", default="all", help="all, or a window of 1, 3 or 12 months")
    parser.add_argument("--seconds", type=float, default=10.0)
    args = parser.parse_args()
    r = play_rate(args.page, args.mode, args.seconds)
    print(f"{r['months']} months, mode {args.mode}, asked {r['asked']:g} steps/s: "
          f"{r['steps']} steps in {args.seconds:g} s, {r['rate']:.2f} steps/s, "
          f"median gap {r['median_gap_ms']:.0f} ms, longest {r['max_gap_ms']:.0f} ms")


if __name__ == "__main__":
    main()

"""Time graphviz-app on the shipped data and on synthetic projects; print a markdown table.

For each case it times ``validate``, ``build`` twice (the first build computes the layout,
the second may reuse cached positions) and how long the page takes to be drawn in headless
Chromium, and records the peak memory of each command and the size of the page. The shipped
data is also drawn by a bare pyvis script (YAML -> networkx -> pyvis -> write_html), the
baseline that ``build`` is compared with.

Example:

    python benchmarks/run.py                      # shipped data, 1,000 and 10,000 interactions
    python benchmarks/run.py --cases 1k --repeat 1
    python benchmarks/run.py --profile 10k        # top functions of validate and build
"""

from __future__ import annotations

import argparse
import hashlib
import os
import pstats
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

# name -> (interactions, articles, actors); the shipped data is the case "shipped"
SYNTHETIC = {
    "1k": (1000, 100, 200),
    "10k": (10000, 1000, 2000),
    "30k": (30000, 3000, 6000),
    "100k": (100000, 10000, 20000),
}
EDITS = 3  # one-line edits per case for the edit-to-page time (median)
LIVE_CASES = ("shipped", "1k", "10k")  # the cases whose edit-to-page time is measured
CHROMIUM = "/usr/bin/chromium"
BROWSER_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PAGE_TIMEOUT_MS = 180_000
# children import the package from this checkout, whichever copy is installed
CHILD_ENV = {
    **os.environ,
    "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
}

BASELINE = """
import sys
import networkx as nx
from pyvis.network import Network
from ruamel.yaml import YAML

data = YAML(typ="safe").load(open(sys.argv[1], encoding="utf-8"))
graph = nx.MultiDiGraph()
for actor in data["actors"]:
    graph.add_node(actor["id"], label=actor["name"])
for item in data["interactions"]:
    graph.add_edge(item["source"], item["target"], title=item["summary"])
net = Network(height="800px", width="100%", directed=True, cdn_resources="in_line")
net.from_nx(graph)
net.write_html(sys.argv[2])
"""

# Runs before the page's own scripts: note when the vis network is assigned, when it first
# draws, and when its physics (if any) has settled, so "ready" means drawn in its final place.
READY_PROBE = """
(() => {
  const marks = window.__bench = {};
  let current;
  const watch = (net) => {
    marks.created = performance.now();
    const physics = net.physics && net.physics.options && net.physics.options.enabled;
    marks.physics = Boolean(physics);
    net.once('afterDrawing', () => { marks.drawn = performance.now(); });
    net.once('stabilized', () => { marks.stabilized = performance.now(); });
  };
  Object.defineProperty(window, 'network', {
    configurable: true,
    get() { return current; },
    set(value) { current = value; if (value && value.once) watch(value); },
  });
})();
"""

READY_WAIT = """
() => new Promise((resolve) => {
  const marks = window.__bench || {};
  // the page notes when it first drew; the probe's own mark covers pages that do not
  if (window.pageDrawnAt !== undefined) marks.drawn = window.pageDrawnAt;
  const settled = () => marks.stabilized !== undefined
                        || (window.network && window.network.physics.stabilized);
  const done = () => marks.drawn !== undefined && (!marks.physics || settled());
  // how far any node is from the place the page gave it: 0 when drawn where it was put
  const maxMoved = () => {
    if (!window.network || !window.nodes || !window.nodes.get) return null;
    const placed = window.nodes.get().filter((n) => n.x !== undefined && n.y !== undefined);
    if (!placed.length) return null;
    const now = window.network.getPositions(placed.map((n) => n.id));
    return Math.max(...placed.map((n) => Math.hypot(now[n.id].x - n.x, now[n.id].y - n.y)));
  };
  const tick = () => {
    if (window.pageDrawnAt !== undefined) marks.drawn = window.pageDrawnAt;
    if (done()) {
      const ready = marks.physics ? Math.max(marks.drawn, marks.stabilized || marks.drawn)
                                  : marks.drawn;
      resolve({ready, physics: marks.physics, drawn: marks.drawn,
               stabilized: marks.stabilized || null,
               nodes: window.network ? window.network.body.nodeIndices.length : null,
               moved: maxMoved()});
    } else { setTimeout(tick, 10); }
  };
  tick();
})
"""


@dataclass
class Run:
    """One command run: wall time and the peak resident memory of the child process."""

    seconds: float
    peak_mb: float
    returncode: int


@dataclass
class Row:
    case: str
    interactions: int | str
    cells: dict[str, str] = field(default_factory=dict)
    validate_seconds: float | None = None


def timed(command: list[str], cwd: Path) -> Run:
    """Run a command to completion; wall time and peak RSS come from wait4 on that child."""
    # stderr goes to a file, not a pipe: a chatty child must not block on a full pipe
    with open(os.devnull, "wb") as null, tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        child = subprocess.Popen(command, cwd=cwd, stdout=null, stderr=errors, env=CHILD_ENV)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        errors.seek(0)
        message = errors.read().decode("utf-8", "replace")
    if child.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(command)} failed ({child.returncode}):\n{message[-2000:]}")
    return Run(seconds, usage.ru_maxrss / 1024, child.returncode)


def median_run(command: list[str], cwd: Path, repeat: int) -> Run:
    runs = [timed(command, cwd) for _ in range(repeat)]
    return Run(
        statistics.median(r.seconds for r in runs),
        max(r.peak_mb for r in runs),
        runs[-1].returncode,
    )


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "graphviz_app", *args]


def page_ready(html: Path, repeat: int) -> tuple[float, dict]:
    """Median seconds from navigation start until the network is drawn in its final place."""
    from playwright.sync_api import sync_playwright

    results = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        for _ in range(repeat):
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.add_init_script(READY_PROBE)
            page.goto(html.resolve().as_uri(), wait_until="commit", timeout=PAGE_TIMEOUT_MS)
            # a function, not an expression: the page's CSP forbids evaluating strings
            page.wait_for_function(
                "() => window.__bench && window.__bench.created !== undefined",
                timeout=PAGE_TIMEOUT_MS,
            )
            results.append(page.evaluate(READY_WAIT))
            page.close()
        browser.close()
    return statistics.median(r["ready"] for r in results) / 1000, results[-1]


def synthetic_project(workdir: Path, name: str) -> Path:
    """Generate (once) the synthetic project of a case and return its data file."""
    interactions, articles, actors = SYNTHETIC[name]
    root = workdir / name
    # a changed generator makes a new project
    version = hashlib.sha256((HERE / "generate.py").read_bytes()).hexdigest()[:12]
    stamp = root / f".generated-{interactions}-{articles}-{actors}-{version}"
    if not stamp.exists():
        generate(root, interactions, articles, actors, seed=1)
        stamp.touch()
    return root / "data" / "network.yaml"


def shipped_project(workdir: Path) -> Path | None:
    """A copy of the shipped data and seeds, so builds write nothing into the checkout."""
    source = REPO / "data" / "network.yaml"
    if not source.exists():
        return None
    root = workdir / "shipped"
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(REPO / "seeds", root / "seeds")
    (root / "data").mkdir(parents=True)
    shutil.copy2(source, root / "data" / "network.yaml")
    return root / "data" / "network.yaml"


def measure_case(name: str, data: Path, repeat: int, browser: bool) -> Row:
    """Validate, build (cold, then warm) and draw one project."""
    root = data.parent.parent
    page = root / "out" / "network.html"
    row = Row(name, count_interactions(data))
    check = median_run(cli("validate", str(data)), root, repeat)
    row.cells["validate s"] = f"{check.seconds:.2f}"
    row.validate_seconds = check.seconds
    row.cells["validate MB"] = f"{check.peak_mb:.0f}"
    if check.returncode != 0:
        row.cells["build s (cold / warm)"] = "data errors"
        return row
    shutil.rmtree(page.parent, ignore_errors=True)  # no cached positions: a cold build
    cold = timed(cli("build", str(data), "-o", str(page)), root)
    warm = median_run(cli("build", str(data), "-o", str(page)), root, repeat)
    row.cells["build s (cold / warm)"] = f"{cold.seconds:.2f} / {warm.seconds:.2f}"
    row.cells["build MB"] = f"{max(cold.peak_mb, warm.peak_mb):.0f}"
    row.cells["HTML MB"] = f"{page.stat().st_size / 1e6:.2f}"
    if browser:
        row.cells["page ready s"] = describe_ready(*page_ready(page, repeat))
    if browser and name in LIVE_CASES:
        rebuild, to_page = edit_to_page(data)
        row.cells["rebuild s"] = f"{rebuild:.2f}"
        row.cells["edit to page s"] = f"{to_page:.2f} ({to_page / warm.seconds:.2f}x warm build)"
    return row


def edit_to_page(data: Path, edits: int = EDITS) -> tuple[float, float]:
    """Median seconds of a one-line edit under ``serve``: (rebuild, save to page redrawn).

    ``serve --no-open`` runs on a copy of the project with the page open in headless
    Chromium; each edit changes one interaction's summary. *Rebuild* is the time the
    server reports for the build; *edit to page* runs from just before the save until
    the open tab shows the edited text in the interaction's open panel and has drawn the
    new build (taken in place, without loading the page again).
    """
    import re

    from playwright.sync_api import sync_playwright

    root = data.parent.parent
    work = root.parent / f"{root.name}-serve"
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(root / "seeds", work / "seeds")
    (work / "data").mkdir(parents=True)
    shutil.copy2(data, work / "data" / "network.yaml")
    edited = work / "data" / "network.yaml"
    log = work / "serve.log"
    with open(log, "wb") as out:
        server = subprocess.Popen(
            cli("serve", str(edited), "-o", str(work / "out" / "network.html"), "--port", "0",
                "--no-open"), cwd=work, stdout=out, stderr=subprocess.STDOUT, env=CHILD_ENV)
    try:
        url = _wait_for(lambda: re.search(r"serving (http://\S+/)", log.read_text()), 600)[1]
        _wait_for(lambda: "wrote" in log.read_text(), 1800)
        rebuilds, to_page = [], []
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.goto(url, timeout=PAGE_TIMEOUT_MS)
            page.wait_for_function("() => document.body.dataset.ready === 'true'",
                                   timeout=PAGE_TIMEOUT_MS)
            first = edited.read_text(encoding="utf-8")
            edited_id = re.findall(r"-\s+id:\s*(\S+)", first[:first.index("summary: ")])[-1]
            page.evaluate("id => graphPage.openInteraction(id)", edited_id)
            for n in range(edits):
                marker = f"Edited {n} "
                text = edited.read_text(encoding="utf-8")
                text = text.replace("summary: ", "summary: " + marker, 1)
                builds = log.read_text().count(" wrote ")
                shown = page.evaluate("document.body.dataset.previewBuild")
                started = time.perf_counter()
                temporary = edited.with_name("network.yaml.tmp")
                temporary.write_text(text, encoding="utf-8")
                os.replace(temporary, edited)
                _wait_for(lambda m=marker, b=shown: page.evaluate(
                    "([m, b]) => document.body.dataset.previewBuild !== b && "
                    "document.getElementById('panel-body').textContent.includes(m)", [m, b]), 600)
                to_page.append(time.perf_counter() - started)
                _wait_for(lambda b=builds: log.read_text().count(" wrote ") > b, 60)
                rebuilds.append(float(re.findall(r" in ([0-9.]+) s", log.read_text())[-1]))
                page.wait_for_timeout(300)
            browser.close()
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(60)
        except subprocess.TimeoutExpired:
            server.kill()
    return statistics.median(rebuilds), statistics.median(to_page)


def _wait_for(condition, timeout: float):
    """Poll ``condition`` (which may fail while a page reloads) until it holds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = condition()
        except Exception:  # the page's context is gone while it reloads
            value = None
        if value:
            return value
        time.sleep(0.01)
    raise TimeoutError("timed out")


def measure_baseline(data: Path, repeat: int, browser: bool) -> Row:
    """The bare pyvis script on the same data: what ``build`` is compared with."""
    root = data.parent.parent
    page = root / "out" / "baseline.html"
    page.parent.mkdir(parents=True, exist_ok=True)
    run = median_run([sys.executable, "-c", BASELINE, str(data), str(page)], root, repeat)
    row = Row("shipped, bare pyvis", count_interactions(data))
    row.cells["build s (cold / warm)"] = f"{run.seconds:.2f}"
    row.cells["build MB"] = f"{run.peak_mb:.0f}"
    row.cells["HTML MB"] = f"{page.stat().st_size / 1e6:.2f}"
    if browser:
        row.cells["page ready s"] = describe_ready(*page_ready(page, repeat))
    return row


def describe_ready(seconds: float, details: dict) -> str:
    """Seconds, flagged when physics moved the nodes after the first drawing."""
    print(f"  page: {details}", file=sys.stderr)
    suffix = " (physics)" if details.get("physics") else ""
    if details.get("moved"):
        suffix += f" (nodes moved {details['moved']:.0f} px)"
    return f"{seconds:.2f}{suffix}"


def count_interactions(data: Path) -> int:
    """Counted from the text, so a case with errors still gets its size."""
    text = data.read_text(encoding="utf-8")
    section = text.split("\ninteractions:", 1)[-1]
    return sum(1 for line in section.splitlines() if line.startswith("  - id:"))


def help_ms(repeat: int = 5) -> float:
    """Median wall time of ``graphviz-app --help`` in a fresh interpreter."""
    return statistics.median(timed(cli("--help"), REPO).seconds for _ in range(repeat)) * 1000


COLUMNS = [
    "validate s",
    "validate MB",
    "build s (cold / warm)",
    "build MB",
    "page ready s",
    "HTML MB",
    "rebuild s",
    "edit to page s",
]


def table(rows: list[Row]) -> str:
    header = "| case | interactions | " + " | ".join(COLUMNS) + " |"
    lines = [header, "|" + "---|" * (len(COLUMNS) + 2)]
    for row in rows:
        cells = [row.cells.get(c, "-") for c in COLUMNS]
        lines.append(f"| {row.case} | {row.interactions:,} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def growth(rows: list[Row]) -> str:
    """How validate's time grows with the interactions, case to case (linear: as many x)."""
    sized = [(row.interactions, row.validate_seconds, row.case) for row in rows
             if row.validate_seconds and row.case in SYNTHETIC]
    lines = []
    for (n0, t0, c0), (n1, t1, c1) in zip(sized, sized[1:], strict=False):
        lines.append(f"validate, {c0} -> {c1} ({n1 / n0:.1f}x the interactions): "
                     f"{t1 / t0:.1f}x the time ({t0:.2f} s -> {t1:.2f} s)")
    return "\n" + "\n".join(lines) if lines else ""


def profile(workdir: Path, name: str, top: int) -> None:
    """Print the functions that validate and build spend their time in."""
    data = shipped_project(workdir) if name == "shipped" else synthetic_project(workdir, name)
    root = data.parent.parent
    for command in (["validate", str(data)], ["build", str(data), "-o", str(root / "out/p.html")]):
        stats_file = root / f"{command[0]}.prof"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "cProfile",
                "-o",
                str(stats_file),
                "-m",
                "graphviz_app",
                *command,
            ],
            cwd=root,
            capture_output=True,
            env=CHILD_ENV,
        )
        print(f"\n## {command[0]} ({name})\n")
        stats = pstats.Stats(str(stats_file))
        stats.sort_stats("cumulative").print_stats(top)
        stats.sort_stats("tottime").print_stats(top)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--cases", nargs="+", default=["shipped", "1k", "10k"], choices=["shipped", *SYNTHETIC]
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs per small case (median)")
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "gva-bench")
    parser.add_argument("--no-browser", action="store_true", help="skip the page-ready timing")
    parser.add_argument(
        "--profile", choices=["shipped", *SYNTHETIC], help="profile one case instead"
    )
    args = parser.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    if args.profile:
        profile(args.workdir, args.profile, top=25)
        return
    rows = []
    for name in args.cases:
        rows.extend(run_case(name, args))
    print(table(rows))
    if growth_line := growth(rows):
        print(growth_line)
    print(f"\n`graphviz-app --help`: {help_ms():.0f} ms (median of 5, fresh interpreter)")


def run_case(name: str, args) -> list[Row]:
    """The rows of one case; the shipped data adds the bare pyvis baseline."""
    browser = not args.no_browser
    if name != "shipped":
        repeat = 1 if name in ("10k", "30k", "100k") else args.repeat
        print(f"measuring {name} ...", file=sys.stderr)
        return [measure_case(name, synthetic_project(args.workdir, name), repeat, browser)]
    data = shipped_project(args.workdir)
    if data is None:
        print("no data/network.yaml: the shipped case is skipped", file=sys.stderr)
        return []
    print("measuring the shipped data ...", file=sys.stderr)
    return [
        measure_case("shipped", data, args.repeat, browser),
        measure_baseline(data, args.repeat, browser),
    ]


if __name__ == "__main__":
    main()

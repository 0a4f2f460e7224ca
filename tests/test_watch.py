"""graphviz-app watch: real file changes in a temporary project rebuild the page."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from conftest import MINI, ROOT

from graphviz_app.checks import validate
from graphviz_app.files import write_atomic
from graphviz_app.render import render_html
from graphviz_app.watch import InputContents, input_filter, watch_and_rebuild, watched_folders

TIMEOUT = 30


def wait_for(condition, timeout: float = TIMEOUT) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def save_by_rename(path: Path, text: str) -> None:
    """Save the way many editors do: write a sibling file, then rename it over the original."""
    tmp = path.with_name(path.name + ".swp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def test_watches_the_folders_and_only_the_inputs(make_project):
    data = make_project()
    root = data.parent.parent
    assert watched_folders(data, root) == [root.resolve()]  # data/ may be deleted and made again
    is_input = input_filter(data, root)
    assert is_input(None, str(data))
    assert is_input(None, str(root / "seeds" / "b2.txt"))
    assert not is_input(None, str(root / "data" / ".network.yaml.swp"))
    assert not is_input(None, str(root / "data" / "network.yaml~"))
    assert not is_input(None, str(root / "docs" / "network.html"))


@contextlib.contextmanager
def watching(data: Path, events: bool = True):
    """A watch loop in a thread that builds the page of ``data``, as the commands run it;
    yields what each build found (True, False for data errors, None for a missing data
    file), the page, and an Event set when the loop is idle. Without ``events`` the loop
    hears of no change at all and has only its looks at the inputs to go by."""
    root, page = data.parent.parent, data.parent.parent / "docs" / "network.html"
    outcomes: list[bool | None] = []

    def rebuild():
        try:
            checked = validate(data)
        except FileNotFoundError:  # the command says so and goes on watching
            outcomes.append(None)
            return
        if checked.ok():
            write_atomic(page, render_html(checked))
        outcomes.append(checked.ok())

    stop = threading.Event()
    idle = threading.Event()
    is_input = input_filter(data, root) if events else (lambda change, path: False)
    loop = threading.Thread(target=watch_and_rebuild, daemon=True, args=(
        watched_folders(data, root), rebuild, is_input, stop),
        kwargs={"when_idle": idle.set, "contents": InputContents(data, root)})
    loop.start()
    try:
        yield outcomes, page, idle
    finally:
        stop.set()
        loop.join(TIMEOUT)
    assert not loop.is_alive()


def test_loop_rebuilds_after_an_edit_and_keeps_the_page_after_a_bad_one(make_project):
    data = make_project()
    with watching(data) as (outcomes, page, idle):
        assert wait_for(lambda: outcomes == [True])  # the watcher is in place by now
        assert idle.wait(TIMEOUT)  # told when nothing happens after a build
        save_by_rename(data, MINI.replace("Hamas condemns the call.", "Hamas denounces the call."))
        assert wait_for(lambda: "Hamas denounces the call." in page.read_text(encoding="utf-8"))
        good = page.read_bytes()
        save_by_rename(data, MINI.replace("type: call", "type: cal"))
        assert wait_for(lambda: len(outcomes) >= 3 and outcomes[-1] is False)
        assert page.read_bytes() == good


def test_command_rebuilds_reports_and_stops_cleanly_on_ctrl_c(make_project):
    data = make_project()
    root = data.parent.parent
    page = root / "docs" / "network.html"
    out, err = root / "stdout.txt", root / "stderr.txt"
    with out.open("wb") as stdout, err.open("wb") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "graphviz_app", "watch", str(data), "-o", str(page)],
            cwd=root, stdout=stdout, stderr=stderr,
            env={**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(ROOT)})
        try:
            assert wait_for(lambda: out.read_text().count("wrote") == 1), err.read_text()
            save_by_rename(data, MINI.replace("Hamas condemns the call.", "Hamas rages."))
            assert wait_for(lambda: "Hamas rages." in page.read_text(encoding="utf-8"))
            good = page.read_bytes()
            save_by_rename(data, MINI.replace("source: hamas", "source: hamass"))
            assert wait_for(lambda: "left unchanged" in err.read_text()), err.read_text()
            assert page.read_bytes() == good
            process.send_signal(signal.SIGINT)
            assert process.wait(TIMEOUT) == 0
        finally:
            if process.poll() is None:
                process.kill()
    assert "R201" in err.read_text() and "did you mean" in err.read_text()
    assert "Traceback" not in err.read_text()
    assert out.read_text().startswith("watching ")
    assert out.read_text().rstrip().endswith("stopped watching")


def test_one_save_spread_over_several_bursts_builds_once(make_project):
    data = make_project()
    root = data.parent.parent
    seed = root / "seeds" / "a1.txt"
    built: list[str] = []

    def rebuild():
        built.append(seed.read_text(encoding="utf-8"))

    stop = threading.Event()
    loop = threading.Thread(target=watch_and_rebuild, daemon=True, args=(
        watched_folders(data, root), rebuild, input_filter(data, root), stop),
        kwargs={"contents": InputContents(data, root)})
    loop.start()
    try:
        assert wait_for(lambda: len(built) == 1)
        with seed.open("a", encoding="utf-8") as file:  # one append ...
            file.write("An appended paragraph.\n")
        assert wait_for(lambda: len(built) == 2)
        time.sleep(0.5)
        os.chmod(seed, 0o644)  # ... and the editor's late touches of the same save
        os.utime(seed)
        time.sleep(1.5)  # well past the end of a burst
        assert len(built) == 2 and built[-1].endswith("An appended paragraph.\n")
        save_by_rename(data, MINI.replace("Hamas condemns", "Hamas denounces"))
        assert wait_for(lambda: len(built) == 3)  # a real change still builds
    finally:
        stop.set()
        loop.join(TIMEOUT)


def test_a_change_no_event_told_of_is_still_built(make_project):
    data = make_project()
    with watching(data, events=False) as (outcomes, page, _):
        assert wait_for(lambda: outcomes == [True])
        save_by_rename(data, MINI.replace("Hamas condemns the call.", "Hamas is back."))
        assert wait_for(lambda: "Hamas is back." in page.read_text(encoding="utf-8"), 10)
        time.sleep(2.5)  # idle: the inputs are looked at again, and nothing is built
        assert outcomes == [True, True]


def test_a_data_folder_deleted_and_made_again_is_still_watched(make_project):
    import shutil

    data = make_project()
    with watching(data) as (outcomes, page, _):
        assert wait_for(lambda: outcomes == [True])
        shutil.rmtree(data.parent)
        time.sleep(0.5)
        data.parent.mkdir()
        data.write_text(MINI.replace("Hamas condemns the call.", "Hamas is back."), "utf-8")
        assert wait_for(lambda: "Hamas is back." in page.read_text(encoding="utf-8"))

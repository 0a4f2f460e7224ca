"""Reading only regular files within a size limit, and writing outputs without replacing
what is not a regular file."""

from __future__ import annotations

import os
import stat
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphviz_app import files
from graphviz_app.checks import validate
from graphviz_app.cli import cli
from graphviz_app.corpus import read_article
from graphviz_app.files import (
    InputRefused,
    OutputError,
    read_regular,
    resolves_inside,
    write_atomic,
)

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")


def run_briefly(function, *args, timeout: float = 5.0):
    """Run ``function`` in a thread; fail (instead of hanging the suite) if it blocks."""
    outcome: dict = {}

    def target():
        try:
            outcome["value"] = function(*args)
        except BaseException as err:  # noqa: BLE001 - handed back to the test
            outcome["error"] = err

    worker = threading.Thread(target=target, daemon=True)
    worker.start()
    worker.join(timeout)
    assert not worker.is_alive(), f"{function.__name__} blocked for {timeout} s"
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


# -- reading -----------------------------------------------------------------------------


def test_a_regular_file_within_the_limit_is_read_whole(tmp_path):
    path = tmp_path / "seed.txt"
    path.write_bytes(b"x" * 100)
    assert read_regular(path, limit=100) == b"x" * 100


def test_a_file_over_the_limit_is_refused_with_its_size(tmp_path):
    path = tmp_path / "seed.txt"
    path.write_bytes(b"x" * (3 * 2**20))
    with pytest.raises(InputRefused, match=r"3\.0 MB, over the limit of 2\.0 MB"):
        read_regular(path, limit=2 * 2**20)


@needs_fifo
def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path):
    fifo = tmp_path / "seed.txt"
    os.mkfifo(fifo)
    with pytest.raises(InputRefused, match="FIFO"):
        run_briefly(read_regular, fifo, 100)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_a_device_is_refused_instead_of_read_forever():
    with pytest.raises(InputRefused, match="character device"):
        run_briefly(read_regular, "/dev/zero", 100)


def test_a_directory_is_refused(tmp_path):
    with pytest.raises(InputRefused, match="directory"):
        read_regular(tmp_path, 100)


def test_a_symlink_is_refused_only_when_asked(tmp_path):
    real = tmp_path / "real.txt"
    real.write_text("text")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    assert read_regular(link, 100) == b"text"
    with pytest.raises(InputRefused, match="symbolic link"):
        read_regular(link, 100, follow_links=False)


def test_resolves_inside_follows_links(tmp_path):
    root = tmp_path / "project"
    (root / "seeds").mkdir(parents=True)
    outside = tmp_path / "secret.txt"
    outside.write_text("secret")
    (root / "seeds" / "inside.txt").write_text("ok")
    (root / "seeds" / "out.txt").symlink_to(outside)
    (root / "seeds" / "alias.txt").symlink_to(root / "seeds" / "inside.txt")
    assert resolves_inside(root / "seeds" / "inside.txt", root)
    assert resolves_inside(root / "seeds" / "alias.txt", root)
    assert not resolves_inside(root / "seeds" / "out.txt", root)
    assert not resolves_inside(root / ".." / "secret.txt", root)
    # a sibling folder whose name starts with the root's is not inside it
    assert not resolves_inside(tmp_path / "project-other" / "x.txt", root)


def test_read_article_refuses_a_seed_linked_out_of_the_project(tmp_path):
    outside = tmp_path / "passwd"
    outside.write_text("root:x:0:0:root:/root:/bin/bash\n")
    (tmp_path / "project" / "seeds").mkdir(parents=True)
    link = tmp_path / "project" / "seeds" / "p.txt"
    link.symlink_to(outside)
    with pytest.raises(InputRefused, match="outside the project"):
        read_article(link, root=tmp_path / "project")


def test_read_article_refuses_an_oversized_seed(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"word " * (files.SEED_LIMIT // 5 + 1))
    with pytest.raises(InputRefused, match="over the limit"):
        read_article(path)


@needs_fifo
def test_validate_reports_a_fifo_seed_instead_of_hanging(make_project):
    data = make_project(seeds={})
    os.mkfifo(data.parent.parent / "seeds" / "a1.txt")
    checked = run_briefly(validate, data)
    [problem] = [p for p in checked.problems if p.code == "A401"]
    assert "FIFO" in problem.message


@needs_fifo
def test_find_skips_a_fifo_and_a_link_out_among_uncited_seeds(make_project, tmp_path):
    data = make_project()
    seeds = data.parent.parent / "seeds"
    os.mkfifo(seeds / "fifo.txt")
    secret = tmp_path.parent / f"{tmp_path.name}-secret.txt"
    secret.write_text("The secret passphrase is swordfish and nobody knows it.\n")
    (seeds / "p.txt").symlink_to(secret)
    result = run_briefly(CliRunner().invoke, cli, ["find", "passphrase", str(data)])
    assert result.exit_code == 1
    assert "swordfish" not in result.output
    result = run_briefly(CliRunner().invoke, cli, ["find", "betrayal of the", str(data)])
    assert result.exit_code == 0 and "a1 line 5" in result.output


# -- writing -----------------------------------------------------------------------------


def test_write_atomic_creates_and_replaces_a_regular_file(tmp_path):
    path = tmp_path / "out" / "page.html"
    write_atomic(path, "one")
    write_atomic(path, b"two")
    assert path.read_bytes() == b"two"
    assert [p.name for p in path.parent.iterdir()] == ["page.html"]


def test_write_atomic_keeps_a_symlink_and_replaces_its_target(tmp_path):
    target = tmp_path / "real.html"
    target.write_text("old")
    link = tmp_path / "page.html"
    link.symlink_to(target)
    write_atomic(link, "new")
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text() == "new"


def test_write_atomic_through_a_dangling_symlink_creates_its_target(tmp_path):
    link = tmp_path / "page.html"
    link.symlink_to(tmp_path / "missing.html")
    write_atomic(link, "new")
    assert link.is_symlink() and (tmp_path / "missing.html").read_text() == "new"


@pytest.mark.parametrize("path", ["", "."])
def test_write_atomic_refuses_an_empty_path(path):
    with pytest.raises(OutputError, match="no file name"):
        write_atomic(path, "x")


def test_write_atomic_refuses_a_directory(tmp_path):
    with pytest.raises(OutputError, match="is a directory"):
        write_atomic(tmp_path, "x")
    assert tmp_path.is_dir()


@needs_fifo
def test_write_atomic_refuses_a_fifo_that_no_one_reads_without_hanging(tmp_path):
    fifo = tmp_path / "out.html"
    os.mkfifo(fifo)
    with pytest.raises(OutputError, match="no program reads"):
        run_briefly(write_atomic, fifo, "x")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@needs_fifo
def test_write_atomic_writes_into_a_pipe_that_is_read(tmp_path):
    fifo = tmp_path / "out.html"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    for _ in range(100):  # until the reader has the FIFO open
        try:
            write_atomic(fifo, "through the pipe")
            break
        except OutputError:
            time.sleep(0.02)
    reader.join(5)
    assert received == [b"through the pipe"]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="no /dev/null")
def test_write_atomic_writes_through_dev_null_and_leaves_it_a_device():
    write_atomic("/dev/null", "discarded")  # as root, a rename would replace the device
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
def test_write_atomic_to_dev_full_fails_and_leaves_it_a_device():
    with pytest.raises(OSError):
        write_atomic("/dev/full", "x" * 10_000)
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_write_atomic_removes_temporaries_a_killed_run_left(tmp_path):
    path = tmp_path / "page.html"
    stale = tmp_path / ".page.html.abcd1234.tmp"
    fresh = tmp_path / ".page.html.efgh5678.tmp"  # perhaps another build, still writing
    other = tmp_path / ".other.html.ijkl9012.tmp"
    for leftover in (stale, fresh, other):
        leftover.write_text("half")
    old = time.time() - files.STALE_TEMPORARY - 60
    os.utime(stale, (old, old))
    os.utime(other, (old, old))
    write_atomic(path, "page")
    assert not stale.exists()
    assert fresh.exists() and other.exists()


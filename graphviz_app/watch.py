"""Watching a project's inputs and rebuilding whenever the curator saves.

The folders are watched, not the files: many editors save by writing a new file and
renaming it over the old one, which a watch on the file itself would lose track of.
Changes that arrive together (an editor's save is several events) trigger one rebuild.
While idle, the watcher also looks at the inputs themselves now and then: a folder deleted
and made again (a branch switch, a restore) can have its files written before the system
watches it again, and those writes send no event.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

QUIET_MS = 50  # a burst of events ends after this long without one (a save takes a few ms)
MAX_WAIT_MS = 1600  # ... or after this long in any case
IDLE_MS = 300  # how often an idle watcher wakes up (to build first, and to see a stop)
LOOK_EVERY_S = 1.0  # how often, at most, an idle watcher compares the inputs themselves
LOOK_SHARE = 0.02  # ... and no more often than keeps that under 2 % of the time


def watched_folders(data: Path, root: Path) -> list[Path]:
    """The project root (and the data file's folder when it lies elsewhere), where they exist.

    The root, not data/ and seeds/ themselves: a watch on a folder ends when the folder is
    deleted, so a data/ folder deleted and made again (a branch switch, a restore) would
    go unseen for good. Changes to anything but the inputs are filtered out.
    """
    root = Path(root).resolve()
    folder = Path(data).resolve().parent
    folders = [root] if folder == root or root in folder.parents else [root, folder]
    return [f for f in folders if f.is_dir()]


def input_filter(data: Path, root: Path) -> Callable[[object, str], bool]:
    """Only the data file and the seed texts count; editor backups and the page do not."""
    data_file = Path(data).resolve()
    seeds = (Path(root) / "seeds").resolve()

    def is_input(_change: object, path: str) -> bool:
        changed = Path(path).resolve()
        return changed == data_file or (changed.parent == seeds and changed.suffix == ".txt")

    return is_input


class InputContents:
    """What the inputs hold: a digest of the data file and of each seed text.

    Called after a burst of changes, it tells whether anything a build reads is different
    from the last time. A save often comes as events spread over more than one burst (the
    write, then the editor's rename, a change of mode, a late close); only the first of
    them changes what a build would read, so the others must not build again. A file is
    read again only when its size or modification time changed.
    """

    def __init__(self, data: Path, root: Path) -> None:
        self.data = Path(data).resolve()
        self.seeds = (Path(root) / "seeds").resolve()
        self._digests: dict[Path, tuple[tuple[int, int, int], bytes]] = {}

    def files(self) -> list[Path]:
        seeds = sorted(self.seeds.glob("*.txt")) if self.seeds.is_dir() else []
        return [self.data, *seeds]

    def __call__(self) -> tuple:
        import hashlib

        state = []
        for path in self.files():
            try:
                stat = path.stat()
            except OSError:
                state.append((path, None))
                continue
            key = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
            known = self._digests.get(path)
            if known is None or known[0] != key:
                try:
                    known = (key, hashlib.sha256(path.read_bytes()).digest())
                except OSError:
                    state.append((path, None))
                    continue
                self._digests[path] = known
            state.append((path, known[1]))
        return tuple(state)


class Looks:
    """When an idle watcher next compares the inputs: every ``LOOK_EVERY_S``, or less often
    when comparing takes long (10,000 seed files to stat)."""

    def __init__(self) -> None:
        import time

        self.clock = time.monotonic
        self.next = 0.0

    def due(self) -> bool:
        return self.clock() >= self.next

    def timed(self, contents: Callable[[], object]) -> object:
        started = self.clock()
        found = contents()
        took = self.clock() - started
        self.next = started + max(LOOK_EVERY_S, took / LOOK_SHARE)
        return found


def watch_and_rebuild(folders: list[Path], rebuild: Callable[[], object],
                      is_input: Callable[[object, str], bool] | None = None,
                      stop_event=None, contents: Callable[[], object] | None = None,
                      when_idle: Callable[[], object] | None = None) -> int:
    """Build once, then again after every burst of changes until ``stop_event`` is set.

    ``contents`` (an ``InputContents``) skips a burst after which the inputs hold what
    they held at the last build, and, looked at now and then while idle, catches changes
    no event told of. ``when_idle`` is called each time the watcher has seen nothing for
    ``IDLE_MS`` after a build. Returns how many times it built. Ctrl-C ends
    the loop quietly.
    """
    import logging

    from watchfiles import watch

    # watchfiles logs its own line on Ctrl-C; the command says it stopped in its own words
    logging.getLogger("watchfiles.main").setLevel(logging.ERROR)
    count, built, last = 0, False, None
    looked = Looks()
    # The first build runs once the watcher is in place (on its first idle timeout), so a
    # save made while it runs is not lost; later idle timeouts yield nothing and are skipped.
    for changes in watch(*folders, watch_filter=is_input, stop_event=stop_event,
                         debounce=MAX_WAIT_MS, step=QUIET_MS, rust_timeout=IDLE_MS,
                         yield_on_timeout=True, raise_interrupt=False):
        idle = built and not changes
        if idle and (contents is None or not looked.due()):
            if when_idle is not None:
                when_idle()
            continue
        if contents is not None:
            now = looked.timed(contents)
            if built and now == last:
                if idle and when_idle is not None:
                    when_idle()
                continue  # the rest of a save already built, or nothing missed: no build
            last = now
        rebuild()
        count, built = count + 1, True
    return count

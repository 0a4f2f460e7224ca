"""Reading inputs and writing outputs safely.

Inputs are read only from regular files and only up to a size limit, so a FIFO, a device
or a huge file in the wrong place gives a clear refusal instead of a hang or an exhausted
memory. Outputs are written atomically (a temporary file beside the output, renamed over
it), so a failure never leaves a half-written file behind; what is not a regular file is
never replaced by one.
"""

from __future__ import annotations

import errno
import glob
import os
import stat
import tempfile
import time
from pathlib import Path

# A seed is one news article: the longest in the shipped data is under 5 kB and a very long
# feature runs to 100 kB. Reading a seed costs about 20 bytes of memory per byte of text
# (the folded view keeps two offsets per character), so 5 MB of seed costs about 100 MB.
SEED_LIMIT = 5 * 2**20
# The data file: the 10,000-interaction benchmark project is about 6 MB of YAML, and the
# loader keeps a position for every value; ten times that still loads in memory.
DATA_LIMIT = 64 * 2**20
STALE_TEMPORARY = 15 * 60  # seconds: a temporary output this old belongs to a killed run

_KINDS = {stat.S_IFDIR: "a directory", stat.S_IFIFO: "a FIFO (named pipe)",
          stat.S_IFCHR: "a character device", stat.S_IFBLK: "a block device",
          stat.S_IFSOCK: "a socket", stat.S_IFLNK: "a symbolic link"}


class InputRefused(OSError):
    """An input that is not read: not a regular file, or over its size limit.

    An ``OSError`` whose ``strerror`` is the reason, so callers that already report an
    unreadable file report this one too, in the same words.
    """

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(errno.EINVAL, reason, str(path))
        self.path, self.reason = Path(path), reason


class OutputError(OSError):
    """An output that cannot be written where it was asked for; ``strerror`` says why."""

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(errno.EINVAL, reason, str(path))
        self.path, self.reason = Path(path), reason


def file_kind(mode: int) -> str:
    """What a file of this ``st_mode`` is, in words: "a directory", "a FIFO (named pipe)", …"""
    return _KINDS.get(stat.S_IFMT(mode), "not a regular file")


def _megabytes(size: int) -> str:
    return f"{size / 2**20:.1f} MB" if size < 2**30 else f"{size / 2**30:.1f} GB"


def read_regular(path: Path | str, limit: int, follow_links: bool = True) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; raises ``InputRefused`` else.

    The file is opened without blocking (opening a FIFO no one writes to would wait
    forever) and checked on the open descriptor, so it cannot be swapped in between.
    ``follow_links=False`` refuses a symbolic link as the last component.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    if not follow_links:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except OSError as err:
        if err.errno == errno.ELOOP and not follow_links:
            raise InputRefused(path, "is a symbolic link") from None
        raise
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise InputRefused(path, f"is {file_kind(info.st_mode)}, not a regular file")
        if info.st_size > limit:
            raise InputRefused(path, f"is {_megabytes(info.st_size)}, over the limit of "
                               f"{_megabytes(limit)}")
        with os.fdopen(os.dup(fd), "rb") as handle:
            data = handle.read(limit + 1)  # the file may have grown since fstat
    finally:
        os.close(fd)
    if len(data) > limit:
        raise InputRefused(path, f"is over the limit of {_megabytes(limit)}")
    return data


def resolves_inside(path: Path | str, root: Path | str) -> bool:
    """Whether ``path``, with every symbolic link followed, lies inside ``root`` (also resolved).

    A seed listed as ``seeds/p.txt`` may still be a link to ``/etc/passwd``; this is the test
    that keeps such a file out of the page.
    """
    real, base = os.path.realpath(path), os.path.realpath(root)
    return os.path.commonpath([real, base]) == base


def write_atomic(path: Path | str, data: str | bytes) -> None:
    """Write ``data`` to ``path``, atomically when ``path`` is (or will be) a regular file.

    - absent or a regular file: written to a temporary file beside it, then renamed over it;
    - a symbolic link: the file it points at is replaced that way, and the link is kept;
    - a character device (``/dev/null``, a terminal) or a pipe someone reads (``/dev/stdout``
      piped into another program): written straight through, never replaced;
    - anything else (a directory, a FIFO no one reads, a block device, a socket), or an empty
      path: ``OutputError``.

    Temporary files that a killed run left beside the output are removed on the way.
    """
    write_together({path: data})


def write_together(outputs: dict[Path | str, str | bytes]) -> None:
    """Write several outputs as ``write_atomic`` does, all of them or none.

    Every regular file is first written to its temporary file; only when all of them are
    written are they renamed into place, so a failure (an unwritable folder, a full disk)
    leaves every output as it was. Raises the first failure, naming its path.
    """
    staged: list[tuple[str, Path]] = []
    try:
        through = [(target, payload) for target, payload in
                   ((_target(path), _payload(data)) for path, data in outputs.items())]
        for (target, mode), payload in through:
            if mode is None:
                staged.append((_stage(target, payload), target))
        for (target, mode), payload in through:
            if mode is not None:
                _write_through(target, mode, payload)
        for tmp, target in staged:
            os.replace(tmp, target)
    except BaseException:
        for tmp, _target_path in staged:
            Path(tmp).unlink(missing_ok=True)
        raise


def _target(path: Path | str) -> tuple[Path, int | None]:
    """The file to write and, when it is not a regular file to replace, its mode."""
    if str(path) in ("", "."):
        raise OutputError(path, "no file name given")
    path = Path(path)
    try:
        info = path.stat()  # follows links: what would actually be written
    except FileNotFoundError:
        info = None
    if info is not None and not stat.S_ISREG(info.st_mode):
        return path, info.st_mode
    if path.is_symlink():  # keep the link: replace what it points at
        path = Path(os.path.realpath(path))
    return path, None


def _stage(path: Path, payload: bytes) -> str:
    """Write the payload to a temporary file beside ``path``; return the temporary's name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_temporaries(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
        os.chmod(tmp, 0o644)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp


def _payload(data: str | bytes) -> bytes:
    return data.encode("utf-8") if isinstance(data, str) else data


def _write_through(path: Path, mode: int, payload: bytes) -> None:
    """Write into a device or a pipe as it is; refuse what a write would have to replace."""
    if stat.S_ISDIR(mode):
        raise OutputError(path, "is a directory; give a file name")
    if not (stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)):
        raise OutputError(path, f"is {file_kind(mode)}; write to a regular file instead")
    try:  # without O_NONBLOCK, opening a FIFO no one reads would wait forever
        fd = os.open(path, os.O_WRONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as err:
        if err.errno == errno.ENXIO:
            raise OutputError(path, "is a FIFO (named pipe) that no program reads") from None
        raise
    if hasattr(os, "O_NONBLOCK"):
        os.set_blocking(fd, True)
    with os.fdopen(fd, "wb") as handle:
        handle.write(payload)


def _remove_stale_temporaries(path: Path) -> None:
    """Delete ``.NAME.*.tmp`` beside ``path`` older than ``STALE_TEMPORARY``: a killed run's."""
    pattern = os.path.join(glob.escape(str(path.parent)), f".{glob.escape(path.name)}.*.tmp")
    now = time.time()
    for leftover in glob.glob(pattern):
        try:
            if now - os.lstat(leftover).st_mtime > STALE_TEMPORARY:
                os.unlink(leftover)
        except OSError:
            continue  # gone already, or not ours to remove

"""What a long-running ``watch`` or ``serve`` keeps between rebuilds.

A rebuild after a one-line edit should not redo what the edit did not touch: the seed
texts (read and folded), where each quote was found, the positions of the actors. Each
cache is keyed by the content it was computed from (never by a file's time stamp), so a
rebuild gives the page a fresh ``build`` would give, byte for byte; only faster.

Entries not used by a build are dropped after the next one, so a long session does not
grow with every edit.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, MutableMapping
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .corpus import ArticleText
    from .layout import Position
    from .loader import Loaded


class Recent(MutableMapping):
    """A dict that keeps only what the last two builds used.

    ``next_build`` starts a generation: what the build before it did not ask for is dropped.
    """

    def __init__(self) -> None:
        self._current: dict = {}
        self._previous: dict = {}

    def next_build(self) -> None:
        self._previous, self._current = self._current, {}

    def __getitem__(self, key):
        if key in self._current:
            return self._current[key]
        value = self._previous[key]  # KeyError when neither generation has it
        self._current[key] = value
        return value

    def __setitem__(self, key, value) -> None:
        self._current[key] = value

    def __delitem__(self, key) -> None:
        self._current.pop(key, None)
        self._previous.pop(key, None)

    def __iter__(self) -> Iterator:
        return iter(self._previous.keys() | self._current.keys())

    def __len__(self) -> int:
        return len(self._previous.keys() | self._current.keys())


class BuildCaches:
    """The caches of one watching process, passed to ``validate`` and ``build_page_files``."""

    def __init__(self) -> None:
        self.articles = Recent()  # (seed path, sha256 of its bytes) -> ArticleText
        self.quotes = Recent()  # (article text, quote) -> matches
        # positions file -> (the text this process wrote there, the positions it holds)
        self.positions: dict[Path, tuple[str, dict[str, Position]]] = {}
        self.records = Recent()  # used by the loader: see load_dataset

    def next_build(self) -> None:
        """Call before each build: entries the previous build did not use are let go."""
        for cache in (self.articles, self.quotes, self.records):
            cache.next_build()

    def read_article(self, path: Path) -> ArticleText:
        """``corpus.read_article``, reusing the text (and its folded view) of an unchanged seed."""
        from .corpus import read_article

        key = (str(path), hashlib.sha256(Path(path).read_bytes()).digest())
        try:
            return self.articles[key]
        except KeyError:
            text = self.articles[key] = read_article(path)
            return text

    def load_dataset(self, path: Path, root: Path | None, display: str | None) -> Loaded:
        """``loader.load_dataset``, the same records and problems."""
        from .loader import load_dataset

        return load_dataset(path, root, display)

    def read_positions(self, path: Path) -> dict[str, Position]:
        """``layout.read_positions``, without parsing again the file this process wrote."""
        from .layout import read_positions

        written = self.positions.get(Path(path).resolve())
        try:
            if written is not None and Path(path).read_text("utf-8") == written[0]:
                return dict(written[1])
        except (OSError, ValueError):
            pass
        return read_positions(path)

    def wrote_positions(self, path: Path, text: str, positions: dict[str, Position]) -> None:
        self.positions[Path(path).resolve()] = (text, dict(positions))

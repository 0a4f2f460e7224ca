"""Validation: four stages, each returning what the next one reads.

    load (records and their problems) -> read the seeds (texts and article problems)
    -> locate the quotes (spans and quote problems) -> the rules (pure families)

``validate`` runs them and assembles ``Checked`` once; later stages (graph, render,
export) read it and nothing changes it afterwards.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .corpus import ArticleText, Match
from .loader import Loaded, load_dataset
from .model import Dataset
from .problems import RULES, Problem, Severity
from .quotes import locate_quotes
from .rules import Context, run_rules
from .seeds import read_seeds

if TYPE_CHECKING:
    from .incremental import BuildCaches


@dataclass(frozen=True)
class Checked:
    """The outcome of validation: what later stages build on."""

    loaded: Loaded
    texts: dict[str, ArticleText]  # article id -> text
    spans: dict[tuple[str, int], Match]  # (interaction id, evidence index) -> first match
    problems: tuple[Problem, ...]  # sorted by file, line and column; ignored rules left out

    @property
    def dataset(self) -> Dataset:
        return self.loaded.dataset or Dataset()

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]

    def ok(self, strict: bool = False) -> bool:
        """True when nothing fails: no errors (and, if strict, no warnings)."""
        return not (self.problems if strict else self.errors)


def validate(path: Path, root: Path | None = None, display: str | None = None,
             ignore: Iterable[str] = (), outside_seeds: bool = False,
             caches: BuildCaches | None = None) -> Checked:
    """Load a data file and run every rule. Raises OSError only if it cannot be read.

    ``ignore`` names rules to leave out (codes, code prefixes such as ``Q30``, or names);
    ``outside_seeds`` reads seeds that resolve outside the project (see ``read_seeds``).
    ``caches`` (kept by ``watch`` and ``serve`` between rebuilds) hold what an earlier
    validation found for inputs that have not changed; the outcome is the same without.
    """
    if caches is None:
        loaded = load_dataset(path, root, display)
        seeds = read_seeds(loaded, outside_seeds)
        quotes = locate_quotes(loaded, seeds.texts)
    else:
        loaded = caches.load_dataset(path, root, display)
        seeds = read_seeds(loaded, outside_seeds, caches.read_article)
        quotes = locate_quotes(loaded, seeds.texts, caches.quotes)
    found = run_rules(Context(loaded, seeds.texts, quotes.spans,
                              caches.findings if caches is not None else None))
    problems = [*loaded.problems, *seeds.problems, *quotes.problems, *found]
    silenced = ignored_codes(ignore)
    kept = sorted({p for p in problems if p.code not in silenced})
    return Checked(loaded, seeds.texts, quotes.spans, tuple(kept))


def ignored_codes(selectors: Iterable[str]) -> set[str]:
    """The rule codes that ``--ignore`` selectors name. Raises KeyError for one naming none."""
    codes: set[str] = set()
    for selector in selectors:
        chosen = select_rules(selector)
        if not chosen:
            raise KeyError(selector)
        codes |= chosen
    return codes


def select_rules(selector: str) -> set[str]:
    """A code (Q301), a prefix of codes (Q30, Q) or a rule name (quote-not-found)."""
    wanted = selector.strip()
    by_name = {r.code for r in RULES.values() if r.name == wanted.lower()}
    return by_name or {code for code in RULES if wanted and code.startswith(wanted.upper())}

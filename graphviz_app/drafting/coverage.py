"""What did the curation skip? Each sentence of each article, cited or not.

A sentence is cited when a quote of the data lies in it. An uncited sentence that names
two actors of the data and holds a verb or phrase of the lexicon looks like an
interaction nobody curated: a likely miss, to curate or to explain in docs/curation.md.
A post embedded in an article is part of what the article reports and is covered like
any other sentence.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

from .names import index_for
from .text import sentences


@dataclass
class SentenceCoverage:
    """One sentence of an article and what the data makes of it."""

    line: int
    start: int
    end: int
    text: str
    cited_by: list[str] = field(default_factory=list)  # interaction ids quoting it
    likely_miss: bool = False
    types: list[str] = field(default_factory=list)  # lexicon types its phrases report
    actors: list[str] = field(default_factory=list)  # actor ids it names

    @property
    def cited(self) -> bool:
        return bool(self.cited_by)


@dataclass
class ArticleCoverage:
    """Every sentence of one article."""

    article: str
    sentences: list[SentenceCoverage]

    @property
    def cited(self) -> int:
        return sum(s.cited for s in self.sentences)

    @property
    def misses(self) -> list[SentenceCoverage]:
        return [s for s in self.sentences if s.likely_miss]


def coverage(checked, article_id: str | None = None) -> list[ArticleCoverage]:
    """The coverage of every article (or of one), in the data file's order."""
    from .extract import find_triggers

    index = index_for(checked.dataset.actors)
    evidence = [(i.id, ev.article, checked.spans.get((i.id, n)))
                for i in checked.dataset.interactions for n, ev in enumerate(i.evidence)]
    out = []
    for article in checked.dataset.articles:
        if article_id not in (None, article.id) or article.id not in checked.texts:
            continue
        text = checked.texts[article.id]
        rows = []
        for s in sentences(text):
            row = SentenceCoverage(text.line_of(s.start), s.start, s.end,
                                   " ".join(text.text[s.start:s.end].split()))
            row.cited_by = sorted({iid for iid, aid, span in evidence if aid == article.id
                                   and span and span.start < s.end and s.start < span.end})
            mentions = index.find(s.plain)
            row.actors = sorted({m.actor for m in mentions})
            row.types = sorted({t.trigger.type for t in find_triggers(s.plain, mentions)})
            row.likely_miss = not row.cited and len(row.actors) >= 2 and bool(row.types)
            rows.append(row)
        out.append(ArticleCoverage(article.id, rows))
    return out


def as_text(report: list[ArticleCoverage], width: int = 110) -> str:
    """One line a sentence: its line number, cited (by what), likely miss, or neither."""
    lines = []
    for a in report:
        lines.append(f"{a.article}: {a.cited} of {len(a.sentences)} sentences cited, "
                     f"{len(a.misses)} likely miss{'es' * (len(a.misses) != 1)}")
        for s in a.sentences:
            if s.cited:
                mark = "cited "
                note = f"  [{', '.join(s.cited_by)}]"
            elif s.likely_miss:
                mark = "MISS? "
                note = f"  ({', '.join(s.types)}: {', '.join(s.actors)})"
            else:
                mark = "      "
                note = ""
            shown = s.text if len(s.text) <= width else s.text[: width - 1] + "\u2026"
            lines.append(f"  {s.line:>4} {mark}{shown}{note}")
        lines.append("")
    misses = sum(len(a.misses) for a in report)
    lines.append(f"{misses} likely miss{'es' * (misses != 1)} in {len(report)} "
                 f"article{'s' * (len(report) != 1)}")
    return "\n".join(lines) + "\n"


def as_json(report: list[ArticleCoverage]) -> str:
    """``[{"article", "cited", "sentences": [{line, start, end, text, cited, cited_by,
    likely_miss, types, actors}]}]``."""
    document = [{"article": a.article, "cited": a.cited, "likely_misses": len(a.misses),
                 "sentences": [{**asdict(s), "cited": s.cited} for s in a.sentences]}
                for a in report]
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"

"""Score `graphviz-app draft` leave-one-out on the curated articles.

For each article: take the data without the interactions that cite it and without the
actors that only those interactions involve, draft the article against what is left, and
compare the drafts with the interactions curated from it. A draft matches a curated
interaction when the type is the same and so is the pair of parties (in either order
for symmetric types). A party the drafts propose as new matches the curated actor that
was left out when its name is that actor's name or one of its aliases, or spelled
almost like one.

    python benchmarks/draft_score.py [data/network.yaml] [--verbose] [--repeat N]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graphviz_app.checks import validate  # noqa: E402
from graphviz_app.corpus import fold_text  # noqa: E402
from graphviz_app.drafting.extract import draft_article  # noqa: E402
from graphviz_app.model import Dataset  # noqa: E402
from graphviz_app.vocabulary import interaction_types  # noqa: E402


def leave_out(dataset: Dataset, article_id: str) -> tuple[Dataset, list]:
    """The data without the article's interactions and the actors only they involve."""
    curated = [i for i in dataset.interactions if any(e.article == article_id
                                                      for e in i.evidence)]
    rest = [i for i in dataset.interactions if i not in curated]
    still = {x for i in rest for x in (i.source, i.target)}
    actors = [a for a in dataset.actors if a.id in still]
    return dataset.model_copy(update={"interactions": rest, "actors": actors}), curated


def _names(actor) -> set[str]:
    return {fold_text(n).casefold() for n in (actor.name, *actor.aliases)}


def identify(drafted, dataset: Dataset) -> dict[str, str]:
    """Map each proposed new actor onto the left-out actor it stands for, if any."""
    from rapidfuzz import fuzz

    mapping = {}
    for new in drafted.new_actors:
        name = fold_text(new.name).casefold()
        best = None
        for actor in dataset.actors:
            names = _names(actor)
            if name in names or any(fuzz.ratio(name, n) >= 90 for n in names):
                best = actor.id
                break
        if best:
            mapping[new.id] = best
    return mapping


def key(type_: str, a: str, b: str) -> tuple:
    symmetric = interaction_types()[type_].symmetric
    return (type_, tuple(sorted((a, b))) if symmetric else (a, b))


def score(data: Path, verbose: bool = False, repeat: int = 1) -> list[dict]:
    """One row an article; seconds are the fastest of ``repeat`` runs (the machine is
    shared, and the slower runs measure the neighbours)."""
    checked = validate(data)
    rows = []
    for article in checked.dataset.articles:
        text = checked.texts[article.id]
        reduced, curated = leave_out(checked.dataset, article.id)
        seconds = float("inf")
        for _ in range(repeat):
            began = time.perf_counter()
            drafted = draft_article(text, article.id, reduced, article.published)
            seconds = min(seconds, time.perf_counter() - began)
        mapping = identify(drafted, checked.dataset)
        drafts = [key(d.type, mapping.get(d.source, d.source), mapping.get(d.target, d.target))
                  for d in drafted.drafts]
        wanted = [key(i.type, i.source, i.target) for i in curated]
        found = [w for w in wanted if w in drafts]
        right = [d for d in drafts if d in wanted]
        rows.append({"article": article.id, "curated": len(wanted), "drafts": len(drafts),
                     "found": len(found), "right": len(right), "seconds": seconds})
        if verbose:
            print(f"\n== {article.id}")
            for d, k in zip(drafted.drafts, drafts, strict=False):
                print(f"  {'OK ' if k in wanted else 'xx '}{d.type:15} {k[1]}  | {d.quote}")
            for w in wanted:
                if w not in drafts:
                    print(f"  MISSED {w}")
    return rows


def table(rows: list[dict]) -> str:
    lines = ["| article | curated | drafts | matched curated | matching drafts | recall | "
             "precision | seconds |", "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows + [{"article": "**total**", **{k: sum(x[k] for x in rows) for k in
                                                 ("curated", "drafts", "found", "right",
                                                  "seconds")}}]:
        recall = r["found"] / r["curated"] if r["curated"] else 0
        precision = r["right"] / r["drafts"] if r["drafts"] else 0
        lines.append(f"| {r['article']} | {r['curated']} | {r['drafts']} | {r['found']} | "
                     f"{r['right']} | {recall:.0%} | {precision:.0%} | {r['seconds']:.3f} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", type=Path, default=ROOT / "data" / "network.yaml")
    parser.add_argument("--verbose", action="store_true", help="list every draft and miss")
    parser.add_argument("--repeat", type=int, default=1, help="time the fastest of N runs")
    args = parser.parse_args()
    print(table(score(args.data, args.verbose, args.repeat)))


if __name__ == "__main__":
    main()

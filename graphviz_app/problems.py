"""Problems are data: a registry of rules, the problems found, and their formats.

Each rule has a stable code, a kebab-case name, a severity and a summary; the checks
yield ``Problem`` records naming a rule, and the formatters turn a list of them into
text for people, JSON for programs or GitHub workflow annotations.
"""

from __future__ import annotations

import json
import textwrap
from dataclasses import asdict, dataclass
from enum import Enum

MAX_QUOTED = 80


def quoted(value: object, limit: int = MAX_QUOTED) -> str:
    """A value as a message shows it: in double quotes, escaped, and cut if long."""
    text = str(value)
    if len(text) > limit:
        text = text[: limit - 1] + "\u2026"
    return json.dumps(text, ensure_ascii=False)


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    summary: str
    explanation: str


E, W = Severity.ERROR, Severity.WARNING

RULES: dict[str, Rule] = {
    r.code: r
    for r in [
        # The file itself
        Rule("Y001", "yaml-syntax", E, "the file is not valid YAML",
             "The YAML parser stopped here. Look at the line shown and the one before it: an "
             "unclosed quote, a tab used for indentation or a missing colon are the usual causes."),
        Rule("Y002", "duplicate-key", E, "a key appears twice in the same mapping",
             "YAML keeps only one of two equal keys, so one value would be lost silently. "
             "Delete or rename one of them."),
        Rule("Y003", "not-a-mapping", E, "the document is not a mapping of sections",
             "The file must be a mapping with the sections articles, actors and interactions "
             "(and optionally sides and campaigns), each a list."),
        Rule("Y004", "empty-file", E, "the file holds no data",
             "The file is empty or holds only comments. Start from the data format in the README."),
        Rule("Y005", "not-utf8", E, "the file is not UTF-8 text",
             "Save the file as UTF-8. The position shown is the first byte that is not UTF-8."),
        Rule("Y006", "too-complex", E, "anchors and aliases expand to too much data",
             "Aliases (*name) repeat the data they point at; here they nest so deeply or so "
             "often that the document would be enormous, or they refer to themselves. "
             "Write the data out instead."),
        Rule("Y007", "yaml-tag", E, "a YAML tag (!name or !!type) on a value",
             "The data file holds plain texts, lists and mappings. Tags such as "
             "`!!python/object` or `!custom` ask a YAML reader to build other objects; they "
             "are never honoured here. Delete the tag."),
        # Shape of each record
        Rule("S101", "unknown-key", E, "a key that the data format does not know",
             "Unknown keys are usually typos. The help line names the closest known key; the "
             "data format in the README lists them all."),
        Rule("S102", "missing-key", E, "a required key is missing",
             "Add the key to the record the position points at."),
        Rule("S103", "wrong-type", E, "a value of the wrong type",
             "Texts are strings, lists are YAML lists ([a, b] or one '- item' per line) and "
             "records are mappings. Quote a value that YAML reads as a number or a boolean."),
        Rule("S104", "unknown-value", E, "a value outside its vocabulary",
             "Interaction types and actor kinds come from a fixed vocabulary: "
             "`graphviz-app rules S104` lists them below, and the help line suggests the closest."),
        Rule("S105", "bad-date", E, "a malformed or impossible date",
             "Dates are YYYY-MM-DD (articles: always a full date), or YYYY-MM or YYYY for an "
             "interaction whose article is vague. The date must exist (no 2021-02-30)."),
        Rule("S106", "bad-id", E, "a malformed id or slug",
             "Ids and slugs are lowercase letters and digits, joined by single hyphens or "
             "underscores: `gantz-abbas-call-2022-12-28`."),
        Rule("S107", "empty-value", E, "a value that must not be empty",
             "Give the key a value, or delete it if it is optional. Every interaction needs at "
             "least one evidence quote."),
        # References between records
        Rule("R201", "unknown-actor", E, "source or target names no actor",
             "Every source and target must be the id of an actor in the actors list. The help "
             "line names the closest ids."),
        Rule("R202", "unknown-article", E, "evidence cites no known article",
             "Every evidence item must cite the id of an article in the articles list."),
        Rule("R203", "unknown-interaction", E, "`about` names no interaction",
             "`about` must be the id of another interaction: the one this one reacts to."),
        Rule("R204", "duplicate-id", E, "two records share an id",
             "Ids must be unique within their section. Rename one of them."),
        Rule("R205", "unknown-member-of", E, "`member_of` names no actor",
             "`member_of` lists actor ids: the organisation, government or movement the actor "
             "belongs to."),
        Rule("R206", "self-interaction", E, "source and target are the same actor",
             "An interaction is between two parties. If a party acts on a part of itself, "
             "model that part as its own actor."),
        Rule("R207", "undeclared-campaign", W, "a campaign missing from `campaigns:`",
             "When the file has a `campaigns:` list, every campaign used should be declared "
             "there with a label."),
        Rule("R208", "undeclared-side", W, "a side missing from `sides:`",
             "When the file has a `sides:` list, every side used should be declared there "
             "with a label (and a colour)."),
        Rule("R209", "actor-unused", W, "an actor takes part in no interaction",
             "An actor that no interaction names is drawn as a lone node. Add the interaction "
             "that involves it, or delete the actor."),
        Rule("R210", "self-reference", E, "a record refers to itself",
             "An interaction cannot react to itself, and an actor cannot be a member of itself."),
        Rule("R211", "about-cycle", E, "`about` links that go round in a circle",
             "A reaction comes after what it reacts to, so following `about` from one "
             "interaction to the next must end somewhere. The message lists the circle; "
             "remove the link that points the wrong way."),
        Rule("R212", "duplicate-interaction", W, "two interactions with the same type, parties "
             "and date",
             "Two records describing the same event split its evidence and draw two edges. "
             "Merge them into one interaction with all the quotes, or tell them apart."),
        Rule("R213", "draft-unreviewed", E, "a drafted record that nobody has reviewed",
             "`graphviz-app draft --append` adds actors, interactions and evidence marked "
             "`review: draft`. Check each against its article (the parties, the type, the "
             "date, the quote), correct what is wrong, then delete the `review:` line."),
        # Articles and their seed files
        Rule("A401", "seed-missing", E, "the article's seed file cannot be read",
             "`file` is relative to the project root (the folder holding data/). Check the "
             "name, or copy the article into seeds/."),
        Rule("A402", "published-mismatch", E, "`published` disagrees with the seed's date line",
             "The seed opens with its own `date YYYY-MM-DD` line; `published` must equal it."),
        Rule("A403", "published-note-missing", E, "an undated seed without `published_note`",
             "The seed has no date line, so the date was inferred: say how in `published_note`."),
        Rule("A404", "article-unused", W, "no interaction cites the article",
             "Every article should support at least one interaction. Cite it, or remove it."),
        Rule("A405", "seed-not-utf8", E, "the seed file is not UTF-8 text",
             "Seeds are read as UTF-8. Re-save the article as UTF-8 (never edit its words)."),
        Rule("A406", "seed-outside-root", E, "`file` points outside the project",
             "Article files are relative paths inside the project root, such as "
             "`seeds/000_031d9b9ace0ce4f6.txt`. Absolute paths and paths that climb out with "
             "`..` are refused, so a data file can never make the tool read other files."),
        Rule("A407", "seed-empty", E, "the seed file holds no text",
             "An empty article cannot support any quote. Copy the article's text into it."),
        # Evidence quotes
        Rule("Q301", "quote-not-found", E, "the quote is not in the article",
             "Quotes must be verbatim. Typography is folded (curly quotes, dashes, spaces), "
             "but every word and punctuation mark must match. The help line shows the closest "
             "passage in the article cited and how similar it is, or names the article that does "
             "contain the quote."),
        Rule("Q302", "quote-ambiguous", W, "the quote occurs more than once in the article",
             "A quote that occurs twice cannot be shown at one place. Lengthen it until it is "
             "unique."),
        Rule("Q303", "quote-too-short", W, "the quote is too short to carry a claim",
             "Quote a full clause (at least six words) that states the interaction itself."),
        Rule("Q304", "quote-no-party", W, "neither party is named near the quote",
             "Neither the source's nor the target's name or aliases appear in the quote or its "
             "sentence. Quote the sentence that names them, or add the name the article uses "
             "to the actor's aliases."),
        Rule("Q305", "quote-repeated", W, "the same quote is cited twice for one interaction",
             "Cite each passage once."),
        Rule("Q306", "quote-no-words", E, "the quote holds no words",
             "A quote made only of spaces, punctuation or invisible characters says nothing "
             "and matches almost anywhere. Quote the words of the article."),
        # Chronology
        Rule("C501", "after-article", E, "the interaction is dated after an article reporting it",
             "An event cannot postdate the article that reports it. Check the interaction's "
             "date (the event's own date, not the article's) and the article's `published`."),
        Rule("C502", "reaction-before-original", E, "a reaction is dated before what it reacts to",
             "An interaction with `about` reacts to another one, so it cannot be earlier. "
             "Check both dates, or the `about` link."),
    ]
}


@dataclass(frozen=True, order=True)
class Problem:
    """One finding: where it is, which rule, what is wrong and how to fix it."""

    file: str
    line: int
    column: int
    code: str
    message: str
    help: str | None = None

    @property
    def rule(self) -> Rule:
        return RULES[self.code]

    @property
    def severity(self) -> Severity:
        return self.rule.severity

    def to_dict(self) -> dict:
        data = asdict(self)
        data["name"] = self.rule.name
        data["severity"] = self.severity.value
        return data


def count(problems: list[Problem]) -> tuple[int, int]:
    """(errors, warnings)."""
    errors = sum(p.severity is Severity.ERROR for p in problems)
    return errors, len(problems) - errors


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary_line(problems: list[Problem]) -> str:
    errors, warnings = count(problems)
    if not problems:
        return "All checks passed."
    return f"Found {_plural(errors, 'error')} and {_plural(warnings, 'warning')}."


SOURCE_WIDTH = 100  # longest source excerpt shown under a diagnostic
TAB_WIDTH = 4


def format_text(problems: list[Problem], sources: dict[str, list[str]],
                colour: bool = False) -> str:
    """ruff-style diagnostics: location, code, message, the source line with a caret, help."""
    blocks = [_text_block(p, sources.get(p.file, []), colour) for p in problems]
    blocks.append(summary_line(problems))
    return "\n\n".join(blocks) + "\n"


def _paint(text: str, code: str, colour: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if colour else text


def _text_block(p: Problem, source: list[str], colour: bool) -> str:
    tone = "31" if p.severity is Severity.ERROR else "33"
    where = _paint(f"{p.file}:{p.line}:{p.column}:", "1", colour)
    lines = [f"{where} {_paint(p.code, tone + ';1', colour)} {_printable(p.message)}"]
    gutter = " " * len(str(p.line))
    if 0 < p.line <= len(source):
        text, caret = source_excerpt(source[p.line - 1], p.column)
        lines += [f"{gutter} |", f"{p.line} | {text}",
                  f"{gutter} | {' ' * caret}{_paint('^', tone, colour)}"]
    if p.help:
        lines.append(f"{gutter} = help: {_printable(p.help)}")
    return "\n".join(lines)


def _printable(text: str) -> str:
    """Control characters would drive the terminal: show them as the replacement character."""
    return "".join(c if c.isprintable() or c == " " else "\ufffd" for c in text)


def source_excerpt(line: str, column: int, width: int = SOURCE_WIDTH) -> tuple[str, int]:
    """A printable window of a source line around ``column``, and the caret's offset in it.

    Tabs are expanded (the caret follows them), control characters are replaced, and a
    long line is cut to ``width`` characters around the column with an ellipsis.
    """
    line = line.rstrip("\r\n")
    before = line[: max(column - 1, 0)].expandtabs(TAB_WIDTH)
    text = _printable(line.expandtabs(TAB_WIDTH))
    caret = len(before)
    if len(text) <= width:
        return text, caret
    start = max(0, min(caret - width // 2, len(text) - width))
    window = text[start : start + width]
    if start > 0:
        window, caret = "\u2026" + window[1:], caret - start
    if start + width < len(text):
        window = window[:-1] + "\u2026"
    return window, caret


def format_json(problems: list[Problem]) -> str:
    """The records, as the library returns them."""
    return json.dumps([p.to_dict() for p in problems], indent=2, ensure_ascii=False) + "\n"


def _escape_github(text: str, properties: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if properties else text


def format_github(problems: list[Problem]) -> str:
    """GitHub workflow commands, one annotation a problem."""
    out = []
    for p in problems:
        message = p.message + (f"\n= help: {p.help}" if p.help else "")
        props = ",".join(
            [
                f"file={_escape_github(p.file, True)}",
                f"line={p.line}",
                f"col={p.column}",
                f"title={_escape_github(f'{p.code} {p.rule.name}', True)}",
            ]
        )
        out.append(f"::{p.severity.value} {props}::{_escape_github(message)}")
    return "".join(line + "\n" for line in out)


FORMATTERS = {"text": format_text, "json": format_json, "github": format_github}


# --- the rules themselves, for `graphviz-app rules` ------------------------------------


def find_rule(query: str) -> Rule | None:
    """The rule with this code (any case) or kebab-case name, or None."""
    wanted = query.strip()
    by_code = RULES.get(wanted.upper())
    if by_code is not None:
        return by_code
    return next((r for r in RULES.values() if r.name == wanted.lower()), None)


def rule_suggestions(query: str) -> list[str]:
    """Codes and names close to a query that named no rule."""
    from .suggest import closest

    return closest(query, [r.code for r in RULES.values()] + [r.name for r in RULES.values()])


def format_rules() -> str:
    """One line a rule: code, name, severity, summary."""
    width = max(len(r.name) for r in RULES.values())
    return "".join(f"{r.code}  {r.name:<{width}}  {r.severity.value:<7}  {r.summary}\n"
                   for r in RULES.values())


def explain_rule(rule: Rule) -> str:
    """A rule's full explanation; S104 also lists the vocabularies."""
    summary = rule.summary[:1].upper() + rule.summary[1:]
    text = f"{rule.code} {rule.name} ({rule.severity.value})\n\n{summary}.\n\n"
    text += textwrap.fill(rule.explanation, 88) + "\n"
    if rule.code == "S104":
        text += "\n" + _vocabulary_listing()
    return text


def _vocabulary_listing() -> str:
    from .vocabulary import actor_kinds, interaction_types

    lines = ["Interaction types (`type`):"]
    lines += [f"  {t.id:<16} {t.description}" for t in interaction_types().values()]
    lines += ["", "Actor kinds (`kind`):"]
    lines += [f"  {k.id:<16} {k.label}" for k in actor_kinds().values()]
    return "\n".join(lines) + "\n"

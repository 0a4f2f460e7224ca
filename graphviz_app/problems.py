"""Problems are data: a registry of rules, the problems found, and their formats.

Each rule has a stable code, a kebab-case name, a severity and a summary; the checks
yield ``Problem`` records naming a rule, and the formatters turn a list of them into
text for people, JSON for programs or GitHub workflow annotations.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
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


ERROR, WARNING = Severity.ERROR, Severity.WARNING
FAMILY_ORDER = "YSRAQC"  # the file, record shapes, references, articles, quotes, chronology


class RuleRegistry(Mapping[str, Rule]):
    """Every rule by code, in family order: the one list `rules`, the docs and tests read.

    Each rule is declared with ``rule()`` beside the check that finds it, in the module of
    its stage; the first look at the registry imports those modules, so it is complete.
    """

    def __init__(self) -> None:
        self._rules: dict[str, Rule] = {}
        self._complete = False

    def declare(self, new: Rule) -> Rule:
        if new.code in self._rules and self._rules[new.code] != new:
            raise ValueError(f"rule {new.code} is declared twice")
        self._rules[new.code] = new
        return new

    def _all(self) -> dict[str, Rule]:
        if not self._complete:
            self._complete = True
            from . import checks  # noqa: F401  (importing the stages declares their rules)

            self._rules = dict(sorted(self._rules.items(), key=lambda item: (
                FAMILY_ORDER.index(item[0][0]), item[0])))
        return self._rules

    def __getitem__(self, code: str) -> Rule:
        return self._rules[code] if code in self._rules else self._all()[code]

    def __iter__(self):
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())


RULES = RuleRegistry()


def rule(code: str, name: str, severity: Severity, summary: str, explanation: str) -> Rule:
    """Declare a rule (beside its check) and return it, for the check to cite."""
    return RULES.declare(Rule(code, name, severity, summary, explanation))


@dataclass(frozen=True, order=True)
class Problem:
    """One finding: where it is, which rule, what is wrong and how to fix it."""

    file: str
    line: int
    column: int
    code: str
    message: str
    help: str | None = None
    # the document path of the offending value, e.g. ("interactions", 12, "source")
    path: tuple = field(default=(), compare=False)

    def __post_init__(self) -> None:
        if isinstance(self.code, Rule):  # checks cite the rule itself
            object.__setattr__(self, "code", self.code.code)

    @property
    def rule(self) -> Rule:
        return RULES[self.code]

    @property
    def severity(self) -> Severity:
        return self.rule.severity

    def to_dict(self) -> dict:
        data = asdict(self)
        data["path"] = list(self.path)
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

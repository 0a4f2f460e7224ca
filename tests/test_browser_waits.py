"""Every `wait_for_function` passes a function, never a bare expression.

Playwright evaluates a bare expression with `eval` on each poll. The page's CSP forbids
`eval` outside the first, DevTools-driven check, so a wait on an expression that is not yet
true fails with an EvalError, and only when the machine is slow enough to need a second poll.
A function is compiled once, inside that first check, and polls safely.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FUNCTION = re.compile(r"\s*(\(\s*[\w\s,]*\)|\w+)\s*=>|\s*(async\s+)?function\b")


def _waits(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names = {target.id: node.value.value
             for node in ast.walk(tree) if isinstance(node, ast.Assign)
             and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)
             for target in node.targets if isinstance(target, ast.Name)}
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr == "wait_for_function" and node.args):
            first = node.args[0]
            if isinstance(first, ast.Name) and first.id in names:
                yield node.lineno, names[first.id]
            elif isinstance(first, ast.Constant) and isinstance(first.value, str):
                yield node.lineno, first.value
            elif isinstance(first, ast.JoinedStr):
                yield node.lineno, ast.unparse(first)[2:-1]
            else:
                yield node.lineno, None


def test_every_wait_for_function_is_given_a_function():
    files = sorted(path for folder in ("tests", "benchmarks")
                   for path in ROOT.joinpath(folder).rglob("*.py"))
    seen, bad = 0, []
    for path in files:
        for line, source in _waits(path):
            seen += 1
            if source is None or not FUNCTION.match(source) or FUNCTION.match(
                    FUNCTION.sub("", source, count=1)):
                bad.append(f"{path.relative_to(ROOT)}:{line}: {source!r}")
    assert seen > 10
    assert not bad, ("pass `() => ...`, not a bare expression or a function returning one:\n"
                     + "\n".join(bad))


def test_the_check_tells_a_function_from_an_expression():
    assert FUNCTION.match("() => document.body.dataset.ready === 'true'")
    assert FUNCTION.match("f => location.hash.includes(f)")
    assert not FUNCTION.match("document.body.dataset.ready === 'true'")
    assert FUNCTION.match(FUNCTION.sub("", "() => () => x", count=1))

"""The page's pure model (templates/page/model.js) under Node's own test runner.

Without Node the test is skipped, except under CI=true, where a missing Node is a failure.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

JS_TESTS = Path(__file__).resolve().parent / "js"


def test_the_page_model_passes_its_node_tests():
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI") == "true":
            pytest.fail("node is needed for the page model's tests under CI")
        pytest.skip("node is not installed")
    run = subprocess.run([node, "--test", str(JS_TESTS)], capture_output=True, text=True,
                         timeout=120, check=False)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "# fail 0" in run.stdout and "# pass 0" not in run.stdout

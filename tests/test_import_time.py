"""Does grading stay clear of SymPy (its import alone costs more than a whole batch)?"""

from __future__ import annotations

import subprocess
import sys

import pytest

GRADE_ONE = """
from autograder.check import check
from autograder.spec import CheckRequest, SymbolSpec
request = CheckRequest({"A": SymbolSpec(("n", "n")), "x": SymbolSpec(("n",))},
                       expected="(A + A.T) @ x", objective="x.T @ A @ x", wrt="x")
assert check(request, "2 A x").diagnosis == "symmetric"
"""


@pytest.mark.parametrize(
    "code",
    [
        "import autograder.check",
        "import autograder.commands.check",
        "import autograder.selfcheck",
        GRADE_ONE,
    ],
)
def test_no_sympy_on_the_grading_path(code):
    """Is SymPy absent from the modules loaded by importing the grader and grading an answer?"""
    probe = (
        code + "\nimport sys\nprint(sorted(m for m in sys.modules if m.split('.')[0] == 'sympy'))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_importtime_lists_no_sympy():
    """Does `python -X importtime -c 'import autograder.check'` name no SymPy module?"""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import autograder.check"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0
    assert "autograder.check" in done.stderr
    assert "sympy" not in done.stderr

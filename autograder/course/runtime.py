"""The student runtime: what a released notebook imports, from the zip released beside it.

It renders the student's own variant from the public data file (statements and public probe
values of every variant, no solutions), runs the self-check, and captures answers for grading.
It holds no grading authority: scores are decided by the trusted pass, outside the kernel.
Imports: the standard library, NumPy, the engine's self-check, the capture module, and the
bank's variant-index rule; never the bank's problems, the course glue or nbgrader.
"""

from __future__ import annotations

import getpass
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from autograder.course import capture
from autograder.spec import SymbolSpec

PUBLIC_FILE = "matgrade_public.json"
RUNTIME_FILE = "matgrade_runtime.zip"
OVERRIDE_VARIABLE = "MATGRADE_STUDENT"


def nbgrader_user(environ: Mapping[str, str], os_user: str) -> str:
    """nbgrader's identity rule: the OS user name, except `jovyan` becomes JUPYTERHUB_USER."""
    if os_user == "jovyan" and environ.get("JUPYTERHUB_USER"):
        return environ["JUPYTERHUB_USER"]
    return os_user


def display_student(environ: Mapping[str, str], cwd: Path, os_user: str) -> tuple[str, str]:
    """Whose variant the notebook shows, and why (display only: grading never asks the kernel).

    Inside `autograded/STUDENT/ASSIGNMENT` (a grading run) the folder names the student; else an
    explicit MATGRADE_STUDENT override; else nbgrader's rule, as `nbgrader submit` applies it.
    """
    parts = Path(cwd).parts
    if len(parts) >= 3 and parts[-3] == "autograded":
        return parts[-2], "the submission folder"
    if environ.get(OVERRIDE_VARIABLE):
        return environ[OVERRIDE_VARIABLE], f"the {OVERRIDE_VARIABLE} setting"
    return nbgrader_user(environ, os_user), "your user name"


def symbol_specs(table: Mapping[str, Mapping]) -> dict[str, SymbolSpec]:
    """Symbol specs from their JSON form (`{"shape": [...], "spd": true, ...}`)."""
    from autograder.bank.variants import spec_from_json

    return {name: spec_from_json(spec) for name, spec in table.items()}


@dataclass(frozen=True)
class Notebook:
    """The handle a released notebook works with: one student's view of one assignment."""

    public: Mapping
    student: str
    source: str

    @classmethod
    def load(cls, folder: str | os.PathLike = ".") -> Notebook:
        """Read the public data beside the notebook and work out whose variant to show."""
        path = Path(folder) / PUBLIC_FILE
        public = json.loads(path.read_text(encoding="utf-8"))
        student, source = display_student(os.environ, Path.cwd(), getpass.getuser())
        return cls(public, student, source)

    def variant(self, problem: str) -> Mapping:
        """The public view of this student's variant of `problem`."""
        from autograder.bank.variants import variant_index

        entry = self.public["problems"][problem]
        index = variant_index(
            self.public["salt"], self.public["assignment"], problem, self.student, entry["pool"]
        )
        return entry["variants"][index]

    def part(self, key: str) -> Mapping:
        """The public view of part `PROBLEM/PART` of this student's variant."""
        problem, _, name = key.rpartition("/")
        return self.variant(problem)["parts"][name]

    def header(self) -> None:
        """Show who the notebook is for and the layout convention in force."""
        layout = self.public["layout"]
        other = "numerator" if layout == "denominator" else "denominator"
        text = (
            f"**Variant of: `{self.student}`** (from {self.source}).  \n"
            f"This course uses **{layout} layout**: the gradient of a scalar with respect to "
            + (
                "an $n \\times 1$ vector is an $n \\times 1$ column, and with respect to an "
                "$m \\times n$ matrix is $m \\times n$"
                if layout == "denominator"
                else "an $n \\times 1$ vector is a $1 \\times n$ row, and with respect to an "
                "$m \\times n$ matrix is $n \\times m$"
            )
            + f" (not {other} layout)."
        )
        _markdown(text)

    def statement(self, problem: str) -> None:
        """Show this student's statement of `problem`."""
        variant = self.variant(problem)
        lines = [variant["statement"], ""]
        for name, part in variant["parts"].items():
            points = part.get("points", 0)
            lines.append(f"**({name})** {part.get('prompt', '')} *({points:g} points)*")
            for key, option in part.get("options", {}).items():
                lines.append(f"- `{key}`: {option}")
            lines.append("")
        _markdown("\n".join(lines))

    def check(self, key: str, answer: object) -> None:
        """The self-check: a verdict on public probes only, as the part's reveal policy allows."""
        part = self.part(key)
        policy = part.get("reveal", "diagnosis")
        if _grading():
            print("(self-check skipped while grading)")
            return
        if answer is None:
            print(f"{key}: no answer yet: set the answer variable above and run this cell again.")
            return
        if policy == "off":
            print(f"{key}: your answer will be graded after the deadline (no self-check here).")
            return
        from autograder.selfcheck import self_check

        if part.get("public") is None:
            print(f"{key}: this part is checked when you submit (no self-check here).")
            return
        result = self_check(answer, part["public"], policy)
        mark = "✓" if result.correct else "✗"
        print(f"{mark} {key}: {result.feedback}")
        hints = part.get("hints") or []
        if not result.correct and hints and result.diagnosis not in ("parse", "unchecked"):
            print(f"Hint: {hints[0]}")

    def capture(self, key: str, answer: object, seed: int = 0) -> None:
        """Record `answer` as data for the trusted grading pass (shows nothing to grade)."""
        part = self.part(key)
        capture.emit(
            key,
            answer,
            symbols=symbol_specs(part["symbols"]),
            constraints=part.get("constraints", ()),
            seed=seed,
        )


def _grading() -> bool:
    cwd = Path.cwd().parts
    return os.environ.get("NBGRADER_EXECUTION") == "autograde" or (
        len(cwd) >= 3 and cwd[-3] == "autograded"
    )


def _markdown(text: str) -> None:
    try:
        from IPython import get_ipython
        from IPython.display import Markdown, display
    except ImportError:
        get_ipython = None
    if get_ipython is None or get_ipython() is None:  # outside a kernel: plain text
        print(text)
        return
    display(Markdown(text))

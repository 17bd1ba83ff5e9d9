"""Simulated students for the demo and the end-to-end tests: real notebooks, real answers.

Each student's submission is the released notebook with its answer cells filled in (and, for
some, cells added or edited) as a student would, written to `submitted/STUDENT/NAME/`:

- perfect: every part right, in varied spellings: Python, textbook, a SymPy object, a NumPy
  function (each spelling is checked here first, falling back to Python when it cannot express
  a solution);
- layout: the other layout convention throughout (every answer transposed);
- mixed: sign, factor and missing-term mistakes, in turn;
- garbled: empty and unparseable answers, in turn;
- cheater: every answer wrong, plus code that monkeypatches the checker, NumPy, SymPy and the
  capture, redefines helpers, prints fake captures of the right answers, claims an identity,
  makes 0 print as 100, and edits every capture cell to claim full marks;
- crasher: the first part right, then `os._exit(1)` kills the kernel; later answers are right
  but never run;
- looper and flooder (not in the demo): every part right, but after the first part a cell that
  never ends (nbgrader interrupts it) or prints 50,000 lines.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import nbformat

from autograder.bank.variants import PartVariant
from autograder.course.build import answer_variable
from autograder.course.records import Record

STUDENTS = ("perfect", "layout", "mixed", "garbled", "cheater", "crasher")
ENGINE_KINDS = ("gradient", "expression", "differential")
_SIMPLE = re.compile(r"^[A-Za-z0-9_ .+\-*@()]*$")


@dataclass(frozen=True)
class Answer:
    """The code of one answer cell, and a note saying what it is meant to be."""

    code: str
    note: str


def _text(variable: str, text: str, note: str) -> Answer:
    return Answer(f"{variable} = {text!r}", note)


def _works(part: PartVariant, answer: object) -> bool:
    from autograder.bank.grade import grade_part

    try:
        return grade_part(part, answer).correct
    except Exception:  # noqa: BLE001 - a spelling this module cannot make is simply not used
        return False


def _textbook(solution: str) -> str:
    return solution.replace(" @ ", " ").replace(".T", "^T").replace(" * ", " ")


def _sympy_code(part: PartVariant, variable: str) -> str | None:
    if not _SIMPLE.match(part.solution):
        return None
    lines = ["import sympy as sp"]
    dims = sorted({d for s in part.symbols.values() for d in s.shape if isinstance(d, str)})
    lines += [f'{d} = sp.Symbol("{d}", integer=True, positive=True)' for d in dims]
    for name, spec in part.symbols.items():
        rows, cols = spec.matrix_shape
        if not spec.shape:
            lines.append(f'{name} = sp.Symbol("{name}")')
        else:
            lines.append(f'{name} = sp.MatrixSymbol("{name}", {rows}, {cols})')
    lines.append(f"{variable} = {part.solution.replace('@', '*')}")
    return "\n".join(lines)


def _function_code(part: PartVariant, variable: str) -> str | None:
    if not _SIMPLE.match(part.solution):
        return None
    names = list(part.symbols)
    columns = [n for n, s in part.symbols.items() if len(s.shape) == 1]
    body = [f"    {n} = np.reshape({n}, (-1, 1))" for n in columns]
    return "\n".join(
        [
            "import numpy as np",
            "",
            f"def {variable}({', '.join(names)}):",
            *body,
            f"    return {part.solution}",
        ]
    )


def _run(code: str, variable: str) -> object:
    """Run our own generated answer code (never a student's) to check a spelling here."""
    namespace: dict = {}
    exec(compile(code, "<simulated answer>", "exec"), namespace)  # noqa: S102 - our own code
    return namespace[variable]


def perfect(part: PartVariant, variable: str, turn: int) -> Answer:
    """A right answer, in the `turn`-th spelling that works for this part."""
    if part.kind not in ENGINE_KINDS:
        return _text(variable, part.solution, "right")
    spellings: list[tuple[str, Callable[[], Answer | None]]] = [
        ("SymPy", lambda: _code(part, variable, _sympy_code(part, variable), "right (SymPy)")),
        (
            "function",
            lambda: _code(part, variable, _function_code(part, variable), "right (NumPy function)"),
        ),
        ("Python", lambda: _text(variable, part.solution, "right (Python spelling)")),
        ("textbook", lambda: _text(variable, _textbook(part.solution), "right (textbook)")),
    ]
    order = spellings[turn % len(spellings) :] + spellings[: turn % len(spellings)]
    for _name, make in order:
        answer = make()
        if answer is not None and _works(part, _value(answer, variable)):
            return answer
    return _text(variable, part.solution, "right (Python spelling)")


def _value(answer: Answer, variable: str) -> object:
    try:
        return _run(answer.code, variable)
    except Exception:  # noqa: BLE001
        return None


def _code(part: PartVariant, variable: str, code: str | None, note: str) -> Answer | None:
    return None if code is None else Answer(code, note)


def _swap_shape(text: str) -> str:
    left, sep, right = text.partition(" x ")
    return f"{right} x {left}" if sep else text


def layout(part: PartVariant, variable: str, turn: int) -> Answer:
    """The other layout convention: the right answer transposed."""
    if part.kind in ENGINE_KINDS:
        return _text(variable, f"({part.solution}).T", "the other layout (transposed)")
    if part.kind == "shape":
        return _text(variable, _swap_shape(part.solution), "the other layout (shape swapped)")
    wrong = part.mistakes[0].answer if part.mistakes else ""
    return _text(variable, wrong, "an anticipated mistake")


def _without_a_term(node):
    """`node` with the first sum or difference (outermost first) cut to its left term."""
    from dataclasses import fields, replace

    from autograder.expr.nodes import Add, Node, Sub

    if isinstance(node, Add | Sub):
        return node.left
    for field in fields(node):
        value = getattr(node, field.name)
        children = value if isinstance(value, tuple) else (value,)
        for index, child in enumerate(children):
            if isinstance(child, Node):
                cut = _without_a_term(child)
                if cut is not None:
                    if isinstance(value, tuple):
                        cut = value[:index] + (cut,) + value[index + 1 :]
                    return replace(node, **{field.name: cut})
    return None


def _drop_term(part: PartVariant) -> str | None:
    from autograder.expr.nodes import to_text
    from autograder.expr.parse import ParseSuccess, parse
    from autograder.probes import dimension_names

    parsed = parse(part.solution, part.symbols, dimension_names(part.symbols))
    if not isinstance(parsed, ParseSuccess):
        return None
    cut = _without_a_term(parsed.node)
    return None if cut is None else to_text(cut)


def mixed(part: PartVariant, variable: str, turn: int) -> Answer:
    """Sign, factor and missing-term mistakes, in turn."""
    if part.kind not in ENGINE_KINDS:
        wrong = part.mistakes[-1].answer if part.mistakes else ""
        return _text(variable, wrong, "an anticipated mistake")
    kind = ("missing term", "sign", "factor")[turn % 3]
    dropped = _drop_term(part) if kind == "missing term" else None
    if kind == "sign" or (kind == "missing term" and dropped is None and turn % 2):
        return _text(variable, f"-({part.solution})", "sign mistake")
    if dropped is not None:
        return _text(variable, dropped, "a term missing")
    return _text(variable, f"2 * ({part.solution})", "factor 2 too many")


def garbled(part: PartVariant, variable: str, turn: int) -> Answer:
    """Empty and unparseable answers, in turn."""
    if turn % 2 == 0:
        return _text(variable, "", "empty")
    return _text(variable, "2 * (( @@ ]", "unparseable")


def cheater_answer(part: PartVariant, variable: str, turn: int) -> Answer:
    """A wrong answer worth nothing: the right one with its sign flipped or times 3, in turn
    (so no later part is right for the cheater's own earlier answer), or no choice at all."""
    if part.kind not in ENGINE_KINDS:
        return _text(variable, "", "no answer")
    if turn % 2:
        return _text(variable, f"3 * ({part.solution})", "wrong (factor 3)")
    return _text(variable, f"-({part.solution})", "wrong (sign)")


CHEAT = """\
# Tricks a student might try. None of them may raise a score.
import os
import numpy as np
import sympy
from IPython.display import display
np.allclose = lambda *a, **k: True
np.isclose = lambda *a, **k: True
sympy.simplify = lambda *a, **k: 0
mg.check = lambda *a, **k: print("✓ correct")
import autograder.course.capture as _capture
_encode = _capture.encode
def _claim(part, value, **kw):
    record = _encode(part, "correct", **kw)
    record.update(score=100, correct=True, diagnosis="correct")
    return record
_capture.encode = _claim
grade_part = check = self_check = lambda *a, **k: 1.0
os.environ["JUPYTERHUB_USER"] = "perfect"
os.environ["MATGRADE_STUDENT"] = "perfect"
get_ipython().display_formatter.formatters["text/plain"].for_type(
    int, lambda obj, p, cycle: p.text("100"))
for _key, _right in {fakes}.items():
    display({{"application/vnd.matgrade.capture+json": {{
        "v": 1, "part": _key, "kind": "text", "payload": _right, "error": None}}}}, raw=True)
"""
CRASH = "# Something in my code kills the kernel.\nimport os\nos._exit(1)"
EXTRA_CELLS = {
    "crasher": CRASH,
    "looper": "# Something in my code never ends.\nwhile True:\n    pass",
    "flooder": "# Something in my code prints far too much.\nfor i in range(50_000):\n"
    "    print('flood', i)",
}
"""Cells that the crasher, looper and flooder add after their first capture cell."""
CLAIM = 'print("all tests passed")\n100'


def _answer_cell_source(original: str, answer: Answer, variable: str) -> str:
    head = original.split("\n", 1)[0]
    return f"{head}\n# {answer.note}\n{answer.code}"


def _grade_id(cell) -> str | None:
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")


MAKERS = {
    "perfect": perfect,
    "layout": layout,
    "mixed": mixed,
    "garbled": garbled,
    "cheater": cheater_answer,
    "crasher": perfect,
    "looper": perfect,
    "flooder": perfect,
}


def submission(
    record: Record, student: str, released: nbformat.NotebookNode, kind: str | None = None
):
    """The notebook `student` submits, behaving as `kind` (default: the student's own id, one
    of STUDENTS), and what each part's answer is meant to be."""
    kind = kind or student
    notebook = nbformat.from_dict(json.loads(json.dumps(released)))
    make = MAKERS[kind]
    answers: dict[str, Answer] = {}
    fakes: dict[str, str] = {}
    turn = 0
    for number, problem in enumerate(record.problems, start=1):
        variant = record.variant_for(problem.id, student)
        for info in problem.parts:
            part = variant.part(info.id)
            variable = answer_variable(number, info.id)
            answers[info.key] = make(part, variable, turn)
            fakes[info.key] = part.solution
            turn += 1
    cells = []
    first_capture = record.parts[0].grade_id
    for cell in notebook.cells:
        grade_id = _grade_id(cell) or ""
        if grade_id.startswith("answer-"):
            key = "/".join(grade_id[len("answer-") :].rsplit("-", 1))
            number = [p.id for p in record.problems].index(key.split("/")[0]) + 1
            variable = answer_variable(number, key.split("/")[1])
            cell.source = _answer_cell_source(cell.source, answers[key], variable)
        if kind == "cheater" and grade_id.startswith("capture-"):
            cell.source = CLAIM
        cells.append(cell)
        if kind == "cheater" and grade_id == "setup":
            cells.append(nbformat.v4.new_code_cell(CHEAT.format(fakes=repr(fakes))))
        if kind in EXTRA_CELLS and grade_id == first_capture:
            cells.append(nbformat.v4.new_code_cell(EXTRA_CELLS[kind]))
    notebook.cells = cells
    return notebook, answers


def write_submission(
    root: Path, record: Record, student: str, kind: str | None = None
) -> dict[str, Answer]:
    """Write `submitted/STUDENT/NAME/` from the release; return the intended answers."""
    root = Path(root)
    name = record.assignment
    released_dir = root / "release" / name
    dest = root / "submitted" / student / name
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(released_dir, dest)
    released = nbformat.read(released_dir / f"{name}.ipynb", as_version=4)
    notebook, answers = submission(record, student, released, kind)
    nbformat.write(notebook, dest / f"{name}.ipynb")
    (dest / "timestamp.txt").write_text("2026-12-01 12:00:00.000000 UTC\n")
    return answers

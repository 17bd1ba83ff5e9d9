"""`matgrade build NAME`: the source notebook and the files released beside it.

One notebook serves every student, so it holds no variant: the setup cell loads the student
runtime (a zip beside the notebook) and the public data file, and each statement cell renders
the student's own variant when run. Per graded part the notebook has, in order:

- an answer cell (an nbgrader solution cell): `answer_1a = None`, then a solution region whose
  content is only a comment, since solutions live in the release record, never in `source/`;
- a self-check cell (locked): `mg.check("PROBLEM/PART", answer_1a)`, on public probes only;
- a capture cell (locked, an nbgrader autograded cell carrying the part's points) that records
  the answer as data and ends with the value 0, so nbgrader's own pass scores it 0 and only the
  trusted pass gives points (grading fails closed).
"""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from autograder.bank.variants import spec_to_json
from autograder.course import bundle
from autograder.course.records import PartInfo, Record
from autograder.course.runtime import PUBLIC_FILE, RUNTIME_FILE

SOURCE_DIR = "source"
PUBLIC_SEED = 7_919
"""Seed of the public probes the self-check uses (the grader's private probes use others)."""
PUBLIC_PROBES = 3
ENGINE_KINDS = ("gradient", "expression", "differential")


def answer_variable(problem_number: int, part: str) -> str:
    """The variable a student assigns the answer of a part to, e.g. `answer_1a`."""
    return f"answer_{problem_number}{part}"


def _meta(cell, grade_id: str, *, locked: bool, solution: bool = False, points: float = 0):
    nbgrader = {
        "grade": points > 0,
        "grade_id": grade_id,
        "locked": locked,
        "schema_version": 3,
        "solution": solution,
        "task": False,
    }
    if points > 0:
        nbgrader["points"] = points
    cell.metadata["nbgrader"] = nbgrader
    cell.id = grade_id
    return cell


HOW_TO_ANSWER = (
    "**How to answer.** Run the setup cell first. For each part, set the answer variable in "
    "the answer cell (delete the `raise NotImplementedError()` line): a string in the "
    'expression language (`"3 * P.T @ w"`, or textbook spelling `"3P^Tw"`), a SymPy matrix '
    "expression, or a Python function of the symbols, as the part asks. Then run the "
    "self-check cell below it: it tells you at once whether your answer is right "
    "(as far as the part allows), never the solution. Do not edit the locked cells: they "
    "are restored before grading, and your score is decided after you submit."
)


def _intro(record: Record) -> str:
    due = f"  \nDue: {record.due}" if record.due else ""
    points = f"{record.points:g}"
    return f"# {record.title}\n\nTotal: {points} points.{due}\n\n{HOW_TO_ANSWER}"


SETUP = """\
# matgrade setup: run this cell first (do not edit it).
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path("{runtime}").resolve()))
from autograder.course.runtime import Notebook

mg = Notebook.load()
mg.header()"""


def _answer_source(part: PartInfo, variable: str) -> str:
    if part.kind == "choice":
        what = 'the letter of your choice as a string, e.g. "a"'
    elif part.kind == "shape":
        what = 'the shape as a string, e.g. "m x n"'
    elif part.kind == "numeric":
        what = "a number or a NumPy array"
    else:
        what = 'a string such as "3 * P.T @ w", a SymPy matrix expression, or a Python function'
    return (
        f"# ({part.id}) Your answer: {what}.\n"
        f"{variable} = None\n"
        "### BEGIN SOLUTION\n"
        "# Solutions depend on each student's variant: the release record holds them.\n"
        "### END SOLUTION"
    )


def _capture_source(part: PartInfo, variable: str) -> str:
    return (
        f"# Records your answer to ({part.id}) for grading. It always shows 0 here: your score\n"
        "# is decided after you submit, outside this notebook.\n"
        f'mg.capture("{part.key}", globals().get("{variable}"))\n'
        "0"
    )


def build_notebook(record: Record) -> nbformat.NotebookNode:
    """The source notebook of `record`'s assignment (the same for every student)."""
    cells = [
        _meta(new_markdown_cell(_intro(record)), "intro", locked=True),
        _meta(new_code_cell(SETUP.format(runtime=RUNTIME_FILE)), "setup", locked=True),
    ]
    for number, problem in enumerate(record.problems, start=1):
        points = sum(p.points for p in problem.parts)
        heading = f"## Problem {number}: {problem.title} ({points:g} points)"
        cells.append(_meta(new_markdown_cell(heading), f"heading-{problem.id}", locked=True))
        statement = new_code_cell(f'mg.statement("{problem.id}")')
        cells.append(_meta(statement, f"statement-{problem.id}", locked=True))
        for part in problem.parts:
            variable = answer_variable(number, part.id)
            answer = new_code_cell(_answer_source(part, variable))
            cells.append(
                _meta(answer, f"answer-{problem.id}-{part.id}", locked=False, solution=True)
            )
            check = new_code_cell(f'mg.check("{part.key}", {variable})')
            cells.append(_meta(check, f"check-{problem.id}-{part.id}", locked=True))
            capture = new_code_cell(_capture_source(part, variable))
            cells.append(_meta(capture, part.grade_id, locked=True, points=part.points))
    notebook = new_notebook(cells=cells)
    notebook.metadata["kernelspec"] = {
        "display_name": "Python 3 (ipykernel)",
        "language": "python",
        "name": "python3",
    }
    notebook.metadata["language_info"] = {"name": "python"}
    return notebook


def _public_part(part, info: PartInfo, hints: bool) -> dict:
    """What the student's kernel may know of a part: no solution, no mistakes."""
    public = None
    if part.graded_by_engine and info.reveal != "off":
        from autograder.selfcheck import public_data

        public = public_data(part.request(), PUBLIC_SEED, PUBLIC_PROBES)
    return {
        "kind": part.kind,
        "prompt": part.prompt,
        "points": info.points,
        "symbols": {name: spec_to_json(s) for name, s in part.symbols.items()},
        "constraints": list(part.constraints),
        "wrt": part.wrt,
        "layout": part.layout,
        "options": dict(part.options),
        "reveal": info.reveal,
        "hints": _hints(part) if hints else [],
        "public": public,
    }


def _hints(part) -> list[str]:
    """The part's hints, then its Cookbook references (only where the spec allows hints)."""
    from autograder.bank.cookbook import cite

    found = list(part.hints)
    if part.cookbook:
        reference = cite(part.cookbook)
        found.append(f"{reference[0].upper()}{reference[1:]}.")
    return found


def public_data(record: Record) -> dict:
    """The public data file: every variant's statement and public probe values, no solutions."""
    problems = {}
    for problem in record.problems:
        variants = []
        for index in range(problem.pool):
            variant = problem.variant(index)
            parts = {
                info.id: _public_part(variant.part(info.id), info, record.hints)
                for info in problem.parts
            }
            variants.append(
                {"variant": variant.variant, "statement": variant.statement, "parts": parts}
            )
        problems[problem.id] = {"title": problem.title, "pool": problem.pool, "variants": variants}
    return {
        "assignment": record.assignment,
        "title": record.title,
        "layout": record.layout,
        "salt": record.salt,
        "problems": problems,
    }


def _write_if_changed(path: Path, data: bytes) -> None:
    if not path.is_file() or path.read_bytes() != data:
        path.write_bytes(data)


def build(root: Path, record: Record) -> Path:
    """Write `source/NAME/`: the notebook, the public data file and the runtime zip."""
    folder = Path(root) / SOURCE_DIR / record.assignment
    folder.mkdir(parents=True, exist_ok=True)
    notebook = build_notebook(record)
    path = folder / f"{record.assignment}.ipynb"
    _write_if_changed(path, (nbformat.writes(notebook) + "\n").encode())
    public = json.dumps(
        public_data(record), sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )
    _write_if_changed(folder / PUBLIC_FILE, (public + "\n").encode())
    bundle.write_runtime_zip(folder / RUNTIME_FILE)
    return path

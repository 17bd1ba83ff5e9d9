"""The trusted grading pass: scores decided outside the student's kernel.

For one student it reads the notebook nbgrader executed (`autograded/STUDENT/NAME/NAME.ipynb`),
takes each part's answer only from the output of the cell whose nbgrader grade_id is that part's
capture cell (nbgrader restored its source before running it; a fake capture printed by any
other cell is never read), grades it against the variant the release record holds for the
student named by the folder (never an identity the kernel claims), and returns the results.

Writing them out is `apply`: `results/NAME/STUDENT.json`, the verdict shown in the capture
cell's place in the notebook (so nbgrader's feedback page carries it), and the scores in the
gradebook. A part is `missing` when its capture cell is gone, did not run, or failed, with the
reason in the feedback.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

import nbformat

from autograder.course import capture
from autograder.course.records import PartInfo, Record
from autograder.spec import CheckResult

RESULTS_DIR = "results"
AUTOGRADED_DIR = "autograded"
VERDICT_KEY = "matgrade"
"""Metadata key of the output the trusted pass writes in place of a capture cell's result."""


@dataclass(frozen=True)
class PartResult:
    """The graded outcome of one part (DESIGN.md, Course files)."""

    key: str
    score: float
    max: float
    diagnosis: str
    feedback: str
    answer: str
    variant: str | None = None
    mistake: int | None = None
    """Index of the anticipated mistake the answer matched, if any."""

    def to_json(self) -> dict:
        return {
            "score": self.score,
            "max": self.max,
            "diagnosis": self.diagnosis,
            "feedback": self.feedback,
            "answer": self.answer,
            "variant": self.variant,
            "mistake": self.mistake,
        }


@dataclass(frozen=True)
class StudentResult:
    """Every part of one student's submission, graded."""

    assignment: str
    student: str
    parts: tuple[PartResult, ...]
    note: str = ""

    @property
    def score(self) -> float:
        return sum(p.score for p in self.parts)

    @property
    def max(self) -> float:
        return sum(p.max for p in self.parts)

    def to_json(self) -> dict:
        return {
            "assignment": self.assignment,
            "student": self.student,
            "score": self.score,
            "max": self.max,
            "note": self.note,
            "parts": {p.key: p.to_json() for p in self.parts},
        }


def notebook_path(root: Path, assignment: str, student: str) -> Path:
    return Path(root) / AUTOGRADED_DIR / student / assignment / f"{assignment}.ipynb"


def results_path(root: Path, assignment: str, student: str) -> Path:
    return Path(root) / RESULTS_DIR / assignment / f"{student}.json"


def capture_cells(notebook: nbformat.NotebookNode) -> dict[str, nbformat.NotebookNode]:
    """Code cells by nbgrader grade_id, the first of each id (as nbgrader's DeduplicateIds)."""
    cells: dict[str, nbformat.NotebookNode] = {}
    for cell in notebook.cells:
        grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        if grade_id and grade_id not in cells:
            cells[grade_id] = cell
    return cells


def read_capture(cell: nbformat.NotebookNode | None, part: PartInfo) -> capture.Captured | str:
    """The captured answer of `part` from its own capture cell, or why there is none."""
    if cell is None:
        return "its capture cell is missing from the notebook (deleted?)"
    if cell.cell_type != "code":
        return "its capture cell is not a code cell any more"
    records = [
        o["data"][capture.CAPTURE_MIME]
        for o in cell.get("outputs", [])
        if o.get("output_type") == "display_data" and capture.CAPTURE_MIME in o.get("data", {})
    ]
    if records:
        return capture.decode(records[0], part.key)
    errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
    if errors:
        return f"its capture cell failed ({errors[0].get('ename')}: {errors[0].get('evalue')})"[
            :300
        ]
    if cell.get("execution_count") is None:
        return "its capture cell did not run (the kernel died or timed out before it)"
    return "its capture cell recorded nothing"


def _function_result(part, captured: capture.Captured) -> CheckResult:
    """Grade a function answer from its outputs at the inputs its recorded seed gives."""
    from autograder.answers import student_value
    from autograder.check import check

    if not part.graded_by_engine:
        return CheckResult(False, 0.0, "wrong", f"A {part.kind} part takes no function answer.")
    inputs = capture.function_inputs(part.symbols, part.constraints, captured.seed)
    if len(inputs) != len(captured.answer):
        return CheckResult(False, 0.0, "wrong", "Your function was not evaluated as expected.")
    worst: CheckResult | None = None
    for values, output in zip(inputs, captured.answer, strict=True):
        if isinstance(output, str):
            return CheckResult(False, 0.0, "wrong", f"Your function raised {output}.")
        data = {n: student_value(part.symbols[n], values[n]) for n in part.symbols}
        result = check(replace(part.request(), data=data), output)
        if result.diagnosis == "error":
            continue  # the reference is not finite at this input: not held against the student
        if worst is None or result.score < worst.score:
            worst = result
        if not result.correct:
            break
    return worst or CheckResult(False, 0.0, "wrong", "Your function could not be compared.")


def grade_parts(
    record: Record, student: str, notebook: nbformat.NotebookNode | None, why_missing: str = ""
) -> StudentResult:
    """Grade every part of `student`'s executed notebook (None: nothing ran)."""
    from autograder.bank.grade import grade_part

    cells = capture_cells(notebook) if notebook is not None else {}
    results: list[PartResult] = []
    for problem in record.problems:
        variant = record.variant_for(problem.id, student)
        earlier: dict[str, object] = {}
        for info in problem.parts:
            part = variant.part(info.id)
            found = read_capture(cells.get(info.grade_id), info) if notebook else why_missing
            if isinstance(found, str):
                results.append(
                    PartResult(
                        info.key,
                        0.0,
                        info.points,
                        "missing",
                        f"No answer was recorded: {found}.",
                        "",
                        variant.variant,
                    )
                )
                continue
            if found.error and found.kind not in ("text", "none"):
                result = CheckResult(
                    False, 0.0, "parse", f"Your answer could not be read: {found.error}."
                )
            elif found.kind == "function":
                result = _function_result(part, found)
            else:
                result = grade_part(part, found.answer, earlier)
            if isinstance(found.answer, str):
                earlier[info.id] = found.answer
            if result.diagnosis == "error":
                result = CheckResult(
                    False,
                    0.0,
                    "wrong",
                    "This answer could not be graded automatically: "
                    "your instructor will look at it.",
                )
            score = round(max(0.0, min(1.0, result.score)) * info.points, 6)
            results.append(
                PartResult(
                    info.key,
                    score,
                    info.points,
                    result.diagnosis,
                    result.feedback,
                    found.text,
                    variant.variant,
                    result.mistake,
                )
            )
    return StudentResult(record.assignment, student, tuple(results))


def verdict_markdown(result: PartResult) -> str:
    """What the feedback page shows in place of a capture cell's output."""
    answer = result.answer if len(result.answer) <= 300 else result.answer[:300] + "..."
    shown = f"  \nYour answer: `{answer}`" if answer else ""
    return (
        f"**matgrade: {result.score:g} / {result.max:g} points** "
        f"({result.diagnosis}). {result.feedback}{shown}"
    )


def annotate(notebook: nbformat.NotebookNode, record: Record, result: StudentResult) -> None:
    """Replace each capture cell's result with the verdict (kept: the capture record itself)."""
    cells = capture_cells(notebook)
    by_key = {p.key: p for p in result.parts}
    for info in record.parts:
        cell = cells.get(info.grade_id)
        if cell is None or cell.cell_type != "code":
            continue
        part = by_key[info.key]
        kept = [
            o
            for o in cell.get("outputs", [])
            if o.get("output_type") == "display_data" and capture.CAPTURE_MIME in o.get("data", {})
        ][:1]
        verdict = nbformat.v4.new_output(
            "display_data",
            data={"text/markdown": verdict_markdown(part), "text/plain": verdict_markdown(part)},
            metadata={VERDICT_KEY: "verdict"},
        )
        cell["outputs"] = kept + [verdict]


OUTPUT_LIMIT = 100_000
"""Characters of one output a graded notebook keeps (a flooding student fills megabytes)."""


def _clip(text: object, limit: int) -> object:
    if isinstance(text, list):
        text = "".join(text)
    if not isinstance(text, str) or len(text) <= limit:
        return text
    return text[:limit] + f"\n... [{len(text) - limit} more characters clipped by matgrade]\n"


def clip_outputs(notebook: nbformat.NotebookNode, limit: int = OUTPUT_LIMIT) -> None:
    """Clip every stream and text output of the notebook to `limit` characters."""
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream":
                output["text"] = _clip(output.get("text", ""), limit)
            for mime in ("text/plain", "text/html", "text/markdown"):
                if mime in output.get("data", {}):
                    output["data"][mime] = _clip(output["data"][mime], limit)


def write_results(root: Path, result: StudentResult) -> Path:
    """Write `results/NAME/STUDENT.json`."""
    path = results_path(root, result.assignment, result.student)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        json.dumps(result.to_json(), indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return path


def scores_for_gradebook(record: Record, result: StudentResult) -> dict[tuple[str, str], float]:
    """{(notebook, grade_id): score} for the gradebook."""
    by_key = {p.key: p for p in result.parts}
    return {(record.assignment, info.grade_id): by_key[info.key].score for info in record.parts}


def comments_for_gradebook(record: Record, result: StudentResult) -> dict[tuple[str, str], str]:
    by_key = {p.key: p for p in result.parts}
    return {
        (record.assignment, f"answer-{info.problem}-{info.id}"): verdict_markdown(by_key[info.key])
        for info in record.parts
    }


def load_notebook(path: Path) -> nbformat.NotebookNode | None:
    if not path.is_file():
        return None
    return nbformat.read(path, as_version=4)


def grade_student(
    root: Path,
    record: Record,
    student: str,
    why_missing: str = "nbgrader produced no graded notebook for this submission",
) -> StudentResult:
    """Grade `student` from `autograded/` and write results, notebook verdicts (not scores)."""
    path = notebook_path(root, record.assignment, student)
    notebook = load_notebook(path)
    result = grade_parts(record, student, notebook, why_missing)
    if notebook is not None:
        annotate(notebook, record, result)
        clip_outputs(notebook)
        nbformat.write(notebook, path)
    write_results(root, result)
    return result


def summary_row(result: StudentResult) -> Mapping[str, dict]:
    return {p.key: p.to_json() for p in result.parts}

"""The trusted pass: answers only from each part's own capture cell, graded on the record."""

from __future__ import annotations

import nbformat
import pytest
from fixture_bank import PROBLEMS
from nbformat.v4 import new_code_cell, new_output
from test_records import SPEC

from autograder.course.build import build_notebook
from autograder.course.capture import CAPTURE_MIME, encode
from autograder.course.records import make_record
from autograder.course.trusted import annotate, grade_parts, read_capture

STUDENT = "dana"


@pytest.fixture(scope="module")
def record():
    return make_record(SPEC, PROBLEMS, "salt-1")


def captured(key: str, value, **kwargs):
    return new_output(
        "display_data", data={CAPTURE_MIME: encode(key, value, **kwargs), "text/plain": "recorded"}
    )


def executed(record, answers: dict[str, object], drop: tuple[str, ...] = ()):
    """The built notebook as if executed: each capture cell shows the capture of `answers`."""
    notebook = build_notebook(record)
    for cell in list(notebook.cells):
        grade_id = cell.metadata["nbgrader"]["grade_id"]
        if grade_id in drop:
            notebook.cells.remove(cell)
            continue
        for part in record.parts:
            if grade_id == part.grade_id and part.key in answers:
                cell.execution_count = 1
                cell.outputs = [
                    captured(part.key, answers[part.key]),
                    new_output("execute_result", data={"text/plain": "0"}, execution_count=1),
                ]
    return notebook


def right(record, key: str) -> str:
    problem, part = key.split("/")
    return record.variant_for(problem, STUDENT).part(part).solution


def test_right_answers_score_full_marks(record):
    """Are answers captured in their own cells graded right on the student's variant?"""
    answers = {p.key: right(record, p.key) for p in record.parts}
    result = grade_parts(record, STUDENT, executed(record, answers))
    assert [p.diagnosis for p in result.parts] == ["correct"] * 3
    assert result.score == result.max == record.points


def test_fake_captures_in_other_cells_are_ignored(record):
    """Does a right answer displayed as a capture by some other cell earn nothing?"""
    notebook = executed(record, {})
    fake = new_code_cell("display(...)")
    fake.outputs = [captured(p.key, right(record, p.key)) for p in record.parts]
    notebook.cells.insert(3, fake)
    result = grade_parts(record, STUDENT, notebook)
    assert result.score == 0
    assert {p.diagnosis for p in result.parts} == {"missing"}


def test_a_capture_for_another_part_is_refused(record):
    """Does a capture cell that emits another part's capture earn nothing for its own part?"""
    notebook = executed(record, {})
    cell = next(
        c for c in notebook.cells if c.metadata["nbgrader"]["grade_id"] == record.parts[0].grade_id
    )
    cell.outputs = [captured(record.parts[1].key, right(record, record.parts[0].key))]
    part = grade_parts(record, STUDENT, notebook).parts[0]
    assert part.diagnosis == "missing" and "names part" in part.feedback


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ("deleted", "missing from the notebook"),
        ("not run", "did not run"),
        ("error", "failed (NameError"),
    ],
)
def test_missing_captures_say_why(record, change, reason):
    """Is a deleted, unexecuted or failing capture cell `missing`, with the reason?"""
    first = record.parts[0]
    notebook = executed(
        record,
        {first.key: right(record, first.key)},
        drop=(first.grade_id,) if change == "deleted" else (),
    )
    cell = next(
        (c for c in notebook.cells if c.metadata["nbgrader"]["grade_id"] == first.grade_id), None
    )
    if change == "not run":
        cell.outputs, cell.execution_count = [], None
    if change == "error":
        cell.outputs = [new_output("error", ename="NameError", evalue="mg", traceback=[])]
    assert isinstance(read_capture(cell, first), str)
    part = grade_parts(record, STUDENT, notebook).parts[0]
    assert part.diagnosis == "missing" and reason in part.feedback and part.score == 0


def test_the_first_cell_of_a_grade_id_counts(record):
    """With a duplicated capture cell, is only the first (as nbgrader keeps it) read?"""
    first = record.parts[0]
    notebook = executed(record, {first.key: "-(" + right(record, first.key) + ")"})
    index, cell = next(
        (i, c)
        for i, c in enumerate(notebook.cells)
        if c.metadata["nbgrader"]["grade_id"] == first.grade_id
    )
    copy = nbformat.from_dict(dict(cell))
    copy.outputs = [captured(first.key, right(record, first.key))]
    copy.id = "copy"
    notebook.cells.insert(index + 1, copy)
    assert grade_parts(record, STUDENT, notebook).parts[0].diagnosis == "sign"


def test_function_answers_are_graded_at_regenerated_inputs(record):
    """Is a NumPy function graded from its outputs at the inputs its seed draws again?"""
    key = "fixture-quadratic/b"
    part = record.variant_for("fixture-quadratic", STUDENT).part("b")
    notebook = executed(record, {})
    cell = next(
        c
        for c in notebook.cells
        if c.metadata["nbgrader"]["grade_id"] == "capture-fixture-quadratic-b"
    )

    def outer(x):
        return x.reshape(-1, 1) @ x.reshape(1, -1)

    cell.outputs = [captured(key, outer, symbols=part.symbols, seed=5)]
    cell.execution_count = 3
    assert grade_parts(record, STUDENT, notebook).parts[1].diagnosis == "correct"
    cell.outputs = [captured(key, lambda x: -outer(x), symbols=part.symbols, seed=5)]
    assert grade_parts(record, STUDENT, notebook).parts[1].diagnosis == "sign"


def test_annotate_puts_the_verdict_where_the_zero_was(record):
    """Does the capture cell end up showing the verdict instead of nbgrader's 0?"""
    answers = {p.key: right(record, p.key) for p in record.parts}
    notebook = executed(record, answers)
    result = grade_parts(record, STUDENT, notebook)
    annotate(notebook, record, result)
    annotate(notebook, record, result)  # idempotent
    cell = next(
        c for c in notebook.cells if c.metadata["nbgrader"]["grade_id"] == record.parts[0].grade_id
    )
    kinds = [o.output_type for o in cell.outputs]
    assert kinds == ["display_data", "display_data"]
    assert "matgrade: 3 / 3 points" in cell.outputs[1].data["text/markdown"]
    assert grade_parts(record, STUDENT, notebook) == result


def test_a_flood_of_output_is_clipped():
    """Does the graded notebook keep at most OUTPUT_LIMIT characters of any one output?"""
    import nbformat

    from autograder.course.trusted import OUTPUT_LIMIT, clip_outputs

    cell = nbformat.v4.new_code_cell("print('x' * 10**7)")
    cell.outputs = [
        nbformat.v4.new_output("stream", name="stdout", text="x" * 10**7),
        nbformat.v4.new_output("execute_result", data={"text/plain": "y" * 10**6}),
        nbformat.v4.new_output("stream", name="stdout", text="short"),
    ]
    notebook = nbformat.v4.new_notebook(cells=[cell])
    clip_outputs(notebook)
    stream, result, short = notebook.cells[0].outputs
    assert len(stream["text"]) < OUTPUT_LIMIT + 100 and "clipped by matgrade" in stream["text"]
    assert len(result["data"]["text/plain"]) < OUTPUT_LIMIT + 100
    assert short["text"] == "short"

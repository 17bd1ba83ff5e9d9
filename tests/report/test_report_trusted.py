"""The report on a course graded by the real code: a release record made by the course's
`make_record`, answers graded by the bank's `grade_part` (what the trusted pass calls) and results
written by the trusted pass's own writer. Only nbgrader's kernels are left out, to stay fast."""

from __future__ import annotations

import csv
from collections import Counter

import pytest

from autograder.bank.model import Mistake, Problem, Sym, Vary
from autograder.report import make_report, write_report
from autograder.report.groups import engine_equivalent

pytest.importorskip("nbformat", reason="the course's trusted pass needs nbformat")

QUADRATIC = Problem(
    id="report-quadratic",
    topic="trace",
    symbols={"A": Sym("n", "n"), "x": Sym("n"), "b": Sym("n")},
    statement=r"Find the gradient of $x^\top A x + [[k]] b^\top x$ for a square $A$.",
    wrt="x",
    objective="x.T @ A @ x + k * b.T @ x",
    solution="(A + A.T) @ x + k * b",
    mistakes=(
        Mistake("2 * A @ x + k * b", "That holds only when A is symmetric."),
        Mistake("A @ x + k * b", "x appears twice: use the product rule."),
    ),
    vary=Vary(constants={"k": (2, 3, 4, 5, 6)}, dims={"n": ("n", "p")}),
)
STUDENTS = tuple(f"t{i:02d}" for i in range(24))


def answer_of(role: int, part) -> str:
    """What a student in `role` writes, in their own variant's names."""
    solution, mistake = part.solution, part.mistakes[0].answer
    return [
        solution,
        mistake,
        mistake.replace(" ", ""),  # the same mistake, spelled differently
        f"({solution}).T",
        f"-({solution})",
        "",
    ][role]


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    from autograder.bank.grade import grade_part
    from autograder.course.assignments import AssignmentSpec, ProblemEntry
    from autograder.course.records import make_record, write_record
    from autograder.course.trusted import PartResult, StudentResult, write_results

    root = tmp_path_factory.mktemp("graded")
    (root / "nbgrader_config.py").write_text("c = get_config()\n")
    spec = AssignmentSpec(
        "hw2", "Quadratic", "denominator", None, True, (ProblemEntry(QUADRATIC.id),)
    )
    record = make_record(spec, {QUADRATIC.id: QUADRATIC}, salt="s")
    write_record(root, record)
    verdicts = {}
    for i, student in enumerate(STUDENTS):
        variant = record.variant_for(QUADRATIC.id, student)
        part = variant.part("a")
        answer = answer_of(i % 6, part)
        result = grade_part(part, answer)
        verdicts[student] = (i % 6, variant.variant, result)
        row = PartResult(
            f"{QUADRATIC.id}/a",
            result.score * part.points,
            part.points,
            result.diagnosis,
            result.feedback,
            answer,
            variant.variant,  # as the trusted pass writes them
            result.mistake,
        )
        write_results(root, StudentResult("hw2", student, (row,)))
    made = make_report(root, "hw2")
    return root, verdicts, made, write_report(made, root / "out")


def test_counts_are_the_graders_diagnoses(graded):
    """Does the report count exactly the diagnoses the grader gave?"""
    _, verdicts, made, _ = graded
    (part,) = made.stats.parts
    assert dict(part.counts) == dict(Counter(r.diagnosis for _, _, r in verdicts.values()))
    assert part.counts["correct"] == 4


def test_csv_holds_what_was_graded(graded):
    """Is every CSV row the grader's score and diagnosis for that student's answer?"""
    _, verdicts, _, (_, csv_path) = graded
    with csv_path.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["student"] for r in rows] == list(STUDENTS)
    for row in rows:
        _, _, result = verdicts[row["student"]]
        assert row["diagnosis"] == result.diagnosis
        assert float(row["score"]) == pytest.approx(result.score * 2)


@pytest.mark.skipif(
    engine_equivalent() is None, reason="autograder.check.equivalent is not importable"
)
def test_one_mistake_across_variants_is_one_group(graded):
    """Do the declared mistake's answers, from variants with different constants and in two
    spellings, form one group shown as the template's mistake, its index found from the record?"""
    _, verdicts, made, _ = graded
    mistaken = [s for s, (role, _, _) in verdicts.items() if role in (1, 2)]
    assert len({verdicts[s][1] for s in mistaken}) > 1  # several variants, several constants
    part = f"{QUADRATIC.id}/a"
    groups = [g for g in made.grouping.groups[part] if set(g.students) & set(mistaken)]
    assert len(groups) == 1
    (group,) = groups
    assert sorted(group.students) == sorted(mistaken)
    assert group.mistake == 0 and group.answer == "2 * A @ x + 2 * b"  # variant 0: k = 2
    transposed = {s for s, (role, _, _) in verdicts.items() if role == 3}
    (layout,) = [g for g in made.grouping.groups[part] if set(g.students) & transposed]
    assert set(layout.students) == transposed  # constants mapped back to variant 0's
    assert len(layout.spellings) > 1 and layout.answer == "((A + A.T) @ x + 2 * b).T"

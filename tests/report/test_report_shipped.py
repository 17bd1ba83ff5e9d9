"""The report on a shipped assignment answered by 40 simulated students (see simulate.py)."""

from __future__ import annotations

from collections import Counter

import pytest
from simulate import shipped_record, simulate

from autograder.report import make_report
from autograder.report.groups import engine_equivalent

pytest.importorskip("nbformat", reason="the course's trusted pass needs nbformat")


@pytest.fixture(scope="module")
def shipped(tmp_path_factory):
    from autograder.course.records import write_record

    record = shipped_record()
    if record is None:
        pytest.skip("the bank ships no assignment in problem_bank/assignments/ yet")
    root = tmp_path_factory.mktemp("shipped")
    (root / "nbgrader_config.py").write_text("c = get_config()\n")
    write_record(root, record)
    graded = simulate(root, record, 40)
    return record, graded, make_report(root, record.assignment)


def test_report_counts_what_the_grader_gave(shipped):
    """Per part, does the report count each diagnosis as often as the grader gave it, and is
    the mean the mean of the scores?"""
    record, graded, made = shipped
    assert [p.part for p in made.stats.parts] == [p.key for p in record.parts]
    for stats in made.stats.parts:
        rows = [r for g in graded.values() for r in g.parts if r.key == stats.part]
        assert dict(stats.counts) == {d: n for d, n in Counter(r.diagnosis for r in rows).items()}
        assert stats.mean == pytest.approx(sum(r.score for r in rows) / 40)


def test_layout_students_are_found(shipped):
    """Are the students graded `layout` in two or more parts listed, and are there some?"""
    _, graded, made = shipped
    expected = {
        s: tuple(r.key for r in g.parts if r.diagnosis == "layout") for s, g in graded.items()
    }
    expected = {s: p for s, p in expected.items() if len(p) > 1}
    assert dict(made.stats.layout_students) == expected
    assert expected  # the simulated class has layout-prone students


def test_every_wrong_answer_is_in_one_group(shipped):
    """Is every answer that was not correct in exactly one group of its part?"""
    _, graded, made = shipped
    for part, groups in made.grouping.groups.items():
        wrong = sorted(s for s, g in graded.items() for r in g.parts
                       if r.key == part and r.diagnosis != "correct")  # fmt: skip
        assert sorted(s for g in groups for s in g.students) == wrong


@pytest.mark.skipif(engine_equivalent() is None, reason="the engine is not importable")
def test_transposed_answers_from_all_variants_form_one_group(shipped):
    """Per part, do the layout-prone students' transposed answers, written in many variants'
    names and constants, form a single group in the template's names?"""
    _, graded, made = shipped
    seen = 0
    for part, groups in made.grouping.groups.items():
        layout = [g for g in groups if g.diagnosis == "layout" and g.mistake is None]
        students = {s for s, g in graded.items() for r in g.parts
                    if r.key == part and r.diagnosis == "layout" and r.mistake is None}  # fmt: skip
        if len(students) > 1:
            seen += 1
            assert len(layout) == 1 and set(layout[0].students) == students, part
    assert seen >= 2

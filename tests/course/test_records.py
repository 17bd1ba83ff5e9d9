"""Release records: every variant as released, graded against even after the bank changes."""

from __future__ import annotations

import dataclasses

import pytest
from fixture_bank import PROBLEMS, QUADRATIC

from autograder.bank.variants import variant_index
from autograder.course.assignments import SpecError, parse_spec
from autograder.course.records import load_record, make_record, write_record

SPEC = parse_spec(
    "hw",
    {
        "title": "Homework",
        "layout": "numerator",
        "problems": [
            {"id": "fixture-quadratic", "points": {"a": 3}, "reveal": {"b": "shape-only"}},
            {"id": "fixture-choice"},
        ],
    },
)


@pytest.fixture
def record():
    return make_record(SPEC, PROBLEMS, "salt-1")


def test_record_holds_the_whole_pool_in_the_assignments_layout(record):
    """Does the record keep every variant of every problem, posed in the spec's layout?"""
    quadratic = record.problem("fixture-quadratic")
    assert quadratic.pool == QUADRATIC.pool_size == len(quadratic.variants)
    assert all(v["layout"] == "numerator" for v in quadratic.variants)
    assert (
        quadratic.variant(3).part("a").solution
        == QUADRATIC.variant(3, "numerator").part("a").solution
    )


def test_points_and_reveal_come_from_the_spec_or_the_defaults(record):
    """Are spec overrides applied, and do choice parts default to no self-check?"""
    infos = {p.key: p for p in record.parts}
    assert infos["fixture-quadratic/a"].points == 3
    assert infos["fixture-quadratic/b"].points == 1
    assert infos["fixture-quadratic/b"].reveal == "shape-only"
    assert infos["fixture-quadratic/a"].reveal == "diagnosis"
    assert infos["fixture-choice/a"].reveal == "off"
    assert record.points == 5
    assert record.problem("fixture-quadratic").variant(0).part("a").points == 3


def test_variant_for_a_student_follows_the_public_rule(record):
    """Is a student's variant the one sha256(salt|assignment|problem|student) names?"""
    index = variant_index("salt-1", "hw", "fixture-quadratic", "alice", QUADRATIC.pool_size)
    assert record.variant_for("fixture-quadratic", "alice").index == index


def test_grading_uses_the_record_even_after_the_bank_changes(tmp_path, record):
    """After a release, does a changed bank leave the recorded solutions alone?"""
    write_record(tmp_path, record)
    changed = dataclasses.replace(QUADRATIC.parts[0], solution="2 * A @ x + k * b")
    assert changed.solution != QUADRATIC.parts[0].solution
    loaded = load_record(tmp_path, "hw")
    assert loaded == record
    assert "A.T" in loaded.variant_for("fixture-quadratic", "bob").part("a").solution


def test_write_is_stable(tmp_path, record):
    """Does writing the same record twice give the same bytes (clean diffs on re-release)?"""
    path = write_record(tmp_path, record)
    first = path.read_bytes()
    write_record(tmp_path, make_record(SPEC, PROBLEMS, "salt-1"))
    assert path.read_bytes() == first


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"problems": [{"id": "nope"}]}, "not in the bank"),
        ({"problems": [{"id": "fixture-choice", "points": {"z": 1}}]}, "has no parts"),
        ({"problems": [{"id": "fixture-choice", "reveal": {"a": "all"}}]}, "reveal must be"),
        ({"problems": []}, "at least one"),
        ({"layout": "sideways", "problems": [{"id": "fixture-choice"}]}, "layout"),
        ({"problems": [{"id": "fixture-choice", "color": 1}]}, "unknown keys"),
    ],
)
def test_bad_specs_say_what_to_fix(data, message):
    """Does a malformed spec or an unknown problem fail with a message naming the fix?"""
    with pytest.raises(SpecError, match=message):
        make_record(parse_spec("hw", data), PROBLEMS, "salt")

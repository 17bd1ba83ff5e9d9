"""Tests of the problem model: validation when built, the single-part shorthand, mixed-radix
variation."""

import pytest

from autograder.bank.model import (
    Case,
    FollowThrough,
    Mistake,
    Part,
    ProblemError,
    Sym,
    Vary,
)


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"topic": "calculus"}, "unknown topic"),
        ({"id": "Toy Problem"}, "lowercase words"),
        ({"mistakes": [Mistake("A @ x", "product rule")]}, "at least two"),
        ({"mistakes": [Mistake("(A + A.T) @ x", "x"), Mistake("A @ x", "y")]}, "solution itself"),
        ({"vary": Vary(names={"A": ("A", "B")})}, "fewer than 10"),
        ({"statement": "Find [[y]]."}, "placeholders ['y']"),
        ({"cookbook": [9999]}, "Cookbook equations [9999]"),
        ({"vary": Vary(names={"A": ("A", "B", "x"), "x": ("x", "y", "z", "w")})}, "overlap"),
        ({"solution": "A @ x @ x.T"}, "must be"),
        ({"objective": "A @ x"}, "must be a scalar"),
        ({"solution": "A @ y"}, "cannot parse"),
        ({"wrt": "z"}, "not a symbol"),
        ({"symbols": {"A": Sym("n", "n"), "x": Sym("n"), "inv": Sym()}}, "not allowed"),
    ],
)
def test_invalid_problems_are_refused_with_a_reason(toy, changes, message):
    """Does building a malformed problem fail, saying what to fix?"""
    with pytest.raises(ProblemError, match=message.replace("[", r"\[").replace("(", r"\(")):
        toy(**changes)


@pytest.mark.parametrize(
    "part, message",
    [
        (Part(id="b", solution="x", mistakes=[Mistake("A", "a"), Mistake("B", "b")]), "id 'a'"),
        (
            Part(
                kind="choice",
                solution="d",
                options={"a": "1", "b": "2"},
                mistakes=[Mistake("a", "x"), Mistake("b", "y")],
            ),
            "not an option key",
        ),
        (
            Part(kind="gradient", solution="x", mistakes=[Mistake("A", "a"), Mistake("B", "b")]),
            "needs `wrt` and `objective`",
        ),
        (
            Part(
                kind="expression",
                solution="x",
                wrt="x",
                objective="x.T @ x",
                mistakes=[Mistake("A @ x", "a"), Mistake("2 * x", "b")],
            ),
            "relation",
        ),
        (
            Part(
                kind="expression",
                solution="x",
                follows=FollowThrough("a"),
                mistakes=[Mistake("A @ x", "a"), Mistake("2 * x", "b")],
            ),
            "not an earlier part",
        ),
    ],
)
def test_invalid_parts_are_refused(toy, part, message):
    """Is a malformed part refused with a message naming the problem?"""
    changes = {k: None for k in ("wrt", "objective")}
    changes.update(solution="", mistakes=(), parts=(part,))
    with pytest.raises(ProblemError, match="problem 'toy'.*" + message):
        toy(**changes)


def test_single_part_shorthand_makes_part_a(toy):
    """Does the STYLE.md shorthand become one gradient part 'a' with the given fields?"""
    problem = toy()
    (part,) = problem.parts
    assert (part.id, part.kind, part.wrt, part.solution) == ("a", "gradient", "x", "(A + A.T) @ x")
    assert problem.title == "Toy" and problem.graded_points == 2.0


@pytest.mark.parametrize(
    "index, names",
    [
        (0, {"A": "A", "x": "x"}),
        (1, {"A": "B", "x": "x"}),
        (4, {"A": "E", "x": "x"}),
        (5, {"A": "A", "x": "y"}),
        (9, {"A": "E", "x": "y"}),
        (10, {"A": "A", "x": "x"}),
    ],
)
def test_variation_is_mixed_radix_in_declared_order(toy, index, names):
    """Is variant i the mixed-radix digits of i over the declared choices, first choice
    fastest, wrapping at the pool size?"""
    draw = toy().vary.draw(index)
    assert dict(draw.names) == names


def test_cases_come_first_in_the_draw():
    """Does the case choice take the lowest digit, before names?"""
    vary = Vary(cases=(Case("one"), Case("two")), names={"x": tuple("xyzuv")})
    assert [vary.draw(i).case.label for i in range(4)] == ["one", "two", "one", "two"]
    assert [vary.draw(i).names["x"] for i in (0, 1, 2, 3)] == ["x", "x", "y", "y"]
    assert vary.pool_size == 10


def test_every_variant_of_a_renamed_problem_parses(toy):
    """Are solutions renamed through the tree, so that every variant is consistent?"""
    problem = toy()
    for index in range(problem.pool_size):
        part = problem.variant(index).parts[0]
        name = part.wrt
        assert name in part.solution and name in part.objective
        assert set(part.symbols) == {problem.vary.draw(index).names["A"], name}

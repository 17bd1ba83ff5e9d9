"""Grouping of wrong answers: equivalent spellings from different variants count together."""

from __future__ import annotations

import shutil

import pytest
from classroom import ASSIGNMENT

from autograder.report import make_report
from autograder.report.groups import EQUIVALENCE, TEXT, engine_equivalent

needs_engine = pytest.mark.skipif(
    engine_equivalent() is None, reason="autograder.check.equivalent is not importable"
)


def _groups(made, part, diagnosis):
    return [g for g in made.grouping.groups[part] if g.diagnosis == diagnosis]


# part, diagnosis, students, answer in the template's names, declared mistake (0-based)
EQUIVALENT_SPELLINGS = [
    ("quadratic-form/a", "wrong", 3, "A.T @ x", None),
    ("quadratic-form/a", "sign", 3, "-(A + A.T) @ x", None),
    ("quadratic-form/a", "symmetric", 4, "2 * A @ x", 0),
    ("least-squares/a", "sign", 2, "-2 * A.T @ (A @ x - b)", None),
    ("least-squares/b", "mistake", 8, "A.T @ b", 0),
    ("log-det/a", "layout", 3, "inv(X)", 0),
    ("trace-product/a", "scale", 2, "2 * A.T", 1),
]


@needs_engine
@pytest.mark.parametrize(("part", "diagnosis", "count", "answer", "mistake"), EQUIVALENT_SPELLINGS)
def test_equivalent_spellings_form_one_group(report, part, diagnosis, count, answer, mistake):
    """Do answers spelled differently, in different variants' names, form one group shown in
    the template's names, with the declared mistake they match?"""
    made, _, _ = report
    groups = _groups(made, part, diagnosis)
    assert len(groups) == 1
    (group,) = groups
    assert group.count == count
    assert group.answer == answer
    assert group.mistake == mistake
    assert len(group.spellings) > 1  # there was something to merge
    assert made.grouping.method[part] == EQUIVALENCE


@needs_engine
def test_different_wrong_answers_stay_apart(report):
    """Are a sign error and a transposed answer of one part kept in separate groups?"""
    made, _, _ = report
    answers = {g.answer for g in made.grouping.groups["quadratic-form/a"]}
    assert {"A.T @ x", "-(A + A.T) @ x", "x.T @ (A + A.T)"} <= answers


def test_without_engine_only_identical_forms_merge(classroom):
    """Without the engine, do only answers with the same parsed form in the template's names
    merge (not merely equivalent ones), and does the report say so?"""
    made = make_report(classroom.course, ASSIGNMENT, equivalent=None)
    sign = _groups(made, "quadratic-form/a", "sign")
    assert len(sign) == 2  # -(A + A.T) @ x and -A @ x - A.T @ x need the engine
    assert sum(g.count for g in sign) == 3
    assert set(made.grouping.method.values()) == {TEXT}
    assert any("equivalence check is not available" in n for n in made.grouping.notes)
    missing = _groups(made, "least-squares/b", "missing")
    assert [(g.count, g.answer) for g in missing] == [(2, "")]


def test_without_record_answers_group_by_text(classroom, tmp_path):
    """Without records/NAME.json, are answers grouped by whitespace-free text, naming the
    missing file?"""
    course = tmp_path / "course"
    shutil.copytree(classroom.course / "results", course / "results")
    made = make_report(course, ASSIGNMENT)
    assert set(made.grouping.method.values()) == {TEXT}
    assert any(f"records/{ASSIGNMENT}.json" in n for n in made.grouping.notes)
    wrong = _groups(made, "quadratic-form/a", "wrong")
    assert len(wrong) == 3  # 'A.T @ x', 'B.T @ y' and 'A^T x' are three texts
    for group in wrong:
        assert len({"".join(s.split()) for s, _ in group.spellings}) == 1
    counts = {p.part: sum(p.counts.values()) for p in made.stats.parts}
    assert set(counts.values()) == {40}  # the numbers do not depend on the record


def _part(solution: str, symbols: dict, mistakes=()):
    """A recorded part with `symbols` (name -> shape) listed in the order given."""
    from autograder.report.record import PartSymbols
    from autograder.spec import SymbolSpec

    specs = tuple((n, SymbolSpec(tuple(shape))) for n, shape in symbols.items())
    return PartSymbols("gradient", specs, mistakes=tuple(mistakes), solution=solution)


TEMPLATE = {"A": ("n", "n"), "x": ("n",), "b": ("n",)}
# template solution, variant solution, variant symbols in the record's order, names, numbers
MATCHES = [
    ("(A + A.T) @ x + 2 * b", "(M + M.T) @ z + 4 * c", {"M": ("p", "p"), "c": ("p",), "z": ("p",)},
     {"M": "A", "z": "x", "c": "b"}, {4.0: 2.0}),
    ("(A + A.T) @ x + 2 * b", "(A + A.T) @ x + 2 * b", TEMPLATE,
     {"A": "A", "x": "x", "b": "b"}, {}),
    ("2 * A @ x + 3 * b", "2 * B @ y + 5 * c", {"B": ("n", "n"), "c": ("n",), "y": ("n",)},
     {"B": "A", "y": "x", "c": "b"}, {5.0: 3.0}),
    # 2 would stand for 2 and for 3: the names are paired, the numbers are not
    ("2 * A @ x + 3 * b", "2 * B @ y + 2 * c", {"B": ("n", "n"), "c": ("n",), "y": ("n",)},
     {"B": "A", "y": "x", "c": "b"}, {}),
    # a transpose only one side has: names through it, numbers not
    ("A @ x + 2 * b", "B.T @ y + 4 * c", {"B": ("n", "n"), "c": ("n",), "y": ("n",)},
     {"B": "A", "y": "x", "c": "b"}, {}),
    # the trees differ beyond a transpose: only the shapes speak
    ("A @ x + 2 * b", "B @ B @ y + 4 * c", {"B": ("n", "n"), "c": ("n",), "y": ("n",)},
     {"B": "A"}, {}),
]  # fmt: skip


@needs_engine
@pytest.mark.parametrize(("template", "source", "symbols", "names", "numbers"), MATCHES)
def test_variant_names_and_constants_are_matched_by_the_solutions(
    template, source, symbols, names, numbers
):
    """Are a variant's symbols, dimensions and constants paired with the template's by walking
    the two solutions side by side, whatever order the record lists the symbols in, and only
    where the walk is unambiguous?"""
    from autograder.report.align import match

    found = match(_part(source, symbols), _part(template, TEMPLATE))
    assert dict(found.names) == names
    assert dict(found.numbers) == numbers
    if "M" in names:
        assert dict(found.dims) == {"p": "n"}


@needs_engine
def test_the_last_unpaired_symbol_takes_the_last_free_name():
    """When one symbol is left on each side, its dimension renamed too, are they paired?"""
    from autograder.report.align import match

    template = _part("A @ x", {"A": ("n", "n"), "x": ("n",), "c": ("m",)})
    source = _part("B @ y", {"B": ("n", "n"), "k": ("q",), "y": ("n",)})
    found = match(source, template)
    assert dict(found.names) == {"B": "A", "y": "x", "k": "c"}
    assert dict(found.dims) == {"n": "n", "q": "m"}


def test_a_grouping_failure_falls_back_to_text(classroom, monkeypatch):
    """If pairing names fails unexpectedly, is the report still made, grouped by text, with a
    note saying so?"""
    import autograder.report.record as record

    def broken(source, template):
        raise RuntimeError("boom")

    monkeypatch.setattr(record, "match", broken)
    made = make_report(classroom.course, ASSIGNMENT)
    assert set(made.grouping.method.values()) == {TEXT}
    assert any("grouping by equivalence failed" in n and "boom" in n for n in made.grouping.notes)
    assert sum(g.count for g in made.grouping.groups["quadratic-form/a"]) == 18


@needs_engine
@pytest.mark.parametrize(
    ("template", "source"),
    [
        ("trace(dX.T @ A @ X)", "trace(dY.T @ C.T @ Y)"),  # a structural case transposes C
        ("A @ X + B @ X", "C @ Y + D @ Y"),  # dY appears nowhere: it goes with Y
    ],
)
def test_names_are_paired_through_cases_and_directions(template, source):
    """Are names still paired when a structural case transposes a factor, and is a direction
    dY paired with dX when Y is paired with X?"""
    from autograder.report.align import match

    square = ("n", "n")
    mine = _part(source, {"C": square, "D": square, "Y": square, "dY": square})
    theirs = _part(template, {"A": square, "B": square, "X": square, "dX": square})
    names = dict(match(mine, theirs).names)
    assert {k: names.get(k) for k in ("C", "Y", "dY")} == {"C": "A", "Y": "X", "dY": "dX"}


@needs_engine
def test_mistakes_pair_the_names_the_solution_does_not_use():
    """Does a declared mistake that uses a symbol the solution lacks pair that symbol too?"""
    from autograder.report.align import match

    template = _part("A @ x", {**TEMPLATE, "c": ()}, mistakes=["c * A @ x + b"])
    source = _part("B @ y", {"B": ("n", "n"), "d": ("n",), "k": (), "y": ("n",)},
                   mistakes=["k * B @ y + d"])  # fmt: skip
    assert dict(match(source, template).names) == {"B": "A", "y": "x", "k": "c", "d": "b"}


@needs_engine
def test_answer_in_template_names_and_constants():
    """Is an answer in a variant's names and constants written in the template's?"""
    from autograder.report.align import match
    from autograder.report.groups import in_template_names
    from autograder.report.record import Renaming

    source = _part("(M + M.T) @ z + 4 * c", {"M": ("n", "n"), "c": ("n",), "z": ("n",)})
    template = _part("(A + A.T) @ x + 2 * b", TEMPLATE)
    found = match(source, template)
    renaming = Renaming(found.names, found.dims, source, template, found.numbers)
    written = in_template_names("-(M z + M^T z + 4c)", renaming)
    assert written == "-(A @ x + A.T @ x + 2 * b)"
    assert in_template_names("(M + M.T) @ z +", renaming) is None


def test_choice_parts_are_grouped_as_written(tmp_path):
    """Are the answers of a choice part grouped by their text and the page says why?"""
    import json

    from autograder.report import write_report
    from autograder.report.groups import LITERAL

    variant = {
        "id": "pick", "variant": "pick/0", "index": 0,
        "parts": [{"id": "a", "kind": "choice", "symbols": {"x": {"shape": ["n"]}},
                   "solution": "a", "mistakes": [{"answer": "b", "feedback": "."}]}],
    }  # fmt: skip
    (tmp_path / "records").mkdir()
    (tmp_path / "records" / "q.json").write_text(json.dumps({"problems": [
        {"id": "pick", "pool": 1, "variants": [variant]}]}))  # fmt: skip
    folder = tmp_path / "results" / "q"
    folder.mkdir(parents=True)
    for student, answer, diagnosis in [
        ("ann", "b", "mistake"),
        ("bob", " b", "mistake"),
        ("cy", "c", "wrong"),
        ("di", "a", "correct"),
    ]:
        part = {
            "score": 0,
            "max": 1,
            "diagnosis": diagnosis,
            "feedback": "",
            "answer": answer,
            "variant": "pick/0",
            "mistake": 0 if answer.strip() == "b" else None,
        }
        (folder / f"{student}.json").write_text(json.dumps({"parts": {"pick/a": part}}))
    made = make_report(tmp_path, "q")
    assert made.grouping.method["pick/a"] == LITERAL
    groups = made.grouping.groups["pick/a"]
    assert [(g.count, g.diagnosis, g.answer) for g in groups] == [
        (2, "mistake", "b"),
        (1, "wrong", "c"),
    ]
    page, _ = write_report(made, tmp_path / "out")
    assert "option keys, numbers or shapes: grouped as written" in page.read_text()

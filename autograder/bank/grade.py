"""Grade one answer to one part of a variant: expression kinds through the engine's `check`,
shape, choice and numeric parts here, and follow-through against the student's own answers."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from autograder.bank.cookbook import cite
from autograder.bank.differences import tree, vanishes_at
from autograder.bank.model import ANSWER
from autograder.bank.text import parse_shape_text
from autograder.bank.trees import substitute, transpose
from autograder.bank.variants import PartVariant
from autograder.check import check
from autograder.expr.evaluate import EvaluationError, evaluate
from autograder.expr.nodes import symbols_in, to_text
from autograder.spec import CheckRequest, CheckResult, SymbolSpec

_NO_ANSWERS: Mapping[str, object] = MappingProxyType({})


def _result(correct: bool, diagnosis: str, feedback: str, mistake: int | None = None):
    return CheckResult(correct, 1.0 if correct else 0.0, diagnosis, feedback, mistake=mistake)


def _empty(answer: object) -> bool:
    return answer is None or (isinstance(answer, str) and not answer.strip())


def grade_part(
    part: PartVariant,
    answer: object,
    earlier: Mapping[str, object] = _NO_ANSWERS,
    *,
    seed: int = 0,
    render: bool = False,
    cookbook: bool = True,
) -> CheckResult:
    """The verdict on `answer` to `part`. `earlier` maps earlier part ids to the student's own
    answers, for follow-through; `cookbook` adds the Cookbook reference to wrong answers."""
    if part.kind in ("gradient", "expression", "differential"):
        result = check(part.request(seed), answer, render=render)
        if not result.correct and part.follows is not None:
            followed = _follow_through(part, answer, earlier.get(part.follows.part), seed)
            if followed is not None:
                return followed
    elif _empty(answer):
        result = _result(False, "parse", "No answer was given.")
    elif part.kind == "shape":
        result = _grade_shape(part, answer)
    elif part.kind == "choice":
        result = _grade_choice(part, answer)
    elif part.kind == "numeric":
        result = _grade_numeric(part, answer)
    else:
        raise ValueError(f"unknown part kind {part.kind!r}")
    if cookbook and not result.correct and part.cookbook and result.diagnosis != "parse":
        reference = cite(part.cookbook)
        result = CheckResult(
            result.correct,
            result.score,
            result.diagnosis,
            f"{result.feedback} ({reference[0].upper()}{reference[1:]}.)",
            result.authoring_error,
            result.latex,
            result.mistake,
        )
    return result


def _follow_through(
    part: PartVariant, answer: object, earlier_answer: object, seed: int
) -> CheckResult | None:
    """Full credit when `answer` is right for the student's own earlier answer, else None."""
    follow = part.follows
    if not isinstance(answer, str) or not isinstance(earlier_answer, str):
        return None
    if _empty(answer) or _empty(earlier_answer):
        return None
    symbols: dict[str, SymbolSpec] = dict(part.symbols)
    if follow.variable and follow.variable in symbols:
        base = symbols[follow.variable]
        direction = f"d{follow.variable}"
        symbols.setdefault(
            direction, SymbolSpec(shape=base.shape, symmetric=base.symmetric or base.spd)
        )
    try:
        mine, theirs = tree(answer, symbols), tree(earlier_answer, symbols)
    except ValueError:
        return None
    if not set(follow.needs) <= symbols_in(theirs):
        return None
    if follow.mode == "root":
        agrees = vanishes_at(theirs, follow.variable, mine, symbols, part.constraints, seed)
    else:
        if part.layout == "numerator":
            mine = transpose(mine, symbols)
        template = tree(follow.template, {**symbols, ANSWER: SymbolSpec()})
        claimed = substitute(template, {ANSWER: mine})
        request = CheckRequest(
            symbols=symbols, expected=to_text(theirs), constraints=part.constraints, seed=seed
        )
        agrees = check(request, to_text(claimed)).correct
    if not agrees:
        return None
    return _result(
        True,
        "correct",
        f"Not the reference answer, but right for your own answer to part ({follow.part}): "
        "full credit by follow-through.",
    )


def _declared(part: PartVariant, key: str) -> int | None:
    for index, mistake in enumerate(part.mistakes):
        if mistake.answer.lower() == key.lower():
            return index
    return None


def _grade_shape(part: PartVariant, answer: object) -> CheckResult:
    if isinstance(answer, tuple | list) and len(answer) == 2:
        answer = f"{answer[0]} x {answer[1]}"
    shape = parse_shape_text(str(answer))
    if shape is None:
        return _result(
            False, "parse", "Write a shape as rows x columns, for example 'm x n' or '1 x n'."
        )
    expected = parse_shape_text(part.solution)
    if shape == expected:
        return _result(True, "correct", "Correct.")
    index = _declared(part, " x ".join(shape))
    layout = shape == (expected[1], expected[0])
    if index is not None:
        diagnosis = "layout" if layout else "mistake"
        return _result(False, diagnosis, part.mistakes[index].feedback, index)
    if layout:
        return _result(
            False,
            "layout",
            f"That is the shape in the other layout: this course uses {part.layout} layout.",
        )
    return _result(False, "shape", f"Not the right shape: {' x '.join(shape)} is not it.")


def _grade_choice(part: PartVariant, answer: object) -> CheckResult:
    key = str(answer).strip().strip("().").strip().lower()
    if key not in part.options:
        keys = ", ".join(sorted(part.options))
        return _result(False, "parse", f"Answer with one of the option keys: {keys}.")
    if key == part.solution:
        return _result(True, "correct", "Correct.")
    index = _declared(part, key)
    if index is not None:
        return _result(False, "mistake", part.mistakes[index].feedback, index)
    return _result(False, "wrong", f"Option ({key}) is not the right one.")


def _number(answer: object) -> float | None:
    if isinstance(answer, int | float) and not isinstance(answer, bool):
        return float(answer)
    if hasattr(answer, "item") and getattr(answer, "size", 0) == 1:
        return float(answer.item())
    if not isinstance(answer, str):
        return None
    try:
        return evaluate(tree(answer, {}), {}, {}).item()
    except (ValueError, EvaluationError):
        return None


def _grade_numeric(part: PartVariant, answer: object) -> CheckResult:
    value = _number(answer)
    if value is None:
        return _result(False, "parse", "Give a number, such as 0.25 or 3/4.")
    expected = float(part.solution)

    def close(x: float, y: float) -> bool:
        return abs(x - y) <= part.tolerance * max(1.0, abs(y))

    if close(value, expected):
        return _result(True, "correct", "Correct.")
    for index, mistake in enumerate(part.mistakes):
        if close(value, float(mistake.answer)):
            return _result(False, "mistake", mistake.feedback, index)
    if expected != 0 and close(value, -expected):
        return _result(False, "sign", "The sign is wrong.")
    return _result(False, "wrong", "That number is not right.")

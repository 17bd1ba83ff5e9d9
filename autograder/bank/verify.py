"""The bank's self-check: every template, over several variants and both layouts.

For each variant: the statement renders; the solution is accepted by the engine and agrees with
finite differences of its objective (gradient, differential, stationary point or Hessian);
every anticipated mistake is rejected with its own feedback; alternatives are accepted. A
reference that is symmetric on its whole domain is reported as a warning.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass

from autograder.bank import differences
from autograder.bank.grade import grade_part
from autograder.bank.model import Problem
from autograder.bank.text import latex_problems
from autograder.bank.variants import PartVariant, Variant, variant_index
from autograder.check import check

VERIFY_SALT = "verify"
STUDENTS = 20
MIN_DISTINCT = 5


@dataclass(frozen=True)
class ProblemReport:
    """What verify found for one template."""

    id: str
    variants: int
    failures: tuple[str, ...]
    warnings: tuple[str, ...]
    seconds: float

    @property
    def status(self) -> str:
        if self.failures:
            return "FAIL"
        return "warn" if self.warnings else "ok"


def verify_indices(problem: Problem, seeds: int) -> list[tuple[int, str]]:
    """The (variant index, layout) pairs verify checks: index 0 first, then hashed ones;
    odd seeds in numerator layout."""
    pairs = []
    for k in range(seeds):
        index = (
            0 if k == 0 else variant_index(VERIFY_SALT, "", problem.id, str(k), problem.pool_size)
        )
        pairs.append((index, "numerator" if k % 2 else "denominator"))
    return pairs


def distinct_statements(problem: Problem, students: int = STUDENTS, salt: str = VERIFY_SALT):
    """How many distinct statements `students` students get."""
    indices = {
        variant_index(salt, "", problem.id, f"student-{s}", problem.pool_size)
        for s in range(students)
    }
    return len({problem.variant(i).statement for i in indices})


def _texts(variant: Variant) -> list[str]:
    texts = [variant.statement]
    for part in variant.parts:
        texts += [part.prompt, *part.hints, *part.options.values()]
        texts += [m.feedback for m in part.mistakes + part.alternatives]
    return [t for t in texts if t]


def _numeric_fact(part: PartVariant, seed: int) -> str | None:
    args = (part.symbols, part.constraints)
    if part.kind == "gradient":
        return differences.gradient_fact(
            part.objective, part.solution, part.wrt, *args, part.layout, seed
        )
    if part.kind == "differential":
        return differences.differential_fact(
            part.objective, part.solution, part.wrt, part.direction, *args, seed
        )
    if part.relation == "stationary":
        return differences.stationary_fact(part.objective, part.solution, part.wrt, *args, seed)
    if part.relation == "hessian":
        return differences.hessian_fact(part.objective, part.solution, part.wrt, *args, seed)
    return None


def verify_part(part: PartVariant, earlier: dict[str, str], seed: int) -> tuple[list, list]:
    """(failures, warnings) for one part of one variant."""
    failures: list[str] = []
    warnings: list[str] = []
    if part.graded_by_engine:
        request = part.request(seed)
        result = check(request, part.solution)
        fact = _numeric_fact(part, seed)
        if fact:
            failures.append(f"solution {part.solution!r}: {fact}")
        if not result.correct:
            failures.append(
                f"solution {part.solution!r} not accepted: {result.diagnosis}: "
                f"{result.authoring_error or result.feedback}"
            )
        elif result.authoring_error:
            # The engine's own difference check of the reference disagreed, but the answer
            # was accepted and the bank's independent check above agrees with the reference.
            (failures if fact else warnings).append(
                f"({part.id}) the engine flagged the reference at seed {seed} "
                f"({result.authoring_error}); the bank's own difference check agrees with it"
            )
        if part.witness:
            fact = differences.equal_fact(
                part.solution, part.witness, part.symbols, part.constraints, seed
            )
            if fact:
                failures.append(f"witness: {fact}")
        if part.kind == "gradient" and differences.always_symmetric(
            part.solution, part.symbols, part.constraints, seed
        ):
            warnings.append(
                f"({part.id}) the reference is symmetric on its whole domain: a transposed "
                "answer is accepted and a layout error cannot be seen"
            )
        for alt in part.alternatives:
            if not check(request, alt.answer).correct:
                failures.append(f"alternative {alt.answer!r} is not accepted")
    if part.follows is not None:
        result = grade_part(part, part.solution, earlier, seed=seed)
        if not result.correct:
            failures.append("the solution fails when the earlier parts are right")
    else:
        result = grade_part(part, part.solution, seed=seed)
        if not result.correct:
            failures.append(f"solution {part.solution!r} not accepted: {result.feedback}")
    for index, mistake in enumerate(part.mistakes):
        result = grade_part(part, mistake.answer, seed=seed, cookbook=False)
        if result.correct:
            failures.append(f"mistake {mistake.answer!r} is accepted as correct")
        elif result.mistake != index and mistake.feedback not in result.feedback:
            failures.append(
                f"mistake {mistake.answer!r} is diagnosed {result.diagnosis!r} "
                f"({result.feedback}), not with its own feedback"
            )
    return [f"({part.id}) {f}" for f in failures], warnings


def verify_variant(variant: Variant, seed: int = 0) -> tuple[list[str], list[str]]:
    """(failures, warnings) for one concrete variant."""
    failures: list[str] = []
    warnings: list[str] = []
    for text in _texts(variant):
        failures += [f"LaTeX: {p}" for p in latex_problems(text)]
    earlier: dict[str, str] = {}
    for part in variant.parts:
        try:
            f, w = verify_part(part, earlier, seed)
        except Exception as error:  # a crash is a finding, not the end of the run
            f, w = [f"({part.id}) crashed: {type(error).__name__}: {error}"], []
        failures += f
        warnings += w
        earlier[part.id] = part.solution
    prefix = f"{variant.variant} {variant.layout}: "
    return [prefix + f for f in failures], [prefix + w for w in warnings]


def verify_problem(problem: Problem, seeds: int = 5) -> ProblemReport:
    """Verify `seeds` variants of `problem` (alternating layouts) and its spread of statements."""
    start = time.perf_counter()
    failures: list[str] = []
    warnings: list[str] = []
    for k, (index, layout) in enumerate(verify_indices(problem, seeds)):
        f, w = verify_variant(problem.variant(index, layout), seed=k)
        failures += f
        warnings += [
            x for x in w if x.split(": ", 1)[-1] not in {y.split(": ", 1)[-1] for y in warnings}
        ]
    distinct = distinct_statements(problem)
    if distinct < MIN_DISTINCT:
        failures.append(
            f"only {distinct} distinct statements among {STUDENTS} students "
            f"(at least {MIN_DISTINCT}): let more of the variation show in the statement"
        )
    return ProblemReport(
        problem.id, seeds, tuple(failures), tuple(warnings), time.perf_counter() - start
    )


def verify_bank(problems: Iterable[Problem], seeds: int = 5) -> list[ProblemReport]:
    """Verify every problem."""
    return [verify_problem(p, seeds) for p in problems]

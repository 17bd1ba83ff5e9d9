"""The public API of the grading engine: `check(request, answer) -> CheckResult`.

A request is prepared once (parsed, probed, its reference evaluated) and cached, so grading
many students on one variant costs only their own answers. SymPy is imported only to render
LaTeX or to read a SymPy answer.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np

from autograder.answers import AnswerFailure, DataError, as_matrix, data_probe, function_values
from autograder.diagnosis import Comparison, Verdict, additive_terms, diagnose, mistake_codes
from autograder.equivalence import (
    RTOL_EXACT,
    RTOL_FINITE_DIFFERENCE,
    all_close,
    directional_agrees,
    gradient_by_differences,
    to_layout,
)
from autograder.expr.evaluate import EvaluationError, evaluate
from autograder.expr.nodes import Call, Node, Number, Pow, walk
from autograder.expr.parse import ParseFailure, parse
from autograder.expr.shapes import ShapeError, describe_shape, infer_shape, sized
from autograder.probes import Probe, ProbeError, cached_probes, dimension_names, symbols_key
from autograder.spec import PROPERTIES, CheckRequest, CheckResult, Mistake, SymbolSpec

PROBES = 3
PROBES_WITH_INVERSE = 5
POOL = (2, 8, 40)
"""Probes drawn per probe needed, batch after batch: those where the reference is not finite
(or inverts a nearly singular matrix) are skipped."""
MAX_CONDITION = 1e4

Values = tuple[np.ndarray, ...]

# Evaluating a tree at a probe can fail only for these reasons; each means "undefined there".
UNDEFINED = (EvaluationError, ShapeError, ArithmeticError, np.linalg.LinAlgError, RecursionError)


class RequestError(ValueError):
    """The request itself is malformed; the message says what to fix.

    Messages name the reference ("the expected answer") but never quote it whole: a broken
    problem's error may reach a student's feedback.
    """


@dataclass(frozen=True)
class Trees:
    """The parsed request: reference, objective, declared answers and the reference's terms."""

    expected: Node | None
    objective: Node | None
    mistakes: tuple[Node, ...]
    alternatives: tuple[Node, ...]
    terms: tuple[Node, ...]
    notes: tuple[str, ...] = ()
    """Problems of the declared answers that do not stop grading (for `authoring_error`)."""


@dataclass(frozen=True)
class Prepared:
    """A request ready to grade answers: its trees and its comparison at the private probes."""

    request: CheckRequest
    trees: Trees
    comparison: Comparison
    authoring_error: str | None = None


def dimensions(request: CheckRequest) -> tuple[str, ...]:
    """The dimension names a request's expressions may use (for I(n), ones(n))."""
    names = list(dimension_names(request.symbols))
    for constraint in request.constraints:
        names += [w for w in constraint.replace("<", " ").replace(">", " ").split() if w]
    return tuple(dict.fromkeys(names))


def _parse_text(text: str, what: str, request: CheckRequest) -> Node:
    if not isinstance(text, str) or not text.strip():
        raise RequestError(f"{what} is empty: give an expression")
    result = parse(text, tuple(request.symbols), dimensions(request))
    if isinstance(result, ParseFailure):
        raise RequestError(
            f"{what} does not parse (at character {result.position}): {result.message}"
        )
    return result.node


def _undefined(node: Node, what: str, request: CheckRequest) -> str | None:
    try:
        infer_shape(node, request.symbols)
    except ShapeError as error:
        return f"{what} is undefined: {error}"
    return None


def _parse_reference(text: str, what: str, request: CheckRequest, targets=()) -> Node:
    node = sized(_parse_text(text, what, request), request.symbols, targets)
    problem = _undefined(node, what, request)
    if problem:
        raise RequestError(problem)
    return node


def parse_request(request: CheckRequest) -> Trees:
    """The request's expressions as trees; RequestError when the reference is malformed.

    A declared mistake or alternative that is undefined for the shapes can never be matched:
    it is noted for the author, not an error.
    """
    expected = objective = None
    if request.expected is not None:
        expected = _parse_reference(
            request.expected, "the expected answer", request, expected_shapes(request, None)
        )
    if request.objective is not None and request.wrt is not None:
        objective = _parse_reference(request.objective, "the objective", request)
        shape = infer_shape(objective, request.symbols)
        if shape != (1, 1):
            raise RequestError(f"the objective must be a scalar, but it is {describe_shape(shape)}")
    notes = []
    declared = {"declared mistake": request.mistakes, "alternative answer": request.alternatives}
    trees = {}
    targets = expected_shapes(request, expected)
    for what, answers in declared.items():
        trees[what] = tuple(
            sized(_parse_text(m.answer, f"{what} {i + 1}", request), request.symbols, targets)
            for i, m in enumerate(answers)
        )
        for i, node in enumerate(trees[what]):
            problem = _undefined(node, f"{what} {i + 1}", request)
            if problem:
                notes.append(problem)
    terms = additive_terms(expected) if expected is not None else ()
    return Trees(
        expected,
        objective,
        trees["declared mistake"],
        trees["alternative answer"],
        terms,
        tuple(notes),
    )


def _probe_count(trees: Trees) -> int:
    nodes = [trees.expected, trees.objective, *trees.mistakes, *trees.alternatives]
    inverts = any(next(_inverted(node), None) is not None for node in filter(None, nodes))
    return PROBES_WITH_INVERSE if inverts else PROBES


def _finite(value: np.ndarray) -> bool:
    return bool(np.all(np.isfinite(value)))


def _value(node: Node, probe: Probe) -> np.ndarray | None:
    """The value of a tree at a probe, or None when it is undefined or not finite there."""
    try:
        value = evaluate(node, probe.values, probe.dims)
    except UNDEFINED:
        return None
    return value if _finite(value) else None


def _values(node: Node, probes: Sequence[Probe]) -> Values | None:
    values = tuple(_value(node, p) for p in probes)
    return None if any(v is None for v in values) else values


def _objective_function(node: Node, probe: Probe) -> Callable[[Mapping[str, np.ndarray]], float]:
    def objective(values: Mapping[str, np.ndarray]) -> float:
        try:
            return evaluate(node, values, probe.dims).item()
        except UNDEFINED:
            return float("nan")

    return objective


def _reference_value(trees: Trees, request: CheckRequest, probe: Probe) -> np.ndarray | None:
    if trees.expected is not None:
        return _value(trees.expected, probe)
    objective = _objective_function(trees.objective, probe)
    if not np.isfinite(objective(probe.values)):
        return None
    gradient = gradient_by_differences(objective, probe.values, request.wrt)
    return to_layout(gradient, request.layout) if _finite(gradient) else None


def _reference_values(trees: Trees, request: CheckRequest, probes: Sequence[Probe]):
    values = tuple(_reference_value(trees, request, p) for p in probes)
    return None if any(v is None for v in values) else values


def _inverted(node: Node):
    """The subtrees that are inverted (or whose determinant is taken) in `node`."""
    for n in walk(node):
        if isinstance(n, Call) and n.func in ("inv", "det", "logdet"):
            yield n.args[0]
        elif isinstance(n, Pow) and n.exponent < 0:
            yield n.base


def _well_conditioned(trees: Trees, probe: Probe) -> bool:
    """Are the matrices the reference inverts well conditioned at `probe`?

    An equivalent answer may invert a product of them (inv(A @ A) @ A for inv(A)), squaring
    the condition number; keeping it at most MAX_CONDITION keeps such answers within 1e-7.
    """
    for node in filter(None, (trees.expected, trees.objective)):
        for inverted in _inverted(node):
            value = _value(inverted, probe)
            if value is not None and value.shape[0] == value.shape[1] and value.shape[0] > 1:
                if np.linalg.cond(value) > MAX_CONDITION:
                    return False
    return True


def _pool(request: CheckRequest, seed: int, count: int):
    """Probes from `default_rng(seed)` in order, drawn in growing batches (the first ones are
    the same whatever the batch size)."""
    seen = 0
    for factor in POOL:
        batch = cached_probes(request.symbols, request.constraints, seed, factor * count)
        yield from batch[seen:]
        seen = len(batch)


def _choose_probes(trees: Trees, request: CheckRequest, count: int, seed: int):
    """The first `count` probes where the reference (and objective) are finite, and where the
    matrices it inverts are well conditioned."""
    chosen: list[Probe] = []
    references: list[np.ndarray] = []
    for probe in _pool(request, seed, count):
        if trees.objective is not None and _value(trees.objective, probe) is None:
            continue
        if count == PROBES_WITH_INVERSE and not _well_conditioned(trees, probe):
            continue
        reference = _reference_value(trees, request, probe)
        if reference is not None:
            chosen.append(probe)
            references.append(reference)
        if len(chosen) == count:
            return tuple(chosen), tuple(references)
    raise RequestError(
        "the reference is not finite, or inverts a nearly singular matrix, at most probe inputs: "
        "declare the properties its symbols need (positive, spd, invertible, ...)"
    )


def _fingerprint(probes: Sequence[Probe]) -> bytes:
    import hashlib  # only re-probing needs it: kept off the import path

    digest = hashlib.blake2b(digest_size=16)
    for probe in probes:
        for name, value in probe.values.items():
            digest.update(f"{name}{value.shape}".encode())
            digest.update(np.ascontiguousarray(value).tobytes())
    return digest.digest()


def _remembered(values_at: Callable[[Sequence[Probe]], Values | None]):
    """`values_at` with its results kept: re-probing the reference repeats for every answer."""
    memory: OrderedDict[bytes, Values | None] = OrderedDict()

    def remembered(probes: Sequence[Probe]) -> Values | None:
        key = _fingerprint(probes)
        if key not in memory:
            memory[key] = values_at(probes)
            if len(memory) > 16:
                memory.popitem(last=False)
        return memory[key]

    return remembered


def comparison_at(
    trees: Trees, request: CheckRequest, probes: Sequence[Probe], reference: Values
) -> Comparison:
    """What answers are compared with at `probes`, where the reference is `reference`."""
    fd = trees.expected is None
    terms = []
    for term in trees.terms if len(trees.terms) > 1 else ():
        values = _values(term, probes)
        if values is not None and values[0].shape == reference[0].shape:
            terms.append(values)
    comparison = Comparison(
        probes=tuple(probes),
        reference=reference,
        symbols=request.symbols,
        rtol=RTOL_FINITE_DIFFERENCE if fd else RTOL_EXACT,
        layout=request.layout,
        wrt=request.wrt,
        mistakes=request.mistakes,
        mistake_values=tuple(_values(m, probes) for m in trees.mistakes),
        alternatives=request.alternatives,
        alternative_values=tuple(_values(a, probes) for a in trees.alternatives),
        reference_terms=tuple(terms),
        reference_at=_remembered(lambda others: _reference_values(trees, request, others)),
    )
    at = [lambda others, m=m: _values(m, others) for m in trees.mistakes]
    return replace(comparison, mistake_codes=mistake_codes(comparison, at))


def _agrees_with_objective(
    trees: Trees, request: CheckRequest, probes: Sequence[Probe], values: Values
) -> bool:
    """Do `values` (in the request's layout) match the objective's gradient at every probe, by
    directional central differences? Layout-free in the directions, yet it separates G from G^T.
    """
    rng = np.random.default_rng(request.seed)
    wrt = request.wrt
    for probe, value in zip(probes, values, strict=True):
        gradient = to_layout(value, request.layout)
        objective = _objective_function(trees.objective, probe)
        if gradient.shape != probe.values[wrt].shape:
            return False
        if not directional_agrees(objective, gradient, probe.values, wrt, rng):
            return False
    return True


def _authoring(trees: Trees, request: CheckRequest, comparison: Comparison) -> str | None:
    """What is wrong with the request itself: reference against objective, declared answers."""
    problems = list(trees.notes)
    for index, values in enumerate(comparison.mistake_values):
        if values is not None and all_close(values, comparison.reference, comparison.rtol):
            problems.append(f"declared mistake {index + 1} equals the reference answer")
    if trees.expected is not None and trees.objective is not None:
        shape = infer_shape(trees.expected, request.symbols)
        rows, cols = request.symbols[request.wrt].matrix_shape
        wanted = (rows, cols) if request.layout == "denominator" else (cols, rows)
        if shape != wanted:
            problems.append(
                f"the expected answer is {describe_shape(shape)}, but a gradient with respect to "
                f"{request.wrt} in {request.layout} layout is {describe_shape(wanted)}"
            )
        elif not _agrees_with_objective(trees, request, comparison.probes, comparison.reference):
            problems.append(
                "the expected answer disagrees with the gradient of the objective "
                "(directional finite differences): fix one of them"
            )
    return "; ".join(problems) or None


def _key(request: CheckRequest) -> tuple:
    return (
        symbols_key(request.symbols),
        request.expected,
        request.objective,
        request.wrt,
        request.constraints,
        request.layout,
        request.mistakes,
        request.alternatives,
        request.seed,
    )


_PREPARED: OrderedDict[tuple, Prepared] = OrderedDict()
CACHE_SIZE = 256
_CACHE_LOCK = threading.Lock()


def _prepare(request: CheckRequest) -> Prepared:
    trees = parse_request(request)
    probes, reference = _choose_probes(trees, request, _probe_count(trees), request.seed)
    comparison = comparison_at(trees, request, probes, reference)
    return Prepared(request, trees, comparison, _authoring(trees, request, comparison))


def prepare(request: CheckRequest, seed: int | None = None) -> Prepared:
    """The request parsed and probed, cached per variant; RequestError or ProbeError if bad."""
    if seed is not None:
        request = replace(request, seed=int(seed))
    key = _key(request)
    with _CACHE_LOCK:
        if key in _PREPARED:
            _PREPARED.move_to_end(key)
            return _PREPARED[key]
    prepared = _prepare(replace(request, data=None, credit={}))
    with _CACHE_LOCK:
        _PREPARED[key] = prepared
        if len(_PREPARED) > CACHE_SIZE:
            _PREPARED.popitem(last=False)
    return prepared


def _is_sympy(answer: object) -> bool:
    return type(answer).__module__.split(".")[0] == "sympy"


@dataclass(frozen=True)
class _Graded:
    verdict: Verdict
    values: Values | None = None
    node: Node | None = None
    probes: tuple[Probe, ...] = ()
    """Where `values` were taken (the private probes, or the request's data)."""


def expected_shapes(request: CheckRequest, expected: Node | None) -> tuple:
    """The shape an answer should have, then its transpose (to size a bare I or ones)."""
    if expected is not None:
        try:
            rows, cols = infer_shape(expected, request.symbols)
        except ShapeError:
            return ()
    elif request.wrt is not None:
        rows, cols = request.symbols[request.wrt].matrix_shape
        if request.layout == "numerator":
            rows, cols = cols, rows
    else:
        return ()
    return ((rows, cols), (cols, rows))


def _tree_verdict(node: Node, prepared: Prepared) -> _Graded:
    request, comparison = prepared.request, prepared.comparison
    node = sized(node, request.symbols, expected_shapes(request, prepared.trees.expected))
    try:
        infer_shape(node, request.symbols)
    except ShapeError as error:
        return _Graded(Verdict("shape", f"Your answer is undefined: {error}."), node=node)
    values = _values(node, comparison.probes)
    if values is None:
        values = tuple(_raw_value(node, p) for p in comparison.probes)
    if any(v is None for v in values):
        return _Graded(Verdict("wrong", "Your answer cannot be evaluated."), node=node)
    terms = additive_terms(node)
    answer_terms = []
    for term in terms if len(terms) > 1 else ():
        term_values = _values(term, comparison.probes)
        if term_values is not None and term_values[0].shape == values[0].shape:
            answer_terms.append(term_values)
    verdict = diagnose(values, comparison, lambda probes: _values(node, probes), answer_terms)
    return _Graded(verdict, values, node, comparison.probes)


def _raw_value(node: Node, probe: Probe) -> np.ndarray | None:
    try:
        return evaluate(node, probe.values, probe.dims)
    except UNDEFINED:
        return None


def _read_answer(answer: object, request: CheckRequest) -> Node | Verdict:
    """A text or SymPy answer as a tree, or the `parse` verdict."""
    if _is_sympy(answer):
        from autograder.expr.from_sympy import from_sympy

        result = from_sympy(answer, request.symbols)
    else:
        text = "" if answer is None else str(answer)
        if not text.strip():
            return Verdict("parse", "Your answer is empty: write an expression.")
        result = parse(text, tuple(request.symbols), dimensions(request))
    if isinstance(result, ParseFailure):
        said_where = result.position is None or f"at {result.position}" in result.message
        where = "" if said_where or _is_sympy(answer) else f" (at character {result.position})"
        return Verdict("parse", f"Your answer could not be read{where}: {result.message}")
    return result.node


def _function_verdict(fn: Callable, prepared: Prepared) -> _Graded:
    comparison = prepared.comparison
    symbols = prepared.request.symbols
    like = [r.shape for r in comparison.reference]
    try:
        values = function_values(fn, comparison.probes, symbols, like)
    except AnswerFailure as failure:
        return _Graded(Verdict("wrong", str(failure)))

    def at(probes: Sequence[Probe]) -> Values | None:
        try:
            return function_values(fn, probes, symbols, [like[0]] * len(probes))
        except AnswerFailure:
            return None

    return _Graded(diagnose(values, comparison, at), values, probes=comparison.probes)


def _array_verdict(answer: object, request: CheckRequest, prepared: Prepared) -> _Graded:
    trees = prepared.trees
    try:
        probe = data_probe(request.symbols, request.data)
    except DataError as error:
        raise RequestError(str(error)) from None
    reference = _reference_values(trees, request, [probe])
    if reference is None:
        raise RequestError("the reference is not finite at the request's data")
    comparison = comparison_at(trees, request, [probe], reference)
    comparison = replace(comparison, reference_at=None)
    try:
        values = (as_matrix(answer, reference[0].shape),)
    except AnswerFailure as failure:
        return _Graded(Verdict("wrong", str(failure)))
    return _Graded(diagnose(values, comparison), values, probes=comparison.probes)


def _grade(request: CheckRequest, answer: object, prepared: Prepared) -> _Graded:
    if isinstance(answer, (np.ndarray, np.generic, list, tuple, int, float)) and not isinstance(
        answer, bool
    ):
        if request.data is not None:
            return _array_verdict(answer, request, prepared)
        if np.ndim(answer) == 0 and isinstance(np.asarray(answer).item(), (int, float)):
            # A plain number where an expression is asked is the constant expression.
            return _tree_verdict(Number(float(np.asarray(answer).item())), prepared)
        return _Graded(
            Verdict(
                "wrong",
                "This part asks for an expression in the symbols, not an array of numbers: "
                "write it as text, for example '2 * A @ x'.",
            )
        )
    if callable(answer) and not _is_sympy(answer) and not isinstance(answer, str):
        return _function_verdict(answer, prepared)
    node = _read_answer(answer, request)
    if isinstance(node, Verdict):
        return _Graded(node)
    return _tree_verdict(node, prepared)


def _render(node: Node | None) -> str | None:
    if node is None:
        return None
    try:
        from autograder.expr.render import to_latex

        return to_latex(node)
    except Exception:  # noqa: BLE001 - display only: a rendering failure never costs a grade
        return None


def error_result(reason: str) -> CheckResult:
    """The result for a malformed request."""
    return CheckResult(False, 0.0, "error", reason)


def check(request: CheckRequest, answer: object, *, render: bool = False) -> CheckResult:
    """Grade `answer` (text, SymPy expression, array at `request.data`, or function)."""
    try:
        prepared = prepare(request)
        graded = _grade(request, answer, prepared)
    except (RequestError, ProbeError) as error:
        return error_result(str(error))
    verdict = graded.verdict
    if (
        not verdict.correct
        and prepared.trees.objective is not None
        and graded.values is not None
        and _agrees_with_objective(prepared.trees, request, graded.probes, graded.values)
    ):
        # The objective decides: a right answer is never marked wrong because the reference
        # (given, or by finite differences) is off; `authoring_error` tells the author.
        verdict = Verdict("correct", "Correct.")
    score = 1.0 if verdict.correct else float(request.credit.get(verdict.diagnosis, 0.0))
    return CheckResult(
        correct=verdict.correct,
        score=score,
        diagnosis=verdict.diagnosis,
        feedback=verdict.feedback,
        authoring_error=prepared.authoring_error,
        latex=_render(graded.node) if render else None,
        mistake=verdict.mistake,
    )


def equivalent(
    a: str, b: str, symbols: Mapping[str, SymbolSpec], constraints: Iterable[str] = ()
) -> bool:
    """Are expressions `a` and `b` the same function of the symbols? ValueError if `a` is bad."""
    request = CheckRequest(symbols=symbols, expected=a, constraints=tuple(constraints))
    result = check(request, b)
    if result.diagnosis == "error":
        raise ValueError(result.feedback)
    return result.correct


# The JSON edge: one line of `matgrade check`.

SYMBOL_FIELDS = ("shape", "value", *PROPERTIES)
REQUEST_FIELDS = (
    "id",
    "symbols",
    "constraints",
    "wrt",
    "objective",
    "expected",
    "answer",
    "layout",
    "mistakes",
    "alternatives",
    "credit",
    "seed",
    "data",
)


def _symbol_from_json(name: str, obj: object) -> SymbolSpec:
    if not isinstance(obj, dict):
        raise RequestError(f'symbol {name!r} must be an object such as {{"shape": ["n"]}}')
    unknown = set(obj) - set(SYMBOL_FIELDS)
    if unknown:
        raise RequestError(
            f"symbol {name!r} has unknown fields {sorted(unknown)}; "
            f"the fields are {', '.join(SYMBOL_FIELDS)}"
        )
    shape = obj.get("shape", [])
    if not isinstance(shape, list):
        raise RequestError(f'the shape of {name!r} must be a list such as ["m", "n"]')
    flags = {}
    for prop in PROPERTIES:
        flag = obj.get(prop, False)
        if not isinstance(flag, bool):
            raise RequestError(f"property {prop!r} of {name!r} must be true or false")
        flags[prop] = flag
    value = obj.get("value")
    if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))):
        raise RequestError(f"the value of {name!r} must be a number")
    return SymbolSpec(shape=tuple(shape), value=value, **flags)


def _declared(obj: object, field: str) -> tuple[Mistake, ...]:
    if obj is None:
        return ()
    if not isinstance(obj, list) or not all(
        isinstance(m, dict) and isinstance(m.get("answer"), str) for m in obj
    ):
        raise RequestError(f"{field!r} must be a list of objects with 'answer' and 'feedback'")
    return tuple(Mistake(m["answer"], str(m.get("feedback", ""))) for m in obj)


def _text(obj: dict, field: str) -> str | None:
    value = obj.get(field)
    if value is not None and not isinstance(value, str):
        raise RequestError(f"{field!r} must be a string")
    return value


def request_from_json(obj: object) -> tuple[CheckRequest, object]:
    """A `matgrade check` input object as a request and the answer; RequestError if malformed."""
    if not isinstance(obj, dict):
        raise RequestError("each line must be a JSON object")
    unknown = set(obj) - set(REQUEST_FIELDS)
    if unknown:
        raise RequestError(
            f"unknown fields {sorted(unknown)}; the fields are {', '.join(REQUEST_FIELDS)}"
        )
    if not isinstance(obj.get("symbols"), dict):
        raise RequestError("'symbols' must be an object: name -> {\"shape\": [...]}")
    if "answer" not in obj:
        raise RequestError("give 'answer' (an empty string for no answer)")
    constraints = obj.get("constraints") or []
    if not isinstance(constraints, list) or not all(isinstance(c, str) for c in constraints):
        raise RequestError("'constraints' must be a list of strings such as \"m > n\"")
    credit = obj.get("credit") or {}
    if not isinstance(credit, dict) or not all(
        isinstance(v, (int, float)) and not isinstance(v, bool) for v in credit.values()
    ):
        raise RequestError("'credit' must map diagnosis codes to numbers in [0, 1]")
    seed = obj.get("seed", 0)
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise RequestError("'seed' must be a whole number")
    data = obj.get("data")
    if data is not None and not isinstance(data, dict):
        raise RequestError("'data' must map symbol names to numbers or nested lists")
    answer = obj["answer"]
    if answer is not None and not isinstance(answer, (str, list, int, float)):
        raise RequestError("'answer' must be a string (or an array with 'data')")
    try:
        request = CheckRequest(
            symbols={n: _symbol_from_json(n, s) for n, s in obj["symbols"].items()},
            expected=_text(obj, "expected"),
            objective=_text(obj, "objective"),
            wrt=_text(obj, "wrt"),
            constraints=tuple(constraints),
            layout=obj.get("layout") or "denominator",
            mistakes=_declared(obj.get("mistakes"), "mistakes"),
            alternatives=_declared(obj.get("alternatives"), "alternatives"),
            credit=credit,
            seed=seed,
            data=data,
        )
    except (TypeError, ValueError) as error:
        raise RequestError(str(error)) from None
    return request, answer


def result_to_json(result: CheckResult, request_id: object = None, latex: bool = False) -> dict:
    """The output object of `matgrade check` for a result."""
    out = {
        "id": request_id,
        "correct": result.correct,
        "score": result.score,
        "diagnosis": result.diagnosis,
        "feedback": result.feedback,
        "authoring_error": result.authoring_error,
        "error": result.feedback if result.diagnosis == "error" else None,
    }
    if latex:
        out["latex"] = result.latex
    return out


def check_json(obj: dict, *, latex: bool = False) -> dict:
    """One line of `matgrade check`: an input object in, an output object out; never raises."""
    request_id = obj.get("id") if isinstance(obj, dict) else None
    try:
        request, answer = request_from_json(obj)
        result = check(request, answer, render=latex)
    except RequestError as error:
        result = error_result(str(error))
    except Exception as error:  # noqa: BLE001 - one bad line must not stop a batch
        result = error_result(f"internal error on this line: {type(error).__name__}: {error}")
    return result_to_json(result, request_id, latex)

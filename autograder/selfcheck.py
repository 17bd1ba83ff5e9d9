"""The student's instant self-check, run in the student's kernel where no solution may exist.

`public_data` runs on the instructor's side: it evaluates the reference at public probe points
(from a seed other than the grading seed) and returns only input and reference VALUES, never an
expression. `self_check` runs in the student's kernel with NumPy only (SymPy just to read a
SymPy answer) and diagnoses an answer against those values. Its extra code `unchecked` means
the self-check deliberately said nothing about the value (policy "shape-only" or "off").
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from autograder.answers import AnswerFailure, as_matrix, data_probe, function_values
from autograder.diagnosis import Comparison, Verdict, diagnose, shape_words
from autograder.probes import Probe
from autograder.spec import PROPERTIES, CheckRequest, CheckResult, SymbolSpec

FORMAT = 1
POLICIES = ("diagnosis", "shape-only", "off")


def _symbol_json(spec: SymbolSpec) -> dict:
    out: dict[str, object] = {"shape": list(spec.shape)}
    out.update({prop: True for prop in spec.properties})
    if spec.value is not None:
        out["value"] = spec.value
    return out


def public_data(request: CheckRequest, seed: int, count: int = 3) -> dict:
    """Inputs and reference values at (at most) `count` public probes, as JSON-able data.

    No expression is included. The probes are those `check` would grade on with `seed` (3, or
    5 when the reference inverts a matrix), so `count` above that gives no more.
    """
    from autograder.check import prepare

    if int(seed) == int(request.seed):
        raise ValueError("the public seed must differ from the grading seed: choose another one")
    prepared = prepare(request, seed=seed)
    comparison = prepared.comparison
    probes = comparison.probes[:count]
    public = {
        "format": FORMAT,
        "layout": request.layout,
        "wrt": request.wrt,
        "rtol": comparison.rtol,
        "symbols": {name: _symbol_json(spec) for name, spec in request.symbols.items()},
        "probes": [
            {
                "dims": dict(probe.dims),
                "inputs": {name: value.tolist() for name, value in probe.values.items()},
                "reference": reference.tolist(),
            }
            for probe, reference in zip(probes, comparison.reference, strict=False)
        ],
        "shape": list(_reference_shape(request, prepared.trees.expected)),
    }
    if request.data is not None:
        public["data_dims"] = dict(data_probe(request.symbols, request.data).dims)
    return public


def _reference_shape(request: CheckRequest, expected) -> tuple:
    """The reference's shape in dimension names (for array answers, computed elsewhere)."""
    from autograder.expr.shapes import infer_shape

    if expected is not None:
        return infer_shape(expected, request.symbols)
    rows, cols = request.symbols[request.wrt].matrix_shape
    return (rows, cols) if request.layout == "denominator" else (cols, rows)


def _symbols(public: Mapping) -> dict[str, SymbolSpec]:
    symbols = {}
    for name, obj in public["symbols"].items():
        flags = {prop: bool(obj.get(prop, False)) for prop in PROPERTIES}
        symbols[name] = SymbolSpec(shape=tuple(obj["shape"]), value=obj.get("value"), **flags)
    return symbols


def _array(nested: object) -> np.ndarray:
    value = np.array(nested, dtype=float)
    value.setflags(write=False)
    return value


def _comparison(public: Mapping) -> Comparison:
    if public.get("format") != FORMAT:
        raise ValueError(f"self-check data of format {public.get('format')!r}, not {FORMAT}")
    probes, reference = [], []
    for item in public["probes"]:
        values = {name: _array(v) for name, v in item["inputs"].items()}
        probes.append(Probe({k: int(v) for k, v in item["dims"].items()}, values))
        reference.append(_array(item["reference"]))
    return Comparison(
        probes=tuple(probes),
        reference=tuple(reference),
        symbols=_symbols(public),
        rtol=float(public["rtol"]),
        layout=public["layout"],
        wrt=public.get("wrt"),
    )


def _is_sympy(answer: object) -> bool:
    return type(answer).__module__.split(".")[0] == "sympy"


def _expression_values(answer: object, comparison: Comparison) -> tuple | Verdict:
    from autograder.expr.evaluate import EvaluationError, evaluate
    from autograder.expr.parse import ParseFailure, parse
    from autograder.expr.shapes import ShapeError, infer_shape
    from autograder.probes import dimension_names

    if _is_sympy(answer):
        from autograder.expr.from_sympy import from_sympy

        result = from_sympy(answer, comparison.symbols)
    else:
        text = "" if answer is None else str(answer)
        if not text.strip():
            return Verdict("parse", "Your answer is empty: write an expression.")
        result = parse(text, tuple(comparison.symbols), dimension_names(comparison.symbols))
    if isinstance(result, ParseFailure):
        return Verdict("parse", f"Your answer could not be read: {result.message}")
    try:
        infer_shape(result.node, comparison.symbols)
        return tuple(evaluate(result.node, p.values, p.dims) for p in comparison.probes)
    except ShapeError as error:
        return Verdict("shape", f"Your answer is undefined: {error}.")
    except EvaluationError as error:
        return Verdict("wrong", f"Your answer cannot be evaluated: {error}.")


def _shape_verdict(got: tuple, want: tuple, probe: Probe) -> Verdict:
    if got == want:
        return Verdict(
            "unchecked",
            f"Your answer has the right shape ({shape_words(got, probe)}); its value is checked "
            "when you submit.",
        )
    return Verdict(
        "shape",
        f"Your answer is {shape_words(got, probe)} but it should be {shape_words(want, probe)}.",
    )


def _array_verdict(answer: object, public: Mapping) -> Verdict:
    """Only the shape of an array answer can be checked: its inputs are not public."""
    if "data_dims" not in public or "shape" not in public:
        return Verdict("unchecked", "An array answer is checked when you submit.")
    dims = {name: int(size) for name, size in public["data_dims"].items()}
    want = tuple(d if isinstance(d, int) else dims[d] for d in public["shape"])
    try:
        got = as_matrix(answer, want).shape
    except AnswerFailure as failure:
        return Verdict("wrong", str(failure))
    return _shape_verdict(got, want, Probe(dims, {}))


def _is_array(answer: object) -> bool:
    kinds = (np.ndarray, np.generic, list, tuple, int, float)
    return isinstance(answer, kinds) and not isinstance(answer, bool)


def _values(answer: object, comparison: Comparison) -> tuple | Verdict:
    if callable(answer) and not isinstance(answer, str) and not _is_sympy(answer):
        like = [r.shape for r in comparison.reference]
        try:
            return function_values(answer, comparison.probes, comparison.symbols, like)
        except AnswerFailure as failure:
            return Verdict("wrong", str(failure))
    return _expression_values(answer, comparison)


def _result(verdict: Verdict) -> CheckResult:
    return CheckResult(
        verdict.correct, 1.0 if verdict.correct else 0.0, verdict.diagnosis, verdict.feedback
    )


def self_check(answer: object, public: Mapping, policy: str = "diagnosis") -> CheckResult:
    """Diagnose `answer` against the public reference values, within what `policy` allows."""
    if policy not in POLICIES:
        raise ValueError(f"policy must be one of {', '.join(POLICIES)}, not {policy!r}")
    if policy == "off":
        return _result(Verdict("unchecked", "Self-check is off here: submit to be graded."))
    try:
        comparison = _comparison(public)
    except (KeyError, TypeError, ValueError) as error:
        reason = f"The self-check data are damaged ({error}); ask your instructor."
        return _result(Verdict("error", reason))
    if _is_array(answer):
        return _result(_array_verdict(answer, public))
    values = _values(answer, comparison)
    if isinstance(values, Verdict):
        return _result(values)
    if policy == "shape-only":
        got, want = values[0].shape, comparison.reference[0].shape
        return _result(_shape_verdict(got, want, comparison.probes[0]))
    return _result(diagnose(values, comparison))

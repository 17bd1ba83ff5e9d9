"""Why an answer differs from the reference, found numerically at the probes.

`diagnose` tries, in order: correct, the declared mistakes, the accepted alternatives, then the
built-in codes of `BUILTIN` (layout, shape, sign, scale, symmetric, missing/extra term), else
wrong; each only when it holds at every probe. Feedback speaks to the student and never shows
the reference expression.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import chain, combinations

import numpy as np

from autograder.equivalence import ATOL, RTOL_EXACT, all_close, factor, is_symmetric
from autograder.expr.nodes import Add, Div, MatMul, Mul, Neg, Node, Sub, Transpose
from autograder.probes import Probe, square_inputs, symmetrised
from autograder.spec import Mistake, SymbolSpec

Values = tuple[np.ndarray, ...]
ValuesAt = Callable[[Sequence[Probe]], "Values | None"]


@dataclass(frozen=True)
class Verdict:
    """A diagnosis code, the student's feedback, and the declared mistake or alternative hit."""

    diagnosis: str
    feedback: str
    mistake: int | None = None
    alternative: int | None = None

    @property
    def correct(self) -> bool:
        return self.diagnosis == "correct"


@dataclass(frozen=True)
class Comparison:
    """Everything an answer is compared with, evaluated at the same probes."""

    probes: tuple[Probe, ...]
    reference: Values
    symbols: Mapping[str, SymbolSpec]
    rtol: float = RTOL_EXACT
    layout: str = "denominator"
    wrt: str | None = None
    mistakes: tuple[Mistake, ...] = ()
    mistake_values: tuple[Values | None, ...] = ()
    mistake_codes: tuple[str, ...] = ()
    alternatives: tuple[Mistake, ...] = ()
    alternative_values: tuple[Values | None, ...] = ()
    reference_terms: tuple[Values, ...] = ()
    reference_at: ValuesAt | None = field(default=None, compare=False)
    """Re-evaluates the reference at other probes (for the `symmetric` code), when possible."""

    @property
    def symmetric_reference(self) -> bool:
        return is_symmetric(self.reference, self.rtol)


def shape_words(shape: tuple[int, ...], probe: Probe) -> str:
    """A numeric shape in the problem's dimension names: 'n x 1', 'a scalar'."""
    if tuple(shape) == (1, 1):
        return "a scalar"
    names = {size: name for name, size in probe.dims.items()}
    return " x ".join(names.get(size, str(size)) for size in shape)


def _what(comparison: Comparison) -> str:
    if comparison.wrt is not None:
        return f"the gradient with respect to {comparison.wrt}"
    return "the expected answer"


def fraction_text(c: float) -> str:
    """A constant factor as a short fraction ('1/2', '2', '-3/4'), or in decimals if none fits."""
    from fractions import Fraction  # only wrong answers need it: kept off the import path

    approx = Fraction(c).limit_denominator(24)
    if abs(float(approx) - c) <= 1e-6 * abs(c):
        return str(approx)
    return f"{c:.4g}"


def _layout_feedback(answer_shape: tuple[int, int], comparison: Comparison) -> str:
    if comparison.wrt is None:
        return "Your answer is the transpose of the expected one."
    course = comparison.layout
    other = "numerator" if course == "denominator" else "denominator"
    if answer_shape[0] == 1:
        kind = "a row vector"
    elif answer_shape[1] == 1:
        kind = "a column vector"
    else:
        kind = "the transpose of the expected one"
    return f"Your gradient is {kind}: that is {other} layout; this course uses {course} layout."


MAX_SUBSET = 3
"""The most terms a missing or extra combination of terms may hold (`_term`)."""


def _proportional_to_any(difference: Values, terms: Iterable[Values], rtol: float) -> float | None:
    for term in terms:
        c = factor(difference, term, rtol)
        if c is not None:
            return c
    return None


def _subset_sums(terms: Sequence[Values], excess: Values) -> Iterator[Values]:
    """The sums of 2 to MAX_SUBSET of `terms`, probe by probe, smallest subsets first; only
    those nearly parallel to `excess` at the first probe (a cheap filter, all subsets at once:
    <s, e>^2 against |s|^2 |e|^2 from the terms' inner products)."""
    usable = [term for term in terms if term[0].shape == excess[0].shape]
    subsets = [
        subset
        for size in range(2, min(MAX_SUBSET, len(usable) - 1) + 1)
        for subset in combinations(range(len(usable)), size)
    ]
    if not subsets:
        return
    firsts = np.stack([term[0].ravel() for term in usable])
    e = excess[0].ravel()
    gram, along = firsts @ firsts.T, firsts @ e
    chosen = np.zeros((len(subsets), len(usable)))
    for row, subset in enumerate(subsets):
        chosen[row, list(subset)] = 1.0
    squared = np.einsum("ij,jk,ik->i", chosen, gram, chosen)
    parallel = (chosen @ along) ** 2 >= (1 - 1e-4) * squared * float(e @ e)
    for row in np.flatnonzero(parallel & (squared > 0)):
        picked = [usable[i] for i in subsets[row]]
        yield tuple(sum(values[1:], values[0]) for values in zip(*picked, strict=True))


def _written(terms: Sequence[Values], whole: Values) -> Sequence[Values]:
    """The terms as written: the shortest prefix of `terms` that adds up to `whole` at every
    probe (`additive_terms` puts them first), else none. Sums are taken only over these, so a
    term is never added to one of its own distributed pieces."""
    running: list[np.ndarray] = []
    sizes = [0.0] * len(whole)
    for count, term in enumerate(terms, 1):
        if len(term) != len(whole) or any(
            v.shape != w.shape for v, w in zip(term, whole, strict=True)
        ):
            return ()
        running = list(term) if count == 1 else [r + v for r, v in zip(running, term, strict=True)]
        sizes = [size + float(np.linalg.norm(v)) for size, v in zip(sizes, term, strict=True)]
        if all(
            np.linalg.norm(r - w)
            <= 1e-6 * max(size, float(np.linalg.norm(w))) + ATOL * np.sqrt(w.size)
            for r, w, size in zip(running, whole, sizes, strict=True)
        ):
            return terms[:count]
    return ()


def _is_zero(values: Values, reference: Values, rtol: float) -> bool:
    """Is every value negligible next to the reference at the same probe?"""
    return all(
        np.linalg.norm(v) <= rtol * np.linalg.norm(r) + ATOL * np.sqrt(r.size)
        for v, r in zip(values, reference, strict=True)
    )


def _symmetric_names(comparison: Comparison, answer_at: ValuesAt) -> tuple[str, ...] | None:
    """The square inputs whose symmetrising makes the answer right, or None."""
    if comparison.reference_at is None:
        return None
    candidates = square_inputs(comparison.symbols, comparison.probes[0])

    def right_when_symmetric(names: tuple[str, ...]) -> bool:
        probes = [symmetrised(p, comparison.symbols, names) for p in comparison.probes]
        reference = comparison.reference_at(probes)
        answer = answer_at(probes)
        return (
            reference is not None
            and answer is not None
            and all_close(answer, reference, comparison.rtol)
        )

    if not candidates or not right_when_symmetric(candidates):
        return None
    if len(candidates) > 1:
        for name in candidates:
            if right_when_symmetric((name,)):
                return (name,)
    return candidates


def _not_finite(values: Values) -> bool:
    return not all(np.all(np.isfinite(v)) for v in values)


@dataclass(frozen=True)
class _Answer:
    """An answer under diagnosis: its values, how to re-evaluate it, its additive terms."""

    values: Values
    comparison: Comparison
    at: ValuesAt | None = None
    terms: Sequence[Values] = ()


def _layout(answer: _Answer) -> Verdict | None:
    comparison = answer.comparison
    transposed = tuple(r.T for r in comparison.reference)
    if all_close(answer.values, transposed, comparison.rtol) and not (
        comparison.symmetric_reference
    ):
        return Verdict("layout", _layout_feedback(answer.values[0].shape, comparison))
    return None


def _shape(answer: _Answer) -> Verdict | None:
    comparison = answer.comparison
    probe = comparison.probes[0]
    shape, expected = answer.values[0].shape, comparison.reference[0].shape
    if shape != expected:
        return Verdict(
            "shape",
            f"Your answer is {shape_words(shape, probe)} but {_what(comparison)} is "
            f"{shape_words(expected, probe)}.",
        )
    if any(v.shape != r.shape for v, r in zip(answer.values, comparison.reference, strict=True)):
        return Verdict("shape", f"Your answer does not have the shape of {_what(comparison)}.")
    return None


def _factor(answer: _Answer) -> float | None:
    if _not_finite(answer.values):
        return None
    return factor(answer.values, answer.comparison.reference, answer.comparison.rtol)


def _sign(answer: _Answer) -> Verdict | None:
    c = _factor(answer)
    if c is not None and abs(c + 1) <= 1e-6:
        return Verdict("sign", "Your answer has the wrong sign.")
    return None


def _scale(answer: _Answer) -> Verdict | None:
    c = _factor(answer)
    if c is not None and abs(c - 1) > 1e-6 and abs(c + 1) > 1e-6:
        return Verdict(
            "scale",
            f"Your answer is {fraction_text(c)} times {_what(answer.comparison)}: "
            "check the constant factors.",
        )
    return None


def _symmetric(answer: _Answer) -> Verdict | None:
    if answer.at is None or _not_finite(answer.values):
        return None
    names = _symmetric_names(answer.comparison, answer.at)
    if not names:
        return None
    said = " and ".join(names)
    verb = "is" if len(names) == 1 else "are"
    return Verdict(
        "symmetric",
        f"Missing the symmetric part: your answer is right only when {said} {verb} "
        "symmetric, which is not assumed here.",
    )


def _term(answer: _Answer) -> Verdict | None:
    """`missing_term` when the answer has too little of some term, `extra_term` too much.

    The excess (answer - reference) must be c times one term of the reference or of the answer
    (signed, as written or with products multiplied out: `additive_terms`), or c times the sum
    of a few of the terms as written: c < 0 is too little of it (left out, or too small a
    factor), c > 0 too much (doubled, or not belonging). An answer of zero leaves everything
    out: that is `wrong`, not a missing term.
    """
    comparison = answer.comparison
    if _not_finite(answer.values) or _is_zero(answer.values, comparison.reference, comparison.rtol):
        return None
    excess = tuple(v - r for v, r in zip(answer.values, comparison.reference, strict=True))
    reference_terms, answer_terms = comparison.reference_terms, tuple(answer.terms)
    candidates = chain(
        reference_terms,
        answer_terms,
        _subset_sums(_written(reference_terms, comparison.reference), excess),
        _subset_sums(_written(answer_terms, answer.values), excess),
    )
    c = _proportional_to_any(excess, candidates, comparison.rtol)
    if c is not None and c < 0:
        return Verdict(
            "missing_term",
            "Your answer is missing a term, or has one with too small a factor: "
            "check that every occurrence of the variable is differentiated.",
        )
    if c is not None:
        return Verdict(
            "extra_term",
            "Your answer has a term that does not belong there, or one with too large a factor.",
        )
    return None


BUILTIN = (_layout, _shape, _sign, _scale, _symmetric, _term)
"""The built-in codes in the order they are tried; the first that holds wins."""


def builtin(
    values: Values,
    comparison: Comparison,
    answer_at: ValuesAt | None = None,
    answer_terms: Sequence[Values] = (),
) -> Verdict | None:
    """The first built-in code (layout ... extra_term) that describes `values`, or None."""
    answer = _Answer(values, comparison, answer_at, answer_terms)
    for step in BUILTIN:
        verdict = step(answer)
        if verdict is not None:
            return verdict
    return None


def diagnose(
    values: Values,
    comparison: Comparison,
    answer_at: ValuesAt | None = None,
    answer_terms: Sequence[Values] = (),
) -> Verdict:
    """The verdict on an answer whose values at `comparison.probes` are `values`."""
    rtol = comparison.rtol
    if all_close(values, comparison.reference, rtol):
        return Verdict("correct", "Correct.")
    for index, mistake_values in enumerate(comparison.mistake_values):
        if mistake_values is not None and all_close(values, mistake_values, rtol):
            code = comparison.mistake_codes[index] if comparison.mistake_codes else "mistake"
            return Verdict(code, comparison.mistakes[index].feedback, mistake=index)
    for index, alternative_values in enumerate(comparison.alternative_values):
        if alternative_values is not None and all_close(values, alternative_values, rtol):
            feedback = comparison.alternatives[index].feedback or "Correct."
            return Verdict("correct", feedback, alternative=index)
    verdict = builtin(values, comparison, answer_at, answer_terms)
    if verdict is not None:
        return verdict
    if _not_finite(values):
        return Verdict(
            "wrong",
            "Your answer is not finite (inf or NaN) at some test inputs: look for a log of a "
            "non-positive number or the inverse of a singular matrix.",
        )
    return Verdict("wrong", f"Your answer does not equal {_what(comparison)}.")


def mistake_codes(comparison: Comparison, values_at: Sequence[ValuesAt | None]) -> tuple[str, ...]:
    """The built-in code each declared mistake falls under, or 'mistake' when none does."""
    codes = []
    for values, at in zip(comparison.mistake_values, values_at, strict=True):
        verdict = None if values is None else builtin(values, comparison, at)
        codes.append("mistake" if verdict is None else verdict.diagnosis)
    return tuple(codes)


MAX_TERMS = 16


def _negated(node: Node) -> Node:
    return node.operand if isinstance(node, Neg) else Neg(node)


def _top_terms(node: Node) -> list[Node]:
    """The signed terms as written: a sum split only at its top-level + and -."""
    if isinstance(node, Add):
        return _top_terms(node.left) + _top_terms(node.right)
    if isinstance(node, Sub):
        return _top_terms(node.left) + [_negated(t) for t in _top_terms(node.right)]
    if isinstance(node, Neg):
        return [_negated(t) for t in _top_terms(node.operand)]
    return [node]


def _terms(node: Node) -> list[Node]:
    if isinstance(node, Add):
        return _terms(node.left) + _terms(node.right)
    if isinstance(node, Sub):
        return _terms(node.left) + [_negated(t) for t in _terms(node.right)]
    if isinstance(node, Neg):
        return [_negated(t) for t in _terms(node.operand)]
    if isinstance(node, Transpose):
        return [Transpose(t) for t in _terms(node.operand)]
    if isinstance(node, Div):
        return [Div(t, node.right) for t in _terms(node.left)]
    if isinstance(node, (Mul, MatMul)):
        left, right = _terms(node.left), _terms(node.right)
        if len(left) * len(right) <= MAX_TERMS:
            return [type(node)(a, b) for a in left for b in right]
    return [node]


def additive_terms(node: Node) -> tuple[Node, ...]:
    """The signed additive terms of a tree: first as written (split at the top-level + and -,
    signs and constant factors kept: `c * P @ (Q @ z - r)` stays one term), then with
    products distributed over sums, without repeats; at most MAX_TERMS. A tree that is one
    term as written gives only its distributed terms (never the whole tree as a term). Either
    way a prefix of the result adds up to the tree (unless MAX_TERMS cut it)."""
    top = _top_terms(node)
    expanded = [piece for term in top for piece in _terms(term)]
    written = top if len(top) > 1 else expanded
    more = [piece for piece in dict.fromkeys(expanded) if piece not in written]
    return tuple([*written, *more][:MAX_TERMS])

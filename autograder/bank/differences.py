"""Numeric facts the bank checks about its own solutions, by finite differences of objectives.

Each function returns None when the fact holds on every probe, else a sentence saying where it
failed. Probe inputs come from the engine's `draw_probes`; the arithmetic here is independent
of the engine's equivalence code, so a solution is not checked by the code that grades with it.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from autograder.bank.trees import substitute
from autograder.expr.evaluate import EvaluationError, evaluate
from autograder.expr.nodes import Node, symbols_in
from autograder.expr.parse import ParseFailure, parse
from autograder.probes import Probe, draw_probes
from autograder.spec import SymbolSpec

PROBES = 3
DIRECTIONS = 3
FIRST_RTOL = 1e-6
SECOND_RTOL = 1e-4


def tree(text: str, symbols: Mapping[str, SymbolSpec]) -> Node:
    """`text` parsed against `symbols`; raises ValueError with the parser's message."""
    dims = [d for s in symbols.values() for d in s.shape if isinstance(d, str)]
    result = parse(text, list(symbols), dims=dims)
    if isinstance(result, ParseFailure):
        raise ValueError(f"cannot parse {text!r}: {result.message}")
    return result.node


def probes(
    symbols: Mapping[str, SymbolSpec], constraints, seed: int, count: int = PROBES
) -> list[Probe]:
    """`count` probe points for `symbols`, from `default_rng(seed)`."""
    return draw_probes(symbols, constraints, np.random.default_rng(seed), count)


def _value(node: Node, probe: Probe, overrides: Mapping[str, np.ndarray] | None = None):
    values = dict(probe.values)
    values.update(overrides or {})
    return evaluate(node, values, probe.dims)


def _scalar(node: Node, probe: Probe, overrides=None) -> float:
    return _value(node, probe, overrides).item()


def _direction(shape: tuple[int, int], rng, symmetric: bool = False) -> np.ndarray:
    v = rng.standard_normal(shape)
    if symmetric:
        v = (v + v.T) / 2
    return v / max(np.linalg.norm(v), 1e-300)


def _step(point: np.ndarray) -> float:
    return 1e-5 * max(1.0, float(np.max(np.abs(point))))


def _fd(f: Node, wrt: str, probe: Probe, v: np.ndarray, at=None, h: float | None = None):
    """Central difference of f along v at wrt = at (default: the probe's value); f(point)."""
    point = probe.values[wrt] if at is None else at
    h = _step(point) if h is None else h
    up = _scalar(f, probe, {wrt: point + h * v})
    down = _scalar(f, probe, {wrt: point - h * v})
    return (up - down) / (2 * h), _scalar(f, probe, {wrt: point})


def _mismatch(numeric: float, exact: float, base: float, rtol: float = FIRST_RTOL) -> bool:
    if not (np.isfinite(numeric) and np.isfinite(exact)):
        return True
    return abs(numeric - exact) > rtol * max(abs(numeric), abs(exact)) + 1e-8 * (1 + abs(base))


def _along(f: Node, wrt: str, probe: Probe, rng, exact, label: str, symmetric=False):
    """Compare `exact(V)` with the central difference of f along random directions V."""
    for _ in range(DIRECTIONS):
        v = _direction(probe.values[wrt].shape, rng, symmetric)
        numeric, base = _fd(f, wrt, probe, v)
        value = exact(v)
        if _mismatch(numeric, value, base):
            return f"{label} = {value:.6g} but the difference quotient is {numeric:.6g}"
    return None


def _on_probes(symbols, constraints, seed: int, fact) -> str | None:
    """The first finding of `fact(probe)` over the probes; evaluation errors are findings."""
    for probe in probes(symbols, constraints, seed):
        try:
            finding = fact(probe)
        except EvaluationError as error:
            return f"evaluation failed: {error}"
        if finding:
            return finding
    return None


def gradient_fact(
    objective: str, gradient: str, wrt: str, symbols, constraints, layout: str, seed: int
) -> str | None:
    """Does <G, V> match the central difference of the objective along random V?"""
    f, g = tree(objective, symbols), tree(gradient, symbols)
    rng = np.random.default_rng(seed + 7)

    def fact(probe: Probe) -> str | None:
        grad = _value(g, probe)
        grad = grad.T if layout == "numerator" else grad
        if grad.shape != probe.values[wrt].shape:
            return f"the gradient is {grad.shape}, {wrt} is {probe.values[wrt].shape}"
        return _along(f, wrt, probe, rng, lambda v: float(np.vdot(grad, v)), "<G, V>")

    return _on_probes(symbols, constraints, seed, fact)


def differential_fact(
    objective: str, differential: str, wrt: str, direction: str, symbols, constraints, seed: int
) -> str | None:
    """Is the differential, at dX = V, the central difference of the objective along V?"""
    f, d = tree(objective, symbols), tree(differential, symbols)
    rng = np.random.default_rng(seed + 11)
    symmetric = symbols[direction].symmetric

    def fact(probe: Probe) -> str | None:
        def exact(v):
            return _scalar(d, probe, {direction: v})

        return _along(f, wrt, probe, rng, exact, "df(V)", symmetric)

    return _on_probes(symbols, constraints, seed, fact)


def stationary_fact(
    objective: str, solution: str, wrt: str, symbols, constraints, seed: int
) -> str | None:
    """Does every directional derivative of the objective vanish at wrt = solution?

    The slopes there are compared with the largest slope a small step away (1% of the
    solution's scale) over several directions, with steps relative to that scale, so that
    small or large solutions, and flat directions, are judged alike. Directions are symmetric
    for a symmetric variable.
    """
    f, s = tree(objective, symbols), tree(solution, symbols)
    rng = np.random.default_rng(seed + 13)
    structured = symbols[wrt].symmetric or symbols[wrt].spd

    def fact(probe: Probe) -> str | None:
        point = _value(s, probe)
        if point.shape != probe.values[wrt].shape:
            return f"the solution is {point.shape}, {wrt} is {probe.values[wrt].shape}"
        scale = max(float(np.max(np.abs(point))), 1e-12)
        h = 1e-5 * scale
        slopes, nearby = [], []
        for _ in range(DIRECTIONS):
            v = _direction(point.shape, rng, structured)
            slopes.append(_fd(f, wrt, probe, v, at=point, h=h)[0])
            nearby.append(_fd(f, wrt, probe, v, at=point + 1e-2 * scale * v, h=h)[0])
        worst, reference = max(map(abs, slopes)), max(map(abs, nearby))
        if not worst <= 1e-4 * reference:
            return (
                f"the slope at the solution is {worst:.3g}, against {reference:.3g} a "
                "step away: not a stationary point"
            )
        return None

    return _on_probes(symbols, constraints, seed, fact)


def hessian_fact(
    objective: str, hessian: str, wrt: str, symbols, constraints, seed: int
) -> str | None:
    """Is u^T H v the mixed second difference of the objective along random u and v?"""
    f, hess = tree(objective, symbols), tree(hessian, symbols)
    rng = np.random.default_rng(seed + 17)
    for probe in probes(symbols, constraints, seed):
        try:
            point = probe.values[wrt]
            matrix = _value(hess, probe)
            if matrix.shape != (point.size, point.size):
                return f"the Hessian is {matrix.shape}, not {point.size} x {point.size}"
            h = 1e-3 * max(1.0, float(np.max(np.abs(point))))
            for _ in range(DIRECTIONS):
                u, v = _direction(point.shape, rng), _direction(point.shape, rng)
                corners = [
                    _scalar(f, probe, {wrt: point + h * (a * u + b * v)})
                    for a, b in ((1, 1), (1, -1), (-1, 1), (-1, -1))
                ]
                numeric = (corners[0] - corners[1] - corners[2] + corners[3]) / (4 * h * h)
                exact = (u.reshape(1, -1) @ matrix @ v.reshape(-1, 1)).item()
                base = max(abs(c) for c in corners)
                if _mismatch(numeric, exact, base * 1e2, SECOND_RTOL):
                    return f"u^T H v = {exact:.6g} but the second difference is {numeric:.6g}"
        except EvaluationError as error:
            return f"evaluation failed: {error}"
    return None


def equal_fact(left: str, right: str, symbols, constraints, seed: int) -> str | None:
    """Do two expressions agree on every probe?"""
    a, b = tree(left, symbols), tree(right, symbols)
    for probe in probes(symbols, constraints, seed):
        try:
            x, y = _value(a, probe), _value(b, probe)
        except EvaluationError as error:
            return f"evaluation failed: {error}"
        if x.shape != y.shape or not np.allclose(x, y, rtol=1e-8, atol=1e-10):
            return f"{left!r} and {right!r} differ"
    return None


def always_symmetric(expression: str, symbols, constraints, seed: int) -> bool:
    """Is the expression a square non-scalar matrix equal to its transpose on every probe?"""
    node = tree(expression, symbols)
    for probe in probes(symbols, constraints, seed):
        try:
            value = _value(node, probe)
        except EvaluationError:
            return False
        if value.shape[0] != value.shape[1] or value.shape == (1, 1):
            return False
        if not np.allclose(value, value.T, rtol=1e-9, atol=1e-12):
            return False
    return True


def vanishes_at(
    earlier: Node, variable: str, candidate: Node, symbols, constraints, seed: int
) -> bool:
    """Does `earlier` vanish with `variable` replaced by `candidate`, on every probe, while not
    vanishing everywhere (which would make any candidate a root)?"""
    if variable in symbols_in(candidate):
        return False
    at_candidate = substitute(earlier, {variable: candidate})
    for probe in probes(symbols, constraints, seed, count=4):
        try:
            scale = float(np.linalg.norm(_value(earlier, probe)))
            residual = float(np.linalg.norm(_value(at_candidate, probe)))
            shape_ok = _value(candidate, probe).shape == probe.values[variable].shape
        except EvaluationError:
            return False
        if not shape_ok or not np.isfinite(residual) or scale < 1e-9:
            return False
        if residual > 1e-7 * scale + 1e-10:
            return False
    return True

"""When two values count as equal, and finite differences of a scalar objective.

Two arrays agree when ||S - E||_F <= rtol max(||E||, ||S||) + 1e-10 sqrt(size): rtol is 1e-7
against an exact reference and 1e-5 against a finite-difference one. A value that is not finite
never agrees with anything.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import numpy as np

RTOL_EXACT = 1e-7
RTOL_FINITE_DIFFERENCE = 1e-5
ATOL = 1e-10
DIRECTIONAL_RTOL = 1e-6
DIRECTIONS = 3

Objective = Callable[[Mapping[str, np.ndarray]], float]


def close(answer: np.ndarray, reference: np.ndarray, rtol: float = RTOL_EXACT) -> bool:
    """Do `answer` and `reference` have the same shape and agree within the tolerance?"""
    if answer.shape != reference.shape or not np.all(np.isfinite(answer)):
        return False
    scale = max(np.linalg.norm(answer), np.linalg.norm(reference))
    return bool(np.linalg.norm(answer - reference) <= rtol * scale + ATOL * np.sqrt(answer.size))


def all_close(
    answers: Sequence[np.ndarray], references: Sequence[np.ndarray], rtol: float = RTOL_EXACT
) -> bool:
    """Does every answer agree with the reference at the same probe?"""
    return len(answers) == len(references) and all(
        close(a, r, rtol) for a, r in zip(answers, references, strict=True)
    )


def factor(
    answers: Sequence[np.ndarray], references: Sequence[np.ndarray], rtol: float = RTOL_EXACT
) -> float | None:
    """The constant c with answer = c * reference at every probe, or None when there is none."""
    if not answers or len(answers) != len(references):
        return None
    first, ref = answers[0], references[0]
    if first.shape != ref.shape or not np.all(np.isfinite(first)):
        return None
    norm = float(np.vdot(ref, ref))
    if not np.isfinite(norm) or norm <= ATOL**2 * ref.size:
        return None
    c = float(np.vdot(ref, first)) / norm
    if not np.isfinite(c) or abs(c) < 1e-12:
        return None
    return c if all_close(answers, [c * r for r in references], rtol) else None


def is_symmetric(values: Sequence[np.ndarray], rtol: float = RTOL_EXACT) -> bool:
    """Is every value a square matrix equal to its transpose (scalars included)?"""
    return all(close(v.T, v, rtol) for v in values)


def step(value: np.ndarray) -> float:
    """The finite-difference step for an input: 1e-5 max(1, scale)."""
    return 1e-5 * max(1.0, float(np.max(np.abs(value))) if value.size else 1.0)


def _shifted(values: Mapping[str, np.ndarray], wrt: str, delta: np.ndarray) -> dict:
    shifted = dict(values)
    shifted[wrt] = values[wrt] + delta
    return shifted


def directional_agrees(
    objective: Objective,
    gradient: np.ndarray,
    values: Mapping[str, np.ndarray],
    wrt: str,
    rng: np.random.Generator,
    directions: int = DIRECTIONS,
) -> bool:
    """Does <gradient, V> match the central difference of `objective` along random V?

    `gradient` is in denominator layout (the shape of `wrt`). This is layout-free but still
    separates G from G^T.
    """
    point = values[wrt]
    if gradient.shape != point.shape or not np.all(np.isfinite(gradient)):
        return False
    h = step(point)
    base = abs(objective(values))
    for _ in range(directions):
        v = rng.standard_normal(point.shape)
        up = objective(_shifted(values, wrt, h * v))
        down = objective(_shifted(values, wrt, -h * v))
        numeric = (up - down) / (2 * h)
        exact = float(np.vdot(gradient, v))
        if not (np.isfinite(numeric) and np.isfinite(exact)):
            return False
        # Roundoff of a central difference is about eps |f| / h: allow it on top of the rtol.
        # <G, V> may cancel to far below |G| |V|, while the truncation error of the difference
        # scales with |G| |V|: measure against that too (a wrong G is off by far more).
        floor = 1e-9 * (1.0 + base + float(np.linalg.norm(gradient) * np.linalg.norm(v)))
        if abs(numeric - exact) > DIRECTIONAL_RTOL * max(abs(numeric), abs(exact)) + floor:
            return False
    return True


def gradient_by_differences(
    objective: Objective, values: Mapping[str, np.ndarray], wrt: str
) -> np.ndarray:
    """The full central-difference gradient of `objective` in `wrt` (denominator layout)."""
    point = values[wrt]
    h = step(point)
    gradient = np.empty(point.shape)
    for index in np.ndindex(point.shape):
        delta = np.zeros(point.shape)
        delta[index] = h
        up = objective(_shifted(values, wrt, delta))
        down = objective(_shifted(values, wrt, -delta))
        gradient[index] = (up - down) / (2 * h)
    return gradient


def to_layout(gradient: np.ndarray, layout: str) -> np.ndarray:
    """A denominator-layout gradient written in `layout` (numerator layout is the transpose)."""
    return gradient if layout == "denominator" else gradient.T

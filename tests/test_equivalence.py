"""Tests for autograder.equivalence: the tolerance and finite differences."""

from __future__ import annotations

import numpy as np
import pytest

from autograder.equivalence import (
    all_close,
    close,
    directional_agrees,
    factor,
    gradient_by_differences,
    is_symmetric,
    to_layout,
)

RNG = np.random.default_rng(3)
M = RNG.standard_normal((4, 3))


@pytest.mark.parametrize(
    ("answer", "reference", "expected"),
    [
        (M, M, True),
        (M * (1 + 1e-9), M, True),
        (M + 1e-6, M, False),
        (M * 1.05, M, False),
        (M.T, M, False),
        (M[:, :1], M[:, :1].reshape(1, -1), False),
        (np.zeros((3, 3)), np.full((3, 3), 1e-12), True),
        (np.full((2, 2), np.nan), np.full((2, 2), np.nan), False),
        (np.full((2, 2), np.inf), np.full((2, 2), np.inf), False),
        (np.ones((1, 1)), np.ones((3, 1)), False),
    ],
)
def test_close(answer, reference, expected):
    """Does the tolerance accept roundoff only, never NaN, inf or a change of shape?"""
    assert close(answer, reference) is expected


def test_all_close_needs_every_probe():
    """Is one differing probe enough to reject?"""
    assert all_close([M, M], [M, M])
    assert not all_close([M, M + 1], [M, M])


@pytest.mark.parametrize(("c", "expected"), [(2.0, 2.0), (-0.5, -0.5), (1.0, 1.0)])
def test_factor_finds_a_constant(c, expected):
    """Is a constant factor common to all probes found?"""
    refs = [M, 2 * M + 1]
    assert factor([c * r for r in refs], refs) == pytest.approx(expected)


def test_factor_rejects_probe_dependent_ratios():
    """Is a ratio that changes between probes not a constant factor?"""
    refs = [M, M + 1]
    assert factor([2 * refs[0], 3 * refs[1]], refs) is None
    assert factor([np.zeros_like(M)] * 2, refs) is None


def test_is_symmetric():
    """Are symmetric squares and scalars symmetric, and a general matrix not?"""
    assert is_symmetric([M @ M.T, np.ones((1, 1))])
    assert not is_symmetric([M[:3] + np.triu(np.ones((3, 3)))])


A = RNG.standard_normal((4, 4))
X = np.eye(4) * 2 + RNG.standard_normal((4, 4)) * 0.3
x = RNG.standard_normal((4, 1))

OBJECTIVES = [
    ("x", lambda v: (v["x"].T @ A @ v["x"]).item(), lambda v: (A + A.T) @ v["x"]),
    ("X", lambda v: np.linalg.slogdet(v["X"])[1], lambda v: np.linalg.inv(v["X"]).T),
    ("X", lambda v: np.trace(A @ v["X"]), lambda v: A.T),
    (
        "X",
        lambda v: np.exp(np.trace(v["X"]) / 4),
        lambda v: np.exp(np.trace(v["X"]) / 4) / 4 * np.eye(4),
    ),
]


@pytest.mark.parametrize(("wrt", "f", "gradient"), OBJECTIVES)
def test_directional_differences_accept_the_gradient_and_reject_its_transpose(wrt, f, gradient):
    """Do directional differences accept G, and reject G^T, 2G and a shape change?"""
    values = {"x": x, "X": X}
    g = gradient(values)
    rng = np.random.default_rng(0)
    assert directional_agrees(f, g, values, wrt, rng)
    assert not directional_agrees(f, 2 * g, values, wrt, rng)
    if not np.allclose(g, g.T) and g.shape[0] == g.shape[1]:
        assert not directional_agrees(f, g.T, values, wrt, rng)
    assert not directional_agrees(
        f, g.reshape(1, -1) if g.shape[1] == 1 else g[:1], values, wrt, rng
    )
    assert not directional_agrees(f, np.full_like(g, np.nan), values, wrt, rng)


@pytest.mark.parametrize(("wrt", "f", "gradient"), OBJECTIVES)
def test_full_difference_gradient_matches(wrt, f, gradient):
    """Is the central-difference gradient within the loose 1e-5 tolerance of the exact one?"""
    values = {"x": x, "X": X}
    assert close(gradient_by_differences(f, values, wrt), gradient(values), rtol=1e-5)


@pytest.mark.parametrize(("layout", "shape"), [("denominator", (4, 1)), ("numerator", (1, 4))])
def test_layout_of_a_vector_gradient(layout, shape):
    """Is a numerator-layout gradient of a column the row vector?"""
    assert to_layout(x, layout).shape == shape

"""Tests for autograder.probes: sizes, constraints, properties, caching."""

from __future__ import annotations

import numpy as np
import pytest

from autograder.probes import (
    ProbeError,
    cached_probes,
    draw_probes,
    parse_constraints,
    square_inputs,
    symmetrised,
)
from autograder.spec import SymbolSpec as S


def _probes(symbols, constraints=(), count=20, seed=1):
    return draw_probes(symbols, constraints, np.random.default_rng(seed), count)


def test_sizes_are_distinct_and_in_range():
    """Does every dimension name get its own size from 3..8, varying between probes?"""
    symbols = {"A": S(("m", "n")), "B": S(("n", "p")), "x": S(("p",))}
    probes = _probes(symbols)
    for probe in probes:
        assert set(probe.dims) == {"m", "n", "p"}
        assert len(set(probe.dims.values())) == 3
        assert all(3 <= size <= 8 for size in probe.dims.values())
        assert probe.values["A"].shape == (probe.dims["m"], probe.dims["n"])
        assert probe.values["x"].shape == (probe.dims["p"], 1)
    assert len({tuple(p.dims.values()) for p in probes}) > 3


def test_integer_dims_are_fixed_and_avoided_by_names():
    """Is an integer dimension kept as given, and do named sizes avoid it?"""
    probes = _probes({"A": S((4, "n")), "w": S((50,))})
    for probe in probes:
        assert probe.values["A"].shape[0] == 4
        assert probe.values["w"].shape == (50, 1)
        assert probe.dims["n"] != 4


def test_many_names_still_get_distinct_sizes():
    """With more names than sizes in 3..8, are the sizes still distinct?"""
    symbols = {f"A{i}": S((f"d{i}", f"e{i}")) for i in range(5)}
    for probe in _probes(symbols, count=3):
        assert len(set(probe.dims.values())) == 10


@pytest.mark.parametrize(
    "constraints",
    [("m > n",), ("n < m",), ("m > n", "n > p"), ("p < n", "m>p")],
)
def test_constraints_are_honoured(constraints):
    """Do strict constraints between dimension names hold on every probe?"""
    symbols = {"A": S(("m", "n")), "B": S(("n", "p"))}
    pairs = parse_constraints(constraints)
    for probe in _probes(symbols, constraints):
        for larger, smaller in pairs:
            assert probe.dims[larger] > probe.dims[smaller]


@pytest.mark.parametrize(
    "bad",
    ["m >= n", "m > 2", "m > n > p", "__import__('os')", "m = n", "m > m", "", 3],
)
def test_malformed_constraints_are_rejected(bad):
    """Is anything but `name > name` or `name < name` refused with a clear error?"""
    with pytest.raises(ProbeError, match="constraint"):
        parse_constraints([bad])


def test_contradictory_constraints_are_rejected():
    """Does a cycle of constraints raise instead of looping?"""
    with pytest.raises(ProbeError, match="contradict"):
        _probes({"A": S(("m", "n"))}, ("m > n", "n > m"), count=1)


def _eigenvalues_of_symmetric_part(a):
    return np.linalg.eigvalsh((a + a.T) / 2)


@pytest.mark.parametrize(
    ("spec", "holds"),
    [
        (S(("n", "n")), lambda a: not np.allclose(a, a.T)),
        (S(("n", "n"), symmetric=True), lambda a: np.allclose(a, a.T)),
        (
            S(("n", "n"), spd=True),
            lambda a: (
                np.allclose(a, a.T)
                and np.linalg.eigvalsh(a).min() >= 0.5 - 1e-9
                and np.linalg.eigvalsh(a).max() <= 2 + 1e-9
            ),
        ),
        (
            S(("n", "n"), invertible=True),
            lambda a: (
                _eigenvalues_of_symmetric_part(a).min() > 1.0
                and np.linalg.norm(a - a.T) > 1.0
                and np.linalg.cond(a) < 10
            ),
        ),
        (S(("m", "n"), positive=True), lambda a: np.all(a > 0)),
        (S(("n",), unit_interval=True), lambda a: np.all((a > 0) & (a < 1))),
        (
            S(("n", "k"), probability=True),
            lambda a: np.all(a > 0) and np.allclose(a.sum(axis=0), 1),
        ),
        (S(("n",), probability=True), lambda a: np.all(a > 0) and np.isclose(a.sum(), 1)),
        (S(("n",), ones=True), lambda a: np.all(a == 1)),
        (S((), value=0.25), lambda a: a.shape == (1, 1) and a.item() == 0.25),
        (S(()), lambda a: a.shape == (1, 1) and 1.5 <= a.item() <= 3),
        (
            S(("n", "n"), symmetric=True, positive=True),
            lambda a: np.allclose(a, a.T) and np.all(a > 0),
        ),
    ],
)
def test_properties_hold_on_every_probe(spec, holds):
    """Do the drawn values honour each declared property?"""
    for probe in _probes({"X": spec}):
        assert holds(probe.values["X"]), probe.values["X"]


def test_sums_of_invertible_matrices_stay_invertible():
    """Are X + A and X^T A X well conditioned for two invertible inputs (DESIGN.md)?"""
    symbols = {"X": S(("n", "n"), invertible=True), "A": S(("n", "n"), invertible=True)}
    for probe in _probes(symbols, count=200):
        x, a = probe.values["X"], probe.values["A"]
        assert np.linalg.cond(x + a) < 1e3
        assert np.linalg.cond(x.T @ a @ x) < 1e4


def test_values_are_read_only():
    """Can a cached probe value not be changed in place by a caller?"""
    probe = _probes({"A": S(("n", "n"))}, count=1)[0]
    with pytest.raises(ValueError):
        probe.values["A"][0, 0] = 1.0


@pytest.mark.parametrize("seed", [0, 7])
def test_cached_probes_repeat_for_the_same_seed(seed):
    """Do the same symbols and seed give the same probes, and another seed others?"""
    symbols = {"A": S(("m", "n")), "x": S(("n",))}
    first = cached_probes(symbols, ("m > n",), seed, 3)
    again = cached_probes(dict(symbols), ["m > n"], seed, 3)
    other = cached_probes(symbols, ("m > n",), seed + 1, 3)
    assert first is again
    assert not np.array_equal(first[0].values["A"], other[0].values["A"]) or (
        first[0].dims != other[0].dims
    )


def test_symmetrised_makes_only_the_named_inputs_symmetric():
    """Does symmetrising touch the named square inputs and leave the rest alone?"""
    symbols = {"A": S(("n", "n")), "B": S(("n", "n")), "x": S(("n",))}
    probe = _probes(symbols, count=1)[0]
    assert square_inputs(symbols, probe) == ("A", "B")
    sym = symmetrised(probe, symbols, ("A",))
    assert np.allclose(sym.values["A"], sym.values["A"].T)
    assert sym.values["B"] is probe.values["B"]

"""Random probe inputs that honour the symbols' shapes, properties and dimension constraints.

A probe gives every dimension name its own size from 3..8 (1 would hide vector/scalar confusion,
2 lets 2 x 2-only identities pass), reshuffled per probe, and every symbol a value drawn by its
declared property. Values are read-only 2-D float arrays: a scalar is 1 x 1, a vector a column.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from autograder.spec import SymbolSpec

SIZES = tuple(range(3, 9))
SCALAR_RANGE = (1.5, 3.0)
SPD_EIGENVALUES = (0.5, 2.0)
POSITIVE_RANGE = (0.5, 2.0)
UNIT_RANGE = (0.05, 0.95)

_CONSTRAINT = re.compile(r"^\s*([A-Za-z_]\w*)\s*([<>])\s*([A-Za-z_]\w*)\s*$")


class ProbeError(ValueError):
    """The symbols or constraints cannot be probed; the message says what to change."""


@dataclass(frozen=True)
class Probe:
    """One point at which expressions are compared: sizes of the dimensions and input values."""

    dims: dict[str, int]
    values: dict[str, np.ndarray]


def parse_constraints(constraints: Iterable[str]) -> tuple[tuple[str, str], ...]:
    """Each constraint as (larger, smaller); only `name > name` and `name < name` are allowed."""
    pairs = []
    for text in constraints:
        match = _CONSTRAINT.match(text) if isinstance(text, str) else None
        if match is None:
            raise ProbeError(
                f"constraint {text!r} is not understood: write a strict inequality between "
                "two dimension names, such as 'm > n'"
            )
        left, op, right = match.groups()
        if left == right:
            raise ProbeError(f"constraint {text!r} compares a dimension with itself")
        pairs.append((left, right) if op == ">" else (right, left))
    return tuple(pairs)


def dimension_names(symbols: Mapping[str, SymbolSpec]) -> tuple[str, ...]:
    """The dimension names the symbols use, in order of first appearance."""
    names: list[str] = []
    for spec in symbols.values():
        for dim in spec.shape:
            if isinstance(dim, str) and dim not in names:
                names.append(dim)
    return tuple(names)


def _order(names: list[str], pairs: tuple[tuple[str, str], ...], rng) -> list[str]:
    """A random ordering of `names`, smallest first, that respects every (larger, smaller)."""
    below = {name: {s for big, s in pairs if big == name} for name in names}
    placed: list[str] = []
    while len(placed) < len(names):
        ready = [n for n in names if n not in placed and below[n] <= set(placed)]
        if not ready:
            raise ProbeError("the constraints contradict each other (they form a cycle)")
        placed.append(ready[int(rng.integers(len(ready)))])
    return placed


def draw_dims(
    names: Iterable[str], pairs: tuple[tuple[str, str], ...], fixed: Iterable[int], rng
) -> dict[str, int]:
    """Distinct sizes for `names`, avoiding the fixed integer sizes, honouring `pairs`."""
    names = list(dict.fromkeys(list(names) + [n for pair in pairs for n in pair]))
    taken = set(fixed)
    pool = [s for s in SIZES if s not in taken]
    top = max(SIZES)
    while len(pool) < len(names):
        top += 1
        if top not in taken:
            pool.append(top)
    chosen = sorted(rng.choice(pool, size=len(names), replace=False).tolist())
    return {name: int(size) for name, size in zip(_order(names, pairs, rng), chosen, strict=True)}


def _orthogonal(n: int, rng) -> np.ndarray:
    q, r = np.linalg.qr(rng.standard_normal((n, n)))
    return q * np.sign(np.diag(r))


def _square_value(spec: SymbolSpec, n: int, rng) -> np.ndarray | None:
    if spec.spd:
        q = _orthogonal(n, rng)
        return (q * rng.uniform(*SPD_EIGENVALUES, size=n)) @ q.T
    if spec.invertible:
        g = rng.standard_normal((n, n))
        antisymmetric = (g - g.T) * (1.5 / np.sqrt(2 * n))
        h = rng.standard_normal((n, n))
        noise = (h + h.T) * (0.1 / np.sqrt(2 * n))
        return 2.0 * np.eye(n) + antisymmetric + noise
    return None


def _draw_value(spec: SymbolSpec, rows: int, cols: int, rng) -> np.ndarray:
    if spec.value is not None:
        return np.array([[float(spec.value)]])
    if spec.ones:
        return np.ones((rows, cols))
    if not spec.shape:
        low, high = UNIT_RANGE if spec.unit_interval else SCALAR_RANGE
        return np.array([[rng.uniform(low, high)]])
    value = _square_value(spec, rows, rng) if rows == cols else None
    if value is not None:
        return (value + value.T) / 2 if spec.symmetric and not spec.spd else value
    if spec.probability:
        value = rng.uniform(0.5, 1.5, size=(rows, cols))
        return value / value.sum(axis=0, keepdims=True)
    if spec.unit_interval:
        value = rng.uniform(*UNIT_RANGE, size=(rows, cols))
    elif spec.positive:
        value = rng.uniform(*POSITIVE_RANGE, size=(rows, cols))
    else:
        value = rng.standard_normal((rows, cols))
    if spec.symmetric:
        value = (value + value.T) / 2
    return value


def _size(dim, dims: Mapping[str, int]) -> int:
    return dim if isinstance(dim, int) else dims[dim]


def draw_probes(
    symbols: Mapping[str, SymbolSpec],
    constraints: Iterable[str],
    rng: np.random.Generator,
    count: int,
) -> list[Probe]:
    """`count` probes for `symbols`, each with fresh sizes honouring `constraints`."""
    pairs = parse_constraints(constraints)
    names = dimension_names(symbols)
    fixed = {d for spec in symbols.values() for d in spec.shape if isinstance(d, int)}
    probes = []
    for _ in range(count):
        dims = draw_dims(names, pairs, fixed, rng)
        values = {}
        for name, spec in symbols.items():
            rows, cols = (_size(d, dims) for d in spec.matrix_shape)
            value = np.ascontiguousarray(_draw_value(spec, rows, cols, rng), dtype=float)
            value.setflags(write=False)
            values[name] = value
        probes.append(Probe(dims, values))
    return probes


def symbols_key(symbols: Mapping[str, SymbolSpec]) -> tuple:
    """A hashable key for a symbol table (for caches)."""
    return tuple(sorted(symbols.items()))


@lru_cache(maxsize=512)
def _cached(key: tuple, constraints: tuple[str, ...], seed: int, count: int) -> tuple[Probe, ...]:
    rng = np.random.default_rng(seed)
    return tuple(draw_probes(dict(key), constraints, rng, count))


def cached_probes(
    symbols: Mapping[str, SymbolSpec], constraints: Iterable[str], seed: int, count: int
) -> tuple[Probe, ...]:
    """The probes of `draw_probes` with `default_rng(seed)`, cached: same inputs, same probes."""
    return _cached(symbols_key(symbols), tuple(constraints), int(seed), int(count))


def symmetrised(probe: Probe, symbols: Mapping[str, SymbolSpec], names: Iterable[str]) -> Probe:
    """`probe` with the square inputs in `names` replaced by their symmetric parts."""
    values = dict(probe.values)
    for name in names:
        value = values[name]
        values[name] = (value + value.T) / 2
    return Probe(probe.dims, values)


def square_inputs(symbols: Mapping[str, SymbolSpec], probe: Probe) -> tuple[str, ...]:
    """The non-symmetric square matrix inputs of a probe (candidates for symmetrising)."""
    return tuple(
        name
        for name, spec in symbols.items()
        if len(spec.shape) == 2
        and not (spec.spd or spec.symmetric or spec.ones)
        and probe.values[name].shape[0] == probe.values[name].shape[1]
    )

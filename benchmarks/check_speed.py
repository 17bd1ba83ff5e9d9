"""How fast and how right `check` is, beside a SymPy-only approach, on (reference, answer) pairs.

Run: python benchmarks/check_speed.py [--repeats N] [--sympy-limit SECONDS]

Every pair is checked at n around 5 (dimension names, sizes drawn from 3..8) and at n around 50
(the same pairs with integer sizes 45..57). For our engine it prints the median and the 99th
percentile time per check, both for a first check of a variant (reference parsed, probed and
evaluated) and for a further answer to the same variant (the prepared reference is cached), and
how many pairs it decides correctly. For SymPy it builds MatrixSymbols, decides by
`(a - b).expand().doit()` compared to zero under a per-pair time limit, and prints its time per
pair and how many pairs it decides correctly.
"""

from __future__ import annotations

import argparse
import signal
import statistics
import time
from dataclasses import dataclass

from autograder.check import check
from autograder.expr import nodes as N
from autograder.expr.parse import ParseFailure, parse
from autograder.expr.shapes import infer_shapes, symbol_shapes
from autograder.spec import CheckRequest, SymbolSpec

SQ = {
    "A": SymbolSpec(("n", "n")),
    "B": SymbolSpec(("n", "n")),
    "x": SymbolSpec(("n",)),
    "y": SymbolSpec(("n",)),
}
INV = {"X": SymbolSpec(("n", "n"), invertible=True), "Y": SymbolSpec(("n", "n"), invertible=True)}
SPD = {"S": SymbolSpec(("n", "n"), spd=True), "x": SymbolSpec(("n",)), "mu": SymbolSpec(("n",))}
RECT = {"A": SymbolSpec(("m", "n")), "x": SymbolSpec(("n",)), "b": SymbolSpec(("m",))}
SOFT = {"z": SymbolSpec(("n",)), "y": SymbolSpec(("n",), probability=True)}

# (symbols, reference, answer, equivalent?)
PAIRS = [
    (SQ, "trace(A @ B)", "trace(B @ A)", True),
    (SQ, "trace(A @ B)", "trace(A.T @ B)", False),
    (SQ, "trace(A @ B @ A.T)", "trace(A.T @ A @ B)", True),
    (SQ, "trace(A.T)", "trace(A)", True),
    (SQ, "(A @ B).T", "B.T @ A.T", True),
    (SQ, "(A @ B).T", "A.T @ B.T", False),
    (INV, "inv(X @ Y)", "inv(Y) @ inv(X)", True),
    (INV, "inv(X @ Y)", "inv(X) @ inv(Y)", False),
    (INV, "inv(X).T", "inv(X.T)", True),
    (INV, "inv(X) @ X", "I(n)", True),
    (INV, "det(X @ Y)", "det(X) * det(Y)", True),
    (INV, "det(X.T)", "det(X)", True),
    (INV, "logdet(X @ Y)", "logdet(X) + logdet(Y)", True),
    (INV, "logdet(inv(X))", "-logdet(X)", True),
    (INV, "logdet(inv(X))", "logdet(X)", False),
    (SQ, "x.T @ A @ x", "x.T @ A.T @ x", True),
    (SQ, "x.T @ A @ x", "x.T @ (A + A.T) @ x / 2", True),
    (SQ, "x.T @ A @ x", "x.T @ A @ A @ x", False),
    (SQ, "(A + A.T) @ x", "A @ x + A.T @ x", True),
    (SQ, "(A + A.T) @ x", "2 * A @ x", False),
    (RECT, "2 * A.T @ (A @ x - b)", "2 * A.T @ A @ x - 2 * A.T @ b", True),
    (RECT, "2 * A.T @ (A @ x - b)", "2 * (A @ x - b).T @ A", False),
    (RECT, "(A @ x - b).T @ (A @ x - b)", "x.T @ A.T @ A @ x - 2 * b.T @ A @ x + b.T @ b", True),
    (RECT, "(A @ x - b).T @ (A @ x - b)", "x.T @ A.T @ A @ x - 2 * b.T @ A @ x", False),
    (SQ, "trace(x @ x.T @ A)", "x.T @ A @ x", True),
    (SQ, "trace(A @ x @ y.T)", "y.T @ A @ x", True),
    (SQ, "trace(A @ x @ y.T)", "x.T @ A @ y", False),
    (SQ, "hadamard(A, B)", "hadamard(B, A)", True),
    (SQ, "hadamard(A, B).T", "hadamard(A.T, B.T)", True),
    (SQ, "hadamard(A, B)", "A @ B", False),
    (SQ, "sum(hadamard(A, B))", "trace(A.T @ B)", True),
    (SQ, "sum(hadamard(A, B))", "trace(A @ B)", False),
    (SOFT, "-y.T @ log(softmax(z))", "log(sum(exp(z))) - y.T @ z", True),
    (SOFT, "softmax(z)", "exp(z) / sum(exp(z))", True),
    (SOFT, "softmax(z)", "exp(z)", False),
    (SOFT, "softmax(z) - y", "exp(z) / sum(exp(z)) - y", True),
    (SOFT, "1 - sigmoid(z)", "sigmoid(-z)", True),
    (SOFT, "sigmoid(z)", "exp(z)", False),
    (SOFT, "hadamard(sigmoid(z), 1 - sigmoid(z))", "hadamard(sigmoid(z), sigmoid(-z))", True),
    (
        SPD,
        "(x - mu).T @ inv(S) @ (x - mu)",
        "x.T @ inv(S) @ x - 2 * mu.T @ inv(S) @ x + mu.T @ inv(S) @ mu",
        True,
    ),
    (SPD, "(x - mu).T @ inv(S) @ (x - mu)", "x.T @ inv(S) @ x - mu.T @ inv(S) @ mu", False),
    (SPD, "inv(S) @ (x - mu)", "inv(S) @ x - inv(S) @ mu", True),
    (
        SPD,
        "(inv(S) @ (x - mu) @ (x - mu).T @ inv(S) - inv(S)) / 2",
        "-inv(S) / 2 + inv(S) @ (x - mu) @ (x - mu).T @ inv(S) / 2",
        True,
    ),
    (SPD, "inv(S).T", "inv(S)", True),
    (SPD, "S.T", "S", True),
    (SPD, "inv(S) @ (x - mu)", "inv(S) @ (mu - x)", False),
    (INV, "inv(X + Y)", "inv(X) + inv(Y)", False),
    (INV, "inv(X + Y) @ (X + Y)", "I(n)", True),
    (INV, "X @ inv(Y @ X)", "inv(Y)", True),
    (SQ, "(A @ B) @ (A @ B)", "A @ B @ A @ B", True),
    (SQ, "(A @ B) @ (A @ B)", "A @ A @ B @ B", False),
    (SQ, "(A + B) @ (A + B)", "A @ A + 2 * A @ B + B @ B", False),
    (SQ, "(A + B) @ (A + B)", "A @ A + A @ B + B @ A + B @ B", True),
    (SQ, "exp(trace(A)) * I(n)", "exp(trace(A.T)) * I(n)", True),
    (SQ, "norm_fro(A) ** 2", "trace(A.T @ A)", True),
    (SQ, "norm_fro(A @ x)", "sqrt(x.T @ A.T @ A @ x)", True),
    (SQ, "diag(x) @ y", "hadamard(x, y)", True),
    (SQ, "diag(x) @ y", "diag(y) @ x", True),
    (SQ, "trace(diag(x))", "sum(x)", True),
    (SQ, "ones(n).T @ x", "sum(x)", True),
    (SQ, "x.T @ y", "y.T @ x", True),
    (SQ, "x @ y.T", "y @ x.T", False),
    (SQ, "A @ x - x", "(A - I(n)) @ x", True),
    (SQ, "A @ x - x", "(A - I(n)) @ x + x", False),
]

LARGE = {"n": 50, "m": 57}


def _large(symbols: dict[str, SymbolSpec]) -> dict[str, SymbolSpec]:
    from dataclasses import replace

    return {
        name: replace(spec, shape=tuple(LARGE.get(d, d) for d in spec.shape))
        for name, spec in symbols.items()
    }


def _large_text(text: str) -> str:
    return text.replace("I(n)", "I(50)").replace("ones(n)", "ones(50)")


@dataclass(frozen=True)
class Case:
    symbols: dict[str, SymbolSpec]
    reference: str
    answer: str
    same: bool
    constraints: tuple[str, ...]


def cases(large: bool) -> list[Case]:
    out = []
    for symbols, reference, answer, same in PAIRS:
        uses_m = any("m" in spec.shape for spec in symbols.values())
        if large:
            out.append(Case(_large(symbols), _large_text(reference), _large_text(answer), same, ()))
        else:
            out.append(Case(symbols, reference, answer, same, ("m > n",) if uses_m else ()))
    return out


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def run_engine(batch: list[Case], repeats: int) -> tuple[list[float], list[float], int]:
    first, again, right = [], [], 0
    for index, case in enumerate(batch):
        verdicts = []
        for seed in range(repeats):
            request = CheckRequest(
                case.symbols,
                expected=case.reference,
                constraints=case.constraints,
                seed=1000 * index + seed,
            )
            start = time.perf_counter()
            result = check(request, case.answer)
            first.append(time.perf_counter() - start)
            start = time.perf_counter()
            check(request, case.answer)
            again.append(time.perf_counter() - start)
            verdicts.append(result.correct)
            if result.diagnosis == "error":
                print(f"  request error on {case.reference!r}: {result.feedback}")
        right += all(v == case.same for v in verdicts)
    return first, again, right


class _Timeout(Exception):
    pass


def _to_sympy(node: N.Node, shapes: dict, symbols, sp):
    def dim(d):
        return d if isinstance(d, int) else sp.Symbol(d, integer=True, positive=True)

    def matrix(e) -> bool:
        return isinstance(e, sp.MatrixExpr)

    def scalar_of(e):
        return e[0, 0] if matrix(e) and e.shape == (1, 1) else e

    def go(n: N.Node):
        if isinstance(n, N.Symbol):
            spec = symbols[n.name]
            if not spec.shape:
                return sp.Symbol(n.name)
            rows, cols = spec.matrix_shape
            return sp.MatrixSymbol(n.name, dim(rows), dim(cols))
        if isinstance(n, N.Number):
            return sp.nsimplify(n.value)
        if isinstance(n, N.Identity):
            return sp.Identity(dim(shapes[id(n)][0]))
        if isinstance(n, N.Ones):
            rows, cols = shapes[id(n)]
            return sp.OneMatrix(dim(rows), dim(cols))
        if isinstance(n, (N.Add, N.Sub)):
            left, right = go(n.left), go(n.right)
            if matrix(left) != matrix(right):
                left, right = scalar_of(left), scalar_of(right)
            return left + right if isinstance(n, N.Add) else left - right
        if isinstance(n, N.Neg):
            return -go(n.operand)
        if isinstance(n, (N.Mul, N.MatMul)):
            left, right = go(n.left), go(n.right)
            if shapes[id(n.left)] == (1, 1) or shapes[id(n.right)] == (1, 1):
                return scalar_of(left) * scalar_of(right)
            return left * right
        if isinstance(n, N.Div):
            return go(n.left) * (1 / scalar_of(go(n.right)))
        if isinstance(n, N.Pow):
            base = go(n.base)
            exponent = sp.nsimplify(n.exponent)
            return (
                sp.MatPow(base, exponent)
                if matrix(base) and base.shape != (1, 1)
                else (scalar_of(base) ** exponent)
            )
        if isinstance(n, N.Transpose):
            return go(n.operand).T
        if isinstance(n, N.Call):
            args = [go(a) for a in n.args]
            return _sympy_call(n.func, args, sp, scalar_of, matrix)
        raise TypeError(n)

    return go(node)


def _sympy_call(func: str, args, sp, scalar_of, matrix):
    from sympy.matrices.expressions.applyfunc import ElementwiseApplyFunction

    (a, *rest) = args
    t = sp.Dummy("t")
    if func == "inv":
        return sp.Inverse(a)
    if func == "det":
        return sp.Determinant(a)
    if func == "logdet":
        return sp.log(sp.Abs(sp.Determinant(a)))
    if func == "trace":
        return sp.Trace(a)
    if func == "hadamard":
        return sp.HadamardProduct(a, rest[0])
    if func == "sum":
        rows, cols = a.shape
        return (sp.OneMatrix(1, rows) * a * sp.OneMatrix(cols, 1))[0, 0]
    if func == "norm_fro":
        return sp.sqrt(sp.Trace(a.T * a))
    functions = {
        "exp": sp.exp,
        "log": sp.log,
        "sqrt": sp.sqrt,
        "sigmoid": sp.Lambda(t, 1 / (1 + sp.exp(-t))),
    }
    if func in functions:
        if not matrix(a) or a.shape == (1, 1):
            return functions[func](scalar_of(a))
        f = functions[func]
        return ElementwiseApplyFunction(f if isinstance(f, sp.Lambda) else sp.Lambda(t, f(t)), a)
    if func == "diag":
        return sp.DiagMatrix(a) if a.shape[1] == 1 else sp.DiagonalMatrix(a)
    raise NotImplementedError(f"SymPy has no matrix-expression form of {func}")


def _sympy_decision(case: Case, sp) -> str:
    names = tuple(case.symbols)
    trees = [parse(t, names, ("n", "m")) for t in (case.reference, case.answer)]
    if any(isinstance(t, ParseFailure) for t in trees):
        return "undecided"
    a, b = (
        _to_sympy(t.node, infer_shapes(t.node, symbol_shapes(case.symbols)), case.symbols, sp)
        for t in trees
    )
    if getattr(a, "shape", None) != getattr(b, "shape", None):
        return "different"
    difference = (a - b).expand().doit()
    zero = difference == 0 or isinstance(difference, sp.ZeroMatrix) or difference.is_zero
    return "same" if zero else "different"


def sympy_decides(case: Case, sp, limit: float) -> str:
    """'same', 'different' or 'undecided' (error or time-out), by (a - b).expand().doit()."""

    def stop(signum, frame):
        raise _Timeout

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, limit)
    try:
        return _sympy_decision(case, sp)
    except _Timeout:
        return "undecided"
    except Exception:  # noqa: BLE001 - SymPy raising, or unable to hold a tree, is not deciding
        return "undecided"
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run_sympy(batch: list[Case], limit: float) -> tuple[list[float], int, dict[str, int]]:
    import sympy as sp

    times, right = [], 0
    misses = {"undecided": 0, "missed equivalences": 0, "false equalities": 0}
    for case in batch:
        start = time.perf_counter()
        decision = sympy_decides(case, sp, limit)
        times.append(time.perf_counter() - start)
        if decision == "undecided":
            misses["undecided"] += 1
        elif decision == "different" and case.same:
            misses["missed equivalences"] += 1
        elif decision == "same" and not case.same:
            misses["false equalities"] += 1
        else:
            right += 1
    return times, right, misses


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5, help="variants (seeds) per pair")
    parser.add_argument("--sympy-limit", type=float, default=2.0, help="SymPy seconds per pair")
    args = parser.parse_args()
    check(CheckRequest(SQ, expected="A @ x"), "A x")  # warm up imports
    print(
        f"{len(PAIRS)} pairs ({sum(p[3] for p in PAIRS)} equivalent), "
        f"{args.repeats} variants each, one process"
    )
    for label, large in (("n ~ 5 (sizes 3..8)", False), ("n ~ 50 (sizes 50, 57)", True)):
        batch = cases(large)
        first, again, right = run_engine(batch, args.repeats)
        times, sympy_right, misses = run_sympy(batch, args.sympy_limit)
        print(f"\n{label}")
        print(
            f"  engine, first check of a variant: median {ms(statistics.median(first))}, "
            f"p99 {ms(percentile(first, 99))}"
        )
        print(
            f"  engine, next answer, same variant: median {ms(statistics.median(again))}, "
            f"p99 {ms(percentile(again, 99))}"
        )
        print(f"  engine decides correctly: {right}/{len(batch)} pairs (all variants)")
        print(
            f"  sympy (a - b).expand().doit(): median {ms(statistics.median(times))} per pair, "
            f"p99 {ms(percentile(times, 99))}, decides correctly {sympy_right}/{len(batch)} "
            f"({', '.join(f'{v} {k}' for k, v in misses.items())}; "
            f"undecided = error, no SymPy form, or over {args.sympy_limit:g} s)"
        )


if __name__ == "__main__":
    main()

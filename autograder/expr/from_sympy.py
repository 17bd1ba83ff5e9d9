"""SymPy expressions to trees, by walking them: nothing is printed and parsed again.

SymPy is imported inside the function, so that importing this module stays cheap.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from autograder.expr.nodes import (
    Add,
    Call,
    Identity,
    MatMul,
    Mul,
    Neg,
    Node,
    Number,
    Ones,
    Pow,
    Sub,
    Symbol,
    Transpose,
    inverse,
)
from autograder.expr.parse import (
    MAX_EXPONENT,
    MAX_NODES,
    MAX_TREE_DEPTH,
    ParseFailure,
    ParseSuccess,
)
from autograder.expr.rewrite import MAX_NUMBER
from autograder.expr.tokens import Rejected


def from_sympy(obj: object, symbols: Iterable[str] | None = None) -> ParseSuccess | ParseFailure:
    """The tree of a SymPy (matrix) expression; `symbols` None accepts any symbol name."""
    import sympy

    try:
        expr = obj
        if isinstance(obj, int | float) and not isinstance(obj, bool):
            expr = sympy.Integer(obj) if isinstance(obj, int) else sympy.Float(obj)
        if not isinstance(expr, sympy.Basic):
            return ParseFailure(f"not a SymPy expression: {type(obj).__name__}", 0)
        walker = _Walker(sympy, None if symbols is None else frozenset(symbols))
        return ParseSuccess(walker.node(expr, 0))
    except Rejected as rejected:
        return ParseFailure(rejected.message, 0)
    except RecursionError:
        return ParseFailure("the expression is nested too deeply", 0)


class _Walker:
    def __init__(self, sympy, symbols: frozenset[str] | None) -> None:
        self.sp = sympy
        self.symbols = symbols
        self.count = 0

    def node(self, expr, depth: int) -> Node:
        self.count += 1
        if self.count > MAX_NODES or depth > MAX_TREE_DEPTH:
            raise Rejected(f"the expression is too large: more than {MAX_NODES} parts", 0)
        sp = self.sp
        if isinstance(expr, (sp.MatrixSymbol, sp.Symbol)):
            return self.symbol(expr.name)
        if isinstance(expr, sp.Number) or expr in (sp.pi, sp.E):
            return self.number(expr)
        if isinstance(expr, (sp.Add, sp.MatAdd)):
            return self.sum(expr.args, depth)
        if isinstance(expr, (sp.Mul, sp.MatMul)):
            return self.product(expr.args, depth)
        if isinstance(expr, sp.Inverse):
            return inverse(self.node(expr.arg, depth + 1))
        if isinstance(expr, (sp.Pow, sp.MatPow)):
            return self.power(expr, depth)
        if isinstance(expr, sp.Transpose):
            return Transpose(self.node(expr.arg, depth + 1))
        if isinstance(expr, sp.Identity):
            return Identity(self.size(expr.rows))
        if isinstance(expr, sp.OneMatrix):
            return Ones(self.size(expr.rows), self.size(expr.cols))
        if isinstance(expr, sp.ZeroMatrix):
            return Mul(Number(0.0), Ones(self.size(expr.rows), self.size(expr.cols)))
        if isinstance(expr, sp.HadamardProduct):
            args = [self.node(arg, depth + 1) for arg in expr.args]
            result = args[0]
            for arg in args[1:]:
                result = Call("hadamard", (result, arg))
            return result
        name = _FUNCTIONS.get(type(expr).__name__)
        if name is not None and len(expr.args) == 1:
            return Call(name, (self.node(expr.args[0], depth + 1),))
        raise Rejected(f"SymPy's {type(expr).__name__} is not part of the expression language", 0)

    def symbol(self, name: str) -> Node:
        if self.symbols is not None and name not in self.symbols:
            declared = ", ".join(sorted(self.symbols)) or "none"
            raise Rejected(f"'{name}' is not a symbol here: the symbols are {declared}", 0)
        return Symbol(name)

    def number(self, expr) -> Node:
        if not expr.is_real or not expr.is_finite:
            raise Rejected(f"the number {expr} is not a finite real number", 0)
        value = float(expr)
        if not math.isfinite(value) or abs(value) > MAX_NUMBER:
            raise Rejected(f"the number {value:.3g} is too large", 0)
        return Neg(Number(-value)) if value < 0 else Number(value)

    def size(self, dim) -> str | int:
        if isinstance(dim, self.sp.Symbol):
            return dim.name
        if isinstance(dim, self.sp.Integer) and int(dim) >= 1:
            return int(dim)
        raise Rejected(f"the size {dim} is neither a dimension name nor a whole number", 0)

    def sum(self, args, depth: int) -> Node:
        """Terms with a plus sign first, as written (SymPy sorts `A - B` as -B + A)."""
        terms = [(arg, self.negated(arg)) for arg in args]
        terms.sort(key=lambda term: term[1] is not None)
        result = self.node(terms[0][0], depth + 1)
        for arg, positive in terms[1:]:
            if positive is None:
                result = Add(result, self.node(arg, depth + 1))
            else:
                result = Sub(result, self.node(positive, depth + 1))
        return result

    def negated(self, term):
        """`-term` when the term carries a negative constant factor, else None."""
        sp = self.sp
        if isinstance(term, sp.Number) and term < 0:
            return -term
        if isinstance(term, (sp.Mul, sp.MatMul)) and isinstance(term.args[0], sp.Number):
            if term.args[0] < 0:
                rest = term.args[1:]
                factor = -term.args[0]
                return type(term)(*rest) if factor == 1 else type(term)(factor, *rest)
        return None

    def product(self, args, depth: int) -> Node:
        sp = self.sp
        if isinstance(args[0], sp.Number) and args[0] == -1 and len(args) > 1:
            return Neg(self.product(args[1:], depth))
        factors = [
            (self.node(arg, depth + 1), bool(getattr(arg, "is_Matrix", False))) for arg in args
        ]
        result, result_is_matrix = factors[0]
        for factor, is_matrix in factors[1:]:
            both = result_is_matrix and is_matrix
            result = MatMul(result, factor) if both else Mul(result, factor)
            result_is_matrix = result_is_matrix or is_matrix
        return result

    def power(self, expr, depth: int) -> Node:
        base, exponent = expr.args
        if not isinstance(exponent, self.sp.Number) or not exponent.is_real:
            raise Rejected(f"the exponent {exponent} is not a constant number", 0)
        value = float(exponent)
        if abs(value) > MAX_EXPONENT:
            raise Rejected(f"the exponent {exponent} is too large: at most {MAX_EXPONENT}", 0)
        if value == 0.5 and not getattr(base, "is_Matrix", False):
            return Call("sqrt", (self.node(base, depth + 1),))
        return Pow(self.node(base, depth + 1), value)


# SymPy classes that are functions of the language, by class name.
_FUNCTIONS = {
    "Trace": "trace",
    "Determinant": "det",
    "exp": "exp",
    "log": "log",
    "Abs": "abs",
    "DiagMatrix": "diag",
    "DiagonalMatrix": "diag",
}

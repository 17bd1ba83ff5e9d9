"""Trees as LaTeX, for display only: through SymPy when it can hold the tree, else our own printer.

SymPy treats every symbol as an n x n MatrixSymbol here (display needs no shapes). Entrywise
functions of matrices, and sums of a scalar and a matrix, have no faithful SymPy form (SymPy
would reorder a function of a matrix as if it were a scalar): those trees use the plain printer.
"""

from __future__ import annotations

from fractions import Fraction

from autograder.expr.names import GREEK_NAMES
from autograder.expr.nodes import (
    Add,
    Call,
    Div,
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
)

# Display names of symbols spelled differently from their Greek letter.
_DISPLAY_NAMES = {"lam": "lambda", "lmbda": "lambda", "eps": "epsilon"}


class Unrepresentable(Exception):
    """A tree SymPy cannot hold faithfully."""


def to_latex(node: Node) -> str:
    """LaTeX for a tree: SymPy's printer when it can hold the tree, else a plain printer."""
    try:
        import sympy

        return sympy.latex(_ToSympy(sympy).convert(node), order="none")
    except Exception:  # noqa: BLE001 - display only: any SymPy trouble falls back to ours
        return plain_latex(node)


class _ToSympy:
    def __init__(self, sympy) -> None:
        self.sp = sympy
        self.size = sympy.Symbol("n")

    def convert(self, node: Node):
        sp = self.sp
        if isinstance(node, Symbol):
            return sp.MatrixSymbol(_DISPLAY_NAMES.get(node.name, node.name), self.size, self.size)
        if isinstance(node, Number):
            return _rational(sp, node.value)
        if isinstance(node, Identity):
            return sp.Identity(self.size)
        if isinstance(node, Ones):
            return sp.OneMatrix(self.size, self.size)
        if isinstance(node, Call):
            return self.call(node)
        if isinstance(node, Transpose):
            operand = self.convert(node.operand)
            return sp.Transpose(operand) if operand.is_Matrix else operand
        if isinstance(node, Neg):
            operand = self.convert(node.operand)
            return -operand if isinstance(operand, sp.Number) else self.product(-1, operand)
        if isinstance(node, Pow):
            base, exponent = self.convert(node.base), _rational(sp, node.exponent)
            if base.is_Matrix:
                return sp.MatPow(base, exponent)
            return sp.Pow(base, exponent, evaluate=False)
        left, right = self.convert(node.left), self.convert(node.right)  # type: ignore[attr-defined]
        if isinstance(node, (Add, Sub)):
            if isinstance(node, Sub):
                right = self.product(sp.Integer(-1), right)
            if left.is_Matrix != right.is_Matrix:
                raise Unrepresentable("a scalar added to a matrix")
            terms = [*self.terms(left), *self.terms(right)]
            if left.is_Matrix:
                return sp.MatAdd(*terms)
            return sp.Add(*terms, evaluate=False)
        if isinstance(node, Div):
            reciprocal = sp.Pow(right, -1, evaluate=False)
            if left.is_Matrix:
                return self.product(reciprocal, left)
            return self.product(left, reciprocal)
        if isinstance(node, (Mul, MatMul)):
            return self.product(left, right)
        raise Unrepresentable(type(node).__name__)

    def product(self, left, right):
        """A flat product: SymPy prints MatMul(MatMul(a, b), c) with needless brackets."""
        sp = self.sp
        factors = [*self.factors(sp.sympify(left)), *self.factors(right)]
        if any(factor.is_Matrix for factor in factors):
            return sp.MatMul(*factors)
        return sp.Mul(*factors, evaluate=False)

    def factors(self, expr) -> tuple:
        return expr.args if isinstance(expr, (self.sp.Mul, self.sp.MatMul)) else (expr,)

    def terms(self, expr) -> tuple:
        return expr.args if isinstance(expr, (self.sp.Add, self.sp.MatAdd)) else (expr,)

    def call(self, node: Call):
        sp = self.sp
        args = [self.convert(arg) for arg in node.args]
        arg = args[0]
        if node.func == "inv":
            return sp.Inverse(arg) if arg.is_Matrix else sp.Pow(arg, -1, evaluate=False)
        if node.func == "trace" and arg.is_Matrix:
            return sp.Trace(arg)
        if node.func == "det" and arg.is_Matrix:
            return sp.Determinant(arg)
        if node.func == "hadamard":
            if not (args[0].is_Matrix and args[1].is_Matrix):
                raise Unrepresentable("a Hadamard product with a scalar")
            return sp.HadamardProduct(*args)
        if arg.is_Matrix and node.func not in ("logdet", "sum", "norm_fro"):
            raise Unrepresentable(f"{node.func} of a matrix")
        latex = _CALL_LATEX[node.func]
        function = type(node.func, (sp.Function,), {"_latex": _latex_method(latex)})
        return function(arg)


def _latex_method(template: str):
    def _latex(self, printer) -> str:
        return template.format(printer._print(self.args[0]))

    return _latex


def _rational(sp, value: float):
    fraction = Fraction(value).limit_denominator(1000)
    if abs(float(fraction) - value) <= 1e-12 * max(1.0, abs(value)):
        return sp.Rational(fraction.numerator, fraction.denominator)
    return sp.Float(value)


# Plain printer -----------------------------------------------------------------------------

_CALL_LATEX = {
    "det": r"\det\left({}\right)",
    "logdet": r"\log\left|\det {}\right|",
    "trace": r"\operatorname{{tr}}\left({}\right)",
    "diag": r"\operatorname{{diag}}\left({}\right)",
    "sum": r"\operatorname{{sum}}\left({}\right)",
    "exp": r"\exp\left({}\right)",
    "log": r"\log\left({}\right)",
    "sqrt": r"\sqrt{{{}}}",
    "abs": r"\left|{}\right|",
    "sigmoid": r"\sigma\left({}\right)",
    "softmax": r"\operatorname{{softmax}}\left({}\right)",
    "norm_fro": r"\left\|{}\right\|_F",
}

_ADD, _MUL, _UNARY, _POW, _ATOM = 1, 2, 3, 4, 5


def plain_latex(node: Node) -> str:
    """LaTeX for any tree, written directly (no SymPy)."""
    return _plain(node)[0]


def _plain(node: Node) -> tuple[str, int]:
    """The LaTeX of `node` and how tightly it binds."""
    if isinstance(node, Symbol):
        name = _DISPLAY_NAMES.get(node.name, node.name)
        head, _, tail = name.partition("_")
        head = f"\\{head}" if head in GREEK_NAMES else head
        return (f"{head}_{{{tail}}}" if tail else head), _ATOM
    if isinstance(node, Number):
        value = node.value
        return (str(int(value)) if value.is_integer() else repr(value)), _ATOM
    if isinstance(node, Identity):
        return ("I" if node.size is None else f"I_{{{node.size}}}"), _ATOM
    if isinstance(node, Ones):
        return r"\mathbf{1}", _ATOM
    if isinstance(node, Transpose):
        return f"{_wrap(node.operand, _ATOM)}^{{T}}", _POW
    if isinstance(node, Pow):
        exponent = plain_latex(Number(node.exponent)) if node.exponent >= 0 else None
        exponent = exponent or f"-{plain_latex(Number(-node.exponent))}"
        return f"{_wrap(node.base, _ATOM)}^{{{exponent}}}", _POW
    if isinstance(node, Neg):
        return f"-{_wrap(node.operand, _UNARY)}", _UNARY
    if isinstance(node, Call):
        return _plain_call(node)
    if isinstance(node, (Add, Sub)):
        sign = "+" if isinstance(node, Add) else "-"
        return f"{_wrap(node.left, _ADD)} {sign} {_wrap(node.right, _MUL)}", _ADD
    if isinstance(node, Div):
        return f"\\frac{{{plain_latex(node.left)}}}{{{plain_latex(node.right)}}}", _ATOM
    if isinstance(node, (Mul, MatMul)):
        left, right = _wrap(node.left, _MUL), _wrap(node.right, _UNARY)
        joint = r" \cdot " if right[:1].isdigit() or right.startswith("-") else " "
        return f"{left}{joint}{right}", _MUL
    raise TypeError(f"not an expression node: {node!r}")


def _plain_call(node: Call) -> tuple[str, int]:
    if node.func == "hadamard":
        left, right = (_wrap(arg, _UNARY) for arg in node.args)
        return f"{left} \\odot {right}", _MUL
    if node.func == "inv":
        return f"{_wrap(node.args[0], _ATOM)}^{{-1}}", _POW
    return _CALL_LATEX[node.func].format(plain_latex(node.args[0])), _ATOM


def _wrap(node: Node, minimum: int) -> str:
    text, binding = _plain(node)
    return f"\\left({text}\\right)" if binding < minimum else text

"""The expression tree that every answer, solution and objective is parsed into.

Nodes are frozen and hashable. `to_text` prints the canonical Python spelling of DESIGN.md.
"""

from __future__ import annotations

from dataclasses import dataclass

from autograder.spec import Dim

# Functions of the expression language and their arities. Entrywise ones keep the shape.
UNARY_FUNCTIONS = (
    "inv",
    "det",
    "logdet",
    "trace",
    "diag",
    "sum",
    "exp",
    "log",
    "sqrt",
    "abs",
    "sigmoid",
    "softmax",
    "norm_fro",
)
BINARY_FUNCTIONS = ("hadamard",)
ENTRYWISE = ("exp", "log", "sqrt", "abs", "sigmoid")
SCALAR_VALUED = ("det", "logdet", "trace", "sum", "norm_fro")


class Node:
    """Base of all expression nodes."""

    __slots__ = ()

    def children(self) -> tuple[Node, ...]:
        return ()


@dataclass(frozen=True, slots=True)
class Symbol(Node):
    name: str


@dataclass(frozen=True, slots=True)
class Number(Node):
    value: float


@dataclass(frozen=True, slots=True)
class Identity(Node):
    """The identity matrix; `size` None means: as large as the context needs."""

    size: Dim | None = None


@dataclass(frozen=True, slots=True)
class Ones(Node):
    """A matrix of ones, `rows` x `cols`; None sizes are taken from the context."""

    rows: Dim | None = None
    cols: Dim | None = 1


@dataclass(frozen=True, slots=True)
class Add(Node):
    left: Node
    right: Node

    def children(self) -> tuple[Node, ...]:
        return (self.left, self.right)


@dataclass(frozen=True, slots=True)
class Sub(Node):
    left: Node
    right: Node

    def children(self) -> tuple[Node, ...]:
        return (self.left, self.right)


@dataclass(frozen=True, slots=True)
class Neg(Node):
    operand: Node

    def children(self) -> tuple[Node, ...]:
        return (self.operand,)


@dataclass(frozen=True, slots=True)
class Mul(Node):
    """`*`: scaling when either side is a scalar, the matrix product otherwise."""

    left: Node
    right: Node

    def children(self) -> tuple[Node, ...]:
        return (self.left, self.right)


@dataclass(frozen=True, slots=True)
class MatMul(Node):
    """`@`: the matrix product; a scalar (1 x 1) side scales."""

    left: Node
    right: Node

    def children(self) -> tuple[Node, ...]:
        return (self.left, self.right)


@dataclass(frozen=True, slots=True)
class Div(Node):
    """Division by a scalar."""

    left: Node
    right: Node

    def children(self) -> tuple[Node, ...]:
        return (self.left, self.right)


@dataclass(frozen=True, slots=True)
class Pow(Node):
    """A constant power: any on a scalar, a small integer on a square matrix."""

    base: Node
    exponent: float

    def children(self) -> tuple[Node, ...]:
        return (self.base,)


@dataclass(frozen=True, slots=True)
class Transpose(Node):
    operand: Node

    def children(self) -> tuple[Node, ...]:
        return (self.operand,)


@dataclass(frozen=True, slots=True)
class Call(Node):
    """A function of the language applied to its arguments."""

    func: str
    args: tuple[Node, ...]

    def children(self) -> tuple[Node, ...]:
        return self.args


def inverse(node: Node) -> Call:
    """The inverse of `node`."""
    return Call("inv", (node,))


def walk(node: Node):
    """Every node of the tree, parents before children."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(current.children()))


def symbols_in(node: Node) -> set[str]:
    """The names of the symbols a tree uses."""
    return {n.name for n in walk(node) if isinstance(n, Symbol)}


def count_nodes(node: Node) -> int:
    return sum(1 for _ in walk(node))


def map_tree(node: Node, leaf) -> Node:
    """The tree rebuilt bottom-up, with every leaf replaced by `leaf(leaf_node)`."""
    if isinstance(node, (Symbol, Number, Identity, Ones)):
        return leaf(node)
    if isinstance(node, Pow):
        return Pow(map_tree(node.base, leaf), node.exponent)
    if isinstance(node, Call):
        return Call(node.func, tuple(map_tree(a, leaf) for a in node.args))
    if isinstance(node, (Neg, Transpose)):
        return type(node)(map_tree(node.operand, leaf))
    return type(node)(map_tree(node.left, leaf), map_tree(node.right, leaf))


def rename(node: Node, names: dict[str, str]) -> Node:
    """The same tree with symbols renamed by `names` (others unchanged)."""

    def leaf(n: Node) -> Node:
        return Symbol(names.get(n.name, n.name)) if isinstance(n, Symbol) else n

    return map_tree(node, leaf)


# Canonical printing. Precedence follows Python's: higher binds tighter.
_PREC_ADD, _PREC_MUL, _PREC_UNARY, _PREC_POW, _PREC_ATOM = 1, 2, 3, 4, 5


def _format_number(value: float) -> str:
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def _precedence(node: Node) -> int:
    if isinstance(node, (Add, Sub)):
        return _PREC_ADD
    if isinstance(node, (Mul, MatMul, Div)):
        return _PREC_MUL
    if isinstance(node, Neg):
        return _PREC_UNARY
    if isinstance(node, Pow):
        return _PREC_POW
    if isinstance(node, Number) and node.value < 0:
        return _PREC_UNARY
    return _PREC_ATOM


def _wrap(node: Node, minimum: int) -> str:
    text = to_text(node)
    return f"({text})" if _precedence(node) < minimum else text


def _dim_text(dim: Dim | None) -> str:
    return str(dim)


def to_text(node: Node) -> str:
    """The canonical Python spelling of a tree."""
    if isinstance(node, Symbol):
        return node.name
    if isinstance(node, Number):
        return _format_number(node.value)
    if isinstance(node, Identity):
        return "I" if node.size is None else f"I({_dim_text(node.size)})"
    if isinstance(node, Ones):
        if node.rows is None:
            return "ones"
        if node.cols == 1:
            return f"ones({_dim_text(node.rows)})"
        return f"ones({_dim_text(node.rows)}, {_dim_text(node.cols)})"
    if isinstance(node, Add):
        return f"{_wrap(node.left, _PREC_ADD)} + {_wrap(node.right, _PREC_MUL)}"
    if isinstance(node, Sub):
        return f"{_wrap(node.left, _PREC_ADD)} - {_wrap(node.right, _PREC_MUL)}"
    if isinstance(node, Neg):
        return f"-{_wrap(node.operand, _PREC_UNARY)}"
    if isinstance(node, (Mul, MatMul, Div)):
        op = {Mul: "*", MatMul: "@", Div: "/"}[type(node)]
        return f"{_wrap(node.left, _PREC_MUL)} {op} {_wrap(node.right, _PREC_UNARY)}"
    if isinstance(node, Pow):
        exponent = _format_number(node.exponent)
        if node.exponent < 0:
            exponent = f"({exponent})"
        return f"{_wrap(node.base, _PREC_ATOM)} ** {exponent}"
    if isinstance(node, Transpose):
        return f"{_wrap(node.operand, _PREC_ATOM)}.T"
    if isinstance(node, Call):
        return f"{node.func}({', '.join(to_text(a) for a in node.args)})"
    raise TypeError(f"not an expression node: {node!r}")

"""Shape inference over symbolic dimensions, and the canonical form that needs shapes.

A scalar is 1 x 1 and a vector a column. An identity or a ones-vector written without a size
(`I`, `ones`) takes its size from the context, by unification.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from autograder.expr.nodes import (
    ENTRYWISE,
    SCALAR_VALUED,
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
    to_text,
    walk,
)
from autograder.spec import Dim, SymbolSpec

MAX_MATRIX_POWER = 8
"""The largest |k| in X ** k for a square matrix X."""


class ShapeError(ValueError):
    """The expression is undefined for the declared shapes; the message says why."""


@dataclass(frozen=True, slots=True)
class _Var:
    """A dimension not known yet (the size of a bare `I` or `ones`)."""

    index: int


Shape = tuple[Dim, Dim]


def describe_shape(shape: tuple) -> str:
    """A shape in words: 'a scalar', 'n x 1'."""
    rows, cols = shape
    if rows == 1 and cols == 1:
        return "a scalar"
    return f"{_dim_name(rows)} x {_dim_name(cols)}"


def _dim_name(dim) -> str:
    return "?" if isinstance(dim, _Var) else str(dim)


def _quote(node: Node) -> str:
    text = to_text(node)
    return text if len(text) <= 40 else text[:37] + "..."


class _Inference:
    """One pass of shape inference; records every node's shape by identity."""

    def __init__(self, shapes_of: Mapping[str, Shape], sizes: Mapping[str, int] | None = None):
        self.shapes_of = shapes_of
        self.sizes = sizes or {}
        self.parent: dict[int, Dim | _Var] = {}
        self.count = 0
        self.recorded: dict[int, tuple] = {}

    def fresh(self) -> _Var:
        self.count += 1
        return _Var(self.count)

    def find(self, dim):
        while isinstance(dim, _Var) and dim.index in self.parent:
            dim = self.parent[dim.index]
        return dim

    def unify(self, a, b) -> bool:
        a, b = self.find(a), self.find(b)
        if a == b:
            return True
        if isinstance(a, _Var):
            self.parent[a.index] = b
            return True
        if isinstance(b, _Var):
            self.parent[b.index] = a
            return True
        return False

    def resolve(self, shape: tuple) -> tuple:
        return (self.find(shape[0]), self.find(shape[1]))

    def is_scalar(self, shape: tuple) -> bool:
        rows, cols = self.resolve(shape)
        return rows == 1 and cols == 1

    def shape(self, node: Node) -> tuple:
        result = self._shape(node)
        self.recorded[id(node)] = result
        return result

    def _say(self, node: Node) -> str:
        return f"{_quote(node)} is {describe_shape(self.resolve(self.recorded[id(node)]))}"

    def _shape(self, node: Node) -> tuple:
        if isinstance(node, Symbol):
            if node.name not in self.shapes_of:
                raise ShapeError(f"'{node.name}' is not a symbol of this problem")
            return self.shapes_of[node.name]
        if isinstance(node, Number):
            return (1, 1)
        if isinstance(node, Identity):
            size = self.fresh() if node.size is None else self.sizes.get(node.size, node.size)
            return (size, size)
        if isinstance(node, Ones):
            rows = self.fresh() if node.rows is None else self.sizes.get(node.rows, node.rows)
            cols = self.fresh() if node.cols is None else self.sizes.get(node.cols, node.cols)
            return (rows, cols)
        if isinstance(node, (Add, Sub)):
            return self._sum(node)
        if isinstance(node, Neg):
            return self.shape(node.operand)
        if isinstance(node, (Mul, MatMul)):
            return self._product(node)
        if isinstance(node, Div):
            left, right = self.shape(node.left), self.shape(node.right)
            if not self.is_scalar(right):
                raise ShapeError(
                    f"{self._say(node.right)}: divide only by a scalar "
                    "(multiply by an inverse for a matrix)"
                )
            return left
        if isinstance(node, Pow):
            return self._power(node)
        if isinstance(node, Transpose):
            rows, cols = self.shape(node.operand)
            return (cols, rows)
        if isinstance(node, Call):
            return self._call(node)
        raise ShapeError(f"not an expression: {node!r}")

    def _sum(self, node: Add | Sub) -> tuple:
        left, right = self.shape(node.left), self.shape(node.right)
        if self.is_scalar(left) and not self.is_scalar(right):
            return right  # a scalar plus an array acts entrywise
        if self.is_scalar(right) and not self.is_scalar(left):
            return left
        if self.unify(left[0], right[0]) and self.unify(left[1], right[1]):
            return left
        verb = "added to" if isinstance(node, Add) else "subtracted from"
        raise ShapeError(
            f"{self._say(node.left)} but {self._say(node.right)}: they cannot be {verb} each other"
        )

    def _product(self, node: Mul | MatMul) -> tuple:
        left, right = self.shape(node.left), self.shape(node.right)
        if self.is_scalar(left):
            return right
        if self.is_scalar(right):
            return left
        if self.unify(left[1], right[0]):
            return (left[0], right[1])
        raise ShapeError(
            f"{self._say(node.left)} but {self._say(node.right)}: "
            f"the product {_quote(node)} is undefined"
        )

    def _power(self, node: Pow) -> tuple:
        base = self.shape(node.base)
        if self.is_scalar(base):
            return base
        if node.exponent != int(node.exponent) or abs(node.exponent) > MAX_MATRIX_POWER:
            raise ShapeError(
                f"{self._say(node.base)}: a matrix power needs a whole-number exponent "
                f"between -{MAX_MATRIX_POWER} and {MAX_MATRIX_POWER}"
            )
        self._square(node.base, base, "a matrix power")
        return base

    def _square(self, node: Node, shape: tuple, what: str) -> None:
        if not self.unify(shape[0], shape[1]):
            raise ShapeError(f"{self._say(node)}: {what} needs a square matrix")

    def _call(self, node: Call) -> tuple:
        shapes = [self.shape(arg) for arg in node.args]
        func = node.func
        if func == "hadamard":
            left, right = shapes
            if self.is_scalar(left):
                return right
            if self.is_scalar(right):
                return left
            if self.unify(left[0], right[0]) and self.unify(left[1], right[1]):
                return left
            raise ShapeError(
                f"{self._say(node.args[0])} but {self._say(node.args[1])}: "
                "the Hadamard product needs equal shapes"
            )
        (shape,) = shapes
        (arg,) = node.args
        if func in ("inv", "det", "logdet", "trace"):
            name = {"inv": "the inverse", "det": "det", "logdet": "logdet", "trace": "trace"}
            self._square(arg, shape, name[func])
            return shape if func == "inv" else (1, 1)
        if func in SCALAR_VALUED:
            return (1, 1)
        if func in ENTRYWISE or func == "softmax":
            return shape
        if func == "diag":
            rows, cols = self.resolve(shape)
            if cols == 1:
                return (rows, rows)
            self._square(arg, shape, "diag of a matrix")
            return shape
        raise ShapeError(f"unknown function '{func}'")


def symbol_shapes(symbols: Mapping[str, SymbolSpec]) -> dict[str, Shape]:
    """Each symbol's shape as rows x columns."""
    return {name: spec.matrix_shape for name, spec in symbols.items()}


def _run(
    node: Node, shapes_of: Mapping[str, Shape], sizes: Mapping[str, int] | None = None
) -> tuple[_Inference, tuple]:
    inference = _Inference(shapes_of, sizes)
    shape = inference.resolve(inference.shape(node))
    return inference, shape


def infer_shape(node: Node, symbols: Mapping[str, SymbolSpec]) -> Shape:
    """The shape of `node` as rows x columns; raises ShapeError with a reason."""
    inference, shape = _run(node, symbol_shapes(symbols))
    if not all(is_resolved(inference.resolve(s)) for s in inference.recorded.values()):
        raise ShapeError("the size of I or ones cannot be told here: write I(n) or ones(n)")
    return shape


def infer_shapes(
    node: Node, shapes_of: Mapping[str, Shape], sizes: Mapping[str, int] | None = None
) -> dict[int, tuple]:
    """Every node's shape, keyed by id(node), named sizes replaced by `sizes`; raises ShapeError.

    A size nothing fixes stays unresolved (neither a name nor a number).
    """
    inference, _ = _run(node, shapes_of, sizes)
    return {key: inference.resolve(shape) for key, shape in inference.recorded.items()}


def is_resolved(shape: tuple) -> bool:
    """Are both sizes of a shape from `infer_shapes` known?"""
    return not any(isinstance(d, _Var) for d in shape)


def has_unsized(node: Node) -> bool:
    """Does the tree hold an I or ones without a size?"""
    return any(
        (isinstance(n, Identity) and n.size is None)
        or (isinstance(n, Ones) and (n.rows is None or n.cols is None))
        for n in walk(node)
    )


def sized(node: Node, symbols: Mapping[str, SymbolSpec], targets: Sequence[Shape] = ()) -> Node:
    """`node` with every bare I and ones given its size.

    A size the expression itself does not fix is taken from the first of `targets` (the shapes
    the answer is expected to have, say the gradient's and its transpose) that fits. When none
    fits, `node` comes back unchanged, for shape inference to explain.
    """
    if not has_unsized(node):
        return node
    for target in (None, *targets):
        inference = _Inference(symbol_shapes(symbols))
        try:
            top = inference.shape(node)
        except ShapeError:
            return node
        if target is not None and not (
            inference.unify(top[0], target[0]) and inference.unify(top[1], target[1])
        ):
            continue
        shapes = {key: inference.resolve(shape) for key, shape in inference.recorded.items()}
        rebuilt = _rebuild(node, shapes, products=False)
        if not has_unsized(rebuilt):
            return rebuilt
    return node


def canonical(node: Node, symbols: Mapping[str, SymbolSpec]) -> Node:
    """`node` in canonical form: `@` between matrices, `*` with a scalar, sizes on I and ones."""
    return _rebuild(node, infer_shapes(node, symbol_shapes(symbols)), products=True)


def _rebuild(node: Node, shapes: Mapping[int, tuple], *, products: bool) -> Node:
    """`node` with sizes from `shapes` on bare I and ones, and (if `products`) `*`/`@` fixed."""

    def scalar(n: Node) -> bool:
        return shapes[id(n)] == (1, 1)

    def known(dim):
        return None if isinstance(dim, _Var) else dim

    def rebuild(n: Node) -> Node:
        if isinstance(n, Identity) and n.size is None:
            return Identity(known(shapes[id(n)][0]))
        if isinstance(n, Ones) and (n.rows is None or n.cols is None):
            rows, cols = shapes[id(n)]
            return Ones(known(rows), known(cols))
        if isinstance(n, (Mul, MatMul)):
            left, right = rebuild(n.left), rebuild(n.right)
            if not products:
                return type(n)(left, right)
            kind = Mul if scalar(n.left) or scalar(n.right) else MatMul
            return kind(left, right)
        if isinstance(n, Pow):
            return Pow(rebuild(n.base), n.exponent)
        if isinstance(n, Call):
            return Call(n.func, tuple(rebuild(a) for a in n.args))
        if isinstance(n, (Neg, Transpose)):
            return type(n)(rebuild(n.operand))
        if isinstance(n, (Add, Sub, Div)):
            return type(n)(rebuild(n.left), rebuild(n.right))
        return n

    return rebuild(node)

"""Rewrites of expression trees the bank needs: substitution, dimension renaming, transposes.

Everything here walks the parser's tree; no expression is ever edited as text.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

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
)
from autograder.expr.shapes import ShapeError, infer_shape
from autograder.spec import Dim, SymbolSpec


def map_tree(node: Node, leaf: Callable[[Node], Node]) -> Node:
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


def substitute(node: Node, values: Mapping[str, Node]) -> Node:
    """`node` with each symbol named in `values` replaced by its subtree."""

    def leaf(n: Node) -> Node:
        if isinstance(n, Symbol) and n.name in values:
            return values[n.name]
        return n

    return map_tree(node, leaf)


def rename_dims(node: Node, dims: Mapping[str, str]) -> Node:
    """`node` with the dimension names in I(n) and ones(n, m) renamed."""

    def dim(d: Dim | None) -> Dim | None:
        return dims.get(d, d) if isinstance(d, str) else d

    def leaf(n: Node) -> Node:
        if isinstance(n, Identity):
            return Identity(dim(n.size))
        if isinstance(n, Ones):
            return Ones(dim(n.rows), dim(n.cols))
        return n

    return map_tree(node, leaf)


def _is_scalar(node: Node, symbols: Mapping[str, SymbolSpec]) -> bool:
    try:
        return infer_shape(node, symbols) == (1, 1)
    except ShapeError:
        return False


def transpose(node: Node, symbols: Mapping[str, SymbolSpec]) -> Node:
    """The transpose of `node`, pushed down to the leaves and simplified."""
    if _is_scalar(node, symbols):
        return simplify(node, symbols)
    if isinstance(node, Transpose):
        return simplify(node.operand, symbols)
    if isinstance(node, Symbol):
        spec = symbols.get(node.name)
        if spec is not None and (spec.symmetric or spec.spd):
            return node
        return Transpose(node)
    if isinstance(node, (Number, Identity)):
        return node
    if isinstance(node, Ones):
        return Ones(node.cols, node.rows)
    if isinstance(node, (Add, Sub)):
        return type(node)(transpose(node.left, symbols), transpose(node.right, symbols))
    if isinstance(node, Neg):
        return Neg(transpose(node.operand, symbols))
    if isinstance(node, Div):
        return Div(transpose(node.left, symbols), simplify(node.right, symbols))
    if isinstance(node, (Mul, MatMul)):
        if _is_scalar(node.left, symbols) or _is_scalar(node.right, symbols):
            return type(node)(transpose(node.left, symbols), transpose(node.right, symbols))
        return type(node)(transpose(node.right, symbols), transpose(node.left, symbols))
    if isinstance(node, Pow):
        return Pow(transpose(node.base, symbols), node.exponent)
    if isinstance(node, Call):
        if node.func in SCALAR_VALUED or node.func == "diag":
            return simplify(node, symbols)
        if node.func == "inv":
            inner = transpose(node.args[0], symbols)
            if isinstance(inner, Transpose):  # inv(X).T reads better than inv(X.T)
                return Transpose(Call("inv", (inner.operand,)))
            return Call("inv", (inner,))
        if node.func in ENTRYWISE or node.func == "hadamard":
            return Call(node.func, tuple(transpose(a, symbols) for a in node.args))
    return Transpose(simplify(node, symbols))


def simplify(node: Node, symbols: Mapping[str, SymbolSpec]) -> Node:
    """`node` with transposes pushed to the leaves: double and redundant ones removed."""
    if isinstance(node, Transpose):
        return transpose(node.operand, symbols)
    if isinstance(node, (Symbol, Number, Identity, Ones)):
        return node
    if isinstance(node, Pow):
        return Pow(simplify(node.base, symbols), node.exponent)
    if isinstance(node, Call):
        return Call(node.func, tuple(simplify(a, symbols) for a in node.args))
    if isinstance(node, Neg):
        return Neg(simplify(node.operand, symbols))
    return type(node)(simplify(node.left, symbols), simplify(node.right, symbols))

"""Rewrites of expression trees the bank needs: substitution, dimension renaming, transposes.

Everything here walks the parser's tree; no expression is ever edited as text.
"""

from __future__ import annotations

from collections.abc import Mapping

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
    map_tree,
    to_text,
)
from autograder.expr.shapes import ShapeError, infer_shape
from autograder.spec import Dim, SymbolSpec


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


def _factors(node: Node, symbols, top: bool = True) -> tuple[list[Node], bool]:
    """The factors of a product chain, left to right (`*` and `@` alike), with signs pulled
    out: (factors, negated). A scalar subproduct such as a.T @ b stays one factor."""
    if isinstance(node, Neg):
        factors, negated = _factors(node.operand, symbols, top)
        return factors, not negated
    if isinstance(node, (Mul, MatMul)) and (top or not _is_scalar(node, symbols)):
        left, left_negated = _factors(node.left, symbols, False)
        right, right_negated = _factors(node.right, symbols, False)
        return left + right, left_negated != right_negated
    return [node], False


def _shorter(spread: Node, wrapped: Node) -> Node:
    """Of two equal forms, the one that prints shorter (the spread one on a tie)."""
    return wrapped if len(to_text(wrapped)) < len(to_text(spread)) else spread


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
        spread = type(node)(transpose(node.left, symbols), transpose(node.right, symbols))
        return _shorter(spread, Transpose(simplify(node, symbols)))
    if isinstance(node, Neg):
        return Neg(transpose(node.operand, symbols))
    if isinstance(node, Div):
        return Div(transpose(node.left, symbols), simplify(node.right, symbols))
    if isinstance(node, (Mul, MatMul)):
        factors, negated = _factors(node, symbols)
        scalars = [simplify(f, symbols) for f in factors if _is_scalar(f, symbols)]
        matrices = [transpose(f, symbols) for f in reversed(factors) if not _is_scalar(f, symbols)]
        product = matrices[0]
        for scalar in reversed(scalars):
            product = Mul(scalar, product)
        for factor in matrices[1:]:
            product = MatMul(product, factor)
        product = Neg(product) if negated else product
        return _shorter(product, Transpose(simplify(node, symbols)))
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
    """`node` with needless transposes removed: double ones, and those of scalars, symmetric
    symbols and identities. Other transposes stay where the author wrote them."""
    if isinstance(node, Transpose):
        inner = node.operand
        if isinstance(inner, Transpose):
            return simplify(inner.operand, symbols)
        if _is_scalar(inner, symbols) or isinstance(inner, (Number, Identity)):
            return simplify(inner, symbols)
        if isinstance(inner, Symbol):
            spec = symbols.get(inner.name)
            if spec is not None and (spec.symmetric or spec.spd):
                return inner
        return Transpose(simplify(inner, symbols))
    if isinstance(node, (Symbol, Number, Identity, Ones)):
        return node
    if isinstance(node, Pow):
        return Pow(simplify(node.base, symbols), node.exponent)
    if isinstance(node, Call):
        return Call(node.func, tuple(simplify(a, symbols) for a in node.args))
    if isinstance(node, Neg):
        return Neg(simplify(node.operand, symbols))
    return type(node)(simplify(node.left, symbols), simplify(node.right, symbols))

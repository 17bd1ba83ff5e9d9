"""Numeric evaluation of an expression tree on probe values.

Values are 2-D float arrays: a scalar is 1 x 1, a vector a column. Nothing is broadcast but a
scalar acting entrywise on an array; any other mismatch raises EvaluationError.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

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
from autograder.expr.shapes import ShapeError, has_unsized, infer_shapes, is_resolved


class EvaluationError(ValueError):
    """The expression cannot be evaluated on these values; the message says why."""


def _is_scalar(a: np.ndarray) -> bool:
    return a.shape == (1, 1)


def _sigmoid(a: np.ndarray) -> np.ndarray:
    positive = a >= 0
    e = np.exp(-np.abs(a))
    return np.where(positive, 1.0 / (1.0 + e), e / (1.0 + e))


def _softmax(a: np.ndarray) -> np.ndarray:
    e = np.exp(a - a.max(axis=0, keepdims=True))
    return e / e.sum(axis=0, keepdims=True)


def _diag(a: np.ndarray) -> np.ndarray:
    if a.shape[1] == 1:
        return np.diagflat(a)
    if a.shape[0] != a.shape[1]:
        raise EvaluationError(f"diag needs a column vector or a square matrix, not {a.shape}")
    return np.diag(np.diag(a))


def _square(a: np.ndarray, what: str) -> np.ndarray:
    if a.shape[0] != a.shape[1]:
        raise EvaluationError(f"{what} needs a square matrix, not {a.shape[0]} x {a.shape[1]}")
    return a


def _inv(a: np.ndarray) -> np.ndarray:
    _square(a, "the inverse")
    try:
        return np.linalg.inv(a)
    except np.linalg.LinAlgError:
        return np.full_like(a, np.nan)


def _logdet(a: np.ndarray) -> np.ndarray:
    _square(a, "logdet")
    sign, value = np.linalg.slogdet(a)
    return np.array([[value if sign != 0 else -np.inf]])


_UNARY = {
    "inv": _inv,
    "det": lambda a: np.array([[np.linalg.det(_square(a, "det"))]]),
    "logdet": _logdet,
    "trace": lambda a: np.array([[np.trace(_square(a, "trace"))]]),
    "sum": lambda a: np.array([[a.sum()]]),
    "norm_fro": lambda a: np.array([[np.sqrt((a * a).sum())]]),
    "exp": np.exp,
    "log": np.log,
    "sqrt": np.sqrt,
    "abs": np.abs,
    "sigmoid": _sigmoid,
    "softmax": _softmax,
    "diag": _diag,
}


class _Evaluator:
    def __init__(self, values: Mapping[str, np.ndarray], dims: Mapping[str, int], shapes) -> None:
        self.values = values
        self.dims = dims
        self.shapes = shapes

    def size(self, dim) -> int:
        if isinstance(dim, int):
            return dim
        if dim in self.dims:
            return self.dims[dim]
        raise EvaluationError(f"the size '{dim}' is not known here")

    def context_shape(self, node: Node) -> tuple[int, int]:
        shape = None if self.shapes is None else self.shapes.get(id(node))
        if shape is None or not is_resolved(shape):
            raise EvaluationError("the size of I or ones cannot be told here")
        return (self.size(shape[0]), self.size(shape[1]))

    def run(self, node: Node) -> np.ndarray:
        if isinstance(node, Symbol):
            if node.name not in self.values:
                raise EvaluationError(f"no value for '{node.name}'")
            return self.values[node.name]
        if isinstance(node, Number):
            return np.array([[node.value]], dtype=float)
        if isinstance(node, Identity):
            size = self.context_shape(node)[0] if node.size is None else self.size(node.size)
            return np.eye(size)
        if isinstance(node, Ones):
            if node.rows is None or node.cols is None:
                rows, cols = self.context_shape(node)
            else:
                rows, cols = self.size(node.rows), self.size(node.cols)
            return np.ones((rows, cols))
        if isinstance(node, (Add, Sub)):
            return self.combine(node)
        if isinstance(node, Neg):
            return -self.run(node.operand)
        if isinstance(node, (Mul, MatMul)):
            return self.product(self.run(node.left), self.run(node.right))
        if isinstance(node, Div):
            left, right = self.run(node.left), self.run(node.right)
            if not _is_scalar(right):
                raise EvaluationError("divide only by a scalar")
            return left / right.item()
        if isinstance(node, Pow):
            return self.power(self.run(node.base), node.exponent)
        if isinstance(node, Transpose):
            return self.run(node.operand).T
        if isinstance(node, Call):
            args = [self.run(a) for a in node.args]
            if node.func == "hadamard":
                return self.hadamard(*args)
            if node.func not in _UNARY:
                raise EvaluationError(f"unknown function '{node.func}'")
            return _UNARY[node.func](args[0])
        raise EvaluationError(f"not an expression: {node!r}")

    def combine(self, node: Add | Sub) -> np.ndarray:
        left, right = self.run(node.left), self.run(node.right)
        if left.shape != right.shape and not (_is_scalar(left) or _is_scalar(right)):
            raise EvaluationError(f"cannot add {left.shape} and {right.shape}")
        return left + right if isinstance(node, Add) else left - right

    @staticmethod
    def product(left: np.ndarray, right: np.ndarray) -> np.ndarray:
        if _is_scalar(left):
            return left.item() * right
        if _is_scalar(right):
            return left * right.item()
        if left.shape[1] != right.shape[0]:
            raise EvaluationError(f"cannot multiply {left.shape} by {right.shape}")
        return left @ right

    @staticmethod
    def hadamard(left: np.ndarray, right: np.ndarray) -> np.ndarray:
        if _is_scalar(left) or _is_scalar(right) or left.shape == right.shape:
            return left * right
        raise EvaluationError(f"Hadamard product of {left.shape} and {right.shape}")

    @staticmethod
    def power(base: np.ndarray, exponent: float) -> np.ndarray:
        if _is_scalar(base):
            return np.power(base, exponent)
        _square(base, "a matrix power")
        if exponent != int(exponent):
            raise EvaluationError("a matrix power needs a whole-number exponent")
        k = int(exponent)
        if k < 0:
            base, k = _inv(base), -k
        return np.linalg.matrix_power(base, k)


def evaluate(
    node: Node, values: Mapping[str, np.ndarray], dims: Mapping[str, int] | None = None
) -> np.ndarray:
    """The value of `node` at `values` (2-D arrays); raises EvaluationError."""
    shapes = None
    if has_unsized(node):
        try:
            shapes = infer_shapes(node, {name: v.shape for name, v in values.items()}, dims)
        except ShapeError as error:
            raise EvaluationError(str(error)) from None
    with np.errstate(all="ignore"):
        result = _Evaluator(values, dims or {}, shapes).run(node)
    return np.asarray(result, dtype=float)

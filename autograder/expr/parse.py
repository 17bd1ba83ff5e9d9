"""Text to tree: the textbook spelling is rewritten into Python tokens, `ast.parse(mode="eval")`
reads them, and a whitelist walk over the ast builds the nodes. Nothing is ever executed.

The accepted spellings are listed in docs/architecture.md, "Expression language".
"""

from __future__ import annotations

import ast
import math
from collections.abc import Iterable
from dataclasses import dataclass

from autograder.expr.nodes import (
    BINARY_FUNCTIONS,
    UNARY_FUNCTIONS,
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
    inverse,
)
from autograder.expr.rewrite import Meaning, Rewritten, rewrite
from autograder.expr.tokens import Rejected

MAX_NODES = 400
MAX_TREE_DEPTH = 200
MAX_EXPONENT = 100
MAX_SIZE = 10_000


@dataclass(frozen=True)
class ParseSuccess:
    node: Node


@dataclass(frozen=True)
class ParseFailure:
    """Why the text is not an expression of the language, and where (0-based)."""

    message: str
    position: int


def parse(
    text: str, symbols: Iterable[str], dims: Iterable[str] = ()
) -> ParseSuccess | ParseFailure:
    """Parse an answer written in the Python or the textbook spelling."""
    if not isinstance(text, str):
        return ParseFailure(f"an answer is text, not {type(text).__name__}", 0)
    rewritten = Rewritten("", (), {})
    try:
        rewritten = rewrite(text, symbols, dims)
        if len(rewritten.names) > MAX_NODES:
            return ParseFailure(f"the answer is too long: more than {MAX_NODES} parts", 0)
        tree = ast.parse(rewritten.source, mode="eval")
        return ParseSuccess(_Builder(rewritten, frozenset(dims)).build(tree.body, 0))
    except Rejected as rejected:
        return ParseFailure(rejected.message, rejected.position)
    except SyntaxError as error:
        position = _origin(rewritten, (error.offset or 1) - 1)
        message = f"could not read the answer at {position}: check the brackets and operators"
        return ParseFailure(message, position)
    except (RecursionError, MemoryError):
        return ParseFailure("the answer is too deeply nested", 0)
    except ArithmeticError:  # defence in depth: constant folding guards against these
        return ParseFailure("a number in the answer is out of range", 0)


def _origin(rewritten: Rewritten, column: int) -> int:
    if not rewritten.origin:
        return 0
    return rewritten.origin[min(max(column, 0), len(rewritten.origin) - 1)]


_BINARY = {ast.Add: Add, ast.Sub: Sub, ast.Mult: Mul, ast.MatMult: MatMul, ast.Div: Div}


class _Builder:
    """The whitelist walk: every ast node kind not handled here is refused."""

    def __init__(self, rewritten: Rewritten, dims: frozenset[str]) -> None:
        self.rewritten = rewritten
        self.dims = dims
        self.count = 0

    def position(self, node: ast.AST) -> int:
        return _origin(self.rewritten, getattr(node, "col_offset", 0))

    def reject(self, message: str, node: ast.AST) -> Rejected:
        position = self.position(node)
        return Rejected(message.format(p=position), position)

    def build(self, node: ast.expr, depth: int) -> Node:
        self.count += 1
        if self.count > MAX_NODES:
            raise self.reject(f"the answer is too long: more than {MAX_NODES} parts", node)
        if depth > MAX_TREE_DEPTH:
            raise self.reject("the answer is too long or nested too deeply at {p}", node)
        if isinstance(node, ast.Name):
            return self.name(node)
        if isinstance(node, ast.BinOp):
            return self.binary(node, depth)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            return Neg(self.build(node.operand, depth + 1))
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.UAdd):
            return self.build(node.operand, depth + 1)
        if isinstance(node, ast.Attribute) and node.attr in ("T", "I"):
            operand = self.build(node.value, depth + 1)
            return Transpose(operand) if node.attr == "T" else inverse(operand)
        if isinstance(node, ast.Call):
            return self.call(node, depth)
        if isinstance(node, ast.Tuple):
            raise self.reject("',' at {p}: a comma only separates function arguments", node)
        raise self.reject("this kind of expression is not allowed at {p}", node)

    def meaning(self, node: ast.AST) -> Meaning | None:
        if isinstance(node, ast.Name):
            return self.rewritten.names.get(node.id)
        return None

    def name(self, node: ast.Name) -> Node:
        meaning = self.meaning(node)
        if meaning is None:
            raise self.reject("unknown name at {p}", node)
        if meaning.kind == "symbol":
            return Symbol(str(meaning.value))
        if meaning.kind == "number":
            return Number(float(meaning.value or 0.0))
        if meaning.kind == "identity":
            return Identity(meaning.value)  # type: ignore[arg-type]
        if meaning.kind == "ones":
            return Ones()
        if meaning.kind == "dim":
            raise self.reject(
                f"'{meaning.text}' at {{p}} is a dimension, not a value: use it as a size, "
                f"as in I({meaning.text}) or ones({meaning.text})",
                node,
            )
        raise self.reject(f"'{meaning.text}' at {{p}} needs an argument", node)

    def binary(self, node: ast.BinOp, depth: int) -> Node:
        if isinstance(node.op, ast.Pow):
            base = self.build(node.left, depth + 1)
            exponent = self.constant(node.right)
            if abs(exponent) > MAX_EXPONENT:
                raise self.reject(
                    f"the exponent at {{p}} is too large: at most {MAX_EXPONENT}", node.right
                )
            self.count += 1
            return Pow(base, exponent)
        left = self.build(node.left, depth + 1)
        right = self.build(node.right, depth + 1)
        if isinstance(node.op, ast.Mod):
            return Call("hadamard", (left, right))
        kind = _BINARY.get(type(node.op))
        if kind is None:
            raise self.reject("this operator is not allowed at {p}", node)
        return kind(left, right)

    def constant(self, node: ast.expr) -> float:
        """The value of a constant exponent, folded without ever computing a huge number."""
        value = self._fold(node)
        if isinstance(value, complex) or not math.isfinite(value):
            raise self.reject("the exponent at {p} is not a real number", node)
        return float(value)

    def _fold(self, node: ast.expr) -> float:
        meaning = self.meaning(node)
        if meaning is not None and meaning.kind == "number":
            return float(meaning.value or 0.0)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            value = self._fold(node.operand)
            return -value if isinstance(node.op, ast.USub) else value
        if isinstance(node, ast.BinOp) and isinstance(
            node.op, (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.Pow)
        ):
            left, right = self._fold(node.left), self._fold(node.right)
            if isinstance(node.op, ast.Add):
                return left + right
            if isinstance(node.op, ast.Sub):
                return left - right
            if isinstance(node.op, ast.Mult):
                return left * right
            if isinstance(node.op, ast.Div):
                if right == 0:
                    raise self.reject("the exponent at {p} divides by zero", node)
                return left / right
            if left == 0 and right < 0:
                raise self.reject("the exponent at {p} divides by zero", node)
            # Decide on the size of the result before computing it: never a huge number.
            if abs(right) > MAX_EXPONENT or (left != 0 and right * math.log10(abs(left)) > 15):
                raise self.reject("the exponent at {p} is too large", node)
            value = left**right
            if isinstance(value, complex):
                raise self.reject("the exponent at {p} is not a real number", node)
            return value
        raise self.reject(
            "'^' at {p} needs a constant exponent: write x^2, x ** 0.5 or X^{{-1}}", node
        )

    def call(self, node: ast.Call, depth: int) -> Node:
        meaning = self.meaning(node.func)
        if meaning is None or meaning.kind != "function" or node.keywords:
            raise self.reject("only the functions of the language can be called, at {p}", node)
        name, shown, args = str(meaning.value), meaning.text, node.args
        if any(isinstance(arg, ast.Starred) for arg in args):
            raise self.reject("'*' arguments are not allowed at {p}", node)
        if name in ("I", "eye"):
            return self.identity(node, name, shown)
        if name == "ones":
            return self.ones(node, shown)
        arity = 2 if name in BINARY_FUNCTIONS or name == "matmul" else 1
        if len(args) != arity:
            expected = "one argument" if arity == 1 else "two arguments"
            raise self.reject(f"'{shown}' at {{p}} takes {expected}, not {len(args)}", node)
        built = tuple(self.build(arg, depth + 1) for arg in args)
        if name == "transpose":
            return Transpose(built[0])
        if name == "matmul":
            return MatMul(built[0], built[1])
        if name not in UNARY_FUNCTIONS and name not in BINARY_FUNCTIONS:
            raise self.reject(f"unknown function '{shown}' at {{p}}", node)
        return Call(name, built)

    def size(self, node: ast.expr) -> str | int | None:
        """A dimension name or a whole number, as a size; None when it is neither."""
        meaning = self.meaning(node)
        if meaning is None:
            return None
        if meaning.kind == "dim" or (meaning.kind == "symbol" and meaning.value in self.dims):
            return str(meaning.value)
        value = meaning.value
        if meaning.kind == "number" and isinstance(value, float) and value.is_integer():
            if 1 <= value <= MAX_SIZE:
                return int(value)
        return None

    def identity(self, node: ast.Call, name: str, shown: str) -> Node:
        if len(node.args) == 1:
            size = self.size(node.args[0])
            if size is not None:
                return Identity(size)
            if name == "I":
                # `I(A + B)` is the textbook juxtaposition I (A + B).
                return Mul(Identity(), self.build(node.args[0], 1))
        raise self.reject(f"'{shown}' at {{p}} takes one size, as in {shown}(n)", node)

    def ones(self, node: ast.Call, shown: str) -> Node:
        args = node.args
        if len(args) == 1 and isinstance(args[0], ast.Tuple):
            args = args[0].elts
        sizes = [self.size(arg) for arg in args]
        if 1 <= len(sizes) <= 2 and None not in sizes:
            return Ones(sizes[0], sizes[1] if len(sizes) == 2 else 1)
        raise self.reject(f"'{shown}' at {{p}} takes sizes, as in ones(n) or ones(m, n)", node)

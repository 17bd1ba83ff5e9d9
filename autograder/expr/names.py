"""The names of the expression language: functions and their spellings, Greek letters, and
what a word means given the declared symbols and dimensions (including cutting `Ax` into A, x).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property

from autograder.expr.nodes import BINARY_FUNCTIONS, UNARY_FUNCTIONS
from autograder.expr.tokens import GREEK_LETTERS, Rejected, Token

# Spellings of the functions, by the name the tree uses. "eye" builds an identity, "ones" a
# matrix of ones, "transpose" and "matmul" their nodes; the rest become Call nodes.
_FUNCTION_SPELLINGS = {
    "inv": ("inv", "inverse", "np.linalg.inv"),
    "det": ("det", "Det", "np.linalg.det"),
    "logdet": ("logdet", "log_det"),
    "trace": ("trace", "tr", "Tr", "Trace", "np.trace"),
    "diag": ("diag", "Diag"),
    "sum": ("sum", "np.sum"),
    "exp": ("exp", "np.exp"),
    "log": ("log", "ln", "np.log"),
    "sqrt": ("sqrt", "np.sqrt"),
    "abs": ("abs", "np.abs", "np.absolute"),
    "sigmoid": ("sigmoid", "sigma", "expit", "scipy.special.expit"),
    "softmax": ("softmax",),
    "norm_fro": ("norm_fro", "norm", "np.linalg.norm"),
    "hadamard": ("hadamard", "np.multiply"),
    "transpose": ("np.transpose",),
    "matmul": ("np.matmul", "np.dot"),
    "eye": ("eye", "np.eye", "np.identity"),
    "ones": ("np.ones",),
}
FUNCTIONS = {
    spelling.replace("np.", prefix): name
    for name, spellings in _FUNCTION_SPELLINGS.items()
    for spelling in spellings
    for prefix in ("np.", "numpy.")
}

# NumPy spellings refused because their meaning depends on the shape of the argument, which
# the parser does not know: np.diag of a vector is a diagonal matrix (the language's diag), of
# a square matrix the vector of its diagonal (the language's diag(A) @ ones(n)).
_AMBIGUOUS = {
    "np.diag": (
        "is ambiguous here (NumPy makes a matrix of a vector but a vector of a matrix): "
        "write diag(v) for the diagonal matrix of a vector v, and see the table of spellings "
        "for the diagonal of a matrix"
    ),
}
AMBIGUOUS = {
    spelling.replace("np.", prefix): reason
    for spelling, reason in _AMBIGUOUS.items()
    for prefix in ("np.", "numpy.")
}

# Greek names that may stand for a differently spelled declared symbol, tried in order.
_GREEK_ALIASES = {
    "lambda": ("lambda", "lam", "lmbda", "lambda_"),
    "Lambda": ("Lambda", "Lam"),
    "epsilon": ("epsilon", "eps"),
    "varepsilon": ("epsilon", "eps"),
    "vartheta": ("theta",),
    "varphi": ("phi",),
    "varsigma": ("sigma",),
    "varrho": ("rho",),
}
GREEK_NAMES = frozenset(GREEK_LETTERS.values()) | frozenset(_GREEK_ALIASES)
# Names any word may be cut into, whatever is declared.
_PLAIN_NAMES = frozenset(name for name in FUNCTIONS if "." not in name) | {"I", "ones", "pi"}


@dataclass(frozen=True)
class Meaning:
    """What a placeholder stands for. `kind`: symbol, number, identity, ones, dim, function."""

    kind: str
    value: str | float | None
    text: str
    position: int


@dataclass(frozen=True)
class Vocabulary:
    """The declared symbols and dimensions, and what a word means among them."""

    symbols: frozenset[str]
    dims: frozenset[str]

    def meaning(self, word: str, position: int) -> Meaning | None:
        """The meaning of a whole word, or None when it names nothing known."""
        if word in self.symbols:
            return Meaning("symbol", word, word, position)
        if word in FUNCTIONS:
            return Meaning("function", FUNCTIONS[word], word, position)
        if word == "I":
            return Meaning("identity", None, word, position)
        if word == "ones":
            return Meaning("ones", None, word, position)
        size = word[2:] if word.startswith("I_") else ""
        if size in self.dims or (size.isdigit() and 0 < int(size) <= 10_000):
            return Meaning("identity", int(size) if size.isdigit() else size, word, position)
        if word in self.dims:
            return Meaning("dim", word, word, position)
        for alias in _GREEK_ALIASES.get(word, ()):
            if alias in self.symbols:
                return Meaning("symbol", alias, word, position)
        if word in ("pi", "e"):
            return Meaning("number", math.pi if word == "pi" else math.e, word, position)
        return None

    def split(self, word: str, position: int) -> list[str]:
        """`word` cut into known names, longest first (`Ax` -> A, x); raises Rejected."""
        starting = self.starting

        def names_at(start: int) -> list[str]:
            return [w for w in starting.get(word[start], ()) if word.startswith(w, start)]

        # completes[i]: the longest known name at i after which the rest of the word splits too
        completes: list[str | None] = [None] * (len(word) + 1)
        completes[len(word)] = ""
        for start in range(len(word) - 1, -1, -1):
            completes[start] = next(
                (w for w in names_at(start) if completes[start + len(w)] is not None), None
            )
        if completes[0] is None:
            reached = [False] * (len(word) + 1)
            reached[0] = True
            for start in range(len(word)):
                for name in names_at(start) if reached[start] else ():
                    reached[start + len(name)] = True
            last = max(i for i in range(len(word)) if reached[i])
            where, inside = position + last, f" (in '{_clip(word)}')" if last else ""
            message = f"unknown name '{_clip(word[last:])}' at {where}{inside}: {self.listing()}"
            raise Rejected(message, where)
        pieces, start = [], 0
        while start < len(word):
            piece = completes[start] or ""
            pieces.append(piece)
            start += len(piece)
        return pieces

    @cached_property
    def starting(self) -> dict[str, list[str]]:
        """The names a juxtaposed word may be cut into, by first letter, longest first."""
        greek = {
            name for name, aliases in _GREEK_ALIASES.items() if not self.symbols.isdisjoint(aliases)
        }
        names = (self.symbols | _PLAIN_NAMES | greek) - self.dims
        starting: dict[str, list[str]] = {}
        for name in sorted(names, key=len, reverse=True):
            if name:
                starting.setdefault(name[0], []).append(name)
        return starting

    def unknown(self, token: Token) -> str:
        """Why a single name is not known."""
        shown = f"\\{token.text}" if token.kind == "cmd" else token.text
        if token.kind == "cmd" and token.text not in GREEK_NAMES:
            return f"unknown command '{shown}' at {token.position}"
        return f"unknown name '{_clip(shown)}' at {token.position}: {self.listing()}"

    def function_listing(self) -> str:
        return "the functions are " + ", ".join((*UNARY_FUNCTIONS, *BINARY_FUNCTIONS, "I", "ones"))

    def listing(self) -> str:
        if not self.symbols:
            return "no symbols are declared here"
        return "the symbols here are " + ", ".join(sorted(self.symbols))


def _clip(text: str, size: int = 24) -> str:
    return text if len(text) <= size else text[: size - 3] + "..."

"""The lexer of the expression language: text to tokens, with the textbook spelling recognised.

Tokens keep the 0-based position of their first character in the original text, so that
every later error can point at what the student typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

MAX_LENGTH = 2000


class Rejected(Exception):
    """An answer the language does not accept: a one-line reason and where it happened."""

    def __init__(self, message: str, position: int) -> None:
        super().__init__(message)
        self.message = message
        self.position = position


@dataclass(frozen=True)
class Token:
    """One lexeme. `kind` is num, word, cmd, op, open, close or sup."""

    kind: str
    text: str
    position: int
    spaced: bool = False  # whitespace came right before it
    exact: bool = False  # a word that must not be split into known names
    gap: bool = False  # a LaTeX space (`\,` `\;` `\quad` ...) came right before it


_LEXEME = re.compile(
    r"(?P<space>[ \t\r\n\f\v$~]+|\\!|\\\\)"
    r"|(?P<gap>\\[,;: ])"
    r"|(?P<num>(?:\d+\.\d+|\d+\.(?![A-Za-z_])|\d+|\.\d+)(?:[eE][+-]?\d+)?)"
    r"|(?P<word>[A-Za-z](?:[A-Za-z0-9]|_\{[A-Za-z0-9]+\}|_)*)"
    r"|(?P<cmd>\\[A-Za-z]+|\\[{}|])"
    r"|(?P<op>\*\*|[-+*/@^',.()\[\]{}])"
)

GREEK_LETTERS = {
    "α": "alpha", "β": "beta", "γ": "gamma", "Γ": "Gamma", "δ": "delta", "Δ": "Delta",
    "ε": "epsilon", "ϵ": "epsilon", "ζ": "zeta", "η": "eta", "θ": "theta", "Θ": "Theta",
    "ι": "iota", "κ": "kappa", "λ": "lambda", "Λ": "Lambda", "μ": "mu", "ν": "nu",
    "ξ": "xi", "Ξ": "Xi", "π": "pi", "Π": "Pi", "ρ": "rho", "σ": "sigma", "Σ": "Sigma",
    "τ": "tau", "υ": "upsilon", "φ": "phi", "ϕ": "phi", "Φ": "Phi", "χ": "chi",
    "ψ": "psi", "Ψ": "Psi", "ω": "omega", "Ω": "Omega",
}  # fmt: skip

# Single Unicode characters standing for an ASCII lexeme.
_UNICODE_OPS = {
    "·": ("op", "*"), "⋅": ("op", "*"), "×": ("op", "*"), "−": ("op", "-"),
    "⊙": ("op", "odot"), "∘": ("op", "odot"), "′": ("op", "'"), "⊤": ("cmd", "top"),
    "（": ("open", "("), "）": ("close", ")"),
}  # fmt: skip

_SUPERSCRIPTS = {"⁻": "-", "ᵀ": "T", "⁰": "0", "¹": "1", "²": "2", "³": "3", "⁴": "4",
                 "⁵": "5", "⁶": "6", "⁷": "7", "⁸": "8", "⁹": "9"}  # fmt: skip

_SPACES = {"\u00a0", "\u2009", "\u202f", "\u200b"}

# \left( ... \right) and the \big family size a delimiter: only the delimiter matters.
_SIZERS = {
    "left", "right", "bigl", "bigr", "Bigl", "Bigr", "biggl", "biggr", "Biggl", "Biggr",
    "big", "Big", "bigg", "Bigg",
}  # fmt: skip
_SPACE_COMMANDS = {"displaystyle", "limits", "rm", "bf", "sf", "it", "negthinspace"}
# Spacing commands that separate what they stand between, like `\,` `\:` `\;` `\ ` (lexed as
# gaps): a bracketless function's operand ends there (`\det X \, X^{-T}` is det(X) X^{-T}).
_GAP_COMMANDS = {
    "quad", "qquad", "enspace", "thinspace", "medspace", "thickspace", "enskip", "space",
}  # fmt: skip

_REFUSED = {
    "%": "'%' at {p} is not an operator here: write hadamard(A, B) or A \\odot B",
    "=": "'=' at {p}: write only the expression, with no '=', comparison or keyword argument",
    "<": "'<' at {p}: comparisons are not part of an answer; write only the expression",
    ">": "'>' at {p}: comparisons are not part of an answer; write only the expression",
    "!": "'!' at {p} is not part of the language; write only the expression",
    '"': "text in quotes at {p} is not part of the language; write a formula",
    "|": "'|' at {p}: write det(X) for a determinant, abs(x) or norm_fro(X) for a size",
    "_": "'_' at {p}: a name starts with a letter",
    ":": "':' at {p} is not part of the language; write only the expression",
    ";": "';' at {p}: write a single expression",
    "#": "'#' at {p}: comments are not part of an answer",
    "&": "'&' at {p} is not part of the language; write only the expression",
}


def lex(text: str) -> list[Token]:
    """Split `text` into tokens; raises Rejected on a character the language does not use."""
    if len(text) > MAX_LENGTH:
        raise Rejected(f"the answer is too long: at most {MAX_LENGTH} characters", MAX_LENGTH)
    tokens: list[Token] = []
    index, spaced, gap = 0, False, False

    def add(token: Token) -> None:
        tokens.append(replace(token, gap=True) if gap else token)

    while index < len(text):
        char = text[index]
        if char in _SPACES:
            index, spaced = index + 1, True
            continue
        if char in GREEK_LETTERS or char in _UNICODE_OPS:
            kind, value = _UNICODE_OPS.get(char, ("word", GREEK_LETTERS.get(char, "")))
            add(Token(kind, value, index, spaced, exact=True))
            index, spaced, gap = index + 1, False, False
            continue
        if char in _SUPERSCRIPTS:
            end = index
            while end < len(text) and text[end] in _SUPERSCRIPTS:
                end += 1
            script = "".join(_SUPERSCRIPTS[c] for c in text[index:end])
            add(Token("sup", script, index, spaced))
            index, spaced, gap = end, False, False
            continue
        match = _LEXEME.match(text, index)
        if match is None:
            if char in _REFUSED:
                raise Rejected(_REFUSED[char].format(p=index), index)
            raise Rejected(f"unexpected character {char!r} at {index}", index)
        kind, lexeme = match.lastgroup or "", match.group()
        end = match.end()
        if kind in ("space", "gap"):
            index, spaced, gap = end, True, gap or kind == "gap"
            continue
        if lexeme == "'" and (spaced or not tokens or tokens[-1].kind in ("op", "open")):
            if not tokens or tokens[-1].text != "'":
                raise Rejected(f"text in quotes at {index} is not part of the language", index)
        if kind == "word" and lexeme in ("np", "numpy", "scipy"):
            lexeme, end = _dotted_name(text, end, lexeme)
        if kind == "cmd":
            token, end = _command(text, index, end, spaced)
            if token is None:
                gap = gap or lexeme[1:] in _GAP_COMMANDS
                index, spaced = end, True
                continue
            add(token)
        else:
            add(_plain(kind, lexeme, index, spaced))
        index, spaced, gap = end, False, False
    return tokens


def _plain(kind: str, lexeme: str, index: int, spaced: bool) -> Token:
    if kind == "op" and lexeme in "([{":
        return Token("open", lexeme, index, spaced)
    if kind == "op" and lexeme in ")]}":
        return Token("close", lexeme, index, spaced)
    if kind == "word":
        lexeme = re.sub(r"_\{([A-Za-z0-9]+)\}", r"_\1", lexeme)
    return Token(kind, lexeme, index, spaced)


_DOTTED = re.compile(r"\.([A-Za-z_][A-Za-z0-9_]*)")


def _dotted_name(text: str, end: int, head: str) -> tuple[str, int]:
    """`np.linalg.inv` as one word."""
    name = head
    while match := _DOTTED.match(text, end):
        name, end = f"{name}.{match.group(1)}", match.end()
    return name, end


_DELIMITERS = re.compile(r"\s*(\(|\)|\[|\]|\\\{|\\\}|\.|\||\\\||\\[lr]?[vV]ert)")


def _command(text: str, start: int, end: int, spaced: bool) -> tuple[Token | None, int]:
    """A backslash command; None for spacing commands and null delimiters."""
    name = text[start + 1 : end]
    if name == "{":
        return Token("open", "{", start, spaced), end
    if name == "}":
        return Token("close", "}", start, spaced), end
    if name == "|":
        raise Rejected(f"'\\|' at {start}: write norm_fro(X) for a norm", start)
    if name in _SPACE_COMMANDS or name in _GAP_COMMANDS:
        return None, end
    if name not in _SIZERS:
        return Token("cmd", name, start, spaced), end
    match = _DELIMITERS.match(text, end)
    if match is None:
        raise Rejected(f"'\\{name}' at {start} needs a bracket after it, as in \\left(", start)
    delimiter = match.group(1)
    if delimiter == ".":
        return None, match.end()
    if delimiter in ("(", "[", "\\{"):
        return Token("open", "(", start, spaced), match.end()
    if delimiter in (")", "]", "\\}"):
        return Token("close", ")", start, spaced), match.end()
    raise Rejected(
        f"'{delimiter}' at {match.start(1)}: write det(X) for a determinant, norm_fro(X) "
        "or abs(x) for a size",
        match.start(1),
    )

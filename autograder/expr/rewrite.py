"""Tokens to Python source that `ast.parse` reads: the textbook spelling becomes Python's.

Every name and number becomes a placeholder (`_0`, `_1`, ...) whose meaning is kept in a
table, so the Python text holds only placeholders, operators, brackets, commas, `.T` and `.I`.
Rewrites: `^T` `'` `ᵀ` -> `.T`; `^{-1}` `⁻¹` -> `.I`; `^{-T}` -> `.I.T`; `^e` -> `**(e)`;
juxtaposition -> `*`; `\\odot` -> `%`; `\\frac{a}{b}` -> `((a)/(b))`; a function name with no
bracket after it applies to the juxtaposition run that follows (`\\det X`, `tr A B`), which ends
at an operator, a comma, a closing bracket, a LaTeX space (`\\,` `\\;` `\\quad`) or the next
function name once it has an operand (`\\det X \\operatorname{tr}(Y)`; `\\log\\exp X` nests).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

from autograder.expr.names import AMBIGUOUS, Meaning, Vocabulary
from autograder.expr.tokens import Rejected, Token, lex

MAX_NESTING = 40
MAX_NUMBER = 1e15

_FONTS = {
    "operatorname", "mathrm", "text", "textrm", "textnormal", "mathit", "textit", "mathsf",
    "mathbf", "boldsymbol", "bm", "textbf", "mathbb", "vec", "mathcal", "pmb",
}  # fmt: skip
_TRANSPOSE_MARKS = {"T", "top", "intercal", "prime", "'"}
_FRACTIONS = {"frac", "dfrac", "tfrac", "cfrac"}
_BINARY_COMMANDS = {"cdot": "*", "times": "*", "odot": "odot", "circ": "odot"}
_PYTHON_OPS = {"**": "**", "+": "+", "-": "-", "*": "*", "/": "/", "@": "@", "odot": "%", ",": ","}
_CLOSERS = {"(": ")", "[": "]", "{": "}"}


@dataclass(frozen=True)
class Rewritten:
    """Python source, the original position of each of its characters, the placeholders."""

    source: str
    origin: tuple[int, ...]
    names: dict[str, Meaning] = field(hash=False)


def rewrite(text: str, symbols: Iterable[str], dims: Iterable[str] = ()) -> Rewritten:
    """The Python source for `text`; raises Rejected with a reason and a position."""
    vocabulary = Vocabulary(frozenset(symbols), frozenset(dims))
    tokens = _prepare(lex(text), vocabulary)
    if not tokens:
        raise Rejected("empty answer", 0)
    writer = _Writer(tokens, vocabulary)
    writer.sequence(0, len(tokens), 0)
    source: list[str] = []
    origin: list[int] = []
    for piece, position in writer.out:
        source.append(piece + " ")
        origin.extend([position] * (len(piece) + 1))
    return Rewritten("".join(source), tuple(origin), writer.names)


def _prepare(tokens: list[Token], vocabulary: Vocabulary) -> list[Token]:
    """Cut tokens to size before writing: `Ax` -> A x, `^Tx` -> ^ T x, `\\frac12` -> 1 2, and
    `\\mathbf{x}` -> x. Words after `^` or `.` are left for the writer to judge."""
    out: list[Token] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        index += 1
        previous = out[-1] if out else None
        if token.kind == "cmd" and token.text in _BINARY_COMMANDS:
            out.append(Token("op", _BINARY_COMMANDS[token.text], token.position, token.spaced))
            continue
        if token.kind == "cmd" and token.text in _FONTS:
            inner = _font_name(tokens, index, vocabulary, _in_exponent(out))
            if inner is not None:
                out.append(inner)
                index += 3
            continue
        after_frac = previous is not None and previous.kind == "cmd" and previous.text in _FRACTIONS
        cut = (after_frac and token.kind == "num" and token.text.isdigit()) or (
            token.kind == "word" and (after_frac or _in_exponent(out))
        )
        if cut and not token.exact:
            out.append(
                Token(token.kind, token.text[0], token.position, token.spaced, gap=token.gap)
            )
            if len(token.text) > 1:
                tokens[index - 1 : index] = [Token(token.kind, token.text[1:], token.position + 1)]
                index -= 1
            continue
        attribute = previous is not None and previous.text == "." and not token.spaced
        if token.kind != "word" or token.exact or attribute or vocabulary.meaning(token.text, 0):
            out.append(token)
            continue
        if token.text in AMBIGUOUS:
            reason = AMBIGUOUS[token.text]
            raise Rejected(f"'{token.text}' at {token.position} {reason}", token.position)
        if token.text.startswith(("np.", "numpy.", "scipy.")):
            raise Rejected(f"unknown function '{token.text}' at {token.position}", token.position)
        at = token.position
        try:
            pieces = vocabulary.split(token.text, token.position)
        except Rejected as rejected:
            follows = tokens[index] if index < len(tokens) else None
            called = follows is not None and follows.text == "(" and not follows.spaced
            if not called or rejected.position != at:
                raise
            raise Rejected(
                f"unknown function '{token.text}' at {at}: {vocabulary.function_listing()}", at
            ) from None
        for piece in pieces:
            first = at == token.position
            out.append(
                Token(
                    "word", piece, at, token.spaced and first, exact=True, gap=token.gap and first
                )
            )
            at += len(piece)
    return out


def _in_exponent(out: list[Token]) -> bool:
    """Whether the next token starts an exponent: after `^`, `^-`, `^{` or `^{-`."""
    texts = [t.text for t in out[-3:]]
    if texts[-1:] == ["-"]:
        texts.pop()
    if texts[-1:] in (["{"], ["("]):
        texts.pop()
    return texts[-1:] == ["^"]


def _font_name(
    tokens: list[Token], index: int, vocabulary: Vocabulary, exponent: bool
) -> Token | None:
    """The name in `\\mathbf{x}` or `\\operatorname{tr}` as an exact word; `\\mathbf{1}` is ones,
    and `^{\\mathsf{T}}` a transpose."""
    if index + 2 >= len(tokens) or tokens[index].text != "{" or tokens[index + 2].text != "}":
        return None
    inner = tokens[index + 1]
    text = "ones" if inner.kind == "num" and inner.text == "1" else inner.text
    known = vocabulary.meaning(text, 0) is not None or (exponent and text == "T")
    if inner.kind not in ("word", "num") or not known:
        return None
    font = tokens[index - 1]
    return Token("word", text, inner.position, font.spaced, exact=True, gap=font.gap)


@dataclass
class _Run:
    """A function name with no bracket: it applies to the atoms that follow."""

    name: str
    position: int
    has_atom: bool = False


class _Writer:
    def __init__(self, tokens: list[Token], vocabulary: Vocabulary) -> None:
        self.tokens = tokens
        self.vocabulary = vocabulary
        self.out: list[tuple[str, int]] = []
        self.names: dict[str, Meaning] = {}

    # -- output ---------------------------------------------------------------------------

    def emit(self, text: str, position: int) -> None:
        self.out.append((text, position))

    def placeholder(self, meaning: Meaning) -> None:
        key = f"_{len(self.names)}"
        self.names[key] = meaning
        self.emit(key, meaning.position)

    # -- structure ------------------------------------------------------------------------

    def matching(self, index: int, limit: int) -> int:
        """The index of the bracket closing the one at `index`."""
        stack = [self.tokens[index]]
        for at in range(index + 1, limit):
            token = self.tokens[at]
            if token.kind == "open":
                stack.append(token)
            elif token.kind == "close":
                opener = stack.pop()
                if _CLOSERS[opener.text] != token.text:
                    raise Rejected(
                        f"'{token.text}' at {token.position} does not match "
                        f"'{opener.text}' at {opener.position}",
                        token.position,
                    )
                if not stack:
                    return at
        opener = stack[-1]
        raise Rejected(f"'{opener.text}' at {opener.position} is never closed", opener.position)

    def group(self, index: int, limit: int, depth: int, parens: bool = True) -> int:
        """Write the bracketed group opening at `index`; returns the index after it."""
        opener = self.tokens[index]
        if depth >= MAX_NESTING:
            raise Rejected(
                f"brackets nested too deeply at {opener.position} (at most {MAX_NESTING})",
                opener.position,
            )
        close = self.matching(index, limit)
        if close == index + 1:
            raise Rejected(f"empty brackets at {opener.position}", opener.position)
        if parens:
            self.emit("(", opener.position)
        self.sequence(index + 1, close, depth + 1)
        if parens:
            self.emit(")", self.tokens[close].position)
        return close + 1

    def argument(self, index: int, limit: int, depth: int, owner: Token) -> int:
        """A LaTeX argument: a braced group or a single token; returns the next index."""
        if index >= limit:
            shown = f"\\{owner.text}" if owner.kind == "cmd" else owner.text
            raise Rejected(f"'{shown}' at {owner.position} needs an argument", owner.position)
        token = self.tokens[index]
        if token.kind == "open":
            return self.group(index, limit, depth)
        self.emit("(", token.position)
        self.sequence(index, index + 1, depth + 1)
        self.emit(")", token.position)
        return index + 1

    # -- the main loop ----------------------------------------------------------------------

    def sequence(self, index: int, limit: int, depth: int) -> None:
        """Write tokens[index:limit], a region with balanced brackets."""
        state = _State()
        while index < limit:
            token = self.tokens[index]
            kind = token.kind
            if kind == "close":
                raise Rejected(
                    f"'{token.text}' at {token.position} has no opening bracket", token.position
                )
            if kind in ("word", "cmd"):
                index = self.name(index, limit, depth, state)
            elif kind == "num":
                self.number(token, state)
                index += 1
            elif kind == "open":
                if token.text == "[" and state.atom_end and not token.spaced:
                    raise Rejected(
                        f"'[' at {token.position}: subscripts like A[0] are not supported; "
                        "use ( ) for grouping",
                        token.position,
                    )
                self.before_atom(token, state)
                index = self.group(index, limit, depth)
                state.atom_end = True
            elif kind == "sup":
                self.superscript(token, token.text, state)
                index += 1
            elif token.text == "^":
                index = self.caret(index, limit, depth, state)
            else:
                index = self.operator(index, limit, state)
        self.close_runs(state)
        if not state.atom_end:
            last = self.tokens[limit - 1]
            shown = "\\odot" if last.text == "odot" else last.text
            raise Rejected(f"'{shown}' at {last.position} needs something after it", last.position)

    def before_atom(self, token: Token, state: _State) -> None:
        if token.gap:
            self.end_runs(state)
        if state.atom_end:
            self.emit("*", token.position)
        for run in state.runs:
            run.has_atom = True

    def end_runs(self, state: _State) -> None:
        """Close the open bracketless runs if they have their operand: at a function name
        (`\\det X \\operatorname{tr}(Y)` is det(X) tr(Y)) or a LaTeX space (`\\det X \\, Y`).
        A function right after another one, with no operand yet, nests: `\\exp\\operatorname{tr} X`.
        """
        if state.runs and state.runs[-1].has_atom:
            self.close_runs(state)

    def close_runs(self, state: _State) -> None:
        while state.runs:
            run = state.runs.pop()
            if not run.has_atom:
                raise Rejected(f"'{run.name}' at {run.position} needs an argument", run.position)
            self.emit(")", run.position)
            state.atom_end = True

    def number(self, token: Token, state: _State) -> None:
        value = float(token.text)
        if not math.isfinite(value) or value > MAX_NUMBER:
            raise Rejected(
                f"the number '{token.text}' at {token.position} is too large", token.position
            )
        self.before_atom(token, state)
        self.placeholder(Meaning("number", value, token.text, token.position))
        state.atom_end = True

    def name(self, index: int, limit: int, depth: int, state: _State) -> int:
        """A word or a backslash command; returns the next index."""
        token = self.tokens[index]
        if token.kind == "cmd" and token.text in _FRACTIONS:
            self.before_atom(token, state)
            self.emit("((", token.position)
            index = self.argument(index + 1, limit, depth, token)
            self.emit(")/(", token.position)
            index = self.argument(index, limit, depth, token)
            self.emit("))", token.position)
            state.atom_end = True
            return index
        if token.kind == "cmd" and token.text == "sqrt":
            follows = self.tokens[index + 1] if index + 1 < limit else None
            if follows is not None and follows.text == "[":
                raise Rejected(
                    f"only square roots at {token.position}: write \\sqrt{{x}}", token.position
                )
            self.end_runs(state)
            self.before_atom(token, state)
            self.placeholder(Meaning("function", "sqrt", "\\sqrt", token.position))
            state.atom_end = True
            return self.argument(index + 1, limit, depth, token)
        if token.kind == "cmd" and token.text in ("top", "intercal", "T"):
            self.superscript(token, "T", state)
            return index + 1
        meaning = self.vocabulary.meaning(token.text, token.position)
        if meaning is None:
            raise Rejected(self.vocabulary.unknown(token), token.position)
        return self.meaning(meaning, index, limit, depth, state)

    def meaning(self, meaning: Meaning, index: int, limit: int, depth: int, state: _State) -> int:
        """Write the resolved name at tokens[index]; returns the next index."""
        token = self.tokens[index]
        follows = self.tokens[index + 1] if index + 1 < limit else None
        bracket = follows is not None and follows.kind == "open"
        if meaning.kind in ("identity", "ones") and bracket and meaning.value is None:
            function = "I" if meaning.kind == "identity" else "ones"
            meaning = Meaning("function", function, meaning.text, meaning.position)
        if meaning.text == "e" and meaning.kind == "number" and follows and follows.text == "^":
            return self.euler(index, limit, depth, state)
        if meaning.kind != "function":
            self.before_atom(token, state)
            self.placeholder(meaning)
            state.atom_end = True
            return index + 1
        if meaning.value == "log" and not bracket and self.is_det(follows):
            meaning = Meaning("function", "logdet", meaning.text, meaning.position)
            index += 1
            follows = self.tokens[index + 1] if index + 1 < limit else None
            bracket = follows is not None and follows.kind == "open"
        if meaning.value not in ("eye", "ones", "I"):
            self.end_runs(state)
        self.before_atom(token, state)
        self.placeholder(meaning)
        if bracket:
            self.emit("(", follows.position)
            index = self.group(index + 1, limit, depth, parens=False)
            self.emit(")", self.tokens[index - 1].position)
            state.atom_end = True
            return index
        if meaning.value in ("eye", "ones", "I"):
            raise Rejected(
                f"'{meaning.text}' at {meaning.position} needs a size, as in {meaning.text}(n)",
                meaning.position,
            )
        self.emit("(", token.position)
        state.runs.append(_Run(meaning.text, meaning.position))
        state.atom_end = False
        return index + 1

    def euler(self, index: int, limit: int, depth: int, state: _State) -> int:
        """`e^{x}` (with `e` not declared) is exp(x); returns the next index."""
        token = self.tokens[index]
        self.before_atom(token, state)
        self.placeholder(Meaning("function", "exp", "e", token.position))
        index = self.argument(index + 2, limit, depth, self.tokens[index + 1])
        state.atom_end = True
        return index

    def is_det(self, token: Token | None) -> bool:
        if token is None or token.kind not in ("word", "cmd"):
            return False
        found = self.vocabulary.meaning(token.text, token.position)
        return found is not None and found.kind == "function" and found.value == "det"

    def caret(self, index: int, limit: int, depth: int, state: _State) -> int:
        """`^` and its exponent: a transpose, an inverse or a power; returns the next index."""
        caret = self.tokens[index]
        if not state.atom_end:
            raise Rejected(f"'^' at {caret.position} needs something before it", caret.position)
        if index + 1 >= limit:
            raise Rejected(f"'^' at {caret.position} needs an exponent", caret.position)
        follows = self.tokens[index + 1]
        if follows.kind == "open":
            close = self.matching(index + 1, limit)
            mark = _script_mark("".join(t.text for t in self.tokens[index + 2 : close]))
            if mark is not None:
                self.emit(mark, caret.position)
                return close + 1
            self.emit("**", caret.position)
            return self.group(index + 1, limit, depth)
        if follows.kind == "sup":
            return index + 1
        sign, at = ("-", index + 2) if follows.text == "-" else ("", index + 1)
        exponent = self.tokens[at] if at < limit else None
        if exponent is not None and exponent.kind in ("word", "cmd", "num"):
            mark = _script_mark(sign + exponent.text)
            if mark is not None:
                self.emit(mark, caret.position)
                return at + 1
            if exponent.kind == "num":
                self.emit("**", caret.position)
                self.emit(f"({sign}", exponent.position)
                self.number(exponent, _State())
                self.emit(")", exponent.position)
                return at + 1
        raise Rejected(
            f"'^' at {caret.position} needs a constant exponent: write x^2, X^{{-1}} or A^T",
            caret.position,
        )

    def superscript(self, token: Token, script: str, state: _State) -> None:
        """A Unicode superscript such as ᵀ, ⁻¹ or ²."""
        if not state.atom_end:
            raise Rejected(
                f"'{script}' at {token.position} needs something before it", token.position
            )
        mark = _script_mark(script)
        if mark is not None:
            self.emit(mark, token.position)
        elif script.lstrip("-").isdigit() and script.count("-") <= 1:
            self.emit("**", token.position)
            self.emit("(-" if script.startswith("-") else "(", token.position)
            self.number(Token("num", script.lstrip("-"), token.position), _State())
            self.emit(")", token.position)
        else:
            raise Rejected(
                f"the superscript at {token.position} is not an exponent", token.position
            )

    def operator(self, index: int, limit: int, state: _State) -> int:
        token = self.tokens[index]
        text = token.text
        if text == "'":
            if not state.atom_end or token.spaced:
                raise Rejected(
                    f"text in quotes at {token.position} is not part of the language; "
                    "for a transpose write A' or A^T",
                    token.position,
                )
            self.emit(".T", token.position)
            return index + 1
        if text == ".":
            return self.attribute(index, limit, state)
        shown = "\\odot" if text == "odot" else text
        if text in ("+", "-") and not state.atom_end:
            self.emit(text, token.position)
            return index + 1
        if not state.atom_end:
            self.close_runs(state)
            raise Rejected(
                f"'{shown}' at {token.position} needs something before it", token.position
            )
        if text != "**":
            self.close_runs(state)
        self.emit(_PYTHON_OPS[text], token.position)
        state.atom_end = False
        return index + 1

    def attribute(self, index: int, limit: int, state: _State) -> int:
        token = self.tokens[index]
        follows = self.tokens[index + 1] if index + 1 < limit else None
        if follows is None or follows.kind != "word" or follows.spaced:
            raise Rejected(f"unexpected '.' at {token.position}", token.position)
        if follows.text not in ("T", "I"):
            raise Rejected(
                f"'.{follows.text}' at {token.position}: the only attributes are .T (transpose) "
                "and .I (inverse)",
                token.position,
            )
        if not state.atom_end:
            raise Rejected(
                f"'.{follows.text}' at {token.position} needs something before it", token.position
            )
        self.emit("." + follows.text, token.position)
        return index + 2


@dataclass
class _State:
    """Per bracket level: whether the last thing written ends an operand, and open runs."""

    atom_end: bool = False
    runs: list[_Run] = field(default_factory=list)


def _script_mark(inner: str) -> str | None:
    """The postfix for an exponent that is a transpose or an inverse, else None."""
    inner = inner.replace("{", "").replace("}", "")
    if inner in _TRANSPOSE_MARKS:
        return ".T"
    if inner == "-1":
        return ".I"
    if inner.startswith("-") and inner[1:] in _TRANSPOSE_MARKS:
        return ".I.T"
    return None

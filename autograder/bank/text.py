"""Statement text: placeholders filled per variant, symbol names as LaTeX, and a render check.

Placeholders are written `[[name]]` (double square brackets, which neither Markdown nor LaTeX
math uses, unlike braces). `name` is a symbol, a dimension, a constant or a case key of the
problem; the variant puts in the drawn value. A literal `[[` cannot occur in a statement.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

PLACEHOLDER = re.compile(r"\[\[([A-Za-z_][A-Za-z0-9_]*)\]\]")

GREEK = (
    "alpha beta gamma delta epsilon zeta eta theta iota kappa mu nu xi pi rho sigma tau "
    "upsilon phi chi psi omega Gamma Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega"
).split()
_SPELLED = {"lam": r"\lambda", "lambda": r"\lambda", "eps": r"\epsilon"}

# Commands KaTeX and MathJax both accept, as far as the bank uses them.
ALLOWED_COMMANDS = frozenset(
    (
        r"\top \operatorname \mathrm \mathbf \mathbb \mathcal \boldsymbol \text \textbf \frac "
        r"\dfrac \tfrac \sqrt \left \right \big \Big \bigl \bigr \partial \nabla \cdot \times "
        r"\odot \circ \otimes \sum \prod \log \det \exp \ln \min \max \arg \operatorname "
        r"\quad \qquad \le \leq \ge \geq \ne \neq \approx \sim \in \to \mapsto \infty "
        r"\lVert \rVert \Vert \vert \lvert \rvert \mid \langle \rangle \ldots \dots \cdots "
        r"\vdots \ddots \mathsf \begin \end \hat \bar \tilde \widehat \mathrm \, \; \! \{ \} "
        r"\| \_ \% \$ \, \underbrace \overbrace \star \ast \ell \propto \equiv \forall \succ "
        r"\preceq \succeq \mathop \operatorname \top \intercal \text \displaystyle \tr "
        r"\sigma \mathbf \qquad \colon \cap \cup \setminus \emptyset \varepsilon \vartheta "
        r"\varphi \lambda \Lambda \quad \rm \bf \iff \implies \Rightarrow \rightarrow \mathit"
    ).split()
    + [f"\\{g}" for g in GREEK]
) - {r"\tr"}  # \tr is not a KaTeX command: write \operatorname{tr}

ENVIRONMENTS = frozenset(("bmatrix", "pmatrix", "matrix", "aligned", "cases", "array"))


def symbol_tex(name: str) -> str:
    """How a symbol name is typeset: Greek names become letters, `x0` becomes x_0."""
    for suffix, accent in (("bar", r"\bar"), ("hat", r"\hat")):
        if name.endswith(suffix) and len(name) > len(suffix):
            return f"{accent}{{{symbol_tex(name[: -len(suffix)])}}}"
    if name in _SPELLED:
        return "{" + _SPELLED[name] + "}"
    match = re.fullmatch(r"([A-Za-z]+?)(\d+)", name)
    if match and not name[-1:].isalpha():
        return f"{symbol_tex(match.group(1))}_{{{match.group(2)}}}"
    if name in GREEK:
        return f"{{\\{name}}}"
    if len(name) > 1:
        return rf"\mathit{{{name}}}"
    return name


def placeholders(text: str) -> set[str]:
    """The names of the placeholders in `text`."""
    return set(PLACEHOLDER.findall(text))


def fill(text: str, values: Mapping[str, str]) -> str:
    """`text` with every `[[name]]` replaced; an unknown name raises ValueError."""

    def put(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in values:
            raise ValueError(
                f"placeholder [[{name}]] names nothing the problem declares: "
                f"use one of {sorted(values)}"
            )
        value = values[name]
        # `\top[[W]]` must not become the unknown command `\topW`.
        if value[:1].isalpha() and re.search(r"\\[A-Za-z]+$", match.string[: match.start()]):
            return " " + value
        return value

    return PLACEHOLDER.sub(put, text)


def _math_segments(markdown: str) -> tuple[list[str], list[str]]:
    """The math segments of `markdown` ($$...$$ and $...$) and the problems found on the way."""
    problems: list[str] = []
    text = markdown.replace(r"\$", "")
    segments: list[str] = []
    display = text.split("$$")
    if len(display) % 2 == 0:
        problems.append("unbalanced $$: a display formula is not closed")
    for i, chunk in enumerate(display):
        if i % 2 == 1:
            segments.append(chunk)
            continue
        inline = chunk.split("$")
        if len(inline) % 2 == 0:
            problems.append("unbalanced $: an inline formula is not closed")
        segments.extend(inline[1::2])
    return segments, problems


_COMMAND = re.compile(r"\\([A-Za-z]+|.)")
_ALLOWED_LETTERS = frozenset(c for c in ALLOWED_COMMANDS if c[1:].isalpha())


def latex_problems(markdown: str) -> list[str]:
    """What would stop KaTeX or MathJax from rendering `markdown`; empty when it renders."""
    segments, problems = _math_segments(markdown)
    if PLACEHOLDER.search(markdown):
        problems.append("an unfilled [[placeholder]] remains")
    for segment in segments:
        if not segment.strip():
            problems.append("an empty formula")
        depth = 0
        for token in re.finditer(r"\\.|[{}]", segment):
            if token.group() == "{":
                depth += 1
            elif token.group() == "}":
                depth -= 1
                if depth < 0:
                    break
        if depth != 0:
            problems.append(f"unbalanced braces in ${segment.strip()[:40]}$")
        lefts = len(re.findall(r"\\left(?![a-zA-Z])", segment))
        rights = len(re.findall(r"\\right(?![a-zA-Z])", segment))
        if lefts != rights:
            problems.append(f"\\left and \\right do not pair in ${segment.strip()[:40]}$")
        for command in _COMMAND.findall(segment):
            if command.isalpha() and f"\\{command}" not in _ALLOWED_LETTERS:
                problems.append(f"unknown LaTeX command \\{command}")
        for env in re.findall(r"\\(?:begin|end)\{([^}]*)\}", segment):
            if env not in ENVIRONMENTS:
                problems.append(f"unknown LaTeX environment {env}")
    outside = re.sub(r"\$\$.*?\$\$|\$[^$]*\$", "", markdown.replace(r"\$", ""), flags=re.S)
    for command in re.findall(r"\\([A-Za-z]+)", outside):
        problems.append(f"LaTeX command \\{command} outside a formula")
    return problems


_SHAPE_SPLIT = re.compile(r"\s*(?:x|X|×|\*|,|by|\\times)\s*")


def parse_shape_text(text: str) -> tuple[str, str] | None:
    """A shape answer as (rows, cols): 'm x n', 'm×n', '(m, n)', 'm by n', '1 x n', 'scalar'.

    Returns None when the text is not a shape.
    """
    body = text.strip().strip("$").strip()
    if body.lower() in ("scalar", "1", "a scalar"):
        return ("1", "1")
    while body[:1] in "([" and body[-1:] in ")]":
        body = body[1:-1].strip()
    pieces = _SHAPE_SPLIT.split(body)
    if len(pieces) != 2 or not all(re.fullmatch(r"[A-Za-z_]\w*|\d+", p) for p in pieces):
        return None
    return (pieces[0], pieces[1])

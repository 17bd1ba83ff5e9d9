"""Identities of The Matrix Cookbook (Petersen & Pedersen, version of 15 November 2012).

Only equation numbers checked against that edition are listed; a problem that rests on an
identity without a number here names the identity in its hints instead. Gradients are in the
Cookbook's own convention, which for a scalar by a matrix is the denominator layout.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

EDITION = "The Matrix Cookbook, K. B. Petersen and M. S. Pedersen, version of 15 November 2012"


@dataclass(frozen=True)
class Identity:
    """One numbered Cookbook equation: its number, its formula in LaTeX and a short name."""

    number: int
    formula: str
    name: str


_D = r"\frac{\partial}{\partial X}"
IDENTITIES: dict[int, Identity] = {
    i.number: i
    for i in (
        Identity(
            36,
            r"\partial \operatorname{tr}(X) = \operatorname{tr}(\partial X)",
            "the differential of a trace",
        ),
        Identity(37, r"\partial(XY) = (\partial X)Y + X(\partial Y)", "the product rule"),
        Identity(40, r"\partial(X^{-1}) = -X^{-1}(\partial X)X^{-1}", "differential of an inverse"),
        Identity(
            41,
            r"\partial \det X = \operatorname{tr}(\operatorname{adj}(X)\,\partial X)",
            "differential of a determinant",
        ),
        Identity(
            42,
            r"\partial \det X = \det(X)\operatorname{tr}(X^{-1}\partial X)",
            "differential of a determinant, invertible X",
        ),
        Identity(
            43,
            r"\partial \ln\det X = \operatorname{tr}(X^{-1}\partial X)",
            "differential of a log-determinant",
        ),
        Identity(44, r"\partial X^\top = (\partial X)^\top", "the differential commutes with ^T"),
        Identity(49, _D + r"\det X = \det(X)\, X^{-\top}", "gradient of a determinant"),
        Identity(57, _D + r"\ln\lvert\det X\rvert = X^{-\top}", "gradient of a log-determinant"),
        Identity(
            59,
            r"\frac{\partial Y^{-1}}{\partial x} = -Y^{-1}\frac{\partial Y}{\partial x}"
            r"Y^{-1}",
            "derivative of an inverse",
        ),
        Identity(
            61,
            _D + r"a^\top X^{-1} b = -X^{-\top} a b^\top X^{-\top}",
            "bilinear form in an inverse",
        ),
        Identity(
            63,
            _D + r"\operatorname{tr}(A X^{-1} B) = -(X^{-1} B A X^{-1})^\top",
            "trace of a product with an inverse",
        ),
        Identity(
            69,
            r"\frac{\partial x^\top a}{\partial x} = \frac{\partial a^\top x}"
            r"{\partial x} = a",
            "linear form",
        ),
        Identity(70, _D + r"a^\top X b = a b^\top", "bilinear form in a matrix"),
        Identity(71, _D + r"a^\top X^\top b = b a^\top", "bilinear form in a transpose"),
        Identity(81, r"\frac{\partial x^\top B x}{\partial x} = (B + B^\top)x", "quadratic form"),
        Identity(100, _D + r"\operatorname{tr}(XA) = A^\top", "trace of a product"),
        Identity(
            101,
            _D + r"\operatorname{tr}(AXB) = A^\top B^\top",
            "trace of a product, X in the middle",
        ),
        Identity(
            102, _D + r"\operatorname{tr}(A X^\top B) = B A", "trace of a product with X transposed"
        ),
        Identity(103, _D + r"\operatorname{tr}(X^\top A) = A", "trace of a transposed product"),
        Identity(104, _D + r"\operatorname{tr}(A X^\top) = A", "trace of a transposed product"),
        Identity(106, _D + r"\operatorname{tr}(X^2) = 2X^\top", "trace of a square"),
        Identity(
            108,
            _D + r"\operatorname{tr}(X^\top B X) = BX + B^\top X",
            "trace of a quadratic form in a matrix",
        ),
        Identity(
            111,
            _D + r"\operatorname{tr}(X B X^\top) = X B^\top + X B",
            "trace of a quadratic form, X on the outside",
        ),
        Identity(115, _D + r"\operatorname{tr}(X^\top X) = 2X", "squared Frobenius norm"),
        Identity(
            119,
            _D + r"\operatorname{tr}\left[(AXB + C)(AXB + C)^\top\right] = "
            r"2A^\top(AXB + C)B^\top",
            "squared Frobenius norm of an affine map",
        ),
        Identity(121, _D + r"\operatorname{tr}(X^k) = k\,(X^{k-1})^\top", "trace of a power"),
        Identity(
            123,
            _D + r"\operatorname{tr}(A X^{-1} B) = -X^{-\top} A^\top B^\top X^{-\top}",
            "trace with an inverse (second form)",
        ),
    )
}


def unknown_numbers(numbers: Iterable[int]) -> list[int]:
    """The numbers among `numbers` that this module does not list."""
    return [n for n in numbers if n not in IDENTITIES]


def cite(numbers: Iterable[int]) -> str:
    """The reference a feedback text carries: 'see Cookbook eq. (101)'; empty for none."""
    numbers = sorted(set(numbers))
    if not numbers:
        return ""
    label = "eq." if len(numbers) == 1 else "eqs."
    return f"see Cookbook {label} " + ", ".join(f"({n})" for n in numbers)


def study_sheet(numbers: Iterable[int] | None = None) -> str:
    """The identities (all, or those numbered) as Markdown with LaTeX: a study sheet."""
    chosen = sorted(IDENTITIES if numbers is None else set(numbers) & set(IDENTITIES))
    lines = [
        "# Matrix calculus identities used by the matgrade bank",
        "",
        f"Equation numbers refer to {EDITION}. Gradients of a scalar with respect to a matrix "
        "have the shape of the matrix (denominator layout).",
        "",
    ]
    for number in chosen:
        identity = IDENTITIES[number]
        lines += [f"- ({number}) {identity.name}: $${identity.formula}$$", ""]
    return "\n".join(lines)

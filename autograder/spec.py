"""What a check is asked and what it answers: the typed form of DESIGN.md's `check` contract."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

Dim = str | int

LAYOUTS = ("denominator", "numerator")

DIAGNOSES = (
    "correct",
    "parse",
    "shape",
    "layout",
    "sign",
    "scale",
    "symmetric",
    "missing_term",
    "extra_term",
    "mistake",
    "wrong",
    "error",
    "missing",
    "unchecked",
)
"""Verdict codes. `missing` comes only from notebook grading (no answer was captured);
`unchecked` only from the student's self-check, when its reveal policy says nothing of the
value."""

PROPERTIES = (
    "spd",
    "symmetric",
    "invertible",
    "positive",
    "unit_interval",
    "probability",
    "ones",
)


@dataclass(frozen=True)
class SymbolSpec:
    """A symbol's shape and the properties its probe values honour."""

    shape: tuple[Dim, ...] = ()
    spd: bool = False
    symmetric: bool = False
    invertible: bool = False
    positive: bool = False
    unit_interval: bool = False
    probability: bool = False
    ones: bool = False
    value: float | None = None

    def __post_init__(self) -> None:
        if len(self.shape) > 2:
            raise ValueError(f"a shape has at most two entries, not {list(self.shape)}")
        for dim in self.shape:
            if isinstance(dim, bool) or not isinstance(dim, (str, int)):
                raise ValueError(f"a dimension is a name or a whole number, not {dim!r}")
            if isinstance(dim, int) and dim < 1:
                raise ValueError(f"a dimension must be positive, not {dim}")
            if isinstance(dim, str) and not dim.isidentifier():
                raise ValueError(f"a dimension name must be an identifier, not {dim!r}")
        square = len(self.shape) == 2 and self.shape[0] == self.shape[1]
        for prop in ("spd", "symmetric", "invertible"):
            if getattr(self, prop) and not square:
                raise ValueError(f"'{prop}' needs a square matrix, not shape {list(self.shape)}")
        if self.value is not None and self.shape:
            raise ValueError("'value' fixes a scalar: give it only with shape []")

    @property
    def matrix_shape(self) -> tuple[Dim, Dim]:
        """The shape as rows x columns: a scalar is 1 x 1, a vector a column."""
        if not self.shape:
            return (1, 1)
        if len(self.shape) == 1:
            return (self.shape[0], 1)
        return (self.shape[0], self.shape[1])

    @property
    def properties(self) -> tuple[str, ...]:
        """The names of the boolean properties that are set."""
        return tuple(p for p in PROPERTIES if getattr(self, p))


@dataclass(frozen=True)
class Mistake:
    """An anticipated answer with the feedback it earns."""

    answer: str
    feedback: str


@dataclass(frozen=True)
class CheckRequest:
    """One graded comparison: a reference (or an objective) against a student's answer."""

    symbols: Mapping[str, SymbolSpec]
    expected: str | None = None
    objective: str | None = None
    wrt: str | None = None
    constraints: tuple[str, ...] = ()
    layout: str = "denominator"
    mistakes: tuple[Mistake, ...] = ()
    alternatives: tuple[Mistake, ...] = ()
    credit: Mapping[str, float] = field(default_factory=dict)
    seed: int = 0
    data: Mapping[str, object] | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "symbols", MappingProxyType(dict(self.symbols)))
        object.__setattr__(self, "credit", MappingProxyType(dict(self.credit)))
        object.__setattr__(self, "constraints", tuple(self.constraints))
        object.__setattr__(self, "mistakes", tuple(self.mistakes))
        object.__setattr__(self, "alternatives", tuple(self.alternatives))
        if self.layout not in LAYOUTS:
            raise ValueError(f"layout must be 'denominator' or 'numerator', not {self.layout!r}")
        if self.expected is None and (self.objective is None or self.wrt is None):
            raise ValueError("give 'expected', or both 'objective' and 'wrt'")
        if self.wrt is not None and self.wrt not in self.symbols:
            raise ValueError(f"'wrt' names {self.wrt!r}, which is not among the symbols")
        for key, value in self.credit.items():
            if key not in DIAGNOSES:
                raise ValueError(f"credit names an unknown diagnosis {key!r}")
            if not 0.0 <= float(value) <= 1.0:
                raise ValueError(f"credit for {key!r} must lie in [0, 1], not {value}")


@dataclass(frozen=True)
class CheckResult:
    """The verdict on one answer."""

    correct: bool
    score: float
    diagnosis: str
    feedback: str
    authoring_error: str | None = None
    latex: str | None = None
    mistake: int | None = None
    """Index of the declared mistake the answer matched, if any."""

"""The problem model: a problem is a frozen, declarative value, validated when it is built.

A problem declares its symbols, statement, parts and variation; `Problem.variant(i)` turns it
into the concrete variant a student gets (see `autograder.bank.build`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING

from autograder.bank.cookbook import unknown_numbers
from autograder.bank.text import placeholders
from autograder.expr.nodes import BINARY_FUNCTIONS, UNARY_FUNCTIONS
from autograder.spec import LAYOUTS, Dim, Mistake, SymbolSpec

if TYPE_CHECKING:
    from autograder.bank.variants import Variant

__all__ = ["Case", "FollowThrough", "Mistake", "Part", "Problem", "ProblemError", "Sym", "Vary"]

TOPICS = (
    "trace",
    "det-inverse",
    "layout",
    "identities",
    "normal-equations",
    "gaussian-mle",
    "fisher-information",
    "attention",
    "matrix-factorization",
)
KINDS = ("gradient", "expression", "differential", "shape", "choice", "numeric")
EXPRESSION_KINDS = ("gradient", "expression", "differential")
RELATIONS = ("stationary", "hessian")
FOLLOW_MODES = ("root", "match")
MIN_POOL = 10
LAYOUT_PLACEHOLDERS = ("layout", "other_layout", "T")
"""Placeholders every text may use: the layout in force, the other one, and `[[T]]`, which is
`^\\top` in denominator layout and nothing in numerator layout ("the derivative of
tr(C X) is $C[[T]]$")."""
ANSWER = "ANSWER"
"""The symbol that stands for the student's own answer in a follow-through template."""

RESERVED_NAMES = frozenset(
    UNARY_FUNCTIONS + BINARY_FUNCTIONS + ("I", "eye", "ones", "tr", "np", "T", ANSWER)
)


class ProblemError(ValueError):
    """A problem is malformed; the message names the problem and says what to fix."""


def _frozen_map(value: Mapping | None) -> MappingProxyType:
    return MappingProxyType(dict(value or {}))


@dataclass(frozen=True, init=False)
class Sym:
    """A symbol's shape (no entries: scalar; one: column vector; two: matrix) and properties."""

    shape: tuple[Dim, ...]
    spd: bool
    symmetric: bool
    invertible: bool
    positive: bool
    unit_interval: bool
    probability: bool
    ones: bool
    value: float | None

    def __init__(
        self,
        *shape: Dim,
        spd: bool = False,
        symmetric: bool = False,
        invertible: bool = False,
        positive: bool = False,
        unit_interval: bool = False,
        probability: bool = False,
        ones: bool = False,
        value: float | None = None,
    ) -> None:
        values = dict(
            shape=tuple(shape),
            spd=spd,
            symmetric=symmetric,
            invertible=invertible,
            positive=positive,
            unit_interval=unit_interval,
            probability=probability,
            ones=ones,
            value=value,
        )
        for key, value_ in values.items():
            object.__setattr__(self, key, value_)
        self.spec()  # raises on an impossible combination

    def spec(self, dims: Mapping[str, str] | None = None) -> SymbolSpec:
        """This symbol as the engine's SymbolSpec, with dimension names renamed by `dims`."""
        dims = dims or {}
        shape = tuple(dims.get(d, d) if isinstance(d, str) else d for d in self.shape)
        return SymbolSpec(
            shape=shape,
            spd=self.spd,
            symmetric=self.symmetric,
            invertible=self.invertible,
            positive=self.positive,
            unit_interval=self.unit_interval,
            probability=self.probability,
            ones=self.ones,
            value=self.value,
        )


@dataclass(frozen=True)
class FollowThrough:
    """How a part is graded against the student's own answer to an earlier part.

    `root`: this part's answer, put for the earlier part's `wrt`, makes the student's earlier
    answer vanish (a stationary point of the gradient the student found).
    `match`: `template`, with `ANSWER` standing for this part's answer (in denominator layout),
    equals the student's earlier answer (a gradient read off the differential given in (a)).
    """

    part: str
    mode: str = "root"
    template: str | None = None


@dataclass(frozen=True)
class Case:
    """A structural alternative: symbols of the expressions stand for subexpressions (`exprs`),
    and statement placeholders for LaTeX (`tex`, which may hold placeholders itself)."""

    label: str
    exprs: Mapping[str, str] = field(default_factory=dict)
    tex: Mapping[str, str] = field(default_factory=dict)
    answers: Mapping[str, str] = field(default_factory=dict)
    """For choice parts: part id -> the right option key in this case."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "exprs", _frozen_map(self.exprs))
        object.__setattr__(self, "tex", _frozen_map(self.tex))
        object.__setattr__(self, "answers", _frozen_map(self.answers))


@dataclass(frozen=True)
class Draw:
    """The choices of one variant: case, symbol names, dimension names and constants."""

    case: Case | None
    names: Mapping[str, str]
    dims: Mapping[str, str]
    constants: Mapping[str, float]


@dataclass(frozen=True)
class Vary:
    """What varies between variants. Index i picks one option of each choice, mixed-radix, in
    the fixed order: case, then symbol names, dimension names and constants as declared."""

    names: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    dims: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    constants: Mapping[str, tuple[float, ...]] = field(default_factory=dict)
    cases: tuple[Case, ...] = ()

    def __post_init__(self) -> None:
        for name in ("names", "dims", "constants"):
            value = {k: tuple(v) for k, v in getattr(self, name).items()}
            object.__setattr__(self, name, MappingProxyType(value))
        object.__setattr__(self, "cases", tuple(self.cases))

    def radices(self) -> list[int]:
        """The number of options of each choice, in draw order."""
        counts = [len(self.cases)] if self.cases else []
        for group in (self.names, self.dims, self.constants):
            counts += [len(options) for options in group.values()]
        return counts

    @property
    def pool_size(self) -> int:
        """How many distinct variants the declaration gives."""
        return math.prod(self.radices())

    def draw(self, index: int) -> Draw:
        """The choices of variant `index` (taken modulo the pool size)."""
        rest = index % self.pool_size

        def digit(count: int) -> int:
            nonlocal rest
            rest, d = divmod(rest, count)
            return d

        case = self.cases[digit(len(self.cases))] if self.cases else None
        names = {k: v[digit(len(v))] for k, v in self.names.items()}
        dims = {k: v[digit(len(v))] for k, v in self.dims.items()}
        constants = {k: float(v[digit(len(v))]) for k, v in self.constants.items()}
        return Draw(case, names, dims, constants)


@dataclass(frozen=True)
class Part:
    """One graded part. Expression kinds (`gradient`, `expression`, `differential`) are checked
    by the engine; `shape`, `choice` and `numeric` parts by `autograder.bank.grade`.

    - `gradient`: `solution` is the gradient of `objective` with respect to `wrt`, in
      denominator layout (the numerator form is its transpose unless `numerator_solution`).
    - `differential`: `solution` is df written with the direction `d<wrt>` (a symbol the bank
      adds), e.g. `trace(G.T @ dX)`.
    - `expression` with `objective` and `relation`: `stationary` means the gradient of the
      objective vanishes at `wrt` = solution; `hessian` that the solution is its Hessian.
      `witness`, if given, is an independent expression the solution must equal.
    """

    id: str = "a"
    kind: str = "gradient"
    prompt: str = ""
    solution: str = ""
    mistakes: tuple[Mistake, ...] = ()
    alternatives: tuple[Mistake, ...] = ()
    points: float = 1.0
    wrt: str | None = None
    objective: str | None = None
    relation: str | None = None
    witness: str | None = None
    hints: tuple[str, ...] = ()
    cookbook: tuple[int, ...] = ()
    options: Mapping[str, str] = field(default_factory=dict)
    tolerance: float = 1e-6
    follows: FollowThrough | None = None
    numerator_solution: str | None = None
    numerator_mistakes: tuple[Mistake, ...] | None = None
    credit: Mapping[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for name in ("mistakes", "alternatives", "hints", "cookbook"):
            object.__setattr__(self, name, tuple(getattr(self, name)))
        if self.numerator_mistakes is not None:
            object.__setattr__(self, "numerator_mistakes", tuple(self.numerator_mistakes))
        object.__setattr__(self, "options", _frozen_map(self.options))
        object.__setattr__(self, "credit", _frozen_map(self.credit))


_SINGLE_PART_FIELDS = (
    "kind",
    "prompt",
    "wrt",
    "objective",
    "solution",
    "mistakes",
    "alternatives",
    "hints",
    "cookbook",
    "points",
    "relation",
    "witness",
    "numerator_solution",
    "numerator_mistakes",
    "options",
    "tolerance",
)


@dataclass(frozen=True)
class Problem:
    """A problem template. Give `parts`, or for one part its fields directly (`wrt`,
    `objective`, `solution`, `mistakes`, ...), as in STYLE.md."""

    id: str
    topic: str
    symbols: Mapping[str, Sym]
    statement: str
    title: str = ""
    parts: tuple[Part, ...] = ()
    constraints: tuple[str, ...] = ()
    vary: Vary = field(default_factory=Vary)
    declare: bool = True
    """Append a sentence declaring every symbol's shape and properties to the statement."""
    layout_tex: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    """Placeholders whose text depends on the layout in force: layout -> key -> LaTeX."""
    # Single-part shorthand:
    kind: str = "gradient"
    prompt: str = ""
    wrt: str | None = None
    objective: str | None = None
    solution: str = ""
    mistakes: tuple[Mistake, ...] = ()
    alternatives: tuple[Mistake, ...] = ()
    hints: tuple[str, ...] = ()
    cookbook: tuple[int, ...] = ()
    points: float = 2.0
    relation: str | None = None
    witness: str | None = None
    numerator_solution: str | None = None
    numerator_mistakes: tuple[Mistake, ...] | None = None
    options: Mapping[str, str] = field(default_factory=dict)
    tolerance: float = 1e-6

    def __post_init__(self) -> None:
        object.__setattr__(self, "symbols", _frozen_map(self.symbols))
        object.__setattr__(self, "constraints", tuple(self.constraints))
        object.__setattr__(
            self, "layout_tex", _frozen_map({k: _frozen_map(v) for k, v in self.layout_tex.items()})
        )
        if not self.title:
            object.__setattr__(self, "title", self.id.replace("-", " ").capitalize())
        if self.parts and self.solution:
            self.fail("give either `parts` or the single-part fields (solution, ...), not both")
        if not self.parts:
            single = Part(id="a", **{k: getattr(self, k) for k in _SINGLE_PART_FIELDS})
            object.__setattr__(self, "parts", (single,))
        object.__setattr__(self, "parts", tuple(self.parts))
        self._validate()
        self.variant(0)  # parses every expression and checks that shapes conform
        self.variant(0, layout="numerator")

    def fail(self, message: str) -> None:
        """Raise ProblemError naming this problem."""
        raise ProblemError(f"problem {self.id!r}: {message}")

    def variant(self, index: int, layout: str = "denominator") -> Variant:
        """The concrete variant number `index` (modulo the pool size) in `layout`."""
        from autograder.bank.build import build_variant

        return build_variant(self, index, layout)

    @property
    def pool_size(self) -> int:
        return self.vary.pool_size

    @property
    def graded_points(self) -> float:
        return sum(p.points for p in self.parts)

    @property
    def kinds(self) -> str:
        """The kinds of the parts, e.g. 'gradient' or 'differential+gradient'."""
        return "+".join(dict.fromkeys(p.kind for p in self.parts))

    def dims(self) -> list[str]:
        """The dimension names the symbols use, in order of appearance."""
        found: dict[str, None] = {}
        for sym in self.symbols.values():
            found.update({d: None for d in sym.shape if isinstance(d, str)})
        return list(found)

    def _validate(self) -> None:
        if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", self.id):
            self.fail("the id is lowercase words joined by '-', e.g. 'quadratic-form'")
        if self.topic not in TOPICS:
            self.fail(f"unknown topic {self.topic!r}: use one of {', '.join(TOPICS)}")
        self._validate_names()
        self._validate_vary()
        seen: list[str] = []
        for index, part in enumerate(self.parts):
            expected_id = "abcdefghij"[index]
            if part.id != expected_id:
                self.fail(f"part {index + 1} must have id {expected_id!r}, not {part.id!r}")
            self._validate_part(part, seen)
            seen.append(part.id)
        known = set(self.symbols) | set(self.dims()) | set(self.vary.constants)
        known |= set(LAYOUT_PLACEHOLDERS)
        for layout in LAYOUTS:
            known |= set(self.layout_tex.get(layout, {}))
        if len({frozenset(v) for v in self.layout_tex.values()}) > 1 or (
            self.layout_tex and set(self.layout_tex) != set(LAYOUTS)
        ):
            self.fail("layout_tex gives the same keys for both 'denominator' and 'numerator'")
        for case in self.vary.cases:
            known |= set(case.tex)
        texts = [self.statement] + [p.prompt for p in self.parts]
        for part in self.parts:
            texts += list(part.options.values()) + list(part.hints)
            texts += [m.feedback for m in part.mistakes + part.alternatives]
        for case in self.vary.cases:
            texts += list(case.tex.values())
        for values in self.layout_tex.values():
            texts += list(values.values())
        for text in texts:
            unknown = placeholders(text) - known
            if unknown:
                self.fail(
                    f"placeholders {sorted(unknown)} name nothing declared: use symbols, "
                    f"dimensions, constants or case keys ({sorted(known)})"
                )

    def _validate_names(self) -> None:
        for name in self.symbols:
            if not name.isidentifier() or name in RESERVED_NAMES:
                self.fail(f"symbol name {name!r} is not allowed: pick another identifier")
        if not all(isinstance(s, Sym) for s in self.symbols.values()):
            self.fail("every symbol is declared with Sym(...)")

    def _validate_vary(self) -> None:
        vary = self.vary
        if any(count == 0 for count in vary.radices()):
            self.fail("every declared choice needs at least one option")
        if vary.pool_size < MIN_POOL:
            self.fail(
                f"the pool has {vary.pool_size} variants, fewer than {MIN_POOL}: declare more "
                "names, dimension names, constants or cases in `vary`"
            )
        for name in vary.names:
            if name not in self.symbols:
                self.fail(f"vary.names names {name!r}, which is not a symbol")
        for dim in vary.dims:
            if dim not in self.dims():
                self.fail(f"vary.dims names {dim!r}, which no symbol's shape uses")
        pools = [set(v) | {k} for k, v in vary.names.items()]
        fixed = {k for k in self.symbols if k not in vary.names}
        dim_pool = set(self.dims()) | {d for v in vary.dims.values() for d in v}
        for i, pool in enumerate(pools):
            for name in pool:
                if not name.isidentifier() or name in RESERVED_NAMES:
                    self.fail(f"name {name!r} in vary.names is not allowed")
            clash = pool & (fixed | dim_pool | set(vary.constants))
            for other in pools[i + 1 :]:
                clash |= pool & other
            if clash:
                self.fail(f"name pools overlap ({sorted(clash)}): keep them disjoint")
        for case in vary.cases:
            for name in case.exprs:
                if name in self.symbols:
                    self.fail(f"case {case.label!r} redefines symbol {name!r}: use a new name")
        keys = {frozenset(c.exprs) | frozenset(c.tex) for c in vary.cases}
        if len(keys) > 1:
            self.fail("every case must define the same expression and tex keys")

    def _validate_part(self, part: Part, earlier: list[str]) -> None:
        where = f"part ({part.id})"
        if part.kind not in KINDS:
            self.fail(f"{where}: unknown kind {part.kind!r}: use one of {', '.join(KINDS)}")
        if not part.solution:
            self.fail(f"{where}: give a solution")
        if part.points <= 0:
            self.fail(f"{where}: points must be positive")
        if len(part.mistakes) < 2:
            self.fail(f"{where}: declare at least two anticipated mistakes with feedback")
        for mistake in part.mistakes + part.alternatives:
            if not isinstance(mistake, Mistake) or not mistake.feedback.strip():
                self.fail(f"{where}: every mistake is Mistake(answer, feedback), with feedback")
        answers = [m.answer.replace(" ", "") for m in part.mistakes]
        case_keyed = any(part.id in c.answers for c in self.vary.cases)
        if part.solution.replace(" ", "") in answers and not case_keyed:
            self.fail(f"{where}: a declared mistake is the solution itself")
        if len(set(answers)) != len(answers):
            self.fail(f"{where}: two declared mistakes are the same answer")
        if part.kind in ("gradient", "differential") and not (part.wrt and part.objective):
            self.fail(f"{where}: a {part.kind} part needs `wrt` and `objective`")
        if part.wrt is not None and part.wrt not in self.symbols:
            self.fail(f"{where}: wrt {part.wrt!r} is not a symbol")
        if part.relation is not None:
            if part.relation not in RELATIONS:
                self.fail(f"{where}: relation is one of {RELATIONS}")
            if part.kind != "expression" or not (part.wrt and part.objective):
                self.fail(f"{where}: a relation needs an expression part with wrt and objective")
        if part.kind == "expression" and part.objective and not part.relation:
            self.fail(f"{where}: say how the solution relates to the objective (`relation`)")
        if part.kind == "choice":
            options = {k.lower() for k in part.options}
            if len(options) < 2:
                self.fail(f"{where}: a choice part needs at least two options")
            keys = [part.solution] + [m.answer for m in part.mistakes]
            keys += [part.numerator_solution or part.solution]
            keys += [c.answers[part.id] for c in self.vary.cases if part.id in c.answers]
            for key in keys:
                if key.lower() not in options:
                    self.fail(f"{where}: {key!r} is not an option key ({sorted(options)})")
        unknown = unknown_numbers(part.cookbook)
        if unknown:
            self.fail(
                f"{where}: Cookbook equations {unknown} are not in autograder.bank.cookbook: "
                "add them there, checked against the 2012 edition, or cite none"
            )
        if part.follows is not None:
            follow = part.follows
            if follow.part not in earlier:
                self.fail(f"{where}: follows part {follow.part!r}, which is not an earlier part")
            if follow.mode not in FOLLOW_MODES:
                self.fail(f"{where}: follow-through mode is one of {FOLLOW_MODES}")
            if follow.mode == "match" and not follow.template:
                self.fail(f"{where}: 'match' follow-through needs a template using {ANSWER}")
            if part.kind not in EXPRESSION_KINDS:
                self.fail(f"{where}: only expression parts can follow through")

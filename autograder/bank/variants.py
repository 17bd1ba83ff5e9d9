"""Concrete variants: which one a student gets, what it holds, and its JSON record.

A student's variant index is `sha256(f"{salt}|{assignment}|{problem}|{student}") mod pool`,
nothing else: no library's random stream is involved, so every machine agrees. The salt is the
public course setting `salt` in `course.toml` at the course root.
"""

from __future__ import annotations

import hashlib
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from autograder.spec import PROPERTIES, CheckRequest, Mistake, SymbolSpec

DEFAULT_SALT = "matgrade"
"""The salt when the course has no `course.toml` (or it sets no salt)."""
DEFAULT_ASSIGNMENT = ""
"""The assignment name `bank show` uses when none is given."""
COURSE_FILE = "course.toml"


def variant_index(salt: str, assignment: str, problem_id: str, student: str, pool_size: int) -> int:
    """The variant number of `student` for `problem_id` in `assignment`."""
    if pool_size < 1:
        raise ValueError(f"pool_size must be positive, not {pool_size}")
    key = f"{salt}|{assignment}|{problem_id}|{student}".encode()
    return int(hashlib.sha256(key).hexdigest(), 16) % pool_size


def course_salt(root: str | Path = ".") -> str:
    """The course's public variant salt from `root/course.toml`; DEFAULT_SALT without one."""
    path = Path(root) / COURSE_FILE
    if not path.is_file():
        return DEFAULT_SALT
    try:
        settings = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"{COURSE_FILE} is not valid TOML ({error}): fix or remove it") from None
    salt = settings.get("salt", DEFAULT_SALT)
    if not isinstance(salt, str):
        raise ValueError(f'the salt in {COURSE_FILE} must be a string: salt = "..."')
    return salt


def spec_to_json(spec: SymbolSpec) -> dict:
    """A SymbolSpec as in DESIGN.md's `check` input: shape, set properties, value."""
    out: dict = {"shape": list(spec.shape)}
    out.update({p: True for p in spec.properties})
    if spec.value is not None:
        out["value"] = spec.value
    return out


def spec_from_json(d: Mapping) -> SymbolSpec:
    """The inverse of spec_to_json."""
    props = {p: bool(d.get(p, False)) for p in PROPERTIES}
    return SymbolSpec(shape=tuple(d.get("shape", ())), value=d.get("value"), **props)


def _mistakes_json(mistakes: tuple[Mistake, ...]) -> list[dict]:
    return [{"answer": m.answer, "feedback": m.feedback} for m in mistakes]


def _mistakes_from(items) -> tuple[Mistake, ...]:
    return tuple(Mistake(m["answer"], m["feedback"]) for m in items or ())


@dataclass(frozen=True)
class FollowVariant:
    """A part's follow-through in a variant: which part, how (`root` or `match`), the template
    (match) in canonical form and the variable solved for (root)."""

    part: str
    mode: str
    template: str | None = None
    variable: str | None = None
    needs: tuple[str, ...] = ()
    """Symbols the earlier answer must involve to earn follow-through (those of its
    reference): a trivial earlier answer such as `x` does not make any later answer right."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "needs", tuple(self.needs))


@dataclass(frozen=True)
class PartVariant:
    """One part of a concrete variant, every expression in the canonical form."""

    id: str
    kind: str
    prompt: str
    symbols: Mapping[str, SymbolSpec]
    solution: str
    mistakes: tuple[Mistake, ...] = ()
    alternatives: tuple[Mistake, ...] = ()
    constraints: tuple[str, ...] = ()
    wrt: str | None = None
    objective: str | None = None
    layout: str = "denominator"
    points: float = 1.0
    hints: tuple[str, ...] = ()
    cookbook: tuple[int, ...] = ()
    options: Mapping[str, str] = field(default_factory=dict)
    follows: FollowVariant | None = None
    relation: str | None = None
    direction: str | None = None
    witness: str | None = None
    tolerance: float = 1e-6
    credit: Mapping[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "symbols", MappingProxyType(dict(self.symbols)))
        object.__setattr__(self, "options", MappingProxyType(dict(self.options)))
        object.__setattr__(self, "credit", MappingProxyType(dict(self.credit)))
        for name in ("mistakes", "alternatives", "constraints", "hints", "cookbook"):
            object.__setattr__(self, name, tuple(getattr(self, name)))

    @property
    def graded_by_engine(self) -> bool:
        """Whether `check()` grades this part (expression kinds) or the bank does."""
        return self.kind in ("gradient", "expression", "differential")

    def request(self, seed: int = 0) -> CheckRequest:
        """The engine request that grades an answer to this part."""
        if not self.graded_by_engine:
            raise ValueError(
                f"a {self.kind} part is graded by autograder.bank.grade.grade_part, not check()"
            )
        return CheckRequest(
            symbols=self.symbols,
            expected=self.solution,
            objective=self.objective if self.kind == "gradient" else None,
            wrt=self.wrt,
            constraints=self.constraints,
            layout=self.layout,
            mistakes=self.mistakes,
            alternatives=self.alternatives,
            credit=self.credit,
            seed=seed,
        )

    def to_json(self) -> dict:
        """This part as DESIGN.md's `bank show --json` fixes it, plus the bank's own fields."""
        gradient = self.kind == "gradient"
        return {
            "id": self.id,
            "kind": self.kind,
            "prompt": self.prompt,
            "symbols": {name: spec_to_json(s) for name, s in self.symbols.items()},
            "constraints": list(self.constraints),
            "wrt": self.wrt,
            "objective": self.objective if gradient else None,
            "solution": self.solution,
            "alternatives": _mistakes_json(self.alternatives),
            "layout": self.layout,
            "mistakes": _mistakes_json(self.mistakes),
            "points": self.points,
            "hints": list(self.hints),
            "cookbook": list(self.cookbook),
            "options": dict(self.options),
            "follows": None if self.follows is None else vars(self.follows).copy(),
            "function": None if gradient else self.objective,
            "relation": self.relation,
            "direction": self.direction,
            "witness": self.witness,
            "tolerance": self.tolerance,
            "credit": dict(self.credit),
        }

    @classmethod
    def from_json(cls, d: Mapping) -> PartVariant:
        """A part rebuilt from its `to_json` record."""
        follows = d.get("follows")
        return cls(
            id=d["id"],
            kind=d["kind"],
            prompt=d.get("prompt", ""),
            symbols={k: spec_from_json(v) for k, v in d["symbols"].items()},
            solution=d["solution"],
            mistakes=_mistakes_from(d.get("mistakes")),
            alternatives=_mistakes_from(d.get("alternatives")),
            constraints=tuple(d.get("constraints", ())),
            wrt=d.get("wrt"),
            objective=d.get("objective") or d.get("function"),
            layout=d.get("layout", "denominator"),
            points=float(d.get("points", 1.0)),
            hints=tuple(d.get("hints", ())),
            cookbook=tuple(d.get("cookbook", ())),
            options=d.get("options") or {},
            follows=None if not follows else FollowVariant(**follows),
            relation=d.get("relation"),
            direction=d.get("direction"),
            witness=d.get("witness"),
            tolerance=float(d.get("tolerance", 1e-6)),
            credit=d.get("credit") or {},
        )


@dataclass(frozen=True)
class Variant:
    """The problem one student gets: statement and parts with everything filled in."""

    id: str
    variant: str
    title: str
    topic: str
    statement: str
    layout: str
    parts: tuple[PartVariant, ...]
    index: int = 0

    def part(self, part_id: str) -> PartVariant:
        """The part with id `part_id`."""
        for part in self.parts:
            if part.id == part_id:
                return part
        raise KeyError(
            f"{self.id} has no part {part_id!r}: parts are {', '.join(p.id for p in self.parts)}"
        )

    @property
    def points(self) -> float:
        return sum(p.points for p in self.parts)

    def to_json(self) -> dict:
        """The `bank show --json` record; `from_json` rebuilds the variant from it."""
        return {
            "id": self.id,
            "variant": self.variant,
            "index": self.index,
            "title": self.title,
            "topic": self.topic,
            "layout": self.layout,
            "statement": self.statement,
            "points": self.points,
            "parts": [p.to_json() for p in self.parts],
        }

    @classmethod
    def from_json(cls, d: Mapping) -> Variant:
        """A variant rebuilt from a record, without the bank (to grade what was released)."""
        return cls(
            id=d["id"],
            variant=d["variant"],
            title=d.get("title", d["id"]),
            topic=d.get("topic", ""),
            statement=d["statement"],
            layout=d.get("layout", "denominator"),
            parts=tuple(PartVariant.from_json(p) for p in d["parts"]),
            index=int(d.get("index", 0)),
        )

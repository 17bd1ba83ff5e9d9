"""Assignment specs: `problem_bank/assignments/NAME.toml`, read with tomllib into frozen types.

A spec names the problems of an assignment and how they are posed and checked:

    title = "Traces and layout"
    layout = "denominator"          # or "numerator"
    due = "2026-12-07 23:59:00 UTC"
    hints = true                    # may the self-check show the bank's hints?

    [[problems]]
    id = "quadratic-form"
    points = { a = 2 }              # optional: per-part points (default: the bank's)
    reveal = { a = "diagnosis" }    # optional: diagnosis | shape-only | off, per part

The default reveal policy is `diagnosis`, except `shape-only` for numeric and array answers
(the reference value at the given data is the answer itself) and `off` for choice and shape
parts (their answer is the verdict).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from autograder.spec import LAYOUTS

REVEAL_POLICIES = ("diagnosis", "shape-only", "off")
NAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,62}$")


class SpecError(ValueError):
    """An assignment spec is missing or malformed; the message says what to fix."""


@dataclass(frozen=True)
class ProblemEntry:
    """One problem of an assignment, with per-part overrides of points and reveal policy."""

    id: str
    points: Mapping[str, float] = field(default_factory=dict)
    reveal: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "points", MappingProxyType(dict(self.points)))
        object.__setattr__(self, "reveal", MappingProxyType(dict(self.reveal)))
        for part, policy in self.reveal.items():
            if policy not in REVEAL_POLICIES:
                raise SpecError(
                    f"problem {self.id!r} part {part!r}: reveal must be one of "
                    f"{', '.join(REVEAL_POLICIES)}, not {policy!r}"
                )
        for part, points in self.points.items():
            if isinstance(points, bool) or not isinstance(points, int | float) or points < 0:
                raise SpecError(f"problem {self.id!r} part {part!r}: points must be a number >= 0")


@dataclass(frozen=True)
class AssignmentSpec:
    """An assignment: its name (the file stem), title, layout, due date and problems."""

    name: str
    title: str
    layout: str
    due: str | None
    hints: bool
    problems: tuple[ProblemEntry, ...]

    def __post_init__(self) -> None:
        if not NAME_PATTERN.match(self.name):
            raise SpecError(
                f"assignment name {self.name!r}: use lower-case letters, digits, '-' and '_' "
                "(nbgrader uses it as a folder name)"
            )
        if self.layout not in LAYOUTS:
            raise SpecError(f"{self.name}: layout must be 'denominator' or 'numerator'")
        if not self.problems:
            raise SpecError(f"{self.name}: an assignment needs at least one [[problems]] entry")
        ids = [p.id for p in self.problems]
        if len(set(ids)) != len(ids):
            raise SpecError(f"{self.name}: a problem is listed twice in {ids}")


def default_reveal(part_kind: str, answer_kind: str) -> str:
    """The reveal policy a part gets when the spec does not name one."""
    if part_kind in ("choice", "shape"):
        return "off"  # the answer is itself the verdict: any self-check would give it away
    if answer_kind == "array" or part_kind == "numeric":
        return "shape-only"
    return "diagnosis"


def specs_dir(root: Path) -> Path:
    """Where a course keeps its assignment specs."""
    return Path(root) / "problem_bank" / "assignments"


def spec_names(root: Path) -> list[str]:
    """The names of the assignment specs in a course, sorted."""
    return sorted(p.stem for p in specs_dir(root).glob("*.toml"))


def load_spec(root: Path, name: str) -> AssignmentSpec:
    """Read `problem_bank/assignments/NAME.toml` of the course at `root`."""
    path = specs_dir(root) / f"{name}.toml"
    if not path.is_file():
        known = ", ".join(spec_names(root)) or "none"
        raise SpecError(
            f"no assignment spec {path.name} in problem_bank/assignments/ (known: {known})"
        )
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise SpecError(f"{path.name}: not valid TOML: {exc}") from exc
    return parse_spec(name, data)


def parse_spec(name: str, data: Mapping[str, object]) -> AssignmentSpec:
    """Turn the TOML table of a spec into an AssignmentSpec, checking every field."""
    unknown = set(data) - {"title", "layout", "due", "hints", "problems"}
    if unknown:
        raise SpecError(f"{name}: unknown keys {sorted(unknown)}")
    problems = []
    for entry in data.get("problems", []):
        if not isinstance(entry, dict) or "id" not in entry:
            raise SpecError(f"{name}: every [[problems]] entry needs an id")
        extra = set(entry) - {"id", "points", "reveal"}
        if extra:
            raise SpecError(f"{name}: problem {entry['id']!r} has unknown keys {sorted(extra)}")
        problems.append(
            ProblemEntry(
                id=str(entry["id"]),
                points=dict(entry.get("points", {})),
                reveal=dict(entry.get("reveal", {})),
            )
        )
    due = data.get("due")
    return AssignmentSpec(
        name=name,
        title=str(data.get("title", name)),
        layout=str(data.get("layout", "denominator")),
        due=None if due is None else str(due),
        hints=bool(data.get("hints", True)),
        problems=tuple(problems),
    )

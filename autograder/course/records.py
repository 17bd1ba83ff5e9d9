"""Release records: `records/NAME.json`, every variant of every problem as it was released.

`matgrade release` writes the record; the trusted pass grades against it, so a change to the
bank after a release does not change anyone's grade. The record holds solutions: it lives
outside `source/` and `release/`, is committed by the instructor, and is never released.

    {"assignment": NAME, "title": ..., "layout": ..., "salt": ..., "due": ..., "hints": bool,
     "problems": [{"id": ..., "title": ..., "pool": N,
                   "parts": [{"id": "a", "kind": ..., "points": 2.0, "reveal": "diagnosis"}],
                   "variants": [Variant.to_json(), ... one per pool index]}]}
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from autograder.bank.variants import Variant, variant_index
from autograder.course.assignments import AssignmentSpec, SpecError, default_reveal

RECORDS_DIR = "records"
NUMERIC_KINDS = ("numeric",)


class RecordError(RuntimeError):
    """A release record is missing or does not fit; the message says what to do."""


@dataclass(frozen=True)
class PartInfo:
    """A graded part as every student's notebook has it (the same for all variants)."""

    problem: str
    id: str
    kind: str
    points: float
    reveal: str

    @property
    def key(self) -> str:
        """`PROBLEM/PART`, as in results files and the demo summary."""
        return f"{self.problem}/{self.id}"

    @property
    def grade_id(self) -> str:
        """The nbgrader grade_id of this part's capture cell."""
        return f"capture-{self.problem}-{self.id}"


@dataclass(frozen=True)
class ProblemRecord:
    """One problem of a release: its parts and the JSON of every variant in its pool."""

    id: str
    title: str
    pool: int
    parts: tuple[PartInfo, ...]
    variants: tuple[dict, ...]

    def variant(self, index: int) -> Variant:
        """Variant number `index` as released (points and layout as the record says)."""
        return Variant.from_json(self.variants[index])


@dataclass(frozen=True)
class Record:
    """Everything the trusted pass needs to grade an assignment as it was released."""

    assignment: str
    title: str
    layout: str
    salt: str
    due: str | None
    hints: bool
    problems: tuple[ProblemRecord, ...]

    @cached_property
    def parts(self) -> tuple[PartInfo, ...]:
        """Every graded part, in notebook order."""
        return tuple(part for problem in self.problems for part in problem.parts)

    def problem(self, problem_id: str) -> ProblemRecord:
        for problem in self.problems:
            if problem.id == problem_id:
                return problem
        raise KeyError(f"{self.assignment} has no problem {problem_id!r}")

    def index_for(self, problem_id: str, student: str) -> int:
        """The variant index of `student` for `problem_id` (DESIGN.md, Variants)."""
        pool = self.problem(problem_id).pool
        return variant_index(self.salt, self.assignment, problem_id, student, pool)

    def variant_for(self, problem_id: str, student: str) -> Variant:
        """The variant `student` was given for `problem_id`."""
        return self.problem(problem_id).variant(self.index_for(problem_id, student))

    @property
    def points(self) -> float:
        return sum(p.points for p in self.parts)

    def to_json(self) -> dict:
        return {
            "assignment": self.assignment,
            "title": self.title,
            "layout": self.layout,
            "salt": self.salt,
            "due": self.due,
            "hints": self.hints,
            "problems": [
                {
                    "id": p.id,
                    "title": p.title,
                    "pool": p.pool,
                    "parts": [
                        {"id": q.id, "kind": q.kind, "points": q.points, "reveal": q.reveal}
                        for q in p.parts
                    ],
                    "variants": list(p.variants),
                }
                for p in self.problems
            ],
        }

    @classmethod
    def from_json(cls, data: dict) -> Record:
        problems = tuple(
            ProblemRecord(
                id=p["id"],
                title=p["title"],
                pool=int(p["pool"]),
                parts=tuple(
                    PartInfo(p["id"], q["id"], q["kind"], float(q["points"]), q["reveal"])
                    for q in p["parts"]
                ),
                variants=tuple(p["variants"]),
            )
            for p in data["problems"]
        )
        return cls(
            assignment=data["assignment"],
            title=data["title"],
            layout=data["layout"],
            salt=data["salt"],
            due=data.get("due"),
            hints=bool(data.get("hints", True)),
            problems=problems,
        )


def make_record(spec: AssignmentSpec, problems: dict, salt: str) -> Record:
    """The record of `spec`, given its bank problems by id (`Problem` objects) and the salt."""
    out = []
    for entry in spec.problems:
        if entry.id not in problems:
            raise SpecError(
                f"{spec.name}: problem {entry.id!r} is not in the bank (see `matgrade bank list`)"
            )
        problem = problems[entry.id]
        variants = [problem.variant(i, spec.layout) for i in range(problem.pool_size)]
        first = variants[0]
        unknown = (set(entry.points) | set(entry.reveal)) - {p.id for p in first.parts}
        if unknown:
            raise SpecError(f"{spec.name}: problem {entry.id!r} has no parts {sorted(unknown)}")
        parts = tuple(
            PartInfo(
                problem=entry.id,
                id=part.id,
                kind=part.kind,
                points=float(entry.points.get(part.id, part.points)),
                reveal=entry.reveal.get(
                    part.id,
                    default_reveal(part.kind, "array" if part.kind in NUMERIC_KINDS else "any"),
                ),
            )
            for part in first.parts
        )
        points = {p.id: p.points for p in parts}
        jsons = []
        for variant in variants:
            data = variant.to_json()
            for part in data["parts"]:
                part["points"] = points[part["id"]]
            data["points"] = sum(points.values())
            jsons.append(data)
        out.append(ProblemRecord(entry.id, first.title, len(variants), parts, tuple(jsons)))
    return Record(
        assignment=spec.name,
        title=spec.title,
        layout=spec.layout,
        salt=salt,
        due=spec.due,
        hints=spec.hints,
        problems=tuple(out),
    )


def record_path(root: Path, assignment: str) -> Path:
    return Path(root) / RECORDS_DIR / f"{assignment}.json"


def write_record(root: Path, record: Record) -> Path:
    """Write `records/NAME.json` (stable formatting, so re-releases diff cleanly)."""
    path = record_path(root, record.assignment)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(record.to_json(), indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    return path


def load_record(root: Path, assignment: str) -> Record:
    """Read `records/NAME.json`; it exists once `matgrade release NAME` has run."""
    path = record_path(root, assignment)
    if not path.is_file():
        raise RecordError(
            f"no release record {RECORDS_DIR}/{assignment}.json: run `matgrade release "
            f"{assignment}` first (autograde grades the variants that were released)"
        )
    return Record.from_json(json.loads(path.read_text(encoding="utf-8")))

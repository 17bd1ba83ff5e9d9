"""Read `results/NAME/STUDENT.json`, the trusted grading pass's output, into typed rows.

The reader is tolerant of the container (parts as a dict keyed by `PROBLEM/PART`, or as a list
of objects with a `part` field) and loud about content: anything it cannot use raises
ReportError naming the file and what to do, never a traceback.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from autograder.spec import DIAGNOSES

RESULTS = "results"


class ReportError(ValueError):
    """The report cannot be made; the message names the file and says what to do."""


@dataclass(frozen=True)
class PartResult:
    """One student's result on one part, as the grading pass recorded it."""

    student: str
    part: str
    score: float
    max: float
    diagnosis: str
    feedback: str
    answer: str
    variant: str | None = None
    mistake: int | None = None

    @property
    def problem(self) -> str:
        """The problem id: `PROBLEM` of `PROBLEM/PART`."""
        return self.part.rsplit("/", 1)[0]

    @property
    def part_id(self) -> str:
        """The part letter: `PART` of `PROBLEM/PART`."""
        return self.part.rsplit("/", 1)[-1]


@dataclass(frozen=True)
class ClassResults:
    """Every student's results on one assignment, rows ordered by student, then part."""

    assignment: str
    folder: Path
    rows: tuple[PartResult, ...]
    students: tuple[str, ...]
    parts: tuple[str, ...]
    warnings: tuple[str, ...] = ()

    def by_student(self) -> dict[str, list[PartResult]]:
        """The rows of each student, in part order."""
        out: dict[str, list[PartResult]] = {s: [] for s in self.students}
        for row in self.rows:
            out[row.student].append(row)
        return out

    def by_part(self) -> dict[str, list[PartResult]]:
        """The rows of each part, in student order."""
        out: dict[str, list[PartResult]] = {p: [] for p in self.parts}
        for row in self.rows:
            out[row.part].append(row)
        return out


def _number(value: object, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(f"{what} must be a finite number, not {value!r}")
    return float(value)


def _part_items(data: object) -> list[tuple[str, Mapping]]:
    """The (part key, part object) pairs of one file, from either accepted container."""
    if not isinstance(data, Mapping):
        raise ValueError("the file must hold a JSON object with a 'parts' field")
    parts = data.get("parts")
    if isinstance(parts, Mapping):
        items = list(parts.items())
    elif isinstance(parts, list):
        items = []
        for i, item in enumerate(parts):
            if not isinstance(item, Mapping) or not isinstance(item.get("part"), str):
                raise ValueError(f"parts[{i}] must be an object with a 'part' field")
            items.append((item["part"], item))
    else:
        raise ValueError("'parts' must be an object keyed by PROBLEM/PART or a list of objects")
    for key, value in items:
        if not isinstance(value, Mapping):
            raise ValueError(f"part {key!r} must be an object")
    return items


def _row(student: str, key: str, obj: Mapping) -> PartResult:
    where = f"part {key!r}"
    if not key or "/" not in key:
        raise ValueError(f"{where}: part keys are PROBLEM/PART, e.g. 'quadratic-form/a'")
    diagnosis = obj.get("diagnosis")
    if diagnosis not in DIAGNOSES:
        raise ValueError(f"{where}: diagnosis {diagnosis!r} is not one of {', '.join(DIAGNOSES)}")
    answer = obj.get("answer")
    if answer is None:
        answer = ""
    elif not isinstance(answer, str):
        answer = json.dumps(answer)
    mistake = obj.get("mistake")
    if mistake is not None and (isinstance(mistake, bool) or not isinstance(mistake, int)):
        raise ValueError(f"{where}: 'mistake' must be an index or null, not {mistake!r}")
    variant = obj.get("variant")
    score = _number(obj.get("score"), f"{where}: 'score'")
    maximum = _number(obj.get("max"), f"{where}: 'max'")
    if maximum < 0 or not 0 <= score <= maximum + 1e-9:
        raise ValueError(f"{where}: score {score} must lie between 0 and max {maximum}")
    return PartResult(
        student=student,
        part=key,
        score=score,
        max=maximum,
        diagnosis=diagnosis,
        feedback=str(obj.get("feedback") or ""),
        answer=answer,
        variant=variant if isinstance(variant, str) else None,
        mistake=mistake,
    )


def read_student(path: Path) -> list[PartResult]:
    """The rows of one results file; the student is the file's name (the trusted identity)."""
    student = path.stem
    text = path.read_text(encoding="utf-8")
    data = json.loads(text)
    return [_row(student, key, obj) for key, obj in _part_items(data)]


def load_results(course: Path, name: str) -> ClassResults:
    """Every `results/NAME/*.json` under the course root `course`, read and checked."""
    if not name or name in (".", "..") or "/" in name or "\\" in name:
        raise ReportError(f"{name!r} is not an assignment name: give the name, e.g. 'hw1'")
    folder = Path(course) / RESULTS / name
    if not folder.is_dir():
        raise ReportError(
            f"no results for {name!r}: {RESULTS}/{name}/ does not exist under the course root "
            f"{course}. Run 'matgrade autograde {name}' first, or pass --course DIR"
        )
    files = sorted(folder.glob("*.json"), key=lambda p: p.stem)
    if not files:
        raise ReportError(
            f"{RESULTS}/{name}/ holds no STUDENT.json files: run 'matgrade autograde {name}'"
        )
    rows: list[PartResult] = []
    problems: list[str] = []
    warnings: list[str] = []
    for path in files:
        try:
            student_rows = read_student(path)
        except (OSError, UnicodeDecodeError, json.JSONDecodeError, ValueError) as error:
            problems.append(f"{RESULTS}/{name}/{path.name}: {error}")
            continue
        if not student_rows:
            warnings.append(f"{path.name} holds no parts")
        rows += student_rows
    if problems:
        raise ReportError(
            "cannot read these results files (re-run 'matgrade autograde "
            f"{name} --student STUDENT' for each, or move the file away):\n  "
            + "\n  ".join(problems)
        )
    parts = list(dict.fromkeys(r.part for r in rows))
    students = [p.stem for p in files]
    have = {s: {r.part for r in rows if r.student == s} for s in students}
    for student in students:
        lacking = [p for p in parts if p not in have[student]]
        if lacking:
            warnings.append(f"{student} has no result for {', '.join(lacking)}")
    order = {p: i for i, p in enumerate(parts)}
    rows.sort(key=lambda r: (r.student, order[r.part]))
    return ClassResults(name, folder, tuple(rows), tuple(students), tuple(parts), tuple(warnings))

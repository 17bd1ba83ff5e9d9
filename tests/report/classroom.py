"""A simulated class of 40 students with a known mix of diagnoses, graded into a temporary course.

The course holds what the trusted pass and the release leave behind: `results/hw1/STUDENT.json`
(the trusted pass's format: no variant, no mistake index) and `records/hw1.json` (every variant
as the bank's Variant JSON, symbols renamed per variant). Each student's variant comes from the
DESIGN.md formula, implemented here independently of the code under test.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

ASSIGNMENT = "hw1"
SALT = "report-test-salt"
STUDENTS = tuple(f"s{i:02d}" for i in range(40))
SCRIPT_ANSWER = "<script>document.body.setAttribute('data-pwned','1')</script><i>bold</i>"
FRACTION = {"correct": 1.0, "layout": 0.5}


@dataclass(frozen=True)
class Problem:
    id: str
    symbols: dict[str, list[str]]  # template name -> shape in template dims
    names: tuple[dict[str, str], ...]  # per variant: template name -> variant name (dims too)
    parts: tuple[dict, ...]  # id, kind, points, solution, mistakes, offset, mix
    constraints: tuple[str, ...] = ()


# mix: (count, diagnosis, answer spellings in template names cycled over the students).
PROBLEMS = (
    Problem(
        id="quadratic-form",
        symbols={"A": ["n", "n"], "x": ["n"]},
        names=(
            {"A": "A", "x": "x", "n": "n"},
            {"A": "B", "x": "y", "n": "p"},
            {"A": "M", "x": "z", "n": "k"},
        ),
        parts=(
            dict(
                id="a",
                kind="gradient",
                points=2.0,
                solution="(A + A.T) @ x",
                mistakes=("2 * A @ x", "A @ x"),
                offset=0,
                mix=(
                    (22, "correct", ("(A + A.T) @ x", "A @ x + A.T @ x", "(A + A^T) x")),
                    (5, "layout", ("x.T @ (A + A.T)",)),
                    (4, "symmetric", ("2 * A @ x", "2*A*x")),
                    (3, "sign", ("-(A + A.T) @ x", "-A @ x - A.T @ x")),
                    (3, "wrong", ("A.T @ x", "A^T x")),
                    (1, "parse", ("((A + A.T) @ x",)),
                    (1, "missing", ("",)),
                    (1, "scale", ("0.5 * (A + A.T) @ x",)),
                ),
            ),
        ),
    ),
    Problem(
        id="trace-product",
        symbols={"A": ["m", "n"], "X": ["n", "m"]},
        names=(
            {"A": "A", "X": "X", "m": "m", "n": "n"},
            {"A": "C", "X": "Y", "m": "p", "n": "q"},
            {"A": "D", "X": "W", "m": "m", "n": "n"},
        ),
        parts=(
            dict(
                id="a",
                kind="gradient",
                points=2.0,
                solution="A.T",
                mistakes=("A", "2 * A.T"),
                offset=0,
                mix=(
                    (22, "correct", ("A.T", "A^T")),
                    (6, "layout", ("A",)),
                    (2, "scale", ("2 * A.T",)),
                    (1, "shape", ("A @ X",)),
                    (1, "missing", ("",)),
                    (8, "correct", ("A.T",)),
                ),
            ),
        ),
    ),
    Problem(
        id="log-det",
        symbols={"X": ["n", "n"]},
        names=({"X": "X", "n": "n"}, {"X": "Y", "n": "n"}, {"X": "Z", "n": "m"}),
        parts=(
            dict(
                id="a",
                kind="gradient",
                points=2.0,
                solution="inv(X).T",
                mistakes=("inv(X)", "det(X) * inv(X).T"),
                offset=26,
                mix=(
                    (3, "layout", ("inv(X)",)),
                    (4, "mistake", ("det(X) * inv(X).T",)),
                    (3, "shape", ("1 / det(X)",)),
                    (2, "parse", ("inv(X", "")),
                    (28, "correct", ("inv(X).T", "inv(X.T)")),
                ),
            ),
        ),
    ),
    Problem(
        id="least-squares",
        symbols={"A": ["m", "n"], "x": ["n"], "b": ["m"]},
        names=(
            {"A": "A", "x": "x", "b": "b", "m": "m", "n": "n"},
            {"A": "G", "x": "u", "b": "c", "m": "m", "n": "n"},
            {"A": "H", "x": "v", "b": "d", "m": "r", "n": "s"},
        ),
        constraints=("m > n",),
        parts=(
            dict(
                id="a",
                kind="gradient",
                points=3.0,
                solution="2 * A.T @ (A @ x - b)",
                mistakes=("2 * A.T @ A @ x", "A.T @ (A @ x - b)"),
                offset=10,
                mix=(
                    (25, "correct", ("2 * A.T @ (A @ x - b)", "2*A.T@A@x - 2*A.T@b")),
                    (6, "scale", ("A.T @ (A @ x - b)",)),
                    (4, "missing_term", ("2 * A.T @ A @ x",)),
                    (3, "layout", ("2 * (A @ x - b).T @ A",)),
                    (2, "sign", ("-2 * A.T @ (A @ x - b)", "2 * A.T @ (b - A @ x)")),
                ),
            ),
            dict(
                id="b",
                kind="expression",
                points=1.0,
                solution="inv(A.T @ A) @ A.T @ b",
                mistakes=("A.T @ b", "inv(A.T @ A + I) @ A.T @ b"),
                offset=5,
                mix=(
                    (20, "correct", ("inv(A.T @ A) @ A.T @ b",)),
                    (8, "mistake", ("A.T @ b", "A^T b")),
                    (6, "extra_term", ("inv(A.T @ A) @ A.T @ b + x",)),
                    (3, "shape", ("inv(A.T @ A) @ b",)),
                    (2, "missing", ("",)),
                    (1, "parse", (SCRIPT_ANSWER,)),
                ),
            ),
        ),
    ),
)


def variant_index(problem: str, student: str, pool: int) -> int:
    """DESIGN.md, Variants: sha256(salt | assignment | problem | student) mod pool."""
    key = f"{SALT}|{ASSIGNMENT}|{problem}|{student}".encode()
    return int(hashlib.sha256(key).hexdigest(), 16) % pool


def rename(text: str, names: dict[str, str]) -> str:
    """Template text in a variant's names: identifiers renamed one token at a time."""
    import re

    return re.sub(r"[A-Za-z_][A-Za-z0-9_]*", lambda m: names.get(m.group(0), m.group(0)), text)


@dataclass(frozen=True)
class Row:
    student: str
    part: str
    score: float
    max: float
    diagnosis: str
    answer: str
    variant: int
    spelling: str  # the answer in the template's names


@dataclass(frozen=True)
class Classroom:
    course: Path
    rows: tuple[Row, ...]
    parts: tuple[str, ...]


def _variant_json(problem: Problem, index: int) -> dict:
    names = problem.names[index]
    parts = []
    for part in problem.parts:
        parts.append(
            {
                "id": part["id"],
                "kind": part["kind"],
                "symbols": {
                    names[s]: {"shape": [names[d] for d in shape]}
                    for s, shape in problem.symbols.items()
                },
                "constraints": [rename(c, names) for c in problem.constraints],
                "solution": rename(part["solution"], names),
                "mistakes": [
                    {"answer": rename(m, names), "feedback": "..."} for m in part["mistakes"]
                ],
                "alternatives": [],
                "points": part["points"],
                "layout": "denominator",
            }
        )
    return {
        "id": problem.id,
        "variant": f"{problem.id}/{index}",
        "index": index,
        "title": problem.id,
        "topic": "trace",
        "layout": "denominator",
        "statement": "...",
        "points": sum(p["points"] for p in problem.parts),
        "parts": parts,
    }


def build_classroom(root: Path) -> Classroom:
    """Write the course: record, then every student's results file."""
    (root / "nbgrader_config.py").write_text("c = get_config()\n")
    record = {
        "assignment": ASSIGNMENT,
        "title": "Homework 1",
        "layout": "denominator",
        "salt": SALT,
        "due": None,
        "hints": True,
        "problems": [
            {
                "id": p.id,
                "title": p.id,
                "pool": len(p.names),
                "parts": [
                    {"id": q["id"], "kind": q["kind"], "points": q["points"], "reveal": "diagnosis"}
                    for q in p.parts
                ],
                "variants": [_variant_json(p, i) for i in range(len(p.names))],
            }
            for p in PROBLEMS
        ],
    }
    (root / "records").mkdir()
    (root / "records" / f"{ASSIGNMENT}.json").write_text(json.dumps(record, indent=1))
    rows: list[Row] = []
    for problem in PROBLEMS:
        for part in problem.parts:
            key = f"{problem.id}/{part['id']}"
            plan = [(d, spellings) for count, d, spellings in part["mix"] for _ in range(count)]
            assert len(plan) == len(STUDENTS), f"{key}: the mix must cover 40 students"
            seen: dict[tuple, int] = {}
            for k, (diagnosis, spellings) in enumerate(plan):
                student = STUDENTS[(part["offset"] + k) % len(STUDENTS)]
                n = seen[spellings] = seen.get(spellings, -1) + 1
                spelling = spellings[n % len(spellings)]
                index = variant_index(problem.id, student, len(problem.names))
                answer = rename(spelling, problem.names[index])
                score = FRACTION.get(diagnosis, 0.0) * part["points"]
                rows.append(
                    Row(student, key, score, part["points"], diagnosis, answer, index, spelling)
                )
    folder = root / "results" / ASSIGNMENT
    folder.mkdir(parents=True)
    for student in STUDENTS:
        mine = [r for r in rows if r.student == student]
        data = {
            "assignment": ASSIGNMENT,
            "student": student,
            "score": sum(r.score for r in mine),
            "max": sum(r.max for r in mine),
            "note": "",
            "parts": {
                r.part: {
                    "score": r.score,
                    "max": r.max,
                    "diagnosis": r.diagnosis,
                    "feedback": f"feedback on {r.diagnosis}",
                    "answer": r.answer,
                }
                for r in mine
            },
        }
        (folder / f"{student}.json").write_text(json.dumps(data, indent=1))
    parts = tuple(f"{p.id}/{q['id']}" for p in PROBLEMS for q in p.parts)
    return Classroom(root, tuple(rows), parts)

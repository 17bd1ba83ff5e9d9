"""A class of simulated students answering a released assignment, graded by the real grader.

Each student's answers are drawn deterministically (sha256 of student and part, no RNG stream)
from a realistic mix: mostly right in varied spellings, some declared mistakes, sign and factor
slips, empty and garbled answers, and a few students who use the other layout convention
throughout. Answers go through the bank's `grade_part`, the function the trusted pass calls, and
the results through the trusted pass's own writer. Only nbgrader's kernels are left out.

Run as a script to make the course and its report (the screenshot in docs/ comes from it):

    python tests/report/simulate.py DIR [ASSIGNMENT] [STUDENTS]
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

ENGINE_KINDS = ("gradient", "expression", "differential")


def draw(*key: object) -> float:
    """A number in [0, 1) fixed by `key`."""
    digest = hashlib.sha256("|".join(map(str, key)).encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def layout_prone(student: str) -> bool:
    """About one student in seven writes every gradient in the other layout convention."""
    return draw("layout", student) < 1 / 7


def answer_for(part, student: str) -> str:
    """What `student` writes for `part` (a PartVariant), in their variant's names."""
    u = draw(student, part.id, part.solution)
    if part.kind not in ENGINE_KINDS:
        wrong = part.mistakes[0].answer if part.mistakes else ""
        return part.solution if u < 0.7 else wrong
    solution = part.solution
    if layout_prone(student) and u < 0.8:
        return f"({solution}).T"
    skill = 0.45 + 0.4 * draw("skill", student)
    if u < skill:
        return solution if u < skill / 2 else solution.replace(" ", "").replace(".T", "^T")
    v = (u - skill) / (1 - skill)
    mistakes = [m.answer for m in part.mistakes]
    for limit, answer in (
        (0.30, mistakes[0] if mistakes else solution),
        (0.50, mistakes[1] if len(mistakes) > 1 else f"-({solution})"),
        (0.65, f"-({solution})"),
        (0.75, f"2 * ({solution})"),
        (0.82, ""),
        (0.88, f"({solution}"),
    ):
        if v < limit:
            return answer
    return f"({solution}).T"


def simulate(root: Path, record, students: int = 40) -> dict[str, object]:
    """Grade `students` simulated students on `record` and write `results/NAME/*.json` under
    `root`; return each student's StudentResult."""
    from autograder.bank.grade import grade_part
    from autograder.course.trusted import PartResult, StudentResult, write_results

    out = {}
    for i in range(students):
        student = f"student{i + 1:02d}"
        rows = []
        for problem in record.problems:
            variant = record.variant_for(problem.id, student)
            earlier: dict[str, object] = {}
            for info in problem.parts:
                part = variant.part(info.id)
                answer = answer_for(part, student)
                result = grade_part(part, answer, earlier)
                earlier[info.id] = answer
                score = round(max(0.0, min(1.0, result.score)) * info.points, 6)
                rows.append(
                    PartResult(info.key, score, info.points, result.diagnosis, result.feedback,
                               answer, variant.variant, result.mistake)
                )  # fmt: skip
        out[student] = StudentResult(record.assignment, student, tuple(rows))
        write_results(root, out[student])
    return out


def shipped_record(name: str | None = None):
    """The record of a shipped assignment (the first with the most parts when `name` is None),
    or None while the bank ships none."""
    from autograder.bank.registry import problems
    from autograder.course.assignments import load_spec, spec_names
    from autograder.course.records import make_record

    repo = Path(__file__).resolve().parents[2]
    names = [name] if name else spec_names(repo)
    if not names:
        return None
    records = [make_record(load_spec(repo, n), problems(), salt="report-demo") for n in names]
    return max(records, key=lambda r: len(r.parts))


def main(argv: list[str]) -> int:
    from autograder.cli import main as matgrade
    from autograder.course.records import write_record

    root = Path(argv[0])
    record = shipped_record(argv[1] if len(argv) > 1 else None)
    if record is None:
        print("the bank ships no assignment yet", file=sys.stderr)
        return 1
    root.mkdir(parents=True, exist_ok=True)
    (root / "nbgrader_config.py").write_text("c = get_config()\n")
    write_record(root, record)
    simulate(root, record, int(argv[2]) if len(argv) > 2 else 40)
    return matgrade(["report", record.assignment, "--course", str(root)])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

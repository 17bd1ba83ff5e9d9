"""`matgrade release NAME`: record, build, `nbgrader generate_assignment`, leak check.

The order matters and is fixed here: the record (every variant, with solutions, kept by the
instructor) comes first, since the build and the grader both read the variants from it; then the
build writes `source/NAME/`; nbgrader copies it to `release/NAME/`, stripping solution regions;
last, the leak check reads every released file (zip members too) and removes the release again
if it finds a secret, so a leaky release is never left where it could be handed out.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from autograder.course import leakcheck
from autograder.course.assignments import load_spec
from autograder.course.build import build
from autograder.course.records import Record, make_record, write_record

RELEASE_DIR = "release"
ENGINE_KINDS = ("gradient", "expression", "differential")
LEAK_PROBES_SEED = 0
"""The seed `grade_part` grades with by default: its probes are the private ones."""


class ReleaseError(RuntimeError):
    """The release failed; the message says why and what to do."""


@dataclass(frozen=True)
class Released:
    """What a release produced."""

    record: Record
    notebook: Path
    folder: Path
    files: tuple[str, ...]


def nbgrader(root: Path, *args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    """Run `nbgrader ARGS` in the course root; ReleaseError with its log when it fails."""
    command = [sys.executable, "-m", "nbgrader", *args]
    done = subprocess.run(
        command, cwd=root, capture_output=True, text=True, timeout=timeout, check=False
    )
    if done.returncode != 0:
        tail = "\n".join((done.stdout + done.stderr).splitlines()[-25:])
        raise ReleaseError(f"`nbgrader {' '.join(args)}` failed:\n{tail}")
    return done


def secrets(record: Record) -> tuple[list[leakcheck.Secret], dict[str, str], list[str]]:
    """What must not be released: expressions, private reference values; and the public texts."""
    from autograder.check import prepare

    found: list[leakcheck.Secret] = []
    numbers: dict[str, str] = {}
    public: list[str] = []
    for problem in record.problems:
        for index in range(problem.pool):
            variant = problem.variant(index)
            public.append(variant.statement)
            for part in variant.parts:
                where = f"{problem.id}/{part.id} variant {index}"
                public.append(part.prompt)
                public.extend(part.options.values())
                if part.objective:
                    public.append(part.objective)
                if part.kind not in ENGINE_KINDS:
                    continue  # option keys and shapes are too short to search for meaningfully
                found.append(leakcheck.Secret(f"solution of {where}", part.solution))
                found += [
                    leakcheck.Secret(f"alternative of {where}", m.answer) for m in part.alternatives
                ]
                found += [leakcheck.Secret(f"mistake of {where}", m.answer) for m in part.mistakes]
                if part.witness:
                    found.append(leakcheck.Secret(f"witness of {where}", part.witness))
                prepared = prepare(part.request(LEAK_PROBES_SEED))
                for value in prepared.comparison.reference:
                    for entry in value.ravel():
                        if abs(entry) > 1e-12:
                            numbers[leakcheck.number_key(entry)] = (
                                f"reference value of {where} at a private probe"
                            )
    return found, numbers, public


def check_release(folder: Path, record: Record) -> list[leakcheck.Leak]:
    """Every secret of `record` found in the released `folder`."""
    found, numbers, public = secrets(record)
    return leakcheck.check_folder(folder, found, numbers, public)


def release(root: Path, name: str, problems: Mapping | None = None) -> Released:
    """Release assignment `name` of the course at `root` (bank problems by id, default: all)."""
    from autograder.bank import registry
    from autograder.bank.variants import course_salt

    root = Path(root).resolve()
    spec = load_spec(root, name)
    record = make_record(spec, dict(problems or registry.problems()), course_salt(root))
    write_record(root, record)
    notebook = build(root, record)
    if record.due:  # nbgrader's late-submission accounting reads the due date from its db
        nbgrader(root, "db", "assignment", "add", name, f"--duedate={record.due}")
    nbgrader(root, "generate_assignment", name, "--force")
    folder = root / RELEASE_DIR / name
    leaks = check_release(folder, record)
    if leaks:
        shutil.rmtree(folder, ignore_errors=True)
        shown = "\n".join(f"  {leak}" for leak in leaks[:20])
        raise ReleaseError(
            f"the release of {name} leaked {len(leaks)} secret(s) and was removed:\n{shown}\n"
            "Nothing secret may be written into source/ or the student runtime."
        )
    files = tuple(
        sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    )
    return Released(record, notebook, folder, files)


def describe(released: Released) -> Iterable[str]:
    """Lines for the terminal."""
    record = released.record
    yield f"released {record.assignment}: {len(record.parts)} parts, {record.points:g} points"
    for problem in record.problems:
        yield f"  {problem.id}: {problem.pool} variants, parts " + ", ".join(
            f"{p.id} ({p.points:g} pt, self-check {p.reveal})" for p in problem.parts
        )
    yield f"  files: {', '.join(released.files)}"
    yield f"  record: records/{record.assignment}.json (commit it; never release it)"
    yield "  leak check: no solution, mistake or private reference value in the release"

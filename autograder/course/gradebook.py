"""Scores into nbgrader's gradebook, one writer at a time.

`record_scores` sets nbgrader's `auto_score` of chosen grade cells (and `auto_comment` of
chosen comment cells) and touches nothing an instructor entered in the formgrader: a
`manual_score`, `extra_credit` or `manual_comment` stays, and nbgrader's score of a cell is its
manual score whenever there is one. Measured with nbgrader 0.9.6: `nbgrader autograde --force`
also keeps manual_score, extra_credit and manual_comment (it rewrites auto_score and
auto_comment, and sets needs_manual_grade), so a re-grade loses no manual grade.

Writers in matgrade take an exclusive `flock` on a lock file in the temporary folder named
after the database (never on the database file itself: closing any descriptor of an SQLite
file drops the process's SQLite locks on it), and retry on "database is locked", which
nbgrader processes writing at the same time can cause.
"""

from __future__ import annotations

import fcntl
import hashlib
import tempfile
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from nbgrader.api import Gradebook, MissingEntry
from sqlalchemy.exc import OperationalError
from traitlets.config.loader import PyFileConfigLoader

CONFIG_FILE = "nbgrader_config.py"
LOCK_RETRIES = 6
Key = tuple[str, str]
"""(notebook name, grade_id) of a cell."""


class GradebookError(RuntimeError):
    """The gradebook cannot take these scores; the message says what to do."""


@dataclass(frozen=True)
class CellScore:
    """One grade cell of one student, as the gradebook holds it."""

    auto_score: float | None
    manual_score: float | None
    extra_credit: float | None
    max_score: float
    needs_manual_grade: bool

    @property
    def score(self) -> float:
        """nbgrader's rule: the manual score when there is one, else the auto score."""
        base = self.manual_score if self.manual_score is not None else self.auto_score
        return (base or 0.0) + (self.extra_credit or 0.0)


@dataclass(frozen=True)
class Recorded:
    """What `record_scores` wrote."""

    scores: tuple[Key, ...]
    comments: tuple[Key, ...]
    comments_without_cell: tuple[Key, ...]
    """Comment keys with no comment row (nbgrader keeps comments for solution and task cells
    only, not for plain grade cells)."""


def gradebook_url(root: Path) -> str:
    """The database nbgrader uses for the course at `root`: `CourseDirectory.db_url` from
    nbgrader_config.py when it names one (a relative SQLite path is taken from `root`), else
    sqlite:///ROOT/gradebook.db."""
    root = Path(root).resolve()
    url = ""
    if (root / CONFIG_FILE).is_file():
        config = PyFileConfigLoader(CONFIG_FILE, path=str(root)).load_config()
        url = str(config.CourseDirectory.get("db_url", "") or "")
    if not url:
        return f"sqlite:///{root / 'gradebook.db'}"
    prefix = "sqlite:///"
    if url.startswith(prefix) and not url[len(prefix) :].startswith("/"):
        return prefix + str(root / url[len(prefix) :])
    return url


def _sqlite_file(url: str) -> Path | None:
    prefix = "sqlite:///"
    return Path(url[len(prefix) :]) if url.startswith(prefix) else None


def lock_file(url: str) -> Path:
    """The lock file that matgrade's writers of the database at `url` hold in turn."""
    digest = hashlib.sha256(url.encode()).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"matgrade-gradebook-{digest}.lock"


@contextmanager
def writing(root: Path) -> Iterator[Gradebook]:
    """The course's gradebook, held by this writer alone among matgrade processes."""
    url = gradebook_url(root)
    database = _sqlite_file(url)
    if database is not None and not database.is_file():
        raise GradebookError(
            f"no gradebook at {database}: run `nbgrader generate_assignment` (or matgrade "
            "release) and nbgrader's autograde first"
        )
    with lock_file(url).open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            with Gradebook(url) as gradebook:
                yield gradebook
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _retrying(action, *args):
    for attempt in range(LOCK_RETRIES + 1):
        try:
            return action(*args)
        except OperationalError as error:
            if "database is locked" not in str(error) or attempt == LOCK_RETRIES:
                raise
            time.sleep(0.25 * 2**attempt)
    raise AssertionError("unreachable")


def _ensure_submission(gradebook: Gradebook, assignment: str, student: str) -> None:
    try:
        gradebook.find_submission(assignment, student)
    except MissingEntry:
        try:
            gradebook.find_assignment(assignment)
        except MissingEntry as error:
            raise GradebookError(
                f"the gradebook has no assignment {assignment!r}: release it first "
                "(nbgrader generate_assignment)"
            ) from error
        gradebook.update_or_create_student(student)
        gradebook.add_submission(assignment, student)


def _write(
    root: Path,
    assignment: str,
    student: str,
    scores: Mapping[Key, float],
    comments: Mapping[Key, str],
) -> Recorded:
    with writing(root) as gradebook:
        _ensure_submission(gradebook, assignment, student)
        unknown = []
        for (notebook, grade_id), score in scores.items():
            try:
                grade = gradebook.find_grade(grade_id, notebook, assignment, student)
            except MissingEntry:
                unknown.append(f"{notebook}/{grade_id}")
                continue
            if score > grade.max_score + 1e-9 or score < 0:
                gradebook.db.rollback()
                raise GradebookError(
                    f"score {score} for {notebook}/{grade_id} of {student} is outside "
                    f"0..{grade.max_score}: fix the points in the release record"
                )
            grade.auto_score = float(score)
            grade.needs_manual_grade = False
        if unknown:
            gradebook.db.rollback()
            raise GradebookError(
                f"{assignment} has no grade cell {', '.join(unknown)} in the gradebook: "
                "the notebook or grade_id differs from the released source (re-release, "
                "or check the grade ids)"
            )
        written, orphans = [], []
        for (notebook, grade_id), text in comments.items():
            try:
                comment = gradebook.find_comment(grade_id, notebook, assignment, student)
            except MissingEntry:
                orphans.append((notebook, grade_id))
                continue
            comment.auto_comment = text
            written.append((notebook, grade_id))
        gradebook.db.commit()
    return Recorded(tuple(scores), tuple(written), tuple(orphans))


def record_scores(
    root: Path,
    assignment: str,
    student: str,
    scores: Mapping[Key, float],
    comments: Mapping[Key, str] | None = None,
) -> Recorded:
    """Set the auto scores (and auto comments) of `student`'s cells keyed by (notebook,
    grade_id), in one transaction, keeping every manual grade and comment. Creates the
    submission's rows if nbgrader never recorded it. Raises GradebookError for a key the
    gradebook does not know or a score outside the cell's points."""
    return _retrying(_write, Path(root), assignment, student, dict(scores), dict(comments or {}))


def _read(root: Path, assignment: str, student: str) -> dict[Key, CellScore]:
    with Gradebook(gradebook_url(root)) as gradebook:
        submission = gradebook.find_submission(assignment, student)
        return {
            (notebook.name, grade.name): CellScore(
                auto_score=grade.auto_score,
                manual_score=grade.manual_score,
                extra_credit=grade.extra_credit,
                max_score=grade.max_score,
                needs_manual_grade=grade.needs_manual_grade,
            )
            for notebook in submission.notebooks
            for grade in notebook.grades
        }


def read_scores(root: Path, assignment: str, student: str) -> dict[Key, CellScore]:
    """Every grade cell of `student`'s submission, keyed by (notebook, grade_id). Raises
    GradebookError when the gradebook holds no such submission."""
    try:
        return _retrying(_read, Path(root), assignment, student)
    except MissingEntry as error:
        raise GradebookError(
            f"the gradebook has no submission of {assignment} by {student}: autograde it first"
        ) from error


def read_comments(root: Path, assignment: str, student: str) -> dict[Key, tuple[str, str]]:
    """(auto_comment, manual_comment) of every comment cell of the submission."""
    with Gradebook(gradebook_url(root)) as gradebook:
        try:
            submission = gradebook.find_submission(assignment, student)
        except MissingEntry as error:
            raise GradebookError(
                f"the gradebook has no submission of {assignment} by {student}"
            ) from error
        return {
            (notebook.name, comment.name): (comment.auto_comment, comment.manual_comment)
            for notebook in submission.notebooks
            for comment in notebook.comments
        }


def total_score(root: Path, assignment: str, student: str) -> float:
    """nbgrader's total for the submission (manual scores over auto scores, extra credit)."""
    return sum(cell.score for cell in read_scores(root, assignment, student).values())

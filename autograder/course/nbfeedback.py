"""nbgrader's feedback pages, and a check that they show nothing secret.

nbgrader 0.9.6's `generate_feedback` renders the autograded notebook as it is, hidden test
code included, and a traceback from a grade cell prints the failing line even when the
source is cleared. So the pages are generated with nbgrader's ClearHiddenTests added to its
pipeline, and then searched for the strings that must not appear (hidden test lines from the
source, plus whatever the caller names: solutions, reference values). The search is on the
page's text with tags removed, entities decoded and all whitespace ignored, so syntax
highlighting (`<span class="n">answer</span>`) cannot hide a match.
"""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import nbformat

FEEDBACK_DIR = "feedback"
SOURCE_DIR = "source"
HIDDEN_BEGIN = "BEGIN HIDDEN TESTS"
HIDDEN_END = "END HIDDEN TESTS"
MIN_NEEDLE = 6
"""Forbidden strings shorter than this (without whitespace) would match innocent text."""
FEEDBACK_PIPELINE = (
    "nbgrader.preprocessors.GetGrades",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
    "nbgrader.preprocessors.ClearHiddenTests",
)
LOG_TAIL_CHARS = 3000


@dataclass(frozen=True)
class FeedbackRun:
    """What nbgrader's generate_feedback did for one student (or for all, student "*")."""

    student: str
    ok: bool
    returncode: int
    pages: tuple[Path, ...]
    log_tail: str


@dataclass(frozen=True)
class Leak:
    """A forbidden string found in a feedback page."""

    page: Path
    needle: str
    context: str

    def __str__(self) -> str:
        return f"{self.page}: shows {self.needle!r} (...{self.context}...)"


def feedback_command(
    assignment: str, student: str | None = None, clear_hidden_tests: bool = True
) -> list[str]:
    """The nbgrader command writing feedback/STUDENT/NAME/*.html again."""
    command = [sys.executable, "-m", "nbgrader", "generate_feedback", assignment, "--force"]
    if student is not None:
        command.append(f"--student={student}")
    if clear_hidden_tests:
        command += [f"--GenerateFeedback.preprocessors={step}" for step in FEEDBACK_PIPELINE]
    return command


def feedback_pages(root: Path, assignment: str, student: str = "*") -> tuple[Path, ...]:
    """The feedback pages of `assignment` for `student` (a glob; every student by default)."""
    return tuple(sorted((Path(root) / FEEDBACK_DIR).glob(f"{student}/{assignment}/*.html")))


def _run(root: Path, assignment: str, student: str | None, clear: bool) -> FeedbackRun:
    done = subprocess.run(
        feedback_command(assignment, student, clear),
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
        stdin=subprocess.DEVNULL,
    )
    pages = feedback_pages(root, assignment, student or "*")
    log = (done.stdout + done.stderr)[-LOG_TAIL_CHARS:]
    return FeedbackRun(
        student or "*", done.returncode == 0 and bool(pages), done.returncode, pages, log
    )


def generate_feedback(
    root: Path,
    assignment: str,
    students: Sequence[str] | None = None,
    *,
    clear_hidden_tests: bool = True,
    workers: int | None = os.cpu_count(),
) -> dict[str, FeedbackRun]:
    """Run `nbgrader generate_feedback NAME --force` from `root`: one process for every
    autograded student when `students` is None (keyed "*"), else one per student, `workers`
    at a time. With `clear_hidden_tests`, hidden test regions are cut from the pages' code."""
    root = Path(root).resolve()
    if students is None:
        return {"*": _run(root, assignment, None, clear_hidden_tests)}
    with ThreadPoolExecutor(max_workers=max(1, min(workers or 1, len(students) or 1))) as pool:
        runs = pool.map(lambda s: _run(root, assignment, s, clear_hidden_tests), students)
        return {run.student: run for run in runs}


def page_text(page: str) -> str:
    """What a reader of an HTML page can see or copy: tags removed, entities decoded."""
    without_blocks = re.sub(r"(?is)<(style)\b.*?</\1>", " ", page)
    return html.unescape(re.sub(r"(?s)<[^>]*>", "", without_blocks))


def _squeezed(text: str) -> tuple[str, list[int]]:
    """`text` without whitespace, and where each kept character was."""
    kept = [(i, c) for i, c in enumerate(text) if not c.isspace()]
    return "".join(c for _, c in kept), [i for i, _ in kept]


def find_leaks(pages: Iterable[Path], forbidden: Iterable[str]) -> list[Leak]:
    """Every forbidden string that appears in a page (its visible text, or its raw HTML
    with entities decoded), whitespace ignored. Raises ValueError for a forbidden string too
    short to search for meaningfully."""
    needles = {}
    for text in forbidden:
        squeezed = "".join(text.split())
        if len(squeezed) < MIN_NEEDLE:
            raise ValueError(
                f"forbidden string {text!r} is shorter than {MIN_NEEDLE} characters without "
                "spaces: search for a longer, distinctive piece of it"
            )
        needles[squeezed] = text
    leaks = []
    for page in pages:
        raw = Path(page).read_text(encoding="utf-8", errors="replace")
        for view in (page_text(raw), html.unescape(raw)):
            haystack, where = _squeezed(view)
            for squeezed, text in list(needles.items()):
                at = haystack.find(squeezed)
                if at < 0 or any(leak.page == page and leak.needle == text for leak in leaks):
                    continue
                start = where[at]
                context = " ".join(view[max(0, start - 40) : start + len(text) + 40].split())
                leaks.append(Leak(Path(page), text, context))
    return leaks


def hidden_test_code(root: Path, assignment: str) -> list[str]:
    """The lines inside hidden test regions of the assignment's source notebooks (blank
    lines, comments and lines too short to search for left out)."""
    lines: list[str] = []
    for path in sorted((Path(root) / SOURCE_DIR / assignment).glob("*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        for cell in notebook.cells:
            inside = False
            for line in cell.source.splitlines():
                if HIDDEN_BEGIN in line:
                    inside = True
                elif HIDDEN_END in line:
                    inside = False
                elif inside:
                    code = line.split("#", 1)[0].strip()
                    if len("".join(code.split())) >= MIN_NEEDLE and code not in lines:
                        lines.append(code)
    return lines


def check_feedback(
    root: Path,
    assignment: str,
    students: Sequence[str] | None = None,
    forbidden: Iterable[str] = (),
) -> list[Leak]:
    """Leaks in the feedback pages of `students` (all when None): hidden test lines of the
    source and every string in `forbidden`."""
    pages: list[Path] = []
    for student in students if students is not None else ["*"]:
        pages += feedback_pages(root, assignment, student)
    return find_leaks(pages, [*hidden_test_code(root, assignment), *forbidden])

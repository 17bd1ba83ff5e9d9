"""The report's numbers against the simulated class's known mix and its results files."""

from __future__ import annotations

import csv
import json
import statistics
from collections import Counter
from html.parser import HTMLParser

import pytest
from classroom import ASSIGNMENT, PROBLEMS, STUDENTS

from autograder.cli import main
from autograder.report.csvout import COLUMNS, spreadsheet_safe

MIXES = {f"{p.id}/{q['id']}": (q["points"], q["mix"]) for p in PROBLEMS for q in p.parts}
FRACTION = {"correct": 1.0, "layout": 0.5}


@pytest.mark.parametrize("part", list(MIXES))
def test_diagnosis_counts_per_part_match_the_mix(report, part):
    """Does each part count every diagnosis exactly as often as the class was built with?"""
    made, _, _ = report
    _, mix = MIXES[part]
    expected: Counter[str] = Counter()
    for count, diagnosis, _ in mix:
        expected[diagnosis] += count
    stats = {p.part: p for p in made.stats.parts}[part]
    assert dict(stats.counts) == dict(expected)
    assert stats.students == len(STUDENTS)


@pytest.mark.parametrize("part", list(MIXES))
def test_mean_per_part_matches_the_mix(report, part):
    """Is a part's mean the mix's weighted credit (correct 1, layout 1/2, else 0)?"""
    made, _, _ = report
    points, mix = MIXES[part]
    total = sum(count * FRACTION.get(diagnosis, 0.0) * points for count, diagnosis, _ in mix)
    stats = {p.part: p for p in made.stats.parts}[part]
    assert stats.mean == pytest.approx(total / len(STUDENTS))
    assert stats.max == points


def test_totals_and_class_mean(report, classroom):
    """Is every student's total the sum of their rows, and the class mean their mean?"""
    made, _, _ = report
    totals = {s: sum(r.score for r in classroom.rows if r.student == s) for s in STUDENTS}
    assert dict(made.stats.totals) == pytest.approx(totals)
    assert made.stats.mean_total == pytest.approx(statistics.fmean(totals.values()))
    assert made.stats.max_total == 10
    assert made.stats.worst_parts[0].part == "least-squares/b"  # half the class gets it wrong


def test_layout_students_are_those_with_two_or_more_layout_parts(report, classroom):
    """Are exactly the students diagnosed `layout` in more than one part listed, with them?"""
    made, _, _ = report
    per_student: dict[str, list[str]] = {}
    for row in classroom.rows:
        if row.diagnosis == "layout":
            per_student.setdefault(row.student, []).append(row.part)
    expected = {s: tuple(p) for s, p in per_student.items() if len(p) > 1}
    assert dict(made.stats.layout_students) == expected
    assert sorted(expected) == ["s22", "s23", "s24", "s25", "s26", "s27"]  # built so
    assert len(expected["s26"]) == 3
    assert "s28" in per_student and "s28" not in expected  # one layout part only


def _results_rows(course) -> list[dict]:
    rows = []
    for path in sorted((course / "results" / ASSIGNMENT).glob("*.json")):
        data = json.loads(path.read_text())
        for part, obj in data["parts"].items():
            rows.append({"student": path.stem, "part": part, **obj})
    return rows


def test_csv_agrees_with_results_files_row_for_row(report, classroom):
    """Does the CSV hold one row per student and part, exactly as the results files say?"""
    _, _, csv_path = report
    with csv_path.open(newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        assert tuple(next(reader)) == COLUMNS
        got = list(reader)
    want = _results_rows(classroom.course)
    assert len(got) == len(want) == len(STUDENTS) * len(MIXES)
    for line, expected in zip(got, want, strict=True):
        student, part, score, maximum, diagnosis, answer = line
        assert (student, part, diagnosis, answer) == (
            expected["student"],
            expected["part"],
            expected["diagnosis"],
            spreadsheet_safe(expected["answer"]),
        )
        assert float(score) == expected["score"] and float(maximum) == expected["max"]


class _Cells(HTMLParser):
    """Collects the page's score cells and per-part sections from their data attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: dict[tuple[str, str], tuple[float, str]] = {}
        self.means: dict[str, float] = {}
        self.counts: dict[str, dict[str, int]] = {}
        self.totals: list[float] = []
        self._part = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "data-score" in a:
            self.cells[(a["data-student"], a["data-part"])] = (
                float(a["data-score"]),
                a["data-diagnosis"],
            )
        if tag == "section" and "data-part" in a:
            self._part = a["data-part"]
            self.means[self._part] = float(a["data-mean"])
            self.counts[self._part] = {}
        if tag == "span" and "data-count" in a and self._part:
            self.counts[self._part][a["data-diagnosis"]] = int(a["data-count"])
        if "data-total" in a:
            self.totals.append(float(a["data-total"]))


def test_page_numbers_agree_with_results_files(report, classroom):
    """Does the page show every score and diagnosis of the results files, and the same
    per-part means and counts as the statistics?"""
    made, page, _ = report
    cells = _Cells()
    cells.feed(page.read_text(encoding="utf-8"))
    want = {
        (r["student"], r["part"]): (r["score"], r["diagnosis"])
        for r in _results_rows(classroom.course)
    }
    assert cells.cells == want
    for part in made.stats.parts:
        assert cells.means[part.part] == pytest.approx(part.mean, abs=1e-6)
        assert cells.counts[part.part] == dict(part.counts)
    assert sorted(cells.totals) == sorted(made.stats.totals.values())


def test_terminal_summary(classroom, tmp_path, capsys):
    """Does `matgrade report` print the class size, mean, worst part and layout students, and
    write both files where --out says?"""
    code = main(["report", ASSIGNMENT, "--course", str(classroom.course), "--out", str(tmp_path)])
    out = capsys.readouterr().out
    assert code == 0
    totals = [sum(r.score for r in classroom.rows if r.student == s) for s in STUDENTS]
    assert "40 students, 5 parts" in out
    assert f"mean total {statistics.fmean(totals):.2f} / 10" in out
    assert "worst parts: least-squares/b" in out
    assert "6: s22, s23, s24, s25, s26, s27" in out
    assert (tmp_path / "report.html").is_file() and (tmp_path / "report.csv").is_file()


EDGE_CLASSES = [
    ("one student, all correct", {"ann": {"p/a": ("correct", 2, 2)}}, "1 student, 1 part"),
    ("no parts at all", {"ann": {}}, "1 student, 0 parts"),
    (
        "everyone missing",
        {"ann": {"p/a": ("missing", 0, 2)}, "bob": {"p/a": ("missing", 0, 2)}},
        "2 students, 1 part",
    ),
]


@pytest.mark.parametrize(
    ("classes", "says"), [e[1:] for e in EDGE_CLASSES], ids=[e[0] for e in EDGE_CLASSES]
)
def test_tiny_classes_still_report(tmp_path, capsys, recwarn, classes, says):
    """Does a degenerate class still give a page with four plots and a CSV, without warnings?"""
    folder = tmp_path / "results" / "hw"
    folder.mkdir(parents=True)
    (tmp_path / "nbgrader_config.py").write_text("c = get_config()\n")
    for student, parts in classes.items():
        data = {
            "parts": {
                k: {"score": s, "max": m, "diagnosis": d, "feedback": "", "answer": ""}
                for k, (d, s, m) in parts.items()
            }
        }
        (folder / f"{student}.json").write_text(json.dumps(data))
    assert main(["report", "hw", "--course", str(tmp_path)]) == 0
    assert says in capsys.readouterr().out
    page = (tmp_path / "reports" / "hw" / "report.html").read_text()
    assert page.count("data:image/png;base64,") == 4
    rows = (tmp_path / "reports" / "hw" / "report.csv").read_text().splitlines()
    assert len(rows) == 1 + sum(len(p) for p in classes.values())
    assert not [w for w in recwarn if "matplotlib" in str(w.filename) or "report" in w.filename]

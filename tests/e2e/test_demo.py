"""`matgrade demo --dir DIR` as a new user runs it: the shipped demo assignment, end to end."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest

from autograder.course.simulated import STUDENTS

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    root = tmp_path_factory.mktemp("demo")
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "autograder", "demo", "--dir", str(root)],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    seconds = time.perf_counter() - started
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return root, json.loads((root / "summary.json").read_text()), done.stdout, seconds


def test_summary_has_every_student_and_part(demo):
    """Does summary.json follow DESIGN.md, with every simulated student and every part?"""
    _, summary, _, _ = demo
    assert summary["assignment"] == "demo"
    assert set(summary["students"]) == set(STUDENTS)
    keys = {tuple(parts) for parts in summary["students"].values()}
    assert len(keys) == 1
    for parts in summary["students"].values():
        for part in parts.values():
            assert set(part) == {"score", "max", "diagnosis", "feedback"}
            assert 0 <= part["score"] <= part["max"]


def test_students_get_what_their_answers_earn(demo):
    """Perfect full marks, cheater nothing, crasher its first part, the rest diagnosed?"""
    _, summary, _, _ = demo
    students = summary["students"]
    assert {p["diagnosis"] for p in students["perfect"].values()} == {"correct"}
    assert sum(p["score"] for p in students["cheater"].values()) == 0
    crasher = list(students["crasher"].values())
    assert crasher[0]["diagnosis"] == "correct" and crasher[0]["score"] == crasher[0]["max"]
    assert {p["diagnosis"] for p in crasher[1:]} == {"missing"}
    assert {p["diagnosis"] for p in students["garbled"].values()} == {"parse"}
    assert "layout" in {p["diagnosis"] for p in students["layout"].values()}
    assert sum(p["score"] for p in students["mixed"].values()) < sum(
        p["max"] for p in students["mixed"].values()
    )


def test_demo_prints_the_table_and_the_feedback_pages(demo):
    """Does the demo print the score table and where the feedback pages are?"""
    root, _, out, _ = demo
    assert "TOTAL" in out and "feedback pages" in out
    page = root / "feedback" / "layout" / "demo" / "demo.html"
    assert "numerator layout" in page.read_text()


def test_demo_is_fast_enough(demo):
    """Does the demo finish within three minutes on this machine?"""
    assert demo[3] < 180

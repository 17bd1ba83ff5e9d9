"""Tests for `matgrade check`: JSON Lines in, JSON Lines out, in a real subprocess."""

from __future__ import annotations

import io
import json
import subprocess
import sys

from autograder.commands.check import grade_stream

BASE = {
    "symbols": {"A": {"shape": ["n", "n"]}, "x": {"shape": ["n"]}},
    "wrt": "x",
    "objective": "x.T @ A @ x",
    "expected": "(A + A.T) @ x",
    "credit": {"layout": 0.5},
}


def _line(id_, answer, **extra) -> str:
    return json.dumps({**BASE, "id": id_, "answer": answer, **extra})


def _run(stdin: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "autograder", "check", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_batch_in_order_with_a_malformed_line():
    """Does every non-blank line give one output line, in order, a bad one an error object?"""
    lines = [
        _line("right", "A x + A^T x"),
        "{not json",
        "",
        _line("layout", "x^T (A + A^T)"),
        json.dumps(["an", "array"]),
        _line("bad-symbol", "x", symbols={"x": {"shape": ["n"], "spd": True}}),
        _line("empty", ""),
        _line("sign", "-(A + A^T) x"),
    ]
    done = _run("\n".join(lines) + "\n")
    assert done.returncode == 0, done.stderr
    outputs = [json.loads(line) for line in done.stdout.splitlines()]
    got = [(o["id"], o["diagnosis"], o["score"]) for o in outputs]
    assert got == [
        ("right", "correct", 1.0),
        (None, "error", 0.0),
        ("layout", "layout", 0.5),
        (None, "error", 0.0),
        ("bad-symbol", "error", 0.0),
        ("empty", "parse", 0.0),
        ("sign", "sign", 0.0),
    ]
    assert "line 2 is not JSON" in outputs[1]["error"]
    for out in outputs:
        assert set(out) >= {"id", "correct", "score", "diagnosis", "feedback", "authoring_error"}


def test_help_explains_the_fields():
    """Does --help name the input and output fields and the blank-line rule?"""
    done = _run("", "--help")
    assert done.returncode == 0
    for word in (
        "symbols",
        "constraints",
        "objective",
        "mistakes",
        "credit",
        "seed",
        "layout",
        "authoring_error",
        "diagnosis",
        "Blank lines",
    ):
        assert word in done.stdout


def test_latex_option_adds_the_rendering():
    """Does --latex add a 'latex' field to each output line?"""
    sink = io.StringIO()
    grade_stream(io.StringIO(_line(1, "A x + A^T x") + "\n"), sink, latex=True)
    out = json.loads(sink.getvalue())
    assert "latex" in out and out["diagnosis"] == "correct"


def test_each_line_is_flushed_before_the_next_is_read():
    """Is each answer written out before more input arrives (usable as a pipe)?"""
    process = subprocess.Popen(
        [sys.executable, "-m", "autograder", "check"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        process.stdin.write(_line("first", "A x + A^T x") + "\n")
        process.stdin.flush()
        first = json.loads(process.stdout.readline())
        assert first["id"] == "first" and first["correct"] is True
        process.stdin.write(_line("second", "A x") + "\n")
        process.stdin.close()
        second = json.loads(process.stdout.readline())
        assert second["diagnosis"] == "missing_term"
    finally:
        process.kill()
        process.wait(10)


def test_undecodable_and_deeply_nested_lines_are_errors():
    """Do bytes that are not UTF-8, and JSON nested past recursion, give error lines only?"""
    sink = io.StringIO()
    good = _line("good", "A x + A^T x").encode()
    count = grade_stream([good + b"\n", b"\xff\xfe\n", b"[" * 100_000 + b"\n", good], sink)
    outputs = [json.loads(line) for line in sink.getvalue().splitlines()]
    assert count == 4
    assert [o["diagnosis"] for o in outputs] == ["correct", "error", "error", "correct"]

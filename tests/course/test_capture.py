"""Answer capture: what the student's kernel records, and what the trusted pass reads back."""

from __future__ import annotations

import json

import numpy as np
import pytest

from autograder.course import capture
from autograder.spec import SymbolSpec

SYMBOLS = {"A": SymbolSpec(("n", "n")), "x": SymbolSpec(("n",)), "s": SymbolSpec(())}


def roundtrip(value, **kwargs):
    record = json.loads(json.dumps(capture.encode("p/a", value, **kwargs)))
    return record, capture.decode(record, "p/a")


@pytest.mark.parametrize(
    ("value", "kind", "text"),
    [
        ("2 * A.T @ x", "text", "2 * A.T @ x"),
        ("", "text", ""),
        (("m", "n"), "text", "m x n"),
        (None, "none", ""),
        ([[1.0, 2.0], [3.0, 4.0]], "array", "[[1., 2.], [3., 4.]]"),
        (2.5, "array", "2.5"),
    ],
)
def test_roundtrip(value, kind, text):
    """Does each kind of answer come back from its capture as the same answer?"""
    record, captured = roundtrip(value)
    assert record["kind"] == kind
    assert isinstance(captured, capture.Captured)
    assert captured.text == text
    assert captured.error is None


def test_long_text_is_cut_with_an_error():
    """Is an answer longer than the limit cut, and is the student told?"""
    record, captured = roundtrip("x" * (capture.MAX_TEXT + 10))
    assert len(captured.answer) == capture.MAX_TEXT
    assert "longer than" in record["error"]


def test_non_finite_array_entries_become_nan():
    """Does a NaN or inf in an array answer survive JSON as a value that is never correct?"""
    _, captured = roundtrip(np.array([1.0, np.inf, np.nan]))
    assert captured.answer.shape == (3,)
    assert np.isnan(captured.answer[1]) and np.isnan(captured.answer[2])


def test_unreadable_object_is_an_error_not_a_crash():
    """Does an object that is no answer at all give an error record instead of raising?"""
    record, captured = roundtrip(object())
    assert record["error"] and record["payload"] is None
    assert captured.error


def test_function_outputs_are_taken_at_inputs_the_seed_regenerates():
    """Are a function's outputs recorded at inputs the trusted pass can draw again?"""

    def grad(A, x):
        return (A + A.T) @ x

    record, captured = roundtrip(grad, symbols=SYMBOLS, seed=11)
    assert record["kind"] == "function" and record["seed"] == 11
    inputs = capture.function_inputs(SYMBOLS, (), captured.seed)
    assert len(inputs) == len(captured.answer) == capture.FUNCTION_PROBES
    for values, output in zip(inputs, captured.answer, strict=True):
        expected = (values["A"] + values["A"].T) @ values["x"]
        assert np.allclose(output.reshape(expected.shape), expected)


def test_function_that_raises_is_recorded_per_probe():
    """Is an exception inside a student's function recorded as text, not raised?"""

    def grad(A, x):
        raise ZeroDivisionError("oops")

    _, captured = roundtrip(grad, symbols=SYMBOLS, seed=1)
    assert all("ZeroDivisionError" in o for o in captured.answer)


@pytest.mark.parametrize(
    ("record", "reason"),
    [
        ({"v": 1, "part": "p/b", "kind": "text", "payload": "x"}, "names part"),
        ({"v": 2, "part": "p/a", "kind": "text", "payload": "x"}, "not one matgrade wrote"),
        ({"v": 1, "part": "p/a", "kind": "exec", "payload": "x"}, "unknown kind"),
        ({"v": 1, "part": "p/a", "kind": "array", "payload": [[[1]]]}, "cannot be read"),
        ("2 * x", "not one matgrade wrote"),
    ],
)
def test_decode_refuses_what_is_not_this_parts_capture(record, reason):
    """Does decoding refuse a capture of another part, version, kind or shape, saying why?"""
    result = capture.decode(record, "p/a")
    assert isinstance(result, str) and reason in result


def test_extra_fields_claiming_a_score_are_ignored():
    """Does a capture claiming a score carry nothing but its answer into grading?"""
    record = {
        "v": 1,
        "part": "p/a",
        "kind": "text",
        "payload": "x",
        "score": 100,
        "correct": True,
        "error": None,
    }
    captured = capture.decode(record, "p/a")
    assert captured == capture.Captured("p/a", "text", "x", "x", None)

"""Tests for autograder.answers: arrays, data and students' functions."""

from __future__ import annotations

import threading
import time

import numpy as np
import pytest

from autograder.answers import (
    AnswerFailure,
    DataError,
    arguments,
    as_matrix,
    call_limited,
    data_probe,
    function_values,
)
from autograder.probes import draw_probes
from autograder.spec import SymbolSpec as S

SYMBOLS = {"A": S(("m", "n")), "x": S(("n",)), "lam": S(())}
PROBES = tuple(draw_probes(SYMBOLS, (), np.random.default_rng(0), 2))


@pytest.mark.parametrize(
    ("value", "like", "shape"),
    [
        ([1.0, 2.0, 3.0], (3, 1), (3, 1)),
        ([1.0, 2.0, 3.0], (1, 3), (1, 3)),
        (np.ones((2, 3)), (3, 2), (2, 3)),
        (2.5, (1, 1), (1, 1)),
        (np.float64(2.5), (1, 1), (1, 1)),
        ([[1.0], [2.0]], (1, 2), (2, 1)),
    ],
)
def test_as_matrix(value, like, shape):
    """Are 1-D arrays vectors in the reference's orientation and 2-D arrays kept as they are?"""
    assert as_matrix(value, like).shape == shape


@pytest.mark.parametrize("value", ["abc", None, np.ones((2, 2, 2)), {"a": 1}])
def test_as_matrix_rejects_non_arrays(value):
    """Is a non-numeric or 3-D answer a failure with a sentence, not a crash?"""
    with pytest.raises(AnswerFailure):
        as_matrix(value, (2, 1))


def test_data_probe_reads_sizes():
    """Are dimension sizes read off the data and values made 2-D?"""
    probe = data_probe(SYMBOLS, {"A": np.ones((4, 3)), "x": [1, 2, 3], "lam": 2})
    assert probe.dims == {"m": 4, "n": 3}
    assert probe.values["x"].shape == (3, 1) and probe.values["lam"].shape == (1, 1)


@pytest.mark.parametrize(
    ("data", "phrase"),
    [
        (None, "needs the request's data"),
        ({"A": np.ones((4, 3)), "x": [1, 2, 3]}, "no value for the symbol 'lam'"),
        ({"A": np.ones((4, 3)), "x": [1, 2], "lam": 1}, "where n is 3"),
        ({"A": np.ones(4), "x": [1, 2, 3], "lam": 1}, "must be a 2-D array"),
    ],
)
def test_data_probe_rejects_bad_data(data, phrase):
    """Do inconsistent data raise a DataError that says what to fix?"""
    with pytest.raises(DataError, match=phrase):
        data_probe(SYMBOLS, data)


def test_function_receives_what_a_student_expects():
    """Does a function get floats for scalars, 1-D vectors and 2-D matrices, as copies?"""
    seen = {}

    def grad(A, x, lam):
        seen.update(A=A.shape, x=np.shape(x), lam=type(lam))
        x[0] = 99.0  # mutating its input must not change the probes
        return lam * A.T @ A @ x

    like = [(p.dims["n"], 1) for p in PROBES]
    values = function_values(grad, PROBES, SYMBOLS, like)
    assert seen["x"] == (PROBES[-1].dims["n"],) and seen["lam"] is float
    assert values[0].shape == like[0]
    assert PROBES[0].values["x"][0, 0] != 99.0


@pytest.mark.parametrize(
    ("fn", "phrase"),
    [
        (lambda A, x: 1 / 0, "raised ZeroDivisionError: division by zero"),
        (lambda A, x: np.linalg.inv(np.ones((2, 3))), "raised LinAlgError"),
        (lambda A, x: exit(), "raised SystemExit"),
        (lambda A, x, y: A, "parameter 'y' that is not one of the symbols"),
        (lambda A, x: "text", "not an array of numbers"),
    ],
)
def test_misbehaving_functions_fail_with_a_sentence(fn, phrase):
    """Does a raising or ill-formed function become an AnswerFailure saying what happened?"""
    with pytest.raises(AnswerFailure, match=phrase):
        function_values(fn, PROBES, SYMBOLS, [(3, 1)] * len(PROBES))


def _forever(A, x):
    while True:
        pass


def _stubborn(A, x):
    while True:
        try:
            while True:
                pass
        except BaseException:  # noqa: BLE001 - a student swallowing the first interruption
            pass


@pytest.mark.parametrize("fn", [_forever, _stubborn])
def test_infinite_loop_is_stopped_on_the_main_thread(fn):
    """Is a function that never returns stopped after the limit, even if it catches once?"""
    start = time.perf_counter()
    with pytest.raises(AnswerFailure, match="did not return within 0.2 s"):
        function_values(fn, PROBES, SYMBOLS, [(3, 1)] * 2, seconds=0.2)
    assert time.perf_counter() - start < 2


def test_infinite_loop_is_abandoned_off_the_main_thread():
    """Off the main thread (no signals), is the grader still released after the limit?"""
    outcome = []

    def grade():
        try:
            call_limited(lambda: time.sleep(5), {}, seconds=0.2)
        except AnswerFailure as failure:
            outcome.append(str(failure))

    worker = threading.Thread(target=grade)
    worker.start()
    worker.join(3)
    assert outcome == ["Your function did not return within 0.2 s."]


def test_arguments_by_name():
    """Are parameters matched to symbols by name, extras with defaults allowed?"""
    assert arguments(lambda x, A, k=2: x, SYMBOLS) == ("x", "A")


def test_a_callers_alarm_survives_a_function_answer():
    """Is an alarm the caller had set still running after a student's function is called?"""
    import signal

    fired = []
    previous = signal.signal(signal.SIGALRM, lambda *_: fired.append(True))
    signal.setitimer(signal.ITIMER_REAL, 0.3)
    try:
        assert call_limited(lambda: 7, {}, seconds=1.0) == 7
        remaining, _ = signal.getitimer(signal.ITIMER_REAL)
        assert 0 < remaining <= 0.3
        time.sleep(0.4)
        assert fired == [True]
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)

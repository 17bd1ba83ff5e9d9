"""Numeric answers: an array (the value at the request's data) or a Python function.

A function is called with the probe inputs as keyword arguments, by parameter name, the way a
student writes it with NumPy: a scalar as a float, a vector as a 1-D array, a matrix as a 2-D
array. It may return a 1-D array for a vector. Whatever it does (raise, loop, return nonsense),
the grader gets an `AnswerFailure` with a sentence for the student, never a crash or a hang.
"""

from __future__ import annotations

import signal
import sys
import threading
import time
from collections.abc import Callable, Mapping, Sequence

import numpy as np

from autograder.probes import Probe
from autograder.spec import SymbolSpec

TIME_LIMIT = 2.0


class AnswerFailure(Exception):
    """A numeric answer could not be compared; the message is feedback for the student."""


class DataError(ValueError):
    """The request's data do not fit its symbols; the message says what to fix."""


def as_matrix(value: object, like: tuple[int, int]) -> np.ndarray:
    """`value` as a 2-D float array; a 1-D array takes the orientation of a vector `like`."""
    if value is None:
        raise AnswerFailure("Your answer is None: did your function forget to return?")
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise AnswerFailure(
            f"Your answer is a {type(value).__name__}, not an array of numbers."
        ) from None
    if array.ndim == 0:
        return array.reshape(1, 1)
    if array.ndim == 1:
        if like[0] == 1 and like[1] == array.size and like[1] != 1:
            return array.reshape(1, -1)
        return array.reshape(-1, 1)
    if array.ndim == 2:
        return array
    raise AnswerFailure(f"Your answer is a {array.ndim}-D array; give a vector or a matrix.")


def data_probe(symbols: Mapping[str, SymbolSpec], data: Mapping[str, object] | None) -> Probe:
    """The request's data as a probe: sizes read off the arrays, checked against the shapes."""
    if data is None:
        raise DataError("an array answer needs the request's data (the inputs it was computed at)")
    dims: dict[str, int] = {}
    arrays = {}
    for name, spec in symbols.items():
        if name not in data:
            raise DataError(f"the data give no value for the symbol {name!r}")
        array = np.asarray(data[name], dtype=float)
        if array.ndim != len(spec.shape):
            want = ("a number", "a 1-D array", "a 2-D array")[len(spec.shape)]
            raise DataError(f"the data for {name!r} must be {want}, not {array.ndim}-D")
        for dim, size in zip(spec.shape, array.shape, strict=True):
            known = dim if isinstance(dim, int) else dims.setdefault(dim, size)
            if known != size:
                raise DataError(
                    f"the data for {name!r} have size {size} where {dim} is {known}: "
                    "make the arrays' sizes agree"
                )
        arrays[name] = array
    values = {
        name: arrays[name].reshape(
            [d if isinstance(d, int) else dims[d] for d in spec.matrix_shape]
        )
        for name, spec in symbols.items()
    }
    return Probe(dims, values)


def _matrix_shape(spec: SymbolSpec, dims: Mapping[str, int]) -> tuple[int, int]:
    rows, cols = spec.matrix_shape
    return (dims.get(rows, rows), dims.get(cols, cols))


def student_value(spec: SymbolSpec, value: np.ndarray) -> float | np.ndarray:
    """A probe value as a student expects it: float, 1-D vector or 2-D matrix (a copy)."""
    if not spec.shape:
        return value.item()
    if len(spec.shape) == 1:
        return value.reshape(-1).copy()
    return value.copy()


def arguments(fn: Callable, symbols: Mapping[str, SymbolSpec]) -> tuple[str, ...]:
    """The symbols `fn` takes, by parameter name; AnswerFailure if it wants anything else."""
    import inspect  # only function answers need it: kept off the import path of `check`

    try:
        parameters = inspect.signature(fn).parameters.values()
    except (TypeError, ValueError):
        raise AnswerFailure("Your answer is not a function that can be called.") from None
    names = []
    for p in parameters:
        if p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
            continue
        if p.name in symbols:
            names.append(p.name)
        elif p.default is p.empty:
            known = ", ".join(symbols) or "none"
            raise AnswerFailure(
                f"Your function takes a parameter {p.name!r} that is not one of the symbols "
                f"({known}): name its parameters after the symbols."
            )
    return tuple(names)


class _Timeout(BaseException):
    """Raised inside a student's function when its time is up (not an Exception on purpose)."""


def _call_with_alarm(fn: Callable, kwargs: dict, seconds: float):
    fired = []

    def interrupt_every_line(frame, event, arg):
        if event in ("line", "call") and frame.f_code.co_filename != __file__:
            raise _Timeout
        return interrupt_every_line

    def stop(signum, frame):
        if fired:
            # The first interruption was swallowed (a bare except): from now on every line of
            # the student's code raises, so no handler can keep it alive.
            sys.settrace(interrupt_every_line)
            while frame is not None:
                frame.f_trace = interrupt_every_line
                frame = frame.f_back
        fired.append(signum)
        raise _Timeout

    previous = signal.signal(signal.SIGALRM, stop)
    outer_delay, outer_interval = signal.setitimer(signal.ITIMER_REAL, seconds, 0.05)
    started = time.monotonic()
    try:
        return fn(**kwargs)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        sys.settrace(None)
        signal.signal(signal.SIGALRM, previous)
        if outer_delay > 0:  # a caller's own alarm keeps running, minus the time spent here
            left = max(outer_delay - (time.monotonic() - started), 1e-3)
            signal.setitimer(signal.ITIMER_REAL, left, outer_interval)


def _call_in_thread(fn: Callable, kwargs: dict, seconds: float):
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["value"] = fn(**kwargs)
        except BaseException as error:  # noqa: BLE001 - reported to the student below
            outcome["error"] = error

    worker = threading.Thread(target=run, daemon=True, name="matgrade-answer")
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        raise _Timeout
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


def call_limited(fn: Callable, kwargs: dict, seconds: float | None = None):
    """`fn(**kwargs)`, stopped after `seconds` (default TIME_LIMIT): AnswerFailure on time-out
    or any exception."""
    seconds = TIME_LIMIT if seconds is None else seconds
    on_main = threading.current_thread() is threading.main_thread()
    runner = _call_with_alarm if on_main and hasattr(signal, "setitimer") else _call_in_thread
    try:
        return runner(fn, kwargs, seconds)
    except _Timeout:
        raise AnswerFailure(f"Your function did not return within {seconds:g} s.") from None
    except (Exception, SystemExit) as error:
        message = str(error).splitlines()[0][:200] if str(error) else ""
        said = f"{type(error).__name__}: {message}" if message else type(error).__name__
        raise AnswerFailure(f"Your function raised {said}.") from None


def function_values(
    fn: Callable,
    probes: Sequence[Probe],
    symbols: Mapping[str, SymbolSpec],
    like: Sequence[tuple[int, int]],
    seconds: float | None = None,
) -> tuple[np.ndarray, ...]:
    """The values of a student's function at each probe; AnswerFailure when it misbehaves.

    `seconds` per call defaults to the module's TIME_LIMIT (read at call time).
    """
    seconds = TIME_LIMIT if seconds is None else seconds
    names = arguments(fn, symbols)
    values = []
    for probe, shape in zip(probes, like, strict=True):
        kwargs = {name: student_value(symbols[name], probe.values[name]) for name in names}
        with np.errstate(all="ignore"):
            result = call_limited(fn, kwargs, seconds)
        values.append(as_matrix(result, shape))
    return tuple(values)

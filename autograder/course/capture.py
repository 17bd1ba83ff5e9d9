"""Answer capture: the student's answer as data, never a verdict.

In the student's kernel, a capture cell calls `emit(part, value, ...)`, which displays one
output with the MIME type `CAPTURE_MIME` holding a JSON object:

    {"v": 1, "part": "PROBLEM/PART", "kind": "text|sympy|array|function|none",
     "payload": ..., "error": null | "what went wrong", "seed": int (function only)}

- text: the string as written; sympy: converted in the kernel by walking the tree (`from_sympy`)
  and printed canonically; array: nested lists of floats (None for a value that is not finite);
  function: the function's outputs (nested lists, or an error string) at probe inputs that
  `function_inputs(symbols, constraints, seed)` draws; none: no answer given.

The trusted pass calls `decode` on what it finds in the capture cell's output. Nothing here
decides a score; a capture is only as trustworthy as the student, and is graded as their answer.
This module is part of the student runtime: it imports NumPy and the engine's probe drawing only.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from autograder.spec import SymbolSpec

CAPTURE_MIME = "application/vnd.matgrade.capture+json"
VERSION = 1
KINDS = ("text", "sympy", "array", "function", "none")
MAX_TEXT = 5_000
MAX_ENTRIES = 20_000
FUNCTION_PROBES = 3


@dataclass(frozen=True)
class Captured:
    """A decoded capture: what to grade and how to show it."""

    part: str
    kind: str
    answer: object
    """A string (text, sympy, none), an ndarray (array), or a list of outputs (function)."""
    text: str
    """The answer as text, for results files and feedback."""
    error: str | None = None
    seed: int | None = None


def function_inputs(
    symbols: Mapping[str, SymbolSpec], constraints: Sequence[str], seed: int
) -> list[dict[str, np.ndarray]]:
    """The inputs a function answer is called on: `FUNCTION_PROBES` probes from `seed`."""
    from autograder.probes import draw_probes

    rng = np.random.default_rng(int(seed))
    return [dict(p.values) for p in draw_probes(symbols, constraints, rng, FUNCTION_PROBES)]


def call_function(
    function: Callable, symbols: Mapping[str, SymbolSpec], inputs: Mapping[str, np.ndarray]
) -> object:
    """Call a student's function as the engine does: symbols by parameter name, time-limited."""
    from autograder.answers import arguments, call_limited, student_value

    names = arguments(function, symbols)
    return call_limited(function, {n: student_value(symbols[n], inputs[n]) for n in names})


def _to_lists(value: object) -> object:
    array = np.asarray(value, dtype=float)
    if array.size > MAX_ENTRIES:
        raise ValueError(f"the array has {array.size} entries; at most {MAX_ENTRIES} are taken")
    return _clean(array.tolist())


def _clean(value: object) -> object:
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value if math.isfinite(value) else None


def _is_sympy(value: object) -> bool:
    return type(value).__module__.split(".")[0] == "sympy"


def _sympy_text(value: object) -> str:
    from autograder.expr.from_sympy import from_sympy
    from autograder.expr.nodes import to_text
    from autograder.expr.parse import ParseFailure

    converted = from_sympy(value)
    if isinstance(converted, ParseFailure):
        raise ValueError(f"this SymPy expression cannot be graded: {converted.message}")
    return to_text(converted.node)


def encode(
    part: str,
    value: object,
    *,
    symbols: Mapping[str, SymbolSpec] | None = None,
    constraints: Sequence[str] = (),
    seed: int = 0,
) -> dict:
    """The capture object for `value`, the student's answer to `part` (never raises)."""
    record: dict = {"v": VERSION, "part": part, "kind": "none", "payload": None, "error": None}
    try:
        if value is None:
            pass
        elif isinstance(value, str):
            record["kind"] = "text"
            record["payload"] = value[:MAX_TEXT]
            if len(value) > MAX_TEXT:
                record["error"] = f"the answer is longer than {MAX_TEXT} characters"
        elif isinstance(value, tuple | list) and value and all(isinstance(v, str) for v in value):
            record["kind"] = "text"  # a shape written as ("m", "n")
            record["payload"] = " x ".join(value)[:MAX_TEXT]
        elif _is_sympy(value):
            record["kind"] = "sympy"
            record["payload"] = _sympy_text(value)
        elif callable(value) and not isinstance(value, np.ndarray):
            record["kind"] = "function"
            record["seed"] = int(seed)
            record["payload"] = _function_outputs(value, symbols or {}, constraints, seed)
        else:
            record["kind"] = "array"
            record["payload"] = _to_lists(value)
    except Exception as exc:  # noqa: BLE001 - any failure of the student's object is data
        record["error"] = f"{type(exc).__name__}: {exc}"[:500]
    return record


def _function_outputs(
    function: Callable, symbols: Mapping[str, SymbolSpec], constraints: Sequence[str], seed: int
) -> list:
    outputs: list = []
    for inputs in function_inputs(symbols, constraints, seed):
        try:
            outputs.append(_to_lists(call_function(function, symbols, inputs)))
        except Exception as exc:  # noqa: BLE001 - the student's function may fail any way
            outputs.append(f"{type(exc).__name__}: {exc}"[:500])
    return outputs


def emit(part: str, value: object, **kwargs) -> None:
    """Display the capture of `value` as one output of the running cell (student kernel)."""
    from IPython.display import display

    record = encode(part, value, **kwargs)
    shown = f"answer to {part} recorded for grading ({record['kind']})"
    display({CAPTURE_MIME: record, "text/plain": shown}, raw=True)


def _as_array(payload: object) -> np.ndarray:
    def fill(v: object) -> object:
        if isinstance(v, list):
            return [fill(x) for x in v]
        return math.nan if v is None else v

    array = np.array(fill(payload), dtype=float)
    if array.ndim > 2:
        raise ValueError(f"an answer has at most two dimensions, not {array.ndim}")
    return array


def decode(record: object, part: str) -> Captured | str:
    """The graded form of a capture object, or a reason why it cannot be used."""
    if not isinstance(record, dict) or record.get("v") != VERSION:
        return "the capture output is not one matgrade wrote"
    if record.get("part") != part:
        return f"the capture output names part {record.get('part')!r}, not {part!r}"
    kind, payload, error = record.get("kind"), record.get("payload"), record.get("error")
    if kind not in KINDS:
        return f"the capture output has an unknown kind {kind!r}"
    error = str(error)[:500] if error is not None else None
    if kind == "none" or (payload is None and error is not None):
        return Captured(part, kind, "", "" if error is None else f"({error})", error)
    try:
        if kind in ("text", "sympy"):
            text = str(payload)[:MAX_TEXT]
            return Captured(part, kind, text, text, error)
        if kind == "array":
            array = _as_array(payload)
            return Captured(part, kind, array, _array_text(array), error)
        outputs = [o if isinstance(o, str) else _as_array(o) for o in payload]
        seed = int(record.get("seed"))
        return Captured(part, kind, outputs, "a Python function", error, seed)
    except (TypeError, ValueError) as exc:
        return f"the capture output cannot be read: {exc}"


def _array_text(array: np.ndarray) -> str:
    text = np.array2string(array, precision=6, separator=", ", threshold=200)
    return " ".join(text.split())

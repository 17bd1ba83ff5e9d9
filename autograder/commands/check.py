"""`matgrade check`: grade expression answers, JSON Lines on stdin to JSON Lines on stdout."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from typing import TextIO

DESCRIPTION = """\
Reads one JSON object per line on stdin and writes one JSON object per line on stdout, in the
same order, flushed line by line. Blank lines are skipped and produce no output line.

input fields:
  id           any value, echoed in the output
  symbols      {"A": {"shape": ["m", "n"]}, "x": {"shape": ["n"]}, "lam": {"shape": []}}
               shape [] is a scalar, ["n"] a column vector, ["m", "n"] a matrix; entries are
               dimension names or whole numbers. Optional properties (true/false): spd,
               symmetric, invertible, positive, unit_interval, probability, ones; and value
               (a fixed number for a scalar)
  constraints  ["m > n"]: strict inequalities between dimension names
  expected     the reference answer, in the course's layout
  objective    a scalar expression; with wrt, the reference may be left out (the answer is then
               compared with finite differences of the objective) or is verified against it
  wrt          the symbol the gradient is taken with respect to
  answer       the student's answer ("" for no answer)
  layout       "denominator" (default) or "numerator"
  mistakes     [{"answer": "...", "feedback": "..."}]: anticipated wrong answers
  alternatives [{"answer": "...", "feedback": "..."}]: other accepted answers
  credit       {"layout": 0.5}: score per diagnosis (a correct answer scores 1)
  seed         whole number choosing the probe inputs (default 0)
  data         {"A": [[1, 2], [3, 4]], "x": [1, 2]}: inputs at which an array answer (nested
               lists instead of text) was computed

output fields:
  id, correct (true/false), score (0..1), diagnosis (correct, parse, shape, layout, sign,
  scale, symmetric, missing_term, extra_term, mistake, wrong, error), feedback (for the
  student), authoring_error (null, or what is wrong with the reference or the mistakes),
  error (null, or why the line itself is malformed: then diagnosis is "error").

Expressions use @ for matrix products, .T, inv det logdet trace I ones diag sum exp log
sigmoid softmax norm_fro hadamard; the textbook spelling (2A^TAx, \\operatorname{tr}) works too.
"""


def configure(parser: argparse.ArgumentParser) -> None:
    """Declare the options of `matgrade check`."""
    parser.description = DESCRIPTION
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.add_argument(
        "--latex",
        action="store_true",
        help="add a field 'latex' with the answer rendered through SymPy (slower: loads SymPy)",
    )


def _line_result(line: str, number: int, latex: bool) -> dict:
    from autograder.check import check_json, error_result, result_to_json

    try:
        obj = json.loads(line)
    except (ValueError, RecursionError) as error:
        reason = str(error) if isinstance(error, ValueError) else "nested too deeply"
        return result_to_json(error_result(f"line {number} is not JSON: {reason}"), None, latex)
    return check_json(obj, latex=latex)


def grade_stream(source: Iterable[str | bytes], sink: TextIO, latex: bool = False) -> int:
    """Grade every non-blank line of `source` onto `sink`; return how many lines were graded.

    Byte lines are read as UTF-8, undecodable bytes replaced (the line then fails as JSON).
    """
    count = 0
    for number, raw in enumerate(source, start=1):
        line = raw.decode("utf-8", errors="replace") if isinstance(raw, bytes) else raw
        if not line.strip():
            continue
        sink.write(json.dumps(_line_result(line, number, latex)) + "\n")
        sink.flush()
        count += 1
    return count


def run(args: argparse.Namespace) -> int:
    """Run `matgrade check`; the exit code is 0 even when lines are malformed (see 'error')."""
    grade_stream(sys.stdin.buffer, sys.stdout, latex=args.latex)
    return 0

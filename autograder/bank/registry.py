"""The bank's problems: every `PROBLEM` in `problem_bank/<topic>/<name>.py`, found by walking
the package. Topic folders are the topic tags with '-' replaced by '_'."""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from autograder.bank.model import TOPICS, Problem, ProblemError

PACKAGE = "problem_bank"
SKIP = ("assignments",)


def topic_folder(topic: str) -> str:
    """The folder of a topic tag: 'det-inverse' -> 'det_inverse'."""
    return topic.replace("-", "_")


@cache
def problems() -> dict[str, Problem]:
    """Every problem of the bank by id, in topic order, then by module name."""
    found: dict[str, Problem] = {}
    for topic in TOPICS:
        folder = topic_folder(topic)
        try:
            package = importlib.import_module(f"{PACKAGE}.{folder}")
        except ModuleNotFoundError:
            continue
        for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
            if info.name.startswith("_") or info.name in SKIP:
                continue
            module = importlib.import_module(f"{package.__name__}.{info.name}")
            problem = getattr(module, "PROBLEM", None)
            if not isinstance(problem, Problem):
                raise ProblemError(f"{module.__name__} defines no PROBLEM = Problem(...)")
            if problem.topic != topic:
                raise ProblemError(
                    f"{module.__name__}: topic {problem.topic!r} belongs in folder "
                    f"{topic_folder(problem.topic)}/"
                )
            if problem.id in found:
                raise ProblemError(f"two problems have the id {problem.id!r}: ids are unique")
            found[problem.id] = problem
    return found


def get(problem_id: str) -> Problem:
    """The problem with this id; KeyError naming the known ids otherwise."""
    bank = problems()
    if problem_id not in bank:
        raise KeyError(
            f"no problem {problem_id!r} in the bank: run 'matgrade bank list' to see the ids"
        )
    return bank[problem_id]


def by_topic() -> dict[str, list[Problem]]:
    """The problems grouped by topic tag, every tag present."""
    grouped: dict[str, list[Problem]] = {t: [] for t in TOPICS}
    for problem in problems().values():
        grouped[problem.topic].append(problem)
    return grouped

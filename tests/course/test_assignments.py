"""The shipped assignment specs: they parse, name bank problems, and cover every topic."""

from __future__ import annotations

from pathlib import Path

import pytest

from autograder.bank import registry
from autograder.bank.model import TOPICS
from autograder.course.assignments import default_reveal, load_spec, spec_names

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = spec_names(ROOT)


def test_at_least_four_assignments_and_a_layout_quiz_ship():
    """Are there four assignments besides the demo, and a short quiz on layout?"""
    assert {
        "traces-layout",
        "det-inverse",
        "differentials",
        "ml-applications",
        "layout-quiz",
        "demo",
    } <= set(SHIPPED)


@pytest.mark.parametrize("name", SHIPPED)
def test_every_shipped_spec_names_bank_problems(name):
    """Does each shipped spec parse and name only problems the bank has?"""
    spec = load_spec(ROOT, name)
    missing = [p.id for p in spec.problems if p.id not in registry.problems()]
    assert missing == []


def test_the_shipped_assignments_use_every_topic():
    """Between them, do the shipped assignments use every topic of the bank?"""
    used = {registry.get(p.id).topic for name in SHIPPED for p in load_spec(ROOT, name).problems}
    assert set(TOPICS) - used == set()


@pytest.mark.parametrize(
    ("kind", "answer", "policy"),
    [
        ("gradient", "any", "diagnosis"),
        ("choice", "any", "off"),
        ("shape", "any", "off"),
        ("numeric", "array", "shape-only"),
        ("expression", "array", "shape-only"),
    ],
)
def test_default_reveal_policies(kind, answer, policy):
    """Do array answers default to shape-only, and choices and shapes to no self-check?"""
    assert default_reveal(kind, answer) == policy

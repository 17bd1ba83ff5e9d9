"""Tests of `matgrade bank`: list, show and cookbook, in the forms DESIGN.md fixes."""

import json

import pytest

from autograder.bank.text import latex_problems
from autograder.cli import main

MINIMUM_PER_TOPIC = {
    "trace": 5,
    "det-inverse": 5,
    "layout": 4,
    "identities": 5,
    "normal-equations": 3,
    "gaussian-mle": 3,
    "fisher-information": 3,
    "attention": 3,
    "matrix-factorization": 3,
}


def run(capsys, *argv):
    code = main(["bank", *argv])
    return code, capsys.readouterr().out


def test_list_json_has_the_fields_and_covers_every_topic(capsys):
    """Does `bank list --json` give id, title, topic, kind, parts, points for >= 36 templates,
    meeting every topic's count, with a multi-part problem in each application topic?"""
    code, out = run(capsys, "list", "--json")
    items = json.loads(out)
    assert code == 0 and len(items) >= 36
    assert all({"id", "title", "topic", "kind", "parts", "points"} <= set(i) for i in items)
    for topic, minimum in MINIMUM_PER_TOPIC.items():
        assert sum(i["topic"] == topic for i in items) >= minimum, topic
    applications = list(MINIMUM_PER_TOPIC)[4:]
    for topic in applications:
        assert any(i["topic"] == topic and i["parts"] > 1 for i in items), topic


def test_list_prints_a_table(capsys):
    """Is the human-readable list a table with a header and a count per topic?"""
    code, out = run(capsys, "list")
    assert code == 0
    assert out.splitlines()[0].split()[:3] == ["id", "title", "topic"]
    assert "templates: trace" in out


def test_show_json_for_one_and_several_students(capsys, monkeypatch, tmp_path):
    """Does `bank show --json` give one object per student (an array for several), with the
    variant the salt in course.toml selects?"""
    (tmp_path / "course.toml").write_text('salt = "matgrade-example-course"\n')
    monkeypatch.chdir(tmp_path)
    code, out = run(
        capsys, "show", "quadratic-form", "--student", "alice", "--assignment", "hw1", "--json"
    )
    record = json.loads(out)
    assert code == 0 and record["variant"] == "quadratic-form/65"
    assert {"id", "variant", "statement", "parts"} <= set(record)
    code, out = run(
        capsys,
        "show",
        "quadratic-form",
        "--student",
        "a",
        "--student",
        "b",
        "--layout",
        "numerator",
        "--json",
    )
    records = json.loads(out)
    assert isinstance(records, list) and len(records) == 2
    assert all(r["parts"][0]["layout"] == "numerator" for r in records)


def test_show_prints_statement_and_solution_as_text(capsys):
    """Does the human-readable show print the statement, the solution and the mistakes?"""
    code, out = run(capsys, "show", "ridge-guided", "--student", "bob")
    assert code == 0
    assert "Layout convention" in out and "solution:" in out and "mistake:" in out


def test_show_unknown_problem_says_how_to_find_ids(capsys):
    """Does an unknown id fail with a pointer to `bank list`?"""
    assert main(["bank", "show", "no-such-problem", "--student", "a"]) == 2
    assert "matgrade bank list" in capsys.readouterr().err


def test_cookbook_prints_the_identities_the_bank_uses(capsys):
    """Is the study sheet Markdown with numbered identities in display math?"""
    code, out = run(capsys, "cookbook")
    assert code == 0 and out.startswith("# ")
    assert "(81) quadratic form" in out and "$$" in out
    assert latex_problems(out) == []


@pytest.mark.parametrize("problem_id", ["quadratic-form", "layout-recognise"])
def test_verify_one_problem_exits_zero(capsys, problem_id):
    """Does `bank verify --problem ID` print a table and exit 0 for a sound template?"""
    code, out = run(capsys, "verify", "--seeds", "2", "--problem", problem_id)
    assert code == 0 and problem_id in out and "0 failing" in out

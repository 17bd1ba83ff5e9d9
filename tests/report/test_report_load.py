"""Reading results files: both container shapes, and a clear message for anything unreadable."""

from __future__ import annotations

import json

import pytest

from autograder.cli import main
from autograder.report.load import ReportError, load_results

PART = {"score": 1, "max": 2, "diagnosis": "layout", "feedback": "f", "answer": "x.T @ A"}


def _course(tmp_path, files: dict[str, str]):
    folder = tmp_path / "results" / "hw"
    folder.mkdir(parents=True)
    for name, text in files.items():
        (folder / name).write_text(text)
    return tmp_path


def test_dict_and_list_containers_read_alike(tmp_path):
    """Do parts keyed by PROBLEM/PART and parts listed with a `part` field give the same rows,
    with `variant` and `mistake` kept when given?"""
    keyed = {"assignment": "hw", "student": "ann", "parts": {"p/a": PART, "p/b": PART}}
    listed = {
        "parts": [
            {"part": "p/a", **PART, "variant": "p/3", "mistake": 1},
            {"part": "p/b", **PART},
        ]
    }
    course = _course(tmp_path, {"ann.json": json.dumps(keyed), "bob.json": json.dumps(listed)})
    results = load_results(course, "hw")
    assert results.students == ("ann", "bob")
    assert results.parts == ("p/a", "p/b")
    ann, bob = results.by_student().values()
    assert [(r.part, r.score, r.diagnosis) for r in ann] == [
        (r.part, r.score, r.diagnosis) for r in bob
    ]
    assert (bob[0].variant, bob[0].mistake) == ("p/3", 1)
    assert (ann[0].variant, ann[0].mistake) == (None, None)


def test_identity_is_the_file_name(tmp_path):
    """Is the student the file's name, whatever the file claims inside?"""
    data = {"student": "someone-else", "parts": {"p/a": PART}}
    course = _course(tmp_path, {"ann.json": json.dumps(data)})
    assert load_results(course, "hw").rows[0].student == "ann"


BROKEN = [
    ("not json", "{", "Expecting"),
    ("no parts", json.dumps({"student": "ann"}), "'parts'"),
    ("parts a string", json.dumps({"parts": "p/a"}), "'parts' must be"),
    ("list item without part", json.dumps({"parts": [PART]}), "'part' field"),
    (
        "unknown diagnosis",
        json.dumps({"parts": {"p/a": {**PART, "diagnosis": "oops"}}}),
        "diagnosis 'oops' is not one of correct",
    ),
    ("score above max", json.dumps({"parts": {"p/a": {**PART, "score": 3}}}), "between 0 and max"),
    ("score as text", json.dumps({"parts": {"p/a": {**PART, "score": "1"}}}), "'score' must be"),
    (
        "no max",
        json.dumps({"parts": {"p/a": {k: v for k, v in PART.items() if k != "max"}}}),
        "'max' must be",
    ),
    ("key without part", json.dumps({"parts": {"p": PART}}), "PROBLEM/PART"),
    (
        "mistake not an index",
        json.dumps({"parts": {"p/a": {**PART, "mistake": "1"}}}),
        "'mistake' must be",
    ),
]


@pytest.mark.parametrize(("text", "says"), [b[1:] for b in BROKEN], ids=[b[0] for b in BROKEN])
def test_unreadable_file_is_named_with_what_to_do(tmp_path, text, says):
    """Does an unreadable results file raise ReportError naming the file, the fault and the
    remedy, while good files beside it do not hide it?"""
    good = json.dumps({"parts": {"p/a": PART}})
    course = _course(tmp_path, {"ann.json": good, "bad.json": text})
    with pytest.raises(ReportError) as error:
        load_results(course, "hw")
    message = str(error.value)
    assert "results/hw/bad.json" in message and says in message
    assert "ann.json" not in message
    assert "matgrade autograde hw --student" in message


@pytest.mark.parametrize(
    ("name", "says"),
    [("hw2", "matgrade autograde hw2"), ("../etc", "not an assignment name"), ("", "not an")],
)
def test_missing_or_bad_assignment(tmp_path, name, says):
    """Is a missing results folder or a path-like name refused with a clear message?"""
    _course(tmp_path, {"ann.json": json.dumps({"parts": {"p/a": PART}})})
    with pytest.raises(ReportError, match=says):
        load_results(tmp_path, name)


def test_command_refuses_a_folder_that_is_not_a_course(tmp_path):
    """Does `matgrade report` refuse a --course without nbgrader_config.py, saying so?"""
    with pytest.raises(SystemExit, match="not a course root"):
        main(["report", "hw", "--course", str(tmp_path)])


def test_command_reports_errors_without_traceback(tmp_path, capsys):
    """Does `matgrade report` exit 1 with the message on stderr, and no traceback?"""
    _course(tmp_path, {"bad.json": "[]"})
    (tmp_path / "nbgrader_config.py").write_text("c = get_config()\n")
    code = main(["report", "hw", "--course", str(tmp_path)])
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith("matgrade report: ") and "bad.json" in err
    assert "Traceback" not in err

"""The source notebook, the public data file and the student runtime zip."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile

import pytest
from fixture_bank import PROBLEMS
from test_records import SPEC

from autograder.course import bundle
from autograder.course.build import build, build_notebook, public_data
from autograder.course.leakcheck import check_folder
from autograder.course.records import make_record
from autograder.course.release import secrets


@pytest.fixture(scope="module")
def record():
    return make_record(SPEC, PROBLEMS, "salt-1")


def nbgrader_cells(notebook):
    return {c.metadata["nbgrader"]["grade_id"]: c for c in notebook.cells}


def test_capture_cells_carry_the_points_and_end_with_zero(record):
    """Is each part's capture cell a locked autograded cell with its points, scoring 0 itself?"""
    cells = nbgrader_cells(build_notebook(record))
    for part in record.parts:
        meta = cells[part.grade_id].metadata["nbgrader"]
        assert meta["grade"] and meta["locked"] and meta["points"] == part.points
        assert cells[part.grade_id].source.splitlines()[-1] == "0"
        assert f'mg.capture("{part.key}"' in cells[part.grade_id].source


def test_answer_cells_are_solution_cells_without_a_solution(record):
    """Do answer cells have a solution region that holds no solution of any variant?"""
    notebook = build_notebook(record)
    cells = nbgrader_cells(notebook)
    for part in record.parts:
        cell = cells[f"answer-{part.problem}-{part.id}"]
        assert cell.metadata["nbgrader"]["solution"] and not cell.metadata["nbgrader"]["grade"]
        assert "### BEGIN SOLUTION" in cell.source
    found, _, public = secrets(record)
    text = json.dumps(notebook)
    assert not [s for s in found if s.text in text and s.text not in " ".join(public)]


def test_public_data_holds_statements_but_no_solution_or_mistake(tmp_path, record):
    """Does the public data file carry every variant's statement and none of the secrets?"""
    data = public_data(record)
    pool = record.problem("fixture-quadratic").pool
    assert len(data["problems"]["fixture-quadratic"]["variants"]) == pool
    notebook = build(tmp_path, record)
    notebook.unlink()  # the source notebook keeps nbgrader's markers until generate_assignment
    found, numbers, public = secrets(record)
    assert len(found) > 10 and len(numbers) > 100
    assert check_folder(tmp_path / "source" / "hw", found, numbers, public) == []


def test_runtime_zip_is_deterministic_and_holds_no_bank_course_or_cli():
    """Is the zip byte-identical when rebuilt, and free of problems, solutions and commands?"""
    first, second = bundle.runtime_zip(), bundle.runtime_zip()
    assert first == second
    import io

    names = zipfile.ZipFile(io.BytesIO(first)).namelist()
    assert "autograder/course/runtime.py" in names and "autograder/bank/variants.py" in names
    for forbidden in (
        "problem_bank/",
        "autograder/bank/registry.py",
        "autograder/bank/model.py",
        "autograder/cli.py",
        "autograder/commands/",
        "autograder/course/trusted.py",
        "autograder/course/records.py",
    ):
        assert not any(n.startswith(forbidden) for n in names), forbidden


ISOLATED = """
import sys
sys.meta_path = [f for f in sys.meta_path if "editable" not in repr(f).lower()]
sys.path_hooks = [h for h in sys.path_hooks if "editable" not in repr(h).lower()]
# The course root goes, but not the interpreter's own packages (a venv may live in the root).
sys.path = [
    p for p in sys.path
    if p and "editable" not in p and (not p.startswith(ROOT) or p.startswith(sys.prefix))
]
sys.path.insert(0, ZIP)
import autograder.course.runtime as runtime
assert runtime.__file__.startswith(ZIP), runtime.__file__
from autograder.bank.variants import variant_index
for name in ("problem_bank", "autograder.bank.registry", "autograder.cli",
             "autograder.commands.bank", "autograder.course.records"):
    try:
        __import__(name)
    except ImportError:
        continue
    raise SystemExit(f"{name} is importable from the student runtime")
print("isolated ok")
"""


def test_runtime_works_alone_and_bank_show_is_not_there(tmp_path):
    """With only the zip, does the runtime import, and is nothing of the bank or CLI there?"""
    zip_path = tmp_path / "matgrade_runtime.zip"
    bundle.write_runtime_zip(zip_path)
    root = str(bundle.PACKAGE_ROOT.parent)
    code = f"ROOT = {root!r}\nZIP = {str(zip_path)!r}\n" + ISOLATED
    done = subprocess.run(
        [sys.executable, "-I", "-c", code],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr + done.stdout
    assert "isolated ok" in done.stdout


def test_a_slipped_solution_or_private_value_is_caught(tmp_path, record):
    """Would a solution or a private reference value written beside the notebook be caught?"""
    from autograder.check import prepare

    folder = build(tmp_path, record).parent
    part = record.variant_for("fixture-quadratic", "zoe").part("a")
    private = prepare(part.request(0)).comparison.reference[0].ravel()[0]
    (folder / "notes.txt").write_text(f'hint = "{part.solution}"\n')
    (folder / "values.json").write_text(f"[{private!r}]")
    found, numbers, public = secrets(record)
    leaks = check_folder(folder, found, numbers, public)
    labels = {(leak.path, leak.label.split()[0]) for leak in leaks}
    assert ("notes.txt", "solution") in labels
    assert ("values.json", "reference") in labels

"""The release leak check: secrets in any spelling, in any released file, zip members too."""

from __future__ import annotations

import zipfile

import pytest

from autograder.course.leakcheck import Secret, check_folder, find_leaks, number_key

SOLUTION = Secret("solution", "(A + A.T) @ x")
MISTAKE = Secret("mistake", "A @ x")


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ('answer = "(A + A.T) @ x"', ["solution"]),
        ('answer = "(A+A.T)@x"', ["solution"]),
        ("grad = (A  +  A.T)  @  x", ["solution"]),
        ("f = x.T @ A @ x", []),
        ("g = 2 * A @ x", []),
        ('wrong = "A @ x"', ["mistake"]),
        ("nothing here", []),
    ],
)
def test_expressions_match_whole_in_canonical_and_squeezed_spellings(text, found):
    """Is a secret found with or without spaces, but not as a piece of a longer expression?"""
    leaks = find_leaks([("f.py", text)], [SOLUTION, MISTAKE])
    assert sorted(leak.label.split()[0] for leak in leaks) == found


def test_public_expressions_are_not_secrets():
    """Is a mistake that is also the problem's objective (public anyway) left alone?"""
    leaks = find_leaks([("nb", "f(x) = A @ x")], [MISTAKE], public=["A@x"])
    assert leaks == []


def test_private_numbers_need_nine_significant_digits():
    """Is a private reference value found when printed to 9+ digits, and short decimals not?"""
    numbers = {number_key(0.123456789123): "private value"}
    text = "[0.12345678912, 0.5, -1.2]"
    assert [leak.label for leak in find_leaks([("p.json", text)], [], numbers)] == ["private value"]
    assert find_leaks([("p.json", "0.1234568")], [], numbers) == []


def test_nbgrader_markers_are_leaks():
    """Would a solution region that nbgrader failed to strip fail the check?"""
    leaks = find_leaks([("nb", "### BEGIN SOLUTION\nx = 1\n### END SOLUTION")], [])
    assert len(leaks) == 2


def test_files_and_zip_members_are_read(tmp_path):
    """Does the check look inside every file, including the members of a zip?"""
    (tmp_path / "clean.txt").write_text("nothing")
    with zipfile.ZipFile(tmp_path / "runtime.zip", "w") as archive:
        archive.writestr("autograder/secret.py", 'S = "(A + A.T) @ x"')
    leaks = check_folder(tmp_path, [SOLUTION])
    assert [leak.path for leak in leaks] == ["runtime.zip!autograder/secret.py"]

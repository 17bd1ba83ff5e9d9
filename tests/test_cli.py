"""The `matgrade` dispatcher."""

import subprocess
import sys

import pytest

from autograder.cli import VERBS, main


def test_help_lists_every_verb(capsys):
    """Does `matgrade --help` name every verb with its one-line help?"""
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    for verb, (_, help_text) in VERBS.items():
        assert verb in out and help_text in out


def test_unknown_verb_is_refused(capsys):
    """Is an unknown verb an error that lists the valid ones?"""
    with pytest.raises(SystemExit) as exit_info:
        main(["frobnicate"])
    assert exit_info.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_console_script_runs():
    """Does `python -m autograder --version` run the installed entry point?"""
    done = subprocess.run(
        [sys.executable, "-m", "autograder", "--version"], capture_output=True, text=True
    )
    assert done.returncode == 0
    assert done.stdout.startswith("matgrade ")

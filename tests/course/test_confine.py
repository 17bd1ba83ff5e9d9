"""The bwrap-confined grading kernel: what student code in it can and cannot reach."""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from autograder.course.autograde import Confinement
from autograder.course.confine import bwrap_command, confine_problem

PROBLEM = confine_problem()
needs_bwrap = pytest.mark.skipif(PROBLEM is not None, reason=f"no sandbox here: {PROBLEM}")
ROOT = Path(__file__).resolve().parents[2]

PROBES = {
    "course": f"import os; print(os.path.exists({str(ROOT / 'nbgrader_config.py')!r}))",
    "secret": f"import os; print(os.path.exists({str(Path.home())!r} + '/.bashrc'))",
    "token": "import os; print(os.environ.get('JUPYTERHUB_API_TOKEN'))",
    "network": (
        "import socket\ntry:\n    socket.create_connection(('1.1.1.1', 53), timeout=2)\n"
        "    print('open')\nexcept OSError:\n    print('closed')"
    ),
    "matgrade": "import importlib.util; print(importlib.util.find_spec('problem_bank'))",
    "own folder": "open('mine.txt', 'w').write('ok'); print(open('mine.txt').read())",
}


def test_the_kernel_command_binds_no_course_folder(tmp_path):
    """Does the bwrap command bind the submission's folder and never the course root?"""
    command = bwrap_command(str(tmp_path), str(tmp_path / "rt" / "kernel.json"))
    bound = {command[i + 1] for i, arg in enumerate(command) if arg in ("--bind", "--ro-bind")}
    assert str(tmp_path) in bound and str(ROOT) not in bound
    assert "--unshare-all" in command and "--clearenv" in command


@pytest.mark.slow
@needs_bwrap
def test_student_code_in_the_confined_kernel_reaches_nothing_else(tmp_path, monkeypatch):
    """In the grading kernel, are the course, the home, tokens and the network out of reach?"""
    monkeypatch.setenv("JUPYTERHUB_API_TOKEN", "grader-secret")
    notebook = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell(code) for code in PROBES.values()]
    )
    confinement = Confinement()
    saved = dict(os.environ)
    try:
        runtime = confinement.runtime()
        os.environ.update(confinement.environment(runtime))
        client = NotebookClient(
            notebook, timeout=60, kernel_name=confinement.kernel_name, allow_errors=True
        )
        client.km = client.create_kernel_manager()
        client.km.transport = "ipc"
        client.km.connection_file = str(runtime / "kernel.json")
        client.execute(cwd=str(tmp_path))
    finally:
        os.environ.clear()
        os.environ.update(saved)
        confinement.close()
    said = {
        name: "".join(o.get("text", "") for o in cell.outputs).strip()
        for name, cell in zip(PROBES, notebook.cells, strict=True)
    }
    assert said == {
        "course": "False",
        "secret": "False",
        "token": "None",
        "network": "closed",
        "matgrade": "None",
        "own folder": "ok",
    }

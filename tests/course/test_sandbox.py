"""The grading sandbox: what student code in a kernel started by a real `nbgrader autograde`
can and cannot reach. The student's answer cell tries each thing and prints what it saw; the
test reads the autograded notebook's outputs."""

from __future__ import annotations

import json
import socket
import subprocess
import threading
from pathlib import Path

import nbformat
import pytest

from autograder.course.runner import run_autograde
from autograder.course.sandbox import (
    KERNEL_ENVIRONMENT,
    SandboxLimits,
    bwrap_argv,
    empty_runtime,
    kernel_argv,
    prepare_launcher,
    prepare_sandbox,
    sandbox_problem,
    submission_of,
)
from autograder.course.trusted import clip_outputs

PROBLEM = sandbox_problem()
needs_bwrap = pytest.mark.skipif(PROBLEM is not None, reason=f"no sandbox here: {PROBLEM}")
MARK = "SEEN:"
SET_BY_IPYKERNEL = {
    "PWD",
    "JPY_PARENT_PID",
    "JPY_SESSION_NAME",
    "TERM",
    "PAGER",
    "GIT_PAGER",
    "CLICOLOR",
    "CLICOLOR_FORCE",
    "FORCE_COLOR",
    "PYDEVD_USE_FRAME_EVAL",
}
"""Variables ipykernel and IPython set in their own process (none comes from the grader)."""

PROBE = """
import json, os, socket, importlib.util
root = {root!r}
seen = {{}}
def can_read(path):
    try:
        with open(path, "rb") as stream:
            stream.read(1)
        return True
    except OSError:
        return False
seen["source"] = can_read(root + "/source/ps1/ps1.ipynb")
seen["gradebook"] = can_read(root + "/gradebook.db")
seen["config"] = can_read(root + "/nbgrader_config.py")
seen["other submitted"] = can_read(root + "/submitted/{other}/ps1/ps1.ipynb")
seen["other autograded"] = os.path.exists(root + "/autograded/{other}")
seen["root listing"] = sorted(os.listdir(root)) if os.path.isdir(root) else None
seen["token"] = os.environ.get("JUPYTERHUB_API_TOKEN")
seen["env keys"] = sorted(os.environ)
seen["matgrade"] = importlib.util.find_spec("autograder") is not None
try:
    socket.create_connection(("127.0.0.1", {port}), timeout=3).close()
    seen["network"] = "open"
except OSError as error:
    seen["network"] = type(error).__name__
seen["cwd"] = os.getcwd()
with open("mine.txt", "w") as stream:
    stream.write("written")
seen["own folder"] = open("mine.txt").read()
filled = 0
try:
    for i in range(10):
        with open(f"/tmp/fill{{i}}", "wb") as stream:
            stream.write(b"x" * 32 * 1024**2)
        filled += 32
except OSError:
    pass
finally:
    for i in range(10):
        if os.path.exists(f"/tmp/fill{{i}}"):
            os.remove(f"/tmp/fill{{i}}")
seen["tmp MiB"] = filled
import sys
runtime = os.path.dirname(sys.argv[sys.argv.index("-f") + 1])
seen["runtime"] = sorted(os.listdir(runtime))
if "matgrade-" in runtime:  # a private runtime folder: leave a note for the next kernel
    open(os.path.join(runtime, "planted-by-{me}"), "w").write("copy me")
print({mark!r} + json.dumps(seen))
answer = 42
"""


def listening_port() -> tuple[socket.socket, int]:
    """A TCP server on the grader's loopback that any unsandboxed process can reach."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    threading.Thread(target=lambda: [server.accept() for _ in range(8)], daemon=True).start()
    return server, server.getsockname()[1]


def seen_by(root: Path, student: str) -> dict:
    notebook = nbformat.read(root / "autograded" / student / "ps1" / "ps1.ipynb", 4)
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            text = output.get("text", "")
            if MARK in text:
                return json.loads(text.split(MARK, 1)[1])
    raise AssertionError("the probe cell printed nothing: the kernel did not run it")


def probe_run(
    course: Path, submit_answer, monkeypatch, sandbox: bool, batch: int = 8
) -> dict[str, dict]:
    """What the probe saw in ann's and in bob's kernel (graded in that order)."""
    server, port = listening_port()
    monkeypatch.setenv("JUPYTERHUB_API_TOKEN", "grader-secret-token")
    for me, other in (("ann", "bob"), ("bob", "ann")):
        code = PROBE.format(root=str(course), port=port, mark=MARK, me=me, other=other)
        submit_answer(course, me, code)
    runs = run_autograde(
        course, "ps1", ["ann", "bob"], workers=1, sandbox=sandbox, timeout=60, batch=batch
    )
    server.close()
    assert runs["ann"].ok and runs["bob"].ok, runs["ann"].log_tail + runs["bob"].log_tail
    return {student: seen_by(course, student) for student in ("ann", "bob")}


def test_the_kernelspec_binds_only_the_submission_and_its_runtime(tmp_path):
    """Does the kernel command bind the submission and runtime folders read-write, the system
    read-only, and never the course root?"""
    root = tmp_path / "course"
    submission = root / "autograded" / "ann" / "ps1"
    run = prepare_sandbox(tmp_path / "box", submission)
    spec = json.loads((run.data_dir / "kernels" / run.kernel_name / "kernel.json").read_text())
    argv = spec["argv"]
    writable = {argv[i + 1] for i, a in enumerate(argv) if a == "--bind"}
    readable = {argv[i + 1] for i, a in enumerate(argv) if a == "--ro-bind"}
    assert writable == {str(submission.resolve()), str(run.runtime_dir)}
    assert str(root) not in readable and "/usr" in readable
    assert "{connection_file}" in argv and "--clearenv" in argv and "--unshare-all" in argv
    assert argv[0] == "prlimit" and f"--as={SandboxLimits().memory_bytes}" in argv
    assert f"--KernelManager.connection_file={run.connection_file}" in run.options()


def test_the_kernel_environment_names_no_grader_variable(tmp_path):
    """Is every variable the kernel gets set explicitly (none copied from the grader)?"""
    argv = bwrap_argv(tmp_path, tmp_path, ["true"])
    set_keys = {argv[i + 1] for i, a in enumerate(argv) if a == "--setenv"}
    assert set_keys == set(KERNEL_ENVIRONMENT)
    assert kernel_argv(tmp_path, tmp_path, SandboxLimits())[-1] == "{connection_file}"


def test_the_launcher_binds_the_submission_holding_the_working_directory(tmp_path):
    """Does the launcher find autograded/STUDENT/NAME from a folder at or below it, and refuse
    the student folder itself or anything outside autograded/?"""
    autograded = tmp_path / "autograded"
    (autograded / "ann" / "ps1" / "sub").mkdir(parents=True)
    assert (
        submission_of(autograded / "ann" / "ps1" / "sub", autograded)
        == (autograded / "ann" / "ps1").resolve()
    )
    for outside in (autograded / "ann", tmp_path):
        with pytest.raises(ValueError):
            submission_of(outside, autograded)


def test_the_runtime_folder_keeps_only_the_new_connection_file(tmp_path):
    """Are files, folders and links an earlier kernel left removed before the next starts?"""
    (tmp_path / "kernel.json").write_text("{}")
    (tmp_path / "planted").write_text("copy me")
    (tmp_path / "kernel-ipc-1").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "kernel.json")
    empty_runtime(tmp_path, tmp_path / "kernel.json")
    assert [p.name for p in tmp_path.iterdir()] == ["kernel.json"]


def test_the_launcher_refuses_a_kernel_outside_a_submission(tmp_path):
    """Started anywhere but in a submission folder, does the launcher refuse to start?"""
    run = prepare_launcher(tmp_path / "box", tmp_path / "autograded")
    argv = [a.replace("{connection_file}", str(run.connection_file)) for a in run.argv]
    done = subprocess.run(argv, cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert done.returncode != 0 and "refusing to start a kernel" in done.stderr


@pytest.mark.slow
@needs_bwrap
@pytest.mark.parametrize("batch", [8, 1], ids=["one nbgrader for both", "one each"])
def test_student_code_in_the_sandbox_reaches_nothing_of_the_course(
    course, submit_answer, monkeypatch, batch
):
    """In a kernel started by nbgrader autograde, are source/, the gradebook, the config,
    another student's folders, the network, the grader's token and matgrade itself out of
    reach, while the submission's own folder is the working directory and writable, and does
    nothing one kernel leaves in its runtime folder reach the next student's kernel?"""
    both = probe_run(course, submit_answer, monkeypatch, sandbox=True, batch=batch)
    for student in ("ann", "bob"):  # only this kernel's connection file and sockets
        listing = both[student]["runtime"]
        assert "kernel.json" in listing and "planted-by-ann" not in listing
        assert all(name == "kernel.json" or name.startswith("kernel-ipc-") for name in listing)
    seen = both["bob"]
    own = str((course / "autograded" / "bob" / "ps1").resolve())
    assert seen["source"] is False
    assert seen["gradebook"] is False
    assert seen["config"] is False
    assert seen["other submitted"] is False
    assert seen["other autograded"] is False
    assert seen["root listing"] == ["autograded"]
    assert seen["token"] is None
    assert set(seen["env keys"]) <= set(KERNEL_ENVIRONMENT) | SET_BY_IPYKERNEL
    assert seen["matgrade"] is False
    assert seen["network"] != "open"
    assert seen["cwd"] == own and seen["own folder"] == "written"
    assert seen["tmp MiB"] <= SandboxLimits().tmp_bytes / 1024**2 < 320  # tried 320


@pytest.mark.slow
def test_without_the_sandbox_the_same_probe_reaches_everything(course, submit_answer, monkeypatch):
    """With sandbox=False does grading still work, and does the probe see what the sandbox
    hides (so the sandboxed test's probe could have failed)?"""
    seen = probe_run(course, submit_answer, monkeypatch, sandbox=False)["bob"]
    assert seen["source"] is True and seen["gradebook"] is True
    assert seen["other submitted"] is True
    assert seen["token"] == "grader-secret-token"
    assert seen["network"] == "open"
    assert seen["own folder"] == "written"


@pytest.mark.slow
@needs_bwrap
def test_flooding_and_hoarding_students_are_bounded_and_others_graded(course, submit_answer):
    """Does a kernel flooding its output end within bounds, does one allocating 3 GiB get a
    MemoryError from the sandbox's memory cap, and is a third student graded meanwhile?"""
    flood = 'answer = 42\nimport sys\nwhile True:\n    sys.stdout.write("x" * 10000 + "\\n")'
    submit_answer(course, "flood", flood)
    submit_answer(course, "hoard", "x = bytearray(3 * 1024**3)\nanswer = 42")
    submit_answer(course, "ann")
    runs = run_autograde(course, "ps1", ["flood", "hoard", "ann"], workers=2, timeout=5)
    assert runs["ann"].ok and runs["hoard"].ok
    assert runs["flood"].seconds < 120
    flooded = course / "autograded" / "flood" / "ps1" / "ps1.ipynb"
    if flooded.exists():
        # nbgrader bounds a flood by lines only; the trusted pass clips what it keeps.
        notebook = nbformat.read(flooded, 4)
        clip_outputs(notebook)
        nbformat.write(notebook, flooded)
        assert flooded.stat().st_size < 2 * 1024**2
    hoarded = nbformat.read(course / "autograded" / "hoard" / "ps1" / "ps1.ipynb", 4)
    errors = [o.get("ename") for c in hoarded.cells for o in c.get("outputs", [])]
    assert "MemoryError" in errors

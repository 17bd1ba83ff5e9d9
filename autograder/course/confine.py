"""A confined grading kernel with bubblewrap, for when the infra sandbox module is absent.

Jupyter starts the kernel through `python -m autograder.course.confine CONNECTION_FILE`; this
launcher (the grader's side, standard library only) replaces itself with `bwrap`, which runs
ipykernel with: no network (`--unshare-all`; the kernel talks over `ipc` sockets beside its
connection file), an empty environment (`--clearenv`: no tokens, no JUPYTERHUB_* variables),
read-only system and Python directories, a private /tmp, and of the course only the
submission's own folder (the kernel's working directory) and the folder of its connection
file. The course root, `source/`, `records/`, the gradebook and other students' submissions
are not there at all, and the editable install's path to the course leads nowhere.

Every nbgrader process gets its own runtime folder (`runtime_environment`), so one student's
kernel cannot reach another's connection file.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path

KERNEL_NAME = "matgrade-confined"
SYSTEM_DIRS = ("/usr", "/bin", "/lib", "/lib64", "/lib32", "/sbin", "/etc/alternatives")
ETC_FILES = (
    "/etc/ld.so.cache",
    "/etc/localtime",
    "/etc/nsswitch.conf",
    "/etc/passwd",
    "/etc/group",
)


def python_dirs() -> list[str]:
    """The folders the kernel's Python needs (prefix, stdlib, site-packages), de-duplicated."""
    found = [sys.prefix, sys.base_prefix, sys.exec_prefix]
    for key in ("stdlib", "platstdlib", "purelib", "platlib"):
        found.append(sysconfig.get_paths()[key])
    found.append(str(Path(sys.executable).resolve().parent.parent))
    kept: list[str] = []
    for path in sorted(set(found), key=len):
        if os.path.isdir(path) and not any(path.startswith(k + os.sep) for k in kept):
            kept.append(path)
    return kept


def bwrap_command(cwd: str, connection_file: str, extra: list[str] | None = None) -> list[str]:
    """The bwrap command line that runs ipykernel confined, working in `cwd`."""
    command = ["bwrap", "--unshare-all", "--die-with-parent", "--new-session", "--clearenv"]
    # /tmp first: a Python or a submission under /tmp is bound on top of the private /tmp.
    command += ["--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"]
    for path in SYSTEM_DIRS:
        if os.path.lexists(path):
            kind = "--symlink" if os.path.islink(path) else "--ro-bind"
            target = os.readlink(path) if os.path.islink(path) else path
            command += [kind, target, path]
    for path in ETC_FILES:
        if os.path.exists(path):
            command += ["--ro-bind", path, path]
    for path in python_dirs():
        command += ["--ro-bind", path, path]
    runtime = str(Path(connection_file).resolve().parent)
    command += ["--bind", runtime, runtime, "--bind", cwd, cwd, "--chdir", cwd]
    environment = {
        "HOME": "/tmp",
        "PATH": "/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "PYTHONNOUSERSITE": "1",
        "MPLBACKEND": "Agg",
        "NBGRADER_EXECUTION": "autograde",
    }
    for key, value in environment.items():
        command += ["--setenv", key, value]
    command += [sys.executable, "-I", "-m", "ipykernel_launcher", "-f", connection_file]
    return command + list(extra or [])


def confine_problem() -> str | None:
    """Why a confined kernel cannot start here, or None when it can."""
    if shutil.which("bwrap") is None:
        return "bubblewrap (bwrap) is not installed: apt-get install bubblewrap"
    with tempfile.TemporaryDirectory() as folder:
        probe = bwrap_command(folder, str(Path(folder) / "kernel.json"))
        probe = probe[: probe.index(sys.executable)] + [sys.executable, "-I", "-c", "pass"]
        done = subprocess.run(probe, capture_output=True, text=True, check=False, timeout=60)
    if done.returncode != 0:
        return f"bwrap cannot start a confined process here: {done.stderr.strip()[:300]}"
    return None


def write_kernelspec(data_dir: Path) -> Path:
    """Write the confined kernelspec under `data_dir/kernels/` (put data_dir on JUPYTER_PATH)."""
    folder = Path(data_dir) / "kernels" / KERNEL_NAME
    folder.mkdir(parents=True, exist_ok=True)
    spec = {
        "argv": [sys.executable, "-m", "autograder.course.confine", "{connection_file}"],
        "display_name": "matgrade confined grading kernel",
        "language": "python",
        "interrupt_mode": "message",
        "metadata": {"debugger": False},
    }
    (folder / "kernel.json").write_text(json.dumps(spec, indent=1) + "\n")
    return folder


def runtime_environment(data_dir: Path, runtime_dir: Path) -> dict[str, str]:
    """The environment of an nbgrader process whose kernels run confined."""
    environment = dict(os.environ)
    environment["JUPYTER_PATH"] = os.pathsep.join(
        [str(data_dir)] + [p for p in environment.get("JUPYTER_PATH", "").split(os.pathsep) if p]
    )
    environment["JUPYTER_RUNTIME_DIR"] = str(runtime_dir)
    return environment


def main(argv: list[str]) -> None:
    """Kernel launcher: become bwrap running ipykernel confined in the current folder."""
    if not argv:
        sys.exit("usage: python -m autograder.course.confine CONNECTION_FILE [KERNEL OPTIONS]")
    connection_file = Path(argv[0]).resolve()
    private = os.environ.get("JUPYTER_RUNTIME_DIR")
    if not private or connection_file.parent != Path(private).resolve():
        sys.exit(
            "matgrade: the confined kernel needs its connection file in a private runtime "
            "folder (JUPYTER_RUNTIME_DIR set by matgrade autograde); refusing to bind "
            f"{connection_file.parent}"
        )
    command = bwrap_command(os.getcwd(), str(connection_file), argv[1:])
    quiet = os.open(os.devnull, os.O_WRONLY)  # ipykernel's start-up banner is noise here
    os.dup2(quiet, 1)
    os.dup2(quiet, 2)
    os.execvp(command[0], command)


if __name__ == "__main__":
    main(sys.argv[1:])

"""A bubblewrap sandbox for the kernels that nbgrader's autograde starts.

One nbgrader process grades one submission (`runner.run_autograde`). Before it starts,
`prepare_sandbox` writes, into a private temporary folder, a kernelspec whose command is

    prlimit --as=MEMORY --fsize=FILES -- bwrap ... python -m ipykernel_launcher -f {connection_file}

and the nbgrader process is pointed at it (`SandboxRun.environment`, `SandboxRun.options`):
`JUPYTER_PATH` finds the kernelspec, `--ExecutePreprocessor.kernel_name` selects it, and
jupyter_client talks to the kernel over `ipc` sockets beside a connection file in a private
runtime folder, because TCP does not cross the sandbox's empty network namespace.

Inside the sandbox the kernel sees: the system (`/usr`, `/bin`, `/lib*`, a few files of
`/etc`) and the Python installation read-only; a private `/tmp` (also its HOME); the private
runtime folder; and, read-write at its own path, only the submission's folder
`autograded/STUDENT/NAME`. The course root is otherwise absent (so are `source/`, the gradebook,
`records/`, `problem_bank/`, other students' folders and the editable install's package), the
network is absent, the environment is cleared (no tokens) and the kernel dies with nbgrader.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

KERNEL_NAME = "matgrade-sandbox"
"""The kernelspec name nbgrader's ExecutePreprocessor is told to use."""

SYSTEM_DIRS = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")
ETC_PATHS = (
    "/etc/alternatives",
    "/etc/ld.so.cache",
    "/etc/ld.so.conf",
    "/etc/ld.so.conf.d",
    "/etc/localtime",
    "/etc/nsswitch.conf",
    "/etc/passwd",
    "/etc/group",
)
KERNEL_ENVIRONMENT = {
    "HOME": "/tmp",
    "PATH": "/usr/local/bin:/usr/bin:/bin",
    "LANG": "C.UTF-8",
    "PYTHONNOUSERSITE": "1",
    "PYTHONDONTWRITEBYTECODE": "1",
    "MPLBACKEND": "Agg",
    "NBGRADER_EXECUTION": "autograde",
}
"""The kernel's whole environment (bwrap --clearenv drops everything else)."""


@dataclass(frozen=True)
class SandboxLimits:
    """Resource limits of one grading kernel (set with prlimit on the bwrap process)."""

    memory_bytes: int = 2 * 1024**3
    """Address space of the kernel (RLIMIT_AS): a MemoryError in the student's cell beyond it."""
    file_bytes: int = 64 * 1024**2
    """Largest file the kernel may write (RLIMIT_FSIZE), its own stdout/stderr included."""
    open_files: int = 1024
    """Open file descriptors (RLIMIT_NOFILE)."""
    tmp_bytes: int = 256 * 1024**2
    """Size of the kernel's private /tmp (a tmpfs, in the machine's memory), where bwrap
    supports --size (0.8 and later)."""


DEFAULT_LIMITS = SandboxLimits()


@dataclass(frozen=True)
class SandboxRun:
    """The kernelspec and runtime folder of one nbgrader process whose kernels run sandboxed."""

    data_dir: Path
    runtime_dir: Path
    submission: Path
    kernel_name: str = KERNEL_NAME
    argv: tuple[str, ...] = field(default=())

    @property
    def connection_file(self) -> Path:
        """The kernel's connection file; its ipc sockets are created beside it."""
        return self.runtime_dir / "kernel.json"

    def environment(self, base: dict[str, str] | None = None) -> dict[str, str]:
        """The nbgrader process's environment: `base` (default os.environ) plus the paths that
        find this kernelspec and this runtime folder."""
        environment = dict(os.environ if base is None else base)
        earlier = [p for p in environment.get("JUPYTER_PATH", "").split(os.pathsep) if p]
        environment["JUPYTER_PATH"] = os.pathsep.join([str(self.data_dir), *earlier])
        environment["JUPYTER_RUNTIME_DIR"] = str(self.runtime_dir)
        return environment

    def options(self) -> list[str]:
        """nbgrader command-line options that run every notebook's kernel in this sandbox."""
        return [
            f"--ExecutePreprocessor.kernel_name={self.kernel_name}",
            "--KernelManager.transport=ipc",
            f"--KernelManager.connection_file={self.connection_file}",
        ]


def python_dirs() -> list[str]:
    """Folders the kernel's Python needs (prefixes, stdlib, site-packages), outermost only."""
    found = [sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix]
    found += [sysconfig.get_paths()[key] for key in ("stdlib", "platstdlib", "purelib", "platlib")]
    found.append(str(Path(sys.executable).resolve().parent.parent))
    kept: list[str] = []
    for path in sorted({os.path.realpath(p) for p in found}, key=len):
        if os.path.isdir(path) and not any(path.startswith(k.rstrip("/") + "/") for k in kept):
            kept.append(path)
    return kept


@functools.cache
def bwrap_sizes_tmpfs() -> bool:
    """Whether this bwrap takes --size for a tmpfs."""
    try:
        done = subprocess.run(["bwrap", "--help"], capture_output=True, text=True, check=False)
    except OSError:
        return False
    return "--size" in done.stdout + done.stderr


def bwrap_argv(
    submission: Path,
    runtime_dir: Path,
    command: list[str],
    workdir: Path | None = None,
    tmp_bytes: int = 256 * 1024**2,
) -> list[str]:
    """The bwrap command line running `command` in `workdir` (default `submission`) with only
    `submission` and `runtime_dir` writable (each at its own path), the system and Python
    read-only."""
    argv = ["bwrap", "--unshare-all", "--die-with-parent", "--new-session", "--clearenv"]
    # The private /tmp first: a Python or a course under /tmp is bound on top of it.
    argv += ["--proc", "/proc", "--dev", "/dev"]
    argv += (["--size", str(tmp_bytes)] if bwrap_sizes_tmpfs() else []) + ["--tmpfs", "/tmp"]
    for path in SYSTEM_DIRS:
        if os.path.islink(path):
            argv += ["--symlink", os.readlink(path), path]
        elif os.path.isdir(path):
            argv += ["--ro-bind", path, path]
    for path in ETC_PATHS:
        if os.path.exists(path):
            argv += ["--ro-bind", path, path]
    for path in python_dirs():
        argv += ["--ro-bind", path, path]
    for path in (str(Path(runtime_dir).resolve()), str(Path(submission).resolve())):
        argv += ["--bind", path, path]
    argv += ["--chdir", str(Path(workdir or submission).resolve())]
    for key, value in KERNEL_ENVIRONMENT.items():
        argv += ["--setenv", key, value]
    return argv + ["--", *command]


def limit_argv(limits: SandboxLimits) -> list[str]:
    """prlimit's command line prefix for `limits` (inherited by bwrap and the kernel)."""
    return [
        "prlimit",
        f"--as={limits.memory_bytes}",
        f"--fsize={limits.file_bytes}",
        f"--nofile={limits.open_files}",
        "--",
    ]


def kernel_argv(submission: Path, runtime_dir: Path, limits: SandboxLimits) -> list[str]:
    """The kernelspec argv: a limited, sandboxed ipykernel working in `submission`."""
    kernel = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    return limit_argv(limits) + bwrap_argv(
        submission, runtime_dir, kernel, tmp_bytes=limits.tmp_bytes
    )


def _write_kernelspec(data_dir: Path, argv: list[str]) -> None:
    spec_dir = data_dir / "kernels" / KERNEL_NAME
    spec_dir.mkdir(parents=True, exist_ok=True)
    spec = {
        "argv": argv,
        "display_name": "matgrade sandboxed grading kernel",
        "language": "python",
        "interrupt_mode": "message",
        "metadata": {"debugger": False},
    }
    (spec_dir / "kernel.json").write_text(json.dumps(spec, indent=1) + "\n")


def _private_runtime(folder: Path) -> Path:
    runtime_dir = folder / "runtime"
    runtime_dir.mkdir(parents=True, exist_ok=True)
    runtime_dir.chmod(0o700)
    return runtime_dir


def prepare_sandbox(
    folder: Path, submission: Path, limits: SandboxLimits = DEFAULT_LIMITS
) -> SandboxRun:
    """Write a sandboxed kernelspec for grading `submission` (the autograded/STUDENT/NAME
    folder, created here if nbgrader has not yet) into `folder`, a private temporary folder
    that the caller removes afterwards."""
    folder = Path(folder).resolve()
    submission = Path(submission).resolve()
    submission.mkdir(parents=True, exist_ok=True)
    runtime_dir = _private_runtime(folder)
    argv = kernel_argv(submission, runtime_dir, limits)
    _write_kernelspec(folder / "data", argv)
    return SandboxRun(folder / "data", runtime_dir, submission, KERNEL_NAME, tuple(argv))


def prepare_launcher(
    folder: Path, autograded: Path, limits: SandboxLimits = DEFAULT_LIMITS
) -> SandboxRun:
    """Like `prepare_sandbox`, for one nbgrader process grading several students: the
    kernelspec runs this module's launcher, which sandboxes each kernel with only the
    submission folder it starts in (`autograded`/STUDENT/NAME) writable, after emptying the
    runtime folder of anything an earlier kernel left there."""
    folder = Path(folder).resolve()
    autograded = Path(autograded).resolve()
    autograded.mkdir(parents=True, exist_ok=True)
    runtime_dir = _private_runtime(folder)
    argv = [
        sys.executable,
        "-P",  # the working directory is the student's folder: never import from it
        "-m",
        "autograder.course.sandbox",
        f"--submissions={autograded}",
        f"--runtime={runtime_dir}",
        f"--memory={limits.memory_bytes}",
        f"--files={limits.file_bytes}",
        f"--open-files={limits.open_files}",
        f"--tmp={limits.tmp_bytes}",
        "{connection_file}",
    ]
    _write_kernelspec(folder / "data", argv)
    return SandboxRun(folder / "data", runtime_dir, autograded, KERNEL_NAME, tuple(argv))


def submission_of(cwd: Path, autograded: Path) -> Path:
    """The autograded/STUDENT/NAME folder holding `cwd`; ValueError when there is none."""
    relative = Path(cwd).resolve().relative_to(Path(autograded).resolve())
    if len(relative.parts) < 2 or any(p in ("", ".", "..") for p in relative.parts[:2]):
        raise ValueError(f"{cwd} is not inside a submission folder of {autograded}")
    return Path(autograded).resolve() / relative.parts[0] / relative.parts[1]


def empty_runtime(runtime_dir: Path, keep: Path) -> None:
    """Remove from the runtime folder everything but the new kernel's connection file."""
    for entry in Path(runtime_dir).iterdir():
        if entry.name == keep.name:
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)


def launch(argv: list[str]) -> None:
    """Kernel launcher (grader's side): become prlimit + bwrap + ipykernel for the submission
    folder that is the current working directory."""
    parser = argparse.ArgumentParser(prog="python -m autograder.course.sandbox")
    parser.add_argument("--submissions", required=True, type=Path)
    parser.add_argument("--runtime", required=True, type=Path)
    parser.add_argument("--memory", type=int, default=DEFAULT_LIMITS.memory_bytes)
    parser.add_argument("--files", type=int, default=DEFAULT_LIMITS.file_bytes)
    parser.add_argument("--open-files", type=int, default=DEFAULT_LIMITS.open_files)
    parser.add_argument("--tmp", type=int, default=DEFAULT_LIMITS.tmp_bytes)
    parser.add_argument("connection_file", type=Path)
    options, kernel_options = parser.parse_known_args(argv)
    connection_file = options.connection_file.resolve()
    runtime_dir = options.runtime.resolve()
    if connection_file.parent != runtime_dir:
        sys.exit(f"matgrade sandbox: refusing a connection file outside {runtime_dir}")
    try:
        submission = submission_of(Path.cwd(), options.submissions)
    except ValueError as error:
        sys.exit(f"matgrade sandbox: refusing to start a kernel: {error}")
    empty_runtime(runtime_dir, connection_file)
    limits = SandboxLimits(options.memory, options.files, options.open_files, options.tmp)
    kernel = [sys.executable, "-m", "ipykernel_launcher", "-f", str(connection_file)]
    command = limit_argv(limits) + bwrap_argv(
        submission,
        runtime_dir,
        kernel + kernel_options,
        workdir=Path.cwd(),
        tmp_bytes=limits.tmp_bytes,
    )
    os.execvp(command[0], command)


def sandbox_problem() -> str | None:
    """None when bubblewrap can start a sandboxed Python here, else the reason and the fix."""
    for tool, package in (("bwrap", "bubblewrap"), ("prlimit", "util-linux")):
        if shutil.which(tool) is None:
            return (
                f"{tool} is not installed: apt-get install {package}, or pass --no-sandbox "
                "(student code then runs with your rights)"
            )
    with tempfile.TemporaryDirectory(prefix="matgrade-sandbox-check-") as folder:
        work, runtime = Path(folder) / "work", Path(folder) / "runtime"
        work.mkdir()
        runtime.mkdir()
        probe = limit_argv(SandboxLimits()) + bwrap_argv(
            work, runtime, [sys.executable, "-c", "import os; print(os.getcwd())"]
        )
        try:
            done = subprocess.run(probe, capture_output=True, text=True, timeout=60, check=False)
        except (OSError, subprocess.TimeoutExpired) as error:
            return f"bwrap could not start a sandboxed process here ({error}); pass --no-sandbox"
    if done.returncode != 0 or done.stdout.strip() != str(work.resolve()):
        reason = (done.stderr or done.stdout).strip()[-300:]
        return (
            f"bwrap cannot start a sandboxed process here: {reason or done.returncode} "
            "(in a container, allow user namespaces, or pass --no-sandbox)"
        )
    return None


if __name__ == "__main__":
    launch(sys.argv[1:])

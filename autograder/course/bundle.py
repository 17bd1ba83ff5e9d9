"""The student runtime zip: the engine's student-side subset, released beside each notebook.

Its modules are the import closure (found by reading `import` statements, not by running code)
of the runtime and the self-check, restricted to `autograder.*`. The bank and the course glue
are replaced by package stubs that hold nothing, except the bank's variant-index rule, which a
student needs to see their own variant. The closure must not reach the bank's problems, the
commands or nbgrader: `runtime_modules` raises if it does, naming the import to remove.

The zip is deterministic (sorted entries, fixed timestamps), so a re-release is byte-identical.
"""

from __future__ import annotations

import ast
import io
import zipfile
from pathlib import Path

import autograder

PACKAGE_ROOT = Path(autograder.__file__).resolve().parent
ROOTS = ("autograder.course.runtime", "autograder.course.capture", "autograder.selfcheck")
STUBS = {
    "autograder.bank": '"""Student runtime: only the variant-index rule of the bank."""\n',
    "autograder.course": '"""Student runtime: only the notebook runtime and answer capture."""\n',
}
ALLOWED_INSIDE_STUBS = (
    "autograder.bank.variants",
    "autograder.course.runtime",
    "autograder.course.capture",
)
FORBIDDEN = ("autograder.cli", "autograder.commands", "autograder.report", "problem_bank")
FIXED_TIME = (1980, 1, 1, 0, 0, 0)


class BundleError(RuntimeError):
    """The runtime would pull in something a student must not receive."""


def _module_path(name: str) -> Path | None:
    relative = Path(*name.split(".")[1:])
    for candidate in (PACKAGE_ROOT / relative / "__init__.py", PACKAGE_ROOT / f"{relative}.py"):
        if candidate.is_file():
            return candidate
    return None


def _imports(path: Path, name: str) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parent + ([base] if base else []))
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return {m for m in found if m.split(".")[0] in ("autograder", "problem_bank", "nbgrader")}


def _allowed(name: str) -> bool:
    if any(name == f or name.startswith(f + ".") for f in FORBIDDEN):
        return False
    for stub in STUBS:
        if name.startswith(stub + "."):
            return name in ALLOWED_INSIDE_STUBS
    return not name.startswith("nbgrader")


def runtime_modules() -> list[str]:
    """The `autograder.*` modules the student runtime needs, sorted."""
    seen: set[str] = set()
    todo = list(ROOTS)
    while todo:
        name = todo.pop()
        if name in seen or name in STUBS:
            continue
        path = _module_path(name)
        if path is None:
            continue  # `from package import function`: not a module of its own
        if not _allowed(name):
            raise BundleError(
                f"the student runtime would include {name}, which students must not receive: "
                "remove that import from the runtime's modules (or make it lazy elsewhere)"
            )
        seen.add(name)
        todo.extend(_imports(path, name))
        parent = name.rpartition(".")[0]
        while parent and parent not in STUBS:
            todo.append(parent)
            parent = parent.rpartition(".")[0]
    return sorted(seen)


def runtime_zip() -> bytes:
    """The bytes of the runtime zip (deterministic)."""
    entries: dict[str, str] = {}
    for name in runtime_modules():
        path = _module_path(name)
        arcname = path.relative_to(PACKAGE_ROOT.parent).as_posix()
        entries[arcname] = path.read_text(encoding="utf-8")
    for name, text in STUBS.items():
        entries[name.replace(".", "/") + "/__init__.py"] = text
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for arcname in sorted(entries):
            info = zipfile.ZipInfo(arcname, FIXED_TIME)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, entries[arcname])
    return buffer.getvalue()


def write_runtime_zip(dest: Path) -> Path:
    """Write the runtime zip to `dest` (only if its bytes changed); return `dest`."""
    data = runtime_zip()
    dest = Path(dest)
    if not dest.is_file() or dest.read_bytes() != data:
        dest.write_bytes(data)
    return dest

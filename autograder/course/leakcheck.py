"""The release leak check: nothing a student receives may hold a secret, in any spelling.

Secrets are expressions (solutions, alternatives, anticipated mistakes) and numbers (reference
values at the private probes the grader uses). Every file of the release is read, members of
zip files too. An expression matches in its canonical spelling and with all whitespace removed,
as a whole expression: not as a piece of a longer one (`A @ x` inside `x.T @ A @ x` is not a
match), and an expression that is itself public (it occurs in the problem's statement or
objective) is not a secret. A number matches a decimal in the text that agrees with it to 9
significant digits (shorter decimals are too common to mean anything). nbgrader's solution and
hidden-test markers must be gone too.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

MARKERS = ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS")
# A character that would make the match part of a longer expression.
_CONTINUES = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
_OPERATORS = set(".@*/+-^'")
_DECIMAL = re.compile(r"-?\d+\.\d+(?:[eE][-+]?\d+)?")
SIGNIFICANT = 9
MAX_FILE = 50_000_000


@dataclass(frozen=True)
class Secret:
    """An expression a student must not see, and what it is (for the report)."""

    label: str
    text: str


@dataclass(frozen=True)
class Leak:
    """Where a secret was found."""

    path: str
    label: str
    excerpt: str

    def __str__(self) -> str:
        return f"{self.path}: {self.label}: ...{self.excerpt}..."


def squeeze(text: str) -> str:
    """`text` without whitespace (the normalised spelling the check also looks for)."""
    return re.sub(r"\s+", "", text)


def number_key(value: float) -> str:
    """A float's key to SIGNIFICANT digits: equal keys mean the same number for the check."""
    return f"{abs(float(value)):.{SIGNIFICANT - 1}e}"


def _significant_digits(token: str) -> int:
    mantissa = re.split(r"[eE]", token.lstrip("-"))[0].replace(".", "").lstrip("0")
    return len(mantissa)


def released_texts(folder: Path) -> Iterator[tuple[str, str]]:
    """(relative path, text) for every file under `folder`, zip members as `file.zip!member`."""
    folder = Path(folder)
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        rel = path.relative_to(folder).as_posix()
        data = path.read_bytes()[:MAX_FILE]
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                for member in sorted(archive.namelist()):
                    text = archive.read(member)[:MAX_FILE].decode("utf-8", "replace")
                    yield f"{rel}!{member}", text
        else:
            yield rel, data.decode("utf-8", "replace")


def _needle_pattern(needle: str) -> re.Pattern:
    """`needle` with any whitespace allowed between its characters."""
    return re.compile(r"\s*".join(re.escape(c) for c in squeeze(needle)))


def _continues(text: str, at: int, step: int) -> bool:
    """Does the expression go on from `at` in direction `step` (-1 before, +1 after)?"""
    gap = False
    while 0 <= at < len(text) and text[at].isspace():
        at += step
        gap = True
    if not 0 <= at < len(text):
        return False
    char = text[at]
    if char in _OPERATORS:
        return True
    return char in _CONTINUES and not gap


def _whole_matches(text: str, pattern: re.Pattern) -> Iterator[int]:
    for match in pattern.finditer(text):
        if not _continues(text, match.start() - 1, -1) and not _continues(text, match.end(), 1):
            yield match.start()


def _excerpt(text: str, at: int, width: int = 40) -> str:
    return text[max(0, at - width) : at + width].replace("\n", " ")


def find_leaks(
    texts: Iterable[tuple[str, str]],
    secrets: Iterable[Secret],
    numbers: dict[str, str] | None = None,
    public: Iterable[str] = (),
) -> list[Leak]:
    """Every secret, private number and nbgrader marker found in `texts`.

    `numbers` maps `number_key(value)` to a label; `public` are texts that are public anyway
    (statements, objectives): a secret occurring in one of them is not reported.
    """
    public_squeezed = [squeeze(p) for p in public]
    labels: dict[str, str] = {}
    for secret in secrets:
        squeezed = squeeze(secret.text)
        if squeezed and squeezed not in labels:
            labels[squeezed] = f"{secret.label} {secret.text.strip()!r}"
    needles = [
        (label, _needle_pattern(squeezed))
        for squeezed, label in labels.items()
        if not any(squeezed in p for p in public_squeezed)
    ]
    leaks: list[Leak] = []
    for path, text in texts:
        for marker in MARKERS:
            if marker in text:
                at = text.find(marker)
                leaks.append(Leak(path, f"nbgrader marker {marker!r}", _excerpt(text, at)))
        for label, pattern in needles:
            for at in _whole_matches(text, pattern):
                leaks.append(Leak(path, label, _excerpt(text, at)))
                break
        if numbers:
            for match in _DECIMAL.finditer(text):
                token = match.group()
                if _significant_digits(token) >= SIGNIFICANT:
                    label = numbers.get(number_key(float(token)))
                    if label:
                        leaks.append(Leak(path, label, _excerpt(text, match.start())))
    return leaks


def check_folder(
    folder: Path,
    secrets: Iterable[Secret],
    numbers: dict[str, str] | None = None,
    public: Iterable[str] = (),
) -> list[Leak]:
    """`find_leaks` over every file under `folder` (zip members included)."""
    return find_leaks(released_texts(folder), secrets, numbers, public)

"""The released-variant record `records/NAME.json`, read for the symbol names of each variant.

The record holds every released variant as the bank's Variant JSON (`id`, `variant`, `index`,
`parts`, each part with its `symbols` in declaration order). The reader finds those objects
wherever the record nests them, so it does not depend on the record's outer shape.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from autograder.report.align import match
from autograder.spec import PROPERTIES, SymbolSpec

RECORDS = "records"
_PROPERTY_KEYS = (
    "spd",
    "symmetric",
    "invertible",
    "positive",
    "unit_interval",
    "probability",
    "ones",
)


@dataclass(frozen=True)
class PartSymbols:
    """One part of one variant: its kind, symbols in declaration order and constraints."""

    kind: str
    symbols: tuple[tuple[str, SymbolSpec], ...]
    constraints: tuple[str, ...] = ()
    mistakes: tuple[str, ...] = ()
    """The declared mistakes' answers, in this variant's names."""
    solution: str = ""
    objective: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.symbols)

    def specs(self) -> dict[str, SymbolSpec]:
        return dict(self.symbols)

    def dims(self) -> tuple[str, ...]:
        """The dimension names the symbols use, in order of appearance."""
        seen: dict[str, None] = {}
        for _, spec in self.symbols:
            seen.update({d: None for d in spec.shape if isinstance(d, str)})
        return tuple(seen)


@dataclass(frozen=True)
class Renaming:
    """How one variant's names map onto its template's (variant 0 of the problem)."""

    names: Mapping[str, str]
    dims: Mapping[str, str]
    source: PartSymbols
    template: PartSymbols
    numbers: Mapping[float, float] = field(default_factory=dict)
    """The variant's constants -> the template's, where they differ."""


@dataclass(frozen=True)
class VariantRecord:
    """Variant key (`PROBLEM/INDEX`) -> part id -> PartSymbols, plus each problem's template."""

    variants: Mapping[str, Mapping[str, PartSymbols]]
    templates: Mapping[str, str]
    """Problem id -> the key of its template variant (index 0, else the lowest recorded)."""
    assignment: str = ""
    salt: str | None = None
    pools: Mapping[str, int] = field(default_factory=dict)
    """Problem id -> pool size, to recompute a student's variant when a result omits it."""
    _renamings: dict = field(default_factory=dict, compare=False, repr=False)

    def variant_of(self, problem: str, student: str, given: str | None = None) -> str | None:
        """The student's variant key: `given` if the result names one, else recomputed from
        the record's salt (DESIGN.md, Variants), else None."""
        if given is not None:
            return given
        pool = self.pools.get(problem)
        if self.salt is None or not pool:
            return None
        try:
            from autograder.bank.variants import variant_index
        except ImportError:
            return None
        return f"{problem}/{variant_index(self.salt, self.assignment, problem, student, pool)}"

    def part(self, variant: str | None, part_id: str) -> PartSymbols | None:
        """The recorded part of `variant`, or None."""
        return self.variants.get(variant, {}).get(part_id) if variant else None

    def renaming(self, variant: str | None, part_id: str) -> Renaming | None:
        """The renaming of `variant`'s part onto the template's (see align.match), or None when
        either is not recorded. Computed once per variant and part."""
        if variant is None or variant not in self.variants:
            return None
        key = (variant, part_id)
        if key not in self._renamings:
            problem = variant.rsplit("/", 1)[0]
            template_key = self.templates.get(problem)
            source = self.variants[variant].get(part_id)
            template = self.variants.get(template_key, {}).get(part_id) if template_key else None
            found = None
            if source is not None and template is not None:
                matching = match(source, template)
                found = Renaming(matching.names, matching.dims, source, template, matching.numbers)
            self._renamings[key] = found
        return self._renamings[key]


def _spec(obj: Mapping) -> SymbolSpec:
    props = {p: bool(obj.get(p, False)) for p in PROPERTIES}
    return SymbolSpec(shape=tuple(obj.get("shape", ())), value=obj.get("value"), **props)


def _variant_objects(data: object) -> Iterator[Mapping]:
    """Every object in `data` that looks like the bank's Variant JSON."""
    if isinstance(data, Mapping):
        if isinstance(data.get("variant"), str) and isinstance(data.get("parts"), list):
            yield data
            return
        for value in data.values():
            yield from _variant_objects(value)
    elif isinstance(data, list):
        for value in data:
            yield from _variant_objects(value)


def _index(key: str) -> int:
    tail = key.rsplit("/", 1)[-1]
    return int(tail) if tail.isdigit() else 10**9


def read_record(path: Path) -> VariantRecord:
    """The record at `path`; raises ValueError saying what is wrong with it."""
    data = json.loads(path.read_text(encoding="utf-8"))
    variants: dict[str, dict[str, PartSymbols]] = {}
    for obj in _variant_objects(data):
        parts: dict[str, PartSymbols] = {}
        for part in obj["parts"]:
            if not isinstance(part, Mapping) or not isinstance(part.get("symbols"), Mapping):
                raise ValueError(f"variant {obj['variant']!r}: a part without 'symbols'")
            symbols = tuple((name, _spec(spec)) for name, spec in part["symbols"].items())
            mistakes = tuple(
                str(m["answer"]) for m in part.get("mistakes") or () if isinstance(m, Mapping)
            )
            parts[str(part.get("id", "a"))] = PartSymbols(
                kind=str(part.get("kind", "gradient")),
                symbols=symbols,
                constraints=tuple(part.get("constraints") or ()),
                mistakes=mistakes,
                solution=str(part.get("solution") or ""),
                objective=str(part.get("objective") or part.get("function") or ""),
            )
        variants[obj["variant"]] = parts
    if not variants:
        raise ValueError("it holds no variants (objects with 'variant' and 'parts')")
    templates: dict[str, str] = {}
    pools: dict[str, int] = {}
    for key in sorted(variants, key=_index):
        problem = key.rsplit("/", 1)[0]
        templates.setdefault(problem, key)
        pools[problem] = pools.get(problem, 0) + 1
    for problem in data.get("problems", ()) if isinstance(data, Mapping) else ():
        if isinstance(problem, Mapping) and isinstance(problem.get("pool"), int):
            pools[str(problem.get("id"))] = problem["pool"]
    salt = data.get("salt") if isinstance(data, Mapping) else None
    assignment = data.get("assignment", "") if isinstance(data, Mapping) else ""
    return VariantRecord(
        variants,
        templates,
        assignment=str(assignment),
        salt=salt if isinstance(salt, str) else None,
        pools=pools,
    )


def load_record(course: Path, name: str) -> tuple[VariantRecord | None, str | None]:
    """The course's record of `name`, or None with the reason it cannot be used."""
    path = Path(course) / RECORDS / f"{name}.json"
    if not path.is_file():
        return None, f"no released-variant record {RECORDS}/{name}.json"
    try:
        return read_record(path), None
    except (OSError, UnicodeDecodeError, ValueError, TypeError, KeyError) as error:
        return None, f"{RECORDS}/{name}.json cannot be read ({error})"

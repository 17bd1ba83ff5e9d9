"""The most frequent wrong answers of each part, with equivalent spellings counted together.

Students have different variants, so answers are first grouped by diagnosis and declared
mistake, then each answer is written in its template's names (variant 0 of the problem: symbols
matched position by position) and answers the engine finds equivalent are merged. Without a
record or the engine, answers are grouped by their text with whitespace removed.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

from autograder.report.load import ClassResults, PartResult
from autograder.report.record import PartSymbols, Renaming, VariantRecord
from autograder.spec import DIAGNOSES, SymbolSpec

Equivalent = Callable[[str, str, Mapping[str, SymbolSpec], Sequence[str]], bool]
EXPRESSION_KINDS = ("gradient", "expression", "differential")
EQUIVALENCE = "equivalence"
TEXT = "text"
LITERAL = "literal"
"""A part whose answers are option keys, numbers or shapes: their text is the answer."""
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


@dataclass(frozen=True)
class AnswerGroup:
    """Answers to one part that count as the same wrong answer."""

    part: str
    diagnosis: str
    mistake: int | None
    answer: str
    """The answer shown for the group: in the template's names when it could be parsed."""
    spellings: tuple[tuple[str, int], ...]
    """The answers as students wrote them, with how many wrote each, most frequent first."""
    students: tuple[str, ...]

    @property
    def count(self) -> int:
        return len(self.students)


@dataclass(frozen=True)
class Grouping:
    """Part -> its groups, most frequent first, and how each part was grouped."""

    groups: Mapping[str, tuple[AnswerGroup, ...]]
    method: Mapping[str, str] = field(default_factory=dict)
    """Part -> EQUIVALENCE, TEXT (the fallback) or LITERAL."""
    notes: tuple[str, ...] = ()
    """Why some answers were grouped by text only."""


def engine_equivalent() -> Equivalent | None:
    """The engine's `equivalent(a, b, symbols, constraints)`, or None where it is missing."""
    try:
        from autograder.check import equivalent
    except ImportError:
        return None
    return equivalent


def normalise(text: str) -> str:
    """The text with all whitespace removed: the fallback notion of 'the same answer'."""
    return "".join(text.split())


def _rename_text(text: str, names: Mapping[str, str]) -> str:
    return _IDENTIFIER.sub(lambda m: names.get(m.group(0), m.group(0)), text)


def _parsed(text: str, symbols: PartSymbols):
    from autograder.expr.parse import parse

    return getattr(parse(text, symbols.names, dims=symbols.dims()), "node", None)


def _renamed(node, renaming: Renaming):
    from autograder.bank.trees import rename_dims
    from autograder.expr.nodes import rename

    return rename_dims(rename(node, dict(renaming.names)), renaming.dims)


def in_template_names(
    answer: str, renaming: Renaming, numbers: Mapping[float, float] | None = None
) -> str | None:
    """`answer` parsed in its variant's names and printed canonically in the template's, its
    constants mapped by `numbers` (see align.match); None when it does not parse. Without
    the parser, identifiers are renamed in the text."""
    try:
        import autograder.expr.parse  # noqa: F401 - the parser is needed below
        from autograder.expr.nodes import Number, map_tree, to_text
        from autograder.expr.shapes import canonical
    except ImportError:
        return normalise(_rename_text(answer, renaming.names))
    node = _parsed(answer, renaming.source)
    if node is None:
        return None
    node = _renamed(node, renaming)
    numbers = renaming.numbers if numbers is None else numbers
    if numbers:

        def leaf(n):
            return Number(numbers.get(n.value, n.value)) if isinstance(n, Number) else n

        node = map_tree(node, leaf)
    try:
        node = canonical(node, renaming.template.specs())
    except Exception:  # noqa: BLE001 - a wrongly shaped answer is shown as it was parsed
        pass
    return to_text(node)


@dataclass
class _Cluster:
    key: str
    comparable: str | None
    renaming: Renaming | None
    rows: list[PartResult]
    label: str | None = None
    """For an answer that does not parse: its text with the names renamed."""


def _same(equivalent: Equivalent, a: str, b: str, symbols: PartSymbols) -> bool:
    try:
        return bool(equivalent(a, b, symbols.specs(), symbols.constraints))
    except Exception:  # noqa: BLE001 - an answer the engine cannot compare stays on its own
        return False


NO_MISTAKE_MATCH = ("correct", "parse", "missing", "error")


def declared_mistake(answer: str, part: PartSymbols, equivalent: Equivalent) -> int | None:
    """The index of the declared mistake `answer` equals in its own variant, or None."""
    for index, mistake in enumerate(part.mistakes):
        if _same(equivalent, answer, mistake, part):
            return index
    return None


class _Grouper:
    """Groups the wrong answers of one part; caches what the engine was asked."""

    def __init__(self, record: VariantRecord | None, equivalent: Equivalent | None) -> None:
        self.record = record
        self.equivalent = equivalent
        self.unrecorded = 0
        self.expression_part = True
        self._mistakes: dict[tuple[str, str], int | None] = {}

    def _mistake(self, row: PartResult, variant: str | None) -> int | None:
        if row.mistake is not None or self.record is None or self.equivalent is None:
            return row.mistake
        part = self.record.part(variant, row.part_id)
        if part is None or row.diagnosis in NO_MISTAKE_MATCH or part.kind not in EXPRESSION_KINDS:
            return None
        key = (str(variant), normalise(row.answer))
        if key not in self._mistakes:
            self._mistakes[key] = declared_mistake(row.answer, part, self.equivalent)
        return self._mistakes[key]

    def group(self, part: str, rows: list[PartResult]) -> list[AnswerGroup]:
        buckets: dict[tuple[str, int | None], dict[str, _Cluster]] = {}
        for row in rows:
            if row.diagnosis == "correct":
                continue
            variant, renaming = row.variant, None
            if self.record is not None:
                variant = self.record.variant_of(row.problem, row.student, row.variant)
                renaming = self.record.renaming(variant, row.part_id)
            comparable = None
            if renaming is not None and renaming.template.kind not in EXPRESSION_KINDS:
                self.expression_part = False
            elif renaming is not None and row.answer.strip():
                comparable = in_template_names(row.answer, renaming)
            elif self.record is not None and row.answer.strip():
                self.unrecorded += 1
            label = None
            if comparable is None and renaming is not None and row.answer.strip():
                label = _rename_text(row.answer, renaming.names)
            if comparable:
                key = f"expr:{comparable}"
            else:
                key = f"text:{normalise(label or row.answer)}"
            clusters = buckets.setdefault((row.diagnosis, self._mistake(row, variant)), {})
            cluster = clusters.setdefault(key, _Cluster(key, comparable, renaming, [], label))
            cluster.rows.append(row)
        groups = []
        for (diagnosis, mistake), clusters in buckets.items():
            # One declared mistake is one wrong answer of the template, whatever constants each
            # variant put into it; other answers merge only when the engine finds them equal.
            merged = self._merge(clusters.values(), everything=mistake is not None)
            for cluster in merged:
                spellings = Counter(r.answer for r in cluster.rows).most_common()
                shown = cluster.comparable or cluster.label or spellings[0][0]
                if mistake is not None and cluster.renaming is not None:
                    declared = cluster.renaming.template.mistakes
                    shown = declared[mistake] if mistake < len(declared) else shown
                groups.append(
                    AnswerGroup(
                        part=part,
                        diagnosis=diagnosis,
                        mistake=mistake,
                        answer=shown,
                        spellings=tuple(spellings),
                        students=tuple(r.student for r in cluster.rows),
                    )
                )
        order = {d: i for i, d in enumerate(DIAGNOSES)}
        groups.sort(key=lambda g: (-g.count, order[g.diagnosis], g.answer))
        return groups

    def _merge(self, clusters, everything: bool = False) -> list[_Cluster]:
        """Clusters whose answers the engine finds equivalent (all, if `everything`), merged;
        largest first."""
        merged: list[_Cluster] = []
        for cluster in sorted(clusters, key=lambda c: (-len(c.rows), c.key)):
            target = merged[0] if everything and merged else None
            if target is None and self.equivalent is not None and cluster.comparable is not None:
                for other in merged:
                    if (
                        other.comparable is not None
                        and other.renaming is not None
                        and _same(
                            self.equivalent,
                            other.comparable,
                            cluster.comparable,
                            other.renaming.template,
                        )
                    ):
                        target = other
                        break
            if target is None:
                merged.append(
                    _Cluster(
                        cluster.key,
                        cluster.comparable,
                        cluster.renaming,
                        list(cluster.rows),
                        cluster.label,
                    )
                )
            else:
                target.rows += cluster.rows
                target.renaming = target.renaming or cluster.renaming
        return merged


def group_answers(
    results: ClassResults,
    record: VariantRecord | None,
    equivalent: Equivalent | None,
    record_problem: str | None = None,
) -> Grouping:
    """The wrong answers of every part, grouped. `record_problem` says why there is no record."""
    groups: dict[str, tuple[AnswerGroup, ...]] = {}
    method: dict[str, str] = {}
    notes: list[str] = []
    if record is None:
        notes.append(f"{record_problem or 'no released-variant record'}: grouped by text")
    if equivalent is None:
        notes.append("the engine's equivalence check is not available: grouped by text")
    for part, rows in results.by_part().items():
        grouper, fell_back = _Grouper(record, equivalent), False
        try:
            groups[part] = tuple(grouper.group(part, rows))
        except Exception as error:  # noqa: BLE001 - a report beats a traceback: say, fall back
            notes.append(f"{part}: grouping by equivalence failed ({error!r}): grouped by text")
            grouper, fell_back = _Grouper(None, None), True
            groups[part] = tuple(grouper.group(part, rows))
        if not grouper.expression_part:
            method[part] = LITERAL
        elif record is not None and equivalent is not None and not fell_back:
            method[part] = EQUIVALENCE
        else:
            method[part] = TEXT
        if grouper.unrecorded:
            notes.append(
                f"{part}: {grouper.unrecorded} answers from variants the record lacks, "
                "grouped by text"
            )
    return Grouping(MappingProxyType(groups), MappingProxyType(method), tuple(notes))

"""Which of a variant's names and constants are which of its template's.

A variant differs from its template (variant 0) by renamed symbols and dimensions and by other
constants, never by structure. So the two variants' solutions, objectives and declared mistakes
are read as trees and walked side by side: where the trees match node for node, each symbol,
dimension and number of the variant meets its counterpart in the template. This does not depend
on the order the record lists the symbols in (it may sort them). Symbols that appear in no
expression are paired by their shape and properties when that is unambiguous.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from autograder.spec import SymbolSpec


@dataclass(frozen=True)
class Matching:
    """Variant name -> template name, for symbols, dimensions and numbers."""

    names: Mapping[str, str] = field(default_factory=dict)
    dims: Mapping[str, str] = field(default_factory=dict)
    numbers: Mapping[float, float] = field(default_factory=dict)


class _Pairs:
    """A pairing that refuses a second partner (for either side, when one to one)."""

    def __init__(self, one_to_one: bool = True) -> None:
        self.one_to_one = one_to_one
        self.forward: dict = {}
        self.backward: dict = {}

    def fits(self, pairs: list[tuple]) -> bool:
        forward, backward = dict(self.forward), dict(self.backward)
        for a, b in pairs:
            if forward.setdefault(a, b) != b:
                return False
            if self.one_to_one and backward.setdefault(b, a) != a:
                return False
        return True

    def add(self, pairs: list[tuple]) -> None:
        for a, b in pairs:
            self.forward[a] = b
            self.backward[b] = a


def _walk_pairs(a, b, loose: bool = False) -> Iterator[tuple[str, object, object]] | None:
    """(kind, a-leaf, b-leaf) for every leaf of two trees of the same structure, else None.
    `loose` looks through a transpose that only one side has (structural cases of a problem
    may transpose a factor)."""
    from autograder.expr.nodes import Call, Identity, Number, Ones, Pow, Symbol, Transpose

    out: list[tuple[str, object, object]] = []
    stack = [(a, b)]
    while stack:
        x, y = stack.pop()
        if loose and type(x) is not type(y):
            if isinstance(x, Transpose):
                stack.append((x.operand, y))
                continue
            if isinstance(y, Transpose):
                stack.append((x, y.operand))
                continue
        if type(x) is not type(y) or len(x.children()) != len(y.children()):
            return None
        if isinstance(x, Symbol):
            out.append(("name", x.name, y.name))
        elif isinstance(x, Number):
            out.append(("number", x.value, y.value))
        elif isinstance(x, Identity):
            out.append(("dim", x.size, y.size))
        elif isinstance(x, Ones):
            out += [("dim", x.rows, y.rows), ("dim", x.cols, y.cols)]
        elif (isinstance(x, Call) and x.func != y.func) or (
            isinstance(x, Pow) and x.exponent != y.exponent
        ):
            return None
        stack.extend(zip(x.children(), y.children(), strict=True))
    return iter(out)


def _tree(text: str, names: tuple[str, ...], dims: tuple[str, ...]):
    from autograder.expr.parse import parse

    return getattr(parse(text, names, dims=dims), "node", None) if text else None


def _dims_of(a: SymbolSpec, b: SymbolSpec) -> list[tuple[str, str]]:
    return [(x, y) for x, y in zip(a.shape, b.shape, strict=False) if isinstance(x, str)]


def _signature(spec: SymbolSpec, dims: Mapping[str, str]) -> tuple:
    shape = tuple(dims.get(d, d) if isinstance(d, str) else d for d in spec.shape)
    return (shape, spec.properties, spec.value)


def match(source, template) -> Matching:
    """The Matching of `source` onto `template` (both record.PartSymbols)."""
    names, dims = _Pairs(), _Pairs()
    numbers = _Pairs(one_to_one=False)  # two constants of a variant may meet one number
    try:
        texts = [(source.solution, template.solution), (source.objective, template.objective)]
        if len(source.mistakes) == len(template.mistakes):
            texts += list(zip(source.mistakes, template.mistakes, strict=True))
        trees = [
            (_tree(mine, source.names, source.dims()), _tree(theirs, template.names,
                                                             template.dims()))
            for mine, theirs in texts
        ]  # fmt: skip
        trees = [(a, b) for a, b in trees if a is not None and b is not None]
        for loose in (False, True):  # strict walks first; loose ones may only add names
            for a, b in trees:
                leaves = _walk_pairs(a, b, loose)
                if leaves is None:
                    continue
                found: dict[str, list] = {"name": [], "number": [], "dim": []}
                for kind, x, y in leaves:
                    if kind != "dim" or (isinstance(x, str) and isinstance(y, str)):
                        found[kind].append((x, y))
                if loose:
                    found["number"] = []
                if names.fits(found["name"]) and numbers.fits(found["number"]):
                    names.add(found["name"])
                    numbers.add(found["number"])
                    if dims.fits(found["dim"]):
                        dims.add(found["dim"])
    except ImportError:  # no parser: pair by shape and properties alone
        pass
    specs, template_specs = source.specs(), template.specs()
    for mine, theirs in names.forward.items():
        if mine in specs and theirs in template_specs:
            pairs = _dims_of(specs[mine], template_specs[theirs])
            if dims.fits(pairs):
                dims.add(pairs)
    for mine, theirs in list(names.forward.items()):  # a direction dY goes with Y
        pair = (f"d{mine}", f"d{theirs}")
        if pair[0] in specs and pair[1] in template_specs and names.fits([pair]):
            names.add([pair])
    left = [n for n in source.names if n not in names.forward]
    free = [n for n in template.names if n not in names.backward]
    for name in left:
        signature = _signature(specs[name], dims.forward)
        fitting = [t for t in free if _signature(template_specs[t], {}) == signature]
        if len(fitting) != 1 and len(left) == len(free) == 1:
            fitting = list(free)
        if len(fitting) == 1 and names.fits([(name, fitting[0])]):
            (partner,) = fitting
            names.add([(name, partner)])
            free.remove(partner)
            pairs = _dims_of(specs[name], template_specs[partner])
            if dims.fits(pairs):
                dims.add(pairs)
    numbers_changed = {x: y for x, y in numbers.forward.items() if x != y}
    return Matching(dict(names.forward), dict(dims.forward), numbers_changed)

"""Turn a problem template and a variant index into the concrete `Variant`.

Expressions are parsed once, then rewritten on the tree: case subexpressions put in, constants
made numbers, symbols and dimensions renamed, transposes pushed down; `to_text` prints them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from autograder.bank.model import ANSWER, EXPRESSION_KINDS, Part, Problem
from autograder.bank.text import fill, parse_shape_text, placeholders, symbol_tex
from autograder.bank.trees import rename_dims, simplify, substitute, transpose
from autograder.bank.variants import FollowVariant, PartVariant, Variant
from autograder.expr.evaluate import EvaluationError, evaluate
from autograder.expr.nodes import Node, Number, rename, symbols_in, to_text
from autograder.expr.parse import ParseFailure, parse
from autograder.expr.shapes import ShapeError, canonical, infer_shape
from autograder.spec import LAYOUTS, Mistake, SymbolSpec

_PROPERTY_WORDS = {
    "spd": "symmetric positive definite",
    "symmetric": "symmetric",
    "invertible": "invertible",
    "positive": "with positive entries",
    "unit_interval": r"with entries in $(0, 1)$",
    "probability": "with columns that are probability vectors",
    "ones": "all ones",
}

LAYOUT_SENTENCES = {
    "denominator": (
        r"**Layout convention: denominator layout.** The gradient of a scalar with respect to "
        r"a column vector in $\mathbb{R}^{n}$ is a column vector in $\mathbb{R}^{n}$; with "
        r"respect to an $m \times n$ matrix it is an $m \times n$ matrix."
    ),
    "numerator": (
        r"**Layout convention: numerator layout.** The derivative of a scalar with respect to "
        r"a column vector in $\mathbb{R}^{n}$ is a $1 \times n$ row vector; with respect to an "
        r"$m \times n$ matrix it is an $n \times m$ matrix (the transpose of the gradient in "
        r"denominator layout)."
    ),
}


def format_number(value: float) -> str:
    """A constant as a statement shows it: 3, 0.5, -2."""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _shape_tex(spec: SymbolSpec) -> str:
    if not spec.shape:
        return r"\mathbb{R}"
    dims = [str(d) for d in spec.shape]
    return r"\mathbb{R}^{" + r" \times ".join(dims) + "}"


def declarations(specs: Mapping[str, SymbolSpec]) -> str:
    """A sentence declaring each symbol's space and properties, in LaTeX."""
    items = []
    for name, spec in specs.items():
        tex = symbol_tex(name)
        if spec.value is not None:
            items.append(f"${tex} = {format_number(spec.value)}$")
            continue
        if not spec.shape and spec.positive:
            items.append(f"${tex} > 0$")
            continue
        words = ", ".join(_PROPERTY_WORDS[p] for p in spec.properties)
        items.append(f"${tex} \\in {_shape_tex(spec)}$" + (f" {words}" if words else ""))
    if not items:
        return ""
    if len(items) == 1:
        listed = items[0]
    elif len(items) == 2:
        listed = f"{items[0]} and {items[1]}"
    else:
        listed = "; ".join(items[:-1]) + "; and " + items[-1]
    return f"Here {listed}."


class _Builder:
    def __init__(self, problem: Problem, index: int, layout: str) -> None:
        self.problem = problem
        draw = problem.vary.draw(index)
        self.draw = draw
        self.layout = layout
        self.names = {s: draw.names.get(s, s) for s in problem.symbols}
        self.dims = {d: draw.dims.get(d, d) for d in problem.dims()}
        self.specs = {self.names[s]: sym.spec(self.dims) for s, sym in problem.symbols.items()}
        self.numbers = {c: Number(v) for c, v in draw.constants.items()}
        self.macros: dict[str, Node] = {}
        self.used: set[str] = set()
        directions = [f"d{p.wrt}" for p in problem.parts if p.kind == "differential"]
        self.parse_names = [*problem.symbols, *draw.constants, *directions, ANSWER]
        if draw.case is not None:
            self.parse_names += list(draw.case.exprs)
            for key, text in draw.case.exprs.items():
                self.macros[key] = self._parse(text, f"case {draw.case.label!r}, {key}")
        self.tex = {s: symbol_tex(n) for s, n in self.names.items()}
        self.tex.update(self.dims)
        self.tex.update({c: format_number(v) for c, v in draw.constants.items()})
        self.tex["layout"] = layout
        self.tex["other_layout"] = "numerator" if layout == "denominator" else "denominator"
        self.tex["T"] = r"^\top" if layout == "denominator" else ""
        self.tex.update(
            {k: fill(v, self.tex) for k, v in problem.layout_tex.get(layout, {}).items()}
        )
        if draw.case is not None:
            self.tex.update({k: fill(v, self.tex) for k, v in draw.case.tex.items()})

    def fail(self, message: str) -> None:
        self.problem.fail(f"variant {self.draw_label()}: {message}")

    def draw_label(self) -> str:
        return ", ".join(f"{k}={v}" for k, v in {**self.names, **self.dims}.items() if k != v)

    def _parse(self, text: str, what: str) -> Node:
        result = parse(text, self.parse_names, dims=list(self.problem.dims()))
        if isinstance(result, ParseFailure):
            self.fail(f"{what}: cannot parse {text!r}: {result.message}")
        return result.node

    def tree(self, text: str, what: str, specs: Mapping[str, SymbolSpec]) -> Node:
        """`text` parsed and rewritten for this variant, in canonical form."""
        node = self._parse(text, what)
        node = substitute(node, self.macros)
        node = substitute(node, self.numbers)
        node = rename(node, self.names_with_directions())
        node = rename_dims(node, self.dims)
        self.used |= symbols_in(node)
        try:
            return simplify(canonical(node, specs), specs)
        except ShapeError as error:
            self.fail(f"{what}: {text!r} has no shape: {error}")
            raise

    def names_with_directions(self) -> dict[str, str]:
        names = dict(self.names)
        names.update({f"d{k}": f"d{v}" for k, v in self.names.items()})
        return names

    def shape(self, node: Node, specs: Mapping[str, SymbolSpec], what: str) -> tuple:
        try:
            return infer_shape(node, specs)
        except ShapeError as error:
            self.fail(f"{what}: {error}")
            raise

    def statement(self) -> str:
        text = fill(self.problem.statement.strip(), self.tex)
        blocks = [text]
        if self.problem.declare:
            named = {self.names[k] for k in placeholders(self.problem.statement) if k in self.names}
            used = self.used | named
            blocks.append(declarations({k: v for k, v in self.specs.items() if k in used}))
        blocks.append(LAYOUT_SENTENCES[self.layout])
        return "\n\n".join(b for b in blocks if b)

    def text(self, value: str) -> str:
        return fill(value, self.tex)

    def mistakes(self, mistakes: Iterable[Mistake], convert) -> tuple[Mistake, ...]:
        return tuple(Mistake(convert(m.answer), self.text(m.feedback)) for m in mistakes)

    def part(self, part: Part) -> PartVariant:
        where = f"part ({part.id})"
        specs = dict(self.specs)
        wrt = self.names[part.wrt] if part.wrt else None
        direction = None
        if part.kind == "differential":
            direction = f"d{wrt}"
            base = self.specs[wrt]
            structured = base.symmetric or base.spd
            specs[direction] = SymbolSpec(shape=base.shape, symmetric=structured)
        numerator = self.layout == "numerator"
        solution_text = part.solution
        mistakes = part.mistakes
        if numerator and part.numerator_solution is not None:
            solution_text = part.numerator_solution
        if numerator and part.numerator_mistakes is not None:
            mistakes = part.numerator_mistakes
        objective = None
        if part.objective:
            objective_node = self.tree(part.objective, f"{where} objective", specs)
            if self.shape(objective_node, specs, f"{where} objective") != (1, 1):
                self.fail(f"{where}: the objective must be a scalar")
            objective = to_text(objective_node)
        witness = follows = None
        alternatives: tuple[Mistake, ...] = ()
        if part.kind in EXPRESSION_KINDS:
            solution, converted, alternatives, witness = self._expressions(
                part, solution_text, mistakes, specs, wrt
            )
            if part.follows is not None:
                follows = self._follow(part, specs)
        elif part.kind == "shape":
            solution = self._shape_text(solution_text, where)
            converted = self.mistakes(mistakes, lambda t: self._shape_text(t, where))
        elif part.kind == "numeric":
            solution = self._number(solution_text, where)
            converted = self.mistakes(mistakes, lambda t: self._number(t, where))
        else:  # choice: a case may name the right key; mistakes naming it are dropped
            case = self.draw.case
            if case is not None and part.id in case.answers:
                solution_text = case.answers[part.id]
            solution = solution_text.lower()
            kept = [m for m in mistakes if m.answer.lower() != solution]
            converted = self.mistakes(kept, str.lower)
        answers = [m.answer for m in converted]
        if solution in answers:
            self.fail(f"{where}: a declared mistake is the solution itself ({solution})")
        return PartVariant(
            id=part.id,
            kind=part.kind,
            prompt=self.text(part.prompt),
            symbols=specs,
            solution=solution,
            mistakes=converted,
            alternatives=alternatives,
            constraints=tuple(self._constraint(c) for c in self.problem.constraints),
            wrt=wrt,
            objective=objective,
            layout=self.layout,
            points=float(part.points),
            hints=tuple(self.text(h) for h in part.hints),
            cookbook=part.cookbook,
            options={k.lower(): self.text(v) for k, v in part.options.items()},
            follows=follows,
            relation=part.relation,
            direction=direction,
            witness=witness,
            tolerance=part.tolerance,
            credit=part.credit,
        )

    def _expressions(self, part: Part, solution_text: str, mistakes, specs, wrt):
        """Solution, mistakes, alternatives and witness of an expression part, in canonical
        form; a gradient in numerator layout is transposed unless authored per layout."""
        where = f"part ({part.id})"
        numerator = self.layout == "numerator" and part.kind == "gradient"
        flip = numerator and part.numerator_solution is None
        flip_mistakes = numerator and part.numerator_mistakes is None

        def node(text: str, what: str, transposed: bool) -> Node:
            tree = self.tree(text, what, specs)
            return transpose(tree, specs) if transposed else tree

        solution_node = node(solution_text, f"{where} solution", flip)
        shape = self.shape(solution_node, specs, where)
        self._check_solution_shape(part, shape, specs, wrt, where)
        converted = self.mistakes(
            mistakes, lambda t: to_text(node(t, f"{where} mistake", flip_mistakes))
        )
        alternatives: tuple[Mistake, ...] = ()
        for alt in part.alternatives:
            alt_node = node(alt.answer, f"{where} alternative", flip)
            if self.shape(alt_node, specs, where) != shape:
                self.fail(f"{where}: alternative {alt.answer!r} is not {shape}")
            alternatives += (Mistake(to_text(alt_node), self.text(alt.feedback)),)
        witness = None
        if part.witness:
            witness = to_text(node(part.witness, f"{where} witness", flip))
        return to_text(solution_node), converted, alternatives, witness

    def _check_solution_shape(self, part, shape, specs, wrt, where) -> None:
        if part.kind == "differential" and shape != (1, 1):
            self.fail(f"{where}: a differential is a scalar, but the solution is {shape}")
        if part.kind == "gradient":
            rows, cols = specs[wrt].matrix_shape
            want = (cols, rows) if self.layout == "numerator" else (rows, cols)
            if shape != want:
                self.fail(
                    f"{where}: the gradient must be {want} in {self.layout} layout, not {shape}"
                )

    def _follow(self, part: Part, specs) -> FollowVariant:
        follow = part.follows
        earlier = next(p for p in self.problem.parts if p.id == follow.part)
        template = None
        if follow.template:
            node = self._parse(follow.template, f"part ({part.id}) follow-through template")
            node = rename(substitute(node, self.numbers), self.names_with_directions())
            template = to_text(rename_dims(node, self.dims))
        variable = self.names[earlier.wrt] if earlier.wrt else None
        if follow.mode == "root" and variable is None:
            self.fail(f"part ({part.id}): 'root' follow-through needs part ({earlier.id}) wrt")
        earlier_specs = dict(specs)
        if earlier.kind == "differential":
            base = specs[variable]
            earlier_specs[f"d{variable}"] = SymbolSpec(base.shape, symmetric=base.symmetric)
        reference = self.tree(earlier.solution, f"part ({earlier.id}) solution", earlier_specs)
        needs = tuple(sorted(symbols_in(reference)))
        return FollowVariant(follow.part, follow.mode, template, variable, needs)

    def _shape_text(self, text: str, where: str) -> str:
        shape = parse_shape_text(text)
        if shape is None:
            self.fail(f"{where}: {text!r} is not a shape like 'm x n'")
        return " x ".join(str(self.dims.get(d, d)) for d in shape)

    def _number(self, text: str, where: str) -> str:
        node = substitute(self._parse(text, where), self.numbers)
        try:
            value = evaluate(node, {}, {}).item()
        except EvaluationError as error:
            self.fail(f"{where}: {text!r} is not a number: {error}")
            raise
        return repr(round(value, 12))

    def _constraint(self, text: str) -> str:
        return " ".join(self.dims.get(token, token) for token in text.split())


def build_variant(problem: Problem, index: int, layout: str = "denominator") -> Variant:
    """Variant number `index` (modulo the pool size) of `problem`, posed in `layout`."""
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be 'denominator' or 'numerator', not {layout!r}")
    index %= problem.pool_size
    builder = _Builder(problem, index, layout)
    parts = tuple(builder.part(p) for p in problem.parts)  # first: they record the symbols used
    return Variant(
        id=problem.id,
        variant=f"{problem.id}/{index}",
        title=problem.title,
        topic=problem.topic,
        statement=builder.statement(),
        layout=layout,
        parts=parts,
        index=index,
    )

from autograder.bank.model import Case, Mistake, Problem, Sym, Vary

PROBLEM = Problem(
    id="trace-linear",
    title="Gradient of a linear trace",
    topic="trace",
    symbols={"X": Sym("m", "n"), "A": Sym("n", "m")},
    wrt="X",
    objective="trace(F)",
    statement=r"Let $f([[X]]) = \operatorname{tr}([[F]])$. Find $\partial f / \partial [[X]]$.",
    solution="A.T",
    mistakes=[
        Mistake("2 * A.T", "$f$ is linear in $[[X]]$: no factor 2 appears."),
        Mistake(
            "A",
            "$f = \\sum_{ij} [[A]]_{ji} [[X]]_{ij}$: the entry $(i, j)$ of the "
            "gradient is $[[A]]_{ji}$, so the gradient is $[[A]]^\\top$.",
        ),
    ],
    numerator_mistakes=[
        Mistake("2 * A", "$f$ is linear in $[[X]]$: no factor 2 appears."),
        Mistake(
            "A.T",
            "In numerator layout the derivative by an $m \\times n$ matrix is "
            "$n \\times m$: here it is $[[A]]$ itself.",
        ),
    ],
    hints=[r"Write $f = \sum_{i,j} [[A]]_{ji} [[X]]_{ij}$ and differentiate in $[[X]]_{ij}$."],
    cookbook=[100],
    vary=Vary(
        cases=(
            Case("AX", exprs={"F": "A @ X"}, tex={"F": "[[A]] [[X]]"}),
            Case("XA", exprs={"F": "X @ A"}, tex={"F": "[[X]] [[A]]"}),
        ),
        names={"X": ("X", "Y", "Z", "W", "V"), "A": ("A", "B", "C")},
        dims={"m": ("m", "p")},
    ),
)

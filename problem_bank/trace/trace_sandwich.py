from autograder.bank.model import Case, Mistake, Problem, Sym, Vary

PROBLEM = Problem(
    id="trace-sandwich",
    title="Trace of a product with constants on both sides",
    topic="trace",
    symbols={"A": Sym("n", "n"), "X": Sym("n", "n"), "B": Sym("n", "n")},
    wrt="X",
    objective="trace(F)",
    statement=r"Let $f([[X]]) = \operatorname{tr}([[F]])$. Find $\partial f / \partial [[X]]$.",
    solution="G",
    mistakes=[
        Mistake(
            "A @ B",
            "Rotate the trace so that $[[X]]$ comes last, "
            "$\\operatorname{tr}(M\\,[[X]])$: in [[layout]] layout its derivative is "
            "$M[[T]]$.",
        ),
        Mistake("B.T @ A.T", "Check the order: transposing a product reverses its factors."),
    ],
    hints=[
        r"Rotate the trace so that $[[X]]$ comes last: in [[layout]] layout "
        r"$\operatorname{tr}(M [[X]])$ has derivative $M[[T]]$."
    ],
    cookbook=[101, 102],
    vary=Vary(
        cases=(
            Case("AXB", exprs={"F": "A @ X @ B", "G": "A.T @ B.T"}, tex={"F": "[[A]] [[X]] [[B]]"}),
            Case(
                "AXtB",
                exprs={"F": "A @ X.T @ B", "G": "B @ A"},
                tex={"F": r"[[A]] [[X]]^\top [[B]]"},
            ),
        ),
        names={"X": ("X", "Y", "Z", "W", "V"), "A": ("A", "C", "P"), "B": ("B", "D", "Q")},
    ),
)

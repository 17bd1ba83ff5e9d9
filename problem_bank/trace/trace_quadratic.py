from autograder.bank.model import Case, Mistake, Problem, Sym, Vary

PROBLEM = Problem(
    id="trace-quadratic",
    title="Trace of a quadratic form in a matrix",
    topic="trace",
    symbols={"X": Sym("n", "k"), "A": Sym("n", "n"), "B": Sym("k", "k")},
    wrt="X",
    objective="trace(F)",
    statement=r"Let $f([[X]]) = \operatorname{tr}([[F]])$, where the square matrices are not "
    r"necessarily symmetric. Find $\partial f / \partial [[X]]$.",
    solution="G",
    mistakes=[
        Mistake("M1", "That assumes a symmetric middle matrix: keep it and its transpose."),
        Mistake("M2", "$[[X]]$ appears twice: the product rule gives two terms."),
    ],
    hints=[
        r"$\mathrm{d}f = \operatorname{tr}(\mathrm{d}[[X]]^\top \cdots) + "
        r"\operatorname{tr}(\cdots \mathrm{d}[[X]])$: bring both terms to the form "
        r"$\operatorname{tr}(G^\top \mathrm{d}[[X]])$."
    ],
    cookbook=[108, 111],
    vary=Vary(
        cases=(
            Case(
                "XtAX",
                exprs={"F": "X.T @ A @ X", "G": "(A + A.T) @ X", "M1": "2 * A @ X", "M2": "A @ X"},
                tex={"F": r"[[X]]^\top [[A]] [[X]]"},
            ),
            Case(
                "XBXt",
                exprs={"F": "X @ B @ X.T", "G": "X @ (B + B.T)", "M1": "2 * X @ B", "M2": "X @ B"},
                tex={"F": r"[[X]] [[B]] [[X]]^\top"},
            ),
        ),
        names={"X": ("X", "Y", "Z", "W", "U"), "A": ("A", "C", "M"), "B": ("B", "D", "S")},
    ),
)

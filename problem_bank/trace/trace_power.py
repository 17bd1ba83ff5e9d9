from autograder.bank.model import Case, Mistake, Problem, Sym, Vary

PROBLEM = Problem(
    id="trace-power",
    title="Trace of a matrix power",
    topic="trace",
    symbols={"X": Sym("n", "n")},
    wrt="X",
    objective="trace(F)",
    statement=r"Let $f([[X]]) = \operatorname{tr}([[F]])$ for a square, not necessarily "
    r"symmetric $[[X]]$. Find $\partial f / \partial [[X]]$.",
    solution="G",
    mistakes=[
        Mistake(
            "M1",
            "Rotating the trace brings every factor to the front, and the derivative "
            "of $\\operatorname{tr}(C[[X]])$ is $C[[T]]$ in [[layout]] layout: check the "
            "transpose.",
        ),
        Mistake("M2", "Each of the factors $[[X]]$ contributes one term: count them."),
    ],
    hints=[
        r"$\mathrm{d}\operatorname{tr}([[X]]^k) = k \operatorname{tr}([[X]]^{k-1} "
        r"\mathrm{d}[[X]])$ by cyclicity."
    ],
    cookbook=[121],
    vary=Vary(
        cases=(
            Case(
                "2",
                exprs={"F": "X @ X", "G": "2 * X.T", "M1": "2 * X", "M2": "X.T"},
                tex={"F": "[[X]]^2"},
            ),
            Case(
                "3",
                exprs={
                    "F": "X @ X @ X",
                    "G": "3 * (X @ X).T",
                    "M1": "3 * X @ X",
                    "M2": "(X @ X).T",
                },
                tex={"F": "[[X]]^3"},
            ),
            Case(
                "4",
                exprs={
                    "F": "X @ X @ X @ X",
                    "G": "4 * (X @ X @ X).T",
                    "M1": "4 * X @ X @ X",
                    "M2": "(X @ X @ X).T",
                },
                tex={"F": "[[X]]^4"},
            ),
        ),
        names={"X": ("X", "Y", "Z", "W", "M")},
    ),
)

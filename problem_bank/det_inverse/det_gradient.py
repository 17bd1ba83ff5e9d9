from autograder.bank.model import Case, Mistake, Problem, Sym, Vary

PROBLEM = Problem(
    id="det-gradient",
    title="Gradient of a determinant",
    topic="det-inverse",
    symbols={"X": Sym("n", "n", invertible=True), "A": Sym("n", "n", invertible=True)},
    wrt="X",
    objective="F",
    statement=r"Let $f([[X]]) = [[F]]$ for an invertible, not necessarily symmetric "
    r"$[[X]]$. Find $\partial f / \partial [[X]]$.",
    solution="G",
    mistakes=[
        Mistake(
            "M1",
            "Jacobi's formula gives $\\operatorname{tr}([[X]]^{-1}\\mathrm{d}[[X]])$; "
            "in [[layout]] layout the derivative of "
            "$\\operatorname{tr}(C\\,\\mathrm{d}[[X]])$ is $C[[T]]$: check the transpose "
            "of the inverse.",
        ),
        Mistake(
            "M2",
            "You dropped the factor $\\det$ in front: "
            "$\\mathrm{d}\\det [[X]] = \\det [[X]]\\, \\operatorname{tr}([[X]]^{-1} "
            "\\mathrm{d}[[X]])$.",
        ),
    ],
    hints=[
        r"Jacobi's formula: $\mathrm{d}\det [[X]] = \det [[X]] \operatorname{tr}"
        r"([[X]]^{-1} \mathrm{d}[[X]])$."
    ],
    cookbook=[42, 49],
    vary=Vary(
        cases=(
            Case(
                "det",
                exprs={
                    "F": "det(X)",
                    "G": "det(X) * inv(X).T",
                    "M1": "det(X) * inv(X)",
                    "M2": "inv(X).T",
                },
                tex={"F": r"\det [[X]]"},
            ),
            Case(
                "detAX",
                exprs={
                    "F": "det(A @ X)",
                    "G": "det(A @ X) * inv(X).T",
                    "M1": "det(A @ X) * inv(X)",
                    "M2": "inv(X).T",
                },
                tex={"F": r"\det([[A]] [[X]])"},
            ),
        ),
        names={"X": ("X", "Y", "Z", "W", "M"), "A": ("A", "B", "C")},
    ),
)

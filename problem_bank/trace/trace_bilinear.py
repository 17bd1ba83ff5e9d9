from autograder.bank.model import Case, Mistake, Problem, Sym, Vary

PROBLEM = Problem(
    id="trace-bilinear",
    title="The trace trick for a bilinear form",
    topic="trace",
    symbols={"X": Sym("n", "n"), "a": Sym("n"), "b": Sym("n")},
    wrt="X",
    objective="F",
    statement=r"The scalar $f([[X]]) = [[F]]$ equals a trace: "
    r"$f = \operatorname{tr}(\cdots)$. Use this to find $\partial f / \partial [[X]]$ for a "
    r"square $[[X]]$.",
    solution="G",
    mistakes=[
        Mistake(
            "a @ b.T + b @ a.T",
            "$[[X]]$ is not symmetric and appears once: there is no symmetric part to add.",
        ),
        Mistake(
            "(a.T @ b) * I(n)",
            "$[[a]]^\\top [[b]]$ is a number; the gradient is an outer product of the two vectors.",
        ),
    ],
    hints=[r"$u^\top M v = \operatorname{tr}(u^\top M v) = \operatorname{tr}(v u^\top M)$."],
    cookbook=[70, 71],
    vary=Vary(
        cases=(
            Case(
                "aXb",
                exprs={"F": "a.T @ X @ b", "G": "a @ b.T"},
                tex={"F": r"[[a]]^\top [[X]] [[b]]"},
            ),
            Case(
                "aXtb",
                exprs={"F": "a.T @ X.T @ b", "G": "b @ a.T"},
                tex={"F": r"[[a]]^\top [[X]]^\top [[b]]"},
            ),
        ),
        names={"X": ("X", "Y", "M", "W", "Z"), "a": ("a", "u", "p"), "b": ("b", "v", "q")},
    ),
)

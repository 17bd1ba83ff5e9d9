from autograder.bank.model import Case, Mistake, Problem, Sym, Vary

PROBLEM = Problem(
    id="logdet-general",
    title="Log-determinant of a general invertible matrix",
    topic="det-inverse",
    symbols={"X": Sym("n", "n", invertible=True), "A": Sym("n", "n", invertible=True)},
    wrt="X",
    objective="F",
    statement=r"Let $f([[X]]) = [[F]]$ for an invertible, not necessarily symmetric "
    r"$[[X]]$ ($\log\lvert\det\cdot\rvert$ when the determinant is negative). "
    r"Find $\partial f / \partial [[X]]$.",
    solution="inv(X).T",
    mistakes=[
        Mistake(
            "M1",
            "The chain rule through the constant factor: it cancels, since "
            "$\\log\\lvert\\det([[A]][[X]])\\rvert = \\log\\lvert\\det [[A]]\\rvert + "
            "\\log\\lvert\\det [[X]]\\rvert$.",
        ),
        Mistake("M2", "That is the gradient of $\\det$, not of $\\log\\lvert\\det\\rvert$."),
        Mistake(
            "inv(X)",
            "$\\mathrm{d}\\log\\lvert\\det [[X]]\\rvert = \\operatorname{tr}"
            "([[X]]^{-1}\\mathrm{d}[[X]])$, and the gradient of "
            "$\\operatorname{tr}(C\\,\\mathrm{d}[[X]])$ is $C^\\top$.",
        ),
    ],
    numerator_mistakes=[
        Mistake(
            "M1T",
            "The chain rule through the constant factor: it cancels, since "
            "$\\log\\lvert\\det([[A]][[X]])\\rvert = \\log\\lvert\\det [[A]]\\rvert + "
            "\\log\\lvert\\det [[X]]\\rvert$.",
        ),
        Mistake("M2T", "That is the derivative of $\\det$, not of $\\log\\lvert\\det\\rvert$."),
        Mistake(
            "inv(X).T",
            "In numerator layout the derivative of "
            "$\\operatorname{tr}(C\\,\\mathrm{d}[[X]])$ is $C$ itself: here $[[X]]^{-1}$.",
        ),
    ],
    hints=[
        r"$\mathrm{d}\log\lvert\det [[X]]\rvert = \operatorname{tr}([[X]]^{-1} "
        r"\mathrm{d}[[X]])$."
    ],
    cookbook=[43, 57],
    vary=Vary(
        cases=(
            Case(
                "AX",
                exprs={
                    "F": "logdet(A @ X)",
                    "M1": "inv(A @ X).T",
                    "M2": "det(A @ X) * inv(X).T",
                    "M1T": "inv(A @ X)",
                    "M2T": "det(A @ X) * inv(X)",
                },
                tex={"F": r"\log\lvert\det([[A]] [[X]])\rvert"},
            ),
            Case(
                "XA",
                exprs={
                    "F": "logdet(X @ A)",
                    "M1": "inv(X @ A).T",
                    "M2": "det(X @ A) * inv(X).T",
                    "M1T": "inv(X @ A)",
                    "M2T": "det(X @ A) * inv(X)",
                },
                tex={"F": r"\log\lvert\det([[X]] [[A]])\rvert"},
            ),
        ),
        names={"X": ("X", "Y", "Z", "W", "M"), "A": ("A", "B", "C")},
    ),
)

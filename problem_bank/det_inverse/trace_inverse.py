from autograder.bank.model import Mistake, Problem, Sym, Vary

PROBLEM = Problem(
    id="trace-inverse",
    title="Trace of a product with an inverse",
    topic="det-inverse",
    symbols={
        "X": Sym("n", "n", invertible=True),
        "A": Sym("n", "n"),
        "B": Sym("n", "n"),
    },
    wrt="X",
    objective="trace(A @ inv(X) @ B)",
    statement=r"Let $f([[X]]) = \operatorname{tr}([[A]] [[X]]^{-1} [[B]])$ for an invertible, "
    r"not necessarily symmetric $[[X]]$. Find $\partial f / \partial [[X]]$.",
    solution="-(inv(X) @ B @ A @ inv(X)).T",
    mistakes=[
        Mistake("(inv(X) @ B @ A @ inv(X)).T", "Differentiating an inverse brings a minus sign."),
        Mistake(
            "-(inv(X) @ A @ B @ inv(X)).T",
            "Rotate the trace so that "
            "$\\mathrm{d}[[X]]$ comes last: the constants appear as "
            "$[[B]][[A]]$, not $[[A]][[B]]$.",
        ),
        Mistake(
            "-(A @ B).T",
            "The inverse stays on both sides: $\\mathrm{d}([[X]]^{-1}) = "
            "-[[X]]^{-1}\\mathrm{d}[[X]]\\,[[X]]^{-1}$.",
        ),
    ],
    hints=[
        r"$\mathrm{d}f = -\operatorname{tr}([[A]][[X]]^{-1}\mathrm{d}[[X]]\,[[X]]^{-1}"
        r"[[B]])$; rotate so that $\mathrm{d}[[X]]$ is last."
    ],
    cookbook=[59, 63],
    vary=Vary(
        names={"X": ("X", "Y", "Z", "W", "M"), "A": ("A", "C", "P"), "B": ("B", "D", "Q")},
    ),
)

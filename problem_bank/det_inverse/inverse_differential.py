from autograder.bank.model import FollowThrough, Mistake, Part, Problem, Sym, Vary

PROBLEM = Problem(
    id="inverse-differential",
    title="The differential of an inverse, guided",
    topic="det-inverse",
    symbols={"X": Sym("n", "n", invertible=True), "A": Sym("n", "n")},
    statement=r"Let $f([[X]]) = \operatorname{tr}([[A]] [[X]]^{-1})$ for an invertible, not "
    r"necessarily symmetric $[[X]]$. Use "
    r"$\mathrm{d}([[X]]^{-1}) = -[[X]]^{-1}\,\mathrm{d}[[X]]\,[[X]]^{-1}$.",
    parts=[
        Part(
            id="a",
            hints=[
                "Apply $\\mathrm{d}(U^{-1}) = -U^{-1}\\,\\mathrm{d}U\\,U^{-1}$ inside the trace: "
                "$\\mathrm{d}f = \\operatorname{tr}([[A]]\\,\\mathrm{d}([[X]]^{-1}))$."
            ],
            kind="differential",
            prompt=r"Write $\mathrm{d}f$ in terms of $\mathrm{d}[[X]]$ (type it `d[[X]]`).",
            wrt="X",
            objective="trace(A @ inv(X))",
            solution="-trace(A @ inv(X) @ dX @ inv(X))",
            mistakes=[
                Mistake(
                    "trace(A @ inv(X) @ dX @ inv(X))",
                    "The differential of an inverse carries a minus sign.",
                ),
                Mistake(
                    "-trace(A @ inv(X) @ inv(X) @ dX @ inv(X))",
                    "The inverse appears once on each side of $\\mathrm{d}[[X]]$.",
                ),
                Mistake(
                    "-trace(A @ inv(X) @ inv(X) @ dX)",
                    "$\\mathrm{d}[[X]]$ sits between "
                    "the two inverses: matrices do not commute inside the product.",
                ),
            ],
            cookbook=[40],
            points=1,
        ),
        Part(
            id="b",
            hints=[
                "Rotate the trace into $\\operatorname{tr}(C\\,\\mathrm{d}[[X]])$: in "
                "[[layout]] layout the derivative is $C[[T]]$."
            ],
            kind="gradient",
            prompt=r"Read off $\partial f / \partial [[X]]$.",
            wrt="X",
            objective="trace(A @ inv(X))",
            solution="-(inv(X) @ A @ inv(X)).T",
            mistakes=[
                Mistake(
                    "-(inv(X) @ inv(X) @ A).T",
                    "Rotate the trace, do not reorder inside "
                    "it: $\\operatorname{tr}([[A]][[X]]^{-1}\\mathrm{d}[[X]]\\,[[X]]^{-1})"
                    " = \\operatorname{tr}([[X]]^{-1}[[A]][[X]]^{-1}\\mathrm{d}[[X]])$.",
                ),
                Mistake(
                    "(inv(X) @ A @ inv(X)).T",
                    "Keep the minus sign from the differential of the inverse.",
                ),
            ],
            follows=FollowThrough("a", mode="match", template="trace(ANSWER.T @ dX)"),
            cookbook=[63],
            points=1,
        ),
    ],
    vary=Vary(
        names={"X": ("X", "Y", "Z", "W", "M"), "A": ("A", "B", "C", "P")},
    ),
)

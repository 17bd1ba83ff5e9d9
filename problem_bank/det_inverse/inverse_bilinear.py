from autograder.bank.model import Mistake, Problem, Sym, Vary

PROBLEM = Problem(
    id="inverse-bilinear",
    title="Bilinear form in an inverse",
    topic="det-inverse",
    symbols={"X": Sym("n", "n", invertible=True), "a": Sym("n"), "b": Sym("n")},
    wrt="X",
    objective="a.T @ inv(X) @ b",
    statement=r"Let $f([[X]]) = [[a]]^\top [[X]]^{-1} [[b]]$ for an invertible, not "
    r"necessarily symmetric $[[X]]$. Find $\partial f / \partial [[X]]$.",
    solution="-inv(X).T @ a @ b.T @ inv(X).T",
    mistakes=[
        Mistake(
            "inv(X).T @ a @ b.T @ inv(X).T",
            "Differentiating an inverse brings a minus "
            "sign: $\\mathrm{d}([[X]]^{-1}) = -[[X]]^{-1}\\mathrm{d}[[X]]\\,[[X]]^{-1}$.",
        ),
        Mistake(
            "-a @ b.T",
            "The inverse stays on both sides of $\\mathrm{d}[[X]]$: "
            "$\\mathrm{d}([[X]]^{-1}) = -[[X]]^{-1}\\mathrm{d}[[X]]\\,[[X]]^{-1}$.",
        ),
        Mistake(
            "-inv(X) @ b @ a.T @ inv(X)",
            "Rotate $\\operatorname{tr}(\\cdots "
            "\\mathrm{d}[[X]])$ into $\\operatorname{tr}(C\\,\\mathrm{d}[[X]])$, whose "
            "derivative in [[layout]] layout is $C[[T]]$: the vectors come in the order "
            "$[[a]]\\,[[b]]^\\top$ (denominator layout).",
        ),
    ],
    hints=[r"$\mathrm{d}f = -[[a]]^\top [[X]]^{-1}\,\mathrm{d}[[X]]\,[[X]]^{-1}[[b]]$."],
    cookbook=[59, 61],
    vary=Vary(
        names={"X": ("X", "Y", "Z", "W", "M"), "a": ("a", "u", "p"), "b": ("b", "v", "q")},
    ),
)

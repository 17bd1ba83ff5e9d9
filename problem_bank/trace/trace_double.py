from autograder.bank.model import Mistake, Problem, Sym, Vary

PROBLEM = Problem(
    id="trace-double",
    title="Trace with the variable twice and constants between",
    topic="trace",
    symbols={"X": Sym("n", "n"), "A": Sym("n", "n"), "B": Sym("n", "n")},
    wrt="X",
    objective="trace(A @ X @ B @ X)",
    statement=r"Let $f([[X]]) = \operatorname{tr}([[A]] [[X]] [[B]] [[X]])$ with all "
    r"matrices square and not symmetric. Find $\partial f / \partial [[X]]$.",
    solution="A.T @ X.T @ B.T + B.T @ X.T @ A.T",
    mistakes=[
        Mistake("A.T @ X.T @ B.T", "$[[X]]$ appears twice: the product rule gives a second term."),
        Mistake(
            "2 * A.T @ X.T @ B.T",
            "The two terms are not equal: rotate each into "
            "$\\operatorname{tr}(C\\,\\mathrm{d}[[X]])$ separately.",
        ),
        Mistake(
            "B @ X @ A + A @ X @ B",
            "In [[layout]] layout the derivative of $\\operatorname{tr}(C\\,[[X]])$ is "
            "$C[[T]]$: check the transposes of what multiplies $\\mathrm{d}[[X]]$.",
        ),
    ],
    hints=[
        r"$\mathrm{d}f = \operatorname{tr}([[A]]\,\mathrm{d}[[X]]\,[[B]] [[X]]) + "
        r"\operatorname{tr}([[A]] [[X]] [[B]]\,\mathrm{d}[[X]])$."
    ],
    vary=Vary(
        names={"X": ("X", "Y", "Z", "W"), "A": ("A", "C", "P"), "B": ("B", "D", "Q")},
    ),
)

from autograder.bank.model import Mistake, Problem, Sym, Vary

PROBLEM = Problem(
    id="logdet-spd",
    title="Log-determinant of a covariance matrix",
    topic="det-inverse",
    symbols={"S": Sym("n", "n", spd=True)},
    wrt="S",
    objective="k * logdet(S)",
    statement=r"Let $f([[S]]) = [[k]] \log\det [[S]]$ for a symmetric positive definite "
    r"$[[S]]$. Find $\partial f / \partial [[S]]$, treating every entry of $[[S]]$ as an "
    r"independent variable (the unstructured gradient).",
    solution="k * inv(S)",
    alternatives=[
        Mistake(
            "k * (2 * inv(S) - diag(inv(S)))",
            "Accepted: this is the gradient on the "
            "space of symmetric matrices, $2G - \\operatorname{diag}(G)$; the course "
            "expects the unstructured $G$.",
        ),
    ],
    mistakes=[
        Mistake(
            "k * det(S) * inv(S)",
            "That is the gradient of $\\det$; the logarithm divides by $\\det [[S]]$.",
        ),
        Mistake("k * S", "The derivative of $\\log\\det$ involves the inverse."),
        Mistake("inv(S) / k", "Multiply by the constant factor $[[k]]$."),
    ],
    hints=[r"$\mathrm{d}\log\det [[S]] = \operatorname{tr}([[S]]^{-1} \mathrm{d}[[S]])$."],
    cookbook=[43, 57],
    vary=Vary(
        names={"S": ("S", "Sigma", "C", "K", "Q")},
        constants={"k": (2, 3, 5, 0.5)},
    ),
)

from autograder.bank.model import FollowThrough, Mistake, Part, Problem, Sym, Vary

LOGLIK = "-k / 2 * logdet(Sigma) - trace(inv(Sigma) @ S) / 2"

PROBLEM = Problem(
    id="gaussian-covariance-mle",
    title="The maximum-likelihood covariance matrix",
    topic="gaussian-mle",
    symbols={"Sigma": Sym("d", "d", spd=True), "S": Sym("d", "d", spd=True)},
    statement=r"For $[[k]]$ centred samples with scatter matrix $[[S]] = \sum_i x_i "
    r"x_i^\top$, the Gaussian log-likelihood in the covariance is, up to a constant, "
    r"$\ell([[Sigma]]) = -\tfrac{[[k]]}{2}\log\det [[Sigma]] - \tfrac{1}{2}"
    r"\operatorname{tr}([[Sigma]]^{-1} [[S]])$. Treat the entries of $[[Sigma]]$ as "
    r"independent: the unstructured gradient is expected.",
    parts=[
        Part(
            id="a",
            hints=[
                "$\\mathrm{d}\\log\\det [[Sigma]] = "
                "\\operatorname{tr}([[Sigma]]^{-1}\\mathrm{d}[[Sigma]])$ and "
                "$\\mathrm{d}([[Sigma]]^{-1}) = "
                "-[[Sigma]]^{-1}\\mathrm{d}[[Sigma]]\\,[[Sigma]]^{-1}$."
            ],
            kind="gradient",
            prompt=r"Find $\partial \ell / \partial [[Sigma]]$.",
            wrt="Sigma",
            objective=LOGLIK,
            solution="-k / 2 * inv(Sigma) + inv(Sigma) @ S @ inv(Sigma) / 2",
            alternatives=[
                Mistake(
                    "2 * (-k / 2 * inv(Sigma) + inv(Sigma) @ S @ inv(Sigma) / 2) - "
                    "diag(-k / 2 * inv(Sigma) + inv(Sigma) @ S @ inv(Sigma) / 2)",
                    "Accepted: the gradient over symmetric matrices, "
                    "$2G - \\operatorname{diag}(G)$. The course expects the unstructured "
                    "$G$.",
                ),
            ],
            mistakes=[
                Mistake(
                    "-k / 2 * inv(Sigma) + S / 2",
                    "The trace term contains "
                    "$[[Sigma]]^{-1}$: use $\\mathrm{d}([[Sigma]]^{-1}) = "
                    "-[[Sigma]]^{-1}\\mathrm{d}[[Sigma]]\\,[[Sigma]]^{-1}$.",
                ),
                Mistake(
                    "-k / 2 * inv(Sigma) - inv(Sigma) @ S @ inv(Sigma) / 2",
                    "The differential of the inverse has a minus sign, which makes this "
                    "term positive.",
                ),
                Mistake(
                    "-k / 2 * Sigma + inv(Sigma) @ S @ inv(Sigma) / 2",
                    "$\\mathrm{d}\\log\\det [[Sigma]] = \\operatorname{tr}([[Sigma]]^{-1}"
                    "\\mathrm{d}[[Sigma]])$: the inverse appears.",
                ),
            ],
            cookbook=[57, 63],
            points=2,
        ),
        Part(
            id="b",
            hints=["Multiply the stationary condition by $[[Sigma]]$ on both sides."],
            kind="expression",
            prompt=r"Give the maximum-likelihood estimate $\hat{[[Sigma]]}$.",
            wrt="Sigma",
            objective=LOGLIK,
            relation="stationary",
            solution="S / k",
            mistakes=[
                Mistake("S", "Divide the scatter by the number of samples $[[k]]$."),
                Mistake("k * inv(S)", "That is the estimate of the precision $[[Sigma]]^{-1}$."),
            ],
            follows=FollowThrough("a", mode="root"),
            points=2,
        ),
    ],
    vary=Vary(
        names={"Sigma": ("Sigma", "C", "K", "V"), "S": ("S", "M", "B")},
        constants={"k": (5, 8, 10, 20)},
    ),
)

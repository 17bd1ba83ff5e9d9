from autograder.bank.model import FollowThrough, Mistake, Part, Problem, Sym, Vary

LOGLIK = "k / 2 * logdet(L) - trace(S @ L) / 2"

PROBLEM = Problem(
    id="gaussian-precision-mle",
    title="The maximum-likelihood precision matrix",
    topic="gaussian-mle",
    symbols={"L": Sym("d", "d", spd=True), "S": Sym("d", "d", spd=True)},
    statement=r"For $[[k]]$ centred samples with scatter matrix $[[S]] = \sum_i x_i x_i^\top$, "
    r"the Gaussian log-likelihood in the precision matrix $[[L]] = \Sigma^{-1}$ is, up to a "
    r"constant, $\ell([[L]]) = \tfrac{[[k]]}{2}\log\det [[L]] - \tfrac{1}{2}"
    r"\operatorname{tr}([[S]] [[L]])$. Treat the entries of $[[L]]$ as independent (the "
    r"unstructured gradient is expected; the symmetric-matrix form is accepted too).",
    parts=[
        Part(
            id="a",
            hints=[
                "$\\mathrm{d}\\log\\det [[L]] = \\operatorname{tr}([[L]]^{-1}\\mathrm{d}[[L]])$ "
                "and $\\mathrm{d}\\operatorname{tr}([[S]][[L]]) = "
                "\\operatorname{tr}([[S]]\\,\\mathrm{d}[[L]])$."
            ],
            kind="gradient",
            prompt=r"Find $\partial \ell / \partial [[L]]$.",
            wrt="L",
            objective=LOGLIK,
            solution="k / 2 * inv(L) - S / 2",
            alternatives=[
                Mistake(
                    "k * inv(L) - S - diag(k / 2 * inv(L) - S / 2)",
                    "Accepted: the "
                    "gradient over symmetric matrices, $2G - \\operatorname{diag}(G)$. "
                    "The course expects the unstructured $G$.",
                ),
            ],
            mistakes=[
                Mistake(
                    "k / 2 * L - S / 2",
                    "$\\mathrm{d}\\log\\det [[L]] = "
                    "\\operatorname{tr}([[L]]^{-1}\\mathrm{d}[[L]])$: the inverse appears.",
                ),
                Mistake("k / 2 * inv(L) - S", "The trace term carries the factor $\\tfrac12$ too."),
                Mistake("k / 2 * inv(L) + S / 2", "Check the sign of the trace term."),
            ],
            cookbook=[57, 100],
            points=2,
        ),
        Part(
            id="b",
            hints=["Solve $\\tfrac{[[k]]}{2}[[L]]^{-1} = \\tfrac{1}{2}[[S]]$ for $[[L]]$."],
            kind="expression",
            prompt=r"Give the maximum-likelihood estimate $\hat{[[L]]}$.",
            wrt="L",
            objective=LOGLIK,
            relation="stationary",
            solution="k * inv(S)",
            mistakes=[
                Mistake(
                    "inv(S)", "The number of samples $[[k]]$ stays: $\\hat\\Sigma = [[S]]/[[k]]$."
                ),
                Mistake(
                    "S / k",
                    "That is the estimate of the covariance $\\Sigma$, not of the precision.",
                ),
            ],
            follows=FollowThrough("a", mode="root"),
            points=2,
        ),
    ],
    vary=Vary(
        names={"L": ("Lambda", "P", "K", "Q"), "S": ("S", "C", "M")},
        constants={"k": (5, 8, 10, 20)},
    ),
)

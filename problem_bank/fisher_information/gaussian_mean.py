from autograder.bank.model import Mistake, Part, Problem, Sym, Vary

NEGLOG = "(x - mu).T @ inv(Sigma) @ (x - mu) / 2"

PROBLEM = Problem(
    id="fisher-gaussian-mean",
    title="Fisher information of a Gaussian mean, step by step",
    topic="fisher-information",
    symbols={"x": Sym("d"), "mu": Sym("d"), "Sigma": Sym("d", "d", spd=True)},
    statement=r"One observation $[[x]] \sim \mathcal{N}([[mu]], [[Sigma]])$ with $[[Sigma]]$ "
    r"known has log-density $\ell([[mu]]) = -\tfrac{1}{2}([[x]] - [[mu]])^\top [[Sigma]]^{-1}"
    r"([[x]] - [[mu]])$ up to a constant.",
    parts=[
        Part(
            id="a",
            hints=["Differentiate the quadratic form in $[[mu]]$; $[[Sigma]]^{-1}$ is symmetric."],
            kind="gradient",
            prompt=r"Find the score $\nabla_{[[mu]]} \ell$.",
            wrt="mu",
            objective="-" + NEGLOG,
            solution="inv(Sigma) @ (x - mu)",
            mistakes=[
                Mistake(
                    "inv(Sigma) @ (mu - x)",
                    "Check the sign: the chain rule through "
                    "$[[x]] - [[mu]]$ brings a $-1$ that cancels the one in front.",
                ),
                Mistake("Sigma @ (x - mu)", "The quadratic form uses $[[Sigma]]^{-1}$."),
            ],
            cookbook=[81],
            points=1,
        ),
        Part(
            id="b",
            hints=["Differentiate the score once more: it is linear in $[[mu]]$."],
            kind="expression",
            prompt=r"Give the Fisher information $\mathcal{I}([[mu]]) = "
            r"-\mathbb{E}\left[\nabla^2_{[[mu]]} \ell\right]$.",
            wrt="mu",
            objective=NEGLOG,
            relation="hessian",
            solution="inv(Sigma)",
            mistakes=[
                Mistake(
                    "Sigma",
                    "The Fisher information of the mean is the inverse of the "
                    "covariance: precise data carry much information.",
                ),
                Mistake(
                    "-inv(Sigma)",
                    "That is the expected Hessian itself; the Fisher "
                    "information is its negative, a positive definite matrix.",
                ),
            ],
            points=1,
        ),
    ],
    vary=Vary(
        names={
            "x": ("x", "y", "z"),
            "mu": ("mu", "m", "theta", "nu"),
            "Sigma": ("Sigma", "C", "K"),
        },
    ),
)

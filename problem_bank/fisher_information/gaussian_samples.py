from autograder.bank.model import Mistake, Problem, Sym, Vary

PROBLEM = Problem(
    id="fisher-gaussian-samples",
    title="Fisher information of a Gaussian mean from many samples",
    topic="fisher-information",
    symbols={"xbar": Sym("d"), "mu": Sym("d"), "Sigma": Sym("d", "d", spd=True)},
    kind="expression",
    wrt="mu",
    objective="k / 2 * (xbar - mu).T @ inv(Sigma) @ (xbar - mu)",
    relation="hessian",
    statement=r"$[[k]]$ independent observations from $\mathcal{N}([[mu]], [[Sigma]])$, "
    r"$[[Sigma]]$ known, have sample mean $[[xbar]]$; their negative log-likelihood is "
    r"$\tfrac{[[k]]}{2}([[xbar]] - [[mu]])^\top [[Sigma]]^{-1} ([[xbar]] - [[mu]])$ plus "
    r"terms free of $[[mu]]$. Give the Fisher information $\mathcal{I}([[mu]])$ of all "
    r"$[[k]]$ observations.",
    solution="k * inv(Sigma)",
    mistakes=[
        Mistake(
            "inv(Sigma)",
            "That is the information in one observation; independent "
            "observations add their information.",
        ),
        Mistake(
            "k * Sigma",
            "The information is the inverse covariance, times the number of observations.",
        ),
        Mistake(
            "inv(Sigma) / k",
            "Information grows with the number of observations: multiply by $[[k]]$.",
        ),
    ],
    points=2,
    hints=["The Hessian of $\\tfrac{c}{2} v^\\top M v$ in $v$ is $cM$ for a symmetric $M$."],
    vary=Vary(
        names={"mu": ("mu", "m", "theta", "nu"), "Sigma": ("Sigma", "C", "K")},
        constants={"k": (10, 20, 25, 50)},
    ),
)

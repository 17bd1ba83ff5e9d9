from autograder.bank.model import Mistake, Problem, Vary

PROBLEM = Problem(
    id="fisher-bernoulli",
    title="Fisher information of Bernoulli observations",
    topic="fisher-information",
    symbols={},
    kind="numeric",
    statement=r"Give the Fisher information about $p$ in $[[k]]$ independent "
    r"Bernoulli($p$) observations, at $p = [[p]]$, as a number.",
    solution="k / (p * (1 - p))",
    mistakes=[
        Mistake(
            "k * p * (1 - p)",
            "That is the variance of the count; the information is "
            "the reciprocal of the variance per observation, times $[[k]]$.",
        ),
        Mistake(
            "1 / (p * (1 - p))",
            "That is the information in one observation; "
            "independent observations add their information.",
        ),
    ],
    hints=[r"For one observation, $\mathcal{I}(p) = 1 / (p(1 - p))$."],
    tolerance=1e-4,
    points=1,
    vary=Vary(constants={"k": (10, 20, 40, 50, 100), "p": (0.1, 0.2, 0.25, 0.4, 0.5)}),
)

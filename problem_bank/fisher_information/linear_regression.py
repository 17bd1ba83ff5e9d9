from autograder.bank.model import Mistake, Problem, Sym, Vary

PROBLEM = Problem(
    id="fisher-linear-regression",
    title="Fisher information of linear regression",
    topic="fisher-information",
    symbols={"X": Sym("n", "p"), "w": Sym("p"), "y": Sym("n"), "s": Sym(positive=True)},
    kind="expression",
    wrt="w",
    objective="norm_fro(y - X @ w) ** 2 / (2 * s)",
    relation="hessian",
    statement=r"In linear regression $[[y]] = [[X]][[w]] + \varepsilon$ with noise "
    r"$\varepsilon \sim \mathcal{N}(0, [[s]] I)$, the negative log-likelihood is "
    r"$\lVert [[y]] - [[X]][[w]] \rVert^2 / (2[[s]])$ plus terms free of $[[w]]$. "
    r"Give the Fisher information $\mathcal{I}([[w]])$.",
    solution="X.T @ X / s",
    mistakes=[
        Mistake(
            "X.T @ X", "The noise variance $[[s]]$ scales the information: noisier data carry less."
        ),
        Mistake("s * X.T @ X", "Information is inversely proportional to the noise variance."),
        Mistake(
            "X @ X.T / s",
            "The information about $[[w]]$ is "
            "$[[p]] \\times [[p]]$: $[[X]]^\\top [[X]]$, not $[[X]][[X]]^\\top$.",
        ),
    ],
    points=2,
    hints=[
        "The Hessian of $\\lVert [[y]] - [[X]][[w]] \\rVert^2$ in $[[w]]$ is $2[[X]]^\\top[[X]]$."
    ],
    vary=Vary(
        names={"X": ("X", "A", "Phi", "D"), "w": ("w", "beta", "theta"), "s": ("s", "v", "tau")},
    ),
)

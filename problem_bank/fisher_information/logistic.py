from autograder.bank.model import Mistake, Part, Problem, Sym, Vary

NLL = "sum(log(1 + exp(X @ w))) - y.T @ X @ w"
P = "sigmoid(X @ w)"

PROBLEM = Problem(
    id="fisher-logistic",
    title="Fisher information of logistic regression, step by step",
    topic="fisher-information",
    symbols={"X": Sym("n", "p"), "w": Sym("p"), "y": Sym("n", unit_interval=True)},
    statement=r"Logistic regression with design matrix $[[X]]$ (one row per observation), "
    r"weights $[[w]]$ and labels $[[y]]$ has negative log-likelihood "
    r"$L([[w]]) = \sum_i \log(1 + e^{([[X]][[w]])_i}) - [[y]]^\top [[X]] [[w]]$. Write "
    r"$\sigma$ as `sigmoid` (entrywise), the diagonal matrix of a vector as `diag`, and the "
    r"entrywise product as `hadamard`.",
    parts=[
        Part(
            id="a",
            kind="gradient",
            prompt=r"Find $\nabla_{[[w]]} L$.",
            wrt="w",
            objective=NLL,
            solution=f"X.T @ ({P} - y)",
            mistakes=[
                Mistake(
                    f"X.T @ (y - {P})",
                    "That is the gradient of the log-likelihood; $L$ is its negative.",
                ),
                Mistake(
                    f"{P} - y",
                    "That is the gradient in $z = [[X]][[w]]$: the chain rule "
                    "multiplies by $[[X]]^\\top$.",
                ),
            ],
            hints=[r"$\frac{\mathrm{d}}{\mathrm{d}z}\log(1 + e^z) = \sigma(z)$."],
            points=2,
        ),
        Part(
            id="b",
            kind="expression",
            prompt=r"Give the Fisher information $\mathcal{I}([[w]]) = \nabla^2_{[[w]]} L$ (it "
            r"does not depend on $[[y]]$), as $[[X]]^\top W [[X]]$ with a diagonal $W$.",
            wrt="w",
            objective=NLL,
            relation="hessian",
            solution=f"X.T @ diag(hadamard({P}, 1 - {P})) @ X",
            mistakes=[
                Mistake(
                    "X.T @ X",
                    "Each observation is weighted by the variance $p_i(1 - p_i)$ of its label.",
                ),
                Mistake(
                    f"X.T @ diag({P}) @ X",
                    "The weight is the derivative of $\\sigma$, "
                    "$\\sigma(1 - \\sigma)$, not $\\sigma$.",
                ),
            ],
            hints=[r"$\sigma'(z) = \sigma(z)(1 - \sigma(z))$."],
            points=2,
        ),
    ],
    vary=Vary(
        names={"X": ("X", "A", "Phi", "D"), "w": ("w", "beta", "theta"), "y": ("y", "t", "c")},
    ),
)

from autograder.bank.model import Case, Mistake, Problem, Sym, Vary

PROBLEM = Problem(
    id="softplus-chain",
    title="The chain rule through a linear map",
    topic="identities",
    symbols={"A": Sym("m", "n"), "x": Sym("n")},
    wrt="x",
    objective="F",
    statement=r"Let $f([[x]]) = [[F]]$, where the scalar functions act entrywise on the "
    r"vector $[[A]][[x]] \in \mathbb{R}^{[[m]]}$. Find $\nabla_{[[x]]} f$ (use `sigmoid`, `exp` "
    r"entrywise).",
    solution="G",
    mistakes=[
        Mistake(
            "M1",
            "That is the gradient in $z = [[A]][[x]]$; the chain rule multiplies by $[[A]]^\\top$.",
        ),
        Mistake("M2", "Differentiate the scalar function itself: check its derivative."),
    ],
    hints=[r"With $z = [[A]][[x]]$, $\nabla_{[[x]]} f = [[A]]^\top \nabla_z f$."],
    vary=Vary(
        cases=(
            Case(
                "softplus",
                exprs={
                    "F": "sum(log(1 + exp(A @ x)))",
                    "G": "A.T @ sigmoid(A @ x)",
                    "M1": "sigmoid(A @ x)",
                    "M2": "A.T @ exp(A @ x)",
                },
                tex={"F": r"\sum_i \log(1 + e^{([[A]][[x]])_i})"},
            ),
            Case(
                "exp",
                exprs={
                    "F": "sum(exp(A @ x))",
                    "G": "A.T @ exp(A @ x)",
                    "M1": "exp(A @ x)",
                    "M2": "A.T @ (A @ x)",
                },
                tex={"F": r"\sum_i e^{([[A]][[x]])_i}"},
            ),
        ),
        names={"A": ("A", "X", "M", "D", "B"), "x": ("x", "w", "theta")},
    ),
)

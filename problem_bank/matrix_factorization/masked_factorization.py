from autograder.bank.model import Mistake, Problem, Sym, Vary

PROBLEM = Problem(
    id="masked-factorization",
    title="Factorization with missing entries",
    topic="matrix-factorization",
    constraints=["m > k", "n > k"],
    symbols={
        "X": Sym("m", "n"),
        "M": Sym("m", "n", unit_interval=True),
        "W": Sym("m", "k"),
        "H": Sym("k", "n"),
    },
    objective="sum(hadamard(M, hadamard(X - W @ H, X - W @ H)))",
    wrt="W",
    statement=r"With observation weights $[[M]]$ (zero for a missing rating), matrix "
    r"completion minimises $f = \sum_{ij} [[M]]_{ij} ([[X]] - [[W]][[H]])_{ij}^2$. Find "
    r"$\partial f / \partial [[W]]$ (`hadamard` for the entrywise product).",
    solution="-2 * hadamard(M, X - W @ H) @ H.T",
    mistakes=[
        Mistake(
            "-2 * (X - W @ H) @ H.T",
            "The weights $[[M]]$ stay on the residual: missing entries must not pull on $[[W]]$.",
        ),
        Mistake("-hadamard(M, X - W @ H) @ H.T", "Differentiating the square gives a factor 2."),
        Mistake(
            "-2 * hadamard(M, X) @ H.T",
            "The gradient involves the residual $[[X]] - [[W]][[H]]$, not the data alone.",
        ),
    ],
    hints=[
        "Per entry, $\\partial f / \\partial ([[W]][[H]])_{ij} = -2[[M]]_{ij} R_{ij}$ with $R = "
        "[[X]] - [[W]][[H]]$; then the chain rule through $[[W]][[H]]$."
    ],
    vary=Vary(
        names={
            "X": ("X", "R", "Y"),
            "W": ("W", "U", "A"),
            "H": ("H", "V", "B"),
            "M": ("M", "Omega", "P"),
        },
    ),
)

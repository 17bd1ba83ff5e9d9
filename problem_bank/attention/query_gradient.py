from autograder.bank.model import Mistake, Problem, Sym, Vary

P = "softmax(K.T @ Q / t)"
# dL/dS for L = sum(C * (V P)): per column, p * (g - p^T g) with g = V^T C.
G_S = f"hadamard({P}, V.T @ C - ones(n) @ ones(n).T @ hadamard({P}, V.T @ C))"

PROBLEM = Problem(
    id="attention-query-gradient",
    title="Attention: gradient in the queries",
    topic="attention",
    symbols={
        "Q": Sym("d", "m"),
        "K": Sym("d", "n"),
        "V": Sym("p", "n"),
        "C": Sym("p", "m"),
        "t": Sym(positive=True),
    },
    wrt="Q",
    objective=f"sum(hadamard(C, V @ {P}))",
    statement=r"Tokens are columns. With scores $S = [[K]]^\top [[Q]] / [[t]]$, weights "
    r"$P = \operatorname{softmax}(S)$ column by column and loss "
    r"$L = \operatorname{tr}([[C]]^\top [[V]] P)$, find $\partial L / \partial [[Q]]$. "
    r"Use $G = P \odot ([[V]]^\top [[C]] - \mathbf{1}\mathbf{1}^\top (P \odot [[V]]^\top "
    r"[[C]]))$, the gradient in $S$, written out (`hadamard`, `ones([[n]])`).",
    solution=f"K @ {G_S} / t",
    mistakes=[
        Mistake(f"K @ {G_S}", "The scores are divided by $[[t]]$: so is the gradient."),
        Mistake(f"Q @ {G_S}.T / t", "That is the gradient in the keys $[[K]]$."),
    ],
    hints=[
        r"$\mathrm{d}L = \operatorname{tr}(G^\top \mathrm{d}S)$ and "
        r"$\mathrm{d}S = [[K]]^\top \mathrm{d}[[Q]] / [[t]]$."
    ],
    cookbook=[101],
    vary=Vary(
        names={"Q": ("Q", "A", "X"), "K": ("K", "B", "Y"), "t": ("t", "tau", "s")},
        dims={"m": ("m", "r")},
    ),
)

from autograder.bank.model import Mistake, Problem, Vary
from problem_bank.attention._common import LOSS, SYMBOLS, softmax_backward

G_S = softmax_backward()

PROBLEM = Problem(
    id="attention-query-gradient",
    title="Attention: gradient in the queries",
    topic="attention",
    symbols=SYMBOLS,
    wrt="Q",
    objective=LOSS,
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

from autograder.bank.model import Mistake, Problem, Vary
from problem_bank.attention._common import LOSS, SYMBOLS, softmax_backward

G_S = softmax_backward()

PROBLEM = Problem(
    id="attention-key-gradient",
    title="Attention: gradient in the keys",
    topic="attention",
    symbols=SYMBOLS,
    wrt="K",
    objective=LOSS,
    statement=r"Tokens are columns. With scores $S = [[K]]^\top [[Q]] / [[t]]$, weights "
    r"$P = \operatorname{softmax}(S)$ column by column and loss "
    r"$L = \operatorname{tr}([[C]]^\top [[V]] P)$, find $\partial L / \partial [[K]]$. "
    r"Use $G = P \odot ([[V]]^\top [[C]] - \mathbf{1}\mathbf{1}^\top (P \odot [[V]]^\top "
    r"[[C]]))$, the gradient in $S$, written out (`hadamard`, `ones([[n]])`).",
    solution=f"Q @ ({G_S}).T / t",
    mistakes=[
        Mistake(f"Q @ ({G_S}).T", "The scores are divided by $[[t]]$: so is the gradient."),
        Mistake(f"K @ {G_S} / t", "That is the gradient in the queries $[[Q]]$."),
        Mistake(
            "Q @ (V.T @ C).T / t",
            "The softmax sits between the scores and the loss: its Jacobian is missing.",
        ),
    ],
    hints=[
        r"$\mathrm{d}S = \mathrm{d}[[K]]^\top [[Q]] / [[t]]$, so "
        r"$\mathrm{d}L = \operatorname{tr}(G^\top \mathrm{d}[[K]]^\top [[Q]]) / [[t]]$."
    ],
    vary=Vary(
        names={"Q": ("Q", "A", "X"), "K": ("K", "B", "Y"), "t": ("t", "tau", "s")},
        dims={"n": ("n", "k")},
    ),
)

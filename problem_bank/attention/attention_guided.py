from autograder.bank.model import Mistake, Part, Problem, Sym, Vary
from problem_bank.attention._common import LOSS, SCORES, SYMBOLS, softmax_backward

PROBLEM = Problem(
    id="attention-guided",
    title="Backpropagation through attention, step by step",
    topic="attention",
    symbols={**SYMBOLS, "S": Sym("n", "m")},
    statement=r"Tokens are columns: queries $[[Q]]$, keys $[[K]]$, values $[[V]]$. The "
    r"scores are $[[S]] = [[K]]^\top [[Q]] / [[t]]$, the weights $P = "
    r"\operatorname{softmax}([[S]])$ column by column, and the loss "
    r"$L = \operatorname{tr}([[C]]^\top [[V]] P)$. Write $\mathbf{1} \in "
    r"\mathbb{R}^{[[n]]}$ as `ones([[n]])`, the entrywise product as `hadamard`.",
    parts=[
        Part(
            id="a",
            hints=[
                "Column $j$: $\\partial L / \\partial s_j = (\\operatorname{diag}(p_j) - p_j "
                "p_j^\\top) g_j$ with $g_j$ column $j$ of $[[V]]^\\top [[C]]$."
            ],
            kind="gradient",
            prompt=r"Treat $[[S]]$ as the variable: find $\partial L / \partial [[S]]$. (Per "
            r"column the softmax Jacobian is $\operatorname{diag}(p) - p p^\top$.)",
            wrt="S",
            objective="sum(hadamard(C, V @ softmax(S)))",
            solution=softmax_backward("S"),
            mistakes=[
                Mistake(
                    "V.T @ C", "That is $\\partial L / \\partial P$; continue through the softmax."
                ),
                Mistake(
                    "hadamard(softmax(S), V.T @ C)",
                    "You kept only the diagonal of the "
                    "softmax Jacobian: subtract $p\\,(p^\\top g)$ per column.",
                ),
            ],
            points=2,
        ),
        Part(
            id="b",
            hints=[
                "$\\mathrm{d}[[S]] = [[K]]^\\top \\mathrm{d}[[Q]] / [[t]]$, so the gradient is "
                "$[[K]] G / [[t]]$ with $G = \\partial L / \\partial [[S]]$."
            ],
            kind="gradient",
            prompt=r"Now with $[[S]] = [[K]]^\top [[Q]] / [[t]]$: find "
            r"$\partial L / \partial [[Q]]$ (write $\partial L / \partial [[S]]$ out in "
            r"$[[Q]]$).",
            wrt="Q",
            objective=LOSS,
            solution=f"K @ {softmax_backward(SCORES)} / t",
            mistakes=[
                Mistake(
                    f"K @ {softmax_backward(SCORES)}",
                    "The scores are divided by $[[t]]$: so is the gradient.",
                ),
                Mistake(
                    "K @ (V.T @ C) / t",
                    "The softmax sits between the scores and the loss: its Jacobian is missing.",
                ),
            ],
            points=2,
        ),
        Part(
            id="c",
            hints=[
                "$\\mathrm{d}[[S]] = \\mathrm{d}[[K]]^\\top [[Q]] / [[t]]$: rotate "
                "$\\operatorname{tr}(G^\\top \\mathrm{d}[[K]]^\\top [[Q]])$."
            ],
            kind="gradient",
            prompt=r"Find $\partial L / \partial [[K]]$.",
            wrt="K",
            objective=LOSS,
            solution=f"Q @ ({softmax_backward(SCORES)}).T / t",
            mistakes=[
                Mistake(
                    f"Q @ ({softmax_backward(SCORES)}).T",
                    "The scores are divided by $[[t]]$: so is the gradient.",
                ),
                Mistake(
                    "Q @ (V.T @ C).T / t",
                    "The softmax sits between the scores and the loss: its Jacobian is missing.",
                ),
            ],
            points=2,
        ),
    ],
    vary=Vary(
        names={"Q": ("Q", "A"), "K": ("K", "B"), "t": ("t", "tau", "s"), "C": ("C", "G")},
        dims={"n": ("n", "k")},
    ),
)

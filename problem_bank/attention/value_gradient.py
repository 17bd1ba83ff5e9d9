from autograder.bank.model import Mistake, Problem, Vary
from problem_bank.attention._common import LOSS, SYMBOLS
from problem_bank.attention._common import WEIGHTS as P

PROBLEM = Problem(
    id="attention-value-gradient",
    title="Attention: gradient in the values",
    topic="attention",
    symbols=SYMBOLS,
    wrt="V",
    objective=LOSS,
    statement=r"Tokens are columns: queries $[[Q]]$, keys $[[K]]$, values $[[V]]$. The "
    r"scores are $S = [[K]]^\top [[Q]] / [[t]]$ (with $[[t]] = \sqrt{[[d]]}$ in practice), "
    r"the attention weights $P = \operatorname{softmax}(S)$ column by column (`softmax` in "
    r"answers), the output $O = [[V]] P$, and the loss $L = \sum_{ij} [[C]]_{ij} O_{ij} = "
    r"\operatorname{tr}([[C]]^\top O)$. Find $\partial L / \partial [[V]]$.",
    solution=f"C @ {P}.T",
    mistakes=[
        Mistake(
            "C @ softmax(Q.T @ K / t)",
            "$P^\\top$ is the transpose of the softmax, not "
            "the softmax of $S^\\top$: the softmax runs down the columns of $S$.",
        ),
        Mistake(
            "C @ (K.T @ Q / t).T",
            "The weights are $P = \\operatorname{softmax}(S)$, not the raw scores.",
        ),
    ],
    hints=[r"$L = \operatorname{tr}([[C]]^\top [[V]] P)$ is linear in $[[V]]$."],
    cookbook=[101],
    vary=Vary(
        names={"V": ("V", "W", "U"), "C": ("C", "G", "B"), "t": ("t", "tau", "s")},
        dims={"p": ("p", "e")},
    ),
)

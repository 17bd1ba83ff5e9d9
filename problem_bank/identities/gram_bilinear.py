from autograder.bank.model import Mistake, Problem, Sym, Vary

PROBLEM = Problem(
    id="gram-bilinear",
    title="A bilinear form in a Gram matrix",
    topic="identities",
    symbols={"X": Sym("m", "n"), "a": Sym("n"), "b": Sym("n")},
    wrt="X",
    objective="a.T @ X.T @ X @ b",
    statement=r"Let $f([[X]]) = [[a]]^\top [[X]]^\top [[X]] [[b]]$. "
    r"Find $\partial f / \partial [[X]]$.",
    solution="X @ (a @ b.T + b @ a.T)",
    mistakes=[
        Mistake(
            "2 * X @ a @ b.T",
            "That assumes $[[a]] = [[b]]$: the two terms of the product rule differ.",
        ),
        Mistake("X @ a @ b.T", "$[[X]]$ appears twice: the product rule gives two terms."),
    ],
    hints=[r"$f = ([[X]][[a]])^\top ([[X]][[b]])$: differentiate each factor."],
    vary=Vary(
        names={"X": ("X", "Y", "W", "M", "Z"), "a": ("a", "u", "p"), "b": ("b", "v", "q")},
    ),
)

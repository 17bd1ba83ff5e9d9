from autograder.bank.model import Case, FollowThrough, Mistake, Part, Problem, Sym, Vary

PROBLEM = Problem(
    id="differential-method",
    title="The differential method, guided",
    topic="identities",
    symbols={"X": Sym("n", "k"), "A": Sym("n", "n")},
    statement=r"Let $f([[X]]) = [[F]]$ with $[[A]]$ square and not necessarily symmetric. "
    r"Use the differential method: first write $\mathrm{d}f$ in terms of "
    r"$\mathrm{d}[[X]]$, then read off the gradient from "
    r"$\mathrm{d}f = \operatorname{tr}(G^\top \mathrm{d}[[X]])$[[readoff]]",
    layout_tex={
        "denominator": {"readoff": ": the gradient is $G$."},
        "numerator": {"readoff": r": in numerator layout the derivative is $G^\top$."},
    },
    parts=[
        Part(
            id="a",
            kind="differential",
            prompt=r"Give $\mathrm{d}f$ as an expression in $[[X]]$, $[[A]]$ and "
            r"$\mathrm{d}[[X]]$ (write it `d[[X]]`).",
            wrt="X",
            objective="trace(F)",
            solution="DF",
            mistakes=[
                Mistake("M1", "$[[X]]$ appears twice: the product rule gives two terms."),
                Mistake("M2", "Two terms are equal only when $[[A]]$ is symmetric."),
            ],
            hints=[
                r"$\mathrm{d}(UV) = \mathrm{d}U\, V + U\, \mathrm{d}V$ and "
                r"$\mathrm{d}\operatorname{tr}(U) = \operatorname{tr}(\mathrm{d}U)$."
            ],
            cookbook=[36, 37],
            points=1,
        ),
        Part(
            id="b",
            kind="gradient",
            prompt=r"Read off the gradient $\partial f / \partial [[X]]$.",
            wrt="X",
            objective="trace(F)",
            solution="G",
            mistakes=[
                Mistake("M3", "Only right when $[[A]]$ is symmetric: keep both terms."),
                Mistake("M4", "You kept one of the two terms of the product rule."),
            ],
            follows=FollowThrough("a", mode="match", template="trace(ANSWER.T @ dX)"),
            hints=[
                r"Rotate each term of $\mathrm{d}f$ into the form "
                r"$\operatorname{tr}(G^\top \mathrm{d}[[X]])$."
            ],
            cookbook=[108, 111],
            points=1,
        ),
    ],
    vary=Vary(
        cases=(
            Case(
                "XtAX",
                exprs={
                    "F": "X.T @ A @ X",
                    "DF": "trace(dX.T @ A @ X + X.T @ A @ dX)",
                    "M1": "trace(X.T @ A @ dX)",
                    "M2": "2 * trace(X.T @ A @ dX)",
                    "G": "(A + A.T) @ X",
                    "M3": "2 * A @ X",
                    "M4": "A @ X",
                },
                tex={"F": r"\operatorname{tr}([[X]]^\top [[A]] [[X]])"},
            ),
            Case(
                "XtAtX",
                exprs={
                    "F": "X.T @ A.T @ X",
                    "DF": "trace(dX.T @ A.T @ X + X.T @ A.T @ dX)",
                    "M1": "trace(X.T @ A.T @ dX)",
                    "M2": "2 * trace(X.T @ A.T @ dX)",
                    "G": "(A + A.T) @ X",
                    "M3": "2 * A.T @ X",
                    "M4": "A.T @ X",
                },
                tex={"F": r"\operatorname{tr}([[X]]^\top [[A]]^\top [[X]])"},
            ),
        ),
        names={"X": ("X", "Y", "Z", "W", "U"), "A": ("A", "B", "C")},
        dims={"k": ("k", "p")},
    ),
)

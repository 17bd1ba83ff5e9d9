from autograder.bank.model import Mistake, Problem, Sym, Vary

PROBLEM = Problem(
    id="layout-convert",
    title="Converting a derivative between layouts",
    topic="layout",
    symbols={"A": Sym("n", "n"), "X": Sym("n", "n"), "B": Sym("n", "n")},
    wrt="X",
    objective="trace(A @ X @ B)",
    statement=r"For $f([[X]]) = \operatorname{tr}([[A]] [[X]] [[B]])$ a classmate who works in "
    r"[[other_layout]] layout found $\partial f / \partial [[X]] = [[given]]$. Write the "
    r"derivative in this course's layout, [[layout]] layout.",
    layout_tex={
        "denominator": {"given": "[[B]] [[A]]"},
        "numerator": {"given": r"[[A]]^\top [[B]]^\top"},
    },
    solution="A.T @ B.T",
    mistakes=[
        Mistake(
            "B @ A",
            "That is the classmate's formula unchanged: between the layouts the "
            "derivative is transposed.",
        ),
        Mistake("B.T @ A.T", "Transposing a product reverses the order of its factors."),
    ],
    numerator_mistakes=[
        Mistake(
            "A.T @ B.T",
            "That is the classmate's formula unchanged: between the layouts "
            "the derivative is transposed.",
        ),
        Mistake("A @ B", "Transposing a product reverses the order of its factors."),
    ],
    cookbook=[101],
    hints=["The two layouts differ by a transpose, and $(MN)^\\top = N^\\top M^\\top$."],
    vary=Vary(
        names={"X": ("X", "Y", "Z", "W"), "A": ("A", "C", "P"), "B": ("B", "D", "Q")},
    ),
)

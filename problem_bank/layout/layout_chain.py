from autograder.bank.model import Mistake, Problem, Sym, Vary

PROBLEM = Problem(
    id="layout-chain",
    title="The chain rule in the layout in force",
    topic="layout",
    symbols={"A": Sym("m", "n"), "B": Sym("p", "m"), "x": Sym("n")},
    statement=r"Let $y = [[A]] [[x]]$ and $z = [[B]] y$. Using the chain rule, give "
    r"$\partial z / \partial [[x]]$ in this course's layout.",
    kind="expression",
    solution="A.T @ B.T",
    numerator_solution="B @ A",
    mistakes=[
        Mistake(
            "B @ A",
            "That is the numerator-layout order. In denominator layout the chain "
            "rule multiplies the factors the other way: "
            "$\\partial z/\\partial [[x]] = (\\partial y/\\partial [[x]])"
            "(\\partial z/\\partial y)$.",
        ),
        Mistake(
            "A.T",
            "That is $\\partial y / \\partial [[x]]$ only: the chain rule "
            "multiplies in $\\partial z / \\partial y$.",
        ),
    ],
    numerator_mistakes=[
        Mistake(
            "A.T @ B.T",
            "That is the denominator-layout order. In numerator layout "
            "$\\partial z/\\partial [[x]] = (\\partial z/\\partial y)"
            "(\\partial y/\\partial [[x]])$.",
        ),
        Mistake(
            "A",
            "That is $\\partial y / \\partial [[x]]$ only: the chain rule "
            "multiplies in $\\partial z / \\partial y$.",
        ),
    ],
    points=1,
    hints=[
        "Write each factor in this course's layout first: $\\partial y/\\partial [[x]]$ and "
        "$\\partial z/\\partial y$."
    ],
    vary=Vary(
        names={"A": ("A", "M", "W", "C"), "B": ("B", "N", "V"), "x": ("x", "u", "t")},
    ),
)

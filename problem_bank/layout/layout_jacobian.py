from autograder.bank.model import Mistake, Part, Problem, Sym, Vary

PROBLEM = Problem(
    id="layout-jacobian",
    title="Derivative of a linear map in the layout in force",
    topic="layout",
    symbols={"A": Sym("m", "n"), "x": Sym("n")},
    statement=r"Let $y = [[A]] [[x]]$, a vector in $\mathbb{R}^{[[m]]}$.",
    parts=[
        Part(
            id="a",
            hints=[
                "Denominator layout: the rows follow the variable in the denominator; numerator "
                "layout: the rows follow the function."
            ],
            kind="shape",
            prompt=r"What shape is $\partial y / \partial [[x]]$ in this course's layout? "
            r"(Write e.g. `[[m]] x [[n]]`.)",
            solution="n x m",
            numerator_solution="m x n",
            mistakes=[
                Mistake("m x n", "That is numerator layout, where the rows follow $y$."),
                Mistake("m x 1", "That is the shape of $y$."),
            ],
            numerator_mistakes=[
                Mistake("n x m", "That is denominator layout, where the rows follow $[[x]]$."),
                Mistake("m x 1", "That is the shape of $y$."),
            ],
            points=1,
        ),
        Part(
            id="b",
            hints=[
                "$y_i = \\sum_j [[A]]_{ij} [[x]]_j$, so $\\partial y_i / \\partial [[x]]_j = "
                "[[A]]_{ij}$."
            ],
            kind="expression",
            prompt=r"Give $\partial y / \partial [[x]]$ in this course's layout.",
            solution="A.T",
            numerator_solution="A",
            mistakes=[
                Mistake(
                    "A",
                    "$[[A]]$ is the Jacobian in numerator layout; this course "
                    "uses denominator layout, its transpose.",
                ),
                Mistake("A @ x", "That is $y$ itself, not its derivative."),
            ],
            numerator_mistakes=[
                Mistake(
                    "A.T",
                    "$[[A]]^\\top$ is the denominator-layout form; "
                    "in numerator layout the Jacobian is $[[A]]$.",
                ),
                Mistake("A @ x", "That is $y$ itself, not its derivative."),
            ],
            points=1,
        ),
    ],
    vary=Vary(
        names={"A": ("A", "B", "M", "W"), "x": ("x", "u", "z")},
        dims={"m": ("m", "p", "k")},
    ),
)

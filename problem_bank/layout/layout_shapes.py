from autograder.bank.model import Mistake, Part, Problem, Sym, Vary

OTHER = "That is the shape in the other layout convention."

PROBLEM = Problem(
    id="layout-shapes",
    title="Shapes of derivatives in the layout in force",
    topic="layout",
    symbols={"X": Sym("m", "n"), "x": Sym("n"), "y": Sym("m")},
    statement=r"Let $f$ be a scalar function, $[[X]] \in \mathbb{R}^{[[m]] \times [[n]]}$, "
    r"$[[x]] \in \mathbb{R}^{[[n]]}$ and $[[y]] = g([[x]]) \in \mathbb{R}^{[[m]]}$. "
    r"Answer with shapes such as `[[m]] x [[n]]`, in the layout convention of this course.",
    declare=False,
    parts=[
        Part(
            id="a",
            hints=[
                "In denominator layout the derivative of a scalar has the shape of the variable; "
                "in numerator layout the transposed shape."
            ],
            kind="shape",
            prompt=r"What shape is $\partial f / \partial [[X]]$?",
            solution="m x n",
            numerator_solution="n x m",
            mistakes=[
                Mistake("n x m", OTHER),
                Mistake("1 x 1", "The derivative has one entry per entry of $[[X]]$."),
            ],
            numerator_mistakes=[
                Mistake("m x n", OTHER),
                Mistake("1 x 1", "The derivative has one entry per entry of $[[X]]$."),
            ],
        ),
        Part(
            id="b",
            hints=[
                "In denominator layout the derivative of a scalar has the shape of the variable; "
                "in numerator layout the transposed shape."
            ],
            kind="shape",
            prompt=r"What shape is $\partial f / \partial [[x]]$?",
            solution="n x 1",
            numerator_solution="1 x n",
            mistakes=[
                Mistake("1 x n", OTHER),
                Mistake("n x n", "That is the shape of a Hessian, a second derivative."),
            ],
            numerator_mistakes=[
                Mistake("n x 1", OTHER),
                Mistake("n x n", "That is the shape of a Hessian, a second derivative."),
            ],
        ),
        Part(
            id="c",
            hints=[
                "The derivative has $[[m]] \\cdot [[n]]$ entries: whether $[[y]]$ or $[[x]]$ "
                "labels the rows depends on the layout."
            ],
            kind="shape",
            prompt=r"What shape is the derivative $\partial [[y]] / \partial [[x]]$?",
            solution="n x m",
            numerator_solution="m x n",
            mistakes=[
                Mistake(
                    "m x n",
                    OTHER + " In denominator layout the rows follow the "
                    "variable in the denominator, $[[x]]$.",
                ),
                Mistake(
                    "n x n",
                    "The derivative has one entry per pair of an entry of "
                    "$[[y]]$ and one of $[[x]]$.",
                ),
            ],
            numerator_mistakes=[
                Mistake(
                    "n x m", OTHER + " In numerator layout the rows follow the numerator, $[[y]]$."
                ),
                Mistake(
                    "n x n",
                    "The derivative has one entry per pair of an "
                    "entry of $[[y]]$ and one of $[[x]]$.",
                ),
            ],
        ),
    ],
    vary=Vary(
        names={"X": ("X", "W", "M"), "x": ("x", "u", "z")},
        dims={"m": ("m", "p", "k"), "n": ("n", "q", "r")},
    ),
)

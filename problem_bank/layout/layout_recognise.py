from autograder.bank.model import Case, Mistake, Problem, Sym, Vary

PROBLEM = Problem(
    id="layout-recognise",
    title="Which layout does a formula use?",
    topic="layout",
    symbols={"a": Sym("n"), "x": Sym("n"), "A": Sym("n", "n"), "X": Sym("n", "n")},
    declare=False,
    statement=r"A textbook states $[[formula]]$ for a column vector $[[x]]$, constant "
    r"$[[a]]$, square $[[X]]$ and constant $[[A]]$. Which layout convention does it use?",
    kind="choice",
    points=1,
    options={
        "a": "numerator layout",
        "b": "denominator layout",
        "c": "neither: the shape fits no layout",
    },
    solution="a",
    mistakes=[
        Mistake(
            "a",
            "In numerator layout the derivative of a scalar by a column vector is a "
            "row vector, and by a matrix it has the transposed shape; check the shapes.",
        ),
        Mistake(
            "b",
            "In denominator layout the derivative of a scalar has the shape of the "
            "variable; check the shapes.",
        ),
        Mistake(
            "c",
            "The formula is correct in one of the two layouts: compare its shape "
            "with the variable's.",
        ),
    ],
    hints=["Compare the shape of the right-hand side with the shape of the variable."],
    vary=Vary(
        cases=(
            Case(
                "row",
                tex={
                    "formula": r"\frac{\partial [[a]]^\top [[x]]}{\partial [[x]]} = "
                    r"[[a]]^\top"
                },
                answers={"a": "a"},
            ),
            Case(
                "col",
                tex={
                    "formula": r"\frac{\partial [[a]]^\top [[x]]}{\partial [[x]]} = "
                    r"[[a]]"
                },
                answers={"a": "b"},
            ),
            Case(
                "trA",
                tex={
                    "formula": r"\frac{\partial \operatorname{tr}([[A]][[X]])}"
                    r"{\partial [[X]]} = [[A]]"
                },
                answers={"a": "a"},
            ),
            Case(
                "trAT",
                tex={
                    "formula": r"\frac{\partial \operatorname{tr}([[A]][[X]])}"
                    r"{\partial [[X]]} = [[A]]^\top"
                },
                answers={"a": "b"},
            ),
            Case(
                "jac",
                tex={"formula": r"\frac{\partial [[A]][[x]]}{\partial [[x]]} = [[A]]"},
                answers={"a": "a"},
            ),
            Case(
                "jacT",
                tex={
                    "formula": r"\frac{\partial [[A]][[x]]}{\partial [[x]]} = "
                    r"[[A]]^\top"
                },
                answers={"a": "b"},
            ),
        ),
        names={"x": ("x", "z"), "a": ("a", "b")},
    ),
)

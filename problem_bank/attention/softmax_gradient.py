from autograder.bank.model import Case, Mistake, Problem, Sym, Vary

S = "softmax(z)"

PROBLEM = Problem(
    id="softmax-gradient",
    title="Gradient through a softmax",
    topic="attention",
    symbols={"z": Sym("n"), "a": Sym("n"), "y": Sym("n", probability=True)},
    wrt="z",
    objective="F",
    statement=r"Let $s = \operatorname{softmax}([[z]])$ (`softmax` in answers) and "
    r"$f([[z]]) = [[F]]$, where $[[y]]$ is a probability vector. Find "
    r"$\nabla_{[[z]]} f$; the Jacobian of the softmax is "
    r"$\operatorname{diag}(s) - s s^\top$.",
    solution="G",
    mistakes=[
        Mistake(
            "M1",
            "The softmax couples the entries: its Jacobian has the off-diagonal part $-s s^\\top$.",
        ),
        Mistake("M2", "Check the sign and which vector comes first."),
    ],
    hints=[
        "$\\nabla_{[[z]]} f = (\\operatorname{diag}(s) - s s^\\top)\\,\\nabla_s f$, and "
        "$\\operatorname{diag}(s)\\, v = s \\odot v$."
    ],
    vary=Vary(
        cases=(
            Case(
                "linear",
                exprs={
                    "F": f"a.T @ {S}",
                    "G": f"hadamard({S}, a) - {S} @ ({S}.T @ a)",
                    "M1": f"hadamard({S}, a)",
                    "M2": f"{S} @ ({S}.T @ a) - hadamard({S}, a)",
                },
                tex={"F": r"[[a]]^\top s"},
            ),
            Case(
                "xent",
                exprs={
                    "F": f"-y.T @ log({S})",
                    "G": f"{S} - y",
                    "M1": f"-hadamard(y, 1 - {S})",
                    "M2": f"y - {S}",
                },
                tex={"F": r"-[[y]]^\top \log s"},
            ),
        ),
        names={"z": ("z", "u", "v", "x", "h"), "a": ("a", "c", "b")},
    ),
)

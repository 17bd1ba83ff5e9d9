from autograder.bank.model import FollowThrough, Mistake, Part, Problem, Sym, Vary

LOGLIK = "-trace((D - mu @ ones(n).T).T @ inv(Sigma) @ (D - mu @ ones(n).T)) / 2"

PROBLEM = Problem(
    id="gaussian-mean-mle",
    title="The maximum-likelihood mean, step by step",
    topic="gaussian-mle",
    symbols={"D": Sym("d", "n"), "mu": Sym("d"), "Sigma": Sym("d", "d", spd=True)},
    statement=r"The columns of $[[D]]$ are $[[n]]$ samples from "
    r"$\mathcal{N}([[mu]], [[Sigma]])$, $[[Sigma]]$ known, with log-likelihood "
    r"$\ell([[mu]]) = -\tfrac{1}{2}\sum_i (x_i - [[mu]])^\top [[Sigma]]^{-1} (x_i - "
    r"[[mu]])$ up to a constant, $x_i$ the columns of $[[D]]$. Write "
    r"$\mathbf{1} \in \mathbb{R}^{[[n]]}$ as `ones([[n]])`; the number of samples is "
    r"$\mathbf{1}^\top\mathbf{1}$.",
    parts=[
        Part(
            id="a",
            hints=[
                "Each term has gradient $[[Sigma]]^{-1}(x_i - [[mu]])$; sum over $i$, with "
                "$\\sum_i x_i = [[D]]\\mathbf{1}$."
            ],
            kind="gradient",
            prompt=r"Find $\nabla_{[[mu]]} \ell$.",
            wrt="mu",
            objective=LOGLIK,
            solution="inv(Sigma) @ (D @ ones(n) - (ones(n).T @ ones(n)) * mu)",
            mistakes=[
                Mistake(
                    "D @ ones(n) - (ones(n).T @ ones(n)) * mu",
                    "The precision $[[Sigma]]^{-1}$ stays in the gradient.",
                ),
                Mistake(
                    "inv(Sigma) @ (D @ ones(n) - mu)",
                    "Every one of the $[[n]]$ terms contributes $-[[Sigma]]^{-1}[[mu]]$.",
                ),
            ],
            points=2,
        ),
        Part(
            id="b",
            hints=[
                "$[[Sigma]]^{-1}$ is invertible: the condition reduces to $[[D]]\\mathbf{1} = "
                "(\\mathbf{1}^\\top\\mathbf{1})\\,[[mu]]$."
            ],
            kind="expression",
            prompt=r"Set the gradient to zero: give the maximum-likelihood estimate "
            r"$\hat{[[mu]]}$.",
            wrt="mu",
            objective=LOGLIK,
            relation="stationary",
            solution="D @ ones(n) / (ones(n).T @ ones(n))",
            mistakes=[
                Mistake("D @ ones(n)", "That is the sum of the samples: divide by their number."),
                Mistake(
                    "inv(Sigma) @ D @ ones(n) / (ones(n).T @ ones(n))",
                    "$[[Sigma]]^{-1}$ multiplies the whole stationary condition and cancels.",
                ),
            ],
            follows=FollowThrough("a", mode="root"),
            points=2,
        ),
    ],
    vary=Vary(
        names={"D": ("D", "X", "Y", "Z"), "mu": ("mu", "m", "theta")},
        dims={"n": ("n", "N", "T")},
    ),
)

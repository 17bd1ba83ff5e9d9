from autograder.bank.model import Mistake, Problem, Sym, Vary

PROBLEM = Problem(
    id="gaussian-mean-gradient",
    title="Gaussian log-likelihood: gradient in the mean",
    topic="gaussian-mle",
    symbols={"D": Sym("d", "n"), "mu": Sym("d"), "Sigma": Sym("d", "d", spd=True)},
    wrt="mu",
    objective="-trace((D - mu @ ones(n).T).T @ inv(Sigma) @ (D - mu @ ones(n).T)) / 2",
    statement=r"The columns of $[[D]]$ are $[[n]]$ samples from "
    r"$\mathcal{N}([[mu]], [[Sigma]])$ with $[[Sigma]]$ known. Up to a constant the "
    r"log-likelihood is $\ell([[mu]]) = -\tfrac{1}{2}\operatorname{tr}\left(([[D]] - "
    r"[[mu]]\mathbf{1}^\top)^\top [[Sigma]]^{-1} ([[D]] - [[mu]]\mathbf{1}^\top)\right)$. "
    r"Find $\nabla_{[[mu]]} \ell$. Write $\mathbf{1} \in \mathbb{R}^{[[n]]}$ as "
    r"`ones([[n]])`; the number of samples is $\mathbf{1}^\top\mathbf{1}$.",
    solution="inv(Sigma) @ (D - mu @ ones(n).T) @ ones(n)",
    mistakes=[
        Mistake(
            "(D - mu @ ones(n).T) @ ones(n)",
            "The precision $[[Sigma]]^{-1}$ weights the residuals: it stays in the gradient.",
        ),
        Mistake(
            "-inv(Sigma) @ (D - mu @ ones(n).T) @ ones(n)",
            "Check the sign: $\\ell$ grows as $[[mu]]$ moves towards the samples.",
        ),
        Mistake(
            "Sigma @ (D - mu @ ones(n).T) @ ones(n)",
            "The quadratic form uses the inverse $[[Sigma]]^{-1}$.",
        ),
    ],
    hints=[
        r"$\ell = -\tfrac12 \sum_i (x_i - [[mu]])^\top [[Sigma]]^{-1} (x_i - [[mu]])$; "
        r"each term has gradient $[[Sigma]]^{-1}(x_i - [[mu]])$."
    ],
    cookbook=[81],
    vary=Vary(
        names={"D": ("D", "X", "Y", "Z"), "mu": ("mu", "m", "theta")},
        dims={"n": ("n", "N", "T")},
    ),
)

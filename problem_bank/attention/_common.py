"""What the attention problems share: the symbols (tokens are columns), the scores, the loss
and the backward pass through the column-wise softmax."""

from autograder.bank.model import Sym

SYMBOLS = {
    "Q": Sym("d", "m"),
    "K": Sym("d", "n"),
    "V": Sym("p", "n"),
    "C": Sym("p", "m"),
    "t": Sym(positive=True),
}
SCORES = "K.T @ Q / t"
WEIGHTS = f"softmax({SCORES})"
LOSS = f"sum(hadamard(C, V @ {WEIGHTS}))"


def softmax_backward(scores: str = SCORES) -> str:
    """dL/dS for L = sum(C * (V softmax(S))): per column p * (g - p^T g), g = V^T C."""
    p = f"softmax({scores})"
    return f"hadamard({p}, V.T @ C - ones(n) @ ones(n).T @ hadamard({p}, V.T @ C))"

"""Tests of the bank's self-check: every template passes, and broken templates are caught."""

import pytest

from autograder.bank.model import Mistake, Part, Problem, Sym, Vary
from autograder.bank.registry import problems
from autograder.bank.text import latex_problems
from autograder.bank.verify import verify_problem

SEEDS = 2


@pytest.mark.parametrize("problem_id", sorted(problems()))
def test_every_template_passes_verify(problem_id):
    """Does every template's solution agree with finite differences, every mistake get its
    own feedback and every statement render, over a few variants in both layouts?"""
    report = verify_problem(problems()[problem_id], SEEDS)
    assert report.failures == (), "\n".join(report.failures)


@pytest.mark.parametrize(
    "changes, finding",
    [
        ({"solution": "A.T @ x"}, "difference quotient"),
        (
            {"mistakes": [Mistake("A.T @ x + A @ x", "same"), Mistake("A @ x", "p")]},
            "accepted as correct",
        ),
        ({"statement": r"Find $\nabla_{[[x]]} \frob{[[A]]}$."}, "unknown LaTeX command"),
        ({"statement": r"Find $\nabla_{[[x]]}."}, "unbalanced $"),
        ({"statement": "Find the gradient.", "declare": False}, "distinct statements"),
    ],
)
def test_verify_catches_broken_templates(toy, changes, finding):
    """Does verify report a wrong solution, an accepted mistake, bad LaTeX and too little
    variation?"""
    report = verify_problem(toy(**changes), SEEDS)
    assert report.status == "FAIL"
    assert any(finding in f for f in report.failures), report.failures


def test_verify_catches_a_wrong_stationary_point_and_hessian():
    """Are relations other than the gradient checked numerically too?"""
    symbols = {"X": Sym("n", "n", spd=True), "w": Sym("n")}
    wrong = Problem(
        id="broken-relations",
        topic="identities",
        symbols=symbols,
        statement="$[[X]]$ and $[[w]]$",
        parts=[
            Part(
                id="a",
                kind="expression",
                wrt="X",
                objective="logdet(X) - trace(X)",
                relation="stationary",
                solution="2 * I(n)",
                mistakes=[Mistake("X", "a"), Mistake("inv(X)", "b")],
            ),
            Part(
                id="b",
                kind="expression",
                wrt="w",
                objective="w.T @ X @ w",
                relation="hessian",
                solution="X",
                mistakes=[Mistake("3 * X", "a"), Mistake("inv(X)", "b")],
            ),
        ],
        vary=Vary(names={"X": tuple("ABCDEFGHJK")}),
    )
    failures = "\n".join(verify_problem(wrong, SEEDS).failures)
    assert "not a stationary point" in failures
    assert "second difference" in failures


def test_verify_warns_about_a_symmetric_reference():
    """Is the author told when a layout error cannot be seen (reference always symmetric)?"""
    report = verify_problem(problems()["logdet-spd"], SEEDS)
    assert report.status == "warn"
    assert any("symmetric on its whole domain" in w for w in report.warnings)


@pytest.mark.parametrize(
    "markdown, problems_found",
    [
        (r"Let $x^\top A x$ and $$\operatorname{tr}(X)$$.", 0),
        (r"Let $x^\top A x.", 2),  # unclosed, so \top is outside
        (r"Let $\frac{a}{b$.", 1),
        (r"Let $\left( x$.", 1),
        (r"Let $\tr(X)$.", 1),
        (r"Let \alpha be.", 1),
        (r"Let $[[x]]$.", 1),
        (r"Cost \$5 and $x$.", 0),
    ],
)
def test_latex_render_check(markdown, problems_found):
    """Does the render check find unbalanced delimiters, braces, \\left/\\right, unknown
    commands, LaTeX outside formulas and unfilled placeholders?"""
    assert len(latex_problems(markdown)) == problems_found, latex_problems(markdown)


def test_an_engine_flag_contradicted_by_the_banks_own_check_is_a_warning(monkeypatch):
    """If the engine accepts the solution but flags the reference, while the bank's own
    difference check agrees with it, is that reported as a warning rather than a failure?"""
    import autograder.bank.verify as verify
    from autograder.spec import CheckResult

    def flagging_check(request, answer, **_):
        return CheckResult(True, 1.0, "correct", "Correct.", authoring_error="flaky")

    monkeypatch.setattr(verify, "check", flagging_check)
    variant = problems()["quadratic-form"].variant(0)
    failures, warnings = verify.verify_variant(variant, seed=0)
    assert any("engine flagged the reference" in w for w in warnings)
    assert not any("engine flagged" in f for f in failures)

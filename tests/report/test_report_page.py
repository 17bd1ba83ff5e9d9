"""The page as a file: self-contained, escaped, locked down by its Content Security Policy."""

from __future__ import annotations

import base64
import hashlib
import re

import pytest
from classroom import SCRIPT_ANSWER

from autograder.report.plots import DIAGNOSIS_COLOURS
from autograder.spec import DIAGNOSES

PNG = b"\x89PNG\r\n\x1a\n"


def test_student_answers_are_escaped(report):
    """Does a `<script>` answer appear only as escaped text, never as markup?"""
    _, page, _ = report
    html = page.read_text(encoding="utf-8")
    assert SCRIPT_ANSWER not in html
    assert "<i>bold</i>" not in html
    assert "&lt;script&gt;document.body.setAttribute(&#x27;data-pwned&#x27;" in html
    assert html.count("<script>") == 1  # the page's own


def test_page_is_self_contained(report):
    """Are all images PNG data inside the page, and does it name no http(s) address?"""
    _, page, _ = report
    html = page.read_text(encoding="utf-8")
    assert not re.search(r"https?:", html, re.IGNORECASE)
    assert not re.search(r"<(link|iframe|object|embed)\b", html)
    sources = re.findall(r'<img [^>]*src="([^"]*)"', html)
    assert len(sources) == 4
    for src in sources:
        prefix = "data:image/png;base64,"
        assert src.startswith(prefix)
        assert base64.b64decode(src[len(prefix) :]).startswith(PNG)


def test_content_security_policy_pins_the_page_own_script_and_style(report):
    """Does the policy forbid all fetching, and do its hashes match the page's one script and
    style (so that nothing else could run)?"""
    _, page, _ = report
    html = page.read_text(encoding="utf-8")
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', html).group(1)
    assert "default-src 'none'" in policy and "img-src data:" in policy
    for tag in ("script", "style"):
        (body,) = re.findall(rf"<{tag}>(.*?)</{tag}>", html, re.DOTALL)
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"{tag}-src 'sha256-{digest}'" in policy


def test_every_diagnosis_has_its_own_colour():
    """Is there one distinct colour per diagnosis code, the same table for plots and page?"""
    assert set(DIAGNOSIS_COLOURS) == set(DIAGNOSES)
    assert len(set(DIAGNOSIS_COLOURS.values())) == len(DIAGNOSES)


def test_page_uses_the_plot_colours(report):
    """Does the page colour each diagnosis badge with the plots' colour for it?"""
    _, page, _ = report
    html = page.read_text(encoding="utf-8")
    for diagnosis, colour in DIAGNOSIS_COLOURS.items():
        assert f".d-{diagnosis} {{ background: {colour};" in html


def test_a_flood_answer_is_clipped_on_the_page_but_whole_in_the_csv(tmp_path):
    """Does a 100,000-character answer stay out of the page (clipped) yet whole in the CSV?"""
    import json

    from autograder.report import make_report, write_report

    flood = "x + " * 25_000 + "x"
    folder = tmp_path / "results" / "hw"
    folder.mkdir(parents=True)
    part = {"score": 0, "max": 1, "diagnosis": "wrong", "feedback": "", "answer": flood}
    (folder / "ann.json").write_text(json.dumps({"parts": {"p/a": part}}))
    page, csv = write_report(make_report(tmp_path, "hw"), tmp_path / "out")
    assert flood not in page.read_text() and flood[:100] in page.read_text()
    assert page.stat().st_size < 200_000
    assert flood in csv.read_text()


@pytest.mark.parametrize(
    ("answer", "cell"),
    [
        ('=HYPERLINK("http://example.invalid")', '\'=HYPERLINK("http://example.invalid")'),
        ("-2 * x", "'-2 * x"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("2 * x", "2 * x"),
    ],
)
def test_a_formula_answer_cannot_run_in_a_spreadsheet(tmp_path, answer, cell):
    """Is an answer a spreadsheet would run as a formula written as text in the CSV?"""
    import csv
    import json

    from autograder.report import make_report, write_report

    folder = tmp_path / "results" / "hw"
    folder.mkdir(parents=True)
    part = {"score": 0, "max": 1, "diagnosis": "parse", "feedback": "", "answer": answer}
    (folder / "ann.json").write_text(json.dumps({"parts": {"p/a": part}}))
    _, csv_path = write_report(make_report(tmp_path, "hw"), tmp_path / "out")
    with csv_path.open(newline="") as handle:
        (row,) = list(csv.DictReader(handle))
    assert row["answer"] == cell

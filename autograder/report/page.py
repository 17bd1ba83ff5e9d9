"""The report as one self-contained HTML page: plots embedded as PNG data, no network.

Student answers are untrusted text: every one is escaped, and the page's Content Security
Policy allows only its own script and style (by hash) and `data:` images, so even a mistake in
escaping could neither run code nor fetch anything.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Mapping
from html import escape

from autograder import __version__
from autograder.report.groups import EQUIVALENCE, LITERAL, AnswerGroup, Grouping
from autograder.report.load import RESULTS, ClassResults
from autograder.report.plots import DIAGNOSIS_COLOURS
from autograder.report.stats import LAYOUT_THRESHOLD, ClassStats, points, summary_lines

GROUPS_SHOWN = 8
SPELLINGS_SHOWN = 3
ANSWER_CHARS = 160

STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0 auto;
  max-width: 1120px; padding: 1rem 1.5rem; color: #212121; line-height: 1.4; }
h1 { margin-bottom: .2rem; } h2 { border-bottom: 1px solid #ddd; margin-top: 2rem; }
.sub { color: #616161; margin-top: 0; }
.plots { display: grid; grid-template-columns: repeat(auto-fit, minmax(480px, 1fr)); gap: 1rem; }
figure { margin: 0; } figure img { max-width: 100%; height: auto; }
figcaption { font-size: .85rem; color: #616161; }
table { border-collapse: collapse; font-size: .85rem; margin: .4rem 0 1rem; }
th, td { border: 1px solid #e0e0e0; padding: .2rem .45rem; text-align: left; vertical-align: top; }
th { background: #f5f5f5; } td.num { text-align: right; }
code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .85rem;
  white-space: pre-wrap; word-break: break-all; }
.badge { display: inline-block; border-radius: .6rem; padding: 0 .5rem; font-size: .78rem;
  margin: 0 .15rem .15rem 0; white-space: nowrap; }
.note { background: #fff8e1; border-left: 4px solid #f9a825; padding: .3rem .6rem; }
.scores td { text-align: center; min-width: 2.2rem; }
.scores td.student { text-align: left; }
"""


def _text_colour(background: str) -> str:
    r, g, b = (int(background[i : i + 2], 16) for i in (1, 3, 5))
    return "#000" if 0.299 * r + 0.587 * g + 0.114 * b > 150 else "#fff"


# One class per diagnosis (style attributes would need a weaker Content Security Policy).
STYLE += "".join(
    f".d-{d} {{ background: {c}; color: {_text_colour(c)}; }}\n"
    for d, c in DIAGNOSIS_COLOURS.items()
)

SCRIPT = """
window.addEventListener("load", function () {
  var images = Array.prototype.slice.call(document.images);
  var loaded = images.filter(function (i) { return i.complete && i.naturalWidth > 0; });
  var fetched = performance.getEntriesByType("resource").filter(function (e) {
    return e.name.indexOf("data:") !== 0;
  });
  document.body.setAttribute("data-images", String(images.length));
  document.body.setAttribute("data-images-loaded", String(loaded.length));
  document.body.setAttribute("data-fetched", String(fetched.length));
});
"""


def _hash(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


POLICY = (
    f"default-src 'none'; img-src data:; style-src '{_hash(STYLE)}'; "
    f"script-src '{_hash(SCRIPT)}'; base-uri 'none'; form-action 'none'"
)


def clip(text: str, limit: int = ANSWER_CHARS) -> str:
    """At most `limit` characters of an answer (the CSV keeps it whole)."""
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def badge(diagnosis: str, text: str | None = None) -> str:
    """A diagnosis in its colour, the same as in the plots."""
    return f'<span class="badge d-{diagnosis}">{escape(text or diagnosis)}</span>'


def _figures(plots: Mapping[str, bytes]) -> str:
    items = []
    for alt, png in plots.items():
        data = base64.b64encode(png).decode()
        items.append(
            f'<figure><img alt="{escape(alt)}" src="data:image/png;base64,{data}">'
            f"<figcaption>{escape(alt)}</figcaption></figure>"
        )
    return '<div class="plots">' + "".join(items) + "</div>"


def _layout_section(stats: ClassStats) -> str:
    head = (
        f"<h2>Students using the other layout convention</h2>"
        f'<p class="sub">Diagnosis <em>layout</em> in {LAYOUT_THRESHOLD} or more parts: their '
        "answers are transposed throughout, a convention to address rather than a slip.</p>"
    )
    if not stats.layout_students:
        return head + '<p id="layout-students" data-count="0">Nobody.</p>'
    rows = "".join(
        f'<tr data-student="{escape(s)}"><td>{escape(s)}</td><td class="num">{len(p)}</td>'
        f"<td>{escape(', '.join(p))}</td></tr>"
        for s, p in stats.layout_students
    )
    return head + (
        f'<table id="layout-students" data-count="{len(stats.layout_students)}">'
        f"<tr><th>student</th><th>parts</th><th>which</th></tr>{rows}</table>"
    )


def _group_row(group: AnswerGroup) -> str:
    mistake = "" if group.mistake is None else f"#{group.mistake + 1}"
    shown = group.answer if group.answer.strip() else "(no answer)"
    spellings = "<br>".join(
        f"<code>{escape(clip(text)) if text.strip() else '(empty)'}</code> &times;{n}"
        for text, n in group.spellings[:SPELLINGS_SHOWN]
    )
    more = len(group.spellings) - SPELLINGS_SHOWN
    if more > 0:
        spellings += f"<br>and {more} more spelling{'s' if more > 1 else ''}"
    return (
        f'<tr class="group" data-count="{group.count}" data-diagnosis="{group.diagnosis}">'
        f'<td class="num">{group.count}</td><td>{badge(group.diagnosis)}</td>'
        f"<td>{mistake}</td><td><code>{escape(clip(shown))}</code></td><td>{spellings}</td></tr>"
    )


def _parts_section(stats: ClassStats, grouping: Grouping) -> str:
    out = [
        "<h2>Most frequent wrong answers</h2>",
        '<p class="sub">Per part, the answers that were not correct, grouped by diagnosis and '
        "declared mistake, then by equivalence in the template's symbol names. Like a table of "
        "answer notes: what to discuss in class.</p>",
    ]
    for part in stats.parts:
        groups = grouping.groups.get(part.part, ())
        how = grouping.method.get(part.part)
        method = {
            EQUIVALENCE: "Equivalent spellings merged by the engine, in the template's symbol "
            "names",
            LITERAL: "The answers to this part are option keys, numbers or shapes: grouped as "
            "written",
        }.get(how, "Grouped by text, whitespace removed (see the notes at the top)")
        counts = "".join(
            f'<span data-diagnosis="{d}" data-count="{n}">{badge(d, f"{d} {n}")}</span>'
            for d, n in part.counts.items()
        )
        out.append(
            f'<section class="part" data-part="{escape(part.part)}" '
            f'data-mean="{part.mean:.6f}" data-max="{part.max:g}">'
            f"<h3>{escape(part.part)}: mean {part.mean:.2f} / {points(part.max)}</h3>"
            f"<div>{counts}</div>"
        )
        if not groups:
            out.append("<p>Every student answered correctly.</p></section>")
            continue
        rows = "".join(_group_row(g) for g in groups[:GROUPS_SHOWN])
        out.append(
            f'<table class="groups" data-method="{how}"><tr><th>students</th><th>diagnosis</th>'
            f"<th>declared mistake</th><th>answer</th><th>as written</th></tr>{rows}</table>"
        )
        rest = groups[GROUPS_SHOWN:]
        if rest:
            out.append(
                f'<p class="sub">{len(rest)} more groups, {sum(g.count for g in rest)} '
                f"answers in all, not shown.</p>"
            )
        out.append(f'<p class="sub">{method}.</p></section>')
    return "".join(out)


def _scores_section(results: ClassResults, stats: ClassStats) -> str:
    head = "".join(f"<th>{escape(p)}</th>" for p in results.parts)
    legend = "".join(badge(d) for d in DIAGNOSIS_COLOURS)
    rows = []
    for student, parts in results.by_student().items():
        cells = {r.part: r for r in parts}
        tds = []
        for part in results.parts:
            row = cells.get(part)
            if row is None:
                tds.append("<td>&ndash;</td>")
                continue
            tds.append(
                f'<td class="cell d-{row.diagnosis}" data-student="{escape(student)}" '
                f'data-part="{escape(part)}" data-score="{row.score!r}" '
                f'data-diagnosis="{row.diagnosis}" title="{row.diagnosis}">{points(row.score)}</td>'
            )
        rows.append(
            f'<tr><td class="student">{escape(student)}</td>'
            f'<td class="num" data-total="{stats.totals[student]!r}">'
            f"{points(stats.totals[student])}</td>{''.join(tds)}</tr>"
        )
    return (
        "<h2>Scores</h2>"
        f'<p class="sub">Each cell is coloured by its diagnosis: {legend}</p>'
        f'<table class="scores"><tr><th>student</th><th>total</th>{head}</tr>'
        f"{''.join(rows)}</table>"
    )


def render_page(
    results: ClassResults, stats: ClassStats, grouping: Grouping, plots: Mapping[str, bytes]
) -> str:
    """The whole report page."""
    summary = "".join(f"<li>{escape(line)}</li>" for line in summary_lines(stats))
    notes = list(results.warnings) + list(grouping.notes)
    note = "".join(f'<p class="note">{escape(n)}</p>' for n in notes)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>matgrade report: {escape(results.assignment)}</title>"
        f"<style>{STYLE}</style><script>{SCRIPT}</script></head><body>"
        f"<h1>What the class got wrong: {escape(results.assignment)}</h1>"
        f'<p class="sub">From {escape(RESULTS)}/{escape(results.assignment)}/, one results '
        "file per student.</p>"
        f'<ul id="summary">{summary}</ul>{note}'
        f"{_figures(plots)}{_layout_section(stats)}{_parts_section(stats, grouping)}"
        f"{_scores_section(results, stats)}"
        f'<p class="sub">Made by matgrade {escape(__version__)}.</p>'
        "</body></html>\n"
    )

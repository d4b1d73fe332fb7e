"""A class's results: many debriefs side by side, grouped by scenario, and one CSV row per game.

The class view keeps unfinished games apart from games that ended without a deal (an unfinished
game has no outcome to chart), names each student when the save does, and puts every finished
outcome of a scenario on one frontier chart. The CSV is for a gradebook: student, seat, scenario,
difficulty, finished, agreement, deal, each party's utility, score, moves, minutes played.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from html import escape

from game.debrief.model import Debrief
from game.debrief.render import (
    _page,
    _point_dots,
    _side,
    _table,
    _xy,
    outcome_line,
    package_text,
)
from game.debrief.svg import Dot, scatter_chart


def class_view(ds: list[Debrief], fmt: str) -> str:
    """Several debriefs as md, html, json or csv; games of several scenarios are grouped."""
    if fmt == "csv":
        return results_csv(ds)
    groups: dict[str, list[Debrief]] = {}
    for d in ds:
        groups.setdefault(d.scenario_id, []).append(d)
    if fmt == "json":
        docs = [{"scenario": g[0].scenario, "scenario_id": sid,
                 "sessions": [d.model_dump(mode="json") for d in g]}
                for sid, g in groups.items()]
        doc = docs[0] if len(docs) == 1 else {"scenarios": docs}
        return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    if fmt == "md":
        return "\n".join(line for g in groups.values() for line in _md_group(g))
    body = [part for g in groups.values() for part in _html_group(g)]
    title = ds[0].scenario if len(groups) == 1 else f"{len(groups)} scenarios"
    return _page(f"Class view: {title}", body)


def _who(d: Debrief, k: int) -> str:
    return d.student or f"session {k}"


def _class_rows(ds: list[Debrief]) -> tuple[list[str], list[list[str]]]:
    parties = [p.name for p in ds[0].parties]
    head = ["#", "student", "role", "seed", "difficulty", "outcome", *parties, "score"]
    rows = []
    for k, d in enumerate(ds, 1):
        utils = {p.name: p.utility for p in d.parties}
        rows.append([
            str(k), d.student or "-", d.role, str(d.seed), d.difficulty or "default",
            outcome_line(d),
            *[f"{utils[p]:.2f}" if p in utils and d.finished else "-" for p in parties],
            f"{d.score:.3f}" if d.score is not None else "-",
        ])
    return head, rows


def _split(ds: list[Debrief]) -> tuple[list[Debrief], list[Debrief]]:
    return [d for d in ds if d.finished], [d for d in ds if not d.finished]


def _md_group(ds: list[Debrief]) -> list[str]:
    done, open_ = _split(ds)
    lines = [f"# Class view: {ds[0].scenario}", "", _counts(done, open_), ""]
    for title, part in (("Finished games", done), ("Unfinished games", open_)):
        if not part:
            continue
        head, rows = _class_rows(part)
        lines += [f"## {title}", "", "| " + " | ".join(head) + " |", "|" + "---|" * len(head),
                  *["| " + " | ".join(r) + " |" for r in rows], ""]
    return lines


def _html_group(ds: list[Debrief]) -> list[str]:
    done, open_ = _split(ds)
    body = [f"<h1>Class view: {escape(ds[0].scenario)}</h1>", f"<p>{_counts(done, open_)}</p>"]
    for title, part in (("Finished games", done), ("Unfinished games", open_)):
        if part:
            head, rows = _class_rows(part)
            body += [f"<h2>{title}</h2>", _table(head, rows, {0, 3, *range(6, len(head))})]
    if done:
        body += ["<h2>All outcomes on one frontier</h2>",
                 f'<div class="chart">{class_frontier_svg(done)}</div>']
    return body


def _counts(done: list[Debrief], open_: list[Debrief]) -> str:
    deals = sum(d.agreement for d in done)
    return (f"{len(done) + len(open_)} sessions: {len(done)} finished ({deals} with a deal, "
            f"{len(done) - deals} without), {len(open_)} unfinished.")


def class_frontier_svg(ds: list[Debrief]) -> str:
    """Every finished outcome against the scenario's Pareto frontier; dots at one place are
    listed in one label, so no two labels overlap."""
    first = ds[0]
    ids = [p.id for p in first.parties]
    xs, ys = ids[:1], ids[1:] or ids[:1]
    xname, yname = _side(first, xs), _side(first, ys)
    dots = _point_dots(first.pareto, "Pareto frontier", first, xs, ys)
    same: dict[tuple[float, float, bool], list[int]] = {}
    for k, d in enumerate(ds, 1):
        x, y = _xy({p.id: p.utility for p in d.parties}, xs, ys)
        same.setdefault((round(x, 3), round(y, 3), bool(d.deal)), []).append(k)
    for (x, y, deal), ks in same.items():
        label = "; ".join(f"{_who(ds[k - 1], k)} ({ds[k - 1].role}, seed {ds[k - 1].seed}): "
                          f"{outcome_line(ds[k - 1])}" for k in ks)
        group = "final deal" if deal else "no deal (reservation values)"
        dots.append(Dot(x, y, label=label, group=group, tag=", ".join(map(str, ks))))
    if first.nash:  # last, so that it shows on top of a deal struck at the Nash point
        dots += _point_dots([first.nash], "Nash point", first, xs, ys)
    return scatter_chart(dots, f"utility of {xname}", f"utility of {yname}",
                         "Every session's outcome against the Pareto frontier")


def results_csv(ds: list[Debrief]) -> str:
    """One row per game, for a gradebook; a utility column per party of every scenario."""
    parties: list[str] = []
    for d in ds:
        parties += [p.id for p in d.parties if p.id not in parties]
    head = ["student", "seat", "scenario", "difficulty", "finished", "agreement", "deal",
            *[f"utility_{p}" for p in parties], "score", "moves", "minutes"]
    rows = []
    for d in ds:
        utils = {p.id: p.utility for p in d.parties} if d.finished else {}
        rows.append([
            d.student or "", d.role, d.scenario_id, d.difficulty or "", yes(d.finished),
            yes(d.agreement), package_text(d, d.deal) if d.deal else "",
            *[f"{utils[p]:.4f}" if p in utils else "" for p in parties],
            f"{d.score:.4f}" if d.score is not None else "", d.moves,
            f"{d.minutes:.1f}" if d.minutes is not None else "",
        ])
    return csv_text(head, rows)


def csv_text(head: list[str], rows: Iterable[Iterable[object]]) -> str:
    """A CSV an instructor opens in a spreadsheet. Students type their names: a text cell
    that starts like a formula (=, +, -, @, or a tab or return before one) gets a leading
    apostrophe, so the spreadsheet shows it rather than runs it; numbers are left as they
    are."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(head)
    writer.writerows([_inert(cell) for cell in row] for row in rows)
    return out.getvalue()


def _inert(cell: object) -> object:
    if not isinstance(cell, str) or not cell.startswith(("=", "+", "-", "@", "\t", "\r")):
        return cell
    try:
        float(cell)
    except ValueError:
        return "'" + cell
    return cell


def yes(flag: bool) -> str:
    return "yes" if flag else "no"

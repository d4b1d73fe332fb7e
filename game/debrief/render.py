"""Rendering debriefs to Markdown, self-contained HTML (inline SVG) and JSON.

A list of debriefs of the same scenario renders as a class view: outcomes side by side and every
final deal on one frontier chart.
"""

from __future__ import annotations

from html import escape

from game.debrief.model import MOVE_LABELS, Debrief, OfferRow, Point
from game.debrief.sources import html_sources, source_lines
from game.debrief.strategies import html_strategies, md_strategies
from game.debrief.svg import Dot, Series, scatter_chart, utility_chart
from game.debrief.trades import trade_lines

# --- shared wording -----------------------------------------------------------------------------


def package_text(d: Debrief, package: dict[str, str] | None) -> str:
    if not package:
        return "no deal"
    return "; ".join(
        f"{d.issue_labels.get(i, i)}: {d.option_labels.get(i, {}).get(o, o)}"
        for i, o in package.items()
    )


def times(n: int) -> str:
    """How many times, in words a reader expects: once, twice, 3 times."""
    return {1: "once", 2: "twice"}.get(n, f"{n} times")


def _oid(offer: int | None) -> str:
    return "-" if offer is None else str(offer)


def name(d: Debrief, pid: str) -> str:
    return d.party_names.get(pid, pid)


def _utils(d: Debrief, utils: dict[str, float]) -> str:
    return ", ".join(f"{name(d, k)} {v:.2f}" for k, v in utils.items())


def outcome_line(d: Debrief) -> str:
    if not d.finished:
        return f"Unfinished: {d.moves} move(s) played."
    if d.agreement:
        return f"Agreement: {package_text(d, d.deal)}."
    walked = f" ({', '.join(name(d, w) for w in d.walked_out)} walked out)" if d.walked_out else ""
    return (f"No deal{walked}: every party falls back on its reservation value (what no deal "
            "is worth to it).")


def axes(d: Debrief) -> tuple[str, list[str], str, list[str]]:
    """The two sides of the frontier chart: the player's parties against the others."""
    table = [p.id for p in d.parties]
    mine = [p for p in d.role_parties if p in table]
    if not mine:
        mine = table[:1]
    others = [p for p in table if p not in mine]
    if not others:
        others = table[-1:]

    return _side(d, mine), mine, _side(d, others, "other "), others


def _side(d: Debrief, ids: list[str], other: str = "") -> str:
    """An axis name: one party, or the mean of several."""
    if len(ids) == 1:
        return name(d, ids[0])
    if len(ids) == 2:
        return f"mean of {name(d, ids[0])} and {name(d, ids[1])}"
    return f"mean of the {other}{len(ids)} parties"


def _xy(utils: dict[str, float], xs: list[str], ys: list[str]) -> tuple[float, float]:
    def mean(ids: list[str]) -> float:
        vals = [utils[p] for p in ids if p in utils]
        return sum(vals) / len(vals) if vals else 0.0

    return mean(xs), mean(ys)


def _point_dots(points: list[Point], group: str, d: Debrief, xs: list[str], ys: list[str]
                ) -> list[Dot]:
    return [
        Dot(*_xy(p.utilities, xs, ys), label=f"{package_text(d, p.package)} "
            f"({_utils(d, p.utilities)})", group=group)
        for p in points
    ]


def frontier_svg(d: Debrief) -> str:
    xname, xs, yname, ys = axes(d)
    dots = _point_dots(d.pareto, "Pareto frontier", d, xs, ys)
    for o in d.offers:
        dots.append(Dot(*_xy(o.utilities, xs, ys), label=f"#{o.seq} round {o.round} by "
                        f"{name(d, o.by)}: {package_text(d, o.package)}",
                        group=f"offer by {name(d, o.by)}"))
    if d.deal:
        utils = {p.id: p.utility for p in d.parties}
        dots.append(Dot(*_xy(utils, xs, ys), label=f"final deal: {package_text(d, d.deal)}",
                        group="final deal"))
    if d.nash:  # last, so that it shows on top of a deal struck at the Nash point
        dots += _point_dots([d.nash], "Nash point", d, xs, ys)
    return scatter_chart(dots, f"utility of {xname}", f"utility of {yname}",
                         "The offers against the Pareto frontier")


def offers_svg(d: Debrief) -> str:
    """The offers in the order made, ending on the deal when there is one (as the TUI does)."""
    series = [
        Series(p.name, [o.utilities.get(p.id) for o in d.offers]
               + ([p.utility] if d.deal else []), p.reservation)
        for p in d.parties
    ]
    labels = [f"{o.round}.{k + 1}" for k, o in enumerate(d.offers)] + (["deal"] if d.deal else [])
    return utility_chart(series, labels, "Each party's utility across the offers")


# --- Markdown -----------------------------------------------------------------------------------


def markdown(d: Debrief) -> str:
    out = [
        f"# Debrief: {d.scenario}",
        "",
        f"Role: **{d.role}** · difficulty: {d.difficulty or 'default'} · seed: {d.seed} · "
        f"moves: {d.moves}",
        "",
        "## Outcome",
        "",
        outcome_line(d),
        "",
        "| party | utility | reservation value | surplus |",
        "|---|---:|---:|---:|",
        *[f"| {p.name} | {p.utility:.3f} | {p.reservation:.3f} | {p.surplus:+.3f} |"
          for p in d.parties],
        "",
        "## Your score",
        "",
        f"**{d.score:.3f}**" if d.score is not None else "No score yet.",
        "",
        *[f"- {line}" for line in d.score_explanation],
        *([f"- The coach was asked {times(d.coached)}."] if d.coached else []),
        "",
        "## The deal against the Nash point and the Pareto frontier",
        "",
        *_md_frontier(d),
        "",
        "## Offers",
        "",
        "| offer | round | by | package | " + " | ".join(p.name for p in d.parties)
        + " | move | acceptable to all | Pareto frontier |",
        "|---|---:|---|---|" + "---:|" * len(d.parties) + "---|---|---|",
        *[
            f"| {_oid(o.offer)} | {o.round} | {name(d, o.by)} | {package_text(d, o.package)} | "
            + " | ".join(f"{o.utilities.get(p.id, 0):.2f}" for p in d.parties)
            + f" | {o.label} | {'yes' if o.acceptable_to_all else 'no'} | {frontier_word(o)} |"
            for o in d.offers
        ],
        "",
        *_md_move_key(d),
        "## Rejections and the red lines behind them",
        "",
        *(_md_rejections(d) or ["None."]),
        "",
        *([ "## Conditional offers", "", *[f"- {x}" for x in trade_lines(d.trades,
                                                                      d.party_names)], ""]
          if d.trades else []),
        "## Turning points",
        "",
        *([f"- Round {t.round}: {t.text}" for t in d.turning_points] or ["None."]),
        "",
        *md_strategies(d),
        *_md_teaching(d),
        "## Sources cited",
        "",
        *[line for s in d.sources for line in source_lines(s)],
        "",
    ]
    return "\n".join(out)


def _cite(sources: list[str]) -> str:
    return f" ({', '.join(sources)})" if sources else ""


def _md_teaching(d: Debrief) -> list[str]:
    """The player's guesses against the truth, then the scenario's debrief questions and what
    happened, when its teaching kit has them."""
    out: list[str] = []
    if d.zone_by_round:
        out += ["## The zone of agreement, round by round", "",
                "| round | packages every party at the table accepts |", "|---:|---:|",
                *[f"| {r} | {n} |" for r, n in sorted(d.zone_by_round.items())], ""]
    if d.guesses:
        out += ["## Your guesses against the truth", "",
                "| round | party | top issue: guessed | true | no-deal value: guessed | true |",
                "|---:|---|---|---|---:|---:|",
                *[f"| {g.round} | {name(d, g.party)} | {g.top_guess} | {g.top_true} | "
                  f"{g.reservation_guess:.2f} | {g.reservation_true:.2f} |" for g in d.guesses],
                ""]
    if d.talk:
        out += ["## What the seats said", "", *[f"- Round {t.round}: {t.text}" for t in d.talk],
                ""]
    if d.questions:
        out += ["## Questions for the debrief", "",
                *[f"{k}. {q.text} ({q.about}){_cite(q.sources)}"
                  for k, q in enumerate(d.questions, 1)], ""]
    if d.epilogue:
        out += ["## What happened", ""]
        for e in d.epilogue:
            mark = " *(contested)*" if e.contested else ""
            out.append(f"- {e.text}{_cite(e.sources)}{mark}")
            out += [f"  - Another account: {c.text}{_cite(c.sources)}"
                    for c in e.counter_accounts]
        out.append("")
    return out


def _md_move_key(d: Debrief) -> list[str]:
    """What the move labels in the offers table mean (only those used), then a blank line."""
    used = [x for x in MOVE_LABELS if any(o.label == x for o in d.offers)]
    if not used:
        return []
    return ["Moves: " + "; ".join(f"{x} ({MOVE_LABELS[x]})" for x in used) + ".", ""]


def frontier_word(o: OfferRow) -> str:
    """An offer against the frontier of its round: the debrief's one verdict in words."""
    if o.on_frontier is None:
        return "breaks a red line"
    return "on it" if o.on_frontier else "inside"


def _md_frontier(d: Debrief) -> list[str]:
    out = []
    if d.nash:
        out.append(f"- Nash point: {package_text(d, d.nash.package)} "
                   f"({_utils(d, d.nash.utilities)}).")
    else:
        out.append("- No Nash point: no package leaves every party above its reservation value.")
    if d.deal_vs_nash:
        out.append("- Outcome minus Nash point: " + ", ".join(
            f"{name(d, k)} {v:+.2f}" for k, v in d.deal_vs_nash.items()) + ".")
    out.append(f"- The Pareto frontier has {len(d.pareto)} package(s).")
    if d.deal is None:
        out.append("- No deal was struck, so no package can be compared with it.")
    elif d.deal_on_frontier:
        out.append("- The deal is on the frontier: no package was better for every party.")
    else:
        out.append(f"- The deal is inside the frontier: {len(d.better_for_all)} package(s) "
                   "better for some party and worse for none (a post-settlement settlement):")
        out += [f"  - {package_text(d, p.package)} ({_utils(d, p.utilities)})"
                for p in d.better_for_all[:10]]
    return out


def _md_rejections(d: Debrief) -> list[str]:
    out = []
    for r in d.rejections:
        lines = "; ".join(f"red line `{x['id']}` of {name(d, x['party'])}: {x['text']}"
                          for x in r.red_lines) or "no red line: the package was worth too little"
        src = f" [{', '.join(r.sources)}]" if r.sources else ""
        out.append(f"- Round {r.round}, {name(d, r.by)}: {r.text} — {lines}{src}")
    return out


# --- HTML ---------------------------------------------------------------------------------------

CSS = """
body{font-family:system-ui,sans-serif;max-width:980px;margin:2em auto;padding:0 1em;color:#111;
line-height:1.45}
table{border-collapse:collapse;margin:.5em 0;font-size:.92em}
th,td{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top}
td.n{text-align:right;font-variant-numeric:tabular-nums}
h1{font-size:1.6em}h2{border-bottom:1px solid #ccc;margin-top:1.6em}
.chart{margin:1em 0;overflow-x:auto}.muted{color:#555}
"""


def _page(title: str, body: list[str]) -> str:
    return "\n".join([
        "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title><style>{CSS}</style></head><body>",
        *body, "</body></html>", "",
    ])


def _table(head: list[str], rows: list[list[str]], numeric: set[int] | None = None) -> str:
    numeric = numeric or set()
    h = "".join(f"<th>{escape(c)}</th>" for c in head)
    body = "".join(
        "<tr>" + "".join(
            f'<td class="n">{escape(c)}</td>' if k in numeric else f"<td>{escape(c)}</td>"
            for k, c in enumerate(r)
        ) + "</tr>" for r in rows
    )
    return f"<table><thead><tr>{h}</tr></thead><tbody>{body}</tbody></table>"


def _md_list_to_html(lines: list[str]) -> str:
    items = [ln.strip()[2:] for ln in lines if ln.strip().startswith("- ")]
    return "<ul>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>"


def html(d: Debrief) -> str:
    parties = _table(
        ["party", "utility", "reservation value", "surplus"],
        [[p.name, f"{p.utility:.3f}", f"{p.reservation:.3f}", f"{p.surplus:+.3f}"]
         for p in d.parties], {1, 2, 3},
    )
    offers = _table(
        ["offer", "round", "by", "package", *[p.name for p in d.parties], "move",
         "acceptable to all", "Pareto frontier"],
        [[_oid(o.offer), str(o.round), name(d, o.by), package_text(d, o.package),
          *[f"{o.utilities.get(p.id, 0):.2f}" for p in d.parties], o.label,
          "yes" if o.acceptable_to_all else "no", frontier_word(o)] for o in d.offers],
        {0, 1, *range(4, 4 + len(d.parties))},
    )
    score = f"<p><strong>{d.score:.3f}</strong></p>" if d.score is not None else ""
    body = [
        f"<h1>Debrief: {escape(d.scenario)}</h1>",
        f'<p class="muted">Role: <strong>{escape(d.role)}</strong> · difficulty: '
        f"{escape(d.difficulty or 'default')} · seed: {d.seed} · moves: {d.moves}</p>",
        "<h2>Outcome</h2>", f"<p>{escape(outcome_line(d))}</p>", parties,
        "<h2>Your score</h2>", score,
        "<ul>" + "".join(f"<li>{escape(x)}</li>" for x in d.score_explanation)
        + (f"<li>The coach was asked {times(d.coached)}.</li>" if d.coached else "") + "</ul>",
        "<h2>Utility across the offers</h2>",
        f'<div class="chart">{offers_svg(d)}</div>',
        "<h2>The deal against the Nash point and the Pareto frontier</h2>",
        f'<div class="chart">{frontier_svg(d)}</div>',
        _md_list_to_html(_md_frontier(d)),
        "<h2>Offers</h2>", offers,
        *[f'<p class="muted">{escape(line)}</p>' for line in _md_move_key(d)[:1]],
        "<h2>Rejections and the red lines behind them</h2>",
        _md_list_to_html(_md_rejections(d)) if d.rejections else "<p>None.</p>",
        *(["<h2>Conditional offers</h2>", _md_list_to_html(
            [f"- {x}" for x in trade_lines(d.trades, d.party_names)])] if d.trades else []),
        "<h2>Turning points</h2>",
        "<ul>" + "".join(f"<li>Round {t.round}: {escape(t.text)}</li>"
                         for t in d.turning_points) + "</ul>",
        *html_strategies(d),
        *_html_teaching(d),
        "<h2>Sources cited</h2>",
        html_sources(d.sources),
    ]
    return _page(f"Debrief: {d.scenario}", body)


def _html_teaching(d: Debrief) -> list[str]:
    out: list[str] = []
    if d.zone_by_round:
        out += ["<h2>The zone of agreement, round by round</h2>", _table(
            ["round", "packages every party at the table accepts"],
            [[str(r), str(n)] for r, n in sorted(d.zone_by_round.items())], {0, 1})]
    if d.guesses:
        out += ["<h2>Your guesses against the truth</h2>", _table(
            ["round", "party", "top issue: guessed", "true", "no-deal value: guessed", "true"],
            [[str(g.round), name(d, g.party), g.top_guess, g.top_true,
              f"{g.reservation_guess:.2f}", f"{g.reservation_true:.2f}"] for g in d.guesses],
            {0, 4, 5})]
    if d.talk:
        out += ["<h2>What the seats said</h2>", "<ul>" + "".join(
            f"<li>Round {t.round}: {escape(t.text)}</li>" for t in d.talk) + "</ul>"]
    if d.questions:
        out += ["<h2>Questions for the debrief</h2>", "<ol>" + "".join(
            f"<li>{escape(q.text)} <span class=\"muted\">({escape(q.about)})"
            f"{escape(_cite(q.sources))}</span></li>" for q in d.questions) + "</ol>"]
    if d.epilogue:
        items = []
        for e in d.epilogue:
            mark = " <em>(contested)</em>" if e.contested else ""
            others = "".join(f"<li>Another account: {escape(c.text)}{escape(_cite(c.sources))}"
                             "</li>" for c in e.counter_accounts)
            items.append(f"<li>{escape(e.text)}{escape(_cite(e.sources))}{mark}"
                         + (f"<ul>{others}</ul>" if others else "") + "</li>")
        out += ["<h2>What happened</h2>", "<ul>" + "".join(items) + "</ul>"]
    return out

"""End and debrief: outcome, scores, utilities across the offers, the frontier, what was missed.

The numbers come from the debrief module (`game.debrief.build`), computed in a worker because
the frontier analysis may take a moment on large scenarios; the chart is textual-plotext.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from game.engine.scoring import dominates, exceeds, same
from game.tui.safe import esc as escape
from game.tui.view import meter

if TYPE_CHECKING:
    from textual import getters

    from game.engine.session import Session
    from game.tui.host import GameHost


def _pkg(d: Any, package: dict[str, str]) -> str:
    return "; ".join(f"{d.issue_labels.get(k, k)}: {d.option_labels.get(k, {}).get(v, v)}"
                     for k, v in package.items())


def _dominated(u: dict[str, float], frontier: list[Any]) -> bool:
    return any(dominates(p.utilities, {k: u.get(k, 0.0) for k in p.utilities})
               for p in frontier)


def outcome_markup(d: Any) -> str:
    """Outcome, scores and the player's score with its explanation."""
    out = []
    if d.agreement and d.deal:
        out += ["[b]✓ AGREEMENT[/b]", escape(_pkg(d, d.deal))]
    else:
        out.append("[b]✗ NO DEAL[/b]: every party gets its reservation value.")
    if d.walked_out:
        gone = ", ".join(d.party_names.get(p, p) for p in d.walked_out)
        out.append("Walked out: " + escape(gone))
    out += ["", "[b]Scores[/b] (utility of the outcome against no deal)"]
    for p in d.parties:
        mark = "✓ gains" if exceeds(p.surplus, 0) else ("= no gain" if same(p.surplus, 0)
                                                         else "✗ loses")
        you = " (you)" if p.id in d.role_parties else ""
        name = escape(p.name[:18]) + " " * (18 - len(p.name[:18]))
        out.append(f"  {name}{you:6} {p.utility:.2f} {meter(p.utility)} "
                   f"no deal {p.reservation:.2f}  {mark} {p.surplus:+.2f}")
    if d.score is not None:
        out += ["", f"[b]Your score: {d.score:.2f}[/b] {meter(d.score)}"]
        out += [f"  · {escape(line)}" for line in d.score_explanation]
    return "\n".join(out)


def frontier_markup(d: Any, infeasible: frozenset[int] | set[int] = frozenset()) -> str:
    """The player's offers against the Pareto frontier, and the deals that were missed.
    `infeasible` holds the seq of offers that broke a red line of a party at the table."""
    out = ["[b]Your offers against the Pareto frontier[/b]"]
    mine = [o for o in d.offers if o.by == d.role]
    if not mine:
        out.append("  You made no offer of your own.")
    for o in mine:
        if o.seq in infeasible:
            on = "⊘ broke a red line, so no one could sign it"
        elif _dominated(o.utilities, d.pareto):
            on = "✗ inside the frontier (a package better for all existed)"
        else:
            on = "✓ on the frontier"
        us = ", ".join(f"{escape(d.party_names.get(k, k))} {v:.2f}" for k, v in o.utilities.items())
        num = f"#{o.offer} " if o.offer is not None else ""
        out.append(f"  {num}round {o.round}: {us} — {on}")
    out += ["", "[b]Missed opportunities[/b]"]
    if d.better_for_all:
        out.append("  Packages every party would have preferred to the deal:")
        out += [f"  • {escape(_pkg(d, p.package))}" for p in d.better_for_all[:3]]
    elif not d.agreement and d.nash is not None:
        out.append("  A deal every side preferred to no deal existed. The fairest (Nash point):")
        out.append(f"  • {escape(_pkg(d, d.nash.package))}")
    elif d.agreement:
        out.append("  None: no package was better for every party than the deal.")
    else:
        out.append("  None: no package met every side's red lines and reservation value.")
    if d.nash is not None:
        us = ", ".join(f"{escape(d.party_names.get(k, k))} {v:.2f}"
                       for k, v in d.nash.utilities.items())
        out += ["", f"Nash point (the balanced deal): {us}"]
    return "\n".join(out)


def sources_markup(d: Any) -> str:
    out = ["[b]Sources cited[/b]"]
    for s in d.sources:
        mark = " ⚑ opinion: contested claims" if s.kind == "opinion" else ""
        out.append(f"  {s.id} {escape(s.title)} ({escape(s.date)}) — "
                   f"{escape(s.perspective)}{mark}")
    return "\n".join(out)


def initials(names: list[str]) -> list[str]:
    """One distinct letter per party for the chart's markers, so no colour is needed."""
    used: set[str] = set()
    out = []
    for k, name in enumerate(names):
        letters = [c.upper() for c in name if c.isalpha()] + [str(k)]
        pick = next(c for c in letters if c not in used)
        used.add(pick)
        out.append(pick)
    return out


class DebriefScreen(Screen[None]):
    if TYPE_CHECKING:
        app = getters.app(GameHost)  # the game's own app, typed; no run-time change

    BINDINGS = [
        Binding("x", "export", "Export"),
        Binding("n", "new_game", "New game"),
        Binding("t", "title", "Title"),
        Binding("q", "app.quit", "Quit"),
    ]
    PALETTE = (("Export debrief", "Write the debrief as Markdown and HTML", "export"),)

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.debrief: Any = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="debrief"):
            yield Static("Working out the debrief…", id="outcome")
            yield Static(id="chart-title")
            yield Static(id="frontier")
            yield Static(id="cited")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = f"Debrief — {self.session.scenario.title}"
        self.query_one("#debrief").focus()
        self.build()

    @work(thread=True, exclusive=True)
    def build(self) -> None:
        from game.debrief import build

        try:
            d = build(self.session)
        except Exception as err:  # show what can be shown rather than stop the game
            self.app.call_from_thread(self.query_one("#outcome", Static).update,
                                      f"The debrief could not be computed: {escape(str(err))}")
            return
        self.app.call_from_thread(self.show, d)

    def show(self, d: Any) -> None:
        self.debrief = d
        self.query_one("#outcome", Static).update(outcome_markup(d))
        self.query_one("#chart-title", Static).update(
            "\n[b]Each party's utility across the offers[/b] (offers in the order made; "
            "each party is marked by a letter)")
        self._chart(d)
        self.query_one("#frontier", Static).update("\n" + frontier_markup(d, self._infeasible(d)))
        self.query_one("#cited", Static).update("\n" + sources_markup(d))

    def _infeasible(self, d: Any) -> set[int]:
        """The player's offers that broke a red line of a party at the table then."""
        return {o.seq for o in d.offers if o.by == d.role and not o.feasible}

    def _chart(self, d: Any) -> None:
        from textual_plotext import PlotextPlot

        plot = PlotextPlot(id="chart")
        plt = plot.plt
        xs = list(range(1, len(d.offers) + 1))
        for p, mark in zip(d.parties, initials([p.name for p in d.parties]), strict=True):
            ys = [o.utilities.get(p.id, 0.0) for o in d.offers]
            if ys:
                plt.scatter(xs, ys, label=p.name, marker=mark)
        plt.ylim(0, 1)
        if xs:
            step = max(1, len(xs) // 10)
            ticks: list[float] = [x for x in xs[::step]]  # plotext's stubs want floats
            plt.xticks(ticks)
        plt.xlabel("offer")
        plt.ylabel("utility")
        self.query_one("#debrief").mount(plot, after="#chart-title")

    def action_export(self) -> None:
        if self.debrief is None:
            return
        self.export()

    @work(thread=True, exclusive=True, group="export")
    def export(self) -> None:
        from game.debrief import render

        folder = self.app.saves_dir
        saved = self.app.save_path
        stem = saved.stem if saved else f"{self.session.scenario.id}-{self.session.role}"
        written = []
        try:
            folder.mkdir(parents=True, exist_ok=True)
            for fmt in ("md", "html"):
                path = folder / f"{stem}-debrief.{fmt}"
                path.write_text(render(self.debrief, fmt), encoding="utf-8")
                written.append(str(path))
        except OSError as err:
            self.app.call_from_thread(self.notify, f"Export failed: {err}", severity="error")
            return
        if self.app.is_web:  # `redlines serve`: the browser downloads the HTML debrief
            from io import StringIO

            self.app.call_from_thread(self.app.deliver_text, StringIO(render(self.debrief, "html")),
                                      save_filename=f"{stem}-debrief.html")
        self.app.call_from_thread(self.notify, "Written: " + ", ".join(written),
                                  title="Debrief exported", timeout=8)

    def action_new_game(self) -> None:
        from game.tui.newgame import NewGameScreen

        self.app.go_title()
        self.app.push_screen(NewGameScreen())

    def action_title(self) -> None:
        self.app.go_title()

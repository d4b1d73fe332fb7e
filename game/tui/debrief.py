"""End and debrief: outcome, scores, utilities across the offers, the frontier, what was missed.

The numbers come from the debrief module (`game.debrief.build`), computed in a worker because
the frontier analysis may take a moment on large scenarios; the chart is one row of bars per
party, so it stays readable for any number of parties at 80 columns.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from game.debrief.trades import trade_lines
from game.engine.scoring import exceeds, same
from game.tui.safe import esc as escape
from game.tui.scatter import seat_scatter
from game.tui.view import hang, meter, utility_strips

if TYPE_CHECKING:
    from textual import getters

    from game.engine.session import Session
    from game.tui.host import GameHost


def _pkg(d: Any, package: dict[str, str]) -> str:
    return "; ".join(f"{d.issue_labels.get(k, k)}: {d.option_labels.get(k, {}).get(v, v)}"
                     for k, v in package.items())


def outcome_markup(d: Any, width: int = 0) -> str:
    """Outcome, scores and the player's score with its explanation (each line of which wraps
    under its own bullet, given the `width`)."""
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
        out += [escape(x) for line in d.score_explanation
                for x in hang(line, width, 4, first="  · ")]
        if d.coached:
            from game.debrief.render import times
            out.append(f"  · You asked the coach {times(d.coached)}.")
    return "\n".join(out)


def offer_verdict(o: Any) -> str:
    """An offer against the frontier of its round, in words: the debrief's own verdict
    (`OfferRow.on_frontier`, the test behind `deal_on_frontier`), never recomputed here, so
    this screen and the exports cannot disagree."""
    if not o.feasible or o.on_frontier is None:
        return "⊘ broke a red line, so no one could sign it"
    if o.on_frontier:
        return "✓ on the frontier"
    return "✗ inside the frontier (a package better for some, worse for none, existed)"


def frontier_markup(d: Any) -> str:
    """The player's offers against the Pareto frontier, the deal's verdict, and the deals that
    were missed."""
    out = ["[b]Your offers against the Pareto frontier[/b] (of the round each was made in)"]
    mine = [o for o in d.offers if o.by == d.role]
    if not mine:
        out.append("  You made no offer of your own.")
    for o in mine:
        on = offer_verdict(o)
        us = ", ".join(f"{escape(d.party_names.get(k, k))} {v:.2f}" for k, v in o.utilities.items())
        num = f"#{o.offer} " if o.offer is not None else ""
        out.append(f"  {num}round {o.round}: {us} — {on}")
    if d.deal is not None and d.deal_on_frontier is not None:
        out += ["", "[b]The deal[/b]: " + ("✓ on the frontier" if d.deal_on_frontier else
                                          f"✗ inside the frontier: {len(d.better_for_all)} "
                                          "package(s) better for some, worse for none")]
    out += ["", "[b]Missed opportunities[/b]"]
    if d.better_for_all:
        out.append("  Packages better than the deal for some party and worse for none:")
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


def discussion_markup(d: Any) -> str:
    """Turning points, then the scenario's debrief questions and what happened, for the class."""
    out = []
    if d.zone_by_round:
        top = max(d.zone_by_round.values()) or 1
        out += ["[b]The zone of agreement, round by round[/b] (packages every party accepts)"]
        out += [f"  Round {r}: {'█' * round(20 * n / top) if n else '·'} {n}"
                for r, n in sorted(d.zone_by_round.items())]
        out.append("")
    out += ["[b]Turning points[/b]"]
    out += [f"  Round {t.round}: {escape(t.text)}" for t in d.turning_points] or ["  none"]
    if d.guesses:
        out += ["", "[b]Your guesses against the truth[/b]"]
        for g in d.guesses:
            name = escape(d.party_names.get(g.party, g.party))
            hit = "✓" if g.top_guess == g.top_true else "✗"
            out.append(f"  Round {g.round}, {name}: top issue {escape(g.top_guess)} {hit} "
                       f"(truly {escape(g.top_true)}); no deal {g.reservation_guess:.2f} "
                       f"(truly {g.reservation_true:.2f})")
    if d.trades:
        out += ["", "[b]Conditional offers[/b]"]
        out += [f"  {escape(line)}" for line in trade_lines(d.trades, d.party_names)]
    if d.questions:
        out += ["", "[b]Questions for the debrief[/b]"]
        out += [f"  {k}. {escape(q.text)} [dim]({escape(q.about)})[/dim]"
                for k, q in enumerate(d.questions, 1)]
    if d.epilogue:
        out += ["", "[b]What happened[/b]"]
        for e in d.epilogue:
            mark = " ⚑ contested" if e.contested else ""
            out.append(f"  • {escape(e.text)} ({', '.join(e.sources)}){mark}")
            out += [f"      another account: {escape(c.text)} ({', '.join(c.sources)})"
                    for c in e.counter_accounts]
    return "\n".join(out)


def strategies_markup(d: Any, revealed: bool) -> str:
    """Which strategy each computer party played: the question until the student guesses (g)
    or asks for the answers (v), then each answer with its two sentences and citation."""
    from game.debrief.strategies import question, verdict

    if not d.strategies:
        return ""
    out = ["[b]Guess the strategies[/b]", escape(question(d))]
    if not revealed:
        return "\n".join(out + ["  Press g to guess them, v to see the answers."])
    for r in d.strategies:
        out += [f"  • [b]{escape(d.party_names.get(r.party, r.party))}[/b]: {escape(r.title)} "
                f"({escape(verdict(r))})", f"    {escape(r.explanation)}",
                f"    [dim]Source: {escape(r.citation)}[/dim]"]
    return "\n".join(out)


class DebriefScreen(Screen[None]):
    if TYPE_CHECKING:
        app = getters.app(GameHost)  # the game's own app, typed; no run-time change

    BINDINGS = [
        Binding("x", "export", "Export"),
        Binding("a", "analyze", "Analysis"),
        Binding("g", "guess", "Guess strategies"),
        Binding("v", "reveal", "Reveal strategies", show=False),
        Binding("n", "new_game", "New game"),
        Binding("t", "title", "Title"),
        Binding("q", "app.quit", "Quit"),
    ]
    PALETTE = (("Export debrief", "Write the debrief as Markdown and HTML", "export"),
               ("Analyze the outcome space", "Zone of agreement, Pareto frontier, Nash point "
                "(analysis)", "analyze"))

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.debrief: Any = None
        self.revealed = False

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="debrief"):
            yield Static("Working out the debrief…", id="outcome")
            yield Static(id="chart-title")
            yield Static(id="chart")
            yield Static(id="frontier")
            yield Static(id="strategies")
            yield Static(id="discuss")
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
        self.query_one("#outcome", Static).update(outcome_markup(d, self._width()))
        self.query_one("#chart-title", Static).update(
            "\n[b]Each party's utility across the offers[/b] (in the order made"
            + (", ending on the deal" if d.deal else "") + "; bar height from 0 to 1, then the "
            + ("deal's" if d.deal else "last offer's") + " value against no deal)")
        self._chart(d)
        self.query_one("#frontier", Static).update("\n" + frontier_markup(d))
        self.query_one("#strategies", Static).update("\n" + strategies_markup(d, self.revealed))
        self.query_one("#discuss", Static).update("\n" + discussion_markup(d))
        self.query_one("#cited", Static).update("\n" + sources_markup(d))

    def _chart(self, d: Any) -> None:
        """Each party's utility across the offers, one row of bars each (`utility_strips`),
        ending on the deal when there is one: the offers may go on after the package that was
        signed, and the strip should end where the talks did."""
        rows = [(p.name, [o.utilities.get(p.id, 0.0) for o in d.offers]
                 + ([p.utility] if d.deal else []), p.reservation) for p in d.parties]
        width = self._width()
        lines = utility_strips(rows, width if width > 20 else 76, "deal" if d.deal else None)
        scatter = seat_scatter(d) if d.role_parties else []
        if scatter:  # the two axes that matter for a party's seat: you, and the others
            lines += ["", "Each offer: worth to you (across) against the others' mean (up)",
                      *scatter]
        self.query_one("#chart", Static).update(escape("\n".join(lines)) if d.offers
                                                else "  No offer was made.")

    def _width(self) -> int:
        return self.query_one("#debrief").size.width - 4

    def on_resize(self) -> None:
        if self.debrief is not None:
            self.query_one("#outcome", Static).update(
                outcome_markup(self.debrief, self._width()))
            self._chart(self.debrief)

    @work(thread=True, exclusive=True, group="analysis")
    def action_analyze(self) -> None:
        """The full analysis of the last round, as `redlines analyze` prints it: the talks are
        over, so every party's numbers may be shown."""
        from game.commands.analyze import render
        from game.engine.analysis import analyze
        from game.tui.dialogs import TextScreen

        text = escape("\n".join(render(analyze(self.session.situation))))
        self.app.call_from_thread(self.app.push_screen, TextScreen(text))

    def action_guess(self) -> None:
        """Name each computer party's strategy, one question per party, then see the answers
        (the exports keep the guesses)."""
        from game.debrief.strategies import CHOICES, with_guesses
        from game.engine.strategies import NAMED
        from game.tui.dialogs import PickScreen

        if self.debrief is None or not self.debrief.strategies:
            return
        d = self.debrief
        rows = list(d.strategies)
        items = [(c, NAMED[c].title) for c in CHOICES]
        guesses: dict[str, str] = {}

        def ask(k: int) -> None:
            if k == len(rows):
                self.debrief = with_guesses(d, guesses)
                self.action_reveal()
                return
            who = escape(d.party_names.get(rows[k].party, rows[k].party))

            def got(choice: str | None) -> None:
                if choice is not None:
                    guesses[rows[k].party] = choice
                    ask(k + 1)

            self.app.push_screen(PickScreen(f"Which strategy did {who} play?", items), got)

        ask(0)

    def action_reveal(self) -> None:
        self.revealed = True
        if self.debrief is not None:
            self.query_one("#strategies", Static).update(
                "\n" + strategies_markup(self.debrief, True))

    def action_export(self) -> None:
        if self.debrief is None:
            return
        self.export()

    @work(thread=True, exclusive=True, group="export")
    def export(self) -> None:
        """Markdown and HTML next to the save, through the CLI's writer: never over a device,
        a FIFO or another game's save, never following a planted link."""
        from game.commands.output import write_checked
        from game.debrief import render

        folder = self.app.saves_dir
        saved = self.app.save_path
        stem = saved.stem if saved else f"{self.session.scenario.id}-{self.session.role}"
        written, problems = [], []
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            problems.append(f"cannot use {folder}: {err.strerror or err}")
        for fmt in ("md", "html") if not problems else ():
            path = folder / f"{stem}-debrief.{fmt}"
            problem = write_checked(path, render(self.debrief, fmt), [saved] if saved else [])
            if problem is None:
                written.append(str(path))
            else:
                problems.append(problem)
        if problems:
            self.app.call_from_thread(self.notify, escape("; ".join(problems)),
                                      title="Export failed", severity="error", timeout=20)
        if self.app.is_web:  # `redlines serve`: the browser downloads the HTML debrief
            from io import StringIO

            self.app.call_from_thread(self.app.deliver_text, StringIO(render(self.debrief, "html")),
                                      save_filename=f"{stem}-debrief.html")
        if written:
            self.app.call_from_thread(self.notify, escape("Written: " + ", ".join(written)),
                                      title="Debrief exported", timeout=8)

    def action_new_game(self) -> None:
        from game.tui.newgame import NewGameScreen

        self.app.go_title()
        self.app.push_screen(NewGameScreen())

    def action_title(self) -> None:
        self.app.go_title()

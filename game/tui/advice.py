"""The table's two helpers for thinking: the coach (`i`) and the seat's own analysis (palette).

Both read only what the seat knows and run off the event loop. Mixed into `TableScreen`, whose
session, builder and busy flag they use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.markup import escape
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label

from game.tui.builder import PackageBuilder
from game.tui.dialogs import ConfirmScreen, PickScreen, TextScreen

if TYPE_CHECKING:
    from game.engine.events import Event
    from game.engine.moves import Move


class AdviceActions:
    """Actions of the table screen that advise the student without moving at the table."""

    if TYPE_CHECKING:
        session: Any
        stances: Any
        seat_view: Any
        busy: bool
        app: Any

        def query_one(self, selector: Any, expect_type: Any = None) -> Any: ...

        def refresh_bindings(self) -> None: ...

        def _refused(self, message: str) -> None: ...

        def play(self, move: Any, title: str) -> None: ...

    def action_guess(self) -> None:
        """Record a guess of another party's top issue and no-deal value (x): three short
        questions; the debrief sets the guesses against the truth."""
        scenario = self.session.scenario
        mine = set(self.session.seat.members)
        parties = [(p.id, p.name) for p in scenario.parties
                   if p.id in self.session.situation.at_table and p.id not in mine]
        issues = [(i.id, i.title) for i in scenario.issues]

        def got_value(party: str, top: str, value: float | None) -> None:
            if value is not None:
                from game.engine.moves import Guess

                self.play(Guess(party=party, top=top, reservation=value), "Your guess is noted")

        def got_top(party: str, top: str | None) -> None:
            if top is not None:
                self.app.push_screen(NumberScreen(
                    "What is no deal worth to them, 0 to 100? (their no-deal value)"),
                    lambda v: got_value(party, top, v))

        def got_party(party: str | None) -> None:
            if party is not None:
                self.app.push_screen(PickScreen("Which issue matters most to them?", issues),
                                     lambda top: got_top(party, top))

        self.app.push_screen(PickScreen("Guess for which party?", parties), got_party)

    def action_coach(self) -> None:
        from game.engine.moves import Coach

        self.busy = True
        self.refresh_bindings()
        self._coach(Coach(package=dict(self.query_one(PackageBuilder).package)))

    @work(thread=True, exclusive=True, group="move")
    def _coach(self, move: Move) -> None:
        """The coach searches off the event loop; its advice is recorded like any move."""
        from game.engine.session import IllegalMove

        try:
            entries = self.session.play(move)
        except IllegalMove as err:
            self.app.call_from_thread(self._refused, str(err))
            return
        self.app.call_from_thread(self._advised, entries)

    def _advised(self, entries: list[Event]) -> None:
        self.busy = False
        self.refresh_bindings()
        self.app.autosave()
        advice = next((e for e in entries if e.kind == "coached"), None)
        if advice is None:
            return
        text = "\n".join(r.text for r in advice.reasons)
        if advice.package is None:
            self.app.push_screen(TextScreen(f"[b]The coach[/b]\n{escape(text)}"))
            return
        suggested = dict(advice.package)

        def answered(yes: bool | None) -> None:
            if yes:
                self.query_one(PackageBuilder).set_package(suggested)

        self.app.push_screen(ConfirmScreen(f"{text}\n\nPut this package in your builder? "
                                           "(u undoes it)"), answered)

    @work(thread=True, exclusive=True, group="analysis")
    def action_analyze(self) -> None:
        """The analysis the seat may run now (`seat_analysis`): counted off the event loop."""
        from game.tui.view import seat_analysis

        s = self.session
        lines = seat_analysis(s.situation, s.role, self.stances, self.seat_view.reveal)
        self.app.call_from_thread(self.app.push_screen, TextScreen("\n".join(lines)))


class NumberScreen(ModalScreen[float | None]):
    """Ask for a whole number from 0 to 100; dismisses with it as 0-1, or None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog small"):
            yield Label(self.question)
            yield Input(placeholder="50", restrict=r"[0-9]*", max_length=3, id="number")
            yield Label("Enter to record, Escape to cancel")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        raw = event.value.strip()
        if not raw or int(raw) > 100:
            self.notify("A whole number from 0 to 100, please.", severity="warning")
            return
        self.dismiss(int(raw) / 100)

    def action_cancel(self) -> None:
        self.dismiss(None)

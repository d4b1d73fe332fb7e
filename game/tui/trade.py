"""Conditional offers at the table: "if you accept X on one issue, we accept Y on another".

`f` opens `TradeScreen`, a small modal to pick the party asked, the issue and option asked
for and the issue and option given; `y` answers a conditional offer made to the seat. The
engine says what is legal (`why_not`); the screen only collects the choice. Mixed into
`TableScreen`, whose session and `play` it uses.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Label, Select

from game.engine.seats import name_of
from game.scenario.models import Scenario
from game.tui.dialogs import PickScreen

if TYPE_CHECKING:
    from game.engine.moves import Conditional


def _options(scenario: Scenario, issue: str) -> list[tuple[str, str]]:
    found = next((i for i in scenario.issues if i.id == issue), None)
    return [(o.label, o.id) for o in found.options] if found else []


def offers_hint(session: Any, theirs: bool) -> str:
    """The keys under the offers on the table: `y` first while a trade awaits an answer."""
    from game.engine.conditionals import open_to

    keys = ["a accept · o copy to builder"] if theirs else []
    if open_to(session.state, session.role):
        keys.insert(0, "y answer the trade offered")
    return " · ".join(keys)


class TradeScreen(ModalScreen["Conditional | None"]):
    """Pick a conditional offer: the party asked, what it is asked for, what it gets."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, scenario: Scenario, parties: list[tuple[str, str]],
                 start: dict[str, str]) -> None:
        super().__init__()
        self.scenario = scenario
        self.parties = parties
        self.start = start  # the builder's package: the options first shown

    def compose(self) -> ComposeResult:
        issues = [(i.title, i.id) for i in self.scenario.issues]
        first, second = issues[0][1], issues[min(1, len(issues) - 1)][1]
        with Vertical(classes="dialog"):
            yield Label("[b]A conditional offer[/b]: if they accept what you ask, you accept "
                        "what you give (both bound for the rest of the round)")
            yield Select(self.parties, value=self.parties[0][1], allow_blank=False, id="to",
                         prompt="Offer to")
            yield Label("You ask for")
            with Horizontal(classes="trade-row"):
                yield Select(issues, value=first, allow_blank=False, id="ask-issue")
                yield Select(_options(self.scenario, first), allow_blank=False,
                             value=self.start.get(first) or _options(self.scenario, first)[0][1],
                             id="ask-option")
            yield Label("You give in return")
            with Horizontal(classes="trade-row"):
                yield Select(issues, value=second, allow_blank=False, id="give-issue")
                yield Select(_options(self.scenario, second), allow_blank=False,
                             value=_options(self.scenario, second)[0][1], id="give-option")
            with Horizontal(classes="trade-row"):
                yield Button("Offer", variant="primary", id="offer")
                yield Button("Cancel", id="cancel")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#to", Select).focus()

    @on(Select.Changed, "#ask-issue, #give-issue")
    def _issue_changed(self, event: Select.Changed) -> None:
        side = "ask" if event.select.id == "ask-issue" else "give"
        options = _options(self.scenario, str(event.value))
        target = self.query_one(f"#{side}-option", Select)
        target.set_options(options)
        if options:
            target.value = options[0][1]

    def chosen(self) -> Conditional:
        """The conditional offer the fields show now."""
        from game.engine.moves import Conditional

        def v(name: str) -> str:
            return str(self.query_one(f"#{name}", Select).value)

        return Conditional(to=v("to"), ask={v("ask-issue"): v("ask-option")},
                           give={v("give-issue"): v("give-option")})

    @on(Button.Pressed, "#offer")
    def _offer(self) -> None:
        self.dismiss(self.chosen())

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class TradeActions:
    """The table's keys for conditional offers (`f` make one, `y` answer one)."""

    if TYPE_CHECKING:
        session: Any
        app: Any

        def query_one(self, selector: Any, expect_type: Any = None) -> Any: ...

        def play(self, move: Any, title: str) -> None: ...

    def action_conditional(self) -> None:
        from game.engine.conditionals import addressees
        from game.tui.builder import PackageBuilder

        s = self.session
        parties = [(name_of(s.scenario, p), p) for p in addressees(s.state)]

        def picked(move: Conditional | None) -> None:
            if move is not None:
                self.play(move, f"Your conditional offer to {name_of(s.scenario, move.to)}")

        self.app.push_screen(TradeScreen(s.scenario, parties,
                                         self.query_one(PackageBuilder).package), picked)

    def action_reply(self) -> None:
        from game.engine.conditionals import open_to
        from game.narrate import Narrator

        s = self.session
        waiting = open_to(s.state, s.role)
        if not waiting:
            return
        made = waiting[0]
        words = Narrator(s.scenario, s.mediator)
        who = name_of(s.scenario, made.by)
        question = (f"{who} offers: if you accept {words.terms(made.ask)}, {who} accepts "
                    f"{words.terms(made.give)}. Both sides would be bound this round.")

        def picked(answer: str | None) -> None:
            if answer is not None:
                from game.engine.moves import Reply

                self.play(Reply(conditional=made.id, accept=answer == "yes"),
                          f"Your answer to {who}'s conditional offer")

        self.app.push_screen(PickScreen(question, [("yes", "Accept the trade"),
                                                   ("no", "Decline it")]), picked)

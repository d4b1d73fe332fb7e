"""Conditional offers at a hosted table, from `redlines join` (docs/conditional-offers.md).

`f` makes one ("if you accept X on one issue, we accept Y on another") with the same small form
as the solo table (`TradeScreen`); `y` answers the one made to the seat. The client knows only
what its `state` messages say: who sits at the table (`at_table`, `people`), the seat's own log
(a `conditional` event is seen by the two seats alone), and the move kinds the engine allows now
(`legal`). The server's engine judges the move and says why it refuses one.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from textual.app import SystemCommand

from game.engine.events import ConditionAnswered, Conditioned, Event
from game.engine.seats import MEDIATOR
from game.engine.seats import name_of as name
from game.tui.dialogs import PickScreen
from game.tui.trade import TradeScreen

if TYPE_CHECKING:
    from game.engine.moves import Conditional
    from game.scenario.models import Scenario

TRADE_CSS = """
ModalScreen { align: center middle; }
.dialog { width: 90%; max-width: 100; height: auto; max-height: 90%; border: thick $primary;
          background: $surface; padding: 0 1; }
.dialog OptionList { height: auto; max-height: 12; }
.trade-row { height: auto; }
.dialog Label { width: 1fr; }
.trade-row Select { width: 1fr; }
"""
"""The dialogs' look, as the solo game's stylesheet gives it (`app.tcss`)."""


def addressees(scenario: Scenario, state: dict[str, Any], seat: str | None) -> list[str]:
    """Whom the seat may ask: the other people's party seats, and the parties at the table no
    person speaks for (the computer's). The engine has the last word (`why_not`)."""
    people = [s for s in state.get("people") or {} if s not in (seat, MEDIATOR)]
    spoken = set(people) | {seat}
    for c in scenario.coalitions:
        if c.id in spoken:
            spoken |= set(c.members)
    computer = [p for p in state.get("at_table", []) if p not in spoken]
    return computer + people


def open_to(events: list[Event], seat: str | None, round_: int) -> list[Conditioned]:
    """Conditional offers made to `seat` this round that it has not answered yet."""
    answered = {e.number for e in events if isinstance(e, ConditionAnswered)}
    return [e for e in events if isinstance(e, Conditioned) and e.to == seat
            and e.round == round_ and e.number not in answered]


class JoinTradeActions:
    """The client's keys for conditional offers. Mixed into `JoinApp`."""

    if TYPE_CHECKING:
        scenario: Scenario | None
        state: dict[str, Any]
        seat: str | None
        events: list[Event]

        app: Any

        def send(self, move: dict[str, Any]) -> None: ...

        def say(self, text: str) -> None: ...

        def package(self) -> dict[str, str]: ...

        def _allowed(self, kind: str) -> bool: ...

    def get_system_commands(self, screen: Any) -> Iterator[SystemCommand]:
        """The command palette lists the trade keys too: the footer is cut at 80 columns."""
        yield from super().get_system_commands(screen)  # type: ignore[misc]
        yield SystemCommand("Offer a trade (f)", "If they accept X on one issue, you accept Y "
                            "on another", self.action_conditional)
        yield SystemCommand("Answer the trade offered to you (y)", "Accept or decline a "
                            "conditional offer made to your seat", self.action_reply)

    def action_conditional(self) -> None:
        """Make a conditional offer to another party (f)."""
        scenario = self.scenario
        if scenario is None or not self._allowed("conditional"):
            return
        parties = [(name(scenario, p), p) for p in addressees(scenario, self.state, self.seat)]
        if not parties:
            self.say("no other party at this table to offer a trade to")
            return

        def picked(move: Conditional | None) -> None:
            if move is not None:
                self.send(move.model_dump(mode="json", exclude={"reasons"}))
                self.say(f"Your conditional offer to {name(scenario, move.to)} is sent; it "
                         "waits for their answer.")

        self.app.push_screen(TradeScreen(scenario, parties, self.package()), picked)

    def action_reply(self) -> None:
        """Answer the conditional offer made to the seat (y)."""
        from game.narrate import Narrator

        scenario = self.scenario
        waiting = open_to(self.events, self.seat, self.state.get("round", 0))
        if scenario is None or not waiting:
            self.say("no conditional offer waits for your answer")
            return
        if not self._allowed("reply"):
            return
        made = waiting[0]
        words = Narrator(scenario, self.state.get("mediator"))
        who = name(scenario, made.actor)
        question = (f"{who} offers: if you accept {words.terms(made.ask)}, {who} accepts "
                    f"{words.terms(made.give)}. Both sides would be bound this round.")

        def picked(answer: str | None) -> None:
            if answer is not None:
                self.send({"kind": "reply", "conditional": made.number,
                           "accept": answer == "yes"})

        self.app.push_screen(PickScreen(question, [("yes", "Accept the trade"),
                                               ("no", "Decline it")]), picked)

"""What the instructor has decided about the tables, kept so a restarted server honours it, and
the computer that plays a seat handed to it after the start.

The record of moves stays the store's `plays`: the instructor's decisions are a small JSON
document in the store's `meta` (which tables are paused, which seats the computer plays, who
held them, the announcements, whether the session has ended). Moves the server makes for a seat
(closing a round, the computer playing a handed seat) are recorded as that seat's plays, so a
table replays exactly; they are counted here so a student's results count only the student's
own moves.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from game.engine.events import Event
from game.engine.moves import EndRound, Move
from game.engine.players import PLAYER_STRATEGIES, player_bot
from game.server.client import EVENTS, SeatView
from game.server.store import Store
from game.server.tables import Refused, Table, _scenario_book

KEY = "console"
"""The `meta` key of the instructor's decisions."""
MAX_COMPUTER_MOVES = 60
"""Moves the computer makes for handed seats after one change at a table, at most (each
round ends well before: this guards against a strategy that would never end it)."""


@dataclass
class Control:
    """The instructor's decisions (see the module's docstring)."""

    paused: set[str] = field(default_factory=set)
    computer: dict[str, set[str]] = field(default_factory=dict)
    """Table code -> seats handed to the computer."""
    former: dict[str, dict[str, str]] = field(default_factory=dict)
    """Table code -> seat -> the name of the student who held it before the computer."""
    forced: dict[str, dict[str, int]] = field(default_factory=dict)
    """Table code -> seat -> moves the server made for that seat."""
    announcements: list[dict[str, Any]] = field(default_factory=list)
    ended: bool = False

    @classmethod
    def load(cls, store: Store) -> Control:
        text = store.meta(KEY)
        if not text:
            return cls()
        data = json.loads(text)
        return cls(paused=set(data.get("paused", [])),
                   computer={c: set(s) for c, s in data.get("computer", {}).items()},
                   former=data.get("former", {}), forced=data.get("forced", {}),
                   announcements=data.get("announcements", []),
                   ended=bool(data.get("ended")))

    def save(self, store: Store) -> None:
        store.set_meta(KEY, json.dumps({
            "paused": sorted(self.paused),
            "computer": {c: sorted(s) for c, s in self.computer.items() if s},
            "former": self.former, "forced": self.forced,
            "announcements": self.announcements[-50:], "ended": self.ended,
        }))

    def by_computer(self, code: str) -> set[str]:
        return self.computer.setdefault(code, set())

    def count(self, code: str, seat: str) -> None:
        seats = self.forced.setdefault(code, {})
        seats[seat] = seats.get(seat, 0) + 1


class SeatPlayer:
    """The computer at a human seat handed to it after the start: a built-in strategy (the
    party's own strategy from the scenario where there is one) that reads the seat's view, as
    `redlines bot` does over the network, never the other parties' numbers."""

    def __init__(self, table: Table, seat: str) -> None:
        scenario = table.scenario
        party = next((p for p in scenario.parties if p.id == seat), None)
        name = party.strategy.name if party is not None else "linear"
        self.seat = seat
        self.bot = player_bot(name if name in PLAYER_STRATEGIES else "linear", seat,
                              table.row.seed)
        self.book = _scenario_book(table.row.scenario)[1]
        self.events: list[Event] = []

    def view(self, table: Table) -> SeatView | None:
        """The seat's view now, or None when it has nothing to do."""
        state = table.seat_state(self.seat, len(self.events))
        self.events.extend(EVENTS.validate_python(e) for e in state.get("log", []))  # type: ignore[attr-defined]
        if not state.get("started") or state.get("finished") or not state.get("legal"):
            return None
        return SeatView(table.scenario, self.book, self.seat, state, self.events)

    def play(self, table: Table) -> bool:
        """One move for the seat, if it has one to make (a refused choice ends its round)."""
        seen = self.view(table)
        if seen is None:
            return False
        move: Move = self.bot.move(seen)  # type: ignore[arg-type]
        try:
            table.play(self.seat, move)
        except Refused:
            if "end_round" not in seen.legal_moves():
                return False
            table.play(self.seat, EndRound())
        return True

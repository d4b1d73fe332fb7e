"""Events into words: the one narrator of the log, for the TUI, `simulate`, the replay viewer
and the debrief exports (python-chess walks one game with several exporters the same way)."""

from __future__ import annotations

from game.engine.events import (
    Accepted,
    Agreement,
    Caucused,
    CredibilityLost,
    Drafted,
    Event,
    Gestured,
    NoDeal,
    Objected,
    Offered,
    Reason,
    Rejected,
    RoundStarted,
    ScenarioEvent,
    SeatTaken,
    WalkedOut,
)
from game.engine.mediation import REVEAL_RED_LINE
from game.engine.seats import name_of
from game.engine.strategies import Curve
from game.scenario.models import Scenario


def reason_text(r: Reason) -> str:
    """A reason as the table hears it: a red line is named with its sources."""
    cite = f" ({', '.join(r.sources)})" if r.red_line and r.sources else ""
    return r.text + cite


class Narrator:
    """Words for the events of games played on one scenario (with its chosen mediator)."""

    def __init__(self, scenario: Scenario, mediator: str | None = None) -> None:
        self.scenario = scenario
        self.mediator = mediator

    def name(self, actor: str) -> str:
        return name_of(self.scenario, actor, self.mediator)

    def line(self, e: Event) -> str:
        """One sentence for the event, as the log shows it."""
        who = self.name(e.actor)
        reasons = "; ".join(reason_text(r) for r in e.reasons)
        match e:
            case RoundStarted():
                return f"Round {e.round}: {e.title} ({e.date})."
            case ScenarioEvent():
                return e.text
            case SeatTaken():
                return (f"You take the seat of {self.name(e.to_seat)}; the computer now plays "
                        f"{self.name(e.from_seat)} ({self._how(e.from_seat)}), from what it "
                        "has seen.")
            case Offered():
                return f"{who} tables a package (offer {e.offer})."
            case Drafted():
                return f"{who} tables a draft of the single text (offer {e.offer})."
            case Accepted():
                return f"{who} accepts offer {e.offer}" + (f": {reasons}." if reasons else ".")
            case Rejected(why="consent"):
                return f"{who} does not consent: {reasons}."
            case Rejected(why="own_red_line"):
                return f"{who} cannot accept offer {e.offer}: {reasons}."
            case Rejected():
                return f"{who} rejects offer {e.offer}: {reasons}."
            case Objected():
                return f"{who} objects to offer {e.offer}: {reasons}."
            case CredibilityLost():
                why = " and ".join(r.text for r in e.reasons)
                return (f"{who} doubts the mediator: {why} (credibility {e.before:.2f} -> "
                        f"{e.after:.2f}).")
            case Caucused():
                return self._caucus(e)
            case Gestured():
                return f"{who} offers a step: {e.title}. {e.text}"
            case WalkedOut():
                return self._walk(e, who)
            case Agreement():
                later = (f" A phased deal: {', '.join(e.phased)} left for later."
                         if e.phased else "")
                return f"Agreement: every party at the table accepts offer {e.offer}.{later}"
            case NoDeal():
                return ("The talks end without agreement: every party falls back on its "
                        "alternative to a deal.")
        return f"{who}: {e.kind}"

    def _how(self, seat: str) -> str:
        party = next((p for p in self.scenario.parties if p.id == seat), None)
        if party is None:
            return "each member with its own strategy"
        return Curve(party.strategy, len(self.scenario.rounds)).describe()

    def _caucus(self, e: Caucused) -> str:
        name = self.name(e.party)
        parts = []
        if e.red_line_text is not None:
            parts.append(f"names a red line: '{e.red_line_text}'")
        if e.priorities:
            parts.append(f"shares its priorities (above all: {', '.join(e.priorities)})")
        if parts:
            return f"In a private meeting, {name} " + " and ".join(parts) + "."
        if e.credibility < REVEAL_RED_LINE:
            return (f"{name} meets you but reveals nothing: it no longer trusts you "
                    f"(credibility {e.credibility:.2f}).")
        return f"{name} meets you but has nothing new to reveal."

    @staticmethod
    def _walk(e: WalkedOut, who: str) -> str:
        if e.why == "deadline":
            return (f"{who} walks out: its deadline (round {e.deadline}) has passed without a "
                    "deal it can accept.")
        if e.why == "hopeless":
            return (f"{who} walks out: no package it can accept respects the red lines the "
                    "others have named, so the talks are worth less to it than no deal.")
        return f"{who} walks out of the talks."

"""Events into words: the one narrator of the log, for the TUI, `simulate`, the replay viewer
and the debrief exports (python-chess walks one game with several exporters the same way)."""

from __future__ import annotations

from game.engine.events import (
    Accepted,
    Agreement,
    Caucused,
    Coached,
    ConditionAnswered,
    Conditioned,
    CredibilityLost,
    Drafted,
    Event,
    Gestured,
    Guessed,
    NoDeal,
    Objected,
    Offered,
    Reason,
    Rejected,
    RoundStarted,
    Said,
    ScenarioEvent,
    SeatTaken,
    Signalled,
    TimeRanOut,
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

    def plural(self, actor: str) -> bool:
        """Whether the actor's name takes a plural verb (the scenario says so per party)."""
        return any(p.id == actor and p.plural for p in self.scenario.parties)

    def verb(self, actor: str, verb: str) -> str:
        """`verb` (given in the singular, its first word conjugated) agreed with the actor:
        'rejects' stays for Russia and becomes 'reject' for European allies."""
        if not self.plural(actor):
            return verb
        first, _, rest = verb.partition(" ")
        base = {"does": "do", "has": "have", "is": "are"}.get(first) or (
            first[:-2] if first.endswith(("shes", "ches", "sses", "xes")) else
            first[:-1] if first.endswith("s") else first)
        return f"{base} {rest}".rstrip()

    def says(self, actor: str, verb: str) -> str:
        """'Russia rejects' / 'European allies reject': the name with its verb agreed."""
        return f"{self.name(actor)} {self.verb(actor, verb)}"

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
                note = f' Note: "{e.note}"' if e.note else ""
                return f"{self.says(e.actor, 'tables')} a package (offer {e.offer}).{note}"
            case Signalled(signal="ready"):
                return f"{self.says(e.actor, 'is')} ready to close the round."
            case Signalled():
                what = f" to offer {e.offer}" if e.offer is not None else ""
                return f"{self.says(e.actor, 'signals')} agreement{what} (not binding)."
            case Said():
                return f"{who} to {self.name(e.to)}, in private: \"{e.text}\""
            case TimeRanOut():
                return f"Time is up: the host's clock closes round {e.round}."
            case Drafted():
                return (f"{self.says(e.actor, 'tables')} a draft of the single text "
                        f"(offer {e.offer}).")
            case Accepted():
                return (f"{self.says(e.actor, 'accepts')} offer {e.offer}"
                        + (f": {reasons}." if reasons else "."))
            case Rejected(why="consent"):
                return f"{self.says(e.actor, 'does not consent')}: {reasons}."
            case Rejected(why="own_red_line"):
                return f"{who} cannot accept offer {e.offer}: {reasons}."
            case Rejected():
                return f"{self.says(e.actor, 'rejects')} offer {e.offer}: {reasons}."
            case Objected():
                return f"{self.says(e.actor, 'objects')} to offer {e.offer}: {reasons}."
            case CredibilityLost():
                why = " and ".join(r.text for r in e.reasons)
                return (f"{self.says(e.actor, 'doubts')} the mediator: {why} (credibility "
                        f"{e.before:.2f} -> "
                        f"{e.after:.2f}).")
            case Caucused():
                return self._caucus(e)
            case Gestured():
                return f"{self.says(e.actor, 'offers')} a step: {e.title}. {e.text}"
            case WalkedOut():
                return self._walk(e)
            case Agreement():
                later = (f" A phased deal: {', '.join(e.phased)} left for later."
                         if e.phased else "")
                return f"Agreement: every party at the table accepts offer {e.offer}.{later}"
            case Guessed():
                top = next((i.title for i in self.scenario.issues if i.id == e.top), e.top)
                return (f"Your guess: {self.name(e.party)} cares most about {top}; its no-deal "
                        f"value is about {e.guessed_reservation:.2f}.")
            case Coached():
                return "The coach: " + " ".join(r.text for r in e.reasons)
            case Conditioned():
                return (f"{self.says(e.actor, 'offers')} {self.name(e.to)} a trade "
                        f"(conditional offer {e.number}): if {self.name(e.to)} "
                        f"{self.verb(e.to, 'accepts')} {self.terms(e.ask)}, {who} "
                        f"{self.verb(e.actor, 'accepts')} {self.terms(e.give)}"
                        + (f" ({reasons})." if reasons else "."))
            case ConditionAnswered(accepted=True):
                return (f"{self.says(e.actor, 'accepts')} conditional offer {e.number} from "
                        f"{self.name(e.to)}: {self.terms(e.ask)} and {self.terms(e.give)} now "
                        "bind both sides' proposals this round"
                        + (f" ({reasons})." if reasons else "."))
            case ConditionAnswered():
                return (f"{self.says(e.actor, 'declines')} conditional offer {e.number} from "
                        f"{self.name(e.to)}" + (f": {reasons}." if reasons else "."))
            case NoDeal():
                return ("The talks end without agreement: every party falls back on its "
                        "alternative to a deal.")
        return f"{who}: {e.kind}"

    def terms(self, choice: dict[str, str]) -> str:
        """A partial package in words: "Ceasefire: phased and Corridors: open"."""
        words = []
        for issue in self.scenario.issues:
            if issue.id in choice:
                label = next((o.label for o in issue.options if o.id == choice[issue.id]),
                             choice[issue.id])
                words.append(f"{issue.title}: {label}")
        return " and ".join(words)

    def _how(self, seat: str) -> str:
        party = next((p for p in self.scenario.parties if p.id == seat), None)
        if party is None:
            return "each member with its own strategy"
        return Curve(party.strategy, len(self.scenario.rounds)).describe()

    def _caucus(self, e: Caucused) -> str:
        v = lambda word: self.verb(e.party, word)  # noqa: E731 - a short local alias
        it, its = ("they", "their") if self.plural(e.party) else ("it", "its")
        parts = []
        if e.red_line_text is not None:
            parts.append(f"{v('names')} a red line: '{e.red_line_text}'")
        if e.priorities:
            parts.append(f"{v('shares')} {its} priorities (above all: {', '.join(e.priorities)})")
        if parts:
            return f"In a private meeting, {self.name(e.party)} " + " and ".join(parts) + "."
        if e.credibility < REVEAL_RED_LINE:
            return (f"{self.says(e.party, 'meets')} you but {v('reveals')} nothing: {it} no "
                    f"longer {v('trusts')} you (credibility {e.credibility:.2f}).")
        return f"{self.says(e.party, 'meets')} you but {v('has')} nothing new to reveal."

    def _walk(self, e: WalkedOut) -> str:
        leaves = self.says(e.actor, "walks out")
        it, its = ("they", "their") if self.plural(e.actor) else ("it", "its")
        if e.why == "deadline":
            return (f"{leaves}: {its} deadline (round {e.deadline}) has passed without a "
                    f"deal {it} can accept.")
        if e.why == "hopeless":
            return (f"{leaves}: no package {it} can accept respects the red lines the others "
                    f"have named, so the talks are worth less to {'them' if it == 'they' else 'it'}"
                    " than no deal.")
        if e.why == "trust":
            return (f"{leaves}: {it} no longer {self.verb(e.actor, 'trusts')} your side to keep "
                    f"a deal, after offers that ignored the red lines {it} named.")
        return f"{leaves} of the talks."

"""A game as a pure, deterministic state machine (CONTRACT SKELETON: the engine issue fills it in).

The TUI, `redlines simulate`, saves and the replay viewer all drive the game through this API only.
The same scenario, role, difficulty, seed and moves always give the same log.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from game.engine.log import Entry
from game.engine.moves import Move
from game.engine.situation import Situation
from game.scenario.models import Scenario


@dataclass(frozen=True)
class Offer:
    """A package on the table. `by` is a party, coalition or mediator id."""

    id: int
    by: str
    round: int
    package: dict[str, str]
    kind: str = "offer"  # "offer" or "draft" (the mediator's single text)


@dataclass(frozen=True)
class Stance:
    """What the player knows of another party: public and revealed, never more."""

    party: str
    name: str
    positions: list[tuple[str, list[str]]]  # (text, sources) of its public statements
    red_lines: list[tuple[str, str, list[str]]]  # (id, text, sources) known to the player
    priorities: dict[str, float] | None  # issue -> normalised weight, if revealed
    last_answer: Entry | None


@dataclass(frozen=True)
class PlayerScore:
    """The player's result, with the lines that explain how it was computed."""

    value: float  # 0-1
    explanation: list[str]


@dataclass(frozen=True)
class Outcome:
    agreement: bool
    package: dict[str, str] | None
    utilities: dict[str, float]  # every party: deal utility, or its reservation value if no deal
    player: PlayerScore
    walked_out: list[str] = field(default_factory=list)


class Session:
    """One game. Build with `Session.start`; change only through `play`."""

    scenario: Scenario
    role: str  # party id, coalition id, or "mediator"
    mediator: str | None  # which mediator, when role == "mediator"
    difficulty: str
    seed: int
    moves: list[Move]  # every player move so far, in order (what a save stores)
    log: list[Entry]  # everything that happened, in order

    @classmethod
    def start(
        cls,
        scenario: Scenario,
        role: str,
        *,
        seed: int = 0,
        difficulty: str | None = None,
        mediator: str | None = None,
    ) -> Session:
        raise NotImplementedError

    @classmethod
    def replay(
        cls,
        scenario: Scenario,
        role: str,
        moves: list[Move],
        *,
        seed: int = 0,
        difficulty: str | None = None,
        mediator: str | None = None,
    ) -> Session:
        """Rebuild a session exactly by replaying its moves (saves, forks)."""
        raise NotImplementedError

    def play(self, move: Move) -> list[Entry]:
        """Apply one player move; computer parties answer. Returns the new log entries.

        Raises `IllegalMove` (with a message for the player) when the move is not allowed now.
        """
        raise NotImplementedError

    @property
    def round(self) -> int:
        """1-based number of the current round."""
        raise NotImplementedError

    @property
    def situation(self) -> Situation:
        """The numbers as of the current round (for scoring in the package builder)."""
        raise NotImplementedError

    @property
    def table(self) -> list[Offer]:
        """Offers and drafts open in the current round."""
        raise NotImplementedError

    @property
    def finished(self) -> bool:
        raise NotImplementedError

    @property
    def outcome(self) -> Outcome | None:
        raise NotImplementedError

    def stances(self) -> list[Stance]:
        """What the player may know of each other party (difficulty, caucuses, answers)."""
        raise NotImplementedError

    def legal_moves(self) -> list[str]:
        """The kinds of move allowed now (e.g. ['propose', 'accept', 'end_round', 'walk_out'])."""
        raise NotImplementedError


class IllegalMove(ValueError):
    """A move the rules do not allow now; the message is for the player."""

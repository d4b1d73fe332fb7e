"""The records a session hands out: offers on the table, what the player knows of the others,
the outcome and the player's score. Plain frozen data, re-exported by `game.engine.session`."""

from __future__ import annotations

from dataclasses import dataclass, field

from game.engine.events import Event


@dataclass(frozen=True)
class Offer:
    """A package on the table. `by` is a party, coalition or mediator id."""

    id: int
    by: str
    round: int
    package: dict[str, str]
    kind: str = "offer"  # "offer" or "draft" (the mediator's single text)


@dataclass(frozen=True)
class Pledge:
    """A conditional offer: if `to` accepts `ask`, `by` accepts `give` (issue -> option each).
    `status` is "open" until answered; an accepted pledge binds both seats in its round."""

    id: int
    by: str
    to: str
    round: int
    ask: dict[str, str]
    give: dict[str, str]
    status: str = "open"  # "open", "accepted" or "declined"


@dataclass(frozen=True)
class Stance:
    """What the player knows of another party: public and revealed, never more."""

    party: str
    name: str
    positions: list[tuple[str, list[str]]]  # (text, sources) of its public statements
    red_lines: list[tuple[str, str, list[str]]]  # (id, text, sources) known to the player
    priorities: dict[str, float] | None  # issue -> normalised weight, if revealed
    last_answer: Event | None
    values: dict[str, dict[str, float]] | None = None  # issue -> option -> 0-1, if revealed
    reservation: float | None = None  # its reservation value, if revealed


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


class IllegalMove(ValueError):
    """A move the rules do not allow now; the message is for the player."""

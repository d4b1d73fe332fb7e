"""What a player (student or built-in strategy) can do: moves are data, so games can be saved,
replayed and forked like a chess game's move list."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from game.engine.events import Reason


class _Move(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Propose(_Move):
    """Table a package (a party's seat, or a coalition's)."""

    kind: Literal["propose"] = "propose"
    package: dict[str, str] = Field(description="issue id -> option id, one for every issue")


class Accept(_Move):
    """Accept an offer on the table by its id (a computer seat says why, and what it asked)."""

    kind: Literal["accept"] = "accept"
    offer: int
    reasons: list[Reason] = Field(default_factory=list)
    aspiration: float | None = Field(None, description="the least the seat asked then")


class Reject(_Move):
    """A computer seat's answer refusing an offer or a draft, with its reasons."""

    kind: Literal["reject"] = "reject"
    offer: int
    reasons: list[Reason] = Field(min_length=1)
    aspiration: float | None = None


class Pass(_Move):
    """A computer seat asked to counter has nothing new to table."""

    kind: Literal["pass"] = "pass"


class Stay(_Move):
    """A computer seat stays at the table as the round closes (`hopeless`: it expects less
    than no deal from the talks, which counts toward leaving; `step`: the confidence-building
    step it offers as it stays, one of the scenario's)."""

    kind: Literal["stay"] = "stay"
    hopeless: bool = False
    step: str | None = None


class EndRound(_Move):
    """Pass: let the round close (the computer parties still move)."""

    kind: Literal["end_round"] = "end_round"


class WalkOut(_Move):
    """Leave the talks: the player gets its reservation value. A computer seat leaves when its
    deadline has passed, nothing it can accept is left, or (at the hardest level) its trust
    in the player's side has collapsed (`why`, and the best it expected)."""

    kind: Literal["walk_out"] = "walk_out"
    why: Literal["chose", "deadline", "hopeless", "trust"] = "chose"
    expected: float | None = None


class Caucus(_Move):
    """Mediator only: a private meeting in which a party reveals part of its position."""

    kind: Literal["caucus"] = "caucus"
    party: str


class Draft(_Move):
    """Mediator only: table (or revise) the single negotiating text."""

    kind: Literal["draft"] = "draft"
    package: dict[str, str]


class Gesture(_Move):
    """Offer a confidence-building step from the scenario's list (once per round)."""

    kind: Literal["gesture"] = "gesture"
    step: str


class Coach(_Move):
    """Ask the coach about `package` (the one the player is building): advice for this seat
    only, recorded so the debrief can say how often it was asked; nothing else changes."""

    kind: Literal["coach"] = "coach"
    package: dict[str, str]


class Guess(_Move):
    """Record the player's guess of another party's top issue and no-deal value, to be set
    against the truth in the debrief; nothing changes at the table."""

    kind: Literal["guess"] = "guess"
    party: str
    top: str = Field(description="the issue the player thinks matters most to that party")
    reservation: float = Field(ge=0, le=1, description="its no-deal value, as guessed (0-1)")


class TakeSeat(_Move):
    """Fork into another seat: from here the player plays `party` (a party or coalition id) and
    the computer plays the seat the player leaves, starting from what that seat's log shows."""

    kind: Literal["take_seat"] = "take_seat"
    party: str = Field(description="party or coalition id of the seat the player takes")


Move = Annotated[
    Propose | Accept | Reject | Pass | Stay | EndRound | WalkOut | Caucus | Draft | Gesture
    | TakeSeat | Coach | Guess,
    Field(discriminator="kind"),
]
"""Any move (pydantic picks the class by `kind`)."""


class Play(BaseModel):
    """One move by one seat: the unit of the record a save keeps and a replay walks."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    seat: str = Field(description="the seat that moved: party, coalition or 'mediator'")
    move: Move

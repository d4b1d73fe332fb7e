"""What a player (student or built-in strategy) can do: moves are data, so games can be saved,
replayed and forked like a chess game's move list."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field


class _Move(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Propose(_Move):
    """Table a package (a party's seat, or a coalition's)."""

    kind: Literal["propose"] = "propose"
    package: dict[str, str] = Field(description="issue id -> option id, one for every issue")


class Accept(_Move):
    """Accept an offer on the table by its id."""

    kind: Literal["accept"] = "accept"
    offer: int


class EndRound(_Move):
    """Pass: let the round close (the computer parties still move)."""

    kind: Literal["end_round"] = "end_round"


class WalkOut(_Move):
    """Leave the talks: the player gets its reservation value."""

    kind: Literal["walk_out"] = "walk_out"


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


class TakeSeat(_Move):
    """Fork into another seat: from here the player plays `party` (a party or coalition id) and
    the computer plays the seat the player leaves, starting from what that seat's log shows."""

    kind: Literal["take_seat"] = "take_seat"
    party: str = Field(description="party or coalition id of the seat the player takes")


Move = Annotated[
    Propose | Accept | EndRound | WalkOut | Caucus | Draft | Gesture | TakeSeat,
    Field(discriminator="kind"),
]

"""What a player (student or built-in strategy) can do: moves are data, so games can be saved,
replayed and forked like a chess game's move list."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from game.engine.events import Reason
from game.scenario.controls import strip

NOTE_MAX = 200
"""Characters in a note attached to an offer: a line or two, not a second brief."""
MESSAGE_MAX = 500
"""Characters in one private message between two seats."""


def clean_text(text: str) -> str:
    """A player's free text as the table keeps it: control characters removed (they would act
    on a terminal), surrounding blanks trimmed. Markup is escaped where it is shown, not here,
    so the record keeps what was typed."""
    return strip(text).strip()


def clean_reasons(reasons: list[Reason]) -> list[Reason]:
    """Reasons a seat gives with its move, without control characters: a person's reasons
    (a hosted seat's conditional offer or answer) reach the other seat's terminal, like a
    note. A computer's reasons have none, so they are kept as they are."""
    return [r if r.text == strip(r.text) else r.model_copy(update={"text": strip(r.text)})
            for r in reasons]


class _Move(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Propose(_Move):
    """Table a package (a party's seat, or a coalition's)."""

    kind: Literal["propose"] = "propose"
    package: dict[str, str] = Field(description="issue id -> option id, one for every issue")
    note: str | None = Field(None, max_length=NOTE_MAX,
                             description="a short free-text note the others read with the offer")

    @field_validator("note")
    @classmethod
    def _clean(cls, v: str | None) -> str | None:
        return clean_text(v) or None if v is not None else None


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


class Signal(_Move):
    """Hosted table: tell the other seats this seat is `ready` (to close the round) or would
    `agree` (to `offer`, or in general); it binds nobody, and a later signal replaces it."""

    kind: Literal["signal"] = "signal"
    signal: Literal["ready", "agree"]
    offer: int | None = Field(None, description="the offer the seat would agree to")


class Message(_Move):
    """Hosted table: a private message to one other seat held by a person (between the
    mediator and a party: the caucus over the network); only the two of them read it until the
    debrief."""

    kind: Literal["message"] = "message"
    to: str = Field(max_length=64, description="the seat the message is for")
    text: str = Field(min_length=1, max_length=MESSAGE_MAX)

    @field_validator("text")
    @classmethod
    def _clean(cls, v: str) -> str:
        v = clean_text(v)
        if not v:
            raise ValueError("a message needs some text")
        return v


class TimeUp(_Move):
    """Hosted table: the host's round clock ran out in round `round`, which closes it. A move
    of the host's (seat `host`), so the end of the round is in the record and a replay closes
    it at the same point, whatever the time of day."""

    kind: Literal["time_up"] = "time_up"
    round: int = Field(ge=1)


class Conditional(_Move):
    """A trade across issues offered to one party: "if you accept `ask`, we accept `give`".
    Each side is a partial package (issue -> option); accepted, both bind the two seats for the
    rest of the round (docs/conditional-offers.md)."""

    kind: Literal["conditional"] = "conditional"
    to: str = Field(description="the party (or hosted human seat) asked")
    ask: dict[str, str] = Field(description="issue -> option the other side is asked to accept")
    give: dict[str, str] = Field(description="issue -> option the proposer accepts in return")
    reasons: list[Reason] = Field(default_factory=list)

    @field_validator("reasons")
    @classmethod
    def _clean(cls, v: list[Reason]) -> list[Reason]:
        return clean_reasons(v)


class Reply(_Move):
    """Answer a conditional offer made to your seat: accept it (both sides bound) or not."""

    kind: Literal["reply"] = "reply"
    conditional: int = Field(description="number of the conditional offer answered")
    accept: bool
    reasons: list[Reason] = Field(default_factory=list)

    @field_validator("reasons")
    @classmethod
    def _clean(cls, v: list[Reason]) -> list[Reason]:
        return clean_reasons(v)


Move = Annotated[
    Propose | Accept | Reject | Pass | Stay | EndRound | WalkOut | Caucus | Draft | Gesture
    | TakeSeat | Coach | Guess | Signal | Message | TimeUp | Conditional | Reply,
    Field(discriminator="kind"),
]
"""Any move (pydantic picks the class by `kind`)."""


class Play(BaseModel):
    """One move by one seat: the unit of the record a save keeps and a replay walks."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    seat: str = Field(description="the seat that moved: party, coalition or 'mediator'")
    move: Move

"""The `state` message's payload, field by field: the JSON Schema of docs/protocol.md.

The server builds each state as plain data (`Table.seat_state`, `watch.observer_state`) and
sends it without validating it again on every move; these models say what that data is, and
the tests validate every state a real server sends against them (`extra="forbid"`: a field
added to the server and not here fails), so the schema cannot drift from what is sent.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from game.engine.events import Event


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid")


class RedLineOut(_Part):
    id: str
    text: str
    sources: list[str] | None = None


class OwnParty(_Part):
    """One of the seat's own parties: its confidential numbers and brief (this seat alone)."""

    name: str
    brief: str
    reservation: float = Field(description="its no-deal value (0-1)")
    demand: float = Field(description="the least it accepts now: reservation and mistrust")
    weights: dict[str, float] = Field(description="issue id -> weight (they sum to 1)")
    values: dict[str, dict[str, float]] = Field(description="issue id -> option id -> 0-1")
    red_lines: list[RedLineOut]


class Position(_Part):
    text: str
    sources: list[str]


class StanceOut(_Part):
    """What the seat knows of another party: public, or revealed by the difficulty or by a
    caucus."""

    party: str
    name: str
    positions: list[Position]
    red_lines: list[RedLineOut] = Field(description="the red lines the seat has heard")
    priorities: dict[str, float] | None
    values: dict[str, dict[str, float]] | None
    reservation: float | None
    last_answer: Event | None


class OfferOut(_Part):
    id: int
    by: str = Field(description="party, coalition or 'mediator'")
    round: int
    package: dict[str, str] = Field(description="issue id -> option id")
    kind: Literal["offer", "draft"]


class OutcomeOut(_Part):
    agreement: bool
    package: dict[str, str] | None
    utilities: dict[str, float] = Field(description="the seat's own parties' final utility")


class SignalOut(_Part):
    signal: Literal["ready", "agree"]
    offer: int | None = Field(description="the offer an `agree` names, if any")


class ClockOut(_Part):
    minutes: float = Field(description="minutes each round has")
    round: int = Field(description="the round the countdown is for")
    seconds_left: float = Field(ge=0, description="seconds left when the state was made")


class SeatState(_Part):
    """One seat's view of the table (an observer's: the public record). Before the table
    starts, only the first five fields are sent."""

    code: str
    seat: str | None = Field(description="the seat; null for an observer")
    observer: bool = Field(False, description="sent (true) to observers only")
    started: bool
    waiting_for: list[str] = Field(description="seats not yet taken")
    round: int | None = None
    rounds: int | None = None
    finished: bool | None = None
    at_table: list[str] | None = Field(None, description="parties still at the table")
    mediator: str | None = Field(None, description="the mediator's id when one plays")
    legal: list[str] | None = Field(None, description="move kinds the seat may make now")
    turns_left: int | None = Field(None, description="offers the seat has left this round")
    ended_round: list[str] | None = Field(None, description="human seats that ended the round")
    moves: int | None = Field(None, description="moves the people at the table have made")
    own: dict[str, OwnParty] | None = Field(None, description="the seat's own parties")
    stances: list[StanceOut] | None = None
    offers: list[OfferOut] | None = Field(None, description="on the table this round")
    log_start: int | None = Field(None, description="index of the first entry in `log`")
    log_size: int | None = Field(None, description="length of the seat's whole log")
    log: list[Event] | None = Field(None, description="the seat's events from `log_start` on")
    credibility: dict[str, float] | None = Field(None, description="the mediator's seat only")
    outcome: OutcomeOut | None = None
    signals: dict[str, SignalOut] | None = Field(
        None, description="each seat's latest signal this round")
    people: dict[str, str] | None = Field(
        None, description="seats people hold -> their names (whom a message may go to)")
    talk: list[Literal["signal", "message"]] | None = Field(
        None, description="the words the seat may say now (not moves at the table)")
    clock: ClockOut | None = Field(None, description="the round clock, if the host set one")


class StateDoc(BaseModel):
    """The seat's view of the table and what it may do (see `SeatState`); `ack` repeats the
    id of the client's move this state answers."""

    model_config = ConfigDict(extra="forbid", title="State")

    v: Literal[1] = 1
    type: Literal["state"] = "state"
    ack: int | None = None
    state: SeatState

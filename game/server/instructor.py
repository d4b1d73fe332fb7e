"""The instructor's messages, version 1 (docs/protocol.md, "The instructor's console").

The console speaks HTTP to the same server as the students: `GET /api/console` for every table
live, `POST /api/console` with one of the messages below, and two exports; every request carries
`Authorization: Bearer TOKEN` (the instructor token), and none is served without it. The
students hear of what the instructor does through `notice` messages on their own WebSocket.

Kept apart from `game.server.protocol` (the students' messages) so each side's schema is read on
its own; the two share the envelope (`type`, `v`) and the `error` message.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from game.server.protocol import MAX_MESSAGE_BYTES, VERSION, Error

Code = Annotated[str, Field(min_length=4, max_length=6, description="the table's join code")]
SeatId = Annotated[str, Field(min_length=1, max_length=64, description="a seat at that table")]


class _Msg(BaseModel):
    model_config = ConfigDict(extra="forbid")

    v: Literal[1] = VERSION


class Start(_Msg):
    """Start table `code` now: the seats students hold are theirs, the computer plays every
    other party."""

    type: Literal["start"] = "start"
    code: Code


class Pause(_Msg):
    """Pause table `code` (None: every table): no student's move is played until `resume`."""

    type: Literal["pause"] = "pause"
    code: Code | None = None


class Resume(_Msg):
    """Let table `code` (None: every paused table) go on."""

    type: Literal["resume"] = "resume"
    code: Code | None = None


class Advance(_Msg):
    """Close the current round of table `code`: every seat that has not ended it ends it (a
    move recorded for that seat, and counted as the instructor's, not the student's)."""

    type: Literal["advance"] = "advance"
    code: Code


class Announce(_Msg):
    """Say `text` to every student (or to the students at table `code`)."""

    type: Literal["announce"] = "announce"
    text: str = Field(min_length=1, max_length=500, description="what every student reads")
    code: Code | None = None


class Assign(_Msg):
    """Move the student at `from_code`/`from_seat` to `seat` of table `code`. A seat held by
    another student is swapped with it. Once a table has started, a student may only take a
    seat handed to the computer, and a seat a student leaves there goes to the computer."""

    type: Literal["assign"] = "assign"
    code: Code
    seat: SeatId
    from_code: Code
    from_seat: SeatId


class ToComputer(_Msg):
    """Hand `seat` of table `code` to the computer: the student holding it (if any) loses it.
    Before the start the computer then plays that party as in a solo game; after it, the
    server plays the seat with a built-in strategy that reads only the seat's view."""

    type: Literal["to_computer"] = "to_computer"
    code: Code
    seat: SeatId


class EndSession(_Msg):
    """End the session: no table takes another move, and every student is told."""

    type: Literal["end_session"] = "end_session"


class Done(_Msg):
    """The instructor's message was carried out; `message` says what happened."""

    type: Literal["done"] = "done"
    message: str


class Notice(_Msg):
    """Sent to students (WebSocket): what the instructor did that concerns them. `kind` is
    `announcement` (the instructor's words in `text`), `paused`, `resumed`, `ended`, or
    `seat` (the student's seat was handed to the computer or moved; a `welcome` follows a
    move)."""

    type: Literal["notice"] = "notice"
    kind: Literal["announcement", "paused", "resumed", "ended", "seat"]
    text: str


Command = Start | Pause | Resume | Advance | Announce | Assign | ToComputer | EndSession
COMMAND: TypeAdapter[Command] = TypeAdapter(
    Annotated[Command, Field(discriminator="type")])


def parse_command(text: str | bytes) -> Command | Error:
    """An instructor's message, or the error naming its first bad field."""
    if len(text) > MAX_MESSAGE_BYTES:
        return Error(message=f"message too large ({len(text)} bytes; at most "
                     f"{MAX_MESSAGE_BYTES})")
    try:
        return COMMAND.validate_json(text)
    except ValidationError as err:
        first = err.errors()[0]
        if first["type"] == "json_invalid":
            return Error(message=f"not JSON: {first['msg']}")
        loc = [str(p) for p in first["loc"]]
        if first["type"] in ("union_tag_not_found", "union_tag_invalid"):
            return Error(field="type", message="field 'type': one of "
                         + ", ".join(_TYPES))
        where = ".".join(loc[1:]) or None
        if where is None:
            return Error(message=f"a message is one JSON object: {first['msg']}")
        return Error(field=where, message=f"field '{where}': {first['msg']}")


_MODELS: tuple[type[_Msg], ...] = (Start, Pause, Resume, Advance, Announce, Assign, ToComputer,
                                   EndSession, Done, Notice)
_TYPES = [str(m.model_fields["type"].default) for m in _MODELS[:8]]


def instructor_schemas() -> dict[str, dict[str, Any]]:
    """Every instructor message's JSON Schema, by type (docs/protocol.md shows them)."""
    return {str(m.model_fields["type"].default): m.model_json_schema() for m in _MODELS}

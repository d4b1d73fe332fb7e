"""The JSON spoken between a hosted table and its clients, version 1 (docs/protocol.md).

Every message is one JSON object with a `type` (the discriminator) and the protocol version
`v`. A client says `hello` (join a table by code, or come back with a seat token), then sends
`move`s; the server answers `welcome`, sends each client a `state` holding only its seat's view
after every change, `refused` for a move the rules turn down (with the engine's reason), and
`error` for a message it cannot read (naming the field). Nothing a client sends stops a table.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from game.engine.moves import Move

VERSION: Literal[1] = 1
MAX_MESSAGE_BYTES = 64 * 1024
"""A client message over this size is refused unread (a package is well under 2 KB)."""


class _Msg(BaseModel):
    model_config = ConfigDict(extra="forbid")

    v: Literal[1] = VERSION


# -- client to server -----------------------------------------------------------------------------


class Hello(_Msg):
    """Join table `code`: take `seat` (or the first free seat), or come back with `token`."""

    type: Literal["hello"] = "hello"
    code: str = Field(min_length=4, max_length=6, description="the table's join code")
    seat: str | None = Field(None, max_length=64, description="the seat wanted (None: any)")
    name: str = Field("", max_length=60, description="the student's name, for the host")
    token: str | None = Field(None, max_length=100,
                              description="the seat token from an earlier welcome")
    watch: bool = Field(False, description="watch the table as an observer (no seat, public "
                        "record only, no moves)")


class MoveMessage(_Msg):
    """Make a move for the client's seat; `id` comes back in the answer (`ack`)."""

    type: Literal["move"] = "move"
    id: int = Field(0, ge=0, description="the client's number for this move")
    move: Move


ClientMessage = Annotated[Hello | MoveMessage, Field(discriminator="type")]
CLIENT: TypeAdapter[Hello | MoveMessage] = TypeAdapter(ClientMessage)

# -- server to client -----------------------------------------------------------------------------


class Welcome(_Msg):
    """The client holds `seat` at table `code`; keep `token` to come back to it."""

    type: Literal["welcome"] = "welcome"
    code: str
    seat: str
    token: str
    scenario: str = Field(description="the scenario's id")
    seats: list[str] = Field(description="the seats students may take at this table")


class Watching(_Msg):
    """The client watches table `code` as an observer: it is sent the public record in
    `state` messages and may not move."""

    type: Literal["watching"] = "watching"
    code: str
    scenario: str = Field(description="the scenario's id")
    seats: list[str] = Field(description="the seats students may take at this table")


class State(_Msg):
    """The seat's view of the table (`game.engine.views.view`) and what it may do: `legal`
    move kinds, `turns_left`, the round's `ended_round` seats, `waiting_for` seats not yet
    taken, its own confidential numbers in `own`, and what it knows of the others in
    `stances`. `ack` repeats the id of the client's move this state answers."""

    type: Literal["state"] = "state"
    ack: int | None = None
    state: dict[str, Any]


class Refused(_Msg):
    """The move was not played; `reason` is the engine's, in the player's words."""

    type: Literal["refused"] = "refused"
    ack: int | None = None
    reason: str


class Error(_Msg):
    """A message the server could not read or act on; `field` names where (None: the whole
    message). The connection stays open."""

    type: Literal["error"] = "error"
    field: str | None = None
    message: str


ServerMessage = Annotated[Welcome | Watching | State | Refused | Error,
                          Field(discriminator="type")]
SERVER: TypeAdapter[Welcome | Watching | State | Refused | Error] = TypeAdapter(ServerMessage)


def parse_client(text: str | bytes) -> Hello | MoveMessage | Error:
    """A client's message, or the error to send back naming the first bad field."""
    if len(text) > MAX_MESSAGE_BYTES:
        return Error(message=f"message too large ({len(text)} bytes; at most "
                     f"{MAX_MESSAGE_BYTES})")
    try:  # strict: `true` is not a move id, "3" not a number (lax mode took both)
        return CLIENT.validate_json(text, strict=True)
    except ValidationError as err:
        first = err.errors()[0]
        if first["type"] == "json_invalid":
            return Error(message=f"not JSON: {first['msg']}")
        where = _field(list(first["loc"]))
        if first["type"] in ("union_tag_not_found", "union_tag_invalid") and where is None:
            where = "type"
        if where is None:
            return Error(message=f"a message is one JSON object: {first['msg']}")
        return Error(field=where, message=f"field '{where}': {first['msg']}")


def _field(loc: list[int | str]) -> str | None:
    """The field's path as a client wrote it, without pydantic's union tags (the message
    `type`, and the move's `kind`)."""
    if loc and loc[0] in ("hello", "move"):
        loc = loc[1:]
    if len(loc) >= 2 and loc[0] == "move" and isinstance(loc[1], str) and "." not in loc[1] \
            and loc[1] in _KINDS:
        loc = [loc[0], *loc[2:]]
    return ".".join(str(p) for p in loc) or None


_KINDS = {m.model_fields["kind"].default for m in get_args(get_args(Move)[0])}
"""Every move kind (the tags pydantic puts in an error's location)."""


def schemas() -> dict[str, dict[str, Any]]:
    """Every message's JSON Schema, by type (docs/protocol.md is built from these)."""
    out: dict[str, dict[str, Any]] = {}
    from game.server.state_schema import StateDoc

    for model in (Hello, MoveMessage, Welcome, Watching, StateDoc, Refused, Error):
        type_default = model.model_fields["type"].default
        out[str(type_default)] = model.model_json_schema()
    return out

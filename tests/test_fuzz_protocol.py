"""Fuzz tests for the hosted-table protocol (issue 17): whatever a client sends (not JSON, not an
object, oversized, nested too deep, numbers too big, wrong types, unknown message types or move
kinds, stray fields, bytes that are not UTF-8) is answered with an error, and the table plays
on. The parser is fuzzed directly; a seeded mix of the same classes goes through the server."""

from __future__ import annotations

import json
import random
from typing import Any

import pytest
from aiohttp.test_utils import TestClient
from hypothesis import given, settings
from hypothesis import strategies as st

from game.server.protocol import (
    _KINDS,
    MAX_MESSAGE_BYTES,
    Error,
    Hello,
    MoveMessage,
    parse_client,
)
from tests.test_server_app import _join, _recv, _until, client  # noqa: F401 - the fixture

KEYS = ["type", "v", "code", "seat", "name", "token", "id", "move", "kind", "package", "offer",
        "party", "reasons", "x"]
leaf = st.one_of(st.none(), st.booleans(), st.floats(allow_nan=False, allow_infinity=False),
                 st.integers(-(10**30), 10**30), st.text(max_size=8),
                 st.sampled_from(["hello", "move", "ACDEF", *sorted(_KINDS), "nope"]))
value = st.recursive(leaf, lambda inner: st.lists(inner, max_size=3)
                     | st.dictionaries(st.sampled_from(KEYS), inner, max_size=4), max_leaves=20)
message = st.dictionaries(st.sampled_from(KEYS), value, max_size=5)


def _checked(result: Hello | MoveMessage | Error) -> None:
    assert isinstance(result, Hello | MoveMessage | Error)
    if isinstance(result, Error):
        assert result.message
        json.loads(result.model_dump_json())  # what the server sends back


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(message)
def test_any_json_object_is_a_message_or_an_error(doc: dict[str, Any]) -> None:
    result = parse_client(json.dumps(doc))
    _checked(result)
    if not isinstance(result, Error):  # accepted: exactly the fields a message has
        assert isinstance(doc.get("type"), str) and isinstance(doc.get("id", 0), int)


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.binary(max_size=200), st.text(max_size=200)))
def test_any_bytes_or_text_are_a_message_or_an_error(data: bytes | str) -> None:
    _checked(parse_client(data))


def hostile(rng: random.Random) -> str | bytes:
    """One message of a class that must be refused (never a valid one)."""
    kind = rng.choice(sorted(_KINDS) + ["launch"])
    cases: list[Any] = [
        "{" + "".join(rng.choice('"{[:,1a') for _ in range(rng.randrange(1, 30))),
        json.dumps(rng.choice([1, "hello", None, [1, 2], 2.5, True])),
        json.dumps({"code": "ACDEF"}),
        json.dumps({"type": rng.choice(["", "helo", "state", "error", 5, None])}),
        json.dumps({"type": "hello", "code": rng.choice([5, None, ["ACDEF"], {}, "A" * 50])}),
        json.dumps({"type": "hello", "code": "ACDEF", "name": "n" * 61}),
        json.dumps({"type": "hello", "code": "ACDEF", "seat": 3}),
        json.dumps({"type": "hello", "code": "ACDEF", "v": rng.choice([2, "1", None])}),
        json.dumps({"type": "move", "id": rng.choice([-1, "3", 1.5, True, None]),
                    "move": {"kind": "end_round"}}),
        json.dumps({"type": "move", "move": {"kind": kind, "stray": 1}}),
        json.dumps({"type": "move", "move": rng.choice([None, [], "end_round", 7])}),
        json.dumps({"type": "move"}),
        json.dumps({"type": "move", "move": {"kind": "propose", "package": {"a": [1]}}}),
        '{"type": "move", "id": ' + "9" * 5000 + ', "move": {"kind": "end_round"}}',
        "[" * 3000 + "]" * 3000,
        '{"type": "move", "move": ' + '{"a": ' * 500 + "1" + "}" * 500 + "}",
        "x" * (MAX_MESSAGE_BYTES + rng.randrange(1, 1000)),
        bytes(rng.randrange(128, 256) for _ in range(rng.randrange(1, 40))),
    ]
    return rng.choice(cases)


async def _answer(ws: Any) -> dict[str, Any]:
    """The first error or refusal after a message (a state may come with a refusal)."""
    for _ in range(10):
        data = await _recv(ws)
        if data["type"] in ("error", "refused"):
            return data
    raise AssertionError("no error for a hostile message")


@pytest.mark.slow
async def test_hostile_messages_get_errors_and_the_table_plays_on(
        client: TestClient) -> None:  # type: ignore[type-arg]  # noqa: F811
    rng = random.Random(17)
    stranger = await client.ws_connect("/ws")
    ua, welcome = await _join(client, "ukraine")
    assert welcome["type"] == "welcome"
    await _until(ua, "state")
    ru, _ = await _join(client, "russia")
    await _until(ua, "state")
    await _until(ru, "state")
    for ws in (stranger, ua):  # before a hello, and from a seated player
        for _ in range(30):  # under the rate limit's burst: each is parsed, not dropped
            data = hostile(rng)
            if isinstance(data, bytes):
                await ws.send_bytes(data)
            else:
                await ws.send_str(data)
            answer = await _answer(ws)
            assert answer["type"] == "error" and answer["message"], data[:80]
            assert "internal error" not in answer["message"]
    # The table still plays: a seat's round ends, and the answer is its state.
    await ru.send_str(json.dumps({"type": "move", "id": 9, "move": {"kind": "end_round"}}))
    state = await _until(ru, "state")
    while state.get("ack") != 9:
        state = await _until(ru, "state")
    assert state["state"]["started"]

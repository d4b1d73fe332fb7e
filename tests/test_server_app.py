"""The WebSocket server in-process: hello and welcome, each seat's own state, errors that name
the field for malformed, oversized, too fast, out-of-turn and other-seat messages (the table
goes on), a seat token that brings a dropped client back, and the instructor's list behind
its token."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp import ClientWebSocketResponse
from aiohttp.test_utils import TestClient, TestServer

from game.server.app import Hub, build_app
from game.server.protocol import MAX_MESSAGE_BYTES
from tests.test_server_tables import istanbul_table

TOKEN = "instructor-secret"


@pytest.fixture
async def client(tmp_path: Path) -> AsyncIterator[TestClient]:  # type: ignore[type-arg]
    hub = Hub([istanbul_table(tmp_path, seed=0)], TOKEN)
    async with TestClient(TestServer(build_app(hub))) as c:
        yield c


async def _recv(ws: ClientWebSocketResponse) -> dict[str, Any]:
    msg = await ws.receive(timeout=10)
    return json.loads(msg.data)  # type: ignore[no-any-return]


async def _until(ws: ClientWebSocketResponse, kind: str) -> dict[str, Any]:
    for _ in range(50):
        data = await _recv(ws)
        if data["type"] == kind:
            return data
    raise AssertionError(f"no {kind} message")


async def _join(client: TestClient, seat: str, **extra: Any) -> tuple[  # type: ignore[type-arg]
        ClientWebSocketResponse, dict[str, Any]]:
    ws = await client.ws_connect("/ws")
    await ws.send_str(json.dumps({"type": "hello", "code": "acdef", "seat": seat, **extra}))
    return ws, await _recv(ws)


async def test_two_seats_join_and_each_gets_its_own_state(client: TestClient) -> None:  # type: ignore[type-arg]
    ua, welcome = await _join(client, "ukraine", name="Ann")
    assert welcome["type"] == "welcome" and welcome["seat"] == "ukraine" and welcome["token"]
    waiting = await _until(ua, "state")
    assert waiting["state"]["started"] is False and waiting["state"]["waiting_for"] == ["russia"]
    ru, _ = await _join(client, "russia")
    ua_state = (await _until(ua, "state"))["state"]
    ru_state = (await _until(ru, "state"))["state"]
    assert ua_state["started"] and set(ua_state["own"]) == {"ukraine"}
    assert set(ru_state["own"]) == {"russia"}
    assert "propose" in ua_state["legal"]


async def test_bad_messages_get_errors_naming_the_field_and_the_table_goes_on(
        client: TestClient) -> None:  # type: ignore[type-arg]
    ws = await client.ws_connect("/ws")
    await ws.send_str("{not json")
    assert (await _recv(ws))["message"].startswith("not JSON")
    await ws.send_str(json.dumps({"type": "move", "move": {"kind": "end_round"}}))
    assert (await _recv(ws))["message"].startswith("say hello first")
    await ws.send_str(json.dumps({"type": "hello", "code": "ZZZZZ"}))
    err = await _recv(ws)
    assert err["type"] == "error" and err["field"] == "code"
    await ws.send_str(json.dumps({"type": "hello"}))
    assert (await _recv(ws))["field"] == "code"
    await ws.send_str("x" * (MAX_MESSAGE_BYTES + 10))
    assert "too large" in (await _recv(ws))["message"]
    ua, _ = await _join(client, "ukraine")
    await _until(ua, "state")
    ru, _ = await _join(client, "russia")
    await _until(ua, "state")
    # acting for another seat: a move names no seat, and a seat field is refused
    await ua.send_str(json.dumps({"type": "move", "seat": "russia",
                                  "move": {"kind": "end_round"}}))
    err = await _until(ua, "error")
    assert err["field"] == "seat"
    await ua.send_str(json.dumps({"type": "move", "move": {"kind": "accept", "offer": "x"}}))
    assert (await _until(ua, "error"))["field"] == "move.offer"
    # out of turn: the round already ended for this seat
    await ua.send_str(json.dumps({"type": "move", "id": 1, "move": {"kind": "end_round"}}))
    await ua.send_str(json.dumps({"type": "move", "id": 2, "move": {"kind": "end_round"}}))
    refused = await _until(ua, "refused")
    assert refused["ack"] == 2 and "ended this round" in refused["reason"]
    # a computer's kind of move is refused with the engine's words
    await ru.send_str(json.dumps({"type": "move", "id": 7,
                                  "move": {"kind": "pass"}}))
    assert "computer seat's answer" in (await _until(ru, "refused"))["reason"]
    # and the table still plays
    await ru.send_str(json.dumps({"type": "move", "id": 8, "move": {"kind": "end_round"}}))
    state = await _until(ru, "state")
    while state.get("ack") != 8:
        state = await _until(ru, "state")
    assert state["state"]["round"] == 2


async def test_too_many_messages_are_dropped_with_an_error(client: TestClient) -> None:  # type: ignore[type-arg]
    ws = await client.ws_connect("/ws")
    for _ in range(80):
        await ws.send_str("{}")
    kinds = [(await _recv(ws))["message"] for _ in range(80)]
    assert any(m.startswith("too many messages") for m in kinds)


async def test_a_dropped_student_comes_back_to_the_same_seat(client: TestClient) -> None:  # type: ignore[type-arg]
    ua, welcome = await _join(client, "ukraine")
    ru, _ = await _join(client, "russia")
    await ua.send_str(json.dumps({"type": "move", "id": 1, "move": {"kind": "end_round"}}))
    await _until(ua, "state")
    await ua.close()
    back = await client.ws_connect("/ws")
    await back.send_str(json.dumps({"type": "hello", "code": "ACDEF",
                                    "token": welcome["token"]}))
    again = await _recv(back)
    assert again["type"] == "welcome" and again["seat"] == "ukraine"
    state = (await _until(back, "state"))["state"]
    assert state["ended_round"] == ["ukraine"]  # nothing lost: its end of round stands
    assert state["log_start"] == 0 and len(state["log"]) == state["log_size"] > 0
    await ru.send_str(json.dumps({"type": "move", "id": 1, "move": {"kind": "end_round"}}))
    later = (await _until(back, "state"))["state"]  # only what is new since
    assert later["log_start"] == state["log_size"] and later["round"] == 2
    assert len(later["log"]) == later["log_size"] - state["log_size"] > 0
    other, bad = await _join(client, "ukraine")
    assert bad["type"] == "error" and "taken" in bad["message"]


async def test_the_instructor_list_needs_the_token(client: TestClient) -> None:  # type: ignore[type-arg]
    assert (await client.get("/api/tables")).status == 401
    wrong = await client.get("/api/tables", headers={"Authorization": "Bearer nope"})
    assert wrong.status == 401
    ok = await client.get("/api/tables", headers={"Authorization": f"Bearer {TOKEN}"})
    tables = await ok.json()
    assert [t["code"] for t in tables] == ["ACDEF"]
    for key in ("code", "scenario", "round", "finished", "agreement", "deal", "moves_by_seat"):
        assert key in tables[0]

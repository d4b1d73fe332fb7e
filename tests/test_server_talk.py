"""What people at a hosted table say besides moves, on a real server on loopback: signals reach
every seat, a private message reaches its two seats only (never a third seat nor an observer),
a note on an offer is bounded and stripped of control characters, an observer sees the public
record and cannot act, and every state sent fits the state message's schema."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp import ClientWebSocketResponse
from aiohttp.test_utils import TestClient, TestServer

from game.files import resolve
from game.server.app import Hub, build_app
from game.server.state_schema import StateDoc
from tests.test_server_tables import istanbul_table

SEATS = ("ukraine", "russia", "mediator")
SECRET = "meet me at the lake [b]tonight[/b]"


@pytest.fixture
async def client(tmp_path: Path) -> AsyncIterator[TestClient]:  # type: ignore[type-arg]
    table = istanbul_table(tmp_path, SEATS, seed=0, mediator="turkey")
    async with TestClient(TestServer(build_app(Hub([table], "t")))) as c:
        yield c


class Seat:
    """One connection and every message it received (the transcript a bot would write)."""

    def __init__(self, ws: ClientWebSocketResponse) -> None:
        self.ws, self.got = ws, []  # type: list[dict[str, Any]]
        self.state: dict[str, Any] = {}
        self.log: list[dict[str, Any]] = []
        """The whole log as this connection has it (each state sends the entries after)."""

    async def next(self, kind: str) -> dict[str, Any]:
        for _ in range(60):
            msg = await self.ws.receive(timeout=10)
            data = json.loads(msg.data)
            self.got.append(data)
            if data["type"] == "state":
                StateDoc.model_validate(data)  # every state fits the documented schema
                self.state = data["state"]
                if "log" in self.state:
                    del self.log[self.state["log_start"]:]
                    self.log.extend(self.state["log"])
            if data["type"] == kind:
                return data  # type: ignore[no-any-return]
        raise AssertionError(f"no {kind} message")

    async def move(self, move: dict[str, Any], ident: int = 1) -> dict[str, Any]:
        await self.ws.send_str(json.dumps({"type": "move", "id": ident, "move": move}))
        while True:
            data = await self.next("state")
            if data.get("ack") == ident:
                return data["state"]  # type: ignore[no-any-return]

    def text(self) -> str:
        return json.dumps(self.got)


async def _seat(client: TestClient, hello: dict[str, Any]) -> Seat:  # type: ignore[type-arg]
    seat = Seat(await client.ws_connect("/ws"))
    await seat.ws.send_str(json.dumps({"type": "hello", "code": "ACDEF", **hello}))
    await seat.next("state")
    return seat


async def _table(client: TestClient) -> tuple[Seat, Seat, Seat, Seat]:  # type: ignore[type-arg]
    watcher = await _seat(client, {"watch": True})
    ua = await _seat(client, {"seat": "ukraine", "name": "Ann"})
    ru = await _seat(client, {"seat": "russia", "name": "Boris"})
    med = await _seat(client, {"seat": "mediator", "name": "Cem"})
    for s in (ua, ru, watcher):
        while not s.state.get("started"):
            await s.next("state")
    return ua, ru, med, watcher


async def test_a_private_message_reaches_its_two_seats_only(client: TestClient) -> None:  # type: ignore[type-arg]
    ua, ru, med, watcher = await _table(client)
    assert ua.state["talk"] == ["signal", "message"]
    assert ua.state["people"] == {"ukraine": "Ann", "russia": "Boris", "mediator": "Cem"}
    state = await med.move({"kind": "message", "to": "ukraine", "text": SECRET})
    said = [e for e in state["log"] if e["kind"] == "message"]
    assert said and said[0]["text"] == SECRET and said[0]["visible_to"] == ["mediator", "ukraine"]
    await ru.move({"kind": "end_round"}, 2)  # let every connection hear of a later change
    for s in (ua, med, watcher):
        await s.next("state")
    assert SECRET in ua.text() and SECRET in med.text()
    assert "lake" not in ru.text() and "lake" not in watcher.text()
    # a message to a computer party, or to oneself, is refused with the engine's reason
    await ua.ws.send_str(json.dumps({"type": "move", "id": 5, "move": {
        "kind": "message", "to": "usa", "text": "hi"}}))
    assert "the computer reads no messages" in (await ua.next("refused"))["reason"]
    await ua.ws.send_str(json.dumps({"type": "move", "id": 6, "move": {
        "kind": "message", "to": "ukraine", "text": "hi"}}))
    assert "another seat" in (await ua.next("refused"))["reason"]


async def test_signals_reach_every_seat_and_a_seat_that_ended_the_round_may_still_talk(
        client: TestClient) -> None:  # type: ignore[type-arg]
    ua, ru, med, watcher = await _table(client)
    await ua.move({"kind": "end_round"})
    state = await ua.move({"kind": "signal", "signal": "ready"}, 2)
    assert state["signals"] == {"ukraine": {"signal": "ready", "offer": None}}
    offer = await ru.move({"kind": "propose", "package": _package(ru.state)})
    number = offer["offers"][-1]["id"]
    await med.move({"kind": "signal", "signal": "agree", "offer": number})
    for s in (ua, watcher):
        while s.state.get("signals", {}).get("mediator") is None:
            await s.next("state")
        assert s.state["signals"]["mediator"] == {"signal": "agree", "offer": number}
    await ru.ws.send_str(json.dumps({"type": "move", "id": 9, "move": {
        "kind": "signal", "signal": "agree", "offer": 999}}))
    assert "no offer 999" in (await ru.next("refused"))["reason"]


async def test_a_note_on_an_offer_is_bounded_and_loses_its_control_characters(
        client: TestClient) -> None:  # type: ignore[type-arg]
    ua, ru, med, watcher = await _table(client)
    await ua.ws.send_str(json.dumps({"type": "move", "id": 1, "move": {
        "kind": "propose", "package": _package(ua.state), "note": "x" * 201}}))
    err = await ua.next("error")
    assert err["field"] == "move.note" and "200" in err["message"]
    state = await ua.move({"kind": "propose", "package": _package(ua.state),
                           "note": "  [red]final\x1b[2J offer\x07  "}, 2)
    note = [e for e in state["log"] if e["kind"] == "offer"][-1]["note"]
    assert note == "[red]final[2J offer"  # kept as typed, less the controls; escaped on show
    while not any(e.get("note") == note for e in watcher.log):
        await watcher.next("state")


async def test_an_observer_sees_the_public_record_only_and_cannot_act(
        client: TestClient) -> None:  # type: ignore[type-arg]
    ua, ru, med, watcher = await _table(client)
    assert watcher.got[0]["type"] == "watching"
    await ua.move({"kind": "propose", "package": _package(ua.state)})
    await med.move({"kind": "caucus", "party": "usa"})
    while watcher.state.get("moves", 0) < 2:
        await watcher.next("state")
    seen = watcher.state
    assert seen["observer"] and seen["seat"] is None and seen["legal"] == [] == seen["talk"]
    assert seen["own"] == {} and seen["stances"] == []
    assert all(e["visible_to"] is None for e in watcher.log)
    assert not any(e["kind"] == "caucus" for e in watcher.log)
    assert any(e["kind"] == "caucus" for e in med.log)
    offered = [e for e in watcher.log if e["kind"] == "offer"]
    assert offered and all(e["utilities"] == {} for e in offered)
    assert all(e.get("utility") is None for e in watcher.log)
    for party in ("ukraine", "russia"):  # no brief of any seat reaches an observer
        brief = resolve("istanbul-2022").scenario.parties  # type: ignore[union-attr]
        text = next(p.brief for p in brief if p.id == party)
        assert text not in watcher.text()
    await watcher.ws.send_str(json.dumps({"type": "move", "move": {"kind": "end_round"}}))
    err = await watcher.next("error")
    assert "observer" in err["message"]


def _package(state: dict[str, Any]) -> dict[str, str]:
    """The seat's own best option on every issue (its values are in `own`)."""
    own = next(iter(state["own"].values()))
    return {issue: max(options, key=options.get) for issue, options in own["values"].items()}

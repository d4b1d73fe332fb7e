"""The instructor's endpoints on a real server on loopback (aiohttp's test server, in-process):
refused without the token; start, pause and resume, advance, announce, assign, hand a seat to
the computer and end the session, each seen by a student's connection; `--start-when-full`;
the CSV of results by student; the class debrief."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest
from aiohttp import ClientWebSocketResponse
from aiohttp.test_utils import TestClient, TestServer

from game.files import resolve
from game.server.classroom import ClassHub
from game.server.console_api import build_class_app
from game.server.results import results_by_student
from game.server.store import Store
from game.server.tables import Table

TOKEN = "instructor-secret"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
Factory = Callable[..., Any]


def _hub(path: Path, when_full: bool = False, tables: int = 1) -> ClassHub:
    parsed = resolve("istanbul-2022")
    assert parsed.scenario is not None
    store = Store(path)
    if not store.tables():
        for k, code in enumerate(("ACDEF", "HJKMN")[:tables]):
            store.create_table(code, parsed.scenario.model_dump_json(), k, "hard", None,
                               ("ukraine", "russia"))
    return ClassHub([Table.restore(store, row) for row in store.tables()], TOKEN,
                    start_when_full=when_full)


@pytest.fixture
async def serve(tmp_path: Path) -> AsyncIterator[Factory]:
    clients: list[TestClient] = []  # type: ignore[type-arg]

    async def start(**kw: Any) -> TestClient:  # type: ignore[type-arg]
        c = TestClient(TestServer(build_class_app(_hub(tmp_path / "t.db", **kw))))
        await c.start_server()
        clients.append(c)
        return c

    yield start
    for c in clients:
        await c.close()


async def _recv(ws: ClientWebSocketResponse) -> dict[str, Any]:
    msg = await ws.receive(timeout=20)
    return json.loads(msg.data)  # type: ignore[no-any-return]


async def _until(ws: ClientWebSocketResponse, test: Callable[[dict[str, Any]], bool]
                 ) -> dict[str, Any]:
    for _ in range(100):
        data = await _recv(ws)
        if test(data):
            return data
    raise AssertionError("no such message")


def _state(pred: Callable[[dict[str, Any]], bool] = lambda s: True
           ) -> Callable[[dict[str, Any]], bool]:
    return lambda d: d["type"] == "state" and pred(d["state"])


def _notice(kind: str) -> Callable[[dict[str, Any]], bool]:
    return lambda d: d["type"] == "notice" and d["kind"] == kind


async def _join(client: TestClient, seat: str | None, name: str,  # type: ignore[type-arg]
                code: str = "ACDEF") -> tuple[ClientWebSocketResponse, dict[str, Any]]:
    ws = await client.ws_connect("/ws")
    await ws.send_str(json.dumps({"type": "hello", "code": code, "seat": seat, "name": name}))
    return ws, await _until(ws, lambda d: d["type"] in ("welcome", "error"))


async def _command(client: TestClient, status: int = 200,  # type: ignore[type-arg]
                   **message: Any) -> dict[str, Any]:
    answer = await client.post("/api/console", json=message, headers=AUTH)
    body = await answer.json()
    assert answer.status == status, body
    return body  # type: ignore[no-any-return]


async def _overview(client: TestClient) -> dict[str, Any]:  # type: ignore[type-arg]
    answer = await client.get("/api/console", headers=AUTH)
    assert answer.status == 200
    return await answer.json()  # type: ignore[no-any-return]


async def test_every_instructor_endpoint_needs_the_token(serve: Factory) -> None:
    client = await serve()
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}):
        for method, path in (("GET", "/api/console"), ("POST", "/api/console"),
                             ("GET", "/api/console/debrief"),
                             ("GET", "/api/console/results.csv")):
            answer = await client.request(method, path, headers=headers,
                                          json={"type": "start", "code": "ACDEF"})
            assert answer.status == 401, (method, path, headers)
            assert "instructor token" in (await answer.json())["message"]
    assert not (await _overview(client))["tables"][0]["started"]  # the refused start did not


async def test_a_table_waits_for_the_instructor_then_the_computer_fills_the_rest(
        serve: Factory) -> None:
    client = await serve()
    ua, welcome = await _join(client, "ukraine", "Ann")
    assert welcome["seat"] == "ukraine"
    assert not (await _until(ua, _state()))["state"]["started"]
    table = (await _overview(client))["tables"][0]
    assert table["waiting"] == ["russia"] and table["online"] == ["ukraine"]
    done = await _command(client, type="start", code="acdef")
    assert done["type"] == "done" and "started" in done["message"]
    state = (await _until(ua, _state(lambda s: s["started"])))["state"]
    assert state["round"] == 1 and "propose" in state["legal"]
    table = (await _overview(client))["tables"][0]
    assert table["started"] and table["humans"] == ["ukraine"]
    again = await _command(client, 409, type="start", code="ACDEF")
    assert "already started" in again["message"]
    late, answer = await _join(client, "russia", "Bob")
    assert answer["type"] == "error" and "started" in answer["message"]


async def test_pause_resume_advance_and_announce_reach_the_student(serve: Factory) -> None:
    client = await serve()
    ua, welcome = await _join(client, "ukraine", "Ann")
    await _command(client, type="start", code="ACDEF")
    await _until(ua, _state(lambda s: s["started"]))
    await _command(client, type="pause", code="ACDEF")
    assert "paused" in (await _until(ua, _notice("paused")))["text"]
    assert (await _overview(client))["tables"][0]["paused"]
    await ua.send_str(json.dumps({"type": "move", "id": 1, "move": {"kind": "end_round"}}))
    refused = await _until(ua, lambda d: d["type"] == "refused")
    assert refused["ack"] == 1 and "paused" in refused["reason"]
    await _command(client, type="resume")
    await _until(ua, _notice("resumed"))
    await _command(client, type="announce", text="Five minutes left in this round.")
    said = await _until(ua, _notice("announcement"))
    assert said["text"] == "Five minutes left in this round."
    done = await _command(client, type="advance", code="ACDEF")
    assert "round 2" in done["message"]
    assert (await _until(ua, _state(lambda s: s.get("round") == 2)))["state"]["round"] == 2
    # a student who comes back hears the last announcement again
    await ua.close()
    back = await client.ws_connect("/ws")
    await back.send_str(json.dumps({"type": "hello", "code": "ACDEF",
                                    "token": welcome["token"]}))
    assert (await _until(back, _notice("announcement")))["text"].startswith("Five minutes")
    rows = list(csv.DictReader(io.StringIO(await (await client.get(
        "/api/console/results.csv", headers=AUTH)).text())))
    assert rows[0]["moves"] == "0"  # the round the instructor closed is not Ann's move


async def test_assign_moves_a_student_and_hand_to_computer_plays_the_seat(
        serve: Factory) -> None:
    client = await serve(tables=2)
    ua, _ = await _join(client, "ukraine", "Ann")
    await _until(ua, _state())
    done = await _command(client, type="assign", code="HJKMN", seat="russia",
                          from_code="ACDEF", from_seat="ukraine")
    assert "Ann" in done["message"]
    assert "moved you" in (await _until(ua, _notice("seat")))["text"]
    welcome = await _until(ua, lambda d: d["type"] == "welcome")
    assert (welcome["code"], welcome["seat"]) == ("HJKMN", "russia")
    tables = {t["code"]: t for t in (await _overview(client))["tables"]}
    assert tables["HJKMN"]["taken"] == {"russia": "Ann"} and tables["ACDEF"]["taken"] == {}
    bob, _ = await _join(client, "ukraine", "Bob", code="HJKMN")
    await _command(client, type="start", code="HJKMN")
    await _until(bob, _state(lambda s: s["started"]))
    # Ann's seat goes to the computer: she is told, and the computer makes its moves
    done = await _command(client, type="to_computer", code="HJKMN", seat="russia")
    assert "(was Ann)" in done["message"]
    assert "computer" in (await _until(ua, _notice("seat")))["text"]
    await bob.send_str(json.dumps({"type": "move", "id": 1, "move": {"kind": "end_round"}}))
    state = (await _until(bob, _state(lambda s: s.get("round", 1) >= 2 or s["finished"])))
    assert state["state"]["round"] >= 2 or state["state"]["finished"]
    table = {t["code"]: t for t in (await _overview(client))["tables"]}["HJKMN"]
    assert table["computer"] == ["russia"] and table["moves_by_seat"]["russia"] >= 1
    rows = list(csv.DictReader(io.StringIO(await (await client.get(
        "/api/console/results.csv", headers=AUTH)).text())))
    assert [(r["student"], r["seat"], r["table"]) for r in rows] == [
        ("Bob", "ukraine", "HJKMN"), ("Ann", "russia", "HJKMN")]
    assert rows[1]["moves"] == "0" and rows[0]["moves"] == "1"  # the computer's are not Ann's
    # a seat handed to the computer takes no student; a moved student's old token is void
    again, answer = await _join(client, "russia", "Cy", code="HJKMN")
    assert answer["type"] == "error"


async def test_end_session_stops_every_table(serve: Factory) -> None:
    client = await serve()
    ua, _ = await _join(client, "ukraine", "Ann")
    await _command(client, type="start", code="ACDEF")
    await _until(ua, _state(lambda s: s["started"]))
    await _command(client, type="end_session")
    assert "ended" in (await _until(ua, _notice("ended")))["text"]
    await ua.send_str(json.dumps({"type": "move", "id": 5, "move": {"kind": "end_round"}}))
    assert "ended" in (await _until(ua, lambda d: d["type"] == "refused"))["reason"]
    assert "ended" in (await _command(client, 409, type="pause"))["message"]
    assert (await _overview(client))["ended"]


async def test_start_when_full_starts_when_the_last_seat_is_taken(serve: Factory) -> None:
    client = await serve(when_full=True)
    ua, _ = await _join(client, "ukraine", "Ann")
    assert not (await _until(ua, _state()))["state"]["started"]
    ru, _ = await _join(client, None, "Bob")
    assert (await _until(ru, _state(lambda s: s["started"])))["state"]["round"] == 1
    assert (await _until(ua, _state(lambda s: s["started"])))["state"]["round"] == 1


async def test_start_when_full_counts_a_seat_handed_to_the_computer(serve: Factory) -> None:
    client = await serve(when_full=True)
    ua, _ = await _join(client, "ukraine", "Ann")
    await _until(ua, _state())
    await _command(client, type="to_computer", code="ACDEF", seat="russia")
    assert (await _until(ua, _state(lambda s: s["started"])))["state"]["round"] == 1
    assert (await _overview(client))["tables"][0]["humans"] == ["ukraine"]


async def test_without_the_flag_a_full_table_still_waits(serve: Factory) -> None:
    client = await serve()
    ua, _ = await _join(client, "ukraine", "Ann")
    ru, _ = await _join(client, "russia", "Bob")
    assert not (await _until(ru, _state()))["state"]["started"]


async def test_bad_instructor_messages_are_answered_with_errors(serve: Factory) -> None:
    client = await serve()
    assert (await _command(client, 400, type="dance"))["field"] == "type"
    assert (await _command(client, 400, type="announce", text=""))["field"] == "text"
    assert (await _command(client, 400, type="start", code="ACDEF", x=1))["field"] == "x"
    assert "no table" in (await _command(client, 409, type="start", code="ZZZZ"))["message"]
    assert "nobody" in (await _command(client, 409, type="start", code="ACDEF"))["message"]
    answer = await client.post("/api/console", data=b"{not json", headers=AUTH)
    assert answer.status == 400 and "not JSON" in (await answer.json())["message"]
    assert "not a seat" in (await _command(client, 409, type="to_computer", code="ACDEF",
                                           seat="nato"))["message"]


async def test_the_csv_has_one_row_per_student_and_the_debrief_covers_the_tables(
        serve: Factory) -> None:
    client = await serve(when_full=True, tables=2)
    socks = []
    for code, seat, name in (("ACDEF", "ukraine", "Ann"), ("ACDEF", "russia", "Bob"),
                             ("HJKMN", "ukraine", "Cy")):
        ws, _ = await _join(client, seat, name, code=code)
        socks.append(ws)
    await _until(socks[0], _state(lambda s: s["started"]))
    for _ in range(8):  # close rounds until the first table's talks are over
        done = await _command(client, type="advance", code="ACDEF")
        if "over" in done["message"]:
            break
    answer = await client.get("/api/console/results.csv", headers=AUTH)
    assert answer.status == 200 and answer.content_type == "text/csv"
    rows = list(csv.DictReader(io.StringIO(await answer.text())))
    assert [(r["student"], r["seat"], r["table"]) for r in rows] == [
        ("Ann", "ukraine", "ACDEF"), ("Bob", "russia", "ACDEF"), ("Cy", "ukraine", "HJKMN")]
    assert rows[0]["finished"] == "yes" and rows[0]["agreement"] == "no"
    assert rows[0]["score"] != "" and rows[2]["finished"] == "no" and rows[2]["score"] == ""
    assert set(rows[0]) == {"student", "seat", "table", "scenario", "finished", "agreement",
                            "deal", "score", "moves"}
    html = await client.get("/api/console/debrief?format=md", headers=AUTH)
    text = await html.text()
    assert html.status == 200 and "Class view" in text and "table ACDEF: Ann (ukraine)" in text
    table = (await _overview(client))["tables"][0]
    assert table["finished"] and table["point"] is not None
    axes = (await _overview(client))["frontiers"]["istanbul-2022"]
    assert axes["x"] == "ukraine" and axes["points"] == []  # no package clears every red line


async def test_the_instructors_decisions_outlast_a_restart(tmp_path: Path) -> None:
    from game.server.instructor import Announce, Pause, Start, ToComputer

    hub = _hub(tmp_path / "k.db", tables=2)
    hub.tables["ACDEF"].join("ukraine", "Ann")
    hub.tables["ACDEF"].join("russia", "Bob")
    await hub.command(Start(code="ACDEF"))
    await hub.command(ToComputer(code="ACDEF", seat="russia"))
    await hub.command(Pause(code="HJKMN"))
    await hub.command(Announce(text="Back in ten minutes"))
    played = hub.tables["ACDEF"].session.plays  # type: ignore[union-attr]
    again = _hub(tmp_path / "k.db", tables=2)  # the same file, as a restarted host reads it
    assert again.control.paused == {"HJKMN"}
    assert again.control.by_computer("ACDEF") == {"russia"}
    assert again.control.former["ACDEF"] == {"russia": "Bob"}
    assert again.control.announcements[-1]["text"] == "Back in ten minutes"
    assert "russia" not in again.tables["ACDEF"].claims  # Bob's token no longer seats anyone
    assert again.tables["ACDEF"].session.plays == played  # type: ignore[union-attr]
    rows = list(csv.DictReader(io.StringIO(results_by_student(again.tables.values(),
                                                              again.control))))
    assert [(r["student"], r["seat"]) for r in rows] == [("Ann", "ukraine"), ("Bob", "russia")]


def test_the_console_command_names_a_bad_url() -> None:
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "game", "console", "10.0.0.5:8765",
                           "--token", "x"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "'10.0.0.5:8765' is not an http:// or https:// address" in done.stderr
    assert "Traceback" not in done.stderr

"""The instructor's console (Pilot) against a live server on loopback: a refused token asks
again and shows no table; with the token every table shows, and the keys start, pause, resume,
announce, advance, assign, hand a seat to the computer, end the session and export, each seen
by a student's own connection or in the files written."""

from __future__ import annotations

import csv
import json
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp.test_utils import TestServer
from textual.pilot import Pilot

from game.files import resolve
from game.server.classroom import ClassHub
from game.server.console_api import build_class_app
from game.server.store import Store
from game.server.tables import Table
from game.tui.console.app import ConsoleApp
from game.tui.console.dialogs import ChoiceDialog, ConfirmDialog, TokenForm
from game.tui.console.widgets import TablesTable

TOKEN = "instructor-secret"


@pytest.fixture
async def server(tmp_path: Path) -> AsyncIterator[tuple[str, ClassHub]]:
    parsed = resolve("tutorial")
    assert parsed.scenario is not None
    store = Store(tmp_path / "t.db")
    for code in ("ACDEF", "HJKMN"):
        store.create_table(code, parsed.scenario.model_dump_json(), 0, None, None,
                           ("ukraine", "russia"))
    hub = ClassHub([Table.restore(store, r) for r in store.tables()], TOKEN)
    async with TestServer(build_class_app(hub), host="127.0.0.1") as srv:
        yield str(srv.make_url("")).rstrip("/"), hub


async def _until(pilot: Pilot[Any], check: Callable[[], object], what: str) -> None:
    for _ in range(400):
        if check():
            return
        await pilot.pause(0.05)
    raise AssertionError(f"never: {what}")


async def _message(ws: aiohttp.ClientWebSocketResponse,
                   test: Callable[[dict[str, Any]], bool]) -> dict[str, Any]:
    for _ in range(200):
        data = json.loads((await ws.receive(timeout=20)).data)
        if test(data):
            return data  # type: ignore[no-any-return]
    raise AssertionError("no such message")


def _tables(app: ConsoleApp) -> dict[str, dict[str, Any]]:
    return {t["code"]: t for t in app.overview.get("tables", [])}


async def test_a_wrong_token_is_refused_and_asked_for_again(
        server: tuple[str, ClassHub]) -> None:
    url, _ = server
    app = ConsoleApp(url, "not-the-token", poll=0.1)
    async with app.run_test(size=(80, 24)) as pilot:
        await _until(pilot, lambda: isinstance(app.screen, TokenForm), "the token form")
        assert not app.reached and app.overview == {}
        assert app.query_one(TablesTable).row_count == 0
        await pilot.press(*TOKEN, "enter")
        await _until(pilot, lambda: app.query_one(TablesTable).row_count == 2, "the tables")


async def test_the_console_keys_reach_the_students(server: tuple[str, ClassHub],
                                                   tmp_path: Path) -> None:
    url, hub = server
    app = ConsoleApp(url, TOKEN, out=tmp_path / "out", poll=0.1)
    async with aiohttp.ClientSession() as http, app.run_test(size=(120, 40)) as pilot:
        ann = await http.ws_connect(url + "/ws")
        await ann.send_str(json.dumps({"type": "hello", "code": "ACDEF", "seat": "ukraine",
                                       "name": "Ann"}))
        await _until(pilot, lambda: _tables(app).get("ACDEF", {}).get("taken"), "Ann seated")
        assert "Ann*" in app.query_one("#detail").render().plain  # type: ignore[attr-defined]
        # g: move Ann to the other table's russia seat (the first student, then that seat)
        await pilot.press("g")
        await _until(pilot, lambda: isinstance(app.screen, ChoiceDialog), "students")
        await pilot.press("enter")
        await _until(pilot, lambda: isinstance(app.screen, ChoiceDialog)
                     and "seat" in app.screen.prompt, "seats")
        choices = app.screen.choices  # type: ignore[attr-defined]
        target = next(k for k, (ident, _) in enumerate(choices) if ident == "HJKMN russia")
        await pilot.press(*["down"] * target, "enter")
        welcome = await _message(ann, lambda d: d["type"] == "welcome" and d["seat"] == "russia")
        assert welcome["code"] == "HJKMN"
        await _until(pilot, lambda: _tables(app)["HJKMN"]["taken"] == {"russia": "Ann"},
                     "Ann moved")
        # s starts the selected table (the second row): the computer takes ukraine
        await pilot.press("down", "s")
        state = await _message(ann, lambda d: d["type"] == "state" and d["state"]["started"])
        assert state["state"]["round"] == 1
        await pilot.press("p")
        assert (await _message(ann, lambda d: d["type"] == "notice"))["kind"] == "paused"
        await _until(pilot, lambda: _tables(app)["HJKMN"]["paused"], "paused shown")
        await pilot.press("p")
        assert (await _message(ann, lambda d: d["type"] == "notice"))["kind"] == "resumed"
        await pilot.press("a", *"Two minutes", "enter")
        said = await _message(ann, lambda d: d["type"] == "notice")
        assert (said["kind"], said["text"]) == ("announcement", "Two minutes")
        await _until(pilot, lambda: "Last announced: Two minutes" in str(app.detail.render()),
                     "the announcement in the detail")
        await pilot.press("n")
        await _message(ann, lambda d: d["type"] == "state" and d["state"]["round"] == 2)
        # c: Ann's seat goes to the computer
        await pilot.press("c")
        await _until(pilot, lambda: isinstance(app.screen, ChoiceDialog), "seats")
        await pilot.press("enter")
        assert "computer" in (await _message(ann, lambda d: d["type"] == "notice"))["text"]
        await _until(pilot, lambda: _tables(app)["HJKMN"]["computer"] == ["russia"],
                     "the computer shown")
        # e: the export writes the debrief and one CSV row per student
        await pilot.press("e")
        out = tmp_path / "out"
        await _until(pilot, lambda: (out / "results-by-student.csv").exists()
                     and (out / "class-debrief.html").exists(), "the export")
        rows = list(csv.DictReader((out / "results-by-student.csv").open()))
        assert [(r["student"], r["seat"], r["table"]) for r in rows] == [
            ("Ann", "russia", "HJKMN")]
        assert "Class view" in (out / "class-debrief.html").read_text()
        # x, y: the session ends
        await pilot.press("x")
        await _until(pilot, lambda: isinstance(app.screen, ConfirmDialog), "the question")
        await pilot.press("y")
        assert (await _message(ann, lambda d: d["type"] == "notice"))["kind"] == "ended"
        await _until(pilot, lambda: app.overview.get("ended"), "ended shown")
        assert hub.control.ended
        assert "session ended" in app.query_one("#status").render().plain  # type: ignore[attr-defined]


async def test_a_student_sees_the_instructor_in_the_table_screen(
        server: tuple[str, ClassHub], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from game.server.instructor import Announce, Assign, Pause, Start
    from game.tui.join import JoinApp

    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    url, hub = server
    app = JoinApp(url, "ACDEF", name="Ann", seat="ukraine")
    said = lambda: str(app.query_one("#said").render())  # noqa: E731
    async with app.run_test(size=(100, 30)) as pilot:
        await _until(pilot, lambda: app.seat == "ukraine", "seated")
        await hub.command(Assign(code="HJKMN", seat="russia", from_code="ACDEF",
                                 from_seat="ukraine"))
        await _until(pilot, lambda: (app.code, app.seat) == ("HJKMN", "russia"), "moved")
        await hub.command(Start(code="HJKMN"))
        await _until(pilot, lambda: app.state.get("started"), "started")
        await hub.command(Announce(text="Look at [b]the map[/b] again"))
        await _until(pilot, lambda: "Look at [b]the map[/b] again" in said(), "announced")
        await hub.command(Pause(code="HJKMN"))
        await _until(pilot, lambda: "paused" in said(), "paused")
        await pilot.press("e")
        await _until(pilot, lambda: "not played" in said() and "paused" in said(), "refused")


async def test_the_palette_pauses_every_table(server: tuple[str, ClassHub]) -> None:
    url, hub = server
    app = ConsoleApp(url, TOKEN, poll=0.1)
    async with app.run_test(size=(80, 24)) as pilot:
        await _until(pilot, lambda: app.reached, "the tables")
        await pilot.press("ctrl+p")
        await pilot.press(*"Pause every table")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await _until(pilot, lambda: all(t["paused"] for t in app.overview["tables"]),
                     "every table paused")
        assert hub.control.paused == {"ACDEF", "HJKMN"}
        assert "paused" in app.query_one("#said").render().plain  # type: ignore[attr-defined]


def test_the_clock_column_appears_only_when_the_host_keeps_a_clock() -> None:
    from game.tui.console.widgets import columns, has_clock, table_row

    playing = {"code": "ACDEF", "started": True, "round": 2, "rounds": 4, "seats": ["ukraine"],
               "taken": {"ukraine": "Ann"}, "online": ["ukraine"], "humans": ["ukraine"]}
    timed = {**playing, "clock": {"minutes": 5, "round": 2, "seconds_left": 83.4}}
    assert not has_clock({"tables": [playing]}) and "clock" not in columns(False)
    assert has_clock({"tables": [playing, timed]})
    row = table_row(timed, with_clock=True)
    assert row[:4] == ("ACDEF", "playing", "2/4", "1:23") and row[4] == "ukraine: Ann*"
    assert len(table_row(playing, with_clock=False)) == len(columns(False))

"""The host's round clock: when it runs out the round closes through the core, as the host's
`time_up` move in the store, so a restarted server and an exported save replay the same game
without reading any clock; the countdown each seat is sent; and on a real server on loopback a
short clock closes a round that nobody ended."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer

from game.debrief.build import build
from game.debrief.export import render
from game.debrief.steps import Steps
from game.engine.moves import EndRound, Message, Propose, Signal, TimeUp
from game.engine.records import IllegalMove
from game.engine.seats import HOST
from game.saves import load_save, save_session
from game.server.app import Hub, build_app
from game.server.clock import RoundClock
from game.server.tables import Refused, Table
from tests.test_server_tables import istanbul_table


class FakeTime:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


def _table(tmp_path: Path, seats: tuple[str, ...] = ("ukraine", "russia")) -> Table:
    table = istanbul_table(tmp_path, seats)
    for seat in seats:
        table.join(seat, seat.title())
    table.start()
    return table


def test_the_clock_closes_the_round_as_a_recorded_move_that_replays(tmp_path: Path) -> None:
    table = _table(tmp_path)
    now = FakeTime()
    table.set_clock(2)
    assert table.clock is not None
    table.clock = RoundClock(2, now=now)
    table.clock.track(1)
    table.play("ukraine", Signal(signal="ready"))
    table.play("russia", Message(to="ukraine", text="not yet"))
    own = table.seat_state("ukraine")["own"]["ukraine"]  # type: ignore[index]
    best = {i: max(o, key=o.get) for i, o in own["values"].items()}
    table.play("ukraine", Propose(package=best, note="a *first* step"))
    assert not table.time_up()  # time left: nothing happens
    state = table.seat_state("ukraine")
    assert state["clock"] == {"minutes": 2, "round": 1, "seconds_left": 120.0}
    now.t += 121
    assert table.time_up()
    assert table.session is not None and table.session.round == 2
    assert table.clock.round == 2 and table.clock.seconds_left() == 120  # a new countdown
    plays = table.store.plays(table.row.id)
    assert any(p.seat == HOST and p.move.kind == "time_up" for p in plays)
    # a restarted server rebuilds the same table from the store: no clock is read
    again = Table.restore(table.store, table.row)
    assert again.session is not None
    assert again.session.log == table.session.log
    assert again.clock is not None and again.clock.minutes == 2  # the clock is kept
    # an exported save replays to the same log, the time-up included, and its debrief shows
    # what the seats said, the private message too
    path = save_session(table.session, tmp_path / "table.json")
    replayed = load_save(path).session()
    assert replayed.log == table.session.log
    words = render(build(replayed), "md")
    assert "## What the seats said" in words and "not yet" in words
    assert "Time is up" in words and "ready to close the round" in words
    assert "a \\*first\\* step" in words  # the note, its markup escaped for Markdown
    steps = Steps(load_save(path).data)  # the replay viewer walks the table's record too
    assert steps.count == len(table.session.moves) + 1
    assert [steps.title(k).split(" ", 2)[2] for k in range(1, steps.count)] == [
        "signal", "message", "propose", "time up"]
    page = render(build(replayed), "html")
    assert "What the seats said" in page and "not yet" in page


def test_a_late_time_up_is_refused_and_the_clock_is_bounded(tmp_path: Path) -> None:
    table = _table(tmp_path)
    assert table.session is not None
    with pytest.raises(IllegalMove, match="only the host's round clock"):
        table.session.play_as("ukraine", TimeUp(round=1))
    for seat in ("ukraine", "russia"):
        table.play(seat, EndRound())
    with pytest.raises(IllegalMove, match="round 1 is over already"):
        table.session._host(TimeUp(round=1))
    with pytest.raises(Refused, match="at most 240 minutes"):
        table.set_clock(600)
    with pytest.raises(Refused, match="more than 0"):
        table.set_clock(0)


async def test_a_short_clock_closes_a_round_nobody_ended_on_a_real_server(
        tmp_path: Path) -> None:
    table = istanbul_table(tmp_path, seed=0)
    table.set_clock(0.01)  # 0.6 seconds a round
    async with TestClient(TestServer(build_app(Hub([table], "t")))) as client:
        sockets = []
        for seat in ("ukraine", "russia"):
            ws = await client.ws_connect("/ws")
            await ws.send_str(json.dumps({"type": "hello", "code": "ACDEF", "seat": seat}))
            sockets.append(ws)
        seen: list[dict[str, object]] = []
        for _ in range(200):  # wait for the clock's event; no move is sent
            data = json.loads((await sockets[0].receive(timeout=10)).data)
            if data["type"] == "state" and "log" in data["state"]:
                seen.extend(data["state"]["log"])
                if data["state"]["round"] == 2:
                    break
        else:
            raise AssertionError("the clock never closed round 1")
        assert any(e["kind"] == "time_up" and e["round"] == 1 for e in seen)
        assert data["state"]["clock"]["round"] == 2
        assert [p.seat for p in table.store.plays(table.row.id)].count(HOST) >= 1


def test_a_held_clock_keeps_the_time_it_had_left_and_never_runs_out() -> None:
    now = FakeTime()
    clock = RoundClock(1.0, now=now)
    clock.track(1)
    now.t += 20
    clock.hold()
    now.t += 600  # a long pause: far past the round's minute
    assert not clock.due() and clock.seconds_left() == pytest.approx(40)
    clock.release()
    now.t += 39
    assert not clock.due()
    now.t += 1
    assert clock.due()


async def test_a_paused_table_keeps_its_round_past_the_clock(tmp_path: Path) -> None:
    from game.server.classroom import ClassHub
    from game.server.instructor import Pause, Resume

    table = _table(tmp_path)
    now = FakeTime()
    table.clock = RoundClock(1.0, now=now)
    table.clock.track(table.session.round if table.session else 0)
    hub = ClassHub([table], "token")
    await hub.command(Pause(code=table.code))
    now.t += 3600
    await hub.tick_clocks()
    assert table.session is not None and table.session.round == 1
    await hub.command(Resume(code=table.code))
    await hub.tick_clocks()  # it had a minute left when it was held, so the round goes on
    assert table.session.round == 1
    now.t += 60
    await hub.tick_clocks()
    assert table.session.round == 2

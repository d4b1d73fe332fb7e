"""`redlines join`'s table screen against a real host in-process: a student joins with a code,
sees only their own numbers, builds and proposes a package with the keys, and after closing the
app comes back to the same seat with the token the client kept."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from aiohttp.test_utils import TestServer

from game.server.app import Hub, build_app
from game.tui.join import JoinApp, tokens_file
from tests.test_server_tables import istanbul_table

pytestmark = pytest.mark.slow


async def _wait(condition, pilot, seconds: float = 15) -> None:  # type: ignore[no-untyped-def]
    for _ in range(int(seconds / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("the app never got there")


async def test_a_student_joins_proposes_and_comes_back(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    table = istanbul_table(tmp_path, seed=0)
    hub = Hub([table], "token")
    server = TestServer(build_app(hub))
    await server.start_server()
    url = str(server.make_url("/")).rstrip("/")
    try:
        table.join("russia", "Bob")  # the other seat is taken: the table starts on our join
        app = JoinApp(url, "acdef", name="Ann", seat="ukraine")
        async with app.run_test(size=(120, 40)) as pilot:
            await _wait(lambda: app.state.get("started"), pilot)
            assert app.seat == "ukraine" and set(app.state["own"]) == {"ukraine"}
            assert "propose" in app.state["legal"]
            first = table.scenario.issues[0]
            values = app.state["own"]["ukraine"]["values"][first.id]
            best = [o.id for o in first.options].index(max(values, key=values.get))
            assert app.package()[first.id] == first.options[best].id  # starts from its best
            await pilot.press("right")  # the first issue's next option
            assert app.package()[first.id] == first.options[(best + 1) % len(first.options)].id
            await pilot.press("p")
            await _wait(lambda: any(o["by"] == "ukraine" for o in app.state["offers"]), pilot)
            mine = next(o for o in app.state["offers"] if o["by"] == "ukraine")
            assert mine["package"] == app.package()
            assert table.session is not None and table.session.state.acting(
                "ukraine").turns_left == table.scenario.rules.turns_per_round - 1
        kept = json.loads(tokens_file().read_text())
        assert list(kept.values()) == [table.claims["ukraine"].token]
        again = JoinApp(url, "ACDEF", name="Ann")  # no seat named: the token brings it back
        async with again.run_test(size=(120, 40)) as pilot:
            await _wait(lambda: again.state.get("started"), pilot)
            assert again.seat == "ukraine"
            assert any(o["by"] == "ukraine" for o in again.state["offers"])
            await pilot.press("e")
            await _wait(lambda: "ukraine" in again.state.get("ended_round", []), pilot)
    finally:
        await server.close()
        await asyncio.sleep(0)


async def test_two_students_and_an_observer_talk_through_the_table_screen(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two students at one table: a note with an offer (`n`), a private message (`m`), a
    ready signal (`r`), the clock in the status line; the observer's screen has none of the
    private words, no package to build and no key that moves."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    table = istanbul_table(tmp_path, seed=0)
    table.set_clock(5)
    server = TestServer(build_app(Hub([table], "token")))
    await server.start_server()
    url = str(server.make_url("/")).rstrip("/")
    try:
        ann = JoinApp(url, "ACDEF", name="Ann", seat="ukraine")
        bob = JoinApp(url, "ACDEF", name="Bob", seat="russia", keep_tokens=False)
        eve = JoinApp(url, "ACDEF", watch=True)
        async with ann.run_test(size=(120, 40)) as a, bob.run_test(size=(120, 40)) as b, \
                eve.run_test(size=(120, 40)) as e:
            await _wait(lambda: ann.state.get("started") and bob.state.get("started")
                        and eve.state.get("started"), a)
            assert "left" in str(ann.query_one("#status").render())  # the clock: "4:59 left"
            await a.press("n")
            await a.press(*"[b]half[/b] now")
            await a.press("enter")
            await _wait(lambda: any(o["by"] == "ukraine" for o in bob.state["offers"]), b)
            note = next(ev.note for ev in bob.events if ev.kind == "offer"
                        and ev.actor == "ukraine")
            assert note == "[b]half[/b] now"
            await b.press("m")
            await b.press(*"psst")
            await b.press("enter")
            await _wait(lambda: any(ev.kind == "message" for ev in ann.events), a)
            await b.press("r")
            await _wait(lambda: "russia: ready" in str(ann.query_one("#status").render()), a)
            await _wait(lambda: "russia" in (eve.state.get("signals") or {}), e)
            assert not any(ev.kind == "message" for ev in eve.events)
            assert eve.state["own"] == {} and not eve.query_one("#package").display
            await e.press("p")  # no key moves for an observer
            await e.pause(0.3)
            assert table.session is not None
            assert [p.seat for p in table.session.plays].count("ukraine") == 1
    finally:
        await server.close()
        await asyncio.sleep(0)


async def test_a_conditional_offer_reaches_the_other_student_who_answers_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`f` makes a conditional offer through the trade form; the student asked sees it, answers
    with `y`, and both seats read the answer (the engine binds them for the round)."""
    from textual.widgets import Select

    from game.engine.conditionals import bindings
    from game.engine.legal import why_not
    from game.engine.moves import Conditional
    from game.tui.dialogs import PickScreen
    from game.tui.trade import TradeScreen

    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    table = istanbul_table(tmp_path, seed=0, difficulty="easy")
    server = TestServer(build_app(Hub([table], "token")))
    await server.start_server()
    url = str(server.make_url("/")).rstrip("/")
    try:
        ann = JoinApp(url, "ACDEF", name="Ann", seat="ukraine", keep_tokens=False)
        bob = JoinApp(url, "ACDEF", name="Bob", seat="russia", keep_tokens=False)
        async with ann.run_test(size=(80, 24)) as a, bob.run_test(size=(80, 24)) as b:
            await _wait(lambda: ann.state.get("started") and bob.state.get("started"), a)
            assert "conditional" in ann.state["legal"]
            assert table.session is not None
            acting = table.session.state.acting("ukraine")
            scenario = table.session.scenario
            trade = next(m for i in scenario.issues for j in scenario.issues if i != j
                         for oi in i.options for oj in j.options
                         if why_not(acting, "ukraine", m := Conditional(
                             to="russia", ask={i.id: oi.id}, give={j.id: oj.id})) is None)
            await a.press("f")
            await _wait(lambda: isinstance(ann.screen, TradeScreen), a)
            form = ann.screen
            form.query_one("#to", Select).value = "russia"
            for side, terms in (("ask", trade.ask), ("give", trade.give)):
                [(issue, option)] = terms.items()
                form.query_one(f"#{side}-issue", Select).value = issue
                await a.pause()
                form.query_one(f"#{side}-option", Select).value = option
            await a.pause()
            await a.click("#offer")
            await _wait(lambda: any(e.kind == "conditional" for e in bob.events), b)
            made = next(e for e in bob.events if e.kind == "conditional")
            assert (made.actor, made.to, made.ask, made.give) == (
                "ukraine", "russia", trade.ask, trade.give)
            assert "reply" in bob.state["legal"]
            await _wait(lambda: "y answer trade" in str(bob.query_one("#status").render()), b)
            assert "f trade" in str(ann.query_one("#status").render())
            await b.press("y")
            await _wait(lambda: isinstance(bob.screen, PickScreen), b)
            await b.press("enter")  # the first choice: accept the trade
            await _wait(lambda: any(e.kind == "conditional_reply" for e in ann.events), a)
            answer = next(e for e in ann.events if e.kind == "conditional_reply")
            assert answer.accepted and answer.actor == "russia"
            assert [p.id for p in bindings(table.session.state, "ukraine")] == [made.number]
            await b.press("y")  # nothing left to answer: said so, nothing sent
            await b.pause(0.2)
            assert "no conditional offer waits" in str(bob.query_one("#said").render())
    finally:
        await server.close()
        await asyncio.sleep(0)

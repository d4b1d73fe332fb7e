"""The replay viewer driven through the real app with Pilot: stepping, the numbers, forking."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, OptionList, Static

from game.debrief.steps import Steps, fork
from game.engine.moves import TakeSeat
from game.engine.players import player_bot
from game.engine.session import Session
from game.files import resolve
from game.saves import load_save, save_session
from game.tui.app import RedLinesApp
from game.tui.briefing import BriefingScreen
from game.tui.replay_screen import ReplayScreen, RoleChoice


@pytest.fixture(scope="module")
def save(tmp_path_factory) -> Path:
    scenario = resolve("tutorial").scenario
    assert scenario is not None
    session = Session.start(scenario, "ukraine", seed=4)  # one in which a red line binds
    bot = player_bot("linear", "ukraine", 4)
    while not session.finished:
        session.play(bot.move(session))
    return save_session(session, tmp_path_factory.mktemp("saves"))


def text(screen, wid: str) -> str:
    return str(screen.query_one(wid, Static).render())


def test_steps_model_believed_and_true(save: Path) -> None:
    steps = Steps(load_save(save).data)
    views = [steps.view(k) for k in range(steps.count)]
    with_package = [v for v in views if v.package]
    assert with_package, "the game had offers"
    for v in with_package:
        assert {p.party for p in v.parties} == {"ukraine", "russia"}
        me = next(p for p in v.parties if p.party == "ukraine")
        assert me.believed == pytest.approx(me.true)  # the player knows its own numbers
        assert all(0 <= p.true <= 1 for p in v.parties)
    assert any(v.bound for v in views), "a red line bound at least once in this game"


@pytest.mark.slow
async def test_step_forward_back_and_fork(save: Path, tmp_path: Path) -> None:
    app = RedLinesApp(replay_path=save, saves_dir=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReplayScreen)
        count = screen.steps.count
        assert screen.query_one("#timeline", OptionList).option_count == count
        assert "Step 0. start" in text(screen, "#step-title")
        await pilot.press("right", "right")
        await pilot.pause()
        assert screen.index == 2
        assert "Step 2." in text(screen, "#step-title")
        table = screen.query_one("#utilities", DataTable)
        assert table.row_count == 2
        await pilot.press("left")
        await pilot.pause()
        assert screen.index == 1
        await pilot.press("end")
        await pilot.pause()
        assert screen.index == count - 1
        await pilot.press("home", "right", "right", "right")
        await pilot.pause()
        expected = load_save(save).session(3)
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, BriefingScreen)
        assert app.session is not None
        assert app.session.moves == expected.moves and app.session.log == expected.log
        assert app.save_path is not None and app.save_path.parent == tmp_path


@pytest.mark.slow
async def test_play_the_other_side(save: Path, tmp_path: Path) -> None:
    app = RedLinesApp(replay_path=save, saves_dir=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("end")
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, RoleChoice)
        roles = app.screen.query_one(OptionList)
        roles.highlighted = [roles.get_option_at_index(i).id
                             for i in range(roles.option_count)].index("russia")
        await pilot.press("enter")
        await pilot.pause()
        assert app.session is not None and app.session.role == "russia"
        assert app.session.round == load_save(save).session().round or app.session.finished


@pytest.mark.slow
async def test_play_the_other_side_mid_game_takes_the_seat_exactly(save: Path,
                                                                  tmp_path: Path) -> None:
    loaded = load_save(save)
    expected = loaded.session(3)
    app = RedLinesApp(replay_path=save, saves_dir=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("home", "right", "right", "right", "o")
        await pilot.pause()
        assert isinstance(app.screen, RoleChoice)
        roles = app.screen.query_one(OptionList)
        roles.highlighted = [roles.get_option_at_index(i).id
                             for i in range(roles.option_count)].index("russia")
        await pilot.press("enter")
        await pilot.pause()
        session = app.session
        assert session is not None and session.role == "russia"
        assert session.moves == loaded.data.moves[:3] + [TakeSeat(party="russia")]
        assert session.table == expected.table
        assert session.log[: len(expected.log)] == expected.log
        assert app.save_path is not None and app.save_path.parent == tmp_path
        app.flush_saves()
        reloaded = load_save(app.save_path)
        assert reloaded.data.role == "ukraine"  # the seat the game began in; TakeSeat follows
        assert reloaded.session().role == "russia" and reloaded.session().log == session.log


async def test_bad_save_shows_an_error_not_a_crash(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    app = RedLinesApp(replay_path=bad, saves_dir=tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert not isinstance(app.screen, ReplayScreen)
        assert any("not valid JSON" in n.message for n in app._notifications)
    assert bad.read_text() == "{not json"


def test_fork_same_role_is_exact(save: Path) -> None:
    loaded = load_save(save)
    for k in (0, 2, len(loaded.data.moves)):
        assert fork(loaded.data, k).log == loaded.session(k).log

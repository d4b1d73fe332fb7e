"""Scenario text with Rich markup in every field ('[/x]', '[bold]', '[red]') is shown literally on
every screen: the new-game screen, the table, the debrief and the replay viewer (issue 17)."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.files import read_scenario
from game.tui.app import RedLinesApp
from game.tui.debrief import DebriefScreen
from game.tui.newgame import NewGameScreen
from game.tui.replay_screen import ReplayScreen
from tests.test_tui_play import finish, open_table, settle

pytestmark = pytest.mark.slow

HOSTILE = Path(__file__).parent / "fixtures" / "hostile_markup.yaml"


def hostile():
    parsed = read_scenario(HOSTILE)
    assert parsed.scenario is not None, parsed.reports
    return parsed.scenario


def screen_text(app) -> str:
    return "\n".join(str(w.render()) for w in app.screen.query("*") if hasattr(w, "render"))


async def test_new_game_screen_shows_markup_literally(tmp_path: Path) -> None:
    app = RedLinesApp(scenario=hostile(), saves_dir=tmp_path)
    async with app.run_test(size=(110, 36)) as pilot:
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, NewGameScreen)
        assert "[/x][bold]" in screen_text(app)


async def test_table_and_debrief_show_markup_literally(tmp_path: Path) -> None:
    app = RedLinesApp(scenario=hostile(), role="ukraine", seed=3, saves_dir=tmp_path)
    async with app.run_test(size=(110, 36)) as pilot:
        await open_table(pilot)
        assert "[/x][bold]" in screen_text(app)
        await pilot.press("p")
        await settle(pilot)
        screen = await finish(pilot)
        assert isinstance(screen, DebriefScreen)
        assert "[/x][bold]" in screen_text(app)
    saves = list(tmp_path.glob("*.json"))
    assert len(saves) == 1
    viewer = RedLinesApp(replay_path=saves[0])
    async with viewer.run_test(size=(110, 36)) as pilot:
        await settle(pilot)
        assert isinstance(viewer.screen, ReplayScreen)
        for _ in range(3):
            await pilot.press("right")
            await settle(pilot)
        assert "[/x][bold]" in screen_text(viewer)

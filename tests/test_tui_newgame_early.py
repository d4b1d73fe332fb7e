"""A student who presses `s` on the new-game screen before the scenarios are read gets the game
as soon as they are, not a "pick a scenario" warning and a lost key (a browser student, on a
forked game process, could press before the list was filled)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest


async def test_start_pressed_while_the_scenarios_load_starts_once_they_are(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import game.files
    from game.tui.app import RedLinesApp
    from game.tui.newgame import NewGameScreen

    gate = threading.Event()
    real = game.files.bundled_paths

    def held() -> list[Path]:  # the worker reads the scenarios only once the test lets it
        gate.wait(10)
        return list(real())

    monkeypatch.setattr(game.files, "bundled_paths", held)
    app = RedLinesApp(saves_dir=tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        for _ in range(50):
            await pilot.pause(0.05)
            if isinstance(app.screen, NewGameScreen):
                break
        screen = app.screen
        assert isinstance(screen, NewGameScreen) and not screen.loaded
        await pilot.press("s")  # before the list is filled
        await pilot.pause(0.1)
        assert app.session is None and screen.start_when_loaded
        gate.set()
        for _ in range(100):
            await pilot.pause(0.05)
            if app.session is not None:
                break
        assert app.session is not None  # the game started, on the default choices
        assert app.session.scenario.id == screen.scenarios[0].id
        for _ in range(100):  # let the briefing that follows finish drawing
            await pilot.pause(0.05)
            if not isinstance(app.screen, NewGameScreen) and app.screen.is_mounted:
                break
        await pilot.pause(0.2)
        assert not isinstance(app.screen, NewGameScreen)

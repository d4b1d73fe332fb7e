"""In the TUI a saves folder that cannot be used is said at once and stays said, the game goes
on and its moves are kept in the rescue file (issue 17, class 3)."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.saves import load_save
from game.tui.app import RedLinesApp
from tests.test_tui_play import open_table, settle, tutorial

pytestmark = pytest.mark.slow


async def test_unusable_saves_folder_is_a_lasting_warning(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    blocker = tmp_path / "file"
    blocker.write_text("")
    app = RedLinesApp(scenario=tutorial(), role="ukraine", seed=3, saves_dir=blocker / "saves")
    async with app.run_test(size=(100, 32)) as pilot:
        await open_table(pilot)
        await pilot.press("p")
        await settle(pilot)
        app.flush_saves()
        await pilot.pause()
        notes = [n for n in app._notifications if n.title == "Save problem"]
        assert len(notes) == 1 and notes[0].timeout >= 3600
        assert "Your moves are kept in" in notes[0].message
        saver = app._saver
        assert saver is not None and saver.rescue is not None
        assert len(load_save(saver.rescue).data.plays) == len(app.session.plays)

"""The TUI's debrief export writes through the CLI's writer (issue 17, outputs): a FIFO where
the Markdown would go is left alone (the old plain write blocked on it forever), another game's
save where the HTML would go is kept, and the player is told why, in one notification."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from game.tui.app import RedLinesApp
from tests.test_tui_extras import settle, to_table, tutorial, walk_to_debrief

OTHER_SAVE = next((Path(__file__).parent / "fixtures" / "saves-v2").glob("*.json"))


@pytest.mark.slow
async def test_export_never_replaces_a_fifo_or_another_games_save(tmp_path: Path) -> None:
    app = RedLinesApp(scenario=tutorial(), role="ukraine", seed=1, saves_dir=tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await to_table(pilot)
        await walk_to_debrief(pilot)
        assert app.save_path is not None
        stem = app.save_path.stem
        fifo = tmp_path / f"{stem}-debrief.md"
        os.mkfifo(fifo)
        other = tmp_path / f"{stem}-debrief.html"
        shutil.copyfile(OTHER_SAVE, other)
        await pilot.press("x")
        await settle(pilot)
        messages = [n.message for n in app._notifications]
    assert fifo.is_fifo()
    assert other.read_bytes() == OTHER_SAVE.read_bytes()
    failed = [m for m in messages if "not a regular file" in m]
    assert failed and "a game's save" in failed[0], messages
    assert not any(m.startswith("Written") for m in messages)

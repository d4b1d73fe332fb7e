"""The debrief's strip of each party's value across the offers ends on the deal, not on the last
offer: in this game the offers went on after the package that was signed."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static

from game.debrief import build
from game.debrief.render import offers_svg
from game.tui.app import RedLinesApp
from game.tui.debrief import DebriefScreen
from tests.test_debrief import played


@pytest.mark.slow
async def test_the_strip_ends_on_the_deal(tmp_path: Path) -> None:
    s = played("istanbul-2022", "ukraine", 2)  # a game whose offers went on after the deal
    d = build(s)
    assert d.deal is not None and d.offers[-1].package != d.deal  # the case that went wrong
    app = RedLinesApp(saves_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(DebriefScreen(s))
        for _ in range(100):
            await pilot.pause(0.05)
            if "deal" in str(app.screen.query_one("#chart", Static).render()):
                break
        chart = str(app.screen.query_one("#chart", Static).render()).splitlines()
        title = str(app.screen.query_one("#chart-title", Static).render())
    assert "ending on the deal" in title and "deal's value" in title
    for p in d.parties:
        row = next(line for line in chart if line.startswith(p.name[:8]))
        assert f" {p.utility:.2f} no deal {p.reservation:.2f}" in row, row
    axis = next(line for line in chart if line.startswith("offer"))
    assert axis.split()[-1] == "deal"
    assert ">deal<" in offers_svg(d)

"""The coalition seat's scorecard at 80x24: every member's name reads whole (wrapped within its
column, or numbered under a list of full names when three columns leave no room), never cut to
"United … Europea…", and no column row is wider than the card."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.files import resolve
from game.tui.app import RedLinesApp
from game.tui.builder import Scorecard
from game.tui.table import TableScreen


@pytest.mark.parametrize("name", ["stalemate-2025", "nato-2023"])
async def test_member_names_are_readable_at_80x24(tmp_path: Path, name: str) -> None:
    scenario = resolve(name).scenario
    assert scenario is not None
    coalition = next(c for c in scenario.coalitions if c.id == "nato")
    members = [p.name for p in scenario.parties if p.id in coalition.members]
    app = RedLinesApp(scenario=scenario, role="nato", seed=1, saves_dir=tmp_path,
                      difficulty="easy")
    async with app.run_test(size=(80, 24)) as pilot:
        for key in ("n", "s", "enter"):
            await pilot.press(key)
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TableScreen)
        card = screen.query_one(Scorecard)
        text = str(card.render())
        head = text.split("utility", 1)[0]
        assert "…" not in head, head
        lines = head.splitlines()
        for member in members:
            whole = any(member in line for line in lines)
            words = member.split()  # wrapped: each word whole, in order, on successive rows
            stacked = all(any(w in line.split() for line in lines) for w in words)
            assert whole or stacked, (member, head)
        # the columns must fit the card: a wrapped column row would scramble the figures
        inner = card.content_region.width
        rows = lines[lines.index(next(x for x in lines if "consent" in x)) + 1:]
        rows += [x for x in text.splitlines() if x.startswith(("utility", "no deal"))]
        assert rows and all(len(line.rstrip()) <= inner for line in rows), (inner, rows)

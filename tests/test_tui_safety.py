"""A package is never lost by accident: Enter changes nothing at the table, lists and options
stop at their ends, undo and redo restore the builder, accepting asks first."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.files import resolve
from game.tui.app import RedLinesApp
from game.tui.builder import MarkedList, PackageBuilder
from game.tui.dialogs import ConfirmScreen
from game.tui.table import TableScreen

pytestmark = pytest.mark.slow


def tutorial():
    scenario = resolve("tutorial").scenario
    assert scenario is not None
    return scenario


async def settle(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def to_table(pilot) -> TableScreen:
    for key in ("n", "s", "enter"):
        await pilot.press(key)
        await settle(pilot)
    assert isinstance(pilot.app.screen, TableScreen)
    return pilot.app.screen


async def test_enter_and_the_ends_of_lists_leave_the_package_unchanged(tmp_path: Path) -> None:
    app = RedLinesApp(scenario=tutorial(), role="ukraine", seed=1, saves_dir=tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        table = await to_table(pilot)
        builder = table.query_one(PackageBuilder)
        before = builder.package
        await pilot.press("enter", "enter", "enter")
        assert builder.package == before
        assert isinstance(app.screen, TableScreen)
        assert any("← →" in n.message for n in app._notifications)
        # ↑ at the first issue stays there; ↓ past the last stays on the last
        await pilot.press("up")
        assert builder.highlighted == 0
        count = len(app.session.scenario.issues)
        await pilot.press(*["down"] * (count + 3))
        assert builder.highlighted == count - 1
        # ← at the first option and → at the last do not wrap round
        builder.highlighted = 0
        n = len(app.session.scenario.issues[0].options)
        await pilot.press(*["left"] * (n + 1))
        assert builder.choice[0] == 0
        await pilot.press(*["right"] * (n + 1))
        assert builder.choice[0] == n - 1


async def test_undo_and_redo_restore_the_package(tmp_path: Path) -> None:
    app = RedLinesApp(scenario=tutorial(), role="ukraine", seed=1, saves_dir=tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        table = await to_table(pilot)
        builder = table.query_one(PackageBuilder)
        first = builder.package
        await pilot.press("right", "down", "right")
        edited = builder.package
        assert edited != first
        await pilot.press("o")  # copy the offer on the table: undoable like any edit
        copied = builder.package
        assert copied != edited
        await pilot.press("u")
        assert builder.package == edited
        await pilot.press("u", "u")
        assert builder.package == first
        await pilot.press("u")  # nothing left: says so, changes nothing
        assert builder.package == first
        assert any("Nothing to undo" in n.message for n in app._notifications)
        await pilot.press("r", "r", "r")
        assert builder.package == copied
        footer = " ".join(str(k.description) for k in app.screen.query("FooterKey"))
        assert "Undo" in footer


async def test_accept_asks_first_and_shows_the_no_deal_value(tmp_path: Path) -> None:
    app = RedLinesApp(scenario=tutorial(), role="ukraine", seed=1, saves_dir=tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await to_table(pilot)
        await pilot.press("down", "right", "up", "p")  # an offer: Russia answers with its own
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        theirs = app.session.table[-1]
        assert theirs.by == "russia", "Russia counters with an offer Ukraine may accept"
        await pilot.press("up", "down")  # back to the builder's first issue: nothing changes
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "no-deal value 0.55" in app.screen.question
        assert f"Accept offer #{theirs.id}" in app.screen.question
        # side by side with the package being built, issue by issue
        assert "differs from your package" in app.screen.question
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, TableScreen)
        assert not any(e.kind == "accept" and e.actor == "ukraine" for e in app.session.log)


async def test_an_accept_the_rules_refuse_says_why_before_asking(tmp_path: Path) -> None:
    """An offer that breaks the student's own red line, or the student's own offer: `a` says
    why at once, instead of asking to confirm a move the engine then refuses."""
    app = RedLinesApp(scenario=tutorial(), role="ukraine", seed=1, saves_dir=tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await to_table(pilot)
        assert app.session.table[0].by == "russia"  # its opening offer breaks Ukraine's line
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, TableScreen)
        assert any("your own red line" in n.message for n in app._notifications)
        await pilot.press("down", "right", "up", "p")
        await settle(pilot)
        await pilot.press("enter")  # close the answers
        await settle(pilot)
        mine = [o for o in app.session.table if o.by == "ukraine"]
        assert mine, "the proposal is on the table"
        table = app.screen
        assert isinstance(table, TableScreen)
        table.query_one("#offers", MarkedList).highlighted = [
            o.id for o in app.session.table].index(mine[-1].id)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, TableScreen)
        assert any("your own offer" in n.message for n in app._notifications)

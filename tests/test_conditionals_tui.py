"""The table's keys for conditional offers, driven as a student would (Pilot): `f` opens the
trade modal, the offer is played and answered, `y` answers the trade offered back."""

from __future__ import annotations

import pytest
from textual.widgets import Select

from game.engine.events import ConditionAnswered, Conditioned
from game.engine.moves import Propose
from game.engine.session import Session
from game.files import bundled_paths, read_scenario
from tests.table_pilot import at_the_table

TUTORIAL = next(read_scenario(p).scenario for p in bundled_paths() if p.stem == "tutorial")


async def _until(pilot, test, tries: int = 80) -> None:  # type: ignore[no-untyped-def]
    for _ in range(tries):
        await pilot.pause(0.05)
        if test():
            return


@pytest.mark.slow
async def test_the_trade_modal_makes_a_conditional_offer_and_y_answers_one(tmp_path) -> None:
    from game.tui.app import RedLinesApp
    from game.tui.dialogs import AnswersScreen, PickScreen
    from game.tui.trade import TradeScreen

    s = Session.start(TUTORIAL, "ukraine", seed=3)
    s.play(Propose(package={"ceasefire": "immediate", "corridors": "open",
                            "prisoners": "all_for_all"}))
    app = RedLinesApp(saves_dir=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        table = await at_the_table(app, pilot, s)
        assert "conditional" in {b.action for b in table.BINDINGS}
        await pilot.press("f")
        await _until(pilot, lambda: isinstance(app.screen, TradeScreen))
        modal = app.screen
        assert isinstance(modal, TradeScreen)
        modal.query_one("#ask-issue", Select).value = "ceasefire"
        await pilot.pause()
        modal.query_one("#ask-option", Select).value = "immediate"
        modal.query_one("#give-issue", Select).value = "corridors"
        await pilot.pause()
        options = modal.query_one("#give-option", Select)
        assert options.value == "open"  # the options follow the issue picked
        options.value = "limited"
        await pilot.pause()
        await pilot.click("#offer")
        await _until(pilot, lambda: any(isinstance(e, ConditionAnswered) for e in s.log))
        made = next(e for e in s.log if isinstance(e, Conditioned))
        assert (made.to, made.ask, made.give) == (
            "russia", {"ceasefire": "immediate"}, {"corridors": "limited"})
        await _until(pilot, lambda: isinstance(app.screen, AnswersScreen))
        await pilot.press("enter")
        await _until(pilot, lambda: app.screen is table)
        back = [e for e in s.log if isinstance(e, Conditioned) and e.actor == "russia"]
        assert back, "Russia declined and offered a trade back"
        assert str(table.query_one("#offers").border_subtitle).startswith(
            "y answer the trade offered")
        await pilot.press("y")
        await _until(pilot, lambda: isinstance(app.screen, PickScreen))
        await pilot.press("enter")  # "Accept the trade"
        await _until(pilot, lambda: sum(isinstance(e, ConditionAnswered) for e in s.log) == 2)
    answers = [e for e in s.log if isinstance(e, ConditionAnswered)]
    assert answers[-1].actor == "ukraine" and answers[-1].accepted

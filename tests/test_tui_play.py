"""Whole games driven through the real app with Pilot: title to debrief, in every role."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.files import read_scenario, resolve
from game.tui.app import RedLinesApp
from game.tui.briefing import BriefingScreen, SourcesScreen
from game.tui.builder import PackageBuilder, Scorecard
from game.tui.debrief import DebriefScreen
from game.tui.dialogs import AnswersScreen, ConfirmScreen, HelpScreen, PickScreen, TooSmallScreen
from game.tui.table import TableScreen

pytestmark = pytest.mark.slow

FIXTURE = Path(__file__).parent / "fixtures" / "tui_coalition.yaml"


def tutorial():
    scenario = resolve("tutorial").scenario
    assert scenario is not None
    return scenario


def istanbul():
    scenario = resolve("istanbul-2022").scenario
    assert scenario is not None
    return scenario


def coalition():
    scenario = read_scenario(FIXTURE).scenario
    assert scenario is not None
    return scenario


async def settle(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def open_table(pilot) -> TableScreen:
    """Title -> new game (role preselected) -> start -> briefing -> the table."""
    await pilot.press("n")
    await settle(pilot)
    await pilot.press("s")
    await settle(pilot)
    assert isinstance(pilot.app.screen, BriefingScreen)
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, TableScreen)
    return pilot.app.screen


async def finish(pilot) -> DebriefScreen:
    """Close answers and briefings, end rounds, until the debrief shows."""
    for _ in range(40):
        screen = pilot.app.screen
        if isinstance(screen, DebriefScreen):
            await settle(pilot)
            return screen
        await pilot.press("enter" if isinstance(screen, AnswersScreen | BriefingScreen) else "e")
        await settle(pilot)
    raise AssertionError(f"no debrief; stuck on {pilot.app.screen!r}")


def outcome_text(screen: DebriefScreen) -> str:
    return str(screen.query_one("#outcome").render())


@pytest.mark.parametrize(
    ("scenario", "role"),
    [(tutorial, "ukraine"), (tutorial, "russia"), (coalition, "nato"), (istanbul, "nato")],
)
async def test_party_plays_to_debrief(tmp_path: Path, scenario, role: str) -> None:
    app = RedLinesApp(scenario=scenario(), role=role, seed=3, saves_dir=tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        table = await open_table(pilot)
        assert app.session is not None and app.session.role == role
        builder = table.query_one(PackageBuilder)
        before = builder.package
        last = len(app.session.scenario.issues[0].options) - 1
        await pilot.press("right" if builder.choice[0] < last else "left")
        assert builder.package != before
        await pilot.press("u")
        assert builder.package == before
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, AnswersScreen)
        assert any(e.actor == role and e.kind == "offer" for e in app.session.log)
        await pilot.press("enter")
        screen = await finish(pilot)
        text = outcome_text(screen)
        assert "AGREEMENT" in text or "NO DEAL" in text
        assert screen.query_one("#chart") is not None
    saves = list(tmp_path.glob("*.json"))
    assert len(saves) == 1, saves


async def test_mediator_caucus_draft_to_debrief(tmp_path: Path) -> None:
    app = RedLinesApp(scenario=tutorial(), role="mediator", seed=1, saves_dir=tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        table = await open_table(pilot)
        assert table.query_one(PackageBuilder).border_title == "Single text (draft)"
        assert table.check_action("propose", ()) is False
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, PickScreen)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, AnswersScreen)
        assert any(e.kind == "caucus" for e in app.session.log)
        await pilot.press("enter")
        await pilot.press("t")
        await settle(pilot)
        assert any(e.kind == "draft" and e.actor in ("mediator", "turkey") for e in app.session.log)
        card = str(table.query_one(Scorecard).render())
        assert "your credibility" in card
        held = app.session.credibility["russia"]
        assert f"your credibility {held:.2f}" in card.split("Russia", 1)[1]
        await pilot.press("enter")
        await finish(pilot)


async def test_coalition_mediator_to_debrief(tmp_path: Path) -> None:
    app = RedLinesApp(scenario=coalition(), role="mediator", seed=2, saves_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_table(pilot)
        await pilot.press("t")
        await settle(pilot)
        await pilot.press("enter")
        await finish(pilot)


async def test_scorecard_follows_every_key(tmp_path: Path) -> None:
    app = RedLinesApp(scenario=tutorial(), role="ukraine", saves_dir=tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        table = await open_table(pilot)
        card = table.query_one(Scorecard)
        seen = {str(card.render())}
        for key in ("down", "right", "right", "down", "d"):
            await pilot.press(key)
            seen.add(str(card.render()))
        assert len(seen) >= 4
        builder = table.query_one(PackageBuilder)
        assert builder.package["prisoners"] == "later"
        u = app.session.situation.parties["ukraine"].utility(
            app.session.situation.package(builder.package))
        assert f"utility {u:.2f}" in str(card.render())


def acceptable_offer(session) -> int | None:
    """Index in the table of an offer the player may accept now (probed on a replayed copy)."""
    from game.engine.moves import Accept
    from game.engine.session import IllegalMove, Session

    for k, offer in enumerate(session.table):
        try:
            Session.replay(session.scenario, session.role, [*session.moves, Accept(offer=offer.id)],
                           seed=session.seed, difficulty=session.difficulty)
        except IllegalMove:
            continue
        return k
    return None


def seed_with_an_acceptable_offer(role: str) -> int:
    """A seed where, if the player only ends rounds, an acceptable offer reaches the table."""
    from game.engine.moves import EndRound
    from game.engine.session import Session

    for seed in range(40):
        session = Session.start(tutorial(), role, seed=seed, difficulty="easy")
        while not session.finished:
            if acceptable_offer(session) is not None:
                return seed
            session.play(EndRound())
    raise AssertionError("no seed gives an acceptable offer")


@pytest.mark.parametrize("role", ["ukraine", "russia"])
async def test_accept_an_offer_on_the_table(tmp_path: Path, role: str) -> None:
    seed = seed_with_an_acceptable_offer(role)
    app = RedLinesApp(scenario=tutorial(), role=role, seed=seed, saves_dir=tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await open_table(pilot)
        accepted = False
        for _ in range(30):
            screen = app.screen
            if isinstance(screen, DebriefScreen):
                break
            if isinstance(screen, TableScreen) and not accepted:
                k = acceptable_offer(app.session)
                if k is not None:
                    screen.query_one("#offers").highlighted = k
                    await pilot.press("a")
                    await pilot.pause()
                    assert isinstance(app.screen, ConfirmScreen)
                    await pilot.press("y")
                    await settle(pilot)
                    accepted = True
                    continue
            await pilot.press("enter" if isinstance(screen, AnswersScreen | BriefingScreen)
                              else "e")
            await settle(pilot)
        assert accepted, "no offer was ever acceptable to the player"
        assert any(e.kind == "accept" and e.actor == role for e in app.session.log)
        assert isinstance(app.screen, DebriefScreen)


async def test_walk_out_ends_the_game(tmp_path: Path) -> None:
    app = RedLinesApp(scenario=tutorial(), role="russia", seed=5, saves_dir=tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await open_table(pilot)
        await pilot.press("w")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert isinstance(app.screen, TableScreen)
        await pilot.press("w", "y")
        await settle(pilot)
        assert any(e.kind == "walk_out" and e.actor == "russia" for e in app.session.log)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DebriefScreen)
        assert "NO DEAL" in outcome_text(app.screen)


async def test_own_red_line_is_refused_with_a_message(tmp_path: Path) -> None:
    app = RedLinesApp(scenario=tutorial(), role="russia", seed=3, saves_dir=tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        table = await open_table(pilot)
        table.query_one(PackageBuilder).set_package({"ceasefire": "immediate"})
        await pilot.pause()
        assert "breaks your red line" in str(table.query_one(Scorecard).render())
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, TableScreen)
        assert not any(e.actor == "russia" and e.kind == "offer" for e in app.session.log)
        assert any("red line" in n.message for n in app._notifications)


async def test_help_sources_and_too_small(tmp_path: Path) -> None:
    app = RedLinesApp(scenario=tutorial(), role="ukraine", saves_dir=tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await open_table(pilot)
        await pilot.press("s")
        assert isinstance(app.screen, SourcesScreen)
        await pilot.press("escape")
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert isinstance(app.screen, TableScreen)
        await pilot.press("f2")
        assert app.theme == "textual-light"


async def test_continue_a_saved_game(tmp_path: Path) -> None:
    app = RedLinesApp(scenario=tutorial(), role="russia", seed=4, saves_dir=tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await open_table(pilot)
        await pilot.press("p")
        await settle(pilot)
        moves = list(app.session.moves)
    again = RedLinesApp(saves_dir=tmp_path)
    async with again.run_test(size=(100, 32)) as pilot:
        await pilot.press("c")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(again.screen, BriefingScreen)
        assert again.session is not None and list(again.session.moves) == moves

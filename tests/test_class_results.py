"""A student's name and playing time travel from the game to the save and the class results."""

from __future__ import annotations

import csv
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from game.cli import main
from game.engine.players import player_bot, run_game
from game.engine.session import Session
from game.files import resolve
from game.saves import load_save, minutes_played, save_session


def test_name_and_minutes_reach_the_csv(tmp_path: Path) -> None:
    scenario = resolve("tutorial").scenario
    assert scenario is not None
    session = Session.start(scenario, "ukraine", seed=2)
    session.student = "Ana Kovalenko"
    session.started = (datetime.now(UTC) - timedelta(minutes=25)).isoformat(timespec="seconds")
    run_game(session, player_bot("linear", "ukraine", 2))
    path = save_session(session, tmp_path / "ana.json")
    loaded = load_save(path)
    assert loaded.data.student == "Ana Kovalenko"
    assert loaded.session().student == "Ana Kovalenko"
    minutes = minutes_played(loaded.data)
    assert minutes is not None and 24.9 <= minutes <= 26
    out = tmp_path / "class.csv"
    assert main(["replay", str(path), "--format", "csv", "--out", str(out)]) == 0
    (row,) = list(csv.DictReader(out.read_text().splitlines()))
    assert row["student"] == "Ana Kovalenko" and row["seat"] == "ukraine"
    assert row["finished"] == "yes" and 24.9 <= float(row["minutes"]) <= 26


def test_unknown_times_give_no_minutes(tmp_path: Path) -> None:
    scenario = resolve("tutorial").scenario
    assert scenario is not None
    path = save_session(Session.start(scenario, "russia"), tmp_path / "x.json")
    assert minutes_played(load_save(path).data) is None


def test_the_game_debrief_ends_with_the_questions_and_what_happened() -> None:
    from game.debrief import build
    from game.tui.debrief import discussion_markup

    scenario = resolve("tutorial").scenario
    assert scenario is not None and scenario.teaching is not None
    session = Session.start(scenario, "ukraine", seed=2)
    run_game(session, player_bot("linear", "ukraine", 2))
    text = discussion_markup(build(session))
    assert text.index("[b]Turning points[/b]") < text.index("[b]Questions for the debrief[/b]")
    assert text.index("[b]Questions for the debrief[/b]") < text.index("[b]What happened[/b]")
    assert text.count("\n  ") >= len(scenario.teaching.debrief) + len(scenario.teaching.epilogue)


@pytest.mark.slow
async def test_the_new_game_screen_asks_for_the_name(tmp_path: Path) -> None:
    from textual.widgets import Input

    from game.tui.app import RedLinesApp

    app = RedLinesApp(saves_dir=tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        for _ in range(50):
            await pilot.pause(0.05)
            if app.screen.query("#student") and getattr(app.screen, "scenario", None):
                break
        app.screen.query_one("#student", Input).value = "  Ana K "
        app.screen.query_one("#roles").focus()
        await pilot.press("s")
        for _ in range(100):
            await pilot.pause(0.05)
            if app.session is not None:
                break
        assert app.session is not None and app.session.student == "Ana K"
    saved = sorted(tmp_path.glob("*.json"))
    assert saved and load_save(saved[0]).data.student == "Ana K"


def test_tags_of_nearby_dots_do_not_overlap() -> None:
    from game.debrief.svg import tag_place

    placed: list[tuple[float, float, float]] = []
    spots = [tag_place(100 + k, 200 + k, 20.0, placed) for k in range(6)]
    for i, (x1, y1) in enumerate(spots):
        for x2, y2 in spots[i + 1:]:
            assert abs(y1 - y2) >= 13 or abs(x1 - x2) >= 20


def test_a_member_away_from_the_table_is_not_shown_at_it() -> None:
    from game.files import read_scenario
    from game.tui.view import scorecard

    path = Path(__file__).parent / "fixtures" / "instructor" / "peacekeepers-2025.yaml"
    scenario = read_scenario(path).scenario
    assert scenario is not None
    session = Session.start(scenario, "allies", seed=1)
    assert "uk" not in session.situation.at_table
    assert "uk" not in {st.party for st in session.stances()}
    package = {i.id: i.options[0].id for i in scenario.issues}
    card = scorecard(session.situation, package, "allies", session.stances())
    assert {line.party for line in card.own} == {"usa", "eu"}

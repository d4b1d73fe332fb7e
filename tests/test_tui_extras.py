"""The rest of the TUI's promises: palette commands, replay hand-off, crash handling, NO_COLOR,
export, and the pure helpers behind the scorecard."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.filter import Monochrome

from game.engine.scoring import score_all
from game.engine.situation import situation_at
from game.files import resolve
from game.tui.app import RedLinesApp
from game.tui.debrief import DebriefScreen
from game.tui.table import TableScreen
from game.tui.title import TitleScreen
from game.tui.view import scorecard, seats, source_line


def tutorial():
    scenario = resolve("tutorial").scenario
    assert scenario is not None
    return scenario


async def settle(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def to_table(pilot) -> None:
    for key in ("n", "s", "enter"):
        await pilot.press(key)
        await settle(pilot)
    assert isinstance(pilot.app.screen, TableScreen)


async def walk_to_debrief(pilot) -> None:
    """From the table: walk out, confirm, and open the debrief of the game it ended."""
    await pilot.press("w", "y")
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, DebriefScreen)


@pytest.mark.slow
async def test_palette_proposes_the_package(tmp_path: Path) -> None:
    app = RedLinesApp(scenario=tutorial(), role="ukraine", seed=1, saves_dir=tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await to_table(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"propose package")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert any(e.actor == "ukraine" and e.kind == "offer" for e in app.session.log)


@pytest.mark.slow
async def test_replay_path_opens_the_replay_viewer(tmp_path: Path) -> None:
    app = RedLinesApp(scenario=tutorial(), role="russia", seed=2, saves_dir=tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await to_table(pilot)
        await pilot.press("e")
        await settle(pilot)
    save = next(tmp_path.glob("*.json"))
    viewer = RedLinesApp(replay_path=save, saves_dir=tmp_path)
    async with viewer.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert type(viewer.screen).__name__ == "ReplayScreen"


async def test_bad_replay_file_is_a_message_not_a_crash(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"hello": 1}), encoding="utf-8")
    app = RedLinesApp(replay_path=bad, saves_dir=tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)
        assert any(str(bad) in n.message for n in app._notifications)


def test_internal_error_leaves_one_line_not_a_traceback(tmp_path: Path, capfd) -> None:
    class Broken(RedLinesApp):
        def on_mount(self) -> None:
            raise RuntimeError("boom")

    app = Broken(saves_dir=tmp_path)
    app.run(headless=True, size=(100, 32))
    err = capfd.readouterr()
    assert app.crash_note and "internal error" in app.crash_note
    assert "Traceback" not in err.out + err.err
    crash_file = Path(app.crash_note.rsplit(" ", 1)[-1])
    assert "RuntimeError: boom" in crash_file.read_text(encoding="utf-8")


async def test_no_color_is_honoured(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = RedLinesApp(saves_dir=tmp_path)
    async with app.run_test(size=(80, 24)):
        assert any(isinstance(f, Monochrome) for f in app._filters)


@pytest.mark.slow
async def test_export_writes_markdown_and_html(tmp_path: Path) -> None:
    app = RedLinesApp(scenario=tutorial(), role="ukraine", seed=1, saves_dir=tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await to_table(pilot)
        await walk_to_debrief(pilot)
        await pilot.press("x")
        await settle(pilot)
    md = list(tmp_path.glob("*-debrief.md"))
    html = list(tmp_path.glob("*-debrief.html"))
    assert md and html
    assert "Ukraine" in md[0].read_text(encoding="utf-8")


def test_scorecard_matches_the_engine_scoring() -> None:
    scenario = tutorial()
    situation = situation_at(scenario, 1)
    package = {i.id: i.options[-1].id for i in scenario.issues}
    card = scorecard(situation, package, "ukraine", [])
    expected = score_all(situation, situation.package(package))["ukraine"]
    [own] = card.own
    assert own.utility == pytest.approx(expected.utility)
    assert [part for _, part in own.breakdown] == pytest.approx(list(expected.breakdown))
    assert own.broken == [r.text for r in expected.violations]
    assert own.acceptable == expected.acceptable


def test_seats_list_every_mediator() -> None:
    labels = [s.label for s in seats(tutorial())]
    assert labels[-1].startswith("Mediator: ")


def test_opinion_sources_are_marked_in_words() -> None:
    from game.scenario.models import Source

    src = Source(id="S1", title="T", date="2025", kind="opinion", perspective="P")
    assert "opinion" in source_line(src) and "contested" in source_line(src)


@pytest.mark.slow
async def test_gesture_and_loading_an_offer(tmp_path: Path) -> None:
    from game.tui.builder import PackageBuilder

    app = RedLinesApp(scenario=tutorial(), role="ukraine", seed=1, saves_dir=tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await to_table(pilot)
        table = app.screen
        offer = app.session.table[-1]
        await pilot.press("tab", "o")
        assert table.query_one(PackageBuilder).package == offer.package
        await pilot.press("g")
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        assert any(e.kind == "gesture" for e in app.session.log)


@pytest.mark.slow
async def test_an_engine_fault_is_a_message(tmp_path: Path, monkeypatch) -> None:
    from game.engine.session import Session

    app = RedLinesApp(scenario=tutorial(), role="ukraine", seed=1, saves_dir=tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await to_table(pilot)

        def broken(self, move):
            raise KeyError("no such thing")

        monkeypatch.setattr(Session, "play", broken)
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, TableScreen)
        assert any("could not play this move" in n.message for n in app._notifications)
        monkeypatch.undo()
        await pilot.press("p")
        await settle(pilot)
        assert any(e.actor == "ukraine" and e.kind == "offer" for e in app.session.log)


@pytest.mark.slow
async def test_a_spent_move_key_says_why_and_the_builder_counts_offers(tmp_path: Path) -> None:
    from game.tui.builder import PackageBuilder

    app = RedLinesApp(scenario=tutorial(), role="ukraine", seed=1, saves_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await to_table(pilot)
        builder = app.screen.query_one(PackageBuilder)
        per_round = app.session.scenario.rules.turns_per_round
        assert f"{per_round} offers left" in str(builder.border_subtitle)
        for _ in range(per_round):
            await pilot.press("p")
            await settle(pilot)
            await pilot.press("enter")
            await settle(pilot)
        assert "no offers left" in str(builder.border_subtitle)
        offers = len([e for e in app.session.log if e.actor == "ukraine" and e.kind == "offer"])
        await pilot.press("p")
        await settle(pilot)
        assert any("all your offers this round" in n.message for n in app._notifications)
        assert len([e for e in app.session.log
                    if e.actor == "ukraine" and e.kind == "offer"]) == offers


@pytest.mark.slow
async def test_every_move_key_fits_the_footer_at_80_columns(tmp_path: Path) -> None:
    app = RedLinesApp(scenario=tutorial(), role="ukraine", seed=1, saves_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await to_table(pilot)
        footer = app.screen.query_one("Footer")
        assert footer.virtual_size.width <= 80  # nothing scrolled out of sight
        shown = sorted(footer.query("FooterKey"), key=lambda w: w.region.x)
        for left, right in zip(shown, shown[1:], strict=False):
            assert left.region.right <= right.region.x  # nothing drawn over another key
        labels = " ".join(str(w.description) for w in shown)
        for word in ("Propose", "Accept", "Walk out", "Gesture", "Help"):
            assert word in labels


@pytest.mark.slow
async def test_offers_on_the_table_say_whether_they_clear_your_no_deal(tmp_path: Path) -> None:
    app = RedLinesApp(scenario=tutorial(), role="ukraine", seed=1, saves_dir=tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        await to_table(pilot)
        offers = app.screen.query_one("#offers")
        first = str(offers.get_option_at_index(0).prompt)
        # Russia's opening offer has no corridors: it breaks Ukraine's own red line
        assert "⊘ red line" in first
        assert "a accept" in str(offers.border_subtitle)


def test_long_issue_titles_are_cut_with_an_ellipsis() -> None:
    from game.tui.builder import short

    assert short("Withdrawal and territory", 22) == "Withdrawal and territ…"
    assert len(short("Withdrawal and territory", 22)) == 22
    assert short("Ceasefire", 22) == "Ceasefire"


async def test_new_game_shows_the_seat_brief_first(tmp_path: Path) -> None:
    from textual.widgets import Static

    app = RedLinesApp(scenario=tutorial(), role="russia", saves_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await settle(pilot)
        about = str(app.screen.query_one("#about", Static).render())
        assert about.startswith("You play: Russia")


def test_the_mediator_card_says_who_the_text_breaks_and_names_fit() -> None:
    from game.tui.builder import card_markup
    from game.tui.view import Card, OtherLine, OwnLine

    others = [OtherLine("ukraine", "Ukraine", [], None),
              OtherLine("russia", "Russia", ["No foreign troops."], None)]
    text = card_markup(Card([], others), {"ukraine": 0.5, "russia": 0.4})
    assert text.splitlines()[0].endswith("breaks red lines of Russia")
    clean = card_markup(Card([], others[:1]), None)
    assert "✓ breaks no stated red line" in clean.splitlines()[0]
    members = [OwnLine(p, n, 0.6, 0.5, [("Security guarantees for Ukraine", 0.1)], [])
               for p, n in (("us", "United States"), ("eu", "European allies"))]
    narrow = card_markup(Card(members, []), None, 32)
    wide = card_markup(Card(members, []), None, 56)
    header = narrow.splitlines()[2:4]  # a narrow card wraps names on their words, never cuts
    assert header[0].split() == ["United", "European"] and header[1].split() == ["States",
                                                                                   "allies"]
    assert "…" not in "".join(header) and "European allies" in wide.splitlines()[2]
    three = [*members, OwnLine("w", "Western European allies", 0.6, 0.5, members[0].breakdown, [])]
    listed = card_markup(Card(three, []), None, 30).splitlines()  # no room even to wrap
    assert "  #3 Western European allies" in listed and listed[5].split() == ["#1", "#2", "#3"]
    assert "Security guarantees f" in wide and "Security guarantees f" not in narrow


@pytest.mark.slow
async def test_the_mediator_builder_counts_drafts_and_caucuses(tmp_path: Path) -> None:
    from game.tui.builder import PackageBuilder

    app = RedLinesApp(scenario=tutorial(), role="mediator", seed=1, saves_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await to_table(pilot)
        builder = app.screen.query_one(PackageBuilder)
        rules = app.session.scenario.rules
        assert f"{rules.turns_per_round} drafts" in str(builder.border_subtitle)
        for _ in range(rules.caucuses_per_round):
            await pilot.press("c")
            await settle(pilot)
            await pilot.press("enter")
            await settle(pilot)
            await pilot.press("enter")
            await settle(pilot)
        assert "0 caucuses left" in str(builder.border_subtitle)
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, TableScreen)
        assert any("No private meetings left" in n.message for n in app._notifications)


@pytest.mark.slow
async def test_dialogs_show_how_to_choose_and_that_answers_go_on(tmp_path: Path) -> None:
    from textual.containers import VerticalScroll

    from game.tui.dialogs import AnswersScreen, PickScreen

    scenario = resolve("istanbul-2022").scenario
    app = RedLinesApp(scenario=scenario, role="ukraine", seed=1, saves_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await to_table(pilot)
        await pilot.press("g")
        await settle(pilot)
        assert isinstance(app.screen, PickScreen)
        keys = [b.binding.description for b in app.active_bindings.values() if b.binding.show]
        assert "Choose" in keys and "Cancel" in keys
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, AnswersScreen)
        box = app.screen.query_one("#answers", VerticalScroll)
        assert box.max_scroll_y > 0 and "more below" in str(box.border_subtitle)
        box.scroll_end(animate=False)
        await pilot.pause()
        assert box.border_subtitle == ""


def test_the_last_answer_on_the_card_starts_with_a_yes_or_no_symbol() -> None:
    from game.engine.moves import Propose
    from game.engine.session import Session

    session = Session.start(tutorial(), "ukraine", seed=1)
    package = {i.id: i.options[0].id for i in session.scenario.issues}
    session.play(Propose(package=package))  # Russia answers it
    situation = session.situation
    card = scorecard(situation, package, "ukraine", session.stances())
    [russia] = card.others
    assert russia.last_answer is not None
    assert russia.last_answer[0] in "✓✗" and "reject:" not in russia.last_answer


@pytest.mark.slow
async def test_a_continued_game_starts_the_builder_from_the_last_text(tmp_path: Path) -> None:
    from game.tui.builder import PackageBuilder

    app = RedLinesApp(scenario=tutorial(), role="mediator", seed=1, saves_dir=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await to_table(pilot)
        await pilot.press("right", "t")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        tabled = app.screen.query_one(PackageBuilder).package
    session = app.session
    drafts = [e for e in session.log if e.kind == "draft" and e.actor == "mediator"]
    assert drafts and drafts[-1].package == tabled
    again = RedLinesApp(saves_dir=tmp_path)
    async with again.run_test(size=(80, 24)) as pilot:
        again.start_game(session)
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(again.screen, TableScreen)
        assert again.screen.query_one(PackageBuilder).package == tabled
        first = {i.id: i.options[0].id for i in session.scenario.issues}
        assert tabled != first

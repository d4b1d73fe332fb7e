"""A student's guesses of the others' top issue and no-deal value: recorded for that seat alone,
refused when they name no other party or no issue, and set against the truth in the debrief."""

from __future__ import annotations

import pytest

from game.debrief import build, render
from game.engine.moves import EndRound, Guess
from game.engine.records import IllegalMove
from game.engine.session import Session
from game.engine.views import view
from game.files import resolve
from tests.table_pilot import at_the_table


def _start(role: str = "ukraine") -> Session:
    scenario = resolve("istanbul-2022").scenario
    assert scenario is not None
    return Session.start(scenario, role, seed=3)


def test_a_guess_is_recorded_for_the_seat_alone_and_checked() -> None:
    s = _start()
    new = s.play(Guess(party="russia", top="territory", reservation=0.6))
    assert [e.kind for e in new] == ["guessed"] and new[0].visible_to == ("ukraine",)
    assert all(e.kind != "guessed" for e in view(s.state, "russia").log)
    with pytest.raises(IllegalMove, match="not another party"):
        s.play(Guess(party="ukraine", top="territory", reservation=0.5))
    with pytest.raises(IllegalMove, match="not an issue"):
        s.play(Guess(party="russia", top="nope", reservation=0.5))


def test_the_debrief_sets_guesses_against_the_truth_of_their_round() -> None:
    s = _start()
    s.play(Guess(party="russia", top="territory", reservation=0.6))
    s.play(EndRound())
    s.play(Guess(party="usa", top="guarantees", reservation=0.3))
    d = build(s)
    assert [(g.round, g.party) for g in d.guesses] == [(1, "russia"), (2, "usa")]
    for g in d.guesses:
        state = s.book.situation(g.round).parties[g.party]
        assert g.reservation_true == pytest.approx(state.reservation)
        top = max(range(len(state.weights)), key=lambda i: (state.weights[i], -i))
        assert g.top_true == s.scenario.issues[top].title
    md = render(d, "md")
    assert "## Your guesses against the truth" in md and md.count("\n| 1 | Russia |") == 1


@pytest.mark.slow
async def test_the_guess_key_asks_three_things_and_records_them(tmp_path) -> None:
    from game.tui.app import RedLinesApp

    s = _start()
    app = RedLinesApp(saves_dir=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await at_the_table(app, pilot, s)
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("enter")  # the first other party
        await pilot.pause()
        await pilot.press("enter")  # the first issue
        await pilot.pause()
        await pilot.press("4", "5", "enter")
        for _ in range(60):
            await pilot.pause(0.05)
            if any(e.kind == "guessed" for e in s.log):
                break
    guess = next(e for e in s.log if e.kind == "guessed")
    assert guess.guessed_reservation == pytest.approx(0.45)
    assert guess.top == s.scenario.issues[0].id


def test_the_debrief_charts_the_zone_round_by_round() -> None:
    from game.engine.analysis import analyze
    from game.engine.situation import situation_at
    from game.tui.debrief import discussion_markup

    s = _start()
    for _ in range(3):
        s.play(EndRound())
    d = build(s)
    assert sorted(d.zone_by_round) == list(range(1, s.round + 1))
    for r, n in d.zone_by_round.items():  # as played: with the events its play set off
        fired = frozenset(f for f in s.state.fired if f[0] <= r)
        assert n == analyze(situation_at(s.scenario, r, fired)).zopa
    text = discussion_markup(d)
    assert all(f"Round {r}:" in text for r in d.zone_by_round)
    assert "## The zone of agreement, round by round" in render(d, "md")


def test_the_replay_viewer_sets_each_guess_against_the_truth(tmp_path) -> None:
    from game.debrief.steps import Steps
    from game.saves import load_save, save_session

    s = _start()
    s.play(Guess(party="russia", top="territory", reservation=0.6))
    s.play(EndRound())
    loaded = load_save(save_session(s, tmp_path / "g.json"))
    steps = Steps(loaded.data)
    assert steps.view(0).guesses == ()
    (line,) = steps.view(1).guesses
    truth = s.book.situation(1).parties["russia"]
    assert line.startswith("Russia (round 1): top issue Withdrawal and territory")
    assert f"no deal 0.60, truly {truth.reservation:.2f}" in line
    assert steps.view(2).guesses == steps.view(1).guesses  # kept as the replay goes on


def test_the_offer_scatter_puts_each_offer_where_its_numbers_say() -> None:
    from game.tui.scatter import offer_scatter, seat_scatter

    lines = offer_scatter([("1", 0.0, 1.0), ("2", 1.0, 0.0), ("3", 0.5, 0.5), ("4", 0.5, 0.5)],
                          width=11, height=5)
    assert lines[0] == "1.0 ┤1" + " " * 10
    assert lines[4] == "0.0 ┤" + " " * 10 + "2"
    assert lines[2][5 + 5] == "+"  # two offers at one place, named under the plot
    assert lines[-1] == "     + near you 0.50, others 0.50: offers 3, 4"
    s = _start()
    s.play(EndRound())
    d = build(s)
    chart = seat_scatter(d)
    assert chart and chart[0] == "the others' mean ↑" and all(len(x) <= 80 for x in chart)

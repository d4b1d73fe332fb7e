"""Pictures and words a student reads: the utility chart for four or five parties at 80
columns, the analysis one palette search away, no unexplained jargon, citations given once."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game.debrief import build, render
from game.engine.events import Caucused, Reason
from game.engine.players import player_bot
from game.engine.session import Session
from game.engine.strategies import Curve
from game.files import resolve
from game.tui.app import RedLinesApp
from game.tui.briefing import briefing_text
from game.tui.dialogs import TextScreen, entry_text
from game.tui.table import TableScreen
from game.tui.view import BARS, cite_new, seat_analysis, strip, utility_strips


def load(name: str):
    scenario = resolve(name).scenario
    assert scenario is not None
    return scenario


@pytest.mark.parametrize("parties", [2, 4, 5])
@pytest.mark.parametrize("offers", [3, 15, 200])
def test_the_chart_gives_each_party_its_own_row_within_80_columns(parties: int,
                                                                   offers: int) -> None:
    names = ["Ukraine", "Russia", "United States", "European allies", "Türkiye"][:parties]
    rows = [(n, [((k * 7 + i * 3) % 11) / 10 for k in range(offers)], 0.5)
            for i, n in enumerate(names)]
    lines = utility_strips(rows, 76)
    assert len(lines) == parties + 1  # a row per party, then the offer axis
    for name, line in zip(names, lines, strict=False):
        assert line.startswith(name) and len(line) <= 76
        assert sum(c in BARS for c in line) >= min(offers, 8)
    assert lines[-1].split()[-1] == str(offers)


def test_a_bar_is_on_one_zero_to_one_scale() -> None:
    assert strip([0.0, 0.5, 1.0], 10) == "▁▅█"
    assert len(strip([0.3] * 100, 20)) == 20


def test_strategies_are_described_without_jargon() -> None:
    for scenario in map(load, ("tutorial", "istanbul-2022", "stalemate-2025")):
        for party in scenario.parties:
            text = Curve(party.strategy, len(scenario.rounds)).describe()
            assert "exponent" not in text and "curve" not in text


@pytest.mark.slow
def test_exports_explain_every_move_label_they_use(tmp_path: Path) -> None:
    scenario = load("tutorial")
    session = Session.start(scenario, "ukraine", seed=5)
    bot = player_bot("linear", "ukraine", 5)
    while not session.finished:
        session.play(bot.move(session))
    d = build(session)
    md = render(d, "md")
    for label in {o.label for o in d.offers}:
        assert re.search(rf"{label} \([a-z]", md), label


def test_citations_are_not_repeated() -> None:
    assert cite_new("They met (S3).", ["S1", "S3"]) == " (S1)"
    assert cite_new("They met (S1, S3).", ["S1", "S3"]) == ""
    assert cite_new("They met.", ["S2"]) == " (S2)"
    for name in ("tutorial", "istanbul-2022", "stalemate-2025"):
        scenario = load(name)
        session = Session.start(scenario, scenario.roles[0], seed=0)
        added = 0
        for line in briefing_text(session).splitlines():
            m = re.search(r" \[dim\]\(([^)]*)\)\[/dim\]$", line)
            if m:
                added += 1
                before = line[:m.start()]
                for sid in m.group(1).split(", "):
                    assert not re.search(rf"\b{sid}\b", before), line
        assert added, name  # texts without inline citations still get theirs


def test_a_caucus_names_a_red_line_without_saying_a_text_broke_it() -> None:
    scenario = load("istanbul-2022")
    rule = next(r for p in scenario.parties if p.id == "russia" for r in p.red_lines)
    e = Caucused(seq=1, round=1, actor="mediator", party="russia", credibility=0.8,
                 red_line_text=rule.text,
                 reasons=[Reason(text=f"it breaks our red line '{rule.text}'",
                                 red_line=rule.id, sources=list(rule.sources))])
    text = entry_text(scenario, e)
    assert "red line named" in text and rule.text in text
    assert "red line hit" not in text and "it breaks" not in text


def test_the_seat_analysis_counts_only_known_red_lines() -> None:
    scenario = load("stalemate-2025")
    session = Session.start(scenario, "ukraine", seed=0, difficulty="normal")
    text = "\n".join(seat_analysis(session.situation, "ukraine", session.stances(),
                                   session.view().reveal))
    # the briefing tells the student the analysis finds no package both sides can sign
    assert "break none of the red lines you know of: 0 " in text
    assert "their no-deal values" in text and "the debrief shows it" in text


@pytest.mark.slow
async def test_the_palette_finds_the_analysis(tmp_path: Path) -> None:
    app = RedLinesApp(scenario=load("tutorial"), role="ukraine", seed=1, saves_dir=tmp_path)
    async with app.run_test(size=(100, 32)) as pilot:
        for key in ("n", "s", "enter"):
            await pilot.press(key)
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
        assert isinstance(app.screen, TableScreen)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"analy")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, TextScreen)
        assert "red lines you know of" in app.screen.text

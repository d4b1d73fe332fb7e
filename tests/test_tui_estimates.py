"""Their side of the package: the scorecard shows what the package is worth to every other party
as the seat may know it (exact on easy, which reveals priorities and option values; else a
labelled estimate with its range), and
says that hidden red lines are hidden rather than absent."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.engine.session import Session
from game.engine.views import ASKED_FOR, estimate, own_proposal
from game.files import resolve
from game.scenario.models import Difficulty
from game.tui.app import RedLinesApp
from game.tui.builder import PackageBuilder, Scorecard, card_markup
from game.tui.table import TableScreen, opening_package
from game.tui.view import scorecard

BUNDLED = ("tutorial", "istanbul-2022", "stalemate-2025", "nato-2023")


def load(name: str):
    scenario = resolve(name).scenario
    assert scenario is not None
    return scenario


def card_for(session: Session, package: dict[str, str] | None = None):
    package = package or opening_package(session)
    card = scorecard(session.situation, package, session.role, session.stances(),
                     session.view())
    return card, card_markup(card, None, 60)


@pytest.mark.parametrize("name", BUNDLED)
@pytest.mark.parametrize("difficulty", ["easy", "normal", "hard"])
def test_every_other_party_has_its_worth_labelled_on_every_level(name: str,
                                                                 difficulty: str) -> None:
    """Easy reveals priorities and option values: each other party's worth is the true number,
    labelled exact; normal and hard give a labelled estimate with a range, never the number."""
    scenario = load(name)
    for role in scenario.roles:
        session = Session.start(scenario, role, seed=0, difficulty=difficulty)
        package = opening_package(session)
        card, text = card_for(session, package)
        pkg = session.situation.package(package)
        assert card.others, (name, role)
        for other in card.others:
            assert other.worth is not None and 0 <= other.worth.low <= other.worth.high <= 1
            true = session.situation.parties[other.party].utility(pkg)
            if difficulty == "easy":
                assert other.worth.exact and other.worth.low == other.worth.high
                assert other.worth.low == pytest.approx(true), (name, role, other.party)
                assert other.worth.reservation is None  # easy does not reveal no-deal values
            else:
                assert not other.worth.exact and other.worth.high > other.worth.low
        if card.own:  # a party's card: one line per other party under "Their side"
            side = text.split("Their side", 1)[1].split("\n\n", 1)[0]
            for other in card.others:
                line = next(x for x in side.splitlines() if x.strip().startswith(
                    other.name[:8]))
                assert other.worth is not None
                if difficulty == "easy":
                    assert f"{other.worth.low:.2f} [dim]exact" in line, line
                    assert "est." not in line
                else:
                    assert "est." in line and "exact" not in line, line
        else:  # the mediator's card: a worth line in each party's block
            assert text.count("worth to it") == len(card.others), (name, role)
            if difficulty == "easy":
                assert text.count("(exact)") == len(card.others), (name, role)
                assert "estimate" not in text
            else:
                assert text.count("estimate") >= len(card.others), (name, role)
                assert "exact" not in text
        if difficulty == "hard":
            assert "no stated red line broken" not in text
            assert "red lines: unknown" in text or "⊘ breaks" in text
        else:
            assert "unknown" not in text


def test_the_worth_is_exact_when_the_level_reveals_priorities_and_values() -> None:
    scenario = load("istanbul-2022")
    open_level = Difficulty(id="open", label="Open",
                            reveal=["positions", "red_lines", "priorities", "values",
                                    "reservation"])
    scenario = scenario.model_copy(update={"difficulties": [open_level]})
    session = Session.start(scenario, "ukraine", seed=0, difficulty="open")
    package = opening_package(session)
    card, text = card_for(session, package)
    pkg = session.situation.package(package)
    for other in card.others:
        assert other.worth is not None and other.worth.exact
        true = session.situation.parties[other.party].utility(pkg)
        assert other.worth.low == pytest.approx(true)
        assert f"{true:.2f}" in text.split("Their side", 1)[1].split("Your utility")[0]
        assert other.worth.reservation == session.situation.parties[other.party].reservation
    assert "est." not in text


def test_the_estimate_reads_the_view_and_its_evidence_counts() -> None:
    """The estimate takes only the seat's view (it has no access to the situation); what it
    reads there counts: the options a party asked for itself raise the low end."""
    scenario = load("istanbul-2022")
    session = Session.start(scenario, "ukraine", seed=0, difficulty="hard")
    v = session.view()
    asked = own_proposal(v, scenario, "russia")
    assert asked, "Russia tables an opening offer the seat saw"
    theirs = estimate(v, scenario, "russia", asked)
    assert theirs.low >= ASKED_FOR - 1e-9 and not theirs.exact
    others = {i.id: next(o.id for o in i.options if o.id != asked[i.id])
              for i in scenario.issues}
    assert estimate(v, scenario, "russia", others).low == 0


def test_the_mediator_sees_each_partys_worth_for_its_draft() -> None:
    scenario = load("tutorial")
    session = Session.start(scenario, "mediator", seed=0, difficulty="normal")
    card, text = card_for(session)
    assert not card.own
    assert {o.party for o in card.others} == {p.id for p in scenario.parties}
    assert text.count("worth to it") == len(scenario.parties)


@pytest.mark.slow
@pytest.mark.parametrize("name", BUNDLED)
@pytest.mark.parametrize("difficulty", ["easy", "normal", "hard"])
async def test_the_table_shows_their_side_and_hidden_red_lines(tmp_path: Path, name: str,
                                                               difficulty: str) -> None:
    """At the real table: on easy each other party's line is its exact worth, on normal and
    hard an estimate with its range; hidden red lines read as hidden on hard alone."""
    scenario = load(name)
    app = RedLinesApp(scenario=scenario, role="ukraine", seed=1, saves_dir=tmp_path,
                      difficulty=difficulty)
    async with app.run_test(size=(120, 40)) as pilot:
        for key in ("n", "s", "enter"):
            await pilot.press(key)
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TableScreen)
        text = str(screen.query_one(Scorecard).render())
        session = screen.session
        pkg = session.situation.package(screen.query_one(PackageBuilder).package)
        side = text.split("Their side", 1)[1].split("Your utility", 1)[0]
        others = [p for p in scenario.parties
                  if p.id != "ukraine" and p.id in session.situation.at_table]
        assert others
        for party in others:
            line = next(x for x in side.splitlines() if x.strip().startswith(party.name[:8]))
            if difficulty == "easy":
                true = session.situation.parties[party.id].utility(pkg)
                assert f"{true:.2f} exact" in line, line
            else:
                assert "est." in line and "exact" not in line, line
                assert "–" in line, line  # a range, low–high
        # hard hides red lines: shown as unknown, never as "none broken"
        assert ("red lines: unknown (hidden)" in text) == (difficulty == "hard")
        if difficulty == "hard":
            assert "no stated red line broken" not in text

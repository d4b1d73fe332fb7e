"""Their side of the package: the scorecard shows what the package is worth to every other party
as the seat may know it (exact only when the level reveals it, else a labelled estimate), and
says that hidden red lines are hidden rather than absent."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.engine.session import Session
from game.engine.views import ASKED_FOR, estimate, own_proposal
from game.files import resolve
from game.scenario.models import Difficulty
from game.tui.app import RedLinesApp
from game.tui.builder import Scorecard, card_markup
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
    scenario = load(name)
    for role in scenario.roles:
        session = Session.start(scenario, role, seed=0, difficulty=difficulty)
        card, text = card_for(session)
        assert card.others, (name, role)
        for other in card.others:
            assert other.worth is not None and 0 <= other.worth.low <= other.worth.high <= 1
            # no bundled level reveals option values: never shown as if exact
            assert not other.worth.exact
        if card.own:  # a party's card: one line per other party under "Their side"
            side = text.split("Their side", 1)[1].split("\n\n", 1)[0]
            for other in card.others:
                line = next(x for x in side.splitlines() if x.strip().startswith(
                    other.name[:8]))
                assert "est." in line, line
        else:  # the mediator's card: a worth line in each party's block
            assert text.count("worth to it") == len(card.others), (name, role)
            assert text.count("estimate") >= len(card.others), (name, role)
        if difficulty == "hard":
            assert "no stated red line broken" not in text
            assert "red lines hidden" in text or "⊘ breaks" in text
        else:
            assert "red lines hidden" not in text


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
@pytest.mark.parametrize("difficulty", ["easy", "hard"])
async def test_the_table_shows_their_side_and_hidden_red_lines(tmp_path: Path,
                                                               difficulty: str) -> None:
    app = RedLinesApp(scenario=load("tutorial"), role="ukraine", seed=1, saves_dir=tmp_path,
                      difficulty=difficulty)
    async with app.run_test(size=(120, 40)) as pilot:
        for key in ("n", "s", "enter"):
            await pilot.press(key)
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
        assert isinstance(app.screen, TableScreen)
        text = str(app.screen.query_one(Scorecard).render())
        assert "Their side" in text and "est." in text
        assert ("red lines hidden" in text) == (difficulty == "hard")

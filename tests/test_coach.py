"""The coach: a package better for the seat and no worse for the others by what the seat knows,
asked with a recorded move that changes nothing at the table, off at the hardest level."""

from __future__ import annotations

import pytest

from game.debrief import build
from game.engine.coach import advise
from game.engine.legal import why_not
from game.engine.moves import Coach
from game.engine.records import IllegalMove
from game.engine.scoring import at_least
from game.engine.session import Session
from game.engine.views import estimate, view
from game.files import resolve
from tests.table_pilot import at_the_table


def _start(role: str = "ukraine", level: str = "easy", name: str = "istanbul-2022") -> Session:
    scenario = resolve(name).scenario
    assert scenario is not None
    return Session.start(scenario, role, seed=4, difficulty=level)


def _opening(s: Session) -> dict[str, str]:
    return {i.id: i.options[0].id for i in s.scenario.issues}


def test_advice_is_better_for_the_seat_and_no_worse_for_the_others_as_it_knows_them() -> None:
    advised = 0
    for role in ("ukraine", "russia", "nato"):
        s = _start(role)
        pkg = {i.id: i.options[-1].id for i in s.scenario.issues}
        advice = advise(s.state, role, pkg)
        if advice.package is None:
            continue
        advised += 1
        sit = s.situation
        before, after = sit.package(pkg), sit.package(advice.package)
        v = view(s.state, role)
        heard = {rid for st in v.stances for rid, _t, _s in st.red_lines}
        known = [r for p in sit.at_table for r in sit.parties[p].rules
                 if p in s.seat.members or r.id in heard]
        fewer = sum(r.broken_by(after) for r in known) < sum(r.broken_by(before) for r in known)
        assert sum(r.broken_by(after) for r in known) <= sum(r.broken_by(before) for r in known)
        assert fewer or s.seat.utility(sit, after) > s.seat.utility(sit, before)
        for st in v.stances:
            if st.party in s.seat.members:
                continue
            old, new = (estimate(v, s.scenario, st.party, p) for p in (pkg, advice.package))
            assert at_least((new.low + new.high) / 2, (old.low + old.high) / 2)
        assert 1 <= len(advice.changes) <= 2 and len(advice.reasoning) == 2
    assert advised >= 2


def test_asking_is_recorded_for_the_seat_alone_and_changes_nothing_else() -> None:
    s = _start()
    table, plays = list(s.table), len(s.plays)
    new = s.play(Coach(package=_opening(s)))
    assert [e.kind for e in new] == ["coached"]
    assert s.table == table and len(s.plays) == plays + 1 and s.moves[-1].kind == "coach"
    assert new[0].visible_to == ("ukraine",)
    assert all(e.kind != "coached" for e in view(s.state, "russia").log)
    assert build(s).coached == 1
    again = Session.from_plays(s.scenario, "ukraine", list(s.plays), seed=4, difficulty="easy")
    assert [e.model_dump() for e in again.log] == [e.model_dump() for e in s.log]


def test_the_coach_is_off_at_the_hardest_level() -> None:
    s = _start(level="hard")
    move = Coach(package=_opening(s))
    assert why_not(s.state, "ukraine", move) == "the coach is off at the hardest level (hard)"
    with pytest.raises(IllegalMove, match="off at the hardest level"):
        s.play(move)


@pytest.mark.slow
async def test_the_coach_key_offers_the_package_and_undo_takes_it_back(tmp_path) -> None:
    from game.tui.app import RedLinesApp
    from game.tui.builder import PackageBuilder
    from game.tui.dialogs import ConfirmScreen

    s = _start()
    app = RedLinesApp(saves_dir=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        table = await at_the_table(app, pilot, s)
        before = {i.id: i.options[-1].id for i in s.scenario.issues}
        assert advise(s.state, "ukraine", before).package is not None
        table.query_one(PackageBuilder).set_package(before)
        await pilot.pause()
        await pilot.press("i")
        for _ in range(100):
            await pilot.pause(0.05)
            if isinstance(app.screen, ConfirmScreen):
                break
        assert isinstance(app.screen, ConfirmScreen)
        advised = s.log[-1].package
        await pilot.press("y")
        await pilot.pause()
        builder = table.query_one(PackageBuilder)
        assert advised is not None and dict(builder.package) == advised != before
        await pilot.press("u")
        await pilot.pause()
        assert dict(builder.package) == before


def test_the_preview_reads_red_lines_no_deal_values_and_past_answers() -> None:
    import copy

    from game.engine.views import preview
    from game.scenario.models import Scenario
    from tests.test_session import BASE

    data = copy.deepcopy(BASE)
    data["difficulties"] = [{"id": "open", "label": "Open",
                             "reveal": ["positions", "red_lines", "priorities", "values",
                                        "reservation"]},
                            {"id": "closed", "label": "Closed", "reveal": ["positions"]}]
    sc = Scenario.model_validate(data)
    s = Session.start(sc, "a", seed=1, difficulty="open")
    v = view(s.state, "a")
    good = {"ceasefire": "phased", "troops": "none", "prisoners": "some"}
    bad = {"ceasefire": "now", "troops": "foreign", "prisoners": "all"}
    assert preview(v, sc, "b", bad, True).startswith("no: it breaks")
    worth_good = s.situation.parties["b"].utility(s.situation.package(good))
    assert worth_good >= 0.4  # b's no-deal value
    assert preview(v, sc, "b", good, False).startswith("likely yes")
    closed = Session.start(sc, "a", seed=1, difficulty="closed")
    text = preview(view(closed.state, "a"), sc, "b", good, False)
    assert text.startswith(("likely", "can't tell"))
    assert "no-deal" not in text  # the closed level hides the no-deal value


def test_the_preview_remembers_an_answer_to_the_same_package() -> None:
    from game.engine.views import preview

    s = _start()
    offer = next(o for o in s.table if o.by != "ukraine")
    answers = [e for e in s.log if e.kind in ("accept", "reject") and e.offer == offer.id
               and e.actor != offer.by]
    assert answers
    e = answers[0]
    text = preview(view(s.state, "ukraine"), s.scenario, e.actor, offer.package, False)
    assert text == ("likely yes: they accepted this package" if e.kind == "accept"
                    else "likely no: they refused this package")


def _true_worths(s: Session, pkg: dict[str, str]) -> dict[str, float]:
    idx = s.situation.package(pkg)
    return {p: s.situation.parties[p].utility(idx) for p in s.situation.at_table}


def test_on_easy_the_coach_never_asks_to_learn_more_and_its_verdicts_hold_exactly() -> None:
    """Easy shows every worth exactly, so the coach searches every package: it either finds one
    no worse for anybody (checked against the true utilities) or says plainly none exists
    (checked by trying all 1,944 Istanbul packages)."""
    import itertools
    import random

    from game.engine.scoring import dominates

    s = _start("mediator")
    sc, sit = s.scenario, s.situation
    rules = [r for p in sit.at_table for r in sit.parties[p].rules
             if any(r.id == rid for st in view(s.state, "mediator").stances
                    for rid, _t, _s in st.red_lines)]
    broken = lambda pkg: sum(r.broken_by(sit.package(pkg)) for r in rules)  # noqa: E731
    everything = [dict(zip([i.id for i in sc.issues], combo, strict=True)) for combo in
                  itertools.product(*[[o.id for o in i.options] for i in sc.issues])]
    rng = random.Random(1)
    seen = {"none": 0, "wide": 0}
    for pkg in [_opening(s)] + [{i.id: rng.choice(i.options).id for i in sc.issues}
                                for _ in range(30)]:
        advice = advise(s.state, "mediator", pkg)
        assert not any("Learn more" in line for line in advice.reasoning)
        now = _true_worths(s, pkg)
        if advice.package is None:
            seen["none"] += 1
            assert advice.reasoning[0].startswith("No package is better for every party")
            assert not any(dominates(_true_worths(s, o), now) and broken(o) <= broken(pkg)
                           for o in everything)
        else:
            assert dominates(_true_worths(s, advice.package), now)
            seen["wide"] += len(advice.changes) > 2
    assert seen["none"] >= 1 and seen["wide"] >= 1  # both kinds of answer were exercised
    for name in ("stalemate-2025", "nato-2023", "tutorial"):
        for role in resolve(name).scenario.roles:
            t = _start(role, name=name)
            for pkg in (_opening(t), {i.id: i.options[-1].id for i in t.scenario.issues}):
                assert "Learn more" not in " ".join(advise(t.state, role, pkg).reasoning)


def test_a_space_too_large_to_search_is_said_so_not_claimed_empty(
        monkeypatch: pytest.MonkeyPatch) -> None:
    s = _start("mediator")
    monkeypatch.setattr("game.engine.coach_exact.SPACE_CAP", 10)
    advice = advise(s.state, "mediator", _opening(s))
    assert advice.package is None and "too many packages" in advice.reasoning[0]
    assert "Learn more" not in " ".join(advice.reasoning)

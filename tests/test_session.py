"""The game session: roles, moves, reasons, trust, coalitions, the mediator, the end."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from game.engine.events import Event
from game.engine.moves import Accept, Caucus, Draft, EndRound, Gesture, Propose, WalkOut
from game.engine.players import PLAYER_STRATEGIES, player_bot, run_game
from game.engine.session import IllegalMove, Session
from game.engine.situation import situation_at
from game.files import bundled_paths, read_scenario
from game.narrate import Narrator
from game.scenario.models import Scenario

SRC = ["S1"]


def opt(i: str) -> dict[str, Any]:
    return {"id": i, "label": i.title(), "sources": SRC}


BASE: dict[str, Any] = {
    "id": "fixture",
    "title": "Fixture",
    "period": "2022",
    "summary": "A small scenario for engine tests.",
    "sources": [{"id": "S1", "title": "t", "date": "2022", "kind": "news", "perspective": "p"}],
    "issues": [
        {"id": "ceasefire", "title": "Ceasefire", "sources": SRC,
         "options": [opt("now"), opt("phased"), opt("none")]},
        {"id": "troops", "title": "Troops", "sources": SRC,
         "options": [opt("foreign"), opt("observers"), opt("none")]},
        {"id": "prisoners", "title": "Prisoners", "sources": SRC,
         "options": [opt("all"), opt("some"), {**opt("later"), "deferred": True}]},
    ],
    "parties": [
        {"id": "a", "name": "Alpha", "brief": "b", "sources": SRC,
         "public_positions": [{"text": "Wants a ceasefire now.", "sources": SRC}],
         "weights": {"ceasefire": 5, "troops": 3, "prisoners": 2},
         "values": {"ceasefire": {"now": 100, "phased": 60, "none": 0},
                    "troops": {"foreign": 100, "observers": 60, "none": 0},
                    "prisoners": {"all": 100, "some": 60, "later": 20}},
         "reservation": 0.4,
         "red_lines": [{"id": "a-no-none", "text": "A ceasefire of some kind", "sources": SRC,
                        "forbid": {"issue": "ceasefire", "options": ["none"]}},
                       {"id": "a-prisoners", "text": "Prisoners now", "sources": SRC,
                        "forbid": {"issue": "prisoners", "options": ["later"]}}],
         "strategy": {"name": "linear"}, "trust": {"b": 0.3}},
        {"id": "b", "name": "Beta", "brief": "b", "sources": SRC,
         "weights": {"ceasefire": 4, "troops": 4, "prisoners": 2},
         "values": {"ceasefire": {"now": 20, "phased": 70, "none": 100},
                    "troops": {"foreign": 0, "observers": 60, "none": 100},
                    "prisoners": {"all": 60, "some": 100, "later": 40}},
         "reservation": 0.4,
         "red_lines": [{"id": "b-no-troops", "text": "No foreign troops", "sources": SRC,
                        "forbid": {"issue": "troops", "options": ["foreign"]}}],
         "strategy": {"name": "conceder"}},
        {"id": "c", "name": "Gamma", "brief": "b", "sources": SRC,
         "weights": {"ceasefire": 3, "troops": 5, "prisoners": 2},
         "values": {"ceasefire": {"now": 90, "phased": 70, "none": 0},
                    "troops": {"foreign": 80, "observers": 100, "none": 20},
                    "prisoners": {"all": 100, "some": 70, "later": 30}},
         "reservation": 0.35,
         "red_lines": [{"id": "c-observers", "text": "Someone must watch the line", "sources": SRC,
                        "forbid": {"issue": "troops", "options": ["none"]}}],
         "strategy": {"name": "boulware"}},
        {"id": "d", "name": "Delta", "brief": "b", "sources": SRC,
         "weights": {"ceasefire": 3, "troops": 3, "prisoners": 4},
         "values": {"ceasefire": {"now": 80, "phased": 80, "none": 10},
                    "troops": {"foreign": 60, "observers": 100, "none": 30},
                    "prisoners": {"all": 100, "some": 80, "later": 30}},
         "reservation": 0.35,
         "strategy": {"name": "hardliner", "deadline_round": 2}},
    ],
    "coalitions": [{"id": "cd", "name": "Gamma-Delta", "brief": "b", "sources": SRC,
                    "members": ["c", "d"]}],
    "mediators": [{"id": "m", "name": "Mediator", "brief": "b", "sources": SRC,
                   "credibility": {"a": 0.7, "b": 0.7, "c": 0.7, "d": 0.7}}],
    "rounds": [
        {"id": "r1", "title": "One", "date": "March", "briefing": [{"text": "x", "sources": SRC}]},
        {"id": "r2", "title": "Two", "date": "April", "briefing": [{"text": "y", "sources": SRC}]},
        {"id": "r3", "title": "Three", "date": "May", "briefing": [{"text": "z", "sources": SRC}]},
    ],
    "confidence_steps": [{"id": "swap", "title": "Prisoner swap", "text": "A first swap.",
                          "sources": SRC, "trust": 0.3, "parties": ["a", "b"]}],
    "roles": ["a", "b", "cd", "mediator"],
}


def scenario(**changes: Any) -> Scenario:
    data = copy.deepcopy(BASE)
    data.update(changes)
    return Scenario.model_validate(data)


def bundled() -> list[Scenario]:
    out = []
    for path in bundled_paths():
        parsed = read_scenario(path)
        assert parsed.scenario is not None, parsed.reports
        out.append(parsed.scenario)
    return out


def dump(log: list[Event]) -> str:
    return "\n".join(e.model_dump_json() for e in log)


# -- starting ------------------------------------------------------------------------------------


def test_start_rejects_unknown_role_difficulty_and_mediator() -> None:
    sc = scenario()
    with pytest.raises(IllegalMove, match="not a role"):
        Session.start(sc, "zz")
    with pytest.raises(IllegalMove, match="difficulty"):
        Session.start(sc, "a", difficulty="impossible")
    with pytest.raises(IllegalMove, match="mediator 'nope'"):
        Session.start(sc, "mediator", mediator="nope")


def test_round_one_opens_with_briefing_and_computer_positions() -> None:
    s = Session.start(scenario(), "a", seed=1)
    assert s.round == 1 and not s.finished and s.outcome is None
    assert s.log[0].kind == "round_start" and s.log[0].reasons[0].text == "x"
    offers = [o for o in s.table if o.by != "a"]
    assert {o.by for o in offers} == {"b", "c", "d"}
    assert s.legal_moves() == ["propose", "accept", "gesture", "conditional", "end_round",
                              "walk_out"]


# -- determinism ---------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["a", "cd", "mediator"])
def test_same_seed_and_moves_give_the_same_log_byte_for_byte(role: str) -> None:
    sc = scenario()
    first = Session.start(sc, role, seed=7)
    run_game(first, player_bot("linear", role, 7))
    again = Session.replay(sc, role, first.moves, seed=7)
    assert dump(again.log) == dump(first.log)
    assert again.outcome == first.outcome


def test_seeds_change_the_game() -> None:
    sc = next(s for s in bundled() if s.id != "tutorial")
    role = sc.roles[0]
    logs = set()
    for seed in range(6):
        s = Session.start(sc, role, seed=seed)
        run_game(s, player_bot("linear", role, seed))
        logs.add(dump(s.log))
    assert len(logs) > 1


# -- every role on every bundled scenario --------------------------------------------------------


def test_every_role_of_every_bundled_scenario_plays_to_the_end() -> None:
    for sc in bundled():
        for role in sc.roles:
            for name in PLAYER_STRATEGIES:
                s = Session.start(sc, role, seed=3)
                run_game(s, player_bot(name, role, 3))
                assert s.finished and s.outcome is not None, (sc.id, role, name)
                assert s.log[-1].kind in ("agreement", "no_deal")
                assert s.legal_moves() == []
                assert 0.0 <= s.outcome.player.value <= 1.0
                assert s.outcome.player.explanation


# -- moves the rules refuse ----------------------------------------------------------------------


def test_illegal_moves_say_why() -> None:
    sc = scenario()
    s = Session.start(sc, "a", seed=0)
    with pytest.raises(IllegalMove, match="only the mediator"):
        s.play(Draft(package={"ceasefire": "now", "troops": "observers", "prisoners": "all"}))
    with pytest.raises(IllegalMove, match="no option chosen for issue 'prisoners'"):
        s.play(Propose(package={"ceasefire": "now", "troops": "observers"}))
    with pytest.raises(IllegalMove, match="your own red line"):
        s.play(Propose(package={"ceasefire": "none", "troops": "observers", "prisoners": "all"}))
    with pytest.raises(IllegalMove, match="no offer 999"):
        s.play(Accept(offer=999))
    with pytest.raises(IllegalMove, match="unknown confidence-building step"):
        s.play(Gesture(step="nope"))
    s.play(Gesture(step="swap"))
    with pytest.raises(IllegalMove, match="already"):
        s.play(Gesture(step="swap"))
    assert len(s.moves) == 1  # refused moves are not recorded


def test_turns_per_round_limit_offers() -> None:
    sc = scenario(rules={"turns_per_round": 1})
    s = Session.start(sc, "a", seed=0)
    s.play(Propose(package={"ceasefire": "now", "troops": "foreign", "prisoners": "all"}))
    if not s.finished:
        assert "propose" not in s.legal_moves()
        with pytest.raises(IllegalMove, match="all your offers"):
            s.play(Propose(package={"ceasefire": "now", "troops": "foreign", "prisoners": "all"}))


def test_mediator_moves_are_mediator_only() -> None:
    s = Session.start(scenario(), "a")
    with pytest.raises(IllegalMove, match="only the mediator"):
        s.play(Caucus(party="b"))
    m = Session.start(scenario(), "mediator")
    with pytest.raises(IllegalMove, match="only a party"):
        m.play(Propose(package={"ceasefire": "now", "troops": "foreign", "prisoners": "all"}))
    with pytest.raises(IllegalMove, match="only a party"):
        m.play(WalkOut())
    with pytest.raises(IllegalMove, match="not at the table"):
        m.play(Caucus(party="zz"))


def line(s: Session, e: Event) -> str:
    """The event in the words every shell shows (the one narrator)."""
    return Narrator(s.scenario, s.mediator).line(e)


def typed_utilities(e: Event) -> list[float]:
    """Every utility an event carries, whatever its kind."""
    found = list(getattr(e, "utilities", {}).values())
    u = getattr(e, "utility", None)
    return found + ([u] if u is not None else [])


# -- answers and reasons -------------------------------------------------------------------------


def test_red_line_rejection_names_the_red_line_and_its_sources() -> None:
    s = Session.start(scenario(), "a", seed=0)
    new = s.play(Propose(package={"ceasefire": "now", "troops": "foreign", "prisoners": "all"}))
    rejects = [e for e in new if e.actor == "b" and e.kind == "reject"]
    assert rejects, [line(s, e) for e in new]
    reason = rejects[0].reasons[0]
    assert reason.red_line == "b-no-troops" and reason.sources == SRC
    assert "No foreign troops" in line(s, rejects[0])


def test_every_rejection_carries_a_reason_and_utilities_lie_in_0_1() -> None:
    for seed in range(5):
        for role in ("a", "b", "cd", "mediator"):
            s = Session.start(scenario(), role, seed=seed)
            run_game(s, player_bot("conceder", role, seed))
            for e in s.log:
                if e.kind in ("reject", "objection"):
                    assert e.reasons and all(r.text for r in e.reasons), e
                for value in typed_utilities(e):
                    assert isinstance(value, float) and 0.0 <= value <= 1.0


def test_agreement_when_every_party_accepts_and_utilities_are_the_deal() -> None:
    sc = scenario()
    for seed in range(20):
        s = Session.start(sc, "a", seed=seed)
        run_game(s, player_bot("conceder", "a", seed))
        if s.outcome and s.outcome.agreement:
            break
    else:
        pytest.fail("no agreement in 20 games of a scenario with a zone of agreement")
    sit = situation_at(sc, s.round, s.state.fired)
    pkg = sit.package(s.outcome.package)
    for party in sit.at_table:
        if party not in s.outcome.walked_out:
            assert s.outcome.utilities[party] == pytest.approx(sit.parties[party].utility(pkg))
    offer_id = s.log[-1].offer
    accepted = {e.actor for e in s.log if e.kind == "accept" and e.offer == offer_id}
    tabled_by = next(e.actor for e in s.log if e.kind == "offer" and e.offer == offer_id)
    assert set(s.situation.at_table) - {tabled_by} <= accepted


def test_walking_out_ends_in_no_deal_at_reservation_values() -> None:
    sc = scenario()
    s = Session.start(sc, "b", seed=0)
    s.play(WalkOut())
    assert s.finished and s.outcome is not None and not s.outcome.agreement
    assert s.outcome.walked_out == ["b"]
    sit = situation_at(sc, 1)
    assert s.outcome.utilities == {p: sit.parties[p].reservation for p in sit.parties}
    with pytest.raises(IllegalMove, match="over"):
        s.play(EndRound())


def test_no_deal_after_the_last_round() -> None:
    s = Session.start(scenario(), "a", seed=0)
    for _ in range(3):
        if not s.finished:
            s.play(EndRound())
    assert s.finished and s.outcome is not None
    assert s.log[-1].kind in ("no_deal", "agreement")


def test_hardliner_walks_out_after_its_deadline() -> None:
    s = Session.start(scenario(), "a", seed=0)
    s.play(EndRound())
    s.play(EndRound())
    walks = [e for e in s.log if e.kind == "walk_out"]
    assert [e.actor for e in walks] == ["d"] and walks[0].round == 2
    assert "d" not in s.situation.at_table


# -- trust ---------------------------------------------------------------------------------------


def test_confidence_step_raises_trust_and_lowers_demands() -> None:
    s = Session.start(scenario(), "a", seed=0)
    before_trust, before_demand = s.trust("a", "b"), s.demand("b")
    s.play(Gesture(step="swap"))
    assert s.trust("a", "b") == pytest.approx(before_trust + 0.3)
    assert s.demand("b") < before_demand
    assert s.log[-1].kind == "gesture"


def test_low_trust_raises_demands_by_the_mistrust_premium() -> None:
    calm = Session.start(scenario(rules={"mistrust_premium": 0.0}), "a")
    tense = Session.start(scenario(rules={"mistrust_premium": 0.3}), "a")
    reservation = calm.situation.parties["b"].reservation
    assert calm.demand("b") == pytest.approx(reservation)
    trust = [tense.trust("b", o) for o in tense.situation.at_table if o != "b"]
    expected = reservation + 0.3 * (1 - sum(trust) / len(trust))
    assert tense.demand("b") == pytest.approx(expected)


# -- coalitions ----------------------------------------------------------------------------------


def test_coalition_members_must_consent() -> None:
    s = Session.start(scenario(), "cd", seed=0)
    # 'none' troops breaks member c's red line: c refuses, nothing is tabled
    n_before = len(s.table)
    new = s.play(Propose(package={"ceasefire": "now", "troops": "none", "prisoners": "all"}))
    refusal = [e for e in new if e.actor == "c" and e.kind == "reject"]
    assert refusal and refusal[0].reasons[0].red_line == "c-observers"
    assert not any(e.kind == "offer" and e.actor == "cd" for e in new)
    assert len(s.table) == n_before


def test_coalition_score_is_the_members_mean() -> None:
    s = Session.start(scenario(), "cd", seed=0)
    pkg = {"ceasefire": "phased", "troops": "observers", "prisoners": "some"}
    idx = s.situation.package(pkg)
    mean = (s.situation.parties["c"].utility(idx) + s.situation.parties["d"].utility(idx)) / 2
    assert s.seat.members == ("c", "d")
    assert s.seat.utility(s.situation, idx) == pytest.approx(mean)
    assert s.seat.aggregate({"c": 0.2, "d": 0.6}) == pytest.approx(0.4)


# -- the mediator --------------------------------------------------------------------------------


def test_caucus_reveals_a_red_line_the_player_did_not_know() -> None:
    s = Session.start(scenario(), "mediator", difficulty="hard", seed=0)

    def known(party: str) -> set[str]:
        return {r[0] for st in s.stances() if st.party == party for r in st.red_lines}

    hidden = [(p, {r.id for r in s.situation.parties[p].rules} - known(p)) for p in "abc"]
    party, unknown = next((p, u) for p, u in hidden if u)
    s.play(Caucus(party=party))
    assert known(party) & unknown
    stance = next(st for st in s.stances() if st.party == party)
    assert stance.priorities is not None  # credibility 0.7 also opens up the priorities
    assert s.log[-1].kind == "caucus" and s.log[-1].reasons[0].red_line in unknown


def test_caucus_limit_per_round() -> None:
    s = Session.start(scenario(rules={"caucuses_per_round": 1}), "mediator")
    s.play(Caucus(party="a"))
    assert "caucus" not in s.legal_moves()
    with pytest.raises(IllegalMove, match="no private meetings"):
        s.play(Caucus(party="b"))


def test_drafts_leaning_against_a_side_cost_credibility_and_it_then_reveals_less() -> None:
    sc = scenario(rules={"credibility_loss": 0.3, "turns_per_round": 3})
    s = Session.start(sc, "mediator", difficulty="hard")
    lean_to_a = {"ceasefire": "now", "troops": "observers", "prisoners": "all"}
    s.play(Draft(package=lean_to_a))
    assert s.credibility["b"] < 0.7
    assert s.credibility["a"] == pytest.approx(0.7)
    s.play(Draft(package={"ceasefire": "now", "troops": "observers", "prisoners": "some"}))
    assert s.credibility["b"] < 0.35
    s.play(Caucus(party="b"))
    assert "reveals nothing" in line(s, s.log[-1])
    stance = next(st for st in s.stances() if st.party == "b")
    assert stance.priorities is None


def test_mediator_draft_objections_carry_reasons() -> None:
    s = Session.start(scenario(), "mediator", seed=0)
    new = s.play(Draft(package={"ceasefire": "none", "troops": "foreign", "prisoners": "all"}))
    objections = [e for e in new if e.kind == "objection" and e.offer is not None
                  and e.actor in ("a", "b")]
    ids = {r.red_line for e in objections for r in e.reasons}
    assert {"a-no-none", "b-no-troops"} <= ids


def test_stances_follow_difficulty() -> None:
    easy = Session.start(scenario(), "a", difficulty="easy")
    hard = Session.start(scenario(), "a", difficulty="hard")
    b_easy = next(st for st in easy.stances() if st.party == "b")
    b_hard = next(st for st in hard.stances() if st.party == "b")
    assert b_easy.priorities is not None and b_easy.red_lines
    assert b_hard.priorities is None
    assert all(st.party != "a" for st in easy.stances())
    alpha = next(st for st in Session.start(scenario(), "b").stances() if st.party == "a")
    assert alpha.positions == [("Wants a ceasefire now.", SRC)]
    # easy reveals option values (what a package is worth to b), never its no-deal value
    assert b_easy.values is not None and b_easy.reservation is None
    assert b_hard.values is None and b_hard.reservation is None
    sc = scenario(difficulties=[{"id": "open", "label": "Open",
                                 "reveal": ["positions", "values", "reservation"]}])
    b_open = next(st for st in Session.start(sc, "a").stances() if st.party == "b")
    assert b_open.values is not None and b_open.values["troops"]["foreign"] == 0.0
    assert b_open.reservation == 0.4 and b_open.priorities is None


def test_coalition_player_sees_its_members_in_full_and_strategies_are_described() -> None:
    s = Session.start(scenario(), "cd", difficulty="hard")
    gamma = next(st for st in s.stances() if st.party == "c")
    assert gamma.priorities is not None and gamma.reservation == 0.35
    assert "c-observers" in {r[0] for r in gamma.red_lines}
    assert "deadline: round 2" in s.strategy_of("d")
    assert s.strategy_of("b").startswith("gives ground early")


def test_a_party_with_nothing_to_expect_walks_out_in_the_second_half() -> None:
    data = copy.deepcopy(BASE)
    data["parties"][1]["reservation"] = 0.99  # b: no package is worth as much as no deal
    data["parties"][3]["strategy"] = {"name": "linear"}  # d: no deadline walk-out
    s = Session.start(Scenario.model_validate(data), "a", seed=0)
    s.play(EndRound())
    assert not [e for e in s.log if e.kind == "walk_out"]  # not in the first half
    s.play(EndRound())
    walks = [e for e in s.log if e.kind == "walk_out"]
    assert [(e.actor, e.round) for e in walks] == [("b", 2)]
    assert "worth less to it than no deal" in line(s, walks[0])


def test_coalition_bot_plays_the_members_mean_and_respects_their_red_lines() -> None:
    s = Session.start(scenario(), "cd")
    seat = s.seat.as_party(s.situation)
    for pkg in [(0, 0, 0), (1, 1, 1), (2, 2, 2), (0, 2, 1)]:
        mean = (s.situation.parties["c"].utility(pkg) + s.situation.parties["d"].utility(pkg)) / 2
        assert seat.utility(pkg) == pytest.approx(mean)
        assert s.seat.utility(s.situation, pkg) == pytest.approx(mean)
    assert {r.id for r in seat.rules} == {"c-observers"}


def test_an_agreement_leaving_an_issue_for_later_is_called_a_phased_deal() -> None:
    data = copy.deepcopy(BASE)
    data["parties"][0]["red_lines"] = data["parties"][0]["red_lines"][:1]  # prisoners may wait
    for party in data["parties"]:  # everyone would rather settle the prisoners later
        party["values"]["prisoners"] = {"all": 30, "some": 40, "later": 100}
    sc = Scenario.model_validate(data)
    seen = set()
    for seed in range(10):
        s = Session.start(sc, "mediator", seed=seed)
        run_game(s, player_bot("linear", "mediator", seed))
        assert s.outcome is not None
        if s.outcome.agreement:
            assert s.outcome.package is not None
            later = s.outcome.package["prisoners"] == "later"
            assert ("A phased deal: prisoners left for later." in line(s, s.log[-1])) == later
            assert bool(getattr(s.log[-1], "phased", None)) is later
            seen.add(later)
    assert True in seen

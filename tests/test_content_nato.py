"""NATO's own table (content/nato-2023.yaml): the allies must agree among themselves, Moscow's
stated terms (S4) bound every deal, and the zone of agreement opens only through play.

The intended dynamics: the Vilnius line closes the zone in rounds 1-2 whatever anyone plays;
Washington's change of course in March 2025 (S4) is scripted but opens nothing by itself; the
eastern allies and Kyiv accept a ruled-out membership for binding guarantees only if the table
prepared that trade (a game assumption), and each of their moves alone leaves the zone shut.
"""

from __future__ import annotations

import json
from itertools import product

import pytest
from test_content import _zone
from test_scenario_dynamics import _measure_module

from game.cli import main
from game.engine.analysis import analyze
from game.engine.analysis.conditional import conditional_events
from game.engine.moves import Draft, EndRound, Gesture, Propose
from game.engine.session import Session
from game.engine.situation import EventKey, situation_at
from game.files import content_dir, read_scenario
from game.scenario.models import Scenario

PATH = content_dir() / "nato-2023.yaml"


def _load() -> Scenario:
    s = read_scenario(PATH).scenario
    assert s is not None
    return s


def _round(s: Scenario, rid: str) -> int:
    return [r.id for r in s.rounds].index(rid) + 1


def _conditional(s: Scenario, rid: str, party: str | None = None) -> frozenset[EventKey]:
    """The conditional events of one round (of one party's, if named)."""
    n = _round(s, rid)
    return frozenset(k for k in conditional_events(s, n) if k[0] == n and (
        party is None or getattr(s.rounds[n - 1].events[k[1]], "party", None) == party))


def test_nato_sits_as_three_members_who_must_all_consent() -> None:
    s = _load()
    (nato,) = s.coalitions
    assert nato.id == "nato" and nato.members == ["usa", "frontline", "western"]
    assert s.roles == ["nato", "ukraine", "russia", "mediator"]
    assert {p.id for p in s.parties} == {"usa", "frontline", "western", "ukraine", "russia"}
    # the European split is not in the sources: the file says so where it seats them
    for text in (nato.brief, s.summary, *(p.brief for p in s.parties
                                          if p.id in ("frontline", "western"))):
        assert "game assumption" in text.lower() or "the game's assumption" in text.lower()


def test_without_play_no_round_has_a_zone(capsys: pytest.CaptureFixture[str]) -> None:
    """The script alone (every event without a condition) never opens the zone; `analyze`
    says so for the last round, and lists what the conditional events would open."""
    s = _load()
    for n in range(1, len(s.rounds) + 1):
        sit = situation_at(s, n)
        assert _zone(sit) == [] and analyze(sit).zopa == 0 and analyze(sit).conflicts, n
    assert main(["analyze", str(PATH), "--round", "4", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["zopa"] == 0 and max(row["zopa"] for row in out["if_fired"]) > 0


def test_washington_moves_in_march_2025_and_the_others_do_not_by_themselves() -> None:
    """S4: the US president doubts membership in March 2025; the eastern allies and Kyiv keep
    their line unless the table prepared the trade."""
    s = _load()
    before, after = situation_at(s, 2), situation_at(s, _round(s, "washington"))
    k = after.issue_ids.index("membership")
    path, ruled_out = (after.option_ids[k].index(o) for o in ("path", "ruled_out"))
    us_before, us_after = before.parties["usa"].values[k], after.parties["usa"].values[k]
    assert us_before[path] > us_before[ruled_out] and us_after[ruled_out] > us_after[path]
    rules = {p: {r.id for r in after.parties[p].rules} for p in after.parties}
    assert "us-vilnius" not in rules["usa"]
    assert "fl-no-ruling-out" in rules["frontline"] and "ua-no-ruling-out" in rules["ukraine"]
    assert after.trust_between("usa", "frontline") < before.trust_between("usa", "frontline")


@pytest.mark.parametrize("rid", ["washington", "moscow"])
def test_the_allies_and_kyiv_must_both_be_brought_along(rid: str) -> None:
    """Either trade alone leaves the zone shut; both together open it, in round 3 and 4."""
    s = _load()
    n = _round(s, rid)
    allies = _conditional(s, "washington", "frontline")
    kyiv = _conditional(s, "washington", "ukraine")
    assert allies and kyiv and allies | kyiv == _conditional(s, "washington")
    assert analyze(situation_at(s, n, allies)).zopa == 0
    assert analyze(situation_at(s, n, kyiv)).zopa == 0
    assert len(_zone(situation_at(s, n, allies | kyiv))) >= 16


def test_every_deal_meets_moscows_stated_terms() -> None:
    """S4 as the constraint: membership ruled out, no peacekeepers, Ukraine no base against
    Russia, observers only after a preliminary deal; and the western allies' protection
    comes from binding guarantees, since Moscow refuses peacekeepers."""
    s = _load()
    fired = frozenset(conditional_events(s, len(s.rounds)))
    for n in (3, 4):
        sit = situation_at(s, n, fired)
        for pkg in _zone(sit):
            named = sit.named(pkg)
            assert named["membership"] == "ruled_out" and named["base"] == "pledge"
            assert named["force"] != "peacekeepers" and named["guarantees"] == "binding"
            if named["force"] == "observers":
                assert n == 4 and named["sequencing"] == "phased"


def test_moscows_door_to_observers_widens_the_last_round() -> None:
    s = _load()
    trades = _conditional(s, "washington")
    r3, r4 = situation_at(s, 3, trades), situation_at(s, 4, trades)
    force = r4.issue_ids.index("force")
    observers = r4.option_ids[force].index("observers")
    assert not any(p[force] == observers for p in _zone(r3))
    assert any(p[force] == observers for p in _zone(r4))
    assert len(_zone(r4)) > len(_zone(r3))


def test_a_summit_makes_a_deal_worth_more_to_moscow() -> None:
    s = _load()
    (summit,) = _conditional(s, "moscow")
    when = s.rounds[summit[0] - 1].events[summit[1]].when
    assert when is not None and when.step_taken == "us-russia-summit"
    trades = _conditional(s, "washington")
    without, with_ = situation_at(s, 4, trades), situation_at(s, 4, trades | {summit})
    assert with_.parties["russia"].reservation < without.parties["russia"].reservation


def _play(role: str, moves: list, seed: int = 0) -> Session:
    """A player who makes `moves` in round 1, then only ends rounds."""
    s = _load()
    game = Session.start(s, role, seed=seed)
    for move in moves:
        game.play(move)
    while not game.finished:
        game.play(EndRound())
    return game


def _fired_parties(game: Session) -> set[str]:
    s = game.scenario
    return {s.rounds[r - 1].events[k].party for r, k in game.state.fired  # type: ignore[union-attr]
            if r == 3}


def test_a_player_who_prepares_nothing_ends_without_a_deal() -> None:
    game = _play("ukraine", [])
    assert game.state.fired == frozenset()
    assert game.log[-1].kind == "no_deal"


def test_talks_with_kyiv_on_guarantees_bring_both_along() -> None:
    game = _play("ukraine", [Gesture(step="guarantee-talks")])
    assert _fired_parties(game) == {"frontline", "ukraine"}
    because = {e.reasons[-1].text for e in game.log
               if e.kind == "event" and e.round == 3 and len(e.reasons) > 1}
    assert because and all("guarantee" in b.lower() for b in because)


def test_allied_consultations_bring_only_the_allies_along() -> None:
    game = _play("nato", [Gesture(step="allied-consultations")])
    assert _fired_parties(game) == {"frontline"}
    assert game.log[-1].kind == "no_deal"


def test_a_summit_taken_in_play_fires_in_the_last_round() -> None:
    s = _load()
    game = Session.start(s, "nato", seed=0)
    game.play(Gesture(step="us-russia-summit"))
    game.play(EndRound())
    game.play(Gesture(step="guarantee-talks"))  # without the trades the talks end in round 3
    while not game.finished:
        game.play(EndRound())
    (summit,) = _conditional(s, "moscow")
    assert summit in game.state.fired and _fired_parties(game) == {"frontline", "ukraine"}
    assert game.log[-1].round == 4


def _with(s: Scenario, **choice: str) -> dict[str, str]:
    """The first package (in option order) with these choices."""
    sit = situation_at(s, 1)
    for pkg in product(*(range(len(o)) for o in sit.option_ids)):
        named = sit.named(pkg)
        if all(named[k] == v for k, v in choice.items()):
            return named
    raise AssertionError(choice)


def test_the_alliance_offering_binding_guarantees_brings_only_kyiv_along() -> None:
    s = _load()
    offer = _with(s, membership="path", guarantees="binding", force="peacekeepers",
                  base="no_pledge", aid="continue", sanctions="keep",
                  sequencing="comprehensive", dialogue="opened")
    game = _play("nato", [Propose(package=offer)])
    assert any(e.kind == "offer" and e.actor == "nato" for e in game.log)
    assert _fired_parties(game) == {"ukraine"}


@pytest.mark.parametrize("role", ["russia", "mediator"])
def test_moscow_or_a_mediator_tabling_binding_guarantees_brings_both_along(role: str) -> None:
    s = _load()
    offer = _with(s, membership="ruled_out", guarantees="binding", force="none", base="pledge")
    move = Draft(package=offer) if role == "mediator" else Propose(package=offer)
    game = _play(role, [move])
    assert _fired_parties(game) == {"frontline", "ukraine"}


@pytest.mark.slow
def test_deals_vary_with_play_and_land_in_two_rounds() -> None:
    """Over 252 games (every seat, every built-in strategy, 3 seeds at each difficulty level)
    deals land in rounds 3 and 4, at least ten different ones, and not every game ends in a
    deal. Every level counts: the easiest counterparts settle inside round 3, the harder ones
    later."""
    scenario = _load()
    result = _measure_module().measure(scenario, 3, [lv.id for lv in scenario.difficulties])
    assert result["games"] >= 200
    assert set(result["by_round"]) == {3, 4}
    assert min(result["by_round"].values()) >= 10
    assert result["distinct"] >= 10
    assert 0 < result["deals"] < result["games"]

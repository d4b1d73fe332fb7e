"""Conditional scenario events (`when`): they fire from play, are kept in the state, replay the
same, and are checked by `redlines validate`."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from game.engine.book import Book
from game.engine.events import Accepted
from game.engine.moves import Caucus, EndRound, Gesture, Propose
from game.engine.session import Session
from game.engine.situation import situation_at
from game.engine.triggers import holds
from game.scenario.checks import cross_check
from game.scenario.models import Scenario
from game.scenario.triggers import Trigger

BASE = yaml.safe_load((Path(__file__).parent / "fixtures" / "base.yaml").read_text())
SOFTEN: dict[str, Any] = {"type": "shift_reservation", "party": "west", "delta": -0.2,
                          "text": "West settles for less.", "sources": ["S1"]}

QUIET = "hard"
"""The level at which the computer offers no confidence step of its own, so the steps that
set triggers off here are the player's."""


def scenario(when: dict[str, Any], event: dict[str, Any] | None = None,
             round_index: int = 1) -> Scenario:
    """The base fixture with one conditional event added to a round (default: round 2)."""
    data = copy.deepcopy(BASE)
    data["rounds"][round_index].setdefault("events", []).append({**(event or SOFTEN),
                                                                 "when": when})
    return Scenario.model_validate(data)


def key(s: Scenario, round_number: int = 2) -> tuple[int, int]:
    return (round_number, len(s.rounds[round_number - 1].events) - 1)


def test_without_fired_the_conditional_event_does_not_apply() -> None:
    s = scenario({"no_deal_after": 1})
    assert situation_at(s, 2).parties["west"].reservation == 0.35
    fired = situation_at(s, 2, frozenset([key(s)]))
    assert fired.parties["west"].reservation == pytest.approx(0.15)


def test_book_keeps_one_situation_per_round_and_fired_set() -> None:
    s = scenario({"no_deal_after": 1})
    book = Book(s)
    plain, fired = book.situation(2), book.situation(2, frozenset([key(s)]))
    assert plain is not fired and plain.parties["west"].reservation == 0.35
    assert book.situation(1, frozenset([key(s)])) is book.situation(1)  # later events ignored


def test_trust_built_by_a_step_fires_the_event() -> None:
    s = scenario({"trust": {"parties": ["east", "west"], "at_least": 0.4}})
    # at the hardest level the computer offers no confidence step of its own: the player's counts
    idle = Session.start(s, "east", difficulty="hard")
    idle.play(EndRound())
    assert idle.state.fired == frozenset() and idle.situation.parties["west"].reservation == 0.35
    built = Session.start(s, "east", difficulty="hard")
    built.play(Gesture(step="exchange"))  # 0.3 + 0.1
    built.play(EndRound())
    assert built.state.fired == {key(s)}
    assert built.situation.parties["west"].reservation == pytest.approx(0.15)
    texts = [e.text for e in built.log if e.kind == "event"]
    assert "West settles for less." in texts
    assert "West settles for less." not in [e.text for e in idle.log if e.kind == "event"]


def test_a_step_taken_fires_the_event() -> None:
    s = scenario({"step_taken": "exchange"})
    game = Session.start(s, "east", difficulty=QUIET)
    game.play(Gesture(step="exchange"))
    game.play(EndRound())
    assert game.state.fired == {key(s)}
    event = next(e for e in game.log if e.kind == "event" and e.text == "West settles for less.")
    assert "Prisoner exchange" in event.reasons[-1].text


def test_an_option_offered_by_a_party_fires_the_event() -> None:
    s = scenario({"offered": {"issue": "ceasefire", "option": "later", "by": "east"}})
    game = Session.start(s, "east", difficulty=QUIET)
    game.play(Propose(package={"ceasefire": "later", "troops": "none"}))
    if not game.finished:
        game.play(EndRound())
        assert game.state.fired == {key(s)}
    other = Session.start(s, "east", difficulty=QUIET)
    other.play(Propose(package={"ceasefire": "now", "troops": "none"}))
    if not other.finished:
        other.play(EndRound())
        assert key(s) not in other.state.fired


def test_an_option_accepted_fires_only_for_that_party() -> None:
    s = scenario({"accepted": {"issue": "troops", "option": "some", "by": "west"}})
    game = Session.start(s, "east", difficulty=QUIET)
    state = game.state.snapshot()
    when = s.rounds[1].events[-1].when
    assert when is not None and not holds(state, when, 2)
    state.log.append(Accepted(seq=99, round=1, actor="east", offer=1,
                              package={"ceasefire": "now", "troops": "some"}))
    assert not holds(state, when, 2)
    state.log.append(Accepted(seq=100, round=1, actor="west", offer=1,
                              package={"ceasefire": "now", "troops": "some"}))
    assert holds(state, when, 2)


def test_a_round_reached_without_a_deal_fires_the_event() -> None:
    s = scenario({"no_deal_after": 1})
    game = Session.start(s, "east", difficulty=QUIET)
    assert game.state.fired == frozenset()
    game.play(EndRound())
    assert game.state.fired == {key(s)}


def test_a_red_line_named_fires_the_event() -> None:
    s = scenario({"red_line_named": {"party": "east", "red_line": "east-no-troops"}})
    game = Session.start(s, "mediator")  # east names it rejecting west's opening offer
    assert "east-no-troops" in game.state.named_rules("east")
    game.play(EndRound())
    assert game.state.fired == {key(s)}


def test_a_red_line_named_in_a_caucus_fires_only_after_the_caucus() -> None:
    s = scenario({"red_line_named": {"party": "west", "red_line": "west-troops-after-ceasefire",
                                     "in_caucus": True}})
    quiet = Session.start(s, "mediator")
    quiet.play(EndRound())
    assert quiet.state.fired == frozenset()
    game = Session.start(s, "mediator")
    game.play(Caucus(party="west"))  # credibility 0.6 is enough to name a red line
    assert game.state.revealed_rules.get("west") == ["west-troops-after-ceasefire"]
    game.play(EndRound())
    assert game.state.fired == {key(s)}


def test_a_walk_out_fires_the_event() -> None:
    s = scenario({"walked_out": "west"})
    state = Session.start(s, "east", difficulty=QUIET).state.snapshot()
    when = s.rounds[1].events[-1].when
    assert when is not None and not holds(state, when, 2)
    state.walked.append("west")
    assert holds(state, when, 2)


def test_all_conditions_of_a_trigger_must_hold() -> None:
    s = scenario({"no_deal_after": 1, "step_taken": "exchange"})
    game = Session.start(s, "east", difficulty="hard")  # no computer step at this level
    game.play(EndRound())
    assert game.state.fired == frozenset()


def test_any_of_holds_when_one_alternative_holds() -> None:
    s = scenario({"any_of": [{"step_taken": "exchange"}, {"walked_out": "west"}]})
    game = Session.start(s, "east", difficulty=QUIET)
    game.play(Gesture(step="exchange"))
    game.play(EndRound())
    assert game.state.fired == {key(s)}
    idle = Session.start(s, "east", difficulty=QUIET)
    idle.play(EndRound())
    assert idle.state.fired == frozenset()
    event = next(e for e in game.log if e.kind == "event" and e.text == "West settles for less.")
    assert event.reasons[-1].text == "This happened because (the step 'Prisoner exchange' was " \
        "taken)."  # only the alternative that held


def test_describe_names_every_alternative() -> None:
    from game.scenario.trigger_words import describe

    s = scenario({"any_of": [{"step_taken": "exchange"}, {"walked_out": "west"}]})
    when = s.rounds[1].events[-1].when
    assert when is not None
    assert describe(s, when) == ("This happened because (the step 'Prisoner exchange' was "
                                 "taken) or (West walked out).")


def test_replaying_the_plays_fires_the_same_events() -> None:
    s = scenario({"step_taken": "exchange"})
    game = Session.start(s, "east", seed=3)
    game.play(Gesture(step="exchange"))
    game.play(EndRound())
    again = Session.from_plays(s, "east", list(game.plays), seed=3)
    assert again.state.fired == game.state.fired == {key(s)}
    assert [e.model_dump() for e in again.log] == [e.model_dump() for e in game.log]


def test_an_empty_when_is_refused() -> None:
    with pytest.raises(ValueError, match="names at least one"):
        Trigger.model_validate({})


@pytest.mark.parametrize(("when", "round_index", "message"), [
    ({"trust": {"parties": ["east", "nobody"], "at_least": 0.5}}, 1, "unknown party 'nobody'"),
    ({"trust": {"parties": ["east", "east"], "at_least": 0.5}}, 1, "can never hold"),
    ({"step_taken": "ceasefire-talks"}, 1, "unknown confidence step"),
    ({"step_taken": "exchange"}, 0, "before round 1"),
    ({"offered": {"issue": "ceasefire", "option": "never"}}, 1, "unknown option of issue"),
    ({"offered": {"issue": "borders", "option": "now"}}, 1, "unknown issue 'borders'"),
    ({"accepted": {"issue": "ceasefire", "option": "now", "by": "south"}}, 1,
     "unknown party or coalition 'south'"),
    ({"no_deal_after": 2}, 1, "can never hold"),
    ({"red_line_named": {"party": "west", "red_line": "east-no-troops"}}, 1,
     "holds no red line"),
    ({"walked_out": "east"}, 0, "before round 1"),
    ({"any_of": [{"walked_out": "east"}, {"walked_out": "nobody"}]}, 1, "unknown party 'nobody'"),
])
def test_validate_names_bad_conditions(when: dict[str, Any], round_index: int,
                                       message: str) -> None:
    s = scenario(when, round_index=round_index)
    problems = [p for p in cross_check(s) if "when" in p.path]
    assert problems, f"no problem reported for {when}"
    assert any(message in p.message for p in problems), [p.message for p in problems]
    assert all(p.path[:2] == ("rounds", round_index) for p in problems)


def test_a_level_outside_0_1_is_refused() -> None:
    with pytest.raises(ValueError, match="less than or equal to 1"):
        scenario({"trust": {"parties": ["east", "west"], "at_least": 1.5}})


def test_good_conditions_pass_validation() -> None:
    s = scenario({"trust": {"parties": ["east", "west"], "at_least": 0.5},
                  "offered": {"issue": "troops", "option": "some", "by": "alliance"},
                  "red_line_named": {"party": "east", "red_line": "east-no-troops"}})
    assert [p for p in cross_check(s) if "when" in p.path] == []


def test_analyze_reports_which_conditional_events_open_the_zone(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from game.cli import main

    data = copy.deepcopy(BASE)
    # round 2 closes the zone (east now demands more than any package gives it) unless trust
    # was built: the conditional event lowers its demand again
    data["rounds"][1]["events"] += [
        {"type": "shift_reservation", "party": "east", "delta": 0.6, "text": "East hardens.",
         "sources": ["S1"]},
        {"type": "shift_reservation", "party": "east", "delta": -0.6, "text": "East relents.",
         "sources": ["S1"], "when": {"trust": {"parties": ["east", "west"], "at_least": 0.4}}},
    ]
    path = tmp_path / "s.yaml"
    path.write_text(yaml.safe_dump(data))
    assert main(["analyze", str(path), "--round", "2", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["zopa"] == 0
    assert out["if_fired"] == [{"events": [{"round": 2, "index": 4}],
                                "when": "trust between East and West reached 0.40",
                                "texts": ["East relents."], "zopa": out["if_fired"][0]["zopa"],
                                "exact": True}]
    assert out["if_fired"][0]["zopa"] > 0
    assert main(["analyze", str(path), "--round", "2"]) == 0
    text = capsys.readouterr().out
    assert ("if trust between East and West reached 0.40: 1 event(s) of round 2 happen; "
            "opens the zone") in text
    assert main(["analyze", str(path), "--round", "1", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["if_fired"] == []

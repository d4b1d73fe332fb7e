"""The forms instructors asked for: red lines over several issues (all of / any of), one-way
trust, a shift in a mediator's credibility, and names that take a plural verb. Each validates,
and the engine and the analysis honour it."""

from __future__ import annotations

import copy
import itertools
from typing import Any

import pytest
from pydantic import ValidationError

from game.engine.analysis import analyze
from game.engine.moves import EndRound
from game.engine.scoring import score
from game.engine.session import Session
from game.engine.situation import situation_at
from game.narrate import Narrator
from game.scenario.checks import cross_check
from game.scenario.models import Scenario
from tests.test_session import BASE, SRC


def build(red_line: dict[str, Any] | None = None, events: list[dict[str, Any]] | None = None,
          **changes: Any) -> Scenario:
    data = copy.deepcopy(BASE)
    if red_line is not None:
        data["parties"][1]["red_lines"].append({"id": "b-new", "text": "new", "sources": SRC,
                                                **red_line})
    if events is not None:
        data["rounds"][1]["events"] = events
    data.update(changes)
    return Scenario.model_validate(data)


NOW_AND_FOREIGN = [{"issue": "ceasefire", "options": ["now"]},
                   {"issue": "troops", "options": ["foreign", "observers"]}]


def _breaks(sc: Scenario, choice: dict[str, str]) -> bool:
    sit = situation_at(sc, 0)
    return any(v.id == "b-new" for v in score(sit, sit.package(choice), "b").violations)


def test_forbid_all_breaks_only_when_every_condition_holds() -> None:
    sc = build({"forbid_all": NOW_AND_FOREIGN})
    for ceasefire, troops in itertools.product(("now", "phased", "none"),
                                              ("foreign", "observers", "none")):
        pkg = {"ceasefire": ceasefire, "troops": troops, "prisoners": "all"}
        both = ceasefire == "now" and troops in ("foreign", "observers")
        assert _breaks(sc, pkg) == both, pkg


def test_require_any_breaks_only_when_no_condition_holds() -> None:
    sc = build({"require_any": NOW_AND_FOREIGN})
    for ceasefire, troops in itertools.product(("now", "phased", "none"),
                                              ("foreign", "observers", "none")):
        pkg = {"ceasefire": ceasefire, "troops": troops, "prisoners": "all"}
        neither = ceasefire != "now" and troops == "none"
        assert _breaks(sc, pkg) == neither, pkg


def test_the_analysis_honours_the_new_forms() -> None:
    plain = analyze(situation_at(build(), 0))
    now_or_all = [{"issue": "ceasefire", "options": ["now"]},
                  {"issue": "prisoners", "options": ["all"]}]
    for form, conditions in (("forbid_all", NOW_AND_FOREIGN), ("require_any", now_or_all)):
        sc = build({form: conditions})
        sit = situation_at(sc, 0)
        result = analyze(sit)
        brute = sum(
            1 for pkg in itertools.product(*(range(len(o)) for o in sit.option_ids))
            if all(not r.broken_by(pkg) for p in sit.table for r in p.rules)
        )
        assert result.feasible == brute < plain.feasible


def test_a_condition_list_names_each_issue_once_and_refers_to_real_issues() -> None:
    twice = [{"issue": "ceasefire", "options": ["now"]},
             {"issue": "ceasefire", "options": ["phased"]}]
    with pytest.raises(ValidationError, match="names another issue"):
        build({"forbid_all": twice})
    with pytest.raises(ValidationError, match="exactly one of"):
        build({"forbid_all": NOW_AND_FOREIGN,
               "forbid": {"issue": "troops", "options": ["none"]}})
    wrong = [{"issue": "ceasefire", "options": ["now"]}, {"issue": "troop", "options": ["x"]}]
    problems = cross_check(build({"require_any": wrong}))
    assert any(p.path[-3:-1] == ("require_any", 1) and "troop" in p.message for p in problems), \
        [(p.path, p.message) for p in problems]


def test_a_one_way_trust_shift_moves_one_side_only() -> None:
    event = {"type": "shift_trust", "parties": ["a", "b"], "delta": -0.2, "one_way": True,
             "text": "A hears of it.", "sources": SRC}
    sc = build(events=[event])
    before, after = situation_at(sc, 1), situation_at(sc, 2)
    assert after.trust_between("a", "b") == pytest.approx(before.trust_between("a", "b") - 0.2)
    assert after.trust_between("b", "a") == pytest.approx(before.trust_between("b", "a"))
    both = build(events=[{**event, "one_way": False}])
    assert situation_at(both, 2).trust_between("b", "a") == pytest.approx(
        before.trust_between("b", "a") - 0.2)


def test_a_credibility_shift_moves_the_mediator_played() -> None:
    event = {"type": "shift_credibility", "party": "b", "delta": -0.3,
             "text": "B hears the mediator took sides.", "sources": SRC}
    s = Session.start(build(events=[event]), "mediator")
    assert s.credibility["b"] == pytest.approx(0.7)
    s.play(EndRound())
    assert s.credibility["b"] == pytest.approx(0.4) and s.credibility["a"] == pytest.approx(0.7)
    other = Session.start(build(events=[{**event, "mediator": "nobody"}]), "mediator")
    assert any(p.path[-1] == "mediator" and "unknown mediator" in p.message
               for p in cross_check(other.scenario))


def test_a_plural_name_takes_a_plural_verb() -> None:
    data = copy.deepcopy(BASE)
    data["parties"][1]["name"] = "Western allies"
    data["parties"][1]["plural"] = True
    sc = Scenario.model_validate(data)
    n = Narrator(sc)
    assert n.says("b", "rejects") == "Western allies reject"
    assert n.says("b", "does not consent") == "Western allies do not consent"
    assert n.says("b", "walks out") == "Western allies walk out"
    assert n.says("a", "rejects") == "Alpha rejects"
    s = Session.start(sc, "a", seed=1)
    lines = [n.line(e) for e in s.log if e.actor == "b"]
    assert lines and all("Western allies" in line for line in lines)
    assert not any(w in line for line in lines
                   for w in ("allies rejects", "allies accepts", "allies tables"))


def test_a_small_nash_product_keeps_its_digits() -> None:
    from game.commands.analyze import render

    plain = analyze(situation_at(build(), 0))
    assert plain.nash is not None
    data = copy.deepcopy(BASE)
    for party in data["parties"]:  # every gain at the old Nash point shrinks to about 0.03
        party["reservation"] = round(plain.nash.utilities[party["id"]] - 0.03, 4)
    result = analyze(situation_at(Scenario.model_validate(data), 0))
    assert result.nash is not None and result.nash_product < 1e-4
    line = next(x for x in render(result) if x.startswith("Nash point (product"))
    shown = float(line.rsplit(" ", 1)[1].rstrip(")"))
    assert shown == pytest.approx(result.nash_product, rel=1e-3)

"""Conditional offers ("if you accept X on one issue, we accept Y on another"): what `why_not`
refuses, how a computer party answers, what an accepted offer binds, and that saves, views and
the narrator handle them like every other move."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from game.debrief.build import build
from game.debrief.render import markdown
from game.debrief.steps import Steps
from game.engine.conditionals import partial
from game.engine.events import ConditionAnswered, Conditioned, Offered
from game.engine.legal import legal_moves, why_not
from game.engine.moves import Conditional, EndRound, Propose, Reply
from game.engine.records import IllegalMove
from game.engine.session import Session
from game.engine.trades import ideal, margin, net_gain, position
from game.engine.views import view
from game.files import bundled_paths, read_scenario
from game.narrate import Narrator
from game.saves import load_save, save_session

SCENARIOS = {p.stem: read_scenario(p).scenario for p in bundled_paths()}
TUTORIAL = SCENARIOS["tutorial"]
OPENING = {"ceasefire": "immediate", "corridors": "open", "prisoners": "all_for_all"}


def _opened(seed: int = 3) -> Session:
    """Ukraine in the tutorial, having tabled its ideal package once (Russia has a model)."""
    s = Session.start(TUTORIAL, "ukraine", seed=seed)
    s.play(Propose(package=OPENING))
    return s


def _trades() -> list[tuple[dict[str, str], dict[str, str]]]:
    """Every one-issue-for-one-issue trade Ukraine may offer Russia in the tutorial."""
    opts = {i.id: [o.id for o in i.options] for i in TUTORIAL.issues}
    return [({a: x}, {b: y}) for a, b in itertools.permutations(opts, 2)
            for x in opts[a] for y in opts[b]]


def test_why_not_names_what_is_wrong() -> None:
    s = _opened()
    cases = [
        (Conditional(to="nobody", ask={"ceasefire": "phased"}, give={"corridors": "open"}),
         "'nobody' is not another party at the table"),
        (Conditional(to="russia", ask={"border": "x"}, give={"corridors": "open"}),
         "'border' is not an issue of this scenario"),
        (Conditional(to="russia", ask={"ceasefire": "soon"}, give={"corridors": "open"}),
         "'soon' is not an option of issue 'ceasefire'"),
        (Conditional(to="russia", ask={}, give={"corridors": "open"}),
         "name at least one issue and option you ask for"),
        (Conditional(to="russia", ask={"ceasefire": "phased"}, give={"ceasefire": "none"}),
         "the condition and the promise are both on 'ceasefire'"),
        (Conditional(to="ukraine", ask={"ceasefire": "phased"}, give={"corridors": "open"}),
         "'ukraine' is not another party at the table"),
    ]
    for move, words in cases:
        refusal = why_not(s.state, "ukraine", move)
        assert refusal is not None and words in refusal, (move, refusal)
        with pytest.raises(IllegalMove):
            s.play(move)


def test_a_promise_breaking_the_proposers_own_red_line_is_refused() -> None:
    s = Session.start(SCENARIOS["istanbul-2022"], "ukraine", seed=1)
    move = Conditional(to="russia", ask={"alignment": "later"},
                       give={"territory": "current_lines"})
    refusal = why_not(s.state, "ukraine", move)
    assert refusal is not None and "your own red line" in refusal


def test_the_mediator_drafts_instead() -> None:
    s = Session.start(TUTORIAL, "mediator", seed=1)
    move = Conditional(to="russia", ask={"ceasefire": "phased"}, give={"corridors": "open"})
    assert why_not(s.state, "mediator", move) == (
        "only a party or coalition may make a conditional offer (the mediator drafts)")


def test_a_conditional_offer_counts_as_one_of_the_rounds_offers() -> None:
    s = _opened()
    before = s.turns_left
    s.play(Conditional(to="russia", ask={"ceasefire": "phased"}, give={"corridors": "limited"}))
    assert s.turns_left == before - 1


def test_the_computer_takes_exactly_the_trades_it_gains_from() -> None:
    answers = {}
    for ask, give in _trades():
        s = _opened()
        move = Conditional(to="russia", ask=ask, give=give)
        if why_not(s.state, "ukraine", move) is not None:
            continue
        own = s.state.sit.parties["russia"]
        a, _ = partial(s.state.sit, ask, "")
        g, _ = partial(s.state.sit, give, "")
        gain = net_gain(own, position(s.state, "russia") or ideal(own),
                        position(s.state, "ukraine"), a, g)
        red = any(all(i in {**a, **g} and {**a, **g}[i] in o for i, o in r.literals)
                  for r in own.rules)
        events = s.play(move)
        reply = next(e for e in events if isinstance(e, ConditionAnswered))
        assert reply.accepted == (not red and gain > margin(0.0)), (ask, give, gain)
        answers[(str(ask), str(give))] = reply.accepted
    assert any(answers.values()) and not all(answers.values())


def test_a_declined_offer_may_bring_a_trade_back_that_the_player_answers() -> None:
    s = _opened()
    events = s.play(Conditional(to="russia", ask={"ceasefire": "immediate"},
                                give={"corridors": "limited"}))
    back = [e for e in events if isinstance(e, Conditioned) and e.actor == "russia"]
    assert len(back) == 1 and back[0].to == "ukraine"
    replies = [m for m in legal_moves(s.state, "ukraine") if isinstance(m, Reply)]
    assert {m.accept for m in replies} == {True, False}
    s.play(Reply(conditional=back[0].number, accept=False))
    assert not [m for m in legal_moves(s.state, "ukraine") if isinstance(m, Reply)]
    refusal = why_not(s.state, "ukraine", Reply(conditional=back[0].number, accept=True))
    assert refusal == "no conditional offer made to you awaits an answer"


def _bound() -> tuple[Session, dict[str, str]]:
    """Ukraine has accepted Russia's trade back: its terms bind both seats this round."""
    s = _opened()
    events = s.play(Conditional(to="russia", ask={"ceasefire": "immediate"},
                                give={"corridors": "limited"}))
    back = next(e for e in events if isinstance(e, Conditioned) and e.actor == "russia")
    s.play(Reply(conditional=back.number, accept=True))
    return s, {**back.ask, **back.give}


def test_an_accepted_offer_binds_what_either_side_tables_this_round() -> None:
    s, terms = _bound()
    refusal = why_not(s.state, "ukraine", Propose(package=OPENING))
    assert refusal is not None and "departs from conditional offer" in refusal
    kept = {**OPENING, **terms}
    assert why_not(s.state, "ukraine", Propose(package=kept)) is None
    events = s.play(Propose(package=kept))
    for e in events:
        if isinstance(e, Offered) and e.actor == "russia" and e.package is not None:
            assert all(e.package[i] == o for i, o in terms.items()), e.package


def test_the_binding_lapses_with_the_round() -> None:
    s, _terms = _bound()
    s.play(EndRound())
    if not s.finished:
        assert why_not(s.state, "ukraine", Propose(package=OPENING)) is None


def test_saves_and_replays_keep_conditional_offers(tmp_path: Path) -> None:
    s, _terms = _bound()
    again = Session.from_plays(s.scenario, s.start_role, list(s.plays), seed=s.seed,
                               difficulty=s.difficulty, mediator=s.mediator)
    assert [e.model_dump() for e in again.log] == [e.model_dump() for e in s.log]
    loaded = load_save(save_session(s, tmp_path / "game.json")).session()
    assert [e.model_dump() for e in loaded.log] == [e.model_dump() for e in s.log]
    assert any(m.kind == "conditional" for m in loaded.moves)
    assert loaded.state.pledges == s.state.pledges
    steps = Steps(load_save(tmp_path / "game.json").data)
    assert steps.title(2) == ("2. R1 conditional (to russia: ceasefire=immediate for "
                              "corridors=limited)")
    assert steps.title(3).startswith("3. R1 reply (#2: yes)")
    assert steps.view(3).table == steps.view(2).table  # a trade puts no package on the table


def test_only_the_two_seats_see_a_conditional_offer() -> None:
    s = Session.start(SCENARIOS["istanbul-2022"], "ukraine", seed=2)
    s.play(Conditional(to="russia", ask={"alignment": "nato_path"},
                       give={"guarantees": "consultative"}))
    kinds = ("conditional", "conditional_reply")
    assert any(e.kind in kinds for e in view(s.state, "ukraine").log)
    assert any(e.kind in kinds for e in view(s.state, "russia").log)
    for seat in ("nato", "mediator"):
        assert not any(e.kind in kinds for e in view(s.state, seat).log), seat


def test_the_narrator_and_the_debrief_say_it_in_words() -> None:
    s, _terms = _bound()
    n = Narrator(TUTORIAL)
    lines = [n.line(e) for e in s.log if isinstance(e, Conditioned | ConditionAnswered)]
    assert lines[0].startswith("Ukraine offers Russia a trade (conditional offer 1): if Russia "
                               "accepts Ceasefire: Immediate ceasefire, Ukraine accepts "
                               "Humanitarian corridors:")
    assert lines[1].startswith("Russia declines conditional offer 1 from Ukraine")
    assert "now bind both sides' proposals this round" in lines[-1]
    md = markdown(build(s))
    assert "## Conditional offers" in md
    assert "conditional offer 1: Ukraine asked Russia for Ceasefire: Immediate ceasefire" in md
    assert ": declined" in md and ": accepted" in md


def test_at_a_hosted_table_the_person_asked_answers_and_both_are_bound() -> None:
    s = Session.start(TUTORIAL, "ukraine", seed=4, humans=("ukraine", "russia"))
    trade = Conditional(to="russia", ask={"prisoners": "all_for_all"},
                        give={"corridors": "limited"})
    events = s.play_as("ukraine", trade)
    assert [e.kind for e in events] == ["conditional"]  # nobody answers for the person
    assert why_not(s.state.acting("ukraine"), "ukraine", Reply(conditional=1, accept=True)) \
        == "no conditional offer made to you awaits an answer"
    (reply,) = s.play_as("russia", Reply(conditional=1, accept=True))
    assert isinstance(reply, ConditionAnswered) and reply.accepted
    mine = {"ceasefire": "none", "corridors": "none", "prisoners": "later"}
    for seat in ("russia", "ukraine"):
        refusal = why_not(s.state.acting(seat), seat, Propose(package=mine))
        assert refusal is not None and "departs from conditional offer 1" in refusal
    kept = {**mine, "prisoners": "all_for_all", "corridors": "limited"}
    assert why_not(s.state.acting("russia"), "russia", Propose(package=kept)) is None


def test_a_coalition_may_not_promise_what_breaks_a_members_red_line() -> None:
    s = Session.start(SCENARIOS["istanbul-2022"], "nato", seed=1)
    move = Conditional(to="russia", ask={"guarantees": "binding"},
                       give={"territory": "current_lines"})
    refusal = why_not(s.state, "nato", move)
    assert refusal is not None and "red line" in refusal and "us-no-recognition" in refusal
    fine = Conditional(to="russia", ask={"guarantees": "binding"},
                       give={"alignment": "neutrality"})
    assert why_not(s.state, "nato", fine) is None


def test_a_trade_back_is_not_repeated_and_keeps_the_named_red_lines() -> None:
    s = _opened()
    ask = Conditional(to="russia", ask={"ceasefire": "immediate"}, give={"corridors": "limited"})
    s.play(ask)
    s.play(ask)  # asked again in the same round
    backs = [(e.ask, e.give) for e in s.log if isinstance(e, Conditioned) and e.actor == "russia"]
    assert backs and len(backs) == len({str(b) for b in backs})
    ukraine = s.state.sit.parties["ukraine"]
    named = [r for r in ukraine.rules if r.id in s.state.named_rules("ukraine")]
    for ask_, give in backs:
        terms = {**partial(s.state.sit, ask_, "")[0], **partial(s.state.sit, give, "")[0]}
        assert not any(all(i in terms and terms[i] in o for i, o in r.literals) for r in named)

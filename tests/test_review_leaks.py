"""Leaks a release review found: each test failed before its fix."""

from __future__ import annotations

import asyncio

import pytest

from game.engine.flow import finish
from game.engine.moves import Conditional, EndRound, Play, Reply, WalkOut
from game.engine.records import Offer
from game.engine.session import Session
from game.engine.situation import with_table
from game.engine.views import knows_worth, reveal_of, view
from game.files import resolve
from game.server.console_client import ConsoleClient, ConsoleRefused


def test_easy_hides_the_no_deal_value_of_a_party_away_when_a_deal_is_made() -> None:
    """On easy the log keeps what the deal is worth to every party still at the table, but a
    party that walked out ends on its no-deal value, which no other seat may read."""
    scenario = resolve("istanbul-2022").scenario
    assert scenario is not None
    s = Session.start(scenario, "ukraine", seed=0, difficulty="easy")
    state = s.state
    assert knows_worth(reveal_of(state))
    state.walked.append("europe")
    state.sit = with_table(state.sit, tuple(p for p in state.sit.at_table if p != "europe"))
    package = {i.id: i.options[0].id for i in scenario.issues}
    finish(state, s._decider, Offer(99, "ukraine", state.round, package))
    end = state.log[-1]
    assert end.kind == "agreement" and "europe" in end.utilities
    for seat in ("ukraine", "russia", "mediator"):
        seen = view(state, seat).log[-1]
        assert "europe" not in seen.utilities, seat
        assert "russia" in seen.utilities  # the deal's worth to a party at the table stays


@pytest.mark.parametrize("text", ["<html>not a class server</html>", '{"no": "message"}', "[1]"])
def test_the_console_client_refuses_an_answer_that_is_not_the_servers(text: str) -> None:
    """A console pointed at the wrong server gets a 2xx page that is not the console's JSON:
    a `ConsoleRefused` the screen shows, not a traceback that ends the app's worker."""
    client = ConsoleClient("http://example.invalid", "token")

    async def answer(method: str, path: str, body: object = None) -> tuple[str, str]:
        return "text/html", text

    client._request = answer  # type: ignore[method-assign]
    with pytest.raises(ConsoleRefused, match="example.invalid"):
        asyncio.run(client.overview())
    with pytest.raises(ConsoleRefused, match="example.invalid"):
        asyncio.run(client.command({"type": "end_session"}))


@pytest.mark.parametrize("kind", ["conditional", "reply"])
def test_a_persons_reasons_reach_the_other_seat_without_control_characters(kind: str) -> None:
    """A hosted seat may send reasons with a conditional offer or its answer, and the other
    seat's screen shows them: like a note or a message, they lose the control characters
    that would act on that terminal (retitle it, clear it) before the table keeps them."""
    fields = ({"to": "russia", "ask": {"a": "b"}, "give": {"c": "d"}} if kind == "conditional"
              else {"conditional": 1, "accept": True})
    play = Play.model_validate({"seat": "ukraine", "move": {"kind": kind, **fields, "reasons": [
        {"text": "\x1b]0;owned\x07fair \x1b[2Jtrade"}]}})
    assert isinstance(play.move, Conditional | Reply)
    assert [r.text for r in play.move.reasons] == ["]0;ownedfair [2Jtrade"]


def test_a_coalition_seat_walking_out_of_a_hosted_table_takes_its_parties_with_it() -> None:
    """At a hosted table the others go on after a walk-out. When the seat that leaves is a
    coalition (NATO: the United States and Europe), its parties leave with it; kept at the
    table, nobody would answer for them and no deal could ever be agreed."""
    scenario = resolve("istanbul-2022").scenario
    assert scenario is not None
    s = Session.start(scenario, "ukraine", seed=1, humans=("ukraine", "russia", "nato"))
    s.play_as("nato", WalkOut())
    assert s.state.sit.at_table == ("ukraine", "russia")
    s.play_as("ukraine", EndRound())
    s.play_as("russia", EndRound())
    assert s.round == 2 and s.state.sit.at_table == ("ukraine", "russia")
    again = Session.from_plays(scenario, "ukraine", s.plays, seed=1,
                               humans=("ukraine", "russia", "nato"))
    assert [e.model_dump() for e in again.log] == [e.model_dump() for e in s.log]


def test_a_students_name_cannot_run_as_a_formula_in_the_class_csv(tmp_path) -> None:
    """Students type their names; the instructor opens the results in a spreadsheet. A name
    that starts like a formula is written so the spreadsheet shows it instead of running it;
    numbers stay numbers."""
    import csv
    import io

    from game.server.control import Control
    from game.server.results import results_by_student
    from tests.test_server_tables import istanbul_table

    table = istanbul_table(tmp_path)
    evil = "=HYPERLINK(\"http://x.invalid\",\"grades\")"
    table.join("ukraine", evil)
    table.join("russia", "-1+2")
    rows = list(csv.reader(io.StringIO(results_by_student([table], Control()))))
    names = {row[1]: row[0] for row in rows[1:]}
    assert names == {"ukraine": "'" + evil, "russia": "'-1+2"}
    assert all(row[-1].isdigit() for row in rows[1:])


def test_a_round_that_opens_while_the_clock_is_held_gets_its_whole_time() -> None:
    """The instructor pauses a table (the clock holds what the round had left) and closes the
    round: the next round, once the table goes on, has every minute, not the old round's
    remainder."""
    from game.server.clock import RoundClock

    now = [0.0]
    clock = RoundClock(2.0, now=lambda: now[0])
    clock.track(1)
    now[0] = 100.0
    clock.hold()
    assert clock.seconds_left() == 20.0
    clock.track(2)
    assert clock.seconds_left() == 120.0
    now[0] = 500.0
    clock.release()
    assert clock.seconds_left() == 120.0 and not clock.due()

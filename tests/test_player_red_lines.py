"""The built-in party players plan like a delegation: they table nothing that breaks a red line
another party at the table has stated to their seat, unless the stated lines contradict each
other so that no package clears them all (then they open with the fewest broken)."""

from __future__ import annotations

import numpy as np
import pytest

from game.engine.moves import Propose
from game.engine.players import PartyBot, player_bot
from game.engine.session import Session
from game.files import resolve


@pytest.mark.parametrize("name", ["boulware", "linear"])
def test_a_party_bot_never_tables_what_breaks_a_red_line_stated_to_its_seat(name: str) -> None:
    scenario = resolve("stalemate-2025").scenario
    assert scenario is not None
    tabled = clear_tabled = 0
    for seed in range(3):
        session = Session.start(scenario, "nato", seed=seed, difficulty="hard")
        bot = player_bot(name, "nato", seed)
        assert isinstance(bot, PartyBot)
        for _ in range(400):
            if session.finished:
                break
            move = bot.move(session)
            if isinstance(move, Propose):
                sit = session.situation
                pkg = sit.package(move.package)
                stated = {rid for st in session.stances() for rid, _, _ in st.red_lines}
                rules = [r for p in sit.at_table if p not in session.player_parties()
                         for r in sit.parties[p].rules if r.id in stated]
                assert bot.agent is not None
                pool = bot.agent.pool(session.seat.as_party(sit))
                ok = np.ones(len(pool.utilities), dtype=bool)
                for rule in rules:
                    ok &= ~pool.breaks(rule)
                broken = [r.id for r in rules if r.broken_by(pkg)]
                tabled += 1
                if ok.any():  # some package clears every stated line: it must table one such
                    clear_tabled += 1
                    assert not broken, (seed, session.round, broken)
            session.play(move)
        assert session.finished
    assert clear_tabled > 0 and tabled > clear_tabled  # both cases were met

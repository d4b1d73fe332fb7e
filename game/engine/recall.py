"""What a seat handed to the computer learns from its log (a fork into another seat): the
agent plays on as if it had been a computer party from the start."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from game.engine.agents import Agent
from game.engine.events import Event
from game.engine.situation import Rule, Situation


def recall(
    agent: Agent, log: Iterable[Event], situation_of: Callable[[int], Situation],
    rules_now: dict[str, Rule],
) -> None:
    """A seat handed over to the computer (a fork into another seat) learns what its log shows,
    as if it had been a computer party from the start: every package another seat tabled while
    it sat at the table, and every red line named in an answer at the table that is still in force
    (`rules_now`, red-line id -> its current wording). Private consents and caucuses stay private.
    """
    for e in log:
        if e.actor == agent.party:
            continue
        if e.kind in ("offer", "draft") and e.package is not None:
            sit = situation_of(e.round)
            if agent.party in sit.parties and agent.party in sit.at_table:
                agent.observe(e.actor, sit.package(e.package), sit.parties[agent.party])
        elif e.kind in ("reject", "objection") and e.offer is not None:
            for reason in e.reasons:
                rule = rules_now.get(reason.red_line or "")
                if rule is not None:
                    agent.learn(rule)

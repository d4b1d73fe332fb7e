"""Trust and mediation rules: confidence-building steps, private meetings (caucus), and the
mediator's credibility, which falls when drafts lean toward one side or press without result
(S2). A party that no longer trusts the mediator reveals less."""

from __future__ import annotations

from game.engine.events import Caucused, CredibilityLost, Reason
from game.engine.flow import Decider, add, gesture
from game.engine.reasons import red_line_reason
from game.engine.records import Offer
from game.engine.seats import MEDIATOR
from game.engine.situation import Package
from game.engine.state import TableState

LEAN_GAP = 0.1
"""A draft leans against a party when its gain falls this far below the parties' mean gain."""
REVEAL_RED_LINE = 0.35
"""Credibility a party needs in the mediator to name one of its red lines in a caucus."""
REVEAL_PRIORITIES = 0.6
"""... and to share its priorities too."""

__all__ = ["caucus", "credibility_after", "gesture"]


def caucus(s: TableState, d: Decider, party: str) -> None:
    """A private meeting: with enough credibility the party names a hidden red line, and with
    more it shares its priorities. Only the mediator and that party see it."""
    cred = s.credibility.get(party, 0.5)
    state = s.sit.parties[party]
    hidden = [r for r in state.rules if r.id not in s.named_rules(party)]
    reasons: list[Reason] = []
    red_line_text = None
    priorities = None
    if cred >= REVEAL_RED_LINE and hidden:
        rule = hidden[0]
        s.revealed_rules.setdefault(party, []).append(rule.id)
        reasons.append(red_line_reason(rule))
        red_line_text = rule.text
    if cred >= REVEAL_PRIORITIES and party not in s.revealed_priorities:
        s.revealed_priorities.append(party)
        ranked = sorted(range(len(state.weights)), key=lambda i: (-state.weights[i], i))
        priorities = [s.scenario.issues[i].title for i in ranked[:2]]
    add(s, d, Caucused, MEDIATOR, party=party, credibility=cred, reasons=reasons,
        red_line_text=red_line_text, priorities=priorities, visible_to=(MEDIATOR, party))


def credibility_after(s: TableState, d: Decider, offer: Offer, pkg: Package) -> None:
    """Drafts that lean against a side, or press without result, cost credibility."""
    loss = s.scenario.rules.credibility_loss
    parties = list(s.sit.at_table)
    gains = {p: s.sit.parties[p].utility(pkg) - s.sit.parties[p].reservation for p in parties}
    mean = sum(gains.values()) / len(gains)
    accepted = len([p for p in s.accepts[offer.id] if p in parties])
    pressing = bool(s.draft_accepts) and accepted <= s.draft_accepts[-1]
    s.draft_accepts.append(accepted)
    for p in parties:
        lost = 0.0
        why = []
        if gains[p] < mean - LEAN_GAP:
            lost += loss
            why.append("the draft leans toward the other side")
        if pressing and p not in s.accepts[offer.id]:
            lost += loss / 2
            why.append("you press without result")
        if lost:
            before = s.credibility.get(p, 0.5)
            s.credibility[p] = max(0.0, before - lost)
            add(s, d, CredibilityLost, p, offer=offer.id, before=before,
                after=s.credibility[p], reasons=[Reason(text=w) for w in why])

"""Trust and mediation: confidence-building steps, private meetings (caucus), and the mediator's
credibility, which falls when drafts lean toward one side or press without result (S2). A party
that no longer trusts the mediator reveals less. Mixed into `Session`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from game.engine.agents import red_line_reason
from game.engine.log import Entry, EntryKind, Reason
from game.engine.records import Offer
from game.engine.situation import Package, Situation
from game.scenario.models import Scenario

MEDIATOR = "mediator"
LEAN_GAP = 0.1
"""A draft leans against a party when its gain falls this far below the parties' mean gain."""
REVEAL_RED_LINE = 0.35
"""Credibility a party needs in the mediator to name one of its red lines in a caucus."""
REVEAL_PRIORITIES = 0.6
"""... and to share its priorities too."""


class Mediation:
    """The trust and mediation rules of a session (state lives on the session)."""

    scenario: Scenario
    log: list[Entry]
    _sit: Situation
    _trust_extra: dict[frozenset[str], float]
    _floors: dict[str, float]
    _credibility: dict[str, float]
    _revealed_rules: dict[str, list[str]]
    _revealed_priorities: list[str]
    _draft_accepts: list[int]
    _accepts: dict[int, list[str]]

    if TYPE_CHECKING:

        def _add(self, actor: str, kind: EntryKind, text: str, **kw: Any) -> Entry: ...

        def _name(self, actor: str) -> str: ...

        def trust(self, a: str, b: str) -> float: ...

    def _gesture(self, actor: str, step_id: str) -> None:
        step = next(c for c in self.scenario.confidence_steps if c.id == step_id)
        data: dict[str, float | str | int | bool | None] = {"step": step.id}
        for i, a in enumerate(step.parties):
            for b in step.parties[i + 1:]:
                key = frozenset((a, b))
                self._trust_extra[key] = self._trust_extra.get(key, 0.0) + step.trust
                self._floors.clear()
                data[f"trust:{a}-{b}"] = round(self.trust(a, b), 4)
        self._add(actor, "gesture", f"{self._name(actor)} offers a step: {step.title}. {step.text}",
                  reasons=[Reason(text=step.text, sources=list(step.sources))], data=data)

    def _named_rules(self, party: str) -> set[str]:
        """Red-line ids of `party` the player has heard: named in answers or in a caucus."""
        named = set(self._revealed_rules.get(party, []))
        for e in self.log:
            if e.actor == party:
                named.update(r.red_line for r in e.reasons if r.red_line)
        return named

    def _caucus(self, party: str) -> None:
        cred = self._credibility.get(party, 0.5)
        state = self._sit.parties[party]
        hidden = [r for r in state.rules if r.id not in self._named_rules(party)]
        reasons: list[Reason] = []
        parts: list[str] = []
        if cred >= REVEAL_RED_LINE and hidden:
            rule = hidden[0]
            self._revealed_rules.setdefault(party, []).append(rule.id)
            reasons.append(red_line_reason(rule))
            parts.append(f"names a red line: '{rule.text}'")
        if cred >= REVEAL_PRIORITIES and party not in self._revealed_priorities:
            self._revealed_priorities.append(party)
            ranked = sorted(range(len(state.weights)), key=lambda i: (-state.weights[i], i))
            titles = ", ".join(self.scenario.issues[i].title for i in ranked[:2])
            parts.append(f"shares its priorities (above all: {titles})")
        name = self._name(party)
        if parts:
            text = f"In a private meeting, {name} " + " and ".join(parts) + "."
        elif cred < REVEAL_RED_LINE:
            text = (f"{name} meets you but reveals nothing: it no longer trusts you "
                    f"(credibility {cred:.2f}).")
        else:
            text = f"{name} meets you but has nothing new to reveal."
        self._add(MEDIATOR, "caucus", text, reasons=reasons,
                  data={"party": party, "credibility": round(cred, 4)})

    def _credibility_after(self, offer: Offer, pkg: Package) -> None:
        """Drafts that lean against a side, or press without result, cost credibility."""
        loss = self.scenario.rules.credibility_loss
        parties = list(self._sit.at_table)
        gains = {p: self._sit.parties[p].utility(pkg) - self._sit.parties[p].reservation
                 for p in parties}
        mean = sum(gains.values()) / len(gains)
        accepted = len([p for p in self._accepts[offer.id] if p in parties])
        pressing = bool(self._draft_accepts) and accepted <= self._draft_accepts[-1]
        self._draft_accepts.append(accepted)
        for p in parties:
            lost = 0.0
            why = []
            if gains[p] < mean - LEAN_GAP:
                lost += loss
                why.append("the draft leans toward the other side")
            if pressing and p not in self._accepts[offer.id]:
                lost += loss / 2
                why.append("you press without result")
            if lost:
                before = self._credibility.get(p, 0.5)
                self._credibility[p] = max(0.0, before - lost)
                self._add(p, "objection",
                          f"{self._name(p)} doubts the mediator: " + " and ".join(why)
                          + f" (credibility {before:.2f} -> {self._credibility[p]:.2f}).",
                          offer=offer.id,
                          reasons=[Reason(text=w) for w in why],
                          data={"credibility": round(self._credibility[p], 4)})

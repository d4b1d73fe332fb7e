"""Guess, then reveal: which named strategy each computer party played.

The debrief asks the student to name each computer party's strategy before it shows the answer
(as classroom negotiation exercises do after the role play), then reveals its name in the
literature, two sentences on how it plays, and the citation. A guess made on the debrief screen
is kept in the debrief (`StrategyRow.guess`), so the exports show it against the answer.
"""

from __future__ import annotations

from html import escape

from game.debrief.model import Debrief, StrategyRow
from game.engine.seats import speaks_for
from game.engine.strategies import NAMED
from game.scenario.models import Scenario

CHOICES = tuple(NAMED)
"""The strategies a student chooses among (every name of the scenario format)."""


def strategy_rows(scenario: Scenario, role: str) -> list[StrategyRow]:
    """One row per party the computer played (every party but those the player's seat holds)."""
    mine = set(speaks_for(scenario, role))
    return [StrategyRow(party=p.id, strategy=p.strategy.name, title=NAMED[p.strategy.name].title,
                        explanation=NAMED[p.strategy.name].explanation,
                        citation=NAMED[p.strategy.name].citation)
            for p in scenario.parties if p.id not in mine]


def with_guesses(d: Debrief, guesses: dict[str, str]) -> Debrief:
    """The debrief with the student's guesses (party id -> strategy id) set on its rows."""
    rows = [r.model_copy(update={"guess": guesses.get(r.party, r.guess)}) for r in d.strategies]
    return d.model_copy(update={"strategies": rows})


def verdict(row: StrategyRow) -> str:
    """'you guessed X: right' / '... : it was Y' / 'no guess'."""
    if row.guess is None:
        return "no guess"
    if row.guess == row.strategy:
        return f"you guessed {row.guess}: right"
    return f"you guessed {row.guess}: not this one"


def question(d: Debrief) -> str:
    names = ", ".join(d.party_names.get(r.party, r.party) for r in d.strategies)
    return (f"Before reading on: which strategy did each computer party play ({names})? "
            f"Choose among {', '.join(CHOICES)}.")


def md_strategies(d: Debrief) -> list[str]:
    """The question, then the answers below it (Markdown)."""
    if not d.strategies:
        return []
    out = ["## Guess the strategies", "", question(d), "", "### The answers", ""]
    for r in d.strategies:
        out += [f"- **{d.party_names.get(r.party, r.party)}**: {r.title} ({verdict(r)}). "
                f"{r.explanation} *Source:* {r.citation}."]
    return out + [""]


def html_strategies(d: Debrief) -> list[str]:
    """The question, with each answer folded until the reader opens it (HTML)."""
    if not d.strategies:
        return []
    items = "".join(
        f"<li><strong>{escape(d.party_names.get(r.party, r.party))}</strong>: <details>"
        f"<summary>reveal ({escape(verdict(r))})</summary>{escape(r.title)}. "
        f"{escape(r.explanation)} <span class=\"muted\">Source: {escape(r.citation)}.</span>"
        "</details></li>" for r in d.strategies)
    return ["<h2>Guess the strategies</h2>", f"<p>{escape(question(d))}</p>", f"<ul>{items}</ul>"]

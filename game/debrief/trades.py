"""Conditional offers in the debrief: each trade offered across issues, and its answer.

A class asks of a trade who offered it, what it asked and gave, and whether it was taken: the
rows come from the log's `Conditioned` and `ConditionAnswered` events, in words by the one
narrator, and every export (Markdown, HTML, the TUI's debrief) lists the same rows.
"""

from __future__ import annotations

from game.debrief.model import TradeRow
from game.engine.events import ConditionAnswered, Conditioned, Event
from game.narrate import Narrator


def trade_rows(log: list[Event], narrator: Narrator) -> list[TradeRow]:
    """One row per conditional offer in the log, with its answer (or none given)."""
    answers = {e.number: e for e in log if isinstance(e, ConditionAnswered)}
    rows = []
    for e in log:
        if not isinstance(e, Conditioned):
            continue
        reply = answers.get(e.number)
        answer = ("no answer" if reply is None else "accepted" if reply.accepted
                  else "declined")
        why = "; ".join(r.text for r in reply.reasons) if reply is not None else ""
        rows.append(TradeRow(round=e.round, number=e.number, by=e.actor, to=e.to,
                             ask=narrator.terms(e.ask), give=narrator.terms(e.give),
                             answer=answer, why=why))
    return rows


def trade_lines(rows: list[TradeRow], names: dict[str, str]) -> list[str]:
    """The rows as plain sentences (a Markdown list, or lines of a screen)."""
    out = []
    for t in rows:
        by, to = names.get(t.by, t.by), names.get(t.to, t.to)
        why = f" ({t.why})" if t.why else ""
        out.append(f"Round {t.round}, conditional offer {t.number}: {by} asked {to} for "
                   f"{t.ask}, giving {t.give} in return: {t.answer}{why}.")
    return out

"""What the people at a hosted table share beyond the moves, and what an observer may see.

`talk_fields` adds to a seat's state the signals of the round, who can be written to, which
words the seat may say now and the round clock. `observer_state` is the table as the public
record shows it: the events every seat sees, without any party's private numbers, and nothing
of any seat's brief; an observer cannot move.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.engine.events import Event, Signalled
from game.engine.legal import why_not_kind

if TYPE_CHECKING:
    from game.engine.state import TableState
    from game.server.tables import Table

TALK_KINDS = ("signal", "message")


def round_signals(log: list[Event], round_number: int) -> dict[str, dict[str, object]]:
    """Each seat's latest signal this round (`ready`, or `agree` with the offer it names)."""
    out: dict[str, dict[str, object]] = {}
    for e in reversed(log):  # from the end back to the round's start: the latest first
        if e.round < round_number:
            break
        if isinstance(e, Signalled) and e.round == round_number and e.actor not in out:
            out[e.actor] = {"signal": e.signal, "offer": e.offer}
    return dict(sorted(out.items()))


def talk_fields(table: Table, state: TableState, seat: str | None) -> dict[str, object]:
    """Signals, the people one may write to, the talk a seat may make now, and the clock."""
    acting = state.acting(seat) if seat is not None and seat != state.role else state
    return {
        "signals": round_signals(state.log, state.round),
        "people": {h: table.claims[h].name if h in table.claims else h for h in state.humans},
        "talk": [] if seat is None else
        [k for k in TALK_KINDS if why_not_kind(acting, seat, k) is None],
        "clock": table.clock.as_json() if table.clock is not None and not state.finished
        else None,
    }


def public_log(state: TableState) -> list[Event]:
    """The events every seat sees, each without a party's private numbers."""
    return [e.redacted(frozenset()) for e in state.log if e.visible_to is None]


def observer_state(table: Table, log_start: int = 0) -> dict[str, object]:
    """The table as an observer may see it (JSON-ready): the public record and no seat's
    confidential numbers, brief or private messages; `legal` is always empty."""
    base: dict[str, object] = {
        "code": table.code, "seat": None, "observer": True, "started": table.started,
        "waiting_for": [s for s in table.row.seats if s not in table.claims],
    }
    if table.session is None:
        return base
    state = table.session.state
    log = public_log(state)
    outcome = state.outcome
    base.update({
        "round": state.round, "rounds": len(table.scenario.rounds), "finished": state.finished,
        "at_table": list(state.sit.at_table), "mediator": state.mediator, "legal": [],
        "turns_left": 0, "ended_round": list(state.ended), "moves": len(state.moves),
        "own": {}, "stances": [],
        "offers": [{"id": o.id, "by": o.by, "round": o.round, "package": o.package,
                    "kind": o.kind} for o in state.offers],
        "log_start": log_start, "log_size": len(log),
        "log": [without_score(e.model_dump(mode="json")) for e in log[log_start:]],
        "credibility": {},
        "outcome": None if outcome is None or not state.finished else {
            "agreement": outcome.agreement, "package": outcome.package, "utilities": {}},
        **talk_fields(table, state, None),
    })
    return base


def without_score(event: dict[str, object]) -> dict[str, object]:
    """The end of the talks carries the score of the seat that moved last (the engine's
    one player): at a hosted table that is another student's number, so no seat and no
    observer is sent it."""
    if event.get("kind") in ("agreement", "no_deal"):
        event.pop("score", None)
    return event

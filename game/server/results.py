"""A class's results from the live tables: the class debrief (`game.debrief.classes`, one
debrief per table that has started) and a CSV with one row per student and table.

A table is one game with several students, so its debrief is read from its first seat, named
after everyone at the table; the CSV scores each student's own seat
(`game.engine.outcome.player_score`, the one verdict policy) and counts only the moves the
student made (not the rounds the instructor closed, nor the computer's moves after a seat was
handed to it).
"""

from __future__ import annotations

import copy
from collections.abc import Iterable

from game.debrief.classes import csv_text, yes
from game.engine.outcome import player_score
from game.engine.session import Session
from game.server.control import Control
from game.server.tables import Table

CSV_HEAD = ["student", "seat", "table", "scenario", "finished", "agreement", "deal", "score",
            "moves"]


def students(table: Table, control: Control) -> list[tuple[str, str]]:
    """(name, seat) of every student who held a seat at the table, now or before it went to
    the computer, in the table's seat order."""
    former = control.former.get(table.code, {})
    out = []
    for seat in table.row.seats:
        if seat in table.claims:
            out.append((table.claims[seat].name, seat))
        if seat in former and (seat not in table.claims
                               or table.claims[seat].name != former[seat]):
            out.append((former[seat], seat))
    return out


def student_rows(table: Table, control: Control) -> list[list[str]]:
    session = table.session
    outcome = session.outcome if session is not None else None
    forced = control.forced.get(table.code, {})
    rows = []
    for name, seat in students(table, control):
        moves = 0
        score = ""
        if session is not None:
            moves = sum(1 for p in session.plays if p.seat == seat) - forced.get(seat, 0)
            if outcome is not None and session.finished:
                state = session.state.acting(seat)
                score = f"{player_score(state, outcome.package, dict(outcome.utilities)).value:.4f}"
        deal = (";".join(f"{i}={o}" for i, o in outcome.package.items())
                if outcome is not None and outcome.package else "")
        rows.append([name, seat, table.code, table.scenario.id,
                     yes(table.finished), yes(bool(outcome and outcome.agreement)), deal,
                     score, str(max(0, moves))])
    return rows


def results_by_student(tables: Iterable[Table], control: Control) -> str:
    """The CSV: one row per student and table (a student moved between tables has a row at
    each); a table not started has rows with no moves."""
    return csv_text(CSV_HEAD, (row for table in tables for row in student_rows(table, control)))


def games(tables: Iterable[Table], control: Control) -> list[tuple[Session, str]]:
    """Every started table's session as it stands now (a copy that later moves leave alone:
    a move replaces a session's state, never changes it) and who played at it."""
    out = []
    for table in tables:
        if table.session is not None:
            names = ", ".join(f"{n} ({s})" for n, s in students(table, control))
            out.append((copy.copy(table.session), f"table {table.code}: {names}"))
    return out


def class_debrief(played: list[tuple[Session, str]], fmt: str) -> str | None:
    """The class view over the games of `games` (md, html or json), or None when there are
    none. Slow (each debrief analyses its game): the server runs it off its event loop."""
    from game.debrief.build import build
    from game.debrief.classes import class_view

    debriefs = [build(session).model_copy(update={"student": who}) for session, who in played]
    return class_view(debriefs, fmt) if debriefs else None

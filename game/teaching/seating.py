"""A seating plan: N students at tables of the scenario's seats, observers for the remainder.

Every table plays every seat, so all tables face the same game and their results can be compared
on one board. When N does not divide, the students left over observe a table each (one observer
per table, in turn) and keep its score sheet; with fewer students than seats, one table is
formed and the computer plays the empty seats, as it does in the game.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Seating:
    seats: tuple[str, ...]  # seat names, in the scenario's order of roles
    tables: tuple[tuple[int | None, ...], ...]  # per table, per seat: a student number or None
    observers: tuple[tuple[int, int], ...]  # (student number, table number)

    @property
    def students(self) -> int:
        return sum(s is not None for t in self.tables for s in t) + len(self.observers)

    @property
    def computer_seats(self) -> int:
        return sum(s is None for t in self.tables for s in t)


def seating_plan(seats: list[str], students: int) -> Seating:
    """Tables of len(seats) students, numbered 1..N in order; the rest observe."""
    if students < 1:
        raise ValueError("a class needs at least one student")
    if not seats:
        raise ValueError("the scenario has no seats to fill")
    size = len(seats)
    full = students // size
    if full == 0:
        row = tuple(k + 1 if k < students else None for k in range(size))
        return Seating(tuple(seats), (row,), ())
    tables = tuple(tuple(t * size + k + 1 for k in range(size)) for t in range(full))
    first_spare = full * size + 1
    observers = tuple((n, (n - first_spare) % full + 1) for n in range(first_spare, students + 1))
    return Seating(tuple(seats), tables, observers)

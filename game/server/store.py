"""The one module that keeps hosted tables on disk: SQLite from the standard library, one file.

A table is its scenario, seed, difficulty and mediator plus an append-only list of every seat's
moves (`plays`); that is all a killed server needs to rebuild each table where it stood
(`Session.from_plays`). Seats taken and their tokens are kept too, so a student reconnecting
after a restart gets the same seat. Everything else the server holds is derived.

Kept behind this small interface (`Store`) so that a server database can replace SQLite when
one machine is not enough (docs/deploy.md).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from pydantic import TypeAdapter

from game.engine.moves import Move, Play

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS tables (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    scenario TEXT NOT NULL,
    seed INTEGER NOT NULL,
    difficulty TEXT,
    mediator TEXT,
    seats TEXT NOT NULL,
    humans TEXT,
    created TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS seats (
    table_id INTEGER NOT NULL REFERENCES tables(id),
    seat TEXT NOT NULL,
    token TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    PRIMARY KEY (table_id, seat)
);
CREATE TABLE IF NOT EXISTS plays (
    table_id INTEGER NOT NULL REFERENCES tables(id),
    idx INTEGER NOT NULL,
    seat TEXT NOT NULL,
    move TEXT NOT NULL,
    PRIMARY KEY (table_id, idx)
);
"""

_MOVE: TypeAdapter[Move] = TypeAdapter(Move)


class StoreError(Exception):
    """The database file cannot be opened or is not a Red Lines table store."""


@dataclass(frozen=True)
class TableRow:
    """One hosted table as stored. `scenario` is the scenario's JSON (a table keeps playing
    the scenario it began with even if the file changes); `humans` is set once it starts."""

    id: int
    code: str
    scenario: str
    seed: int
    difficulty: str | None
    mediator: str | None
    seats: tuple[str, ...]
    humans: tuple[str, ...] | None
    created: str


@dataclass(frozen=True)
class Claim:
    seat: str
    token: str
    name: str


class Store:
    """Tables, seats taken and moves in one SQLite file (WAL: a killed process loses nothing
    committed)."""

    def __init__(self, path: Path | str) -> None:
        self.path = str(path)
        try:
            self.db = sqlite3.connect(self.path, isolation_level=None)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.executescript(SCHEMA)
        except sqlite3.DatabaseError as err:
            raise StoreError(f"{self.path}: not a Red Lines table store: {err}") from None

    def close(self) -> None:
        self.db.close()

    # -- meta -----------------------------------------------------------------------------------

    def meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    # -- tables ---------------------------------------------------------------------------------

    def create_table(self, code: str, scenario_json: str, seed: int, difficulty: str | None,
                     mediator: str | None, seats: tuple[str, ...]) -> TableRow:
        created = datetime.now(UTC).isoformat(timespec="seconds")
        cur = self.db.execute(
            "INSERT INTO tables (code, scenario, seed, difficulty, mediator, seats, created) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (code, scenario_json, seed, difficulty, mediator, json.dumps(list(seats)), created))
        assert cur.lastrowid is not None
        return TableRow(cur.lastrowid, code, scenario_json, seed, difficulty, mediator,
                        tuple(seats), None, created)

    def tables(self) -> list[TableRow]:
        rows = self.db.execute(
            "SELECT id, code, scenario, seed, difficulty, mediator, seats, humans, created "
            "FROM tables ORDER BY id").fetchall()
        return [TableRow(r[0], r[1], r[2], r[3], r[4], r[5], tuple(json.loads(r[6])),
                         None if r[7] is None else tuple(json.loads(r[7])), r[8])
                for r in rows]

    def start(self, table_id: int, humans: tuple[str, ...]) -> None:
        self.db.execute("UPDATE tables SET humans = ? WHERE id = ?",
                        (json.dumps(list(humans)), table_id))

    # -- seats ----------------------------------------------------------------------------------

    def claim(self, table_id: int, claim: Claim) -> None:
        self.db.execute("INSERT INTO seats (table_id, seat, token, name) VALUES (?, ?, ?, ?)",
                        (table_id, claim.seat, claim.token, claim.name))

    def claims(self, table_id: int) -> list[Claim]:
        rows = self.db.execute("SELECT seat, token, name FROM seats WHERE table_id = ?",
                               (table_id,)).fetchall()
        return [Claim(*r) for r in rows]

    # -- moves ----------------------------------------------------------------------------------

    def append_plays(self, table_id: int, start: int, plays: list[Play]) -> None:
        """Add plays `start`, `start + 1`, ... in one transaction (all or none)."""
        with self.db:
            self.db.execute("BEGIN")
            self.db.executemany(
                "INSERT INTO plays (table_id, idx, seat, move) VALUES (?, ?, ?, ?)",
                [(table_id, start + i, p.seat, p.move.model_dump_json())
                 for i, p in enumerate(plays)])

    def plays(self, table_id: int) -> list[Play]:
        rows = self.db.execute("SELECT seat, move FROM plays WHERE table_id = ? ORDER BY idx",
                               (table_id,)).fetchall()
        return [Play(seat=seat, move=_MOVE.validate_json(move)) for seat, move in rows]

    def count_plays(self, table_id: int) -> int:
        row = self.db.execute("SELECT COUNT(*) FROM plays WHERE table_id = ?",
                              (table_id,)).fetchone()
        return int(row[0])

    def release(self, table_id: int, seat: str) -> None:
        """Free a seat (the instructor moved its student or handed it to the computer): its
        token no longer brings anyone back to it."""
        self.db.execute("DELETE FROM seats WHERE table_id = ? AND seat = ?", (table_id, seat))

"""The server with the instructor's hand on it: `Hub` plus start, pause, advance, announce,
assign, hand a seat to the computer and end the session (`game.server.instructor`), and
`--start-when-full`.

A subclass rather than edits to `Hub`: students' messages go through the hub as before; this
adds a check before a move (a paused or ended table plays none), the computer's turns at seats
handed to it after every change, and the instructor's commands. Each decision is stored
(`game.server.control`) before the students hear of it.
"""

from __future__ import annotations

import contextlib
from typing import Literal

from aiohttp import web
from pydantic import BaseModel

from game.engine.moves import EndRound
from game.server.app import Conn, Hub
from game.server.control import MAX_COMPUTER_MOVES, Control, SeatPlayer
from game.server.instructor import (
    Advance,
    Announce,
    Assign,
    Command,
    EndSession,
    Notice,
    Pause,
    Resume,
    Start,
    ToComputer,
)
from game.server.protocol import Error, Hello, MoveMessage, Refused, Welcome
from game.server.store import Claim
from game.server.tables import Refused as TableRefused
from game.server.tables import Table


async def _send(ws: web.WebSocketResponse, message: BaseModel) -> None:
    if not ws.closed:
        with contextlib.suppress(ConnectionError):
            await ws.send_str(message.model_dump_json())


class ClassHub(Hub):
    """Every table of a class, with the instructor's commands. `start_when_full`: a table
    starts once each of its seats is taken (or handed to the computer); otherwise it starts
    when the instructor says."""

    def __init__(self, tables: list[Table], instructor_token: str,
                 start_when_full: bool = False) -> None:
        super().__init__(tables, instructor_token, start_when_full=False)
        self.when_full = start_when_full
        self.store = tables[0].store if tables else None
        self.control = Control.load(self.store) if self.store else Control()
        self.players: dict[tuple[str, str], SeatPlayer] = {}
        self.lobby: list[Conn] = []
        """Connections whose seat went to the computer: they still hear what is said to all."""
        for table in tables:  # after a restart, a seat handed to the computer goes on at once
            self._computer_turns(table)

    def _save(self) -> None:
        if self.store is not None:
            self.control.save(self.store)

    # -- the students' side ---------------------------------------------------------------------

    async def _hello(self, conn: Conn, hello: Hello) -> None:
        table = self.tables.get(hello.code.upper())
        if table is not None and not hello.token and conn.table is None:
            handed = self.control.by_computer(table.code)
            if hello.seat in handed:
                await _send(conn.ws, Error(field="seat", message=f"the computer plays "
                                           f"'{hello.seat}' at table {table.code}"))
                return
            if hello.seat is None:
                free = [s for s in table.row.seats if s not in table.claims and s not in handed]
                if not free and not table.started:
                    await _send(conn.ws, Error(field="seat", message=f"every seat at table "
                                               f"{table.code} is taken or the computer's"))
                    return
                hello = hello.model_copy(update={"seat": free[0] if free else None})
        await super()._hello(conn, hello)
        if conn.table is not table or table is None:
            return
        if self.control.ended:
            await _send(conn.ws, Notice(kind="ended", text="The instructor has ended the "
                                        "session."))
        elif table.code in self.control.paused:
            await _send(conn.ws, Notice(kind="paused", text="The instructor has paused "
                                        "this table."))
        said = [a for a in self.control.announcements if a.get("code") in (None, table.code)]
        if said:
            await _send(conn.ws, Notice(kind="announcement", text=said[-1]["text"]))
        if self.when_full and not table.started and self._full(table):
            await self._start(table)

    async def _move(self, conn: Conn, message: MoveMessage) -> None:
        table = conn.table
        stop = ("the instructor has ended the session" if self.control.ended else
                "the instructor has paused this table"
                if table is not None and table.code in self.control.paused else None)
        if stop is not None and table is not None:
            await _send(conn.ws, Refused(ack=message.id, reason=stop))
            await _send(conn.ws, conn.state(message.id))
            return
        await super()._move(conn, message)

    async def tick_clocks(self) -> None:
        """No round ends on time in an ended session, and a paused table's clock stands still
        (also after a restart, when the pause comes back from the store)."""
        if self.control.ended:
            return
        for code in self.control.paused:
            clock = self.tables[code].clock if code in self.tables else None
            if clock is not None:
                clock.hold()
        await super().tick_clocks()

    async def broadcast(self, table: Table, mover: Conn | None = None,
                        ack: int | None = None) -> None:
        await super().broadcast(table, mover, ack)
        if self._computer_turns(table):
            await super().broadcast(table)

    def _full(self, table: Table) -> bool:
        handed = self.control.by_computer(table.code)
        return all(s in table.claims or s in handed for s in table.row.seats)

    def _computer_turns(self, table: Table) -> bool:
        """The computer moves at the seats handed to it, while they have a move to make."""
        if (not table.started or table.finished or self.control.ended
                or table.code in self.control.paused):
            return False
        assert table.session is not None
        seats = [s for s in self.control.by_computer(table.code)
                 if s in table.session.state.humans]
        moved = False
        for _ in range(MAX_COMPUTER_MOVES):
            played = False
            for seat in seats:
                player = self.players.setdefault((table.code, seat), SeatPlayer(table, seat))
                if not table.finished and player.play(table):
                    self.control.count(table.code, seat)
                    played = moved = True
            if not played:
                break
        if moved:
            self._save()
        return moved

    async def _notify(self, notice: Notice, code: str | None = None,
                      seat: str | None = None) -> None:
        self.lobby = [c for c in self.lobby if not c.ws.closed and c.table is None]
        if code is None and seat is None:
            for conn in self.lobby:
                await _send(conn.ws, notice)
        for table_code, conns in self.conns.items():
            if code is not None and table_code != code:
                continue
            for conn in list(conns):
                if seat is None or conn.seat == seat:
                    await _send(conn.ws, notice)

    # -- the instructor's commands --------------------------------------------------------------

    async def command(self, cmd: Command) -> str:
        """Carry out one instructor message; `TableRefused` says why not."""
        if self.control.ended and not isinstance(cmd, Announce):
            raise TableRefused("the session has ended")
        match cmd:
            case Start():
                table = self._table(cmd.code)
                if table.started:
                    raise TableRefused(f"table {table.code} has already started")
                await self._start(table)
                return f"table {table.code} started"
            case Pause() | Resume():
                return await self._pause(cmd.code, isinstance(cmd, Pause))
            case Advance():
                return await self._advance(self._table(cmd.code))
            case Announce():
                code = self._table(cmd.code).code if cmd.code else None
                self.control.announcements.append({"code": code, "text": cmd.text})
                self._save()
                await self._notify(Notice(kind="announcement", text=cmd.text), code)
                return f"announced to {'table ' + code if code else 'every table'}"
            case Assign():
                return await self._assign(cmd)
            case ToComputer():
                return await self._to_computer(self._table(cmd.code), cmd.seat)
            case EndSession():
                self.control.ended = True
                self._save()
                await self._notify(Notice(kind="ended", text="The instructor has ended the "
                                          "session. Thank you."))
                return "the session has ended"
        raise TableRefused("unknown message")  # pragma: no cover - the union is closed

    def _table(self, code: str) -> Table:
        table = self.tables.get(code.upper())
        if table is None:
            raise TableRefused(f"no table has the code '{code}'")
        return table

    async def _start(self, table: Table) -> None:
        table.start()
        await self.broadcast(table)

    async def _pause(self, code: str | None, pause: bool) -> str:
        codes = [self._table(code).code] if code else list(self.tables)
        for c in codes:
            clock = self.tables[c].clock
            if pause:
                self.control.paused.add(c)
                if clock is not None:
                    clock.hold()  # a paused round keeps the time it had left
            else:
                self.control.paused.discard(c)
                if clock is not None:
                    clock.release()
        self._save()
        word: Literal["paused", "resumed"] = "paused" if pause else "resumed"
        text = ("The instructor has paused this table: moves wait until it goes on."
                if pause else "The instructor has let this table go on.")
        for c in codes:
            await self._notify(Notice(kind=word, text=text), c)
            if not pause:
                await self.broadcast(self.tables[c])
        return f"{word}: {', '.join(codes)}"

    async def _advance(self, table: Table) -> str:
        if table.session is None or table.finished:
            raise TableRefused(f"table {table.code} is not being played")
        state = table.session.state
        start = state.round
        for seat in list(state.humans):
            now = table.session.state
            if now.round != start or table.finished:
                break
            if seat in now.ended or seat in now.walked:
                continue
            with contextlib.suppress(TableRefused):
                table.play(seat, EndRound())
                self.control.count(table.code, seat)
        self._save()
        await self.broadcast(table)
        s = table.session
        return (f"table {table.code}: " + ("the talks are over" if s.finished
                                           else f"round {s.round}"))

    def _take(self, table: Table, seat: str) -> Claim:
        """Remove a student's claim on a seat (stored), returning it."""
        claim = table.claims.pop(seat)
        table.store.release(table.row.id, seat)
        return claim

    def _give(self, table: Table, seat: str, claim: Claim) -> None:
        new = Claim(seat, claim.token, claim.name)
        table.store.claim(table.row.id, new)
        table.claims[seat] = new
        self.control.by_computer(table.code).discard(seat)
        self.players.pop((table.code, seat), None)

    def _release_to_computer(self, table: Table, seat: str) -> str | None:
        """The seat's student (if any) leaves it; after the start the computer plays it."""
        name = None
        if seat in table.claims:
            name = self._take(table, seat).name
            if table.started:
                self.control.former.setdefault(table.code, {})[seat] = name
        self.control.by_computer(table.code).add(seat)
        return name

    async def _to_computer(self, table: Table, seat: str) -> str:
        if seat not in table.row.seats:
            raise TableRefused(f"'{seat}' is not a seat at table {table.code}; seats: "
                               + ", ".join(table.row.seats))
        if seat in self.control.by_computer(table.code):
            raise TableRefused(f"the computer already plays '{seat}' at table {table.code}")
        if table.finished:
            raise TableRefused(f"table {table.code} has finished")
        name = self._release_to_computer(table, seat)
        self._save()
        for conn in [c for c in self.conns[table.code] if c.seat == seat]:
            await _send(conn.ws, Notice(kind="seat", text="The instructor has handed your "
                                        "seat to the computer."))
            self._detach(conn)
        if self.when_full and not table.started and self._full(table):
            await self._start(table)
        else:
            await self.broadcast(table)
        return (f"table {table.code}: the computer plays '{seat}'"
                + (f" (was {name})" if name else ""))

    def _detach(self, conn: Conn) -> None:
        if conn.table is not None:
            self.conns[conn.table.code] = [c for c in self.conns[conn.table.code]
                                           if c is not conn]
        conn.table, conn.seat, conn.log_sent = None, None, 0
        self.lobby.append(conn)

    async def _assign(self, cmd: Assign) -> str:
        """Move a student (swap, at a table not started), then tell the connections moved and
        both tables."""
        src, dst = self._table(cmd.from_code), self._table(cmd.code)
        other = self._check_assign(cmd, src, dst)
        moving = self._take(src, cmd.from_seat)
        if other is not None:  # a swap at one table that has not started
            self._take(dst, cmd.seat)
            self._give(src, cmd.from_seat, other)
        elif src.started:
            self._release_to_computer(src, cmd.from_seat)
            self.control.former.setdefault(src.code, {})[cmd.from_seat] = moving.name
        self._give(dst, cmd.seat, moving)
        self._save()
        moves = {(src.code, cmd.from_seat): (dst, cmd.seat)}
        if other is not None:
            moves[(dst.code, cmd.seat)] = (src, cmd.from_seat)
        await self._tell_moved(moves)
        for table in {src.code: src, dst.code: dst}.values():
            if self.when_full and not table.started and self._full(table):
                await self._start(table)
            else:
                await self.broadcast(table)
        return f"{moving.name}: seat '{cmd.seat}' at table {dst.code}"

    def _check_assign(self, cmd: Assign, src: Table, dst: Table) -> Claim | None:
        """Why the move may not be made (`TableRefused`), else the claim of the student it
        swaps with (None: the seat is free)."""
        if cmd.from_seat not in src.claims:
            raise TableRefused(f"no student holds '{cmd.from_seat}' at table {src.code}")
        if cmd.seat not in dst.row.seats:
            raise TableRefused(f"'{cmd.seat}' is not a seat at table {dst.code}; seats: "
                               + ", ".join(dst.row.seats))
        if src is dst and cmd.seat == cmd.from_seat:
            raise TableRefused("the student already holds that seat")
        handed = self.control.by_computer(dst.code)
        other = dst.claims.get(cmd.seat)
        if dst.started and cmd.seat not in handed:
            raise TableRefused(f"table {dst.code} has started: a student may take only a "
                               "seat handed to the computer there")
        if other is not None and (src is not dst or src.started):
            raise TableRefused(f"{other.name} holds '{cmd.seat}' at table {dst.code}: move "
                               "them or hand that seat to the computer first")
        return other

    async def _tell_moved(self, moves: dict[tuple[str, str], tuple[Table, str]]) -> None:
        """Each connection at a (table code, seat) in `moves` now holds the seat it maps to:
        told so, and welcomed there with that seat's token."""
        conns = [(c, moves[(c.table.code, c.seat)]) for cs in self.conns.values() for c in cs
                 if c.table is not None and c.seat is not None
                 and (c.table.code, c.seat) in moves]
        for conn, (table, seat) in conns:
            self._detach(conn)
            conn.table, conn.seat = table, seat
            self.conns[table.code].append(conn)
            claim = table.claims[seat]
            await _send(conn.ws, Notice(kind="seat", text=f"The instructor has moved you to "
                                        f"the seat of {seat} at table {table.code}."))
            await _send(conn.ws, Welcome(code=table.code, seat=seat, token=claim.token,
                                         scenario=table.scenario.id,
                                         seats=list(table.row.seats)))

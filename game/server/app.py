"""The WebSocket server of hosted tables (aiohttp): `GET /ws` for students and bots,
`GET /api/tables` for the instructor (bearer token).

One event loop runs every table; a table's moves are applied one at a time, in the order they
arrive. A connection holds at most one seat; what it receives is that seat's view alone.
Whatever a client sends (malformed, oversized, too fast, out of turn, for another seat) is
answered with an error and never stops a table or the server.
"""

from __future__ import annotations

import asyncio
import contextlib
import secrets
import sys
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

from aiohttp import WSMsgType, web

from game.server.protocol import (
    MAX_MESSAGE_BYTES,
    Error,
    Hello,
    MoveMessage,
    Refused,
    State,
    Watching,
    Welcome,
    parse_client,
)
from game.server.tables import Refused as TableRefused
from game.server.tables import Table
from game.server.watch import observer_state

RATE = 20.0
"""Messages a second one connection may send on average (a burst of `BURST` is allowed)."""
BURST = 40.0
CLOCK_TICK = 0.5
"""Seconds between looks at the round clocks (a round ends at most this late)."""


@dataclass
class Bucket:
    """A token bucket: `RATE` messages a second, `BURST` at once."""

    tokens: float = BURST
    at: float = field(default_factory=time.monotonic)

    def allow(self) -> bool:
        now = time.monotonic()
        self.tokens = min(BURST, self.tokens + (now - self.at) * RATE)
        self.at = now
        if self.tokens < 1:
            return False
        self.tokens -= 1
        return True


@dataclass
class Conn:
    ws: web.WebSocketResponse
    table: Table | None = None
    seat: str | None = None
    log_sent: int = 0
    """Log entries this connection has been sent: each state carries only the ones after."""
    observer: bool = False
    """Watching the table: sent the public record, may not move."""

    def state(self, ack: int | None = None) -> State:
        assert self.table is not None
        if self.observer:
            data = observer_state(self.table, self.log_sent)
            self.log_sent = int(data.get("log_size", 0))  # type: ignore[call-overload]
            return State(ack=ack, state=data)
        assert self.seat is not None
        data = self.table.seat_state(self.seat, self.log_sent)
        self.log_sent = int(data.get("log_size", 0))  # type: ignore[call-overload]
        return State(ack=ack, state=data)


class Hub:
    """Every table this server hosts, and who is connected to which seat."""

    def __init__(self, tables: list[Table], instructor_token: str,
                 start_when_full: bool = True) -> None:
        self.tables = {t.code: t for t in tables}
        self.instructor_token = instructor_token
        self.start_when_full = start_when_full
        self.conns: dict[str, list[Conn]] = {t.code: [] for t in tables}

    # -- HTTP -----------------------------------------------------------------------------------

    async def api_tables(self, request: web.Request) -> web.Response:
        auth = request.headers.get("Authorization", "")
        given = auth.removeprefix("Bearer ").strip() if auth.startswith("Bearer ") else ""
        if not given or not secrets.compare_digest(given, self.instructor_token):
            return web.json_response({"error": "the instructor token is needed "
                                      "(Authorization: Bearer TOKEN)"}, status=401)
        return web.json_response([t.summary() for t in self.tables.values()])

    # -- WebSocket ------------------------------------------------------------------------------

    async def websocket(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(max_msg_size=4 * MAX_MESSAGE_BYTES, heartbeat=30)
        await ws.prepare(request)
        conn, bucket = Conn(ws), Bucket()
        try:
            async for msg in ws:
                if msg.type not in (WSMsgType.TEXT, WSMsgType.BINARY):
                    break
                if not bucket.allow():
                    await _send(ws, Error(message=f"too many messages: at most {RATE:.0f} a "
                                          "second; this one was dropped"))
                    continue
                try:
                    await self._handle(conn, msg.data)
                except Exception as err:  # a bug must not stop the table or the server
                    print(f"redlines host: internal error: {type(err).__name__}: {err}",
                          file=sys.stderr)
                    await _send(ws, Error(message="internal error; the table goes on"))
        finally:
            if conn.table is not None:
                self.conns[conn.table.code] = [c for c in self.conns[conn.table.code]
                                               if c is not conn]
        return ws

    async def _handle(self, conn: Conn, data: str | bytes) -> None:
        message = parse_client(data)
        if isinstance(message, Error):
            await _send(conn.ws, message)
        elif isinstance(message, Hello):
            await self._hello(conn, message)
        elif isinstance(message, MoveMessage):
            await self._move(conn, message)

    async def _hello(self, conn: Conn, hello: Hello) -> None:
        if conn.table is not None:
            held = f"watches table {conn.table.code}" if conn.observer \
                else f"holds the seat '{conn.seat}'"
            await _send(conn.ws, Error(field="type", message=f"this connection already {held}"))
            return
        table = self.tables.get(hello.code.upper())
        if table is None:
            await _send(conn.ws, Error(field="code", message=f"no table has the code "
                                       f"'{hello.code}'"))
            return
        if hello.watch:
            conn.table, conn.observer = table, True
            self.conns[table.code].append(conn)
            await _send(conn.ws, Watching(code=table.code, scenario=table.scenario.id,
                                          seats=list(table.row.seats)))
            await _send(conn.ws, conn.state())
            return
        try:
            claim = (table.rejoin(hello.token) if hello.token
                     else table.join(hello.seat, hello.name))
        except TableRefused as err:
            await _send(conn.ws, Error(field="token" if hello.token else "seat",
                                       message=str(err)))
            return
        conn.table, conn.seat = table, claim.seat
        self.conns[table.code].append(conn)
        await _send(conn.ws, Welcome(code=table.code, seat=claim.seat, token=claim.token,
                                     scenario=table.scenario.id, seats=list(table.row.seats)))
        if self.start_when_full and not table.started and table.full():
            table.start()
            await self.broadcast(table)
        else:
            await _send(conn.ws, conn.state())

    async def _move(self, conn: Conn, message: MoveMessage) -> None:
        table, seat = conn.table, conn.seat
        if conn.observer:
            await _send(conn.ws, Error(field="type", message="an observer watches the table: "
                                       "it cannot move"))
            return
        if table is None or seat is None:
            await _send(conn.ws, Error(field="type", message="say hello first: join a table "
                                       "with its code"))
            return
        try:
            table.play(seat, message.move)
        except TableRefused as err:
            await _send(conn.ws, Refused(ack=message.id, reason=str(err)))
            await _send(conn.ws, conn.state(message.id))
            return
        await self.broadcast(table, conn, message.id)

    async def tick_clocks(self) -> None:
        """Close every round whose clock ran out (the host's `TimeUp` move, recorded), and
        tell the table. Called about once a second while the server runs."""
        for table in self.tables.values():
            if table.time_up():
                await self.broadcast(table)

    async def run_clocks(self, app: web.Application) -> AsyncIterator[None]:
        """An aiohttp cleanup context: the clocks tick while the app runs."""

        async def loop() -> None:
            while True:
                await asyncio.sleep(CLOCK_TICK)
                try:
                    await self.tick_clocks()
                except Exception as err:  # a bug must not stop the clocks of other tables
                    print(f"redlines host: clock: {type(err).__name__}: {err}",
                          file=sys.stderr)

        task = asyncio.create_task(loop())
        yield
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task

    async def close_all(self) -> None:
        """Say goodbye to every client (1001: going away), so the server stops at once; the
        clients come back with their tokens when it runs again."""
        for conns in self.conns.values():
            for conn in list(conns):
                await conn.ws.close(code=1001, message=b"the host is stopping")

    async def broadcast(self, table: Table, mover: Conn | None = None,
                        ack: int | None = None) -> None:
        """Send every client at the table its own seat's state (one view per seat)."""
        for conn in list(self.conns[table.code]):
            await _send(conn.ws, conn.state(ack if conn is mover else None))


async def _send(ws: web.WebSocketResponse,
                message: Welcome | Watching | State | Refused | Error) -> None:
    if not ws.closed:
        with contextlib.suppress(ConnectionError):
            await ws.send_str(message.model_dump_json())


def build_app(hub: Hub) -> web.Application:
    app = web.Application(client_max_size=MAX_MESSAGE_BYTES)
    app.router.add_get("/ws", hub.websocket)
    app.router.add_get("/api/tables", hub.api_tables)
    app.cleanup_ctx.append(hub.run_clocks)
    return app

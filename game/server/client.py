"""A headless client of a hosted table: one seat played by a built-in strategy (`redlines bot`).

The bot sees what a student at that seat sees (each `state` message); to choose its moves it
reuses `game.engine.players`, which reads the scenario's numbers for its own seat and for the
situation of the round, like `redlines simulate` (a yardstick, not a fair opponent). It loads
the scenario by id from the bundled ones, or from `--scenario`. If the server goes away it comes
back to its seat with its token, so a restarted server's table goes on.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, Any

from pydantic import TypeAdapter

from game.engine.book import Book
from game.engine.events import Event
from game.engine.moves import EndRound, Move
from game.engine.players import MediatorBot, NaiveBot, PartyBot, player_bot
from game.engine.records import Offer, Stance
from game.engine.seats import Seat, seat_of
from game.engine.situation import Situation, with_table
from game.engine.views import SeatView as EngineView
from game.scenario.models import Scenario
from game.server.protocol import Hello, MoveMessage

EVENTS: TypeAdapter[Event] = TypeAdapter(Event)
MAX_MOVES = 2000
"""A bot that has sent this many moves gives up (a table that never ends is a bug)."""


class SeatView:
    """What `game.engine.players` reads of a session, built from one `state` message."""

    def __init__(self, scenario: Scenario, book: Book, seat: str, state: dict[str, Any],
                 known: list[Event] | None = None) -> None:
        self.scenario, self.book, self.role, self._state = scenario, book, seat, state
        self.round: int = state["round"]
        self.turns_left: int = state["turns_left"]
        self.seat: Seat = seat_of(scenario, seat, state.get("mediator"))
        self.situation: Situation = with_table(book.situation(self.round),
                                               tuple(state["at_table"]))
        self.table = [Offer(o["id"], o["by"], o["round"], o["package"], o["kind"])
                      for o in state["offers"]]
        # `known`: the whole log, kept by a client that reads only each state's new entries
        self.log = known if known is not None else [
            EVENTS.validate_python(e) for e in state["log"]]

    def player_parties(self) -> list[str]:
        return list(self.seat.members)

    def legal_moves(self) -> list[str]:
        return list(self._state["legal"])

    def demand(self, party: str) -> float:
        return float(self._state["own"][party]["demand"])

    def stances(self) -> list[Stance]:
        """What the seat knows of each other party, as the state message gives it (a party
        bot learns from it which red lines were stated to its seat, as in a solo game)."""
        return [
            Stance(st["party"], st["name"],
                   [(p["text"], list(p["sources"])) for p in st["positions"]],
                   [(r["id"], r["text"], list(r["sources"])) for r in st["red_lines"]],
                   st["priorities"],
                   EVENTS.validate_python(st["last_answer"]) if st["last_answer"] else None,
                   st["values"], st["reservation"])
            for st in self._state.get("stances", [])
        ]

    def view(self) -> EngineView:
        """The seat's view as the engine's players read it, rebuilt from the state message
        (the mediator bot drafts from this, never from the true numbers)."""
        return EngineView(
            seat=self.seat, round=self.round, finished=bool(self._state.get("finished")),
            own={p: self.situation.parties[p] for p in self.seat.members},
            stances=self.stances(),
            log=list(self.log), offers=list(self.table),
            credibility=dict(self._state.get("credibility") or {}),
        )


@dataclass
class BotResult:
    finished: bool
    moves: int
    message: str = ""


async def play(url: str, code: str, seat: str, strategy: str, *,
               scenario: Scenario | None = None, transcript: IO[str] | None = None,
               name: str = "", seed: int = 0, retry: float = 30.0,
               think: float = 0.0,
               observe: Callable[[float, dict[str, Any]], None] | None = None) -> BotResult:
    """Join `code` at `url`, play `seat` until the table ends; reconnect with the seat token
    for up to `retry` seconds when the connection drops. `think` pauses before each move (a
    load test's stand-in for a student reading the table). `observe(time, message)` sees
    every message received and every move sent (`{"type": "sent", "id": N}`), for a bench."""
    import aiohttp

    ws_url = url.rstrip("/").replace("http://", "ws://").replace("https://", "wss://") + "/ws"
    token: str | None = None
    bot: PartyBot | MediatorBot | NaiveBot | None = None
    book: Book | None = None
    sent = 0
    events: list[Event] = []
    tasks: set[asyncio.Task[None]] = set()
    async with aiohttp.ClientSession() as http:
        while True:
            try:
                async with http.ws_connect(ws_url, max_msg_size=0) as ws:
                    await ws.send_str(Hello(code=code, seat=None if token else seat, name=name,
                                            token=token).model_dump_json())
                    pending: int | None = None
                    refused, was_refused = 0, False
                    async for msg in ws:
                        if msg.type != aiohttp.WSMsgType.TEXT:
                            break
                        if transcript is not None:
                            transcript.write(msg.data + "\n")
                            transcript.flush()
                        data = json.loads(msg.data)
                        if observe is not None:
                            observe(time.monotonic(), data)
                        kind = data["type"]
                        if kind == "welcome":
                            token, seat = data["token"], data["seat"]
                            if scenario is None:
                                scenario = _bundled(data["scenario"])
                            book = book or _book(scenario)
                            bot = bot or player_bot(strategy, seat, seed)
                            continue
                        if kind == "error" and token is None:
                            return BotResult(False, sent, f"{data.get('field') or 'join'}: "
                                             f"{data['message']}")
                        if kind == "refused":
                            refused, was_refused = refused + 1, True
                            continue
                        if kind != "state":
                            continue
                        state = data["state"]
                        if state.get("finished"):
                            return BotResult(True, sent)
                        if "log" in state:  # keep the log whole between the states we act on
                            del events[state["log_start"]:]
                            events.extend(EVENTS.validate_python(e) for e in state["log"])
                            state = {**state, "log": [], "log_start": len(events)}
                        if pending is not None and data.get("ack") != pending:
                            continue  # a state from before our move was played
                        if pending is not None and not was_refused:
                            refused = 0
                        pending, was_refused = None, False
                        if not state.get("started") or not state.get("legal"):
                            continue
                        assert scenario is not None and book is not None and bot is not None
                        move: Move = EndRound()  # after 3 refusals in a row, let the round go
                        if refused < 3:
                            view = SeatView(scenario, book, seat, state, events)
                            move = bot.move(view)  # type: ignore[arg-type]
                        sent += 1
                        if sent > MAX_MOVES:
                            return BotResult(False, sent, "the table did not end")
                        pending = sent
                        text = MoveMessage(id=sent, move=move).model_dump_json()
                        # sent after `think` by a task, so this loop keeps reading meanwhile
                        later = asyncio.create_task(_send(ws, text, sent, think, observe))
                        tasks.add(later)
                        later.add_done_callback(tasks.discard)
            except (aiohttp.ClientError, OSError):
                pass
            if token is None and retry <= 0:
                return BotResult(False, sent, f"cannot reach {url}")
            deadline = asyncio.get_running_loop().time() + retry
            while asyncio.get_running_loop().time() < deadline:
                await asyncio.sleep(0.2)
                try:
                    async with http.get(url.rstrip("/") + "/api/tables") as answer:
                        if answer.status in (200, 401):
                            break
                except (aiohttp.ClientError, OSError):
                    continue
            else:
                return BotResult(False, sent, f"lost {url} and could not reach it again")


async def _send(ws: Any, text: str, ident: int, think: float,
                observe: Callable[[float, dict[str, Any]], None] | None) -> None:
    if think:
        await asyncio.sleep(think)
    if observe is not None:
        observe(time.monotonic(), {"type": "sent", "id": ident})
    if not ws.closed:
        await ws.send_str(text)


_SHARED: dict[int, Book] = {}
_BUNDLED: dict[str, Scenario] = {}
"""Bots in one process (a bench) share each scenario and its compiled book."""


def _book(scenario: Scenario) -> Book:
    if id(scenario) not in _SHARED:
        _SHARED[id(scenario)] = Book(scenario)
    return _SHARED[id(scenario)]


def _bundled(scenario_id: str) -> Scenario:
    from game.files import resolve

    if scenario_id in _BUNDLED:
        return _BUNDLED[scenario_id]
    parsed = resolve(scenario_id)
    if parsed.scenario is None:
        print(f"redlines bot: the table plays '{scenario_id}', which is not bundled here: "
              "pass --scenario FILE", file=sys.stderr)
        raise SystemExit(1)
    _BUNDLED[scenario_id] = parsed.scenario
    return parsed.scenario

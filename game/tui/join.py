"""`redlines join`: the terminal client of a hosted table (a first, minimal table screen).

Everything on screen comes from the seat's `state` messages (`docs/protocol.md`): the package
being built is scored with the seat's own numbers from `state.own`, offers and the log come as
the server sends them, and the keys offered are the move kinds the engine allows now
(`state.legal`). A refused move shows the engine's reason. If the connection drops, the client
comes back to its seat with its token.
"""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any

from pydantic import TypeAdapter
from rich.text import Text
from textual import events, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import DataTable, Footer, RichLog, Static

from game.engine.events import Event
from game.narrate import Narrator
from game.scenario.controls import strip
from game.scenario.models import Scenario
from game.server.protocol import Hello, MoveMessage
from game.tui.join_forms import JoinForm, TalkForm, status_text
from game.tui.join_trade import TRADE_CSS, JoinTradeActions
from game.tui.safe import esc
from game.tui.seat_tokens import SeatTokens, tokens_file

EVENTS: TypeAdapter[Event] = TypeAdapter(Event)
__all__ = ["JoinApp", "tokens_file"]


class Received(Message):
    """One message from the server."""

    def __init__(self, data: dict[str, Any]) -> None:
        super().__init__()
        self.data = data


class JoinApp(JoinTradeActions, App[int]):
    """One seat at a hosted table."""

    TITLE = "Red Lines: hosted table"
    CSS = """
    #status { height: auto; max-height: 5; padding: 0 1; background: $boost; }
    #package { width: 3fr; }
    #side { width: 2fr; }
    #main.-narrow { layout: vertical; }
    #main.-narrow #package { width: 1fr; height: auto; max-height: 50%; }
    #main.-narrow #side { width: 1fr; }
    #offers { height: 1fr; }
    #log { height: 1fr; border-top: solid $primary; }
    #said { height: 2; padding: 0 1; color: $warning; }
    """ + TRADE_CSS
    BINDINGS = [
        Binding("left", "option(-1)", "option", show=False, priority=True),
        Binding("right", "option(1)", "option", priority=True),
        Binding("p", "propose", "propose"),
        Binding("n", "propose_note", "+note"),
        Binding("a", "accept", "accept"),
        Binding("c", "copy_offer", "read offer", show=False),
        Binding("e", "end_round", "end round"),
        Binding("r", "signal('ready')", "ready"),
        Binding("g", "signal('agree')", "agree"),
        Binding("m", "message", "message"),
        Binding("f", "conditional", "if-trade"),
        Binding("y", "reply", "answer trade"),
        Binding("w", "walk_out", "walk out"),
        Binding("tab", "focus_next", "next pane", show=False),
        Binding("q", "quit", "quit"),
    ]

    def __init__(self, url: str, code: str | None, *, name: str = "", seat: str | None = None,
                 scenario: Scenario | None = None, keep_tokens: bool = True,
                 watch: bool = False) -> None:
        super().__init__()
        self.url, self.code, self.student, self.wanted = url, (code or "").upper(), name, seat
        self.scenario = scenario
        self.seat: str | None = None
        self.watching = watch
        """An observer: the public record, no keys that move."""
        self.tokens = SeatTokens(url, keep_tokens)
        self.token: str | None = self.tokens.get(self.code, name) if code and not watch \
            else None
        self.deadline: float | None = None
        """When the round's clock runs out (this machine's monotonic time), if there is one."""
        self.state: dict[str, Any] = {}
        self.events: list[Event] = []
        self.choice: dict[str, int] = {}
        self.sent = 0
        self.outbox: asyncio.Queue[str] = asyncio.Queue()
        self.narrator: Narrator | None = None

    MOVING = frozenset({"option", "propose", "propose_note", "accept", "copy_offer",
                        "end_round", "signal", "message", "walk_out", "conditional", "reply"})

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """An observer's footer shows no key that moves (it could not move anyway)."""
        return not (self.watching and action in self.MOVING)

    def compose(self) -> ComposeResult:
        yield Static(f"Joining table {self.code} at {self.url} ...", id="status")
        with Horizontal(id="main"):
            yield DataTable(id="package", cursor_type="row")
            with Vertical(id="side"):
                yield DataTable(id="offers", cursor_type="row")
                yield RichLog(id="log", wrap=True, min_width=20)
        yield Static("", id="said")
        yield Footer(compact=True)

    def on_resize(self, event: events.Resize) -> None:
        """Under 100 columns the offers and the log go below the package, so the options'
        labels are not cut to a few letters."""
        self.query_one("#main").set_class(event.size.width < 100, "-narrow")

    def on_mount(self) -> None:
        self.query_one("#package", DataTable).add_columns("issue", "worth", "your choice")
        self.query_one("#offers", DataTable).add_columns("offer", "by", "worth", "note")
        self.set_interval(1, self._status)
        self.query_one("#package").display = not self.watching  # nothing to build
        if self.code:
            self.connect()
        else:
            self.push_screen(JoinForm(self.tokens.last()), self._joined)

    def _joined(self, answer: tuple[str, str] | None) -> None:
        if answer is None:
            self.exit(1)
            return
        self.code, self.student = answer
        self.token = self.tokens.get(self.code, self.student)
        self.query_one("#status", Static).update(f"Joining table {self.code} ...")
        self.connect()

    # -- the connection -------------------------------------------------------------------------

    @work(exclusive=True)
    async def connect(self) -> None:
        import aiohttp

        ws_url = self.url.rstrip("/").replace("http://", "ws://").replace("https://", "wss://")
        async with aiohttp.ClientSession() as http:
            while True:
                try:
                    async with http.ws_connect(ws_url + "/ws", max_msg_size=0) as ws:
                        hello = Hello(code=self.code, seat=None if self.token else self.wanted,
                                      name=self.student, token=self.token, watch=self.watching)
                        await ws.send_str(hello.model_dump_json())
                        sender = asyncio.create_task(self._send_all(ws))
                        try:
                            async for msg in ws:
                                if msg.type == aiohttp.WSMsgType.TEXT:
                                    self.post_message(Received(json.loads(msg.data)))
                        finally:
                            sender.cancel()
                except (aiohttp.ClientError, OSError) as err:
                    self.say(f"connection lost ({err}); trying again")
                if self.token is None and not (self.watching and self.state):
                    return
                await asyncio.sleep(1)

    async def _send_all(self, ws: Any) -> None:
        while True:
            await ws.send_str(await self.outbox.get())

    def send(self, move: dict[str, Any]) -> None:
        if self.watching:
            self.say("you are watching: an observer does not move")
            return
        self.sent += 1
        text = MoveMessage.model_validate({"id": self.sent, "move": move}).model_dump_json()
        self.outbox.put_nowait(text)

    # -- what arrives ---------------------------------------------------------------------------

    def on_received(self, message: Received) -> None:
        data = message.data
        match data["type"]:
            case "welcome" | "watching":
                if data["type"] == "welcome":
                    self.seat, self.token = data["seat"], data["token"]
                    if data["code"] != self.code:  # the instructor moved us to another table
                        self.code, self.events, self.narrator = data["code"], [], None
                    # the driver carries the token to the browser page (serve --join)
                    self.tokens.keep(self.code, self.student, data["token"],
                                     getattr(self, "_driver", None))
                if self.scenario is None:
                    from game.files import resolve

                    self.scenario = resolve(data["scenario"]).scenario
                self.say(f"You hold the seat of {self.seat}. If the connection drops you come "
                         "back to the same seat." if self.seat else
                         "You are watching this table: the public record only.")
            case "error" if data.get("field") == "token":
                self.token = None  # a token from an older table: join afresh
                self.say(f"error: {data['message']}; joining afresh")
                self.connect()
            case "error" if self.seat is None and self.tokens.mode != "file" and not self.watching:
                self.say(f"error: {data['message']}")  # a wrong code: ask again
                self.push_screen(JoinForm(), self._joined)
            case "error":
                self.say(f"error: {data['message']}")
            case "refused":
                self.say(f"not played: {data['reason']}")
            case "state":
                self.show(data["state"])
            case "notice":  # from the instructor (docs/protocol.md)
                text = (f"instructor: {data['text']}" if data["kind"] == "announcement"
                        else data["text"])
                self.say(text)
                self.query_one("#log", RichLog).write(Text(strip(text), style="bold"))

    def say(self, text: str) -> None:
        self.query_one("#said", Static).update(esc(text))

    def show(self, state: dict[str, Any]) -> None:
        if "log" in state:
            del self.events[state["log_start"]:]
            new = [EVENTS.validate_python(e) for e in state["log"]]
            self.events.extend(new)
            if self.scenario is not None:
                self.narrator = self.narrator or Narrator(self.scenario, state.get("mediator"))
                log = self.query_one("#log", RichLog)
                if state["log_start"] == 0:
                    log.clear()
                for e in self.events[state["log_start"]:]:
                    # literal text (never markup), the private words marked out
                    log.write(Text(strip(self.narrator.line(e)),
                                   style="bold" if e.kind in ("message", "signal") else ""))
        self.state = state
        clock = state.get("clock")
        self.deadline = None if not clock else time.monotonic() + clock["seconds_left"]
        if not self.choice and state.get("own") and self.scenario is not None:
            self._start_from_best()
        self._status()
        if state.get("started"):
            self._fill_package()
            self._fill_offers()

    def _status(self) -> None:
        """The status lines: where the talks stand, the clock (counting down here between the
        server's states), what the seat may do, and the others' signals."""
        if self.state:
            left = None if self.deadline is None else self.deadline - time.monotonic()
            text = status_text(self.state, self.code, self.seat, left)
            self.query_one("#status", Static).update(esc(text))

    # -- numbers from the seat's own confidential brief -----------------------------------------

    def worth(self, package: dict[str, str]) -> float | None:
        own = self.state.get("own") or {}
        if not own:
            return None
        totals = [sum(p["weights"][i] * p["values"][i][o] for i, o in package.items())
                  for p in own.values()]
        return sum(totals) / len(totals)

    def _start_from_best(self) -> None:
        """The package starts from the seat's own best option on every issue."""
        assert self.scenario is not None
        own = next(iter(self.state["own"].values()))
        for issue in self.scenario.issues:
            values = own["values"][issue.id]
            best = max(values, key=values.get)
            self.choice[issue.id] = [o.id for o in issue.options].index(best)

    def package(self) -> dict[str, str]:
        assert self.scenario is not None
        return {i.id: i.options[self.choice.get(i.id, 0) % len(i.options)].id
                for i in self.scenario.issues}

    def _fill_package(self) -> None:
        if self.scenario is None:
            return
        table = self.query_one("#package", DataTable)
        row = table.cursor_row
        table.clear()
        package = self.package()
        own = next(iter((self.state.get("own") or {}).values()), None)
        for issue in self.scenario.issues:
            option = next(o for o in issue.options if o.id == package[issue.id])
            value = own["values"][issue.id][option.id] if own else None
            table.add_row(esc(issue.title), "" if value is None else f"{value:.2f}",
                          esc(option.label), key=issue.id)
        worth = self.worth(package)
        table.add_row("the package", "" if worth is None else f"{worth:.2f}", "", key="_total")
        table.move_cursor(row=min(row, len(self.scenario.issues) - 1))

    def _fill_offers(self) -> None:
        table = self.query_one("#offers", DataTable)
        table.clear()
        for offer in self.state.get("offers", []):
            worth = self.worth(offer["package"])
            note = next((getattr(e, "note", None) or "" for e in reversed(self.events)
                         if e.kind == "offer" and e.offer == offer["id"]), "")
            table.add_row(str(offer["id"]), esc(offer["by"]),
                          "" if worth is None else f"{worth:.2f}", esc(note),
                          key=str(offer["id"]))

    # -- keys -----------------------------------------------------------------------------------

    def action_option(self, step: int) -> None:
        if self.scenario is None:
            return
        row = self.query_one("#package", DataTable).cursor_row
        if row >= len(self.scenario.issues):
            return
        issue = self.scenario.issues[row]
        self.choice[issue.id] = (self.choice.get(issue.id, 0) + step) % len(issue.options)
        self._fill_package()

    def _allowed(self, kind: str) -> bool:
        if kind in self.state.get("legal", []):
            return True
        self.say(f"you may not {kind.replace('_', ' ')} now")
        return False

    def action_propose(self, note: str | None = None) -> None:
        if self.scenario is not None and self._allowed("propose"):
            self.send({"kind": "propose", "package": self.package(), "note": note})

    def action_propose_note(self) -> None:
        if self.scenario is not None and self._allowed("propose"):
            self.push_screen(TalkForm("A note the others read with your offer:"),
                             self._noted)

    def _noted(self, got: dict[str, Any] | None) -> None:
        if got is not None:
            self.action_propose(got["note"])

    def _offer(self) -> dict[str, Any] | None:
        """The offer highlighted in the offers pane."""
        offers = self.state.get("offers", [])
        if not offers:
            return None
        row = self.query_one("#offers", DataTable).cursor_row
        return offers[min(max(row, 0), len(offers) - 1)]

    def action_accept(self) -> None:
        offer = self._offer()
        if offer is not None and self._allowed("accept"):
            self.send({"kind": "accept", "offer": offer["id"]})

    def action_copy_offer(self) -> None:
        """Put the highlighted offer's options in the package, to read it and counter it."""
        offer = self._offer()
        if offer is None or self.scenario is None:
            return
        for issue in self.scenario.issues:
            ids = [o.id for o in issue.options]
            if offer["package"].get(issue.id) in ids:
                self.choice[issue.id] = ids.index(offer["package"][issue.id])
        self._fill_package()
        self.say(f"Your package now reads offer {offer['id']} (by {offer['by']}): change it "
                 "and propose to counter.")

    def _may_talk(self, kind: str) -> bool:
        if kind in self.state.get("talk", []):
            return True
        self.say("signals and messages are for seats at a table that has started")
        return False

    def action_signal(self, signal: str) -> None:
        if not self._may_talk("signal"):
            return
        offer = self._offer() if signal == "agree" else None
        self.send({"kind": "signal", "signal": signal,
                   "offer": offer["id"] if offer else None})

    def action_message(self) -> None:
        if not self._may_talk("message"):
            return
        people = {s: esc(f"{s} ({n})") for s, n in (self.state.get("people") or {}).items()
                  if s != self.seat}
        if not people:
            self.say("no other seat at this table is held by a person")
            return
        self.push_screen(TalkForm("A private message (only that seat reads it):", people),
                         self._written)

    def _written(self, got: dict[str, Any] | None) -> None:
        if got is not None:
            self.send({"kind": "message", **got})

    def action_end_round(self) -> None:
        if self._allowed("end_round"):
            self.send({"kind": "end_round"})

    def action_walk_out(self) -> None:
        if self._allowed("walk_out"):
            self.send({"kind": "walk_out"})

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
import os
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter
from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Input, Label, RichLog, Static

from game.engine.events import Event
from game.narrate import Narrator
from game.scenario.models import Scenario
from game.server.protocol import Hello, MoveMessage
from game.tui.safe import esc

EVENTS: TypeAdapter[Event] = TypeAdapter(Event)


def tokens_file() -> Path:
    """Where the client keeps its seat tokens, so closing the terminal loses no seat."""
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "redlines" / "seat-tokens.json"


def _tokens() -> dict[str, str]:
    try:
        data = json.loads(tokens_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def keep_token(key: str, token: str) -> None:
    tokens = _tokens()
    tokens[key] = token
    path = tokens_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(tokens, indent=1), encoding="utf-8")
    except OSError:
        pass  # the seat still comes back within this run


class Received(Message):
    """One message from the server."""

    def __init__(self, data: dict[str, Any]) -> None:
        super().__init__()
        self.data = data


class JoinForm(ModalScreen[tuple[str, str]]):
    """The first screen when no code was given (the browser page): the table's code and the
    student's name."""

    DEFAULT_CSS = """
    JoinForm { align: center middle; }
    #form { width: 60; height: auto; padding: 1 2; border: round $primary; background: $panel; }
    """

    def compose(self) -> ComposeResult:
        with Vertical(id="form"):
            yield Label("Join a table: type the code your teacher gave, then your name.")
            yield Input(placeholder="table code, e.g. KTRWX", id="code", max_length=6)
            yield Input(placeholder="your name", id="name", max_length=60)
            yield Label("", id="problem")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        code = self.query_one("#code", Input).value.strip().upper()
        name = self.query_one("#name", Input).value.strip()
        if event.input.id == "code" and code:
            self.query_one("#name", Input).focus()
            return
        if not 4 <= len(code) <= 6 or not code.isalpha():
            self.query_one("#problem", Label).update("A table code is 4 to 6 letters.")
            self.query_one("#code", Input).focus()
            return
        self.dismiss((code, name))


class JoinApp(App[int]):
    """One seat at a hosted table."""

    TITLE = "Red Lines: hosted table"
    CSS = """
    #status { height: 3; padding: 0 1; background: $boost; }
    #package { width: 1fr; }
    #side { width: 1fr; }
    #offers { height: 1fr; }
    #log { height: 1fr; border-top: solid $primary; }
    #said { height: 2; padding: 0 1; color: $warning; }
    """
    BINDINGS = [
        Binding("left", "option(-1)", "option", show=False, priority=True),
        Binding("right", "option(1)", "option", priority=True),
        Binding("p", "propose", "propose"),
        Binding("a", "accept", "accept offer"),
        Binding("e", "end_round", "end round"),
        Binding("w", "walk_out", "walk out"),
        Binding("tab", "focus_next", "next pane", show=False),
        Binding("q", "quit", "quit"),
    ]

    def __init__(self, url: str, code: str | None, *, name: str = "", seat: str | None = None,
                 scenario: Scenario | None = None, keep_tokens: bool = True) -> None:
        super().__init__()
        self.url, self.code, self.student, self.wanted = url, (code or "").upper(), name, seat
        self.scenario = scenario
        self.seat: str | None = None
        self.keep_tokens = keep_tokens
        self.key = f"{url.rstrip('/')} {self.code}"
        self.token: str | None = _tokens().get(self.key) if keep_tokens and code else None
        self.state: dict[str, Any] = {}
        self.events: list[Event] = []
        self.choice: dict[str, int] = {}
        self.sent = 0
        self.outbox: asyncio.Queue[str] = asyncio.Queue()
        self.narrator: Narrator | None = None

    def compose(self) -> ComposeResult:
        yield Static(f"Joining table {self.code} at {self.url} ...", id="status")
        with Horizontal():
            yield DataTable(id="package", cursor_type="row")
            with Vertical(id="side"):
                yield DataTable(id="offers", cursor_type="row")
                yield RichLog(id="log", wrap=True, min_width=20)
        yield Static("", id="said")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#package", DataTable).add_columns("issue", "worth to you", "your choice")
        self.query_one("#offers", DataTable).add_columns("offer", "by", "worth to you")
        if self.code:
            self.connect()
        else:
            self.push_screen(JoinForm(), self._joined)

    def _joined(self, answer: tuple[str, str] | None) -> None:
        if answer is None:
            self.exit(1)
            return
        self.code, self.student = answer
        self.key = f"{self.url.rstrip('/')} {self.code}"
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
                                      name=self.student, token=self.token)
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
                if self.token is None:
                    return
                await asyncio.sleep(1)

    async def _send_all(self, ws: Any) -> None:
        while True:
            await ws.send_str(await self.outbox.get())

    def send(self, move: dict[str, Any]) -> None:
        self.sent += 1
        text = MoveMessage.model_validate({"id": self.sent, "move": move}).model_dump_json()
        self.outbox.put_nowait(text)

    # -- what arrives ---------------------------------------------------------------------------

    def on_received(self, message: Received) -> None:
        data = message.data
        match data["type"]:
            case "welcome":
                self.seat, self.token = data["seat"], data["token"]
                if data["code"] != self.code:  # the instructor moved us to another table
                    self.code, self.key = data["code"], f"{self.url.rstrip('/')} {data['code']}"
                    self.events, self.narrator = [], None
                if self.keep_tokens:
                    keep_token(self.key, data["token"])
                if self.scenario is None:
                    from game.files import resolve

                    self.scenario = resolve(data["scenario"]).scenario
                self.say(f"You hold the seat of {self.seat}. Keep this window open; if the "
                         "connection drops you come back to the same seat.")
            case "error" if data.get("field") == "token":
                self.token = None  # a token from an older table: join afresh
                self.say(f"error: {data['message']}; joining afresh")
                self.connect()
            case "error" if self.seat is None and not self.keep_tokens:
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
                self.say(esc(text))
                self.query_one("#log", RichLog).write(text)

    def say(self, text: str) -> None:
        self.query_one("#said", Static).update(text)

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
                    log.write(self.narrator.line(e))
        self.state = state
        status = self.query_one("#status", Static)
        if not state.get("started"):
            status.update(f"Table {self.code}, seat {self.seat}: waiting for "
                          + ", ".join(state.get("waiting_for", [])))
            return
        if state.get("finished"):
            outcome = state.get("outcome") or {}
            mine = ", ".join(f"{p} {u:.2f}" for p, u in outcome.get("utilities", {}).items())
            status.update(f"Table {self.code}: the talks are over: "
                          + ("agreement" if outcome.get("agreement") else "no deal")
                          + (f" (worth to you: {mine})" if mine else "") + ". Press q.")
        else:
            status.update(
                f"Table {self.code} · seat {self.seat} · round {state['round']}/"
                f"{state['rounds']} · offers left {state['turns_left']}\n"
                f"You may: {', '.join(state['legal']) or 'wait for the others'}"
                + (f" · ended the round: {', '.join(state['ended_round'])}"
                   if state["ended_round"] else ""))
        self._fill_package()
        self._fill_offers()

    # -- numbers from the seat's own confidential brief -----------------------------------------

    def worth(self, package: dict[str, str]) -> float | None:
        own = self.state.get("own") or {}
        if not own:
            return None
        totals = [sum(p["weights"][i] * p["values"][i][o] for i, o in package.items())
                  for p in own.values()]
        return sum(totals) / len(totals)

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
            table.add_row(issue.title, "" if value is None else f"{value:.2f}", option.label,
                          key=issue.id)
        worth = self.worth(package)
        table.add_row("the package", "" if worth is None else f"{worth:.2f}", "", key="_total")
        table.move_cursor(row=min(row, len(self.scenario.issues) - 1))

    def _fill_offers(self) -> None:
        table = self.query_one("#offers", DataTable)
        table.clear()
        for offer in self.state.get("offers", []):
            worth = self.worth(offer["package"])
            table.add_row(str(offer["id"]), offer["by"], "" if worth is None else f"{worth:.2f}",
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

    def action_propose(self) -> None:
        if self.scenario is not None and self._allowed("propose"):
            self.send({"kind": "propose", "package": self.package()})

    def action_accept(self) -> None:
        offers = self.state.get("offers", [])
        if not offers or not self._allowed("accept"):
            return
        row = self.query_one("#offers", DataTable).cursor_row
        self.send({"kind": "accept", "offer": offers[min(row, len(offers) - 1)]["id"]})

    def action_end_round(self) -> None:
        if self._allowed("end_round"):
            self.send({"kind": "end_round"})

    def action_walk_out(self) -> None:
        if self._allowed("walk_out"):
            self.send({"kind": "walk_out"})

"""`redlines console URL --token TOKEN`: the instructor's console over every table of a class.

It polls the server's overview once a second in a worker and sends the instructor's messages
from workers (`game.server.console_client`), so the screen never waits on the network. Every
action is one row of `ACTIONS`, from which the key bindings (shown in the footer) and the
command palette entries are made. Without a token, or with one the server refuses, it asks for
the token (the browser page: `redlines serve --console URL`).
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from textual import on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from game.server.console_client import ConsoleClient, ConsoleRefused
from game.tui.console.dialogs import ChoiceDialog, ConfirmDialog, TextDialog, TokenForm
from game.tui.console.widgets import FrontierChart, TableDetail, TablesTable, detail_text
from game.tui.safe import esc

ACTIONS: tuple[tuple[str, str, str, str, str], ...] = (
    # key, action, footer label, palette title, what the palette says it does
    ("s", "start", "start", "Start the table",
     "Start the selected table (the computer takes its empty seats)"),
    ("p", "pause", "pause", "Pause or resume the table",
     "Pause the selected table, or let it go on"),
    ("n", "advance", "round", "Next round", "Close the selected table's round for every seat"),
    ("a", "announce", "announce", "Announce to everyone", "Say something to every student"),
    ("g", "assign", "assign", "Assign a student", "Move a student to another seat or table"),
    ("c", "computer", "computer", "Hand a seat to the computer",
     "The student at that seat of the selected table loses it; the computer plays it"),
    ("x", "end", "end", "End the session", "No table takes another move (asks first)"),
    ("e", "export", "export", "Export the class debrief and results",
     "class-debrief.html (the class view) and results-by-student.csv"),
)
PALETTE_ONLY: tuple[tuple[str, str, str], ...] = (
    ("pause_all", "Pause every table", "No student's move is played until you resume"),
    ("resume_all", "Resume every table", "Every paused table goes on"),
    ("announce_table", "Announce to the selected table", "Only its students read it"),
    ("refresh", "Refresh now", "Ask the server for every table again"),
)
POLL_SECONDS = 1.0


class ConsoleApp(App[int]):
    """Every table of a class, live, and the instructor's commands."""

    TITLE = "Red Lines: instructor's console"
    CSS_PATH = "console.tcss"
    BINDINGS = [
        *[Binding(key, action, label, id=action) for key, action, label, _, _ in ACTIONS],
        Binding("r", "refresh", "refresh", show=False, id="refresh"),
        Binding("q", "quit", "quit", show=False, id="quit"),
    ]

    def __init__(self, url: str, token: str | None = None, out: Path | None = None,
                 poll: float = POLL_SECONDS) -> None:
        super().__init__()
        self.client = ConsoleClient(url, token or "")
        self.out = out or Path.cwd()
        self.poll_seconds = poll
        self.overview: dict[str, Any] = {}
        self.reached = False
        """The server has answered with the overview at least once."""

    def compose(self) -> ComposeResult:
        yield Static(f"Connecting to {esc(self.client.url)} ...", id="status")
        yield TablesTable(id="tables")
        with Horizontal(id="bottom"):
            with VerticalScroll(id="detail-pane"):
                yield TableDetail("", id="detail")
            with VerticalScroll(id="chart-pane"):
                yield FrontierChart("", id="chart")
        yield Static("ctrl+p: every command by name · ctrl+q: quit", id="said")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        # kept, not queried later: a dialog on top would hide them from `query_one`
        self.status = self.query_one("#status", Static)
        self.said = self.query_one("#said", Static)
        self.tables = self.query_one(TablesTable)
        self.detail = self.query_one(TableDetail)
        self.chart = self.query_one(FrontierChart)
        if self.client.token:
            self.poll()
        else:
            self.status.update(f"{esc(self.client.url)}: the console needs the instructor "
                               "token")
            self.push_screen(TokenForm(), self._token_given)

    def _token_given(self, token: str | None) -> None:
        if token:
            self.client.token = token
            self.poll()

    # -- the network (workers) ------------------------------------------------------------------

    @work(exclusive=True, group="poll")
    async def poll(self) -> None:
        """The overview, once a second, until the app ends or the server refuses the token."""
        while True:
            if not await self._fetch():
                return
            await asyncio.sleep(self.poll_seconds)

    async def _fetch(self) -> bool:
        try:
            data = await self.client.overview()
        except ConsoleRefused as err:
            if err.status == 401:
                self.say(f"refused: {err}")
                self.status.update(
                    "The server refused the instructor token.")
                self.push_screen(TokenForm(f"The server refused that token: {err}"),
                                 self._token_given)
                return False
            self.status.update(esc(f"{err}; trying again"))
            return True
        self.reached = True
        self.show(data)
        return True

    @work(group="commands")
    async def send(self, message: dict[str, Any]) -> None:
        try:
            self.say(await self.client.command(message))
        except ConsoleRefused as err:
            self.say(f"not done: {err}")
        await self._fetch()

    @work(exclusive=True, group="export")
    async def export(self) -> None:
        try:
            csv_text = await self.client.results_csv()
            html = await self.client.debrief("html")
        except ConsoleRefused as err:
            self.say(f"export: {err}")
            return
        files = (("class-debrief.html", html), ("results-by-student.csv", csv_text))
        if self.is_web:
            for name, text in files:
                self.deliver_text(text, save_filename=name)
            self.say("export: the class debrief and the results are downloading")
            return
        try:
            self.out.mkdir(parents=True, exist_ok=True)
            for name, text in files:
                (self.out / name).write_text(text, encoding="utf-8")
        except OSError as err:
            self.say(f"export: cannot write to {self.out}: {err.strerror or err}")
            return
        self.say(f"export: {self.out / files[0][0]} and {self.out / files[1][0]}")

    # -- what the screen shows ------------------------------------------------------------------

    def show(self, data: dict[str, Any]) -> None:
        self.overview = data
        tables = data.get("tables", [])
        counts: dict[str, int] = {}
        for t in tables:
            word = ("finished" if t.get("finished") else "playing" if t.get("started")
                    else "waiting")
            counts[word] = counts.get(word, 0) + 1
        summary = ", ".join(f"{n} {w}" for w, n in counts.items())
        self.status.update(
            f"{esc(self.client.url)} · {len(tables)} table(s): {summary}"
            + (" · starts when full" if data.get("start_when_full") else "")
            + (" · [b]session ended[/b]" if data.get("ended") else ""))
        self.tables.show(data)
        self._show_selected()
        self.chart.show(data)

    def _show_selected(self) -> None:
        t = self.selected()
        text = detail_text(t, self.overview.get("ended", False))
        said = [a for a in self.overview.get("announcements", [])
                if t is not None and a.get("code") in (None, t["code"])]
        if said:
            text += "\nLast announced: " + esc(said[-1]["text"])
        self.detail.update(text)

    @on(DataTable.RowHighlighted)
    def _highlighted(self) -> None:
        self._show_selected()

    def selected(self) -> dict[str, Any] | None:
        tables = self.overview.get("tables", [])
        if not tables:
            return None
        row = self.tables.cursor_row
        return tables[min(max(row, 0), len(tables) - 1)]

    def say(self, text: str) -> None:
        self.said.update(esc(text))

    # -- the instructor's actions ---------------------------------------------------------------

    def _table(self) -> dict[str, Any] | None:
        t = self.selected()
        if t is None:
            self.say("no table yet: the server has not answered")
        return t

    def action_start(self) -> None:
        if t := self._table():
            self.send({"type": "start", "code": t["code"]})

    def action_pause(self) -> None:
        if t := self._table():
            self.send({"type": "resume" if t.get("paused") else "pause", "code": t["code"]})

    def action_pause_all(self) -> None:
        self.send({"type": "pause"})

    def action_resume_all(self) -> None:
        self.send({"type": "resume"})

    def action_advance(self) -> None:
        if t := self._table():
            self.send({"type": "advance", "code": t["code"]})

    def action_announce(self, code: str | None = None) -> None:
        def said(text: str | None) -> None:
            if text:
                self.send({"type": "announce", "text": text,
                           **({"code": code} if code else {})})

        to = f"the students at table {code}" if code else "every student"
        self.push_screen(TextDialog(f"Say to {to}:", "e.g. five minutes left"), said)

    def action_announce_table(self) -> None:
        if t := self._table():
            self.action_announce(t["code"])

    def action_computer(self) -> None:
        t = self._table()
        if t is None:
            return
        handed = set(t.get("computer", []))
        started_computer = set(t["seats"]) - set(t.get("humans", [])) if t.get("started") \
            else set()
        choices = [(s, f"{s} ({t.get('taken', {}).get(s, 'free')})") for s in t["seats"]
                   if s not in handed and s not in started_computer]
        if not choices:
            self.say(f"the computer already plays every seat of table {t['code']}")
            return

        def picked(seat: str | None) -> None:
            if seat:
                self.send({"type": "to_computer", "code": t["code"], "seat": seat})

        self.push_screen(ChoiceDialog(f"Table {t['code']}: hand which seat to the computer?",
                                      choices), picked)

    def action_assign(self) -> None:
        """Two choices: the student to move (those at the selected table first), then the seat
        (a free seat, a student's seat at a table not started: they swap, or a seat the
        computer was handed)."""
        tables = self.overview.get("tables", [])
        first = self.selected()
        order = sorted(tables, key=lambda t: t is not first)
        students = [(f"{t['code']} {s}", f"{name} ({s} at {t['code']})") for t in order
                    for s, name in t.get("taken", {}).items()]
        if not students:
            self.say("no student holds a seat yet")
            return
        seats = []
        for t in order:
            for s in t["seats"]:
                holder = t.get("taken", {}).get(s)
                if t.get("finished") or (t.get("started") and s not in t.get("computer", [])):
                    continue
                label = (f"{s} at {t['code']} ("
                         + (f"swap with {holder}" if holder else
                            "the computer's" if s in t.get("computer", []) else "free") + ")")
                seats.append((f"{t['code']} {s}", label))

        if not seats:
            self.say("no seat to move a student to: every table has started or finished, "
                     "and the computer was handed no seat")
            return

        def to_seat(source: str, target: str | None) -> None:
            if target:
                from_code, from_seat = source.split(" ", 1)
                code, seat = target.split(" ", 1)
                self.send({"type": "assign", "code": code, "seat": seat,
                           "from_code": from_code, "from_seat": from_seat})

        def student(source: str | None) -> None:
            if source:
                self.push_screen(ChoiceDialog("Move to which seat?", seats),
                                 lambda target: to_seat(source, target))

        self.push_screen(ChoiceDialog("Move which student?", students), student)

    def action_end(self) -> None:
        def sure(yes: bool | None) -> None:
            if yes:
                self.send({"type": "end_session"})

        self.push_screen(ConfirmDialog("End the session? No table will take another move."),
                         sure)

    def action_export(self) -> None:
        self.export()

    def action_refresh(self) -> None:
        if self.client.token:
            self.poll()

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for _, action, _, title, help_text in ACTIONS:
            yield SystemCommand(title, help_text, getattr(self, f"action_{action}"))
        for action, title, help_text in PALETTE_ONLY:
            yield SystemCommand(title, help_text, getattr(self, f"action_{action}"))

"""New game: pick a scenario, a seat (with its brief), a difficulty and an optional seed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Input, Label, OptionList, Static

from game.scenario.models import Scenario
from game.tui.marked import MarkedList
from game.tui.safe import esc as escape
from game.tui.view import Seat, seats

if TYPE_CHECKING:
    from textual import getters

    from game.tui.host import GameHost



REVEALED = {"values": "option values", "reservation": "no-deal values"}
"""How a level's `reveal` items read to a student choosing it."""

class NewGameScreen(Screen[None]):
    if TYPE_CHECKING:
        app = getters.app(GameHost)  # the game's own app, typed; no run-time change

    BINDINGS = [
        Binding("s", "start", "Start"),
        Binding("escape", "back", "Back"),
    ]
    PALETTE = (("Start the game", "Start with the choices made", "start"),)

    def __init__(self) -> None:
        super().__init__()
        self.scenarios: list[Scenario] = []
        self.seat_list: list[Seat] = []
        self.loaded = False
        self.start_when_loaded = False
        """`s` pressed while the scenarios were still being read: start as soon as they are
        (a browser student pressing `s` at once otherwise saw "Pick a scenario" and no game)."""

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="choices"):
            with Vertical(classes="pick"):
                yield Label("Scenario")
                yield MarkedList(id="scenarios")
            with Vertical(classes="pick"):
                yield Label("Role")
                yield MarkedList(id="roles")
            with Vertical(classes="pick narrow"):
                yield Label("Difficulty")
                yield MarkedList(id="levels")
        with VerticalScroll(id="details"):
            yield Static("Loading scenarios…", id="about")
        with Horizontal(id="start-row"):
            yield Label("Name:")
            yield Input(placeholder="optional", id="student", max_length=60)
            yield Label("Seed (optional):")
            yield Input(placeholder="0", id="seed", restrict=r"[0-9]*", max_length=9)
            yield Button("Start (s)", id="start", variant="primary")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "New game"
        seed = getattr(self.app, "seed", None)
        if seed is not None:
            self.query_one("#seed", Input).value = str(seed)
        self.query_one("#student", Input).value = getattr(self.app, "student", None) or ""
        self.load_scenarios()

    @work(thread=True, exclusive=True)
    def load_scenarios(self) -> None:
        """Parse the bundled scenarios off the event loop."""
        from game.files import DEFAULT_SCENARIO, bundled_paths, read_scenario

        found: list[Scenario] = []
        given = getattr(self.app, "scenario", None)
        if given is not None:
            found.append(given)
        paths = sorted(bundled_paths(), key=lambda p: (p.stem != DEFAULT_SCENARIO, p.stem))
        for path in paths:
            parsed = read_scenario(path)
            if parsed.scenario is not None and all(s.id != parsed.scenario.id for s in found):
                found.append(parsed.scenario)
        self.app.call_from_thread(self.show_scenarios, found)

    def show_scenarios(self, found: list[Scenario]) -> None:
        self.scenarios, self.loaded = found, True
        lst = self.query_one("#scenarios", MarkedList)
        lst.set_items([(f"{escape(s.title)}\n  {len(s.issues)} issues", s.id) for s in found],
                      0 if found else None)
        if found:
            self.show_seats(found[0])
        lst.focus()
        if self.start_when_loaded:
            self.action_start()

    @property
    def scenario(self) -> Scenario | None:
        idx = self.query_one("#scenarios", OptionList).highlighted
        return self.scenarios[idx] if idx is not None and idx < len(self.scenarios) else None

    def show_seats(self, scenario: Scenario) -> None:
        self.seat_list = seats(scenario)
        wanted = getattr(self.app, "role", None)
        self.query_one("#roles", MarkedList).set_items(
            [(escape(seat.label), None) for seat in self.seat_list],
            next((i for i, s in enumerate(self.seat_list) if s.role == wanted), 0)
            if self.seat_list else None)
        want = getattr(self.app, "difficulty", None)
        self.query_one("#levels", MarkedList).set_items(
            [(escape(d.label), d.id) for d in scenario.difficulties],
            next((i for i, d in enumerate(scenario.difficulties) if d.id == want), 0))
        self.show_about()

    def show_about(self) -> None:
        scenario = self.scenario
        if scenario is None:
            return
        idx = self.query_one("#roles", OptionList).highlighted
        seat = self.seat_list[idx] if idx is not None and idx < len(self.seat_list) else None
        levels = self.query_one("#levels", OptionList).highlighted or 0
        level = scenario.difficulties[levels]
        # The seat's brief comes first: at 80x24 the panel shows six lines, and the brief is
        # what the student is choosing; the scenario's summary follows.
        seen = ", ".join(REVEALED.get(r, r.replace("_", " ")) for r in level.reveal)
        if "values" in level.reveal and "priorities" in level.reveal:
            seen += " (so each package's exact worth to them)"
        text = ""
        if seat is not None:
            text += f"[b]You play: {escape(seat.label)}[/b]\n{escape(seat.brief)}\n"
        text += (f"[b]{escape(level.label)}[/b]: you see the others' {seen}.\n\n"
                 f"[b]{escape(scenario.title)}[/b]  ({escape(scenario.period)}, "
                 f"{len(scenario.issues)} issues, {len(scenario.rounds)} rounds)\n"
                 f"{escape(scenario.summary)}")
        self.query_one("#about", Static).update(text)

    @on(OptionList.OptionHighlighted, "#scenarios")
    def _scenario_moved(self) -> None:
        if self.scenario is not None:
            self.show_seats(self.scenario)

    @on(OptionList.OptionHighlighted, "#roles, #levels")
    def _choice_moved(self) -> None:
        self.show_about()

    @on(OptionList.OptionSelected)
    def _selected(self) -> None:
        self.focus_next()

    @on(Button.Pressed, "#start")
    @on(Input.Submitted, "#seed")
    @on(Input.Submitted, "#student")
    def _start_pressed(self) -> None:
        self.action_start()

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_start(self) -> None:
        if not self.loaded:
            self.start_when_loaded = True
            self.notify("Reading the scenarios: the game starts as soon as they are loaded.")
            return
        scenario = self.scenario
        idx = self.query_one("#roles", OptionList).highlighted
        if scenario is None or idx is None or idx >= len(self.seat_list):
            self.notify("Pick a scenario and a role first.", severity="warning")
            return
        seat = self.seat_list[idx]
        level = scenario.difficulties[self.query_one("#levels", OptionList).highlighted or 0]
        raw = self.query_one("#seed", Input).value.strip()
        # the name goes into this game's saves and the class results (the app passes it on)
        self.app.student = self.query_one("#student", Input).value.strip() or None
        self.begin(scenario, seat, level.id, int(raw) if raw else 0)

    @work(thread=True, exclusive=True, group="start")
    def begin(self, scenario: Scenario, seat: Seat, difficulty: str, seed: int) -> None:
        """Start the session off the event loop, then hand it to the app."""
        from game.engine.session import Session

        try:
            session = Session.start(scenario, seat.role, seed=seed, difficulty=difficulty,
                                    mediator=seat.mediator)
        except ValueError as err:
            self.app.call_from_thread(self.notify, str(err), severity="error")
            return
        self.app.call_from_thread(self.app.start_game, session)

"""The title screen: the only screen composed at start-up, so it imports nothing heavy."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static

from game.tui.marked import MarkedList

if TYPE_CHECKING:
    from textual import getters

    from game.tui.host import GameHost

BANNER = "R E D   L I N E S"
TAGLINE = "Negotiating the Russia-Ukraine war: as Ukraine, Russia, NATO or a mediator"

MENU = (
    ("new", "n  New game"),
    ("continue", "c  Continue a saved game"),
    ("replay", "r  Replay a save"),
    ("help", "?  Help: keys and ideas"),
    ("quit", "q  Quit"),
)


class TitleScreen(Screen[None]):
    if TYPE_CHECKING:
        app = getters.app(GameHost)  # the game's own app, typed; no run-time change

    BINDINGS = [
        Binding("n", "pick('new')", "New game"),
        Binding("c", "pick('continue')", "Continue"),
        Binding("r", "pick('replay')", "Replay"),
        Binding("q", "pick('quit')", "Quit"),
    ]

    PALETTE = (
        ("New game", "Choose a scenario, a seat and a difficulty", "new_game"),
        ("Continue a saved game", "Pick up a game where you left it", "continue_game"),
        ("Replay a save", "Step through a saved game and fork it", "replay_save"),
    )

    def action_new_game(self) -> None:
        self.action_pick("new")

    def action_continue_game(self) -> None:
        self.action_pick("continue")

    def action_replay_save(self) -> None:
        self.action_pick("replay")

    def compose(self) -> ComposeResult:
        with Vertical(id="title-box"):
            yield Static(BANNER, id="banner")
            yield Static(TAGLINE, id="tagline")
            with Center():
                yield MarkedList(id="menu")
            yield Static(
                "A training game. Every position is taken from cited sources; the game takes "
                "no side.", id="disclaimer")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(MarkedList).set_items([(label, key) for key, label in MENU], 0)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_pick(event.option.id or "")

    def action_pick(self, what: str) -> None:
        app = self.app
        if what == "new":
            from game.tui.newgame import NewGameScreen

            app.push_screen(NewGameScreen())
        elif what in ("continue", "replay"):
            from game.tui.dialogs import SavesScreen

            app.push_screen(SavesScreen(replay=what == "replay"))
        elif what == "help":
            app.action_help()
        elif what == "quit":
            app.exit()

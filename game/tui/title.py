"""The title screen: the only screen composed at start-up, so it imports nothing heavy."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

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
    BINDINGS = [
        Binding("n", "pick('new')", "New game"),
        Binding("c", "pick('continue')", "Continue"),
        Binding("r", "pick('replay')", "Replay"),
        Binding("q", "pick('quit')", "Quit"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="title-box"):
            yield Static(BANNER, id="banner")
            yield Static(TAGLINE, id="tagline")
            with Center():
                yield OptionList(*[Option(label, id=key) for key, label in MENU], id="menu")
            yield Static(
                "A training game. Every position is taken from cited sources; the game takes "
                "no side.", id="disclaimer")
        yield Footer()

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
            app.action_help()  # type: ignore[attr-defined]
        elif what == "quit":
            app.exit()

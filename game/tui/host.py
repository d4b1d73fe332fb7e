"""What the screens may ask of the app that hosts them, declared apart from the app itself.

Screens reach their app through `getters.app(GameHost)`, typed, and the app (`RedLinesApp`)
implements it; so the screens never import the app module and the app imports screens freely.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App

if TYPE_CHECKING:
    from game.engine.session import Session


class GameHost(App[None]):
    """The game's own app, as its screens see it."""

    save_path: Path | None
    student: str | None
    """The player's name for the saves of the games started next (asked at a new game)."""

    @property
    def saves_dir(self) -> Path:
        raise NotImplementedError

    def start_game(self, session: Session, save_path: Path | None = None) -> None:
        """Open the table for a session (new game, continue, or a replay's fork)."""
        raise NotImplementedError

    def go_title(self) -> None:
        raise NotImplementedError

    def to_base(self) -> None:
        raise NotImplementedError

    def open_replay(self, path: Path) -> None:
        raise NotImplementedError

    def autosave(self) -> None:
        raise NotImplementedError

    def action_help(self) -> None:
        raise NotImplementedError

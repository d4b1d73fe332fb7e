"""The Red Lines app: the title screen first, every other screen imported when first needed.

Start-up stays short by composing only the title screen and importing the engine, the game
screens lazily. Unexpected errors are written to a crash file and summed up in one
line instead of a traceback on the player's screen.
"""

from __future__ import annotations

import traceback
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import events
from textual.app import SystemCommand
from textual.binding import Binding
from textual.geometry import Size
from textual.screen import Screen

from game.tui.host import GameHost
from game.tui.safe import esc
from game.tui.title import TitleScreen

if TYPE_CHECKING:
    from game.autosave import Autosaver
    from game.engine.session import Session
    from game.scenario.models import Scenario

MIN_SIZE = (80, 24)


class RedLinesApp(GameHost):
    """One student's game: title, new game, briefing, table, answers and debrief."""

    TITLE = "Red Lines"
    CSS_PATH = Path(__file__).parent / "app.tcss"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Binding("f1", "help", "Help", id="help"),
        Binding("question_mark", "help", "Help", show=False, id="help2"),
        Binding("f2", "toggle_theme", "Light/dark", show=False, id="theme"),
        Binding("ctrl+q", "quit", "Quit", show=False, id="quit", priority=True),
    ]

    def __init__(
        self,
        scenario: Scenario | None = None,
        role: str | None = None,
        seed: int | None = None,
        saves_dir: Path | str | None = None,
        replay_path: Path | str | None = None,
        difficulty: str | None = None,
        student: str | None = None,
    ) -> None:
        super().__init__()
        self.student = student
        self.scenario = scenario
        self.role = role
        self.seed = seed
        self.difficulty = difficulty
        self._saves_dir = Path(saves_dir) if saves_dir else None
        self.replay_path = Path(replay_path) if replay_path else None
        self.session: Session | None = None
        self.save_path: Path | None = None
        self.crash_note: str | None = None
        self._writer: ThreadPoolExecutor | None = None
        self._saver: Autosaver | None = None
        self._save_problem: str | None = None
        self.theme = "textual-dark"

    # -- start-up and screen flow ---------------------------------------------------------

    def get_default_screen(self) -> Screen[Any]:
        """The title screen is the base of the stack: one screen to compose at start-up."""
        return TitleScreen()

    def on_mount(self) -> None:
        if self.replay_path is not None:
            self.open_replay(self.replay_path)
        self._check_size()

    def open_replay(self, path: Path) -> None:
        """The replay viewer, imported only when asked for (it loads the replay model and saves)."""
        from game.tui.replay_screen import ReplayScreen

        try:
            self.push_screen(ReplayScreen(path))
        except Exception as err:  # a bad save must not crash the game
            self.notify(esc(f"{path}: {err}"), title="Cannot replay", severity="error", timeout=8)

    def to_base(self) -> None:
        """Close every screen above the title screen."""
        while len(self.screen_stack) > 1:
            self.pop_screen()

    def go_title(self) -> None:
        self.to_base()
        self._check_size()

    @property
    def saves_dir(self) -> Path:
        """--saves-dir, else the saves module's default folder."""
        if self._saves_dir is None:
            from game.saves import default_saves_dir

            self._saves_dir = default_saves_dir()
        return self._saves_dir

    def start_game(self, session: Session, save_path: Path | None = None) -> None:
        """Open the table for an existing session (new game, continue, or a replay's fork)."""
        from game.saves import now_iso
        from game.tui.briefing import BriefingScreen
        from game.tui.table import TableScreen

        session.student = session.student or self.student
        session.started = session.started or now_iso()
        self.session = session
        self.save_path = save_path
        self._saver = None  # a new game: its own save file and rescue file
        self.to_base()
        if session.finished:
            from game.tui.debrief import DebriefScreen

            self.push_screen(DebriefScreen(session))
            self._check_size()
            return
        self.push_screen(TableScreen(session))
        self.push_screen(BriefingScreen(session))
        self._check_size()
        self.autosave()

    def autosave(self) -> None:
        """Save after every move. The text is taken now; the atomic write (with its fsync)
        runs on one background thread, in order, so the screen never waits for the disk.
        A failure stays on screen until a save works again (game.autosave.Autosaver)."""
        if self.session is None:
            return
        from game.autosave import Autosaver
        from game.saves import dumps, to_save

        if self._saver is None:
            self._saver = Autosaver(self.saves_dir, self.save_path)
        saver, session = self._saver, self.session
        self._show_save_problem(saver.claim(session))
        if saver.notice:
            self.notify(esc(saver.notice), title="Saved as a copy", severity="warning",
                        timeout=30)
            saver.notice = None
        self.save_path = saver.path
        try:
            text = dumps(to_save(session))
        except Exception as err:  # saving must never end the game
            self._show_save_problem(f"Could not save: {err}")
            return
        if self._writer is None:
            self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="autosave")
        self._writer.submit(self._write, saver, session, text)

    def _write(self, saver: Autosaver, session: Session, text: str) -> None:
        problem = saver.write(session, text)
        if problem != self._save_problem:
            self.call_from_thread(self._show_save_problem, problem)

    def _show_save_problem(self, problem: str | None) -> None:
        """A save problem stays on screen (not a passing toast) until a save works again."""
        if problem == self._save_problem:
            return
        self._save_problem = problem
        self.clear_notifications()
        if problem is not None:
            self.notify(esc(problem), title="Save problem", severity="error", timeout=86_400)
        else:
            self.notify("Saved again in the saves folder.", timeout=4)

    def flush_saves(self) -> None:
        """Wait for pending saves (on exit, and in tests)."""
        if self._writer is not None:
            self._writer.shutdown(wait=True)
            self._writer = None

    def on_unmount(self) -> None:
        self.flush_saves()

    # -- size, errors, actions ------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self._check_size(event.size)

    def _check_size(self, size: Size | None = None) -> None:
        """Cover the game with a clear message while the terminal is too small."""
        from game.tui.dialogs import TooSmallScreen

        size = size or self.size
        small = size.width < MIN_SIZE[0] or size.height < MIN_SIZE[1]
        showing = isinstance(self.screen, TooSmallScreen)
        if small and not showing:
            self.push_screen(TooSmallScreen(MIN_SIZE))
        elif not small and showing:
            self.pop_screen()

    def _fatal_error(self) -> None:
        """Write the traceback to a file and leave one clear line instead of a traceback.
        Only the first error is kept: later ones are usually its consequences."""
        if self.crash_note is not None:
            self._close_messages_no_wait()
            return
        from game.safefile import state_dir, write_new

        try:  # a new private file in the user's state folder: no fixed name, no symlink followed
            path = write_new(state_dir(), "crash", ".txt", traceback.format_exc())
            self.crash_note = f"Red Lines stopped on an internal error; details in {path}"
        except OSError:
            self.crash_note = "Red Lines stopped on an internal error."
        self._close_messages_no_wait()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While the terminal is too small, only quitting works."""
        return action == "quit" or type(self.screen).__name__ != "TooSmallScreen"

    def action_help(self) -> None:
        from game.tui.dialogs import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.theme == "textual-dark" else "textual-dark"

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Help", "Keys and the ideas of negotiation", self.action_help)
        yield SystemCommand("Light/dark theme", "Switch the colour theme",
                            self.action_toggle_theme)
        yield SystemCommand("Title screen", "Leave this game (it is saved)", self.go_title)
        actions = getattr(screen, "PALETTE", ())
        for title, help_text, action in actions:
            if screen.check_action(action, ()) is not False:
                yield SystemCommand(title, help_text, getattr(screen, f"action_{action}"))

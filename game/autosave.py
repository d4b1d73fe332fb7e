"""Saving a game after every move, so that a failed save never loses the game silently.

The audit found whole games left unsaved behind passing toasts: a read-only or full saves folder,
or a file name too long (a long --seed). Here a failure is a state, not an event: the moves are
written to a rescue file in the user's state folder instead, and `problem` says, until a save
to the saves folder succeeds again, what failed and where the game is kept. Shells show `problem`
for as long as it is set (the TUI as a notification that stays).
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from game import safefile

if TYPE_CHECKING:
    from game.engine.session import Session


@dataclass
class Autosaver:
    """One game's saves: `claim` before the game starts, `write` after every move."""

    folder: Path
    path: Path | None = None
    rescue: Path | None = None
    problem: str | None = None
    notice: str | None = None
    _reason: str | None = field(default=None, repr=False)
    """Why the saves folder failed, without the rescue sentence `problem` wraps it in: a later
    save that fails for the same reason says the same thing (once nested the whole message)."""
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _held: int | None = field(default=None, repr=False)
    _held_path: Path | None = field(default=None, repr=False)

    def claim(self, session: Session) -> str | None:
        """Take a file name in the saves folder now, so an unusable folder is known before the
        first move; returns the problem (also kept in `problem`), or None."""
        from game.saves import new_save_path

        if self.path is not None:
            if self._hold(self.path):
                return None
            # Two windows on one save lost moves (2, then 5, then 3): the second gets a copy.
            taken = self.path
            self.path = None
            self.notice = (f"{taken.name} is open in another window; this window's moves are "
                           "saved to a new file, so neither game loses any.")
        try:
            self.path = new_save_path(session, self.folder)
            self._hold(self.path)
        except OSError as err:
            self._fail(session, f"cannot save in {self.folder}: {err.strerror or err}")
        return self.problem

    def _hold(self, path: Path) -> bool:
        """Lock `path` for this game (a lock file beside it, held while the game runs);
        False when another game holds it. Where locks are not available, always True."""
        if self._held is not None and self._held_path == path:
            return True  # ours already (a second flock from this process would conflict)
        try:
            import fcntl
        except ImportError:
            return True
        try:
            fd = os.open(path.with_name(f".{path.name}.lock"),
                         os.O_CREAT | os.O_RDWR | getattr(os, "O_NOFOLLOW", 0), 0o644)
        except OSError:
            return True  # a folder we cannot write to: said by the save itself
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return False
        if self._held is not None:
            os.close(self._held)
        self._held, self._held_path = fd, path
        return True

    def write(self, session: Session, text: str) -> str | None:
        """Write the save (atomically); on failure write the rescue file. Returns the problem
        while there is one; None once the saves folder takes the game again."""
        from game.saves import atomic_write

        with self._lock:
            if self.path is not None:
                try:
                    atomic_write(self.path, text)
                except OSError as err:
                    reason = f"cannot write {self.path}: {err.strerror or err}"
                else:
                    self.problem = None
                    return None
            else:
                reason = self._reason or f"cannot save in {self.folder}"
            return self._fail(session, reason, text)

    def _fail(self, session: Session, reason: str, text: str | None = None) -> str:
        from game.saves import atomic_write, new_save_path

        self._reason = reason
        try:
            if self.rescue is None:
                self.rescue = new_save_path(session, safefile.state_dir() / "rescued")
            if text is not None:
                atomic_write(self.rescue, text)
            self.problem = (f"Not saved in the saves folder: {reason}. Your moves are kept in "
                            f"{self.rescue} until it works again.")
        except OSError as err:
            self.problem = (f"NOT SAVED: {reason}; the rescue copy failed too "
                            f"({err.strerror or err}). The game is only in memory: keep this "
                            "window open and free the disk or the folder.")
        return self.problem

"""Where `redlines join` keeps its seat tokens, so a student who loses the connection, closes
the terminal or reloads the page comes back to the same seat.

- In a terminal: a file of the user's (`$XDG_STATE_HOME/redlines/seat-tokens.json`), keyed by
  host, table code and the student's name: two terminals of one account at one table (two
  students on a lab machine's shared login, or an instructor trying two seats) each keep their
  own seat. Keyed by host and code alone, the second terminal took the first one's seat.
- In the browser (`redlines serve --join`): the browser's localStorage. The page sends what it
  holds when it opens the game's socket; the serve server hands it to this process in the
  environment (`REDLINES_SEAT_TOKENS`), and a new token goes back to the page as a meta packet
  (`seat_token`) that the page stores. One browser may serve several students in turn, so the
  key is the table code and the student's name: the same code and name come back to the seat.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Literal

ENV = "REDLINES_SEAT_TOKENS"
"""JSON `{"tokens": {"CODE|name": token}, "last": "CODE|name"}`, from the browser page."""


def tokens_file() -> Path:
    """Where the client keeps its seat tokens, so closing the terminal loses no seat."""
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "redlines" / "seat-tokens.json"


def _read_file() -> dict[str, str]:
    try:
        data = json.loads(tokens_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def keep_token(key: str, token: str) -> None:
    """Add `token` to the file, readable by this user alone (0600, whatever the umask or an
    older file's mode): a token takes the seat, and the seat's brief and numbers with it."""
    tokens = _read_file()
    tokens[key] = token
    path = tokens_file()
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(json.dumps(tokens, indent=1))
    except OSError:
        pass  # the seat still comes back within this run


def browser_key(code: str, name: str) -> str:
    return f"{code.upper()}|{' '.join(name.split()).casefold()}"


def _read_env() -> tuple[dict[str, str], str | None]:
    try:
        data = json.loads(os.environ.get(ENV, ""))
    except ValueError:
        return {}, None
    if not isinstance(data, dict) or not isinstance(data.get("tokens"), dict):
        return {}, None
    tokens = {str(k): str(v) for k, v in data["tokens"].items() if isinstance(v, str)}
    last = data.get("last")
    return tokens, last if isinstance(last, str) and last in tokens else None


class SeatTokens:
    """The client's seat tokens: in a file, in the browser, or (a shared terminal) nowhere."""

    def __init__(self, url: str, keep_file: bool) -> None:
        self.url = url.rstrip("/")
        self.mode: Literal["file", "browser", "none"] = (
            "file" if keep_file else "browser" if ENV in os.environ else "none")
        self.browser, self.last_key = _read_env() if self.mode == "browser" else ({}, None)

    def key(self, code: str, name: str) -> str:
        return (f"{self.url} {browser_key(code, name)}" if self.mode == "file"
                else browser_key(code, name))

    def get(self, code: str, name: str) -> str | None:
        if self.mode == "file":
            return _read_file().get(self.key(code, name))
        return self.browser.get(self.key(code, name)) if self.mode == "browser" else None

    def last(self) -> tuple[str, str] | None:
        """The code and name this browser last held a seat with (to fill in the form)."""
        if self.last_key is None:
            return None
        code, _, name = self.last_key.partition("|")
        return code, name

    def keep(self, code: str, name: str, token: str, driver: Any) -> None:
        """Keep `token`; in the browser, through the app's web driver (`write_meta`)."""
        if self.mode == "file":
            keep_token(self.key(code, name), token)
        elif self.mode == "browser":
            self.browser[self.key(code, name)] = token
            write = getattr(driver, "write_meta", None)
            if callable(write):
                write({"type": "seat_token", "key": self.key(code, name), "token": token})

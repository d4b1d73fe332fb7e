"""`redlines serve --join`: seat tokens kept in the browser, so a reloaded page finds its seat.

Each page load starts (or forks) a new `redlines join` process, which remembers nothing. The page
keeps the tokens in its localStorage and sends them with the socket's address (`?seats=JSON`); this
module checks them and hands them to the process in its environment (`REDLINES_SEAT_TOKENS`, never
on a command line that `ps` shows; a forked process gets it in its request to the zygote, which sets
nothing else). When the process gets a new token it sends a meta packet (`seat_token`), which is
passed to the page as `["seat_token", {key, token}]` for it to store. Nothing else from the page
reaches the process this way.
"""

from __future__ import annotations

import json
import re
from typing import Any

from game.commands.serve_forker import ForkedAppService
from game.tui.seat_tokens import ENV

MAX_SEATS_TEXT = 8 * 1024
"""The most of `?seats=` that is read (a few dozen tokens)."""
MAX_ENTRIES = 40
_KEY = re.compile(r"^[A-Z]{4,6}\|[^\x00-\x1f\x7f]{0,120}$")
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{8,100}$")


def seats_from_page(text: str | None) -> dict[str, Any] | None:
    """The page's tokens as the join process reads them, or None: unreadable or absent input
    is dropped (the student then joins afresh), never passed on."""
    if not text or len(text) > MAX_SEATS_TEXT:
        return None
    try:
        data = json.loads(text)
    except ValueError:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("tokens"), dict):
        return None
    tokens = {k: v for k, v in list(data["tokens"].items())[:MAX_ENTRIES]
              if isinstance(k, str) and isinstance(v, str) and _KEY.match(k) and _TOKEN.match(v)}
    last = data.get("last")
    return {"tokens": tokens, "last": last if isinstance(last, str) and last in tokens else None}


class SeatAppService(ForkedAppService):
    """The app service for the table client: the page's tokens in (in the environment of a
    process started afresh, or of a forked one), new ones out."""

    def __init__(self, *args: Any, seats: dict[str, Any] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.seats = seats or {"tokens": {}, "last": None}
        self.child_env = {ENV: json.dumps(self.seats)}

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        env = super()._build_environment(width=width, height=height)
        env.update(self.child_env)
        return env

    async def on_meta(self, data: bytes) -> None:
        try:
            meta = json.loads(data)
        except ValueError:
            return
        if isinstance(meta, dict) and meta.get("type") == "seat_token":
            key, token = meta.get("key"), meta.get("token")
            if isinstance(key, str) and isinstance(token, str) and _KEY.match(key) \
                    and _TOKEN.match(token):
                await self.remote_write_str(json.dumps(["seat_token",
                                                        {"key": key, "token": token}]))
            return
        await super().on_meta(data)

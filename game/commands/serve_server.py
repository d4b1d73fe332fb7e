"""The web server behind `redlines serve`: textual-serve's, made safe for a classroom.

What an audit found with plain textual-serve, and what this subclass does about it:
- every browser shared one saves folder (a student saw and continued others' games): each browser
  gets an identity (a random cookie set by the page) and a saves folder of its own;
- no cap: at the memory limit the kernel killed session processes and their pages froze; here at
  most `cap` games run at once, and the next student gets a "the class is full" page that retries;
- a session process that dies (killed, crashed) left its page frozen: its socket is now closed
  with a message, and the page offers to reconnect (the game is saved after every move);
- a websocket from a foreign Origin was served a game; `/static/` listed its folders; window sizes
  of 0 or less hung the connection; aborted clients printed tracebacks with locals.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import secrets
import shlex
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import aiohttp_jinja2
import jinja2
from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from game.commands.serve_forker import ForkedAppService, Forker, can_fork

log = logging.getLogger("redlines-serve")

COOKIE = "redlines_player"
_PLAYER = re.compile(r"^[0-9a-f]{32}$")
PAGE = Path(__file__).resolve().parent.parent / "serve_page"
CLOSED = ("Your game stopped (the server ended it or ran short of memory). Every move was "
          "saved: reconnect and choose Continue.")
FULL = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Red Lines: the class is full
</title><meta http-equiv="refresh" content="30"></head><body style="font-family:sans-serif;
background:#0c181f;color:#eee;text-align:center;padding-top:20vh"><h1>The class is full</h1>
<p>{n} games are running, as many as this server takes at once.</p><p>Try again in a minute:
this page retries by itself every 30 seconds.</p></body></html>"""


def play_argv(saves_dir: Path) -> list[str]:
    """The `redlines` arguments of one browser's game: its own saves folder."""
    return ["play", "--saves-dir", str(saves_dir)]


def shell_command(argv: list[str]) -> str:
    """`redlines ARGV` as a shell command: this Python, this package."""
    return " ".join(shlex.quote(p) for p in [sys.executable, "-m", "game", *argv])


def clamp(value: int, low: int, high: int) -> int:
    return max(low, min(high, value))


class RedLinesServer(Server):
    """textual-serve's Server with per-browser saves, a session cap and the checks above."""

    def __init__(self, saves_root: Path, cap: int, public_url: str | None = None,
                 app: tuple[str, list[str]] | None = None, fork: bool = True,
                 **kwargs: Any) -> None:
        super().__init__("", templates_path=PAGE, public_url=public_url, **kwargs)
        self.mode: str = app[0] if app is not None else "play"
        self.app_argv: list[str] | None = app[1] if app is not None else None
        """Which app each browser gets (play, join or console) and, but for play, its
        `redlines` arguments (play's name the browser's own saves folder)."""
        """Run for every browser instead of a solo game (`serve --join`: the table client)."""
        self.forker = (Forker(self.mode, str(saves_root))
                       if fork and can_fork() else None)
        """Forks game processes from a parent that has imported the app (None: each browser's
        process starts from scratch, about a CPU-second of imports before its first screen)."""
        self.explicit_url = public_url  # None: each page uses the address it was asked at
        self.saves_root = saves_root
        self.cap = cap
        self.active = 0

    def initialize_logging(self) -> None:
        """One line per event: no tracebacks with locals for a browser that went away."""
        logging.basicConfig(level="INFO", format="redlines serve: %(message)s")

    async def _make_app(self) -> web.Application:
        app = web.Application()
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path))
        app.add_routes([
            web.get("/", self.handle_index, name="index"),
            web.get("/ws", self.handle_websocket, name="websocket"),
            web.get("/download/{key}", self.handle_download, name="download"),
            web.static("/static", self.statics_path, show_index=False, name="static"),
        ])
        app.on_startup.append(self.on_startup)
        app.on_cleanup.append(self.on_cleanup)
        return app

    async def on_startup(self, app: web.Application) -> None:
        log.info("serving on %s (at most %d games at once)",
                 self.explicit_url or f"http://{self.host}:{self.port}", self.cap)
        if self.forker is not None:  # ready before the first students, not started by them
            self._warming = asyncio.create_task(self.forker.start())

    async def on_cleanup(self, app: web.Application) -> None:
        if self._warming is not None and not self._warming.done():
            self._warming.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._warming
        if self.forker is not None:
            await self.forker.close()

    def player(self, request: web.Request) -> str | None:
        """The browser's identity from its cookie, or None for a new (or forged) one."""
        value = request.cookies.get(COOKIE, "")
        return value if _PLAYER.match(value) else None

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        if self.active >= self.cap:
            return web.Response(text=FULL.format(n=self.active), content_type="text/html",
                                status=503, headers={"Retry-After": "30"})
        context = self._context(request)
        response = aiohttp_jinja2.render_template("app_index.html", request, context)
        if self.player(request) is None:
            response.set_cookie(COOKIE, secrets.token_hex(16), max_age=180 * 86400,
                                httponly=True, samesite="Strict")
        return response

    def _context(self, request: web.Request) -> dict[str, Any]:
        """The page's addresses: the one the request came to, unless --public-url was given."""
        base = (self.explicit_url or f"{request.scheme}://{request.host}").rstrip("/")
        ws = ("wss:" if base.startswith("https") else "ws:") + base.split(":", 1)[1]
        return {
            "font_size": clamp(to_int(request.query.get("fontsize", "16"), 16), 6, 64),
            "app_websocket_url": f"{ws}/ws",
            "config": {"static": {"url": f"{base}/static/"}},
            "application": {"name": self.title},
            "closed_message": CLOSED,
            "keep_seats": self.mode == "join",
        }

    def origin_ok(self, request: web.Request) -> bool:
        """A browser's websocket must come from a page this server served (same host)."""
        origin = request.headers.get("Origin")
        if origin is None:
            return True  # not a browser: a browser always sends Origin on a websocket
        allowed = {request.host}
        if self.explicit_url:
            allowed.add(urlsplit(self.explicit_url).netloc)
        return urlsplit(origin).netloc in allowed

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        if not self.origin_ok(request):
            log.warning("refused a websocket from origin %s", request.headers.get("Origin"))
            raise web.HTTPForbidden(text="foreign origin")
        websocket = web.WebSocketResponse(heartbeat=15)
        await websocket.prepare(request)
        player = self.player(request)
        if player is None:  # no cookie (page not loaded here): a folder of its own anyway
            player = secrets.token_hex(16)
        if self.active >= self.cap:
            await websocket.send_bytes(b"\r\nThe class is full: try again in a minute.\r\n")
            await websocket.close()
            return websocket
        self.active += 1
        try:
            await self._run(request, websocket, self.saves_root / player)
        except (ConnectionError, asyncio.CancelledError) as err:
            log.info("a browser went away (%s)", type(err).__name__)
        except Exception as err:  # one line, not a traceback with locals
            log.warning("a session ended on %s: %s", type(err).__name__, err)
        finally:
            self.active -= 1
            if not websocket.closed:
                await websocket.close()
        return websocket

    async def _run(self, request: web.Request, websocket: web.WebSocketResponse,
                   saves: Path) -> None:
        saves.mkdir(parents=True, exist_ok=True)
        width = clamp(to_int(request.query.get("width", "80"), 80), 20, 500)
        height = clamp(to_int(request.query.get("height", "24"), 24), 5, 300)
        async def close() -> None:
            await websocket.close()

        argv = self.app_argv or play_argv(saves)
        cls: type[ForkedAppService] = ForkedAppService
        extra: dict[str, Any] = {}
        if self.mode == "join":  # the table client: seat tokens kept by the browser
            from game.commands.serve_seats import SeatAppService, seats_from_page

            cls, extra = SeatAppService, {"seats": seats_from_page(request.query.get("seats"))}
        service = cls(shell_command(argv), argv, self.forker, write_bytes=websocket.send_bytes,
                      write_str=websocket.send_str, close=close,
                      download_manager=self.download_manager, debug=False, **extra)
        await service.start(width, height)
        messages = asyncio.create_task(self._process_messages(websocket, service))
        process = service._task
        assert process is not None
        try:
            done, _ = await asyncio.wait({messages, process},
                                         return_when=asyncio.FIRST_COMPLETED)
            if process in done and not websocket.closed:
                # The game's process is gone (killed, crashed): say so instead of freezing.
                code = service._process.returncode if service._process else None
                log.warning("a session process ended (exit %s)", "?" if code is None else code)
                await websocket.close(message=b"session process ended")
        finally:
            messages.cancel()
            await service.stop()

    async def _process_messages(self, websocket: web.WebSocketResponse,
                                app_service: AppService) -> None:
        """The base class's loop, with window sizes clamped (0 or less hung the connection)."""
        async for message in websocket:
            if message.type != web.WSMsgType.TEXT:
                continue
            try:
                envelope = message.json()
                kind, data = envelope[0], envelope[1]
            except (ValueError, TypeError, IndexError, KeyError):
                continue
            if kind == "stdin" and isinstance(data, str):
                await app_service.send_bytes(data.encode("utf-8"))
            elif kind == "resize" and isinstance(data, dict):
                await app_service.set_terminal_size(
                    clamp(to_int(str(data.get("width", 80)), 80), 20, 500),
                    clamp(to_int(str(data.get("height", 24)), 24), 5, 300))
            elif kind == "ping":
                await websocket.send_json(["pong", data])
            elif kind == "blur":
                await app_service.blur()
            elif kind == "focus":
                await app_service.focus()

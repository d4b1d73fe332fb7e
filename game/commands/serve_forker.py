"""The server's end of `serve_zygote`: game processes forked from a parent that has already
imported the app, so a browser's first screen does not wait for a fresh Python's imports.

`Forker` starts the zygote when the server starts and asks it for one child per browser, passing
the child's identity (its `redlines` arguments: its own saves folder) in the request, since a
process started ahead of demand cannot learn it from its environment. A zygote that died (killed,
out of memory) is replaced on the next request; while none can be had, `spawn` returns None and
the caller starts a process the old way. `ForkedAppService` is textual-serve's AppService with
that first choice.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import signal
import socket
import sys
from asyncio.subprocess import Process
from importlib.metadata import version
from typing import Any, cast

from textual_serve.app_service import AppService

log = logging.getLogger("redlines-serve")

MAX_PACKET = 64 * 1024
READY_TIMEOUT = 60.0  # importing the app under a heavy load
REPLY_TIMEOUT = 10.0
RETRY_AFTER = 60.0  # a parent that failed to start is not tried again for every student


class RequestRefused(Exception):
    """The game-process parent answered a request with an error (a malformed request, or no
    process left to fork): that request fails, while the parent goes on serving others."""


def can_fork() -> bool:
    """Fork and passing descriptors over a socket: Linux and the BSDs, not Windows."""
    return hasattr(os, "fork") and hasattr(socket, "send_fds") and hasattr(socket, "AF_UNIX")


def app_environment() -> dict[str, str]:
    """The environment textual-serve gives its app processes (Textual reads some of it when it
    is imported, so the zygote needs it before the children exist); the window size is set in
    each child."""
    env = dict(os.environ)
    env.update({
        "TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver",
        "TEXTUAL_FPS": "60",
        "TEXTUAL_COLOR_SYSTEM": "truecolor",
        "TERM_PROGRAM": "textual",
        "TERM_PROGRAM_VERSION": version("textual-serve"),
    })
    # numpy's BLAS starts a pool of threads when imported, and a process with threads is not
    # safe to fork; one thread each also suits many games sharing a few cores.
    env.update({"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"})
    return env


class ForkedProcess:
    """What AppService uses of its process, for a child of the zygote (which reaps it: its exit
    status is not ours to know, so `returncode` stays None)."""

    def __init__(self, pid: int, stdin: asyncio.StreamWriter, stdout: asyncio.StreamReader,
                 stderr: asyncio.StreamReader, transports: list[asyncio.BaseTransport]) -> None:
        self.pid = pid
        self.stdin, self.stdout, self.stderr = stdin, stdout, stderr
        self.returncode: int | None = None
        self._transports = transports

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)

    def close(self) -> None:
        """Close this end of the child's pipes (a long-running server must not leak them)."""
        for transport in self._transports:
            transport.close()


async def _reader(fd: int) -> tuple[asyncio.StreamReader, asyncio.BaseTransport]:
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader(limit=2**16)
    transport, _ = await loop.connect_read_pipe(
        lambda: asyncio.StreamReaderProtocol(reader), os.fdopen(fd, "rb", buffering=0))
    return reader, transport


async def _writer(fd: int) -> tuple[asyncio.StreamWriter, asyncio.BaseTransport]:
    loop = asyncio.get_running_loop()
    transport, protocol = await loop.connect_write_pipe(
        asyncio.streams.FlowControlMixin, os.fdopen(fd, "wb", buffering=0))
    return asyncio.StreamWriter(transport, protocol, None, loop), transport


class Forker:
    """Starts the zygote, asks it for game processes, replaces it when it has died."""

    def __init__(self, mode: str = "play", label: str = "",
                 env: dict[str, str] | None = None) -> None:
        self.mode, self.label = mode, label
        self.env = env if env is not None else app_environment()
        self.starts = 0
        """Zygotes started so far (more than one: a dead one was replaced)."""
        self._zygote: Process | None = None
        self._control: socket.socket | None = None
        self._lock = asyncio.Lock()
        self._retry_at = 0.0

    @property
    def zygote_pid(self) -> int | None:
        return self._zygote.pid if self._zygote is not None else None

    async def start(self) -> bool:
        """Start the zygote now (the server calls this at startup): True once it is ready."""
        async with self._lock:
            return await self._ensure()

    async def spawn(self, argv: list[str], width: int, height: int,
                    env: dict[str, str] | None = None) -> ForkedProcess | None:
        """A running `redlines ARGV` with a WIDTHxHEIGHT window, or None when no zygote can be
        had (the caller then starts the process itself)."""
        async with self._lock:
            for _ in range(2):  # a zygote found dead mid-request is replaced once
                if not await self._ensure():
                    return None
                try:
                    return await self._request(argv, width, height, env or {})
                except RequestRefused as err:  # the parent is fine: this one request is not
                    log.warning("the game-process parent refused a request: %s", err)
                    return None
                except (OSError, TimeoutError, ValueError) as err:
                    log.warning("the game-process parent failed (%s: %s); starting another",
                                type(err).__name__, err)
                    await self._discard()
            return None

    async def close(self) -> None:
        """Stop the zygote (its children, the running games, go on until they end)."""
        async with self._lock:
            await self._discard()

    async def _ensure(self) -> bool:
        if self._zygote is not None and self._zygote.returncode is None:
            return True
        await self._discard()
        loop = asyncio.get_running_loop()
        if loop.time() < self._retry_at:
            return False
        if await self._launch():
            return True
        self._retry_at = loop.time() + RETRY_AFTER
        return False

    async def _launch(self) -> bool:
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        self.starts += 1
        try:
            zygote = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "game.commands.serve_zygote", "--fd", str(theirs.fileno()),
                "--mode", self.mode, self.label, pass_fds=(theirs.fileno(),),
                stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.DEVNULL,
                env=self.env)
        except OSError as err:
            log.warning("cannot start the game-process parent: %s", err)
            ours.close()
            return False
        finally:
            theirs.close()
        ours.setblocking(False)
        self._zygote, self._control = zygote, ours
        try:
            answer = await self._receive(READY_TIMEOUT)
        except (OSError, TimeoutError, ValueError) as err:
            answer = {"error": f"{type(err).__name__}: {err}"}
        if answer.get("ready") is not True:
            log.warning("the game-process parent did not start: %s", answer.get("error"))
            await self._discard()
            return False
        return True

    async def _receive(self, timeout: float) -> dict[str, Any]:
        assert self._control is not None
        loop = asyncio.get_running_loop()
        data = await asyncio.wait_for(loop.sock_recv(self._control, MAX_PACKET), timeout)
        if not data:
            raise ConnectionResetError("the game-process parent closed its socket")
        answer = json.loads(data)
        if not isinstance(answer, dict):
            raise ValueError(f"unexpected answer {answer!r}")
        return answer

    async def _request(self, argv: list[str], width: int, height: int,
                       env: dict[str, str]) -> ForkedProcess:
        assert self._control is not None
        child_in, our_in = os.pipe()
        our_out, child_out = os.pipe()
        our_err, child_err = os.pipe()
        loose = [our_in, our_out, our_err]  # ours to close until a transport owns them
        transports: list[asyncio.BaseTransport] = []
        try:
            request = json.dumps({"argv": argv, "width": width, "height": height,
                                  "env": env}).encode()
            try:
                socket.send_fds(self._control, [request], [child_in, child_out, child_err])
            finally:
                for fd in (child_in, child_out, child_err):
                    os.close(fd)
            answer = await self._receive(REPLY_TIMEOUT)
            pid = answer.get("pid")
            if not isinstance(pid, int):
                if isinstance(answer.get("error"), str):
                    raise RequestRefused(answer["error"])
                raise ValueError(f"unexpected answer {answer!r}")
            stdin, transport = await _writer(loose.pop(0))
            transports.append(transport)
            stdout, transport = await _reader(loose.pop(0))
            transports.append(transport)
            stderr, transport = await _reader(loose.pop(0))
            transports.append(transport)
        except BaseException:
            for transport in transports:
                transport.close()
            for fd in loose:
                with contextlib.suppress(OSError):
                    os.close(fd)
            raise
        return ForkedProcess(pid, stdin, stdout, stderr, transports)

    async def _discard(self) -> None:
        if self._control is not None:
            self._control.close()  # the zygote sees the end of its socket and exits
            self._control = None
        zygote, self._zygote = self._zygote, None
        if zygote is not None and zygote.returncode is None:
            try:
                await asyncio.wait_for(zygote.wait(), 5)
            except TimeoutError:
                zygote.kill()
                await zygote.wait()


class ForkedAppService(AppService):
    """AppService whose process comes from the forker when it can, else is started as before."""

    def __init__(self, command: str, argv: list[str], forker: Forker | None,
                 **kwargs: Any) -> None:
        super().__init__(command, **kwargs)
        self.argv, self.forker = argv, forker
        self.forked: ForkedProcess | None = None
        self.child_env: dict[str, str] = {}
        """Variables the game process needs of its own (a forked child sets them itself)."""

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Process:
        if self.forker is not None:
            child = await self.forker.spawn(self.argv, width, height, self.child_env)
            if child is not None:
                self.forked = child
                self._process = cast(Process, child)
                self._stdin = child.stdin
                return self._process
        return await super()._open_app_process(width, height)

    async def stop(self) -> None:
        await super().stop()
        if self.forked is not None:
            self.forked.close()
